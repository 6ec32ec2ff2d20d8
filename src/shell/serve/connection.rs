//! One client's connection: the handshake's limits, authentication, the
//! one session channel it may open, and the requests it may make on it
//! (a terminal, a shell, window changes). Everything else is refused:
//! exec, subsystems, port forwarding, agent and X11 forwarding.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{SyncSender, TrySendError};
use std::time::Instant;

use ratatui::Terminal;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use russh::keys::{HashAlg, PublicKey};
use russh::server::{Auth, Msg, Response, Session};
use russh::{Channel, ChannelId, ChannelWriteHalf, Pty};
use tokio::net::TcpStream;
use tokio::sync::Notify;

use crate::shell::decode::Decoder;
use crate::shell::remote::{RemoteBackend, RemoteSize};
use crate::shell::{Input, Surface};
use crate::strings;
use crate::tui::style::Theme;

use super::access::{Proof, player_name};
use super::session::{self, Player, SIGHUP, SIGINT};
use super::sink::{self, FRAMES_QUEUED, FrameSink};
use super::startups::{Kill, Killable, Refused, Ticket};
use super::{Shared, deliver};

/// Starts serving a new TCP connection, unless the server already holds
/// as many connections as it may, or too many are still signing in from
/// its source or in all and none of them is stalled (then it is closed at
/// once: the server owes it nothing yet). Its deadlines (to identify, to
/// sign in, then to open a terminal session) close its socket in whatever
/// protocol state it is.
pub fn accept(
    shared: Arc<Shared>,
    config: Arc<russh::server::Config>,
    stream: TcpStream,
    addr: SocketAddr,
) {
    let Ok(counted) = shared.connections.clone().try_acquire_owned() else {
        tracing::info!(%addr, "refused: the server holds as many connections as it may");
        return;
    };
    let kill = Kill::new();
    let ticket = match shared
        .startups
        .admit(addr.ip(), kill.clone(), Instant::now())
    {
        Ok(ticket) => ticket,
        Err(Refused::Source) => {
            tracing::info!(%addr, "refused: too many connections signing in from this address, none of them stalled");
            return;
        }
        Err(Refused::Full) => {
            tracing::info!(%addr, "refused: too many connections signing in at once, none of them stalled");
            return;
        }
    };
    tokio::spawn(async move {
        // The connection counts until its task, and with it its socket, ends.
        let _counted = counted;
        let _ = stream.set_nodelay(true);
        let stream = Killable::new(stream, kill.clone());
        let limits = shared.limits;
        let signed_in = Arc::new(Notify::new());
        let shell = Arc::new(Notify::new());
        let connection = Connection {
            shared,
            addr,
            startup: Some(ticket),
            signed_in: signed_in.clone(),
            shell: shell.clone(),
            name: None,
            proof: None,
            methods: config.methods.clone(),
            pty_allowed: true,
            channel: None,
            term: None,
            no_color: false,
            live: None,
        };
        tracing::info!(%addr, "connect");
        let started = russh::server::run_stream(config, stream, connection);
        let session = match tokio::time::timeout(limits.ident, started).await {
            Ok(Ok(session)) => session,
            Ok(Err(e)) => {
                if kill.is_killed() {
                    tracing::info!(%addr, "closed: shed, stalled, for a newer connection");
                } else {
                    tracing::info!(%addr, "disconnect during the handshake: {e}");
                }
                return;
            }
            Err(_) => {
                tracing::info!(%addr, "closed: no SSH identification within {:?}", limits.ident);
                return;
            }
        };
        tokio::pin!(session);
        // Each wait ends with the session, with the step it waits for, or
        // with its deadline: then the socket is closed and the task waited
        // for, so that nothing of the connection outlives its count.
        let steps = [
            (signed_in, limits.auth, "not signed in"),
            (
                shell,
                limits.shell,
                "signed in but opened no terminal session",
            ),
        ];
        for (step, limit, what) in steps {
            tokio::select! {
                _ = &mut session => return,
                () = step.notified() => {}
                () = tokio::time::sleep(limit) => {
                    tracing::info!(%addr, "closed: {what} within {limit:?}");
                    kill.kill();
                    let _ = session.await;
                    return;
                }
            }
        }
        let _ = session.await;
        if kill.is_killed() {
            tracing::debug!(%addr, "closed by the server");
        }
    });
}

/// A client's terminal, as its pty request described it.
struct Term {
    name: String,
    width: u16,
    height: u16,
}

/// A session's running game: where its input goes.
struct Live {
    inputs: SyncSender<Input>,
    size: RemoteSize,
    decoder: Decoder,
    /// Inputs dropped because the game had not caught up (said once).
    dropped: u64,
}

pub struct Connection {
    shared: Arc<Shared>,
    addr: SocketAddr,
    /// Its place among the connections signing in, until it has.
    startup: Option<Ticket>,
    signed_in: Arc<Notify>,
    /// Told when the terminal session starts.
    shell: Arc<Notify>,
    /// The sign-in methods the server takes: a wrong class code leaves
    /// them all open (the client's attempts are counted by russh).
    methods: russh::MethodSet,
    /// False for a key whose options say `restrict` or `no-pty`.
    pty_allowed: bool,
    name: Option<String>,
    proof: Option<Proof>,
    /// The session channel: its id and, until the session starts, its
    /// writing half.
    channel: Option<(ChannelId, Option<ChannelWriteHalf<Msg>>)>,
    term: Option<Term>,
    no_color: bool,
    live: Option<Live>,
}

impl Connection {
    fn ip(&self) -> Option<std::net::IpAddr> {
        Some(self.addr.ip())
    }

    /// The client has finished key exchange and tries to sign in: it is no
    /// longer stalled.
    fn signing_in(&self) {
        if let Some(ticket) = &self.startup {
            ticket.signing_in();
        }
    }

    /// Whether `given` is the class code and `name` may sign in with it
    /// (then the name is the code's from now on).
    fn code_fits(&self, name: &str, given: &str) -> bool {
        let access = &self.shared.access;
        if !access.code_fits(given) || access.reserved(name) {
            return false;
        }
        if !access.code_name_fits(name) {
            tracing::info!(name, addr = %self.addr, "refused: the class code for a name bound to a key");
            return false;
        }
        access.bind_code(name);
        true
    }

    /// Whether the saves folder holds games played under `name`.
    fn has_games(&self, name: &str) -> bool {
        let class = &self.shared.class;
        self.shared
            .listing
            .list(&class.saves_dir, &class.content)
            .iter()
            .any(|e| e.info.as_ref().is_ok_and(|i| i.played_by(name)))
    }

    fn accept_as(&mut self, name: String, proof: Proof) -> Auth {
        self.shared.access.succeeded(self.ip(), &name);
        self.name = Some(name);
        self.proof = Some(proof);
        Auth::Accept
    }

    /// A failed attempt: logged, and answered after the wait that repeated
    /// failures from this address under this name have earned.
    async fn reject(&mut self, name: &str, how: &str) -> Result<Auth, russh::Error> {
        let wait = self.shared.access.failed(self.ip(), name, Instant::now());
        tracing::info!(name, addr = %self.addr, "failed authentication ({how})");
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        Ok(Auth::reject())
    }

    fn is_session(&self, channel: ChannelId) -> bool {
        self.channel.as_ref().is_some_and(|(id, _)| *id == channel)
    }

    /// Ends the session channel after one line (no game will run).
    fn refuse_session(&mut self, channel: ChannelId, line: &str, session: &mut Session) {
        let _ = session.data(channel, format!("{line}\r\n").into_bytes());
        let _ = session.exit_status_request(channel, 1);
        let _ = session.eof(channel);
        let _ = session.close(channel);
    }

    fn theme(&self) -> Theme {
        let mono_term = self.term.as_ref().is_none_or(|t| {
            let t = t.name.to_ascii_lowercase();
            t.is_empty() || t == "dumb" || t.starts_with("vt1") || t.starts_with("vt2")
        });
        if self.no_color || mono_term {
            Theme::monochrome()
        } else {
            Theme::colored()
        }
    }

    /// Starts the player's session (or a facilitator's control desk) on a
    /// thread of its own.
    fn start(&mut self, session: &mut Session) -> Result<(), String> {
        let (Some(name), Some(proof)) = (self.name.clone(), self.proof.clone()) else {
            return Err("not signed in".to_string());
        };
        let Some(term) = &self.term else {
            return Err(strings::SERVE_NEEDS_TERMINAL.to_string());
        };
        let size = RemoteSize::new(term.width, term.height);
        // The control desk takes no player's seat, and a facilitator may
        // have it open twice.
        let control = matches!(proof, Proof::Control(_));
        let seat = if control {
            None
        } else {
            let Ok(seat) = self.shared.seats.clone().try_acquire_owned() else {
                tracing::info!(%name, addr = %self.addr, "refused: the server is full");
                return Err(strings::SERVE_FULL.to_string());
            };
            if !self.shared.access.connect(&name) {
                tracing::info!(%name, addr = %self.addr, "refused: the name is playing already");
                return Err(format!("{name} {}", strings::SERVE_NAME_TAKEN));
            }
            Some(seat)
        };
        let free_name = |shared: &Shared| {
            if !control {
                shared.access.disconnect(&name);
            }
        };
        let Some(write) = self.channel.as_mut().and_then(|(_, w)| w.take()) else {
            free_name(&self.shared);
            return Err("the session has started already".to_string());
        };
        let (frames, queue) = tokio::sync::mpsc::channel(FRAMES_QUEUED);
        let writers = self.shared.clone();
        writers.writers.fetch_add(1, Ordering::SeqCst);
        let pump = sink::pump(
            queue,
            write,
            session.handle(),
            self.shared.limits.stall,
            name.clone(),
            Some(self.addr),
        );
        tokio::spawn(async move {
            pump.await;
            writers.writers.fetch_sub(1, Ordering::SeqCst);
        });
        let backend = RemoteBackend::new(FrameSink::new(frames), size.clone());
        let mut surface = match Terminal::new(backend) {
            Ok(t) => Surface::new(t),
            Err(e) => {
                free_name(&self.shared);
                return Err(e.to_string());
            }
        };
        let inputs = surface.sender();
        let id = self.shared.register(inputs.clone());
        let player = Player::new(name.clone(), proof, self.theme());
        let shared = self.shared.clone();
        let addr = self.addr;
        let spawned = std::thread::Builder::new()
            .name(format!("session {name}"))
            .spawn(move || {
                let ended = if control {
                    super::control::run(&mut surface, &player, &shared)
                } else {
                    session::run(&mut surface, &player, &shared)
                };
                // The seat and the name are free before the session stops
                // counting: whoever sees the count fall finds both free.
                drop(seat);
                if !control {
                    shared.access.disconnect(&player.name);
                }
                shared.unregister(id);
                // The desk counts the players connected.
                shared.live.changed();
                tracing::debug!(name = %player.name, %addr, "session ended: {ended:?}");
            });
        if let Err(e) = spawned {
            self.shared.unregister(id);
            free_name(&self.shared);
            return Err(format!("cannot start a session: {e}"));
        }
        self.shared.live.changed();
        self.live = Some(Live {
            inputs,
            size,
            decoder: Decoder::new(),
            dropped: 0,
        });
        Ok(())
    }

    fn clamp(&self, width: u32, height: u32) -> (u16, u16) {
        let limits = &self.shared.limits;
        let w = width.clamp(1, u32::from(limits.max_width)) as u16;
        let h = height.clamp(1, u32::from(limits.max_height)) as u16;
        (w, h)
    }

    fn hang_up(&mut self) {
        if let Some(live) = self.live.take() {
            deliver(&live.inputs, Input::Signal(SIGHUP));
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.hang_up();
        match &self.name {
            Some(name) => tracing::info!(%name, addr = %self.addr, "disconnect"),
            None => tracing::info!(addr = %self.addr, "disconnect before signing in"),
        }
    }
}

fn is_ctrl_c(event: &Event) -> bool {
    matches!(
        event,
        Event::Key(KeyEvent { code: KeyCode::Char('c' | 'C'), modifiers, .. })
            if modifiers.contains(KeyModifiers::CONTROL)
    )
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        self.signing_in();
        match player_name(user) {
            Some(name) if self.shared.access.is_open() && !self.shared.access.reserved(&name) => {
                Ok(self.accept_as(name, Proof::Open))
            }
            _ => Ok(Auth::reject()),
        }
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        self.signing_in();
        // Offers are not failures: a client tries each key it has.
        let access = &self.shared.access;
        let fits = access.key_rules_allow(offer.public_key, self.ip())
            && player_name(user).is_some_and(|n| {
                access.control_fits(offer.public_key)
                    || (!access.reserved(&n) && access.key_fits(&n, offer.public_key))
            });
        Ok(if fits { Auth::Accept } else { Auth::reject() })
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        self.signing_in();
        let Some(name) = player_name(user) else {
            return self.reject(user, "no usable name").await;
        };
        let key: &PublicKey = key.public_key;
        if !self.shared.access.key_rules_allow(key, self.ip()) {
            return self
                .reject(&name, "key outside its from= or past its expiry-time=")
                .await;
        }
        self.pty_allowed = self.shared.access.key_gets_pty(key);
        if self.shared.access.control_fits(key) {
            let print = key.fingerprint(HashAlg::Sha256).to_string();
            return Ok(self.accept_as(name, Proof::Control(print)));
        }
        if self.shared.access.reserved(&name) || !self.shared.access.key_fits(&name, key) {
            return self.reject(&name, "key").await;
        }
        if !self.shared.access.is_bound(&name) && self.has_games(&name) {
            // Games saved under a name no key holds were made with the
            // class code (or on an open server): their resume codes, not
            // a key, open them.
            return self
                .reject(&name, "key for a name with class-code games")
                .await;
        }
        self.shared.access.bind(&name, key);
        let print = key.fingerprint(HashAlg::Sha256).to_string();
        Ok(self.accept_as(name, Proof::Key(print)))
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        self.signing_in();
        let Some(name) = player_name(user) else {
            return self.reject(user, "no usable name").await;
        };
        if self.code_fits(&name, password) {
            Ok(self.accept_as(name, Proof::Code))
        } else {
            self.reject(&name, "class code").await?;
            // russh would take password sign-in off the connection after
            // one wrong code, and a password-only client would then be
            // cut off by a typo: the attempts stay open, up to the
            // server's `max_auth_attempts`.
            Ok(Auth::Reject {
                proceed_with_methods: Some(self.methods.clone()),
                partial_success: false,
            })
        }
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        self.signing_in();
        let Some(name) = player_name(user) else {
            return self.reject(user, "no usable name").await;
        };
        if !self.shared.access.takes_code() || self.shared.access.reserved(&name) {
            return Ok(Auth::reject());
        }
        let Some(mut response) = response else {
            return Ok(Auth::Partial {
                name: "Chokepoints".into(),
                instructions: "".into(),
                prompts: vec![("Class code: ".into(), false)].into(),
            });
        };
        let given = response
            .next()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        if self.code_fits(&name, &given) {
            Ok(self.accept_as(name, Proof::Code))
        } else {
            self.reject(&name, "class code").await
        }
    }

    async fn auth_succeeded(&mut self, _session: &mut Session) -> Result<(), Self::Error> {
        self.startup = None;
        self.signed_in.notify_one();
        let how = match &self.proof {
            Some(Proof::Key(print)) => format!("key {print}"),
            Some(Proof::Control(print)) => format!("control key {print}"),
            Some(Proof::Code) => "class code".to_string(),
            _ => "open loopback server".to_string(),
        };
        tracing::info!(name = self.name.as_deref().unwrap_or("-"), addr = %self.addr, "signed in ({how})");
        Ok(())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One game per connection: a second session channel is refused
        // (dropping the reply refuses it).
        if self.channel.is_some() {
            return Ok(());
        }
        // Only the writing half is kept: input arrives through `data`,
        // and a reading half nobody reads would hold the connection up.
        let (read, write) = channel.split();
        drop(read);
        self.channel = Some((write.id(), Some(write)));
        reply.accept().await;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host: &str,
        _port: u32,
        _from: &str,
        _from_port: u32,
        _reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!(name = self.name.as_deref().unwrap_or("-"), addr = %self.addr, "refused: port forwarding");
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        width: u32,
        height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.is_session(channel) || self.live.is_some() || !self.pty_allowed {
            return session.channel_failure(channel);
        }
        let (width, height) = self.clamp(width, height);
        self.term = Some(Term {
            name: term.chars().take(64).collect(),
            width,
            height,
        });
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if name == "NO_COLOR" && !value.is_empty() {
            self.no_color = true;
        }
        session.channel_success(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.is_session(channel) || self.live.is_some() {
            return session.channel_failure(channel);
        }
        session.channel_success(channel)?;
        match self.start(session) {
            Ok(()) => self.shell.notify_one(),
            // Refused with a line: a client that stays connected anyway is
            // closed at the deadline for opening a session.
            Err(line) => self.refuse_session(channel, &line, session),
        }
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!(name = self.name.as_deref().unwrap_or("-"), addr = %self.addr, "refused: exec");
        session.channel_failure(channel)?;
        self.refuse_session(channel, strings::SERVE_NEEDS_TERMINAL, session);
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!(name = self.name.as_deref().unwrap_or("-"), addr = %self.addr, "refused: subsystem {}", name.chars().take(32).collect::<String>());
        session.channel_failure(channel)?;
        self.refuse_session(channel, strings::SERVE_NEEDS_TERMINAL, session);
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!(name = self.name.as_deref().unwrap_or("-"), addr = %self.addr, "refused: X11 forwarding");
        session.channel_failure(channel)
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        tracing::info!(name = self.name.as_deref().unwrap_or("-"), addr = %self.addr, "refused: agent forwarding");
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        tracing::info!(name = self.name.as_deref().unwrap_or("-"), addr = %self.addr, "refused: remote port forwarding");
        Ok(false)
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.is_session(channel) {
            return Ok(());
        }
        let Some(live) = &mut self.live else {
            return Ok(());
        };
        for event in live.decoder.feed(data) {
            if is_ctrl_c(&event) {
                // Ctrl-C ends the session at once, wherever the player is.
                deliver(&live.inputs, Input::Signal(SIGINT));
                continue;
            }
            match live.inputs.try_send(Input::Term(event)) {
                Ok(()) | Err(TrySendError::Disconnected(_)) => {}
                Err(TrySendError::Full(_)) => {
                    if live.dropped == 0 {
                        tracing::info!(name = self.name.as_deref().unwrap_or("-"), addr = %self.addr, "input dropped: the game is behind");
                    }
                    live.dropped += 1;
                }
            }
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        width: u32,
        height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.is_session(channel) {
            return Ok(());
        }
        let (width, height) = self.clamp(width, height);
        if let Some(term) = &mut self.term {
            term.width = width;
            term.height = height;
        }
        if let Some(live) = &self.live
            && live.size.set(width, height)
        {
            // If the queue is full the next frame still takes the new size.
            let _ = live
                .inputs
                .try_send(Input::Term(Event::Resize(width, height)));
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.is_session(channel) {
            self.hang_up();
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.is_session(channel) {
            self.hang_up();
        }
        Ok(())
    }
}
