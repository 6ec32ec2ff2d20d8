//! A small SSH client harness for `chokepoints serve`: a server on a
//! loopback port with a scratch saves folder, russh clients that sign in
//! one way or another, a terminal whose bytes land on a vt100 screen, and a
//! wire that a test can stop reading from or cut, as a real network can.
//! Every wait here is bounded, so a hang fails a test instead of blocking.

use std::net::SocketAddr;
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::shell::serve::access::{Access, Slowing};
use chokepoints::shell::serve::{Class, Limits, Server, Shared};
use russh::client::{self, AuthResult, KeyboardInteractiveAuthResponse, Msg};
use russh::keys::{
    Algorithm, PrivateKey, PrivateKeyWithHashAlg, PublicKey, PublicKeyOrCertificate,
};
use russh::{ChannelMsg, ChannelWriteHalf};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The longest any single wait in these tests lasts.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// The built-in content, parsed once for the whole test binary.
pub fn content() -> Arc<Content> {
    static CONTENT: OnceLock<Arc<Content>> = OnceLock::new();
    CONTENT
        .get_or_init(|| Arc::new(Content::builtin().unwrap()))
        .clone()
}

/// A fresh Ed25519 key (a host key or a player's).
pub fn new_key() -> PrivateKey {
    PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap()
}

/// Lets anyone in under any name: what a loopback server without keys or
/// a class code does.
pub fn open_access() -> Access {
    Access::new(None, None, None, b"test secret", Slowing::default())
}

/// The server's limits with the times cut short enough for tests, but
/// long enough that a test's own client never meets them by accident.
pub fn test_limits() -> Limits {
    Limits {
        ident: Duration::from_secs(5),
        auth: Duration::from_secs(10),
        unauthenticated: 64,
        max_sessions: 16,
        stall: Duration::from_secs(5),
        ..Limits::default()
    }
}

/// A running test server.
pub struct TestServer {
    pub addr: SocketAddr,
    /// Sending (or dropping) it stops the server.
    pub stop: Option<oneshot::Sender<()>>,
    /// `Server::run`, which returns once every session has ended.
    pub run: JoinHandle<std::io::Result<()>>,
    pub saves: PathBuf,
    pub shared: Arc<Shared>,
    pub host: PublicKey,
}

/// Starts a server for the fixed class (seed 42) on a free loopback port,
/// saving into a fresh scratch folder named after `name`.
pub async fn start_server(name: &str, access: Access, limits: Limits) -> TestServer {
    let saves = super::scratch(&format!("serve-{name}"));
    start_server_in(&saves, access, limits).await
}

/// As [`start_server`], saving into `saves` (which may hold files already).
pub async fn start_server_in(saves: &Path, access: Access, limits: Limits) -> TestServer {
    let content = content();
    let rules = Arc::new(content.rules(DEFAULT_SCENARIO, None).unwrap());
    let class = Class {
        content,
        rules,
        seed: Some(super::SEED),
        embed: false,
        saves_dir: saves.to_path_buf(),
    };
    let key = new_key();
    let host = key.public_key().clone();
    let server = Server::bind("127.0.0.1:0".parse().unwrap(), class, access, key, limits)
        .await
        .unwrap();
    let addr = server.local_addr().unwrap();
    let shared = server.shared();
    let (stop, stopped) = oneshot::channel::<()>();
    // A dropped sender stops the server too: a failing test leaves nothing
    // running.
    let run = tokio::spawn(server.run(
        async move {
            let _ = stopped.await;
        },
        Duration::from_secs(5),
    ));
    TestServer {
        addr,
        stop: Some(stop),
        run,
        saves: saves.to_path_buf(),
        shared,
        host,
    }
}

impl TestServer {
    /// Connects a client with the default client settings.
    pub async fn connect(&self) -> Client {
        self.connect_with(client_config()).await
    }

    pub async fn connect_with(&self, config: client::Config) -> Client {
        Client::connect(self.addr, &self.host, config).await
    }

    /// Connects and signs in as `name` with no credentials (an open server).
    pub async fn sign_in(&self, name: &str) -> Client {
        let mut client = self.connect().await;
        assert!(client.auth_none(name).await, "{name} was not let in");
        client
    }

    /// Signs in as `name` and starts a game in a `cols`×`rows` terminal.
    pub async fn play(&self, name: &str, cols: u32, rows: u32) -> (Client, Term) {
        let client = self.sign_in(name).await;
        let term = client.terminal(cols, rows).await;
        (client, term)
    }

    /// Waits until exactly `n` sessions run.
    pub async fn wait_sessions(&self, n: usize) {
        let shared = self.shared.clone();
        wait_until(&format!("{n} sessions"), || shared.session_count() == n).await;
    }

    /// The autosave files in the saves folder.
    pub fn autosaves(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&self.saves)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("autosave-") && n.ends_with(".ron"))
            })
            .collect();
        found.sort();
        found
    }

    /// Waits for `name`'s autosave and returns its path.
    pub async fn wait_autosave(&self, name: &str) -> PathBuf {
        let prefix = format!("autosave-{}-", name.to_lowercase());
        let mut path = None;
        wait_until(&format!("{prefix}*.ron"), || {
            path = self.autosaves().into_iter().find(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix))
            });
            path.is_some()
        })
        .await;
        path.unwrap()
    }

    /// Stops the server and waits for `run` to return.
    pub async fn shut_down(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        tokio::time::timeout(PATIENCE, &mut self.run)
            .await
            .expect("Server::run did not return after the stop")
            .unwrap()
            .unwrap();
    }
}

/// The client's settings: the defaults, without Nagle's delay.
pub fn client_config() -> client::Config {
    client::Config {
        nodelay: true,
        ..Default::default()
    }
}

/// Polls `done` every 10 ms until it holds, failing after [`PATIENCE`].
pub async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The client's side of the host-key check: only the test server's key.
pub struct Trust {
    host: PublicKey,
}

impl client::Handler for Trust {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(match key {
            PublicKeyOrCertificate::PublicKey { key, .. } => key.key_data() == self.host.key_data(),
            PublicKeyOrCertificate::Certificate(_) => false,
        })
    }
}

/// A switch on the client's reading side of the socket.
#[derive(Default)]
struct Pause {
    paused: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

/// A TCP stream whose reading can be held, as a client does that stops
/// reading (its writes still go out).
struct Pausable {
    inner: TcpStream,
    pause: Arc<Pause>,
}

impl AsyncRead for Pausable {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.pause.paused.load(Ordering::SeqCst) {
            *self.pause.waker.lock().unwrap() = Some(cx.waker().clone());
            // Checked again: a resume between the two would be missed.
            if self.pause.paused.load(Ordering::SeqCst) {
                return Poll::Pending;
            }
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Pausable {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// One SSH connection to the test server.
pub struct Client {
    pub handle: client::Handle<Trust>,
    pause: Arc<Pause>,
    /// The same socket, to cut it from under the SSH session.
    socket: std::net::TcpStream,
}

impl Client {
    pub async fn connect(addr: SocketAddr, host: &PublicKey, config: client::Config) -> Client {
        Client::over(raw(addr).await, host, config).await
    }

    /// Speaks SSH over a TCP connection made earlier.
    pub async fn over(tcp: TcpStream, host: &PublicKey, config: client::Config) -> Client {
        tcp.set_nodelay(true).unwrap();
        let std_tcp = tcp.into_std().unwrap();
        let socket = std_tcp.try_clone().unwrap();
        let pause = Arc::new(Pause::default());
        let stream = Pausable {
            inner: TcpStream::from_std(std_tcp).unwrap(),
            pause: pause.clone(),
        };
        let trust = Trust { host: host.clone() };
        let handle = tokio::time::timeout(
            PATIENCE,
            client::connect_stream(Arc::new(config), stream, trust),
        )
        .await
        .expect("the SSH handshake hung")
        .unwrap();
        Client {
            handle,
            pause,
            socket,
        }
    }

    pub async fn auth_none(&mut self, name: &str) -> bool {
        succeeded(self.handle.authenticate_none(name).await)
    }

    pub async fn auth_password(&mut self, name: &str, password: &str) -> bool {
        succeeded(self.handle.authenticate_password(name, password).await)
    }

    pub async fn auth_key(&mut self, name: &str, key: &PrivateKey) -> bool {
        let key = PrivateKeyWithHashAlg::new(Arc::new(key.clone()), None);
        succeeded(self.handle.authenticate_publickey(name, key).await)
    }

    /// Keyboard-interactive: answers every prompt with `code`.
    pub async fn auth_keyboard(&mut self, name: &str, code: &str) -> bool {
        let mut reply = self
            .handle
            .authenticate_keyboard_interactive_start(name, None)
            .await
            .unwrap();
        // A server may ask more than once; a handful of rounds is plenty.
        for _ in 0..4 {
            match reply {
                KeyboardInteractiveAuthResponse::Success => return true,
                KeyboardInteractiveAuthResponse::Failure { .. } => return false,
                KeyboardInteractiveAuthResponse::InfoRequest { prompts, .. } => {
                    let answers = prompts.iter().map(|_| code.to_string()).collect();
                    reply = self
                        .handle
                        .authenticate_keyboard_interactive_respond(answers)
                        .await
                        .unwrap();
                }
            }
        }
        panic!("the server kept asking");
    }

    /// Opens a session channel (no requests made on it yet).
    pub async fn session(&self) -> Term {
        let channel = self.handle.channel_open_session().await.unwrap();
        Term::new(channel)
    }

    /// Opens a session with a `cols`×`rows` terminal and a shell; both
    /// requests must be granted.
    pub async fn terminal(&self, cols: u32, rows: u32) -> Term {
        self.terminal_as("xterm-256color", cols, rows).await
    }

    /// As [`Client::terminal`], for a terminal of type `term` (`TERM`).
    pub async fn terminal_as(&self, term_name: &str, cols: u32, rows: u32) -> Term {
        let term = self.session().await;
        term.resize_screen(cols, rows);
        term.write
            .request_pty(true, term_name, cols, rows, 0, 0, &[])
            .await
            .unwrap();
        assert!(term.reply(0).await, "the pty request was refused");
        term.write.request_shell(true).await.unwrap();
        assert!(term.reply(1).await, "the shell request was refused");
        term
    }

    /// Stops reading from the socket: the server's output piles up.
    pub fn stop_reading(&self) {
        self.pause.paused.store(true, Ordering::SeqCst);
    }

    pub fn resume_reading(&self) {
        self.pause.paused.store(false, Ordering::SeqCst);
        if let Some(waker) = self.pause.waker.lock().unwrap().take() {
            waker.wake();
        }
    }

    /// Cuts the TCP connection without a word of SSH (a laptop lid shut,
    /// a network gone).
    pub fn cut(self) {
        let _ = self.socket.shutdown(std::net::Shutdown::Both);
    }

    /// Whether the SSH session has ended on the client's side.
    pub fn is_closed(&self) -> bool {
        self.handle.is_closed()
    }
}

fn succeeded(result: Result<AuthResult, russh::Error>) -> bool {
    matches!(result, Ok(AuthResult::Success))
}

/// Everything a session channel brought back so far.
pub struct Seen {
    pub parser: vt100::Parser,
    /// Answers to requests made with want_reply, in order.
    pub replies: Vec<bool>,
    pub eof: bool,
    pub closed: bool,
    pub exit_status: Option<u32>,
    /// The channel's messages have ended (the connection may be gone).
    pub ended: bool,
}

impl Seen {
    pub fn text(&self) -> String {
        self.parser.screen().contents()
    }
}

/// A session channel: its writing half for requests and keys, and a task
/// that reads everything that comes back onto a vt100 screen.
pub struct Term {
    pub write: ChannelWriteHalf<Msg>,
    pub seen: Arc<Mutex<Seen>>,
    reader: JoinHandle<()>,
}

fn parser(cols: u32, rows: u32) -> vt100::Parser {
    let size = |n: u32| NonZeroU16::new(u16::try_from(n).unwrap()).unwrap();
    vt100::Parser::new(size(rows), size(cols), 0)
}

impl Term {
    fn new(channel: russh::Channel<Msg>) -> Term {
        let (mut read, write) = channel.split();
        let seen = Arc::new(Mutex::new(Seen {
            parser: parser(80, 24),
            replies: Vec::new(),
            eof: false,
            closed: false,
            exit_status: None,
            ended: false,
        }));
        let log = seen.clone();
        let reader = tokio::spawn(async move {
            while let Some(msg) = read.wait().await {
                let mut seen = log.lock().unwrap();
                match msg {
                    ChannelMsg::Data { data } => seen.parser.process(&data),
                    ChannelMsg::Success => seen.replies.push(true),
                    ChannelMsg::Failure => seen.replies.push(false),
                    ChannelMsg::Eof => seen.eof = true,
                    ChannelMsg::Close => seen.closed = true,
                    ChannelMsg::ExitStatus { exit_status } => seen.exit_status = Some(exit_status),
                    _ => {}
                }
            }
            log.lock().unwrap().ended = true;
        });
        Term {
            write,
            seen,
            reader,
        }
    }

    /// The client's screen takes a new size (before telling the server).
    pub fn resize_screen(&self, cols: u32, rows: u32) {
        let size = |n: u32| NonZeroU16::new(u16::try_from(n).unwrap()).unwrap();
        self.seen
            .lock()
            .unwrap()
            .parser
            .set_size(size(rows), size(cols));
    }

    /// The screen's text now.
    pub fn text(&self) -> String {
        self.seen.lock().unwrap().text()
    }

    /// Whether `test` holds of what has been seen so far.
    pub fn seen(&self, test: impl FnOnce(&Seen) -> bool) -> bool {
        test(&self.seen.lock().unwrap())
    }

    /// Waits until `done` holds of what has been seen; returns the screen.
    pub async fn wait(&self, what: &str, mut done: impl FnMut(&Seen) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            {
                let seen = self.seen.lock().unwrap();
                if done(&seen) {
                    return seen.text();
                }
                assert!(
                    Instant::now() < deadline,
                    "timed out waiting for {what}; screen:\n{}",
                    seen.text()
                );
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Waits until the screen shows every needle at once (a frame arrives
    /// in pieces, so one may show before the rest are drawn).
    pub async fn wait_for(&self, needles: &[&str]) -> String {
        self.wait(&format!("{needles:?}"), |seen| {
            let text = seen.text();
            needles.iter().all(|n| text.contains(n))
        })
        .await
    }

    /// Waits for the answer to the `n`th request made with want_reply.
    pub async fn reply(&self, n: usize) -> bool {
        self.wait(&format!("reply {n}"), |seen| {
            seen.replies.len() > n || seen.ended
        })
        .await;
        let seen = self.seen.lock().unwrap();
        *seen
            .replies
            .get(n)
            .unwrap_or_else(|| panic!("the channel ended before reply {n}"))
    }

    /// Waits until the server has closed the channel.
    pub async fn wait_closed(&self) -> String {
        self.wait("the channel to close", |seen| seen.closed || seen.ended)
            .await
    }

    /// Sends bytes as typed keys.
    pub async fn keys(&self, bytes: &[u8]) {
        self.write.data_bytes(bytes.to_vec()).await.unwrap();
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

/// From the lobby, where every session starts, to the class game's
/// briefing: New game is highlighted on arrival, and Enter opens it.
pub async fn new_game(term: &Term) {
    term.wait_for(&["What would you like to do?", "New game"])
        .await;
    term.keys(b"\r").await;
    term.wait_for(&["Press any key"]).await;
}

/// From the lobby to the first quarter's dashboard (any key leaves the
/// briefing).
pub async fn to_dashboard(term: &Term) {
    new_game(term).await;
    term.keys(b"\r").await;
    term.wait_for(&["turn 1/16", "Your move", "q quit"]).await;
}

/// Plays the highlighted move of the first quarter and waits for its report.
pub async fn play_first_quarter(term: &Term) {
    to_dashboard(term).await;
    term.keys(b"\r").await;
    term.wait_for(&["Turn 1 report"]).await;
}

/// A raw TCP connection to the server, for what comes before SSH.
pub async fn raw(addr: SocketAddr) -> TcpStream {
    TcpStream::connect(addr).await.unwrap()
}

/// Reads until the peer closes (EOF or reset); returns how long it took,
/// or None if it was still open after `limit`.
pub async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Duration> {
    use tokio::io::AsyncReadExt;
    let started = Instant::now();
    let mut buf = [0u8; 4096];
    let read_all = async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    };
    tokio::time::timeout(limit, read_all)
        .await
        .ok()
        .map(|()| started.elapsed())
}

/// The six-character code a screen shows spaced out ("A E R 2 W G") or in
/// the header ("resume code TWVDME").
pub fn code_on(text: &str, after: &str) -> String {
    let start = text
        .find(after)
        .unwrap_or_else(|| panic!("no {after:?} in:\n{text}"))
        + after.len();
    text[start..]
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(6)
        .collect()
}
