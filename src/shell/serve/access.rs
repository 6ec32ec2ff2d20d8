//! Who may play on the server, and under which name: the public keys of an
//! `authorized_keys` file, the class code, the names bound to keys, the
//! names connected now, the slowing of repeated failures and the resume
//! codes that stand in for a key when a player signed in with the class
//! code.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use russh::keys::ssh_key::authorized_keys::AuthorizedKeys;
use russh::keys::ssh_key::public::KeyData;
use russh::keys::{HashAlg, PublicKey};
use sha2::{Digest, Sha256};

/// The longest player name kept (the rest is cut).
pub const MAX_NAME: usize = 24;

/// A player name from an SSH user name: letters, digits, `-` and `_`
/// only (it ends up in file names and on the facilitator's screen), at
/// most [`MAX_NAME`] characters; None if nothing is left.
/// The name kept for the control desk when there are control keys.
pub const CONTROL_NAME: &str = "control";

pub fn player_name(user: &str) -> Option<String> {
    let name: String = user
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .take(MAX_NAME)
        .collect();
    let name = name.trim_matches(|c| c == '-' || c == '_').to_string();
    (!name.is_empty()).then_some(name)
}

/// Why the access settings could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{}: {reason}", .path.display())]
pub struct AccessError {
    pub path: PathBuf,
    pub reason: String,
}

/// The public keys of an OpenSSH `authorized_keys` file.
pub fn read_authorized_keys(path: &Path) -> Result<Vec<PublicKey>, AccessError> {
    let fail = |reason: String| AccessError {
        path: path.to_path_buf(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
    let mut keys = Vec::new();
    for (n, entry) in AuthorizedKeys::new(&text).enumerate() {
        let entry = entry.map_err(|e| fail(format!("key {}: {e}", n + 1)))?;
        keys.push(entry.public_key().clone());
    }
    if keys.is_empty() {
        return Err(fail("no keys in the file".to_string()));
    }
    Ok(keys)
}

/// The class code: the file's first line, trimmed (read from a file so
/// that it never shows in `ps`).
pub fn read_class_code(path: &Path) -> Result<String, AccessError> {
    let fail = |reason: &str| AccessError {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let text = std::fs::read_to_string(path).map_err(|e| fail(&e.to_string()))?;
    let code = text.lines().next().unwrap_or("").trim().to_string();
    if code.chars().count() < 4 {
        return Err(fail("the class code must have at least 4 characters"));
    }
    Ok(code)
}

/// How a player proved who they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proof {
    /// A key from the authorized keys: the name is theirs.
    Key(String),
    /// A key from the control keys: the facilitator, at the control desk.
    Control(String),
    /// The class code (or nothing, on a loopback server without either):
    /// anyone could have typed this name, so opening a saved game or
    /// taking back a seat asks for its resume code.
    Code,
    Open,
}

/// The server's rules of entry, shared by every connection.
pub struct Access {
    keys: Option<Vec<KeyData>>,
    class_code: Option<String>,
    /// Name → the fingerprint of the key that first used it, kept in a
    /// file in the saves folder so that it survives restarts.
    bound: Mutex<HashMap<String, String>>,
    bound_file: Option<PathBuf>,
    connected: Mutex<HashSet<String>>,
    throttle: Mutex<Throttle>,
    secret: [u8; 32],
    /// Facilitators' keys: they sign in to the control desk.
    control: Option<Vec<KeyData>>,
    /// How many names one key may take.
    names_per_key: usize,
}

/// What `.ssh_names` holds, instead of a key's fingerprint, for a name
/// that signed in with the class code.
const CODE_MARK: &str = "code";

impl Access {
    /// `secret` makes resume codes this server's own (the host key's
    /// bytes do: they never change between restarts).
    pub fn new(
        keys: Option<Vec<PublicKey>>,
        class_code: Option<String>,
        bound_file: Option<PathBuf>,
        secret: &[u8],
        slowing: Slowing,
    ) -> Access {
        let bound = bound_file
            .as_deref()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .map(|text| parse_bound(&text))
            .unwrap_or_default();
        Access {
            keys: keys.map(|k| k.iter().map(|k| k.key_data().clone()).collect()),
            class_code,
            bound: Mutex::new(bound),
            bound_file,
            connected: Mutex::new(HashSet::new()),
            throttle: Mutex::new(Throttle::new(slowing)),
            secret: Sha256::digest(secret).into(),
            control: None,
            names_per_key: 1,
        }
    }

    /// Lets one key take up to `n` names (a teacher testing the class, a
    /// student who plays two games at once).
    pub fn with_names_per_key(mut self, n: usize) -> Access {
        self.names_per_key = n.max(1);
        self
    }

    /// The same, with the facilitators' keys (the control desk's).
    pub fn with_control(mut self, keys: Option<Vec<PublicKey>>) -> Access {
        self.control = keys.map(|k| k.iter().map(|k| k.key_data().clone()).collect());
        self
    }

    /// Whether `name` is kept for the facilitators' keys: `control`, when
    /// there are any. (On an open server a client signs in with no
    /// credentials before it offers a key, so the desk needs a name of its
    /// own there.)
    pub fn reserved(&self, name: &str) -> bool {
        self.control.is_some() && fold(name) == CONTROL_NAME
    }

    /// Whether this key is a facilitator's.
    pub fn control_fits(&self, key: &PublicKey) -> bool {
        self.control
            .as_ref()
            .is_some_and(|keys| keys.iter().any(|k| k == key.key_data()))
    }

    /// Whether anyone may connect without a key or a code (only ever on
    /// a loopback address: `serve` refuses anything else).
    pub fn is_open(&self) -> bool {
        self.keys.is_none() && self.class_code.is_none()
    }

    pub fn takes_keys(&self) -> bool {
        self.keys.is_some() || self.control.is_some()
    }

    pub fn takes_code(&self) -> bool {
        self.class_code.is_some()
    }

    /// Whether `key` may sign in as `name`: it is authorized, and the name
    /// is already this key's, or free while the key has fewer names than
    /// it may (one, unless the teacher allows more). A name that has
    /// signed in with the class code belongs to the code, not to a key.
    pub fn key_fits(&self, name: &str, key: &PublicKey) -> bool {
        let Some(keys) = &self.keys else {
            return false;
        };
        if !keys.contains(key.key_data()) {
            return false;
        }
        let print = key.fingerprint(HashAlg::Sha256).to_string();
        let bound = lock(&self.bound);
        match bound.get(&fold(name)) {
            Some(p) => *p == print,
            None => bound.values().filter(|p| **p == print).count() < self.names_per_key,
        }
    }

    /// Whether `name` is bound to a key or to the class code already.
    pub fn is_bound(&self, name: &str) -> bool {
        lock(&self.bound).contains_key(&fold(name))
    }

    /// Whether the class code may sign in as `name`: a name bound to a
    /// key takes only that key, so that nobody with the code locks its
    /// owner out or opens their games.
    pub fn code_name_fits(&self, name: &str) -> bool {
        lock(&self.bound)
            .get(&fold(name))
            .is_none_or(|p| p == CODE_MARK)
    }

    /// Binds a name to the key that has just signed in with it, for good.
    pub fn bind(&self, name: &str, key: &PublicKey) {
        self.bind_to(name, key.fingerprint(HashAlg::Sha256).to_string());
    }

    /// Binds a name to the class code, once it has signed in with it: no
    /// key can claim it afterwards (and so open its games without their
    /// resume codes).
    pub fn bind_code(&self, name: &str) {
        self.bind_to(name, CODE_MARK.to_string());
    }

    fn bind_to(&self, name: &str, print: String) {
        let mut bound = lock(&self.bound);
        if bound.insert(fold(name), print.clone()).as_deref() == Some(print.as_str()) {
            return;
        }
        if let Some(file) = &self.bound_file {
            let mut lines: Vec<String> = bound.iter().map(|(n, p)| format!("{n} {p}\n")).collect();
            lines.sort();
            // Not worth failing a sign-in over: the binding holds for as
            // long as the server runs.
            if let Err(e) = crate::save::write_atomic(file, lines.concat().as_bytes()) {
                tracing::warn!("cannot record {name}'s key in {}: {e}", file.display());
            }
        }
    }

    /// Whether `given` is the class code (compared by digest, so the time
    /// taken says nothing of how much of it matched).
    pub fn code_fits(&self, given: &str) -> bool {
        self.class_code
            .as_ref()
            .is_some_and(|code| Sha256::digest(code.trim()) == Sha256::digest(given.trim()))
    }

    /// Marks a name as playing; false if someone is already playing under
    /// it. The returned guard frees it.
    pub fn connect(&self, name: &str) -> bool {
        lock(&self.connected).insert(fold(name))
    }

    pub fn disconnect(&self, name: &str) {
        lock(&self.connected).remove(&fold(name));
    }

    /// How long to wait before answering a failed attempt from this
    /// address under this name (and it is counted).
    pub fn failed(&self, addr: Option<IpAddr>, name: &str, now: Instant) -> Duration {
        lock(&self.throttle).failed(addr, &fold(name), now)
    }

    /// A success forgets the failures before it.
    pub fn succeeded(&self, addr: Option<IpAddr>, name: &str) {
        lock(&self.throttle).succeeded(addr, &fold(name));
    }

    /// A player's resume code for a game (its save's file name): six
    /// letters and digits, the same on every restart, that only this
    /// server can make. Each player of a match has their own, so that one
    /// cannot take the other's seat.
    pub fn resume_code(&self, file_name: &str, player: &str) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        let mut hasher = Sha256::new();
        hasher.update(self.secret);
        hasher.update(file_name.as_bytes());
        hasher.update([0]);
        hasher.update(fold(player).as_bytes());
        hasher
            .finalize()
            .iter()
            .take(6)
            .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
            .collect()
    }

    /// Whether a typed code opens this game (case and spaces do not count).
    pub fn resume_fits(&self, file_name: &str, player: &str, typed: &str) -> bool {
        let typed: String = typed
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_uppercase();
        Sha256::digest(typed) == Sha256::digest(self.resume_code(file_name, player))
    }
}

/// Names compare without case: "Ana" and "ana" are one player.
fn fold(name: &str) -> String {
    name.to_lowercase()
}

/// A poisoned lock only means another connection panicked mid-update of a
/// plain map; the map is still usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn parse_bound(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(n, p)| (n.to_string(), p.trim().to_string()))
        .collect()
}

/// How repeated failures are slowed.
#[derive(Clone, Copy, Debug)]
pub struct Slowing {
    /// Failures answered at once (typos happen).
    pub free: u32,
    /// The wait after the first failure beyond those; it doubles with each.
    pub base: Duration,
    pub max: Duration,
    /// A pair quiet this long starts again from nothing.
    pub forget: Duration,
}

impl Default for Slowing {
    fn default() -> Slowing {
        Slowing {
            free: 3,
            base: Duration::from_secs(1),
            max: Duration::from_secs(30),
            forget: Duration::from_secs(15 * 60),
        }
    }
}

/// Failures per address and name: a school behind one NAT address shares
/// the address, so one student's typos never slow another's sign-in.
struct Throttle {
    slowing: Slowing,
    failures: HashMap<(Option<IpAddr>, String), (u32, Instant)>,
}

/// The most pairs remembered: beyond it, the oldest are forgotten first,
/// so that a flood of made-up names cannot grow the map without bound.
const MAX_PAIRS: usize = 10_000;

impl Throttle {
    fn new(slowing: Slowing) -> Throttle {
        Throttle {
            slowing,
            failures: HashMap::new(),
        }
    }

    fn failed(&mut self, addr: Option<IpAddr>, name: &str, now: Instant) -> Duration {
        let forget = self.slowing.forget;
        self.failures
            .retain(|_, (_, last)| now.saturating_duration_since(*last) < forget);
        if self.failures.len() >= MAX_PAIRS
            && let Some(oldest) = self
                .failures
                .iter()
                .min_by_key(|(_, (_, last))| *last)
                .map(|(k, _)| k.clone())
        {
            self.failures.remove(&oldest);
        }
        let entry = self
            .failures
            .entry((addr, name.to_string()))
            .or_insert((0, now));
        entry.0 += 1;
        entry.1 = now;
        let beyond = entry.0.saturating_sub(self.slowing.free);
        if beyond == 0 {
            return Duration::ZERO;
        }
        let factor = 1u32 << (beyond - 1).min(16);
        self.slowing
            .base
            .saturating_mul(factor)
            .min(self.slowing.max)
    }

    fn succeeded(&mut self, addr: Option<IpAddr>, name: &str) {
        self.failures.remove(&(addr, name.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_letters_digits_dashes_and_underscores() {
        assert_eq!(player_name("ana").as_deref(), Some("ana"));
        assert_eq!(player_name("Ana Lee").as_deref(), Some("AnaLee"));
        assert_eq!(player_name("../../etc").as_deref(), Some("etc"));
        assert_eq!(player_name("-_-").as_deref(), None);
        assert_eq!(player_name("\u{1b}[31m").as_deref(), Some("31m"));
        assert_eq!(player_name(&"x".repeat(100)).unwrap().len(), MAX_NAME);
    }

    #[test]
    fn failures_slow_one_address_and_name_not_the_others() {
        let slowing = Slowing::default();
        let mut t = Throttle::new(slowing);
        let ip: Option<IpAddr> = Some("10.0.0.1".parse().unwrap());
        let now = Instant::now();
        for _ in 0..3 {
            assert_eq!(t.failed(ip, "ana", now), Duration::ZERO);
        }
        assert_eq!(t.failed(ip, "ana", now), Duration::from_secs(1));
        assert_eq!(t.failed(ip, "ana", now), Duration::from_secs(2));
        // Ben, behind the same address, is not slowed by Ana's typos.
        assert_eq!(t.failed(ip, "ben", now), Duration::ZERO);
        for _ in 0..20 {
            t.failed(ip, "ana", now);
        }
        assert_eq!(t.failed(ip, "ana", now), slowing.max);
        t.succeeded(ip, "ana");
        assert_eq!(t.failed(ip, "ana", now), Duration::ZERO);
        // Quiet long enough, a pair starts again.
        let later = now + slowing.forget + Duration::from_secs(1);
        for _ in 0..5 {
            t.failed(ip, "cy", now);
        }
        assert_eq!(t.failed(ip, "cy", later), Duration::ZERO);
    }

    #[test]
    fn resume_codes_are_stable_and_forgiving_of_case() {
        let a = Access::new(None, None, None, b"secret", Slowing::default());
        let code = a.resume_code("autosave-ana.ron", "ana");
        assert_eq!(code.len(), 6);
        assert_eq!(code, a.resume_code("autosave-ana.ron", "Ana"));
        assert_ne!(code, a.resume_code("autosave-ben.ron", "ana"));
        // In a match, each player has a code of their own.
        assert_ne!(code, a.resume_code("autosave-ana.ron", "ben"));
        assert!(a.resume_fits("autosave-ana.ron", "ana", &code.to_lowercase()));
        assert!(!a.resume_fits("autosave-ben.ron", "ana", &code));
        assert!(!a.resume_fits("autosave-ana.ron", "ben", &code));
        let other = Access::new(None, None, None, b"other", Slowing::default());
        assert_ne!(code, other.resume_code("autosave-ana.ron", "ana"));
    }

    #[test]
    fn the_class_code_must_match_whole() {
        let a = Access::new(
            None,
            Some("tiger-42".into()),
            None,
            b"s",
            Slowing::default(),
        );
        assert!(a.code_fits("tiger-42"));
        assert!(a.code_fits(" tiger-42\n"));
        assert!(!a.code_fits("tiger-4"));
        assert!(!a.code_fits(""));
        assert!(!a.is_open());
    }

    #[test]
    fn a_name_is_one_connection_at_a_time() {
        let a = Access::new(None, None, None, b"s", Slowing::default());
        assert!(a.connect("Ana"));
        assert!(!a.connect("ana"));
        a.disconnect("ANA");
        assert!(a.connect("ana"));
    }
}
