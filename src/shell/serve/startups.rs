//! The connections still signing in, and the rule that keeps a few stalled
//! ones from shutting a class out.
//!
//! Like OpenSSH's `MaxStartups` and `PerSourceMaxStartups`, the server caps
//! the connections that have not signed in yet, per source address and in
//! total. What happens at a cap is where a class server differs from a cliff:
//! a connection that has done nothing since its identification line (no key
//! exchange, no sign-in attempt) is *stalled*, and a new connection sheds the
//! oldest stalled one instead of being refused. A client that has begun
//! signing in (a student typing the class code) is never shed for a newer
//! one. A whole class behind one NAT address therefore gets in past any
//! number of banner-only sockets from that address, while one address can
//! never hold more than its share of the table.
//!
//! Every connection's socket is wrapped in a [`Killable`] stream, so that
//! shedding a connection, or its sign-in deadline passing, closes the
//! socket and ends its task in whatever protocol state it is (a disconnect
//! message is ignored by a peer in the middle of key exchange, and a task
//! merely detached keeps its socket).

use std::collections::HashMap;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Instant;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use super::lock;

/// The caps on connections still signing in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StartupLimits {
    /// In total (OpenSSH's `MaxStartups`).
    pub total: usize,
    /// From one source: an IPv4 address, or an IPv6 /64 (one household's
    /// or one classroom's prefix). OpenSSH's `PerSourceMaxStartups`.
    pub per_source: usize,
}

impl Default for StartupLimits {
    fn default() -> StartupLimits {
        StartupLimits {
            total: 256,
            per_source: 64,
        }
    }
}

/// Where a connection comes from, as far as the caps are concerned: an
/// IPv4 address, or the /64 of an IPv6 one (a single host is handed a
/// whole /64, so counting its addresses one by one would count nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    V4([u8; 4]),
    V6([u8; 8]),
}

impl Source {
    pub fn of(ip: IpAddr) -> Source {
        match ip {
            IpAddr::V4(v4) => Source::V4(v4.octets()),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Source::V4(v4.octets()),
                None => {
                    let o = v6.octets();
                    Source::V6([o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7]])
                }
            },
        }
    }
}

/// How far a connection has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    /// Nothing since the identification line: may be shed.
    Stalled,
    /// Key exchange done and a sign-in method tried: kept until its
    /// deadline.
    SigningIn,
}

struct Entry {
    source: Source,
    opened: Instant,
    stage: Stage,
    kill: Arc<Kill>,
}

/// The table of connections still signing in.
pub struct Startups {
    limits: StartupLimits,
    table: Mutex<Table>,
}

#[derive(Default)]
struct Table {
    next: u64,
    entries: HashMap<u64, Entry>,
    per_source: HashMap<Source, usize>,
}

impl Table {
    /// The oldest stalled connection, from `source` only if given.
    fn oldest_stalled(&self, source: Option<Source>) -> Option<u64> {
        self.entries
            .iter()
            .filter(|(_, e)| e.stage == Stage::Stalled && source.is_none_or(|s| e.source == s))
            .min_by_key(|(id, e)| (e.opened, **id))
            .map(|(id, _)| *id)
    }

    fn remove(&mut self, id: u64) -> Option<Entry> {
        let entry = self.entries.remove(&id)?;
        if let Some(n) = self.per_source.get_mut(&entry.source) {
            *n -= 1;
            if *n == 0 {
                self.per_source.remove(&entry.source);
            }
        }
        Some(entry)
    }

    /// Sheds the oldest stalled connection (from `source` if given), or
    /// says there is none to shed.
    fn shed(&mut self, source: Option<Source>) -> bool {
        match self.oldest_stalled(source) {
            Some(id) => {
                if let Some(entry) = self.remove(id) {
                    entry.kill.kill();
                }
                true
            }
            None => false,
        }
    }
}

/// Why a new connection was not admitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Its source has as many connections signing in as it may, none of
    /// them stalled.
    Source,
    /// The table is full of connections signing in, none of them stalled.
    Full,
}

impl Startups {
    pub fn new(limits: StartupLimits) -> Arc<Startups> {
        Arc::new(Startups {
            limits,
            table: Mutex::new(Table::default()),
        })
    }

    pub fn limits(&self) -> StartupLimits {
        self.limits
    }

    /// Admits a new connection from `ip`, shedding the oldest stalled one
    /// where a cap is reached; its place in the table lasts as long as the
    /// ticket, and `kill` closes it if it is shed.
    pub fn admit(
        self: &Arc<Startups>,
        ip: IpAddr,
        kill: Arc<Kill>,
        now: Instant,
    ) -> Result<Ticket, Refused> {
        let source = Source::of(ip);
        let mut table = lock(&self.table);
        if table.per_source.get(&source).copied().unwrap_or(0) >= self.limits.per_source
            && !table.shed(Some(source))
        {
            return Err(Refused::Source);
        }
        if table.entries.len() >= self.limits.total && !table.shed(None) {
            return Err(Refused::Full);
        }
        let id = table.next;
        table.next += 1;
        table.entries.insert(
            id,
            Entry {
                source,
                opened: now,
                stage: Stage::Stalled,
                kill,
            },
        );
        *table.per_source.entry(source).or_insert(0) += 1;
        Ok(Ticket {
            startups: self.clone(),
            id,
        })
    }

    /// Connections signing in now.
    pub fn len(&self) -> usize {
        lock(&self.table).entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Connections signing in now from the source of `ip`.
    pub fn from_source(&self, ip: IpAddr) -> usize {
        lock(&self.table)
            .per_source
            .get(&Source::of(ip))
            .copied()
            .unwrap_or(0)
    }
}

/// A connection's place in the table of those signing in: gone when the
/// connection signs in or ends.
pub struct Ticket {
    startups: Arc<Startups>,
    id: u64,
}

impl Ticket {
    /// The client has begun signing in (its key exchange is done): it is
    /// no longer stalled, and no newcomer sheds it.
    pub fn signing_in(&self) {
        if let Some(e) = lock(&self.startups.table).entries.get_mut(&self.id) {
            e.stage = Stage::SigningIn;
        }
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        lock(&self.startups.table).remove(self.id);
    }
}

/// A switch that closes one connection's socket from outside its task.
#[derive(Default)]
pub struct Kill {
    killed: AtomicBool,
    wakers: Mutex<[Option<Waker>; 2]>,
}

impl Kill {
    pub fn new() -> Arc<Kill> {
        Arc::new(Kill::default())
    }

    /// Closes the connection: its next read and write fail, and the task
    /// waiting on either is woken to find out.
    pub fn kill(&self) {
        self.killed.store(true, Ordering::SeqCst);
        let wakers = std::mem::take(&mut *lock(&self.wakers));
        for w in wakers.into_iter().flatten() {
            w.wake();
        }
    }

    pub fn is_killed(&self) -> bool {
        self.killed.load(Ordering::SeqCst)
    }

    /// Whether it is killed, after arranging that `slot`'s waiter is woken
    /// if it is killed later.
    fn check(&self, slot: usize, cx: &Context<'_>) -> bool {
        if self.is_killed() {
            return true;
        }
        {
            let mut wakers = lock(&self.wakers);
            match &mut wakers[slot] {
                Some(w) if w.will_wake(cx.waker()) => {}
                w => *w = Some(cx.waker().clone()),
            }
        }
        // A kill between the first test and the waker's registration
        // would otherwise go unnoticed.
        self.is_killed()
    }
}

/// A stream that a [`Kill`] can close.
pub struct Killable<S> {
    inner: S,
    kill: Arc<Kill>,
}

impl<S> Killable<S> {
    pub fn new(inner: S, kill: Arc<Kill>) -> Killable<S> {
        Killable { inner, kill }
    }
}

fn killed() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "connection closed by the server",
    )
}

impl<S: AsyncRead + Unpin> AsyncRead for Killable<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.kill.check(0, cx) {
            return Poll::Ready(Err(killed()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Killable<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.kill.check(1, cx) {
            return Poll::Ready(Err(killed()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.kill.check(1, cx) {
            return Poll::Ready(Err(killed()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};
    use std::time::Duration;

    fn v4(last: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(127, 0, 0, last))
    }

    #[test]
    fn ipv6_counts_per_64_and_mapped_v4_as_v4() {
        let a: Ipv6Addr = "2001:db8:1:2::1".parse().unwrap();
        let b: Ipv6Addr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let c: Ipv6Addr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(Source::of(a.into()), Source::of(b.into()));
        assert_ne!(Source::of(a.into()), Source::of(c.into()));
        let mapped: Ipv6Addr = "::ffff:127.0.0.1".parse().unwrap();
        assert_eq!(Source::of(mapped.into()), Source::of(v4(1)));
    }

    #[test]
    fn a_newcomer_sheds_the_oldest_stalled_connection_of_its_source() {
        let startups = Startups::new(StartupLimits {
            total: 10,
            per_source: 3,
        });
        let t0 = Instant::now();
        let kills: Vec<_> = (0..3).map(|_| Kill::new()).collect();
        let tickets: Vec<_> = kills
            .iter()
            .enumerate()
            .map(|(i, k)| {
                startups
                    .admit(v4(1), k.clone(), t0 + Duration::from_secs(i as u64))
                    .unwrap()
            })
            .collect();
        // The oldest is signing in: the next oldest stalled one goes.
        tickets[0].signing_in();
        let _new = startups
            .admit(v4(1), Kill::new(), t0 + Duration::from_secs(5))
            .unwrap();
        assert!(!kills[0].is_killed());
        assert!(kills[1].is_killed());
        assert!(!kills[2].is_killed());
        assert_eq!(startups.from_source(v4(1)), 3);
        // Another source is not touched by this one's cap.
        let _other = startups.admit(v4(2), Kill::new(), t0).unwrap();
        assert_eq!(startups.len(), 4);
    }

    #[test]
    fn with_nobody_stalled_a_full_source_or_table_refuses() {
        let startups = Startups::new(StartupLimits {
            total: 3,
            per_source: 2,
        });
        let now = Instant::now();
        let a = startups.admit(v4(1), Kill::new(), now).unwrap();
        let b = startups.admit(v4(1), Kill::new(), now).unwrap();
        a.signing_in();
        b.signing_in();
        assert_eq!(
            startups.admit(v4(1), Kill::new(), now).err(),
            Some(Refused::Source)
        );
        let c = startups.admit(v4(2), Kill::new(), now).unwrap();
        c.signing_in();
        assert_eq!(
            startups.admit(v4(3), Kill::new(), now).err(),
            Some(Refused::Full)
        );
        // A place is free again once a ticket goes.
        drop(a);
        assert!(startups.admit(v4(3), Kill::new(), now).is_ok());
    }

    #[test]
    fn a_full_table_sheds_the_oldest_stalled_connection_of_any_source() {
        let startups = Startups::new(StartupLimits {
            total: 2,
            per_source: 2,
        });
        let t0 = Instant::now();
        let old = Kill::new();
        let young = Kill::new();
        let _a = startups.admit(v4(1), old.clone(), t0).unwrap();
        let _b = startups
            .admit(v4(2), young.clone(), t0 + Duration::from_secs(1))
            .unwrap();
        let _c = startups
            .admit(v4(3), Kill::new(), t0 + Duration::from_secs(2))
            .unwrap();
        assert!(old.is_killed());
        assert!(!young.is_killed());
        assert_eq!(startups.len(), 2);
    }
}
