//! `chokepoints serve`: the game over SSH, so that a class plays with
//! nothing to install (`ssh -p 2222 NAME@HOST`). The only async code in the
//! crate lives here: russh and tokio run the connections; each player's
//! session runs the same synchronous shell loop as `chokepoints play`, on a
//! thread of its own, drawing into its channel.
//!
//! `access` decides who may connect and as whom, `host_key` keeps the
//! server's identity, `connection` answers one client's SSH requests,
//! `sink` carries frames out to it and `session` is the player's side.

pub mod access;
pub mod connection;
pub mod control;
pub mod host_key;
pub mod key_options;
pub mod live;
pub mod matches;
pub mod session;
pub mod sink;
pub mod startups;

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::keys::PrivateKey;
use russh::{MethodKind, MethodSet, SshId};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::content::Content;
use crate::engine::Rules;
use crate::strings;

use super::Input;
use super::local::{LocalError, PlayArgs};
use access::{Access, AccessError, Slowing};
use host_key::HostKeyError;

/// `chokepoints serve`'s options.
#[derive(clap::Args, Clone, Debug)]
pub struct ServeArgs {
    /// Where to listen. Anything but a loopback address needs
    /// --authorized-keys or --class-code-file.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222")]
    pub listen: SocketAddr,
    /// The folder for the class's saves (default: $CHOKEPOINTS_SAVES, else
    /// saves/).
    #[arg(long, value_name = "DIR")]
    pub saves_dir: Option<PathBuf>,
    /// The server's Ed25519 host key, created on first start (default:
    /// .ssh_host_ed25519_key in the saves folder).
    #[arg(long, value_name = "FILE")]
    pub host_key: Option<PathBuf>,
    /// Players' public keys (OpenSSH authorized_keys format); a name is
    /// bound to the first key that uses it.
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// A file whose first line is the class code, accepted as the
    /// password (kept in a file so that it never shows in `ps`).
    #[arg(long, value_name = "FILE")]
    pub class_code_file: Option<PathBuf>,
    /// The class's scenario: a name, or a scenario file (.ron).
    #[arg(long, value_name = "NAME|FILE")]
    pub scenario: Option<String>,
    /// Beijing's doctrine (default: the scenario's).
    #[arg(long, value_name = "NAME")]
    pub doctrine: Option<String>,
    /// One seed for every game, so the class plays the same situation
    /// (default: a fresh seed per game).
    #[arg(long)]
    pub seed: Option<u64>,
    /// The most players at once; the next is told the server is full.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub max_sessions: usize,
    /// Connections still signing in, at once (as OpenSSH's MaxStartups).
    /// When it is reached, a new connection closes the oldest that has
    /// done nothing since its first line; if every one has begun signing
    /// in, the new one is refused.
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=65536))]
    pub max_startups: usize,
    /// The same from one address, or one IPv6 /64 (as OpenSSH's
    /// PerSourceMaxStartups). A class behind one NAT address still signs
    /// in: each student's connection closes a stalled one.
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=65536))]
    pub max_startups_per_source: usize,
    /// How many names one key from --authorized-keys may take (each name
    /// is bound for good to the first key that signs in with it).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1000))]
    pub names_per_key: usize,
    /// Seconds a match seat may stay empty before the script plays it.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub seat_wait: u64,
    /// Facilitators' public keys (authorized_keys format): a key listed
    /// here connects to the control desk (watch, broadcast, inject, pause,
    /// time the quarters, write the class report), not the lobby.
    #[arg(long, value_name = "FILE")]
    pub control_keys: Option<PathBuf>,
}

/// The limits that keep a class's server up; the defaults are the
/// server's, tests shorten the times.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// To send a whole SSH identification line.
    pub ident: Duration,
    /// To finish authenticating (OpenSSH's LoginGraceTime).
    pub auth: Duration,
    /// Connections not yet signed in, at once (OpenSSH's MaxStartups):
    /// past it a newcomer sheds the oldest stalled one, or is refused.
    pub unauthenticated: usize,
    /// The same from one address (an IPv6 /64): OpenSSH's
    /// PerSourceMaxStartups.
    pub unauthenticated_per_source: usize,
    /// To open a terminal session once signed in.
    pub shell: Duration,
    pub max_sessions: usize,
    /// Every connection at once, signed in or not, with a session or not
    /// (each holds file descriptors).
    pub connections: usize,
    /// A client that reads nothing for this long is dropped.
    pub stall: Duration,
    /// The largest terminal drawn (a bigger window gets this much).
    pub max_width: u16,
    pub max_height: u16,
    /// How long a match seat may stay empty before the script plays it.
    pub seat_wait: Duration,
}

/// Connections beyond players' seats and those signing in: control desks,
/// and connections between signing in and opening their session.
pub const CONNECTION_MARGIN: usize = 32;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            ident: Duration::from_secs(10),
            auth: Duration::from_secs(120),
            unauthenticated: 256,
            unauthenticated_per_source: 64,
            shell: Duration::from_secs(20),
            max_sessions: 200,
            connections: 200 + 256 + CONNECTION_MARGIN,
            stall: Duration::from_secs(30),
            max_width: 300,
            max_height: 100,
            seat_wait: Duration::from_secs(5 * 60),
        }
    }
}

/// The class's game: what "New game" opens for everyone.
pub struct Class {
    pub content: Arc<Content>,
    pub rules: Arc<Rules>,
    /// One seed for the class, or None for a fresh one per game.
    pub seed: Option<u64>,
    /// Whether the scenario came from a file (then saves embed it).
    pub embed: bool,
    pub saves_dir: PathBuf,
}

/// What every connection shares.
pub struct Shared {
    pub class: Class,
    pub access: Access,
    pub limits: Limits,
    /// Seats for players: a session holds one while it runs.
    pub seats: Arc<Semaphore>,
    /// The connections still signing in.
    pub startups: Arc<startups::Startups>,
    /// Room for every connection, signed in or not, with a session or not.
    pub connections: Arc<Semaphore>,
    /// Every running session's input, to reach them all at shutdown.
    pub sessions: Mutex<HashMap<u64, SyncSender<Input>>>,
    pub matches: matches::Matches,
    /// The class as it is now, for control.
    pub live: Arc<live::Live>,
    /// Where every session's decision reviews queue.
    pub reviews: super::files::ReviewRunner,
    /// The saves folder's summaries, replayed once per change of a file.
    pub listing: Arc<crate::save::folder::Listing>,
    /// Channel writers still sending a session's last bytes.
    pub writers: std::sync::atomic::AtomicUsize,
    next_session: AtomicU64,
}

impl Shared {
    pub fn new(class: Class, access: Access, limits: Limits) -> Shared {
        let deck = class
            .rules
            .events
            .iter()
            .map(|e| crate::tui::control::class::DeckEvent {
                id: e.id.clone(),
                title: e.title.clone(),
                text: e.text.clone(),
            })
            .collect();
        let live = Arc::new(live::Live::new(deck));
        Shared {
            class,
            access,
            seats: Arc::new(Semaphore::new(limits.max_sessions)),
            startups: startups::Startups::new(startups::StartupLimits {
                total: limits.unauthenticated,
                per_source: limits.unauthenticated_per_source,
            }),
            connections: Arc::new(Semaphore::new(limits.connections)),
            limits,
            sessions: Mutex::new(HashMap::new()),
            matches: matches::Matches::new(live.clone()),
            live,
            reviews: review_queue(),
            listing: Arc::default(),
            writers: std::sync::atomic::AtomicUsize::new(0),
            next_session: AtomicU64::new(1),
        }
    }

    fn register(&self, inputs: SyncSender<Input>) -> u64 {
        let id = self.next_session.fetch_add(1, Ordering::Relaxed);
        lock(&self.sessions).insert(id, inputs);
        id
    }

    fn unregister(&self, id: u64) {
        lock(&self.sessions).remove(&id);
    }

    /// Sessions running now (control's included).
    pub fn session_count(&self) -> usize {
        lock(&self.sessions).len()
    }

    /// Players connected now: sessions less control's.
    pub fn player_count(&self) -> usize {
        self.limits
            .max_sessions
            .saturating_sub(self.seats.available_permits())
    }

    /// Every session's input (to tell the whole class something).
    pub fn session_inputs(&self) -> Vec<SyncSender<Input>> {
        lock(&self.sessions).values().cloned().collect()
    }

    /// Tells every session the server is going, then ends each (each
    /// autosaves on its way out). Never blocks: a session whose queue is
    /// full is told by a thread that waits for room.
    fn shut_down_sessions(&self) {
        for tx in lock(&self.sessions).values() {
            for input in [
                Input::Notice(strings::SERVER_SHUTTING_DOWN.to_string()),
                Input::Signal(session::SIGTERM),
            ] {
                deliver(tx, input);
            }
        }
    }
}

/// Puts input in a session's queue without waiting; what does not fit is
/// handed to a thread that waits for room, for input that must arrive.
pub fn deliver(tx: &SyncSender<Input>, input: Input) {
    match tx.try_send(input) {
        Ok(()) | Err(TrySendError::Disconnected(_)) => {}
        Err(TrySendError::Full(input)) => {
            let tx = tx.clone();
            std::thread::spawn(move || tx.send(input));
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Why `serve` could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "refusing to listen on {0} without --authorized-keys or --class-code-file: anyone who can reach it could play under any name. Give one of them, or listen on 127.0.0.1"
    )]
    OpenToTheNetwork(SocketAddr),
    #[error("cannot listen on {addr}: {reason}")]
    Listen { addr: SocketAddr, reason: String },
    #[error(transparent)]
    HostKey(#[from] HostKeyError),
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Local(#[from] LocalError),
    #[error(
        "another chokepoints server is using the saves folder {}: stop it first, or give this one a --saves-dir of its own",
        .0.display()
    )]
    FolderInUse(PathBuf),
    #[error("the saves folder {}: {reason}", .dir.display())]
    Folder { dir: PathBuf, reason: String },
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// The class's saves folder, made (readable by the server's user alone)
/// if it is not there, and locked for as long as the returned file is
/// kept: two servers on one folder would each rewrite `.ssh_names` from
/// their own memory and play one name on both at once.
pub fn claim_saves_folder(dir: &std::path::Path) -> Result<std::fs::File, ServeError> {
    let fail = |e: io::Error| ServeError::Folder {
        dir: dir.to_path_buf(),
        reason: e.to_string(),
    };
    if !dir.exists() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(fail)?;
    }
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".lock"))
        .map_err(fail)?;
    match lock.try_lock() {
        Ok(()) => Ok(lock),
        Err(std::fs::TryLockError::WouldBlock) => Err(ServeError::FolderInUse(dir.to_path_buf())),
        Err(std::fs::TryLockError::Error(e)) => Err(fail(e)),
    }
}

impl ServeError {
    /// Refusals of the command line exit 2, like clap's; failures 1.
    pub fn exit_code(&self) -> u8 {
        match self {
            ServeError::OpenToTheNetwork(_) | ServeError::Local(_) | ServeError::Access(_) => 2,
            _ => 1,
        }
    }
}

/// The first and the longest wait after a failed accept.
const ACCEPT_BACKOFF_FIRST: Duration = Duration::from_millis(20);
const ACCEPT_BACKOFF_MAX: Duration = Duration::from_secs(1);

/// File descriptors kept for everything but connections: the listener,
/// saves being written, the log, the review thread.
const RESERVED_FILES: u64 = 64;

/// Raises the soft limit on open files to the hard one, and returns the
/// limit in force (None: unlimited, or not known). Each connection holds a
/// socket, and a distribution's default soft limit (1024, or a teacher's
/// `ulimit -n 256`) is below what the server's limits allow.
#[cfg(unix)]
pub fn raise_open_files() -> Option<u64> {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    if limit.current != limit.maximum {
        let raised = Rlimit {
            current: limit.maximum,
            maximum: limit.maximum,
        };
        if let Err(e) = setrlimit(Resource::Nofile, raised) {
            tracing::debug!("cannot raise the open-files limit: {e}");
        }
    }
    getrlimit(Resource::Nofile).current
}

#[cfg(not(unix))]
pub fn raise_open_files() -> Option<u64> {
    None
}

/// The limits cut to fit `open_files` descriptors, with a line in the log
/// when they had to be.
pub fn fit_open_files(mut limits: Limits, open_files: Option<u64>) -> Limits {
    let Some(files) = open_files else {
        return limits;
    };
    let room = usize::try_from(files.saturating_sub(RESERVED_FILES)).unwrap_or(usize::MAX);
    if limits.connections > room {
        tracing::warn!(
            "the open-files limit is {files}: serving at most {room} connections at once instead of {} (raise it with `ulimit -n`)",
            limits.connections
        );
        limits.connections = room.max(1);
    }
    limits
}

/// A server bound to its address, ready to run.
pub struct Server {
    shared: Arc<Shared>,
    config: Arc<russh::server::Config>,
    listener: TcpListener,
    host_key: PrivateKey,
}

impl Server {
    /// Binds the listener. `keys`/`class_code` are the access settings;
    /// with neither, the address must be loopback.
    pub async fn bind(
        listen: SocketAddr,
        class: Class,
        access: Access,
        host_key: PrivateKey,
        limits: Limits,
    ) -> Result<Server, ServeError> {
        if access.is_open() && !listen.ip().is_loopback() {
            return Err(ServeError::OpenToTheNetwork(listen));
        }
        let listener = TcpListener::bind(listen)
            .await
            .map_err(|e| ServeError::Listen {
                addr: listen,
                reason: e.to_string(),
            })?;
        let config = Arc::new(config(&access, &host_key));
        Ok(Server {
            shared: Arc::new(Shared::new(class, access, limits)),
            config,
            listener,
            host_key,
        })
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn fingerprint(&self) -> String {
        host_key::fingerprint(&self.host_key)
    }

    pub fn shared(&self) -> Arc<Shared> {
        self.shared.clone()
    }

    /// Accepts connections until `stop` resolves; then tells every player,
    /// lets each session save and leave (waiting at most `grace`), and
    /// returns.
    pub async fn run(self, stop: impl Future<Output = ()>, grace: Duration) -> io::Result<()> {
        let pacer = self.shared.live.clone();
        std::thread::Builder::new()
            .name("pacer".to_string())
            .spawn(move || pacer.pace())?;
        tokio::pin!(stop);
        // After a failed accept (out of file descriptors, say) the server
        // waits longer each time, up to a second, and says so once, rather
        // than spinning on the error and filling the log.
        let mut backoff = Duration::ZERO;
        loop {
            if !backoff.is_zero() {
                tokio::select! {
                    () = &mut stop => break,
                    () = tokio::time::sleep(backoff) => {}
                }
            }
            tokio::select! {
                () = &mut stop => break,
                accepted = self.listener.accept() => {
                    let (stream, addr) = match accepted {
                        Ok(a) => a,
                        Err(e) => {
                            if backoff.is_zero() {
                                tracing::warn!("accept failed: {e}; waiting before accepting again");
                            }
                            backoff = (backoff * 2).clamp(ACCEPT_BACKOFF_FIRST, ACCEPT_BACKOFF_MAX);
                            continue;
                        }
                    };
                    if !backoff.is_zero() {
                        tracing::info!("accepting connections again");
                        backoff = Duration::ZERO;
                    }
                    connection::accept(self.shared.clone(), self.config.clone(), stream, addr);
                }
            }
        }
        tracing::info!(
            sessions = self.shared.session_count(),
            "shutting down: telling every player"
        );
        self.shared.live.stop();
        self.shared.shut_down_sessions();
        let deadline = tokio::time::Instant::now() + grace;
        // The sessions have ended; their writers then send the last line
        // and close each channel, which must happen before the runtime goes.
        let busy = |s: &Shared| s.session_count() > 0 || s.writers.load(Ordering::SeqCst) > 0;
        while busy(&self.shared) && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Ok(())
    }
}

/// The SSH settings: the host key, the methods this server takes, and
/// timings that leave the limits to `connection`.
fn config(access: &Access, host_key: &PrivateKey) -> russh::server::Config {
    let mut methods = MethodSet::empty();
    if access.takes_keys() {
        methods.push(MethodKind::PublicKey);
    }
    if access.takes_code() {
        methods.push(MethodKind::Password);
        methods.push(MethodKind::KeyboardInteractive);
    }
    if access.is_open() {
        methods.push(MethodKind::None);
    }
    russh::server::Config {
        server_id: SshId::Standard(
            format!("SSH-2.0-chokepoints_{}", env!("CARGO_PKG_VERSION")).into(),
        ),
        methods,
        // Failures are slowed per address and name in `access`; this is
        // only the floor every rejection waits.
        auth_rejection_time: Duration::from_millis(250),
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![host_key.clone()],
        max_auth_attempts: 6,
        inactivity_timeout: Some(Duration::from_secs(3600)),
        keepalive_interval: Some(Duration::from_secs(60)),
        keepalive_max: 3,
        nodelay: true,
        // A session reads little: keystrokes.
        window_size: 64 * 1024,
        channel_buffer_size: 16,
        ..Default::default()
    }
}

/// `chokepoints serve`: reads the class's settings, binds, and serves
/// until SIGTERM or SIGINT, then saves every game and returns.
pub fn serve(content: Content, args: &ServeArgs) -> Result<(), ServeError> {
    let dir = super::local::saves_dir(args.saves_dir.as_deref());
    let play = PlayArgs {
        scenario: args.scenario.clone(),
        doctrine: args.doctrine.clone(),
        ..PlayArgs::default()
    };
    let embed = super::local::scenario_file(&play).is_some();
    let rules = super::local::rules_for(content.clone(), &play)?;
    let keys = args
        .authorized_keys
        .as_deref()
        .map(access::read_authorized_keys)
        .transpose()?;
    let control = args
        .control_keys
        .as_deref()
        .map(access::read_authorized_keys)
        .transpose()?;
    let code = args
        .class_code_file
        .as_deref()
        .map(access::read_class_code)
        .transpose()?;
    if keys.is_none() && code.is_none() && !args.listen.ip().is_loopback() {
        return Err(ServeError::OpenToTheNetwork(args.listen));
    }
    let _lock = claim_saves_folder(&dir)?;
    let key_path = args
        .host_key
        .clone()
        .unwrap_or_else(|| dir.join(".ssh_host_ed25519_key"));
    let host_key = host_key::load_or_create(&key_path)?;
    let secret = host_key
        .to_bytes()
        .map_err(|e| io::Error::other(e.to_string()))?;
    let key_rules: Vec<_> = keys
        .iter()
        .chain(control.iter())
        .flat_map(|f| f.rules.clone())
        .collect();
    let roster = keys.as_ref().map(|f| f.roster.clone()).unwrap_or_default();
    let control = control.map(|f| f.keys);
    let access = Access::new(
        keys.map(|f| f.keys),
        code,
        Some(dir.join(".ssh_names")),
        &secret,
        Slowing::default(),
    )
    .with_control(control)
    .with_names_per_key(args.names_per_key)
    .with_key_rules(key_rules)
    .with_roster(&roster);
    let class = Class {
        content: Arc::new(content),
        rules: Arc::new(rules),
        seed: args.seed,
        embed,
        saves_dir: dir.clone(),
    };
    let limits = Limits {
        max_sessions: args.max_sessions,
        unauthenticated: args.max_startups,
        unauthenticated_per_source: args.max_startups_per_source,
        connections: args.max_sessions + args.max_startups + CONNECTION_MARGIN,
        seat_wait: Duration::from_secs(args.seat_wait),
        ..Limits::default()
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_target(false)
        .with_ansi(io::IsTerminal::is_terminal(&io::stderr()))
        .try_init();
    let limits = fit_open_files(limits, raise_open_files());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let server = Server::bind(args.listen, class, access, host_key, limits).await?;
        let scenario = server.shared.class.rules.scenario.id.clone();
        tracing::info!(
            "serving {scenario} on {} (host key {}, saves in {}); connect with: ssh -p {} NAME@{}",
            server.local_addr()?,
            server.fingerprint(),
            dir.display(),
            args.listen.port(),
            args.listen.ip(),
        );
        server
            .run(shutdown_signal(), Duration::from_secs(10))
            .await?;
        tracing::info!("stopped");
        Ok(())
    })
}

/// SIGTERM or SIGINT (Ctrl-C where the server runs).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut int)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) else {
            // Without signal handling the server runs until killed.
            return std::future::pending().await;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The server's decision reviews, one at a time on a thread of their own:
/// a review takes a core for up to a second, and a class finishing
/// together must not take every core from the players still choosing.
pub fn review_queue() -> super::files::ReviewRunner {
    let (tx, jobs) = std::sync::mpsc::channel::<(crate::play::review::Job, SyncSender<Input>)>();
    let _ = std::thread::Builder::new()
        .name("reviews".to_string())
        .spawn(move || {
            for (job, reports) in jobs {
                // A player who left before it ran is not reviewed.
                if reports
                    .try_send(Input::Folder)
                    .is_err_and(|e| matches!(e, TrySendError::Disconnected(_)))
                {
                    continue;
                }
                job.run(|news| deliver(&reports, Input::Review(news)));
            }
        });
    let tx = Mutex::new(tx);
    super::files::ReviewRunner(Arc::new(move |job, reports| {
        let _ = lock(&tx).send((job, reports));
    }))
}
