//! `chokepoints serve` under a class's load: N simulated players (200 by
//! default) each play a whole game over SSH against the real server
//! binary, running as a separate process, while the bench measures what
//! each player would feel and what the server costs.
//!
//! Run with:
//!
//! ```text
//! cargo build --release && cargo bench --bench serve_load
//! ```
//!
//! The bench starts `target/release/chokepoints` (build it first: the bench
//! does not build it, and stops with a message if it is missing) as
//! `serve --listen 127.0.0.1:PORT --saves-dir TMP --seed 7 --max-sessions
//! N+10` on a free loopback port, waits until it accepts connections, and
//! ends it with SIGTERM when the players are done. Everything is bounded:
//! each wait has a timeout, and a player who gets stuck is counted as a
//! failure with its reason.
//!
//! Settings (environment):
//! - `CHOKEPOINTS_LOAD_SESSIONS=N`: the number of players (default 200;
//!   20 in quick mode).
//! - `CHOKEPOINTS_LOAD_QUICK=1`: a smoke run: 20 players, short pauses
//!   between keys (50–200 ms) and a 2 s ramp-up.
//! - `CHOKEPOINTS_LOAD_SEED=S`: the seed of the players' pauses and choices
//!   (default 7).
//! - `CHOKEPOINTS_LOAD_WAIT_REVIEW=1`: each player stays on the debrief
//!   until its decision review is shown (at most 10 minutes), as a class
//!   reading its reviews would, and the wait is reported. Without it a
//!   player leaves the debrief after one pause, and the server skips the
//!   reviews of players who have left.
//!
//! Each player connects as its own name (`p001`, `p002`, …) with SSH's
//! `none` authentication (which a loopback server without keys or a class
//! code takes), asks for an 80×24 `xterm-256color` terminal and a shell,
//! and reads what it is sent into a `vt100` screen. Connections ramp up
//! over 20 s (2 s in quick mode), so that the handshakes are spread out as
//! a class arriving would spread them. From the screen it knows where it
//! is, and plays: Enter on the lobby's "New game", any key to leave the
//! briefing, then each quarter, now and then, the highlight moved away and
//! back (↑ then ↓, or ↓ then ↑ at the top of the list: each changes the
//! screen), Enter to play the highlighted move (`y` if the game asks to
//! confirm a warned move) and Enter to leave the turn report; after the
//! last report, the debrief; then `q` back to the lobby and `q` to leave.
//! Between keys it pauses as a reading player would: uniformly 0.5–2.0 s
//! (seeded per player).
//!
//! What is measured:
//! - Keypress → frame latency, at the client, for every key: from just
//!   before the key is handed to the SSH client to the arrival of the last
//!   byte of the frame the key caused. A frame ends when the output goes
//!   quiet for 15 ms after its first byte arrived; the time taken is that
//!   of the last byte, not of the quiet point. It includes the client's
//!   encryption and the loopback both ways. The frame a key caused is the
//!   first after which the screen shows where the key leads (the report
//!   after a move, the moved highlight, …); a frame that shows something
//!   else (a review's progress drawn just then) is counted as a stray and
//!   the wait goes on. Output that arrives while the player pauses is read
//!   and drawn, and counted apart. The latencies are also split by phase:
//!   before any player reached the debrief, and after (when the server
//!   also reviews finished games), with the server's CPU in each phase and
//!   the most server threads found runnable at once.
//! - Sessions held at once: the most players connected at the same time,
//!   and the most in a game at the same time (from the briefing to the
//!   debrief).
//! - Server memory per session: the server's `VmRSS` (`/proc/PID/status`)
//!   before any player connects, and its highest value sampled (every
//!   100 ms) while the most players were in a game at once:
//!   (peak − base) / players in game then.
//! - CPU per active session: the server's utime + stime
//!   (`/proc/PID/stat`) over the window in which every player was in a game
//!   at once, divided by the window's length and the number of players, in
//!   millicores. Also over the whole run, per second of a player in game.
//!
//! The players run in this process, on a 2-thread tokio runtime, on the
//! same machine as the server: they compete with it for the CPU, so the
//! latencies are an upper bound of what the server alone would give.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::net::TcpListener;
use std::num::NonZeroU16;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chokepoints::engine::GameRng;
use russh::client;
use russh::keys::PublicKeyOrCertificate;
use russh::{ChannelMsg, Disconnect};

/// The terminal each player asks for.
const COLS: u16 = 80;
const ROWS: u16 = 24;
/// A frame has ended when nothing more arrives for this long.
const QUIET: Duration = Duration::from_millis(15);
/// The longest a key may wait for its frame before the player gives up.
const FRAME_TIMEOUT: Duration = Duration::from_secs(15);
/// The longest a connection may take (TCP, SSH, sign-in, first frame).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(60);
/// The longest a player waits on the debrief for its review.
const REVIEW_TIMEOUT: Duration = Duration::from_secs(600);
/// On the debrief once the decision review is in.
const REVIEW_SHOWN: &str = "the expert's play scores 100";
/// A bound on the keys of one game, in case the screens loop.
const MAX_KEYS: usize = 400;
/// How often the server's memory and CPU are sampled.
const SAMPLE_EVERY: Duration = Duration::from_millis(100);

/// The run's settings.
#[derive(Clone, Debug)]
struct Settings {
    sessions: usize,
    quick: bool,
    /// The pause between keys: uniformly between these.
    pause: (Duration, Duration),
    /// Connections start evenly over this long.
    ramp: Duration,
    seed: u64,
    /// How often a quarter moves the highlight away and back first.
    browse: f64,
    /// Whether players stay on the debrief until their decision review is
    /// shown (else they leave after one pause).
    wait_review: bool,
}

impl Settings {
    fn from_env() -> Settings {
        let quick =
            std::env::var("CHOKEPOINTS_LOAD_QUICK").is_ok_and(|v| !v.is_empty() && v != "0");
        let sessions = std::env::var("CHOKEPOINTS_LOAD_SESSIONS")
            .ok()
            .map(|v| {
                v.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .unwrap_or_else(|| {
                        eprintln!("CHOKEPOINTS_LOAD_SESSIONS must be a positive number, not {v:?}");
                        std::process::exit(2)
                    })
            })
            .unwrap_or(if quick { 20 } else { 200 });
        let seed = std::env::var("CHOKEPOINTS_LOAD_SEED")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(7);
        let (pause, ramp) = if quick {
            (
                (Duration::from_millis(50), Duration::from_millis(200)),
                Duration::from_secs(2),
            )
        } else {
            (
                (Duration::from_millis(500), Duration::from_millis(2000)),
                Duration::from_secs(20),
            )
        };
        Settings {
            sessions,
            quick,
            pause,
            ramp,
            seed,
            browse: 0.6,
            wait_review: std::env::var("CHOKEPOINTS_LOAD_WAIT_REVIEW")
                .is_ok_and(|v| !v.is_empty() && v != "0"),
        }
    }
}

fn main() {
    let settings = Settings::from_env();
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/chokepoints");
    if !binary.is_file() {
        eprintln!(
            "serve_load: {} is missing. The bench runs the release server as a separate process: build it first, e.g.\n    cargo build --release && cargo bench --bench serve_load",
            binary.display()
        );
        std::process::exit(2);
    }
    let dir = std::env::temp_dir().join(format!("chokepoints-serve-load-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let saves = dir.join("saves");
    fs::create_dir_all(&saves).expect("a temporary folder for the saves");
    let log_path = dir.join("server.log");

    let port = free_port();
    let log = fs::File::create(&log_path).expect("the server's log file");
    let mut server = Command::new(&binary)
        .arg("serve")
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .arg("--saves-dir")
        .arg(&saves)
        .args(["--seed", "7"])
        .args(["--max-sessions", &(settings.sessions + 10).to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| {
            eprintln!("serve_load: cannot start {}: {e}", binary.display());
            std::process::exit(1)
        });
    let pid = server.id();
    println!(
        "serve_load: {} players ({}), server pid {pid} on 127.0.0.1:{port}, saves in {}",
        settings.sessions,
        if settings.quick { "quick" } else { "full" },
        saves.display()
    );

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let outcome = runtime.block_on(async {
        wait_until_listening(port, &mut server).await?;
        Ok::<_, String>(run(&settings, port, pid).await)
    });
    drop(runtime);

    let alive_at_end = matches!(server.try_wait(), Ok(None));
    let exit = stop(&mut server, pid);
    let log = fs::read_to_string(&log_path).unwrap_or_default();
    match outcome {
        Ok(run) => report(&settings, &run, &log, alive_at_end, &exit),
        Err(e) => {
            eprintln!("serve_load: {e}");
            eprintln!("server log ({}):\n{}", log_path.display(), tail(&log, 20));
            std::process::exit(1);
        }
    }
    let _ = fs::remove_dir_all(&dir);
}

/// A port nobody listens on now: bound, read, let go.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener.local_addr().expect("its address").port()
}

/// Waits until the server takes TCP connections (at most 30 s).
async fn wait_until_listening(port: u16, server: &mut Child) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(Some(status)) = server.try_wait() {
            return Err(format!("the server exited at start ({status})"));
        }
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            // Let it settle (the probe's connection ends) before the base
            // memory is read.
            tokio::time::sleep(Duration::from_millis(500)).await;
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err("the server did not listen within 30 s".to_string());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// SIGTERM (through `kill`), then waits up to 20 s for the server to save
/// and leave; kills it if it does not.
fn stop(server: &mut Child, pid: u32) -> String {
    if let Ok(Some(status)) = server.try_wait() {
        return format!("had exited already ({status})");
    }
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(20);
    let started = Instant::now();
    while Instant::now() < deadline {
        if let Ok(Some(status)) = server.try_wait() {
            return format!(
                "stopped on SIGTERM in {:.1} s ({status})",
                started.elapsed().as_secs_f64()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = server.kill();
    let _ = server.wait();
    "did not stop within 20 s of SIGTERM: killed".to_string()
}

// ---------------------------------------------------------------------------
// The server's side: /proc.

/// The server's resident memory, in KiB.
fn rss_kib(pid: u32) -> Option<u64> {
    status_field(pid, "VmRSS:")
}

fn status_field(pid: u32, field: &str) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len()..].split_whitespace().next()?.parse().ok()
}

/// The server's threads running or ready to run now (state R).
fn runnable_threads(pid: u32) -> usize {
    let Ok(tasks) = fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .flatten()
        .filter(|t| {
            fs::read_to_string(t.path().join("stat")).is_ok_and(|stat| {
                stat.rfind(')')
                    .and_then(|i| stat[i + 1..].split_whitespace().next().map(|st| st == "R"))
                    .unwrap_or(false)
            })
        })
        .count()
}

/// The server's CPU time so far (user + system), in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces: the fields start after its ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // Fields 14 and 15 of stat(5); `rest` starts at field 3.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// The 1-, 5- and 15-minute load averages (other work on the machine
/// shows in the latencies).
fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn clock_ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

// ---------------------------------------------------------------------------
// The run.

/// What every player shares with the sampler.
#[derive(Default)]
struct Live {
    /// Players with a running session (from the lobby's first frame).
    connected: AtomicUsize,
    /// Players in a game (from the briefing to the debrief).
    playing: AtomicUsize,
    /// Players who have reached the debrief.
    debriefed: AtomicUsize,
    done: AtomicBool,
}

/// What the sampler saw of the server.
#[derive(Debug, Default)]
struct Samples {
    base_rss_kib: u64,
    peak_connected: usize,
    peak_playing: usize,
    /// The highest RSS sampled while `peak_playing` players were in a game.
    rss_at_peak_kib: u64,
    max_rss_kib: u64,
    max_threads: u64,
    /// The most server threads found running or runnable at once
    /// (sampled every 500 ms), before and after the first debrief.
    max_runnable: (usize, usize),
    /// The server's CPU ticks and the time from the first connection to
    /// the first debrief (after it, the server also reviews finished games).
    before_debrief: Option<(Duration, u64)>,
    /// The window in which every player was in a game: its length and
    /// the server's CPU ticks over it.
    all_playing: Option<(Duration, u64)>,
    /// From the first player's connection to the last one's end.
    run_window: Duration,
    run_ticks: u64,
    /// Seconds of players in a game, summed over the players.
    playing_seconds: f64,
}

/// One player's game.
#[derive(Debug, Default)]
struct Played {
    keys: Vec<Pressed>,
    /// Frames that came while waiting for a key's and were not it.
    stray_frames: usize,
    /// TCP connect to the last byte of the lobby's first frame.
    connect: Option<Duration>,
    /// From the debrief's first frame to its review shown (when waited for).
    review_wait: Option<Duration>,
    reached_debrief: bool,
    quarters: usize,
    failure: Option<String>,
    /// Output that arrived while the player paused.
    late_bytes: usize,
    late_chunks: usize,
}

/// One key and the time to the last byte of its frame.
#[derive(Clone, Copy, Debug)]
struct Pressed {
    kind: Kind,
    /// Whether some player had reached the debrief when it was pressed
    /// (the server then reviews finished games).
    after_debrief: bool,
    latency: Duration,
}

/// What a key was for, to break the latencies down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    NewGame,
    LeaveBriefing,
    MoveHighlight,
    PlayMove,
    Confirm,
    LeaveReport,
    BackToLobby,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::NewGame => "Enter: New game (lobby → briefing)",
            Kind::LeaveBriefing => "any key: leave the briefing",
            Kind::MoveHighlight => "↑/↓: move the highlight",
            Kind::PlayMove => "Enter: play a move (→ report)",
            Kind::Confirm => "y: confirm a warned move",
            Kind::LeaveReport => "Enter: leave the report",
            Kind::BackToLobby => "q: debrief → lobby",
        }
    }
}

struct Run {
    played: Vec<Played>,
    samples: Samples,
    elapsed: Duration,
    ticks_per_second: f64,
    /// The machine's load averages at the start and the end.
    load: (String, String),
    /// This process's CPU ticks over the run: the players' own cost.
    client_ticks: u64,
}

async fn run(settings: &Settings, port: u16, pid: u32) -> Run {
    let live = Arc::new(Live::default());
    let ticks_per_second = clock_ticks_per_second();
    let base_rss_kib = rss_kib(pid).unwrap_or(0);
    let load_before = loadavg();
    let own = std::process::id();
    let own_before = cpu_ticks(own).unwrap_or(0);
    let sampler = tokio::spawn(sample(pid, settings.sessions, live.clone(), base_rss_kib));
    let started = Instant::now();
    let config = Arc::new(client::Config {
        nodelay: true,
        ..Default::default()
    });
    let mut players = Vec::with_capacity(settings.sessions);
    for i in 0..settings.sessions {
        let start_at = started + settings.ramp.mul_f64(i as f64 / settings.sessions as f64);
        let settings = settings.clone();
        let live = live.clone();
        let config = config.clone();
        players.push(tokio::spawn(async move {
            tokio::time::sleep_until(start_at.into()).await;
            play(i, &settings, port, config, &live).await
        }));
    }
    let mut played = Vec::with_capacity(players.len());
    for (i, player) in players.into_iter().enumerate() {
        played.push(player.await.unwrap_or_else(|e| Played {
            failure: Some(format!("player {} panicked: {e}", name(i))),
            ..Played::default()
        }));
    }
    let elapsed = started.elapsed();
    live.done.store(true, Ordering::SeqCst);
    let samples = sampler.await.unwrap_or_default();
    Run {
        played,
        samples,
        elapsed,
        ticks_per_second,
        load: (load_before, loadavg()),
        client_ticks: cpu_ticks(own).unwrap_or(0).saturating_sub(own_before),
    }
}

/// Samples the server every 100 ms until the players are done.
async fn sample(pid: u32, sessions: usize, live: Arc<Live>, base_rss_kib: u64) -> Samples {
    let mut s = Samples {
        base_rss_kib,
        ..Samples::default()
    };
    let mut all_since: Option<(Instant, u64)> = None;
    let mut first: Option<(Instant, u64)> = None;
    let mut last = Instant::now();
    let mut samples = 0u64;
    let mut interval = tokio::time::interval(SAMPLE_EVERY);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        interval.tick().await;
        let now = Instant::now();
        let connected = live.connected.load(Ordering::SeqCst);
        let playing = live.playing.load(Ordering::SeqCst);
        let rss = rss_kib(pid).unwrap_or(0);
        let ticks = cpu_ticks(pid).unwrap_or(0);
        s.max_threads = s
            .max_threads
            .max(status_field(pid, "Threads:").unwrap_or(0));
        samples += 1;
        let debriefed = live.debriefed.load(Ordering::SeqCst) > 0;
        if samples.is_multiple_of(5) {
            let r = runnable_threads(pid);
            if debriefed {
                s.max_runnable.1 = s.max_runnable.1.max(r);
            } else {
                s.max_runnable.0 = s.max_runnable.0.max(r);
            }
        }
        s.max_rss_kib = s.max_rss_kib.max(rss);
        s.peak_connected = s.peak_connected.max(connected);
        if playing > s.peak_playing {
            s.peak_playing = playing;
            s.rss_at_peak_kib = rss;
        } else if playing == s.peak_playing && playing > 0 {
            s.rss_at_peak_kib = s.rss_at_peak_kib.max(rss);
        }
        s.playing_seconds += playing as f64 * (now - last).as_secs_f64();
        last = now;
        if connected > 0 && first.is_none() {
            first = Some((now, ticks));
        }
        if let Some((t0, c0)) = first {
            s.run_window = now - t0;
            s.run_ticks = ticks.saturating_sub(c0);
            if !debriefed {
                s.before_debrief = Some((now - t0, ticks.saturating_sub(c0)));
            }
        }
        // The window of every player in a game: the first one of its kind
        // (the ramp leads into it; the first player to finish ends it).
        if playing == sessions {
            match all_since {
                None if s.all_playing.is_none() => all_since = Some((now, ticks)),
                Some((t0, c0)) => s.all_playing = Some((now - t0, ticks.saturating_sub(c0))),
                None => {}
            }
        } else {
            all_since = None;
        }
        if live.done.load(Ordering::SeqCst) {
            return s;
        }
    }
}

fn name(i: usize) -> String {
    format!("p{:03}", i + 1)
}

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        // A loopback server made for this run.
        Ok(true)
    }
}

/// Where a player is, read off its screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Where {
    Lobby,
    Briefing,
    Dashboard,
    Confirm,
    Report,
    Debrief,
    Unknown,
}

fn where_am_i(screen: &str) -> Where {
    if screen.contains("Play it anyway?") {
        Where::Confirm
    } else if screen.contains("┌ Debrief") {
        Where::Debrief
    } else if screen.contains("┌ Turn ") && screen.contains(" report: ") {
        Where::Report
    } else if screen.contains("┌ Briefing") {
        Where::Briefing
    } else if screen.contains("Your move (Enter plays it)") {
        Where::Dashboard
    } else if screen.contains("What would you like to do?") {
        Where::Lobby
    } else {
        Where::Unknown
    }
}

/// The number of the highlighted move on the dashboard (`› 8 …`).
fn highlighted(screen: &str) -> Option<usize> {
    screen.lines().find_map(|line| {
        let after = &line[line.find('›')? + '›'.len_utf8()..];
        let digits: String = after
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    })
}

/// The first lines of a screen, for a failure's reason.
fn glimpse(screen: &str) -> String {
    screen
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(2)
        .collect::<Vec<_>>()
        .join(" | ")
}

const ENTER: &[u8] = b"\r";
const UP: &[u8] = b"\x1b[A";
const DOWN: &[u8] = b"\x1b[B";
const SPACE: &[u8] = b" ";

/// One player's connection: its channel and its screen.
struct Player {
    channel: russh::Channel<client::Msg>,
    screen: vt100::Parser,
    rng: GameRng,
    pause: (Duration, Duration),
    played: Played,
}

impl Player {
    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Takes one message from the server: its bytes drawn, the end of
    /// the session an error.
    fn take(&mut self, msg: Option<ChannelMsg>) -> Result<usize, String> {
        match msg {
            Some(ChannelMsg::Data { data }) => {
                self.screen.process(&data);
                Ok(data.len())
            }
            Some(ChannelMsg::Failure) => Err("the server refused a request".to_string()),
            Some(ChannelMsg::ExitStatus { exit_status }) => Err(format!(
                "the session ended (exit status {exit_status}) on: {}",
                glimpse(&self.contents())
            )),
            Some(ChannelMsg::Eof | ChannelMsg::Close) | None => Err(format!(
                "the server closed the session on: {}",
                glimpse(&self.contents())
            )),
            Some(_) => Ok(0),
        }
    }

    /// Reads one frame: until the output has been quiet for `QUIET` after
    /// its first byte, which must come before `until`. Returns when the
    /// last byte arrived.
    async fn frame(&mut self, until: Instant, what: &str) -> Result<Instant, String> {
        let mut last: Option<Instant> = None;
        loop {
            let deadline = match last {
                Some(t) => t + QUIET,
                None => until,
            };
            match tokio::time::timeout_at(deadline.into(), self.channel.wait()).await {
                Ok(msg) => {
                    if self.take(msg)? > 0 {
                        last = Some(Instant::now());
                    }
                }
                Err(_) => {
                    return last.ok_or_else(|| {
                        format!(
                            "no frame within {} s after {what} on: {}",
                            FRAME_TIMEOUT.as_secs(),
                            glimpse(&self.contents())
                        )
                    });
                }
            }
        }
    }

    /// Pauses as a player reads, drawing whatever arrives meanwhile.
    async fn pause(&mut self) -> Result<(), String> {
        let (lo, hi) = self.pause;
        let wait = lo + (hi - lo).mul_f64(self.rng.unit());
        let until = Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(until.into(), self.channel.wait()).await {
                Ok(msg) => {
                    let n = self.take(msg)?;
                    if n > 0 {
                        self.played.late_bytes += n;
                        self.played.late_chunks += 1;
                    }
                }
                Err(_) => return Ok(()),
            }
        }
    }

    /// Reads the debrief as it fills in, until its review is shown.
    async fn wait_for_review(&mut self) -> Result<(), String> {
        let since = Instant::now();
        let until = since + REVIEW_TIMEOUT;
        while !self.contents().contains(REVIEW_SHOWN) {
            match tokio::time::timeout_at(until.into(), self.channel.wait()).await {
                Ok(msg) => {
                    self.take(msg)?;
                }
                Err(_) => {
                    return Err(format!(
                        "no review on the debrief within {} s",
                        REVIEW_TIMEOUT.as_secs()
                    ));
                }
            }
        }
        self.played.review_wait = Some(since.elapsed());
        Ok(())
    }

    /// Pauses, presses a key and waits for the frame it causes: the first
    /// after which the screen shows what the key leads to (`expect`). A
    /// frame that shows something else (a review's progress drawn just
    /// then) is counted as a stray and the wait goes on.
    async fn press(
        &mut self,
        key: &[u8],
        kind: Kind,
        live: &Live,
        expect: impl Fn(&str) -> bool,
    ) -> Result<(), String> {
        self.pause().await?;
        let after_debrief = live.debriefed.load(Ordering::SeqCst) > 0;
        let sent = Instant::now();
        self.channel
            .data_bytes(key.to_vec())
            .await
            .map_err(|e| format!("cannot send a key: {e}"))?;
        let until = sent + FRAME_TIMEOUT;
        loop {
            let last = self.frame(until, kind.label()).await?;
            if expect(&self.contents()) {
                self.played.keys.push(Pressed {
                    kind,
                    after_debrief,
                    latency: last - sent,
                });
                return Ok(());
            }
            self.played.stray_frames += 1;
        }
    }
}

/// One player: connects, plays a game to its debrief, leaves.
async fn play(
    i: usize,
    settings: &Settings,
    port: u16,
    config: Arc<client::Config>,
    live: &Live,
) -> Played {
    let began = Instant::now();
    let connected = tokio::time::timeout(CONNECT_TIMEOUT, connect(i, port, config)).await;
    let (handle, channel) = match connected {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => {
            return Played {
                failure: Some(e),
                ..Played::default()
            };
        }
        Err(_) => {
            return Played {
                failure: Some(format!(
                    "could not connect within {} s",
                    CONNECT_TIMEOUT.as_secs()
                )),
                ..Played::default()
            };
        }
    };
    let mut player = Player {
        channel,
        screen: vt100::Parser::new(
            NonZeroU16::new(ROWS).expect("rows"),
            NonZeroU16::new(COLS).expect("columns"),
            0,
        ),
        rng: GameRng::with_stream(settings.seed, i as u64 + 1),
        pause: settings.pause,
        played: Played::default(),
    };
    // The lobby's first frame.
    let mut playing = false;
    let result = match player
        .frame(Instant::now() + FRAME_TIMEOUT, "the shell request")
        .await
    {
        Ok(last) => {
            player.played.connect = Some(last - began);
            live.connected.fetch_add(1, Ordering::SeqCst);
            let r = game(&mut player, settings, live, &mut playing).await;
            live.connected.fetch_sub(1, Ordering::SeqCst);
            r
        }
        Err(e) => Err(e),
    };
    if playing {
        live.playing.fetch_sub(1, Ordering::SeqCst);
    }
    if let Err(e) = result {
        player.played.failure = Some(e);
    }
    let _ = handle
        .disconnect(Disconnect::ByApplication, "", "English")
        .await;
    player.played
}

/// TCP, SSH, `none` as `pNNN`, an 80×24 pty and a shell.
async fn connect(
    i: usize,
    port: u16,
    config: Arc<client::Config>,
) -> Result<(client::Handle<Client>, russh::Channel<client::Msg>), String> {
    let mut handle = client::connect(config, ("127.0.0.1", port), Client)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let auth = handle
        .authenticate_none(name(i))
        .await
        .map_err(|e| format!("authentication: {e}"))?;
    if !auth.success() {
        return Err(format!("authentication refused: {auth:?}"));
    }
    let channel = handle
        .channel_open_session()
        .await
        .map_err(|e| format!("opening the session channel: {e}"))?;
    channel
        .request_pty(
            false,
            "xterm-256color",
            u32::from(COLS),
            u32::from(ROWS),
            0,
            0,
            &[],
        )
        .await
        .map_err(|e| format!("pty request: {e}"))?;
    channel
        .request_shell(false)
        .await
        .map_err(|e| format!("shell request: {e}"))?;
    Ok((handle, channel))
}

/// The game, driven by what the screen shows, to the debrief; then back to
/// the lobby and out.
async fn game(
    player: &mut Player,
    settings: &Settings,
    live: &Live,
    playing: &mut bool,
) -> Result<(), String> {
    let at = |places: &'static [Where]| move |screen: &str| places.contains(&where_am_i(screen));
    let mut opened = false;
    for _ in 0..MAX_KEYS {
        let screen = player.contents();
        match where_am_i(&screen) {
            Where::Lobby if !opened => {
                opened = true;
                player
                    .press(ENTER, Kind::NewGame, live, at(&[Where::Briefing]))
                    .await?;
            }
            Where::Lobby => return Err("back in the lobby before the debrief".to_string()),
            Where::Briefing => {
                if !*playing {
                    *playing = true;
                    live.playing.fetch_add(1, Ordering::SeqCst);
                }
                player
                    .press(SPACE, Kind::LeaveBriefing, live, at(&[Where::Dashboard]))
                    .await?;
            }
            Where::Dashboard => {
                if player.rng.chance(settings.browse)
                    && let Some(n) = highlighted(&screen)
                {
                    // Away and back: both keys change the screen.
                    let (away, back, to) = if n > 1 {
                        (UP, DOWN, n - 1)
                    } else {
                        (DOWN, UP, n + 1)
                    };
                    for (key, target) in [(away, to), (back, n)] {
                        player
                            .press(key, Kind::MoveHighlight, live, move |s: &str| {
                                highlighted(s) == Some(target)
                            })
                            .await?;
                    }
                }
                player
                    .press(
                        ENTER,
                        Kind::PlayMove,
                        live,
                        at(&[Where::Report, Where::Confirm]),
                    )
                    .await?;
            }
            Where::Confirm => {
                player
                    .press(b"y", Kind::Confirm, live, at(&[Where::Report]))
                    .await?;
            }
            Where::Report => {
                player.played.quarters += 1;
                player
                    .press(
                        ENTER,
                        Kind::LeaveReport,
                        live,
                        at(&[Where::Dashboard, Where::Debrief]),
                    )
                    .await?;
            }
            Where::Debrief => {
                player.played.reached_debrief = true;
                live.debriefed.fetch_add(1, Ordering::SeqCst);
                if *playing {
                    *playing = false;
                    live.playing.fetch_sub(1, Ordering::SeqCst);
                }
                if settings.wait_review {
                    player.wait_for_review().await?;
                }
                player
                    .press(b"q", Kind::BackToLobby, live, at(&[Where::Lobby]))
                    .await?;
                // q in the lobby ends the session: wait (bounded) for its end.
                player.pause().await?;
                let _ = player.channel.data_bytes(b"q".to_vec()).await;
                let end = Instant::now() + Duration::from_secs(10);
                while let Ok(msg) = tokio::time::timeout_at(end.into(), player.channel.wait()).await
                {
                    if player.take(msg).is_err() {
                        break;
                    }
                }
                return Ok(());
            }
            Where::Unknown => {
                return Err(format!("an unexpected screen: {}", glimpse(&screen)));
            }
        }
    }
    Err(format!("no debrief after {MAX_KEYS} keys"))
}

// ---------------------------------------------------------------------------
// The summary.

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// A line of the summary's table.
fn row(measure: &str, result: impl std::fmt::Display, target: impl std::fmt::Display) -> String {
    format!("{measure:<40} {:<34} {target}", result.to_string())
}

fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

fn report(settings: &Settings, run: &Run, log: &str, alive_at_end: bool, exit: &str) {
    let s = &run.samples;
    let n = settings.sessions;
    let pressed = || run.played.iter().flat_map(|p| p.keys.iter());
    let sorted = |keys: &mut dyn Iterator<Item = &Pressed>| {
        let mut ds: Vec<Duration> = keys.map(|k| k.latency).collect();
        ds.sort();
        ds
    };
    let all = sorted(&mut pressed());
    let before = sorted(&mut pressed().filter(|k| !k.after_debrief));
    let after = sorted(&mut pressed().filter(|k| k.after_debrief));
    let mut by_kind: BTreeMap<Kind, Vec<Duration>> = BTreeMap::new();
    for k in pressed() {
        by_kind.entry(k.kind).or_default().push(k.latency);
    }
    let strays: usize = run.played.iter().map(|p| p.stray_frames).sum();
    let mut connects: Vec<Duration> = run.played.iter().filter_map(|p| p.connect).collect();
    connects.sort();
    let mut reviews: Vec<Duration> = run.played.iter().filter_map(|p| p.review_wait).collect();
    reviews.sort();
    let debriefed = run.played.iter().filter(|p| p.reached_debrief).count();
    let failures: Vec<(usize, &String)> = run
        .played
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.failure.as_ref().map(|f| (i, f)))
        .collect();
    let late_bytes: usize = run.played.iter().map(|p| p.late_bytes).sum();
    let late_chunks: usize = run.played.iter().map(|p| p.late_chunks).sum();
    let quarters: usize = run.played.iter().map(|p| p.quarters).sum();

    let p50 = percentile(&all, 50.0);
    let p99 = percentile(&all, 99.0);
    let mib = |kib: u64| kib as f64 / 1024.0;
    let per_session_mib = if s.peak_playing > 0 {
        mib(s.rss_at_peak_kib.saturating_sub(s.base_rss_kib)) / s.peak_playing as f64
    } else {
        f64::NAN
    };
    let mcores = |ticks: u64, window: Duration, sessions: f64| {
        ticks as f64 / run.ticks_per_second / window.as_secs_f64() / sessions * 1000.0
    };
    let steady = s
        .all_playing
        .filter(|(w, _)| !w.is_zero())
        .map(|(w, t)| (w, t, mcores(t, w, n as f64)));
    let whole = if s.playing_seconds > 0.0 {
        s.run_ticks as f64 / run.ticks_per_second / s.playing_seconds * 1000.0
    } else {
        f64::NAN
    };

    let mut out = String::new();
    let mut line = |l: String| {
        out.push_str(&l);
        out.push('\n');
    };
    line(String::new());
    line(format!(
        "chokepoints serve under load: {n} players ({} mode{}), {COLS}×{ROWS} xterm-256color, class seed 7, pauses {}–{} ms, ramp-up {} s, run {:.1} s",
        if settings.quick { "quick" } else { "full" },
        if settings.wait_review {
            ", waiting for reviews"
        } else {
            ""
        },
        settings.pause.0.as_millis(),
        settings.pause.1.as_millis(),
        settings.ramp.as_secs(),
        run.elapsed.as_secs_f64()
    ));
    line(format!("{:-<100}", ""));
    line(format!("{:<40} {:<34} {}", "measure", "result", "target"));
    line(format!("{:-<100}", ""));
    line(row(
        "sessions held at once",
        format!(
            "{} connected, {} in a game",
            s.peak_connected, s.peak_playing
        ),
        format!("{n} (target 200)"),
    ));
    line(row(
        "games played to the debrief",
        format!("{debriefed} of {n}"),
        format!("{n}"),
    ));
    line(row("keypress → last byte of frame, p50", ms(p50), ""));
    line(row(
        "keypress → last byte of frame, p99",
        ms(p99),
        format!(
            "< 50 ms{}",
            if p99 < Duration::from_millis(50) {
                " ✓"
            } else {
                " ✗"
            }
        ),
    ));
    line(row(
        "keypress → last byte of frame, max",
        ms(all.last().copied().unwrap_or_default()),
        "",
    ));
    line(row(
        "server memory per session",
        format!(
            "{per_session_mib:.2} MiB ({:.1} → {:.1} MiB, {} in game)",
            mib(s.base_rss_kib),
            mib(s.rss_at_peak_kib),
            s.peak_playing
        ),
        format!(
            "< 2 MiB{} (late-sh ~18 MiB)",
            if per_session_mib < 2.0 {
                " ✓"
            } else {
                " ✗"
            }
        ),
    ));
    match steady {
        Some((w, t, m)) => line(row(
            "CPU per active session (all in game)",
            format!(
                "{m:.2} millicores ({:.2} CPU-s over {:.1} s)",
                t as f64 / run.ticks_per_second,
                w.as_secs_f64()
            ),
            "(late-sh ~26 millicores)",
        )),
        None => line(row(
            "CPU per active session (all in game)",
            "n/a: never all in a game at once",
            "(late-sh ~26 millicores)",
        )),
    }
    line(row(
        "CPU per session in game, whole run",
        format!(
            "{whole:.2} millicores ({:.2} CPU-s / {:.0} session-s)",
            s.run_ticks as f64 / run.ticks_per_second,
            s.playing_seconds
        ),
        "(includes handshakes)",
    ));
    line(row(
        "keypresses",
        format!("{} ({quarters} quarters played)", all.len()),
        "",
    ));
    line(row("failures", format!("{}", failures.len()), "0"));
    line(format!("{:-<100}", ""));
    line(format!(
        "connect → lobby drawn (TCP, SSH handshake, auth, pty, shell, first frame): p50 {}, p99 {}, max {}",
        ms(percentile(&connects, 50.0)),
        ms(percentile(&connects, 99.0)),
        ms(connects.last().copied().unwrap_or_default())
    ));
    let phase = |label: &str, ds: &[Duration]| {
        format!(
            "  {label:<38} n={:<6} p50 {:>9}  p99 {:>9}  max {:>9}",
            ds.len(),
            ms(percentile(ds, 50.0)),
            ms(percentile(ds, 99.0)),
            ms(ds.last().copied().unwrap_or_default())
        )
    };
    if settings.wait_review {
        line(format!(
            "debrief → its decision review shown (players wait for it): n={}, p50 {:.1} s, p99 {:.1} s, max {:.1} s",
            reviews.len(),
            percentile(&reviews, 50.0).as_secs_f64(),
            percentile(&reviews, 99.0).as_secs_f64(),
            reviews.last().copied().unwrap_or_default().as_secs_f64()
        ));
    }
    line("keypress → frame, by phase:".to_string());
    line(phase("before any player reached the debrief", &before));
    line(phase("after (finished games being reviewed)", &after));
    if let Some((w, t)) = s.before_debrief {
        let after_ticks = s.run_ticks.saturating_sub(t);
        let after_window = s.run_window.saturating_sub(w);
        line(format!(
            "  server CPU before the first debrief: {:.2} CPU-s over {:.1} s ({:.2} cores); after: {:.2} CPU-s over {:.1} s ({:.2} cores)",
            t as f64 / run.ticks_per_second,
            w.as_secs_f64(),
            t as f64 / run.ticks_per_second / w.as_secs_f64().max(1e-9),
            after_ticks as f64 / run.ticks_per_second,
            after_window.as_secs_f64(),
            after_ticks as f64 / run.ticks_per_second / after_window.as_secs_f64().max(1e-9),
        ));
    }
    line(format!(
        "  server threads running or runnable at once (sampled every 0.5 s): at most {} before, {} after",
        s.max_runnable.0, s.max_runnable.1
    ));
    line("keypress → frame, by key:".to_string());
    for (kind, mut ds) in by_kind {
        ds.sort();
        line(format!(
            "  {:<38} n={:<6} p50 {:>9}  p99 {:>9}  max {:>9}",
            kind.label(),
            ds.len(),
            ms(percentile(&ds, 50.0)),
            ms(percentile(&ds, 99.0)),
            ms(ds.last().copied().unwrap_or_default())
        ));
    }
    line(format!(
        "output between frames (while players paused): {late_bytes} bytes in {late_chunks} chunks; {strays} stray frames while waiting for a key's"
    ));
    line(format!(
        "server: base RSS {:.1} MiB, highest sampled {:.1} MiB, at most {} threads; {}; {}",
        mib(s.base_rss_kib),
        mib(s.max_rss_kib),
        s.max_threads,
        if alive_at_end {
            "alive at the end"
        } else {
            "NOT alive at the end"
        },
        exit
    ));
    line(format!(
        "machine: {} cores, load average {} at the start, {} at the end; the players (this process) used {:.2} CPU-s",
        std::thread::available_parallelism().map_or(0, usize::from),
        run.load.0,
        run.load.1,
        run.client_ticks as f64 / run.ticks_per_second
    ));
    if !alive_at_end {
        line(
            "WARNING: the server was gone before the bench stopped it (something else ended it, or it crashed): the figures are of a cut-short run".to_string(),
        );
        for l in log.lines().filter(|l| l.contains("shutting down")).take(3) {
            line(format!("  {l}"));
        }
    }
    let count = |needle: &str| log.lines().filter(|l| l.contains(needle)).count();
    line(format!(
        "server log: {} lines; {} WARN, {} ERROR, {} \"input dropped\", {} \"dropped: stopped reading\", {} \"refused\"",
        log.lines().count(),
        count("WARN"),
        count("ERROR"),
        count("input dropped"),
        count("dropped: stopped reading"),
        count("refused")
    ));
    for l in log
        .lines()
        .filter(|l| {
            l.contains("WARN")
                || l.contains("ERROR")
                || l.contains("dropped")
                || l.contains("refused")
        })
        .take(10)
    {
        line(format!("  {l}"));
    }
    if !failures.is_empty() {
        let mut reasons: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (i, f) in &failures {
            reasons.entry(f.as_str()).or_default().push(name(*i));
        }
        line("failures by reason:".to_string());
        for (reason, who) in reasons {
            let more = if who.len() > 12 { " …" } else { "" };
            line(format!(
                "  {} × {reason} ({}{more})",
                who.len(),
                who[..who.len().min(12)].join(" ")
            ));
        }
    }
    print!("{out}");
    let _ = std::io::stdout().flush();
}
