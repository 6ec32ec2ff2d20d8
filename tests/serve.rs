//! `chokepoints serve` from the far side of the network: russh clients
//! (and once OpenSSH's own `ssh`) against a server on a loopback port.
//! A player plays and is autosaved; everything but a terminal is refused;
//! the limits hold (slow handshakes, crowds signing in, guessed codes, a
//! full server, huge windows, floods of keys, clients that stop reading);
//! names and keys belong to one player; and the server ends cleanly, or
//! loses a player abruptly, with every game saved.

mod support;

use std::future::Future;
use std::time::{Duration, Instant};

use chokepoints::shell::serve::Limits;
use chokepoints::shell::serve::access::{Access, Slowing};
use chokepoints::strings;
use russh::keys::PrivateKey;
use support::ssh::{
    Client, PATIENCE, TestServer, client_config, closed_within, code_on, content, new_game,
    new_key, open_access, play_first_quarter, raw, start_server, start_server_in, test_limits,
    to_dashboard, wait_until,
};

/// Every test's body runs under this limit, so a hang fails it.
async fn bounded(body: impl Future<Output = ()>) {
    tokio::time::timeout(Duration::from_secs(45), body)
        .await
        .expect("the test hung");
}

/// Waits until `path` loads (replayed, checksums verified) with `turns`
/// quarters played, and returns the game's first player's name.
async fn wait_saved_turns(path: &std::path::Path, turns: usize) -> Option<String> {
    let content = content();
    let mut loaded = None;
    wait_until(&format!("{} with {turns} turns", path.display()), || {
        loaded = chokepoints::save::load(path, &content)
            .ok()
            .filter(|l| l.game.moves.len() == turns);
        loaded.is_some()
    })
    .await;
    loaded.unwrap().players.us
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_player_plays_a_quarter_and_it_is_autosaved() {
    bounded(async {
        let server = start_server("turn", open_access(), test_limits()).await;
        let (_client, term) = server.play("ana", 80, 24).await;
        play_first_quarter(&term).await;
        let path = server.wait_autosave("ana").await;
        assert_eq!(wait_saved_turns(&path, 1).await.as_deref(), Some("ana"));
        server.wait_sessions(1).await;
        server.shut_down().await;
    })
    .await;
}

// --- Everything but a terminal is refused ---------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exec_is_refused_with_a_line_saying_why() {
    bounded(async {
        let server = start_server("exec", open_access(), test_limits()).await;
        let client = server.sign_in("ana").await;
        let session = client.session().await;
        session.write.exec(true, "cat /etc/passwd").await.unwrap();
        assert!(!session.reply(0).await, "exec was granted");
        let text = session.wait_closed().await;
        assert!(text.contains(strings::SERVE_NEEDS_TERMINAL), "{text}");
        assert_eq!(server.shared.session_count(), 0);
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subsystems_are_refused() {
    bounded(async {
        let server = start_server("subsystem", open_access(), test_limits()).await;
        let client = server.sign_in("ana").await;
        let session = client.session().await;
        session.write.request_subsystem(true, "sftp").await.unwrap();
        assert!(!session.reply(0).await, "the sftp subsystem was granted");
        session.wait_closed().await;
        assert_eq!(server.shared.session_count(), 0);
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shell_without_a_terminal_is_told_it_needs_one() {
    bounded(async {
        let server = start_server("no-pty", open_access(), test_limits()).await;
        let client = server.sign_in("ana").await;
        let session = client.session().await;
        session.write.request_shell(true).await.unwrap();
        session.reply(0).await;
        let text = session.wait_closed().await;
        assert!(text.contains("chokepoints needs a terminal"), "{text}");
        assert_eq!(session.seen.lock().unwrap().exit_status, Some(1));
        assert_eq!(server.shared.session_count(), 0);
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn port_forwarding_either_way_is_refused() {
    bounded(async {
        let server = start_server("forwarding", open_access(), test_limits()).await;
        let client = server.sign_in("ana").await;
        // -L to a port that is listening (the server's own), so only the
        // server's refusal can make it fail.
        let port = u32::from(server.addr.port());
        let local = client
            .handle
            .channel_open_direct_tcpip("127.0.0.1", port, "127.0.0.1", 40000)
            .await;
        assert!(local.is_err(), "direct-tcpip (-L) was opened");
        let remote = client.handle.tcpip_forward("127.0.0.1", 0).await;
        assert!(
            remote.is_err(),
            "tcpip-forward (-R) was granted: {remote:?}"
        );
        // Refusals end nothing: the same connection still gets its game.
        let term = client.terminal(80, 24).await;
        new_game(&term).await;
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agent_and_x11_forwarding_are_refused() {
    bounded(async {
        let server = start_server("agent-x11", open_access(), test_limits()).await;
        let client = server.sign_in("ana").await;
        let session = client.session().await;
        session.write.agent_forward(true).await.unwrap();
        assert!(!session.reply(0).await, "agent forwarding was granted");
        session
            .write
            .request_x11(true, false, "MIT-MAGIC-COOKIE-1", "0123456789abcdef", 0)
            .await
            .unwrap();
        assert!(!session.reply(1).await, "X11 forwarding was granted");
        // The channel is still good for a terminal and the game.
        session
            .write
            .request_pty(true, "xterm", 80, 24, 0, 0, &[])
            .await
            .unwrap();
        assert!(session.reply(2).await);
        session.write.request_shell(true).await.unwrap();
        assert!(session.reply(3).await);
        new_game(&session).await;
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_connection_opens_one_session_channel() {
    bounded(async {
        let server = start_server("second-channel", open_access(), test_limits()).await;
        let client = server.sign_in("ana").await;
        let term = client.terminal(80, 24).await;
        new_game(&term).await;
        let second = client.handle.channel_open_session().await;
        assert!(second.is_err(), "a second session channel was opened");
        assert_eq!(server.shared.session_count(), 1);
        server.shut_down().await;
    })
    .await;
}

// --- Limits ----------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_that_never_says_ssh_is_closed_after_the_ident_limit() {
    bounded(async {
        let ident = Duration::from_millis(600);
        let limits = Limits {
            ident,
            ..test_limits()
        };
        let server = start_server("ident", open_access(), limits).await;
        let mut silent = raw(server.addr).await;
        let took = closed_within(&mut silent, PATIENCE)
            .await
            .expect("a silent connection was never closed");
        assert!(took >= ident.mul_f32(0.8), "closed after {took:?}");
        assert!(took < ident * 4, "closed only after {took:?}");
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_signs_in_is_dropped_after_the_auth_limit() {
    bounded(async {
        let auth = Duration::from_secs(1);
        let limits = Limits {
            auth,
            ..test_limits()
        };
        let server = start_server("auth-limit", open_access(), limits).await;
        let client = server.connect().await;
        let started = Instant::now();
        wait_until("the server to drop the client", || client.is_closed()).await;
        let took = started.elapsed();
        assert!(took >= auth.mul_f32(0.7), "dropped after {took:?}");
        assert!(took < auth * 4, "dropped only after {took:?}");
        server.shut_down().await;
    })
    .await;
}

/// Whether `key` signs in as `name` on a fresh connection.
async fn try_key(server: &TestServer, name: &str, key: &PrivateKey) -> bool {
    server.connect().await.auth_key(name, key).await
}

/// A TCP connection from `from`, a loopback address of the test's choosing.
async fn raw_from(from: std::net::Ipv4Addr, to: std::net::SocketAddr) -> tokio::net::TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(std::net::SocketAddr::from((from, 0))).unwrap();
    socket.connect(to).await.unwrap()
}

/// A connection that says its SSH identification and then nothing more:
/// it stalls the key exchange, the state in which a disconnect message is
/// ignored.
async fn banner_only(stream: &mut tokio::net::TcpStream) {
    use tokio::io::AsyncWriteExt;
    stream.write_all(b"SSH-2.0-x\r\n").await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_startup_limit_a_newcomer_sheds_the_oldest_stalled_connection() {
    bounded(async {
        let limits = Limits {
            unauthenticated: 2,
            unauthenticated_per_source: 2,
            ..test_limits()
        };
        let access = Access::new(
            None,
            Some("tiger-42".into()),
            None,
            b"s",
            Slowing::default(),
        );
        let server = start_server("startups", access, limits).await;
        let table = server.shared.startups.clone();
        // Ana has begun signing in (a wrong code first): she is not stalled.
        let mut ana = server.connect().await;
        assert!(!ana.auth_password("ana", "tiger-43").await);
        let mut stalled = raw(server.addr).await;
        wait_until("both to be counted", || table.len() == 2).await;
        // A newcomer sheds the stalled connection, not Ana.
        let newcomer = raw(server.addr).await;
        let took = closed_within(&mut stalled, PATIENCE)
            .await
            .expect("the stalled connection was kept");
        assert!(took < limits.ident / 4, "shed only after {took:?}");
        let mut ben = Client::over(newcomer, &server.host, client_config()).await;
        assert!(!ben.auth_password("ben", "tiger-41").await);
        // Both are signing in now: nobody is stalled, so the next is refused.
        let mut refused = raw(server.addr).await;
        let took = closed_within(&mut refused, PATIENCE)
            .await
            .expect("a connection past the limit was kept");
        assert!(took < limits.ident / 4, "refused only after {took:?}");
        // A wrong code left the class code open for another try, on the
        // same connection (password-only clients are not cut off by a typo).
        assert!(ana.auth_password("ana", "tiger-42").await);
        assert!(ben.auth_password("ben", "tiger-42").await);
        wait_until("room again", || table.is_empty()).await;
        let _cy = server.connect().await;
        server.shut_down().await;
    })
    .await;
}

/// The class behind one NAT address, under a flood of stalled handshakes
/// from that same address, with the server's default caps (the sign-in
/// deadline shortened, so that the test is quick).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_class_behind_one_address_signs_in_through_300_stalled_handshakes() {
    bounded(async {
        let auth = Duration::from_secs(4);
        let limits = Limits {
            auth,
            max_sessions: 64,
            ..Limits::default()
        };
        let server = start_server("stalled-class", open_access(), limits).await;
        let here = std::net::Ipv4Addr::LOCALHOST;
        let mut watchers = Vec::new();
        for _ in 0..300 {
            let mut stream = raw_from(here, server.addr).await;
            banner_only(&mut stream).await;
            let opened = Instant::now();
            watchers.push(tokio::spawn(async move {
                closed_within(&mut stream, auth * 3)
                    .await
                    .map(|_| opened.elapsed())
            }));
        }
        let table = server.shared.startups.clone();
        wait_until(
            "the stalled connections to fill their source's share",
            || table.from_source(here.into()) == limits.unauthenticated_per_source,
        )
        .await;
        // Forty students from the same address, and one from another.
        let mut students = Vec::new();
        for i in 0..40 {
            let tcp = raw_from(here, server.addr).await;
            let mut client = Client::over(tcp, &server.host, client_config()).await;
            assert!(
                client.auth_none(&format!("student{i}")).await,
                "student {i} was refused"
            );
            students.push(client);
        }
        let tcp = raw_from(std::net::Ipv4Addr::new(127, 0, 0, 2), server.addr).await;
        let mut away = Client::over(tcp, &server.host, client_config()).await;
        assert!(away.auth_none("away").await);
        let term = away.terminal(80, 24).await;
        new_game(&term).await;
        // Every stalled connection is closed: shed for a student, or at its
        // sign-in deadline, never later.
        let mut shed = 0;
        for watcher in watchers {
            let took = watcher
                .await
                .unwrap()
                .expect("a stalled connection outlived its deadline");
            assert!(
                took < auth + Duration::from_millis(1500),
                "closed after {took:?}"
            );
            if took < auth / 2 {
                shed += 1;
            }
        }
        assert!(shed >= 40, "only {shed} stalled connections were shed");
        wait_until("the table to empty", || table.is_empty()).await;
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_connection_that_opens_no_session_is_closed() {
    bounded(async {
        let shell = Duration::from_secs(1);
        let limits = Limits {
            shell,
            ..test_limits()
        };
        let server = start_server("no-shell", open_access(), limits).await;
        let mut client = server.connect().await;
        assert!(client.auth_none("ana").await);
        let started = Instant::now();
        wait_until("the server to close it", || client.is_closed()).await;
        let took = started.elapsed();
        assert!(took >= shell.mul_f32(0.7), "closed after {took:?}");
        assert!(took < shell * 4, "closed only after {took:?}");
        // One that opens its session in time plays on past the limit.
        let (_ben, term) = server.play("ben", 80, 24).await;
        new_game(&term).await;
        tokio::time::sleep(shell * 2).await;
        term.keys(b"\r").await;
        term.wait_for(&["turn 1/16", "Your move"]).await;
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_connection_counts_against_the_connection_limit() {
    bounded(async {
        let limits = Limits {
            connections: 2,
            ..test_limits()
        };
        let server = start_server("connections", open_access(), limits).await;
        // Two signed in without a session (ssh -N) hold both places.
        let mut held = Vec::new();
        for name in ["ana", "ben"] {
            let mut client = server.connect().await;
            assert!(client.auth_none(name).await);
            held.push(client);
        }
        let mut third = raw(server.addr).await;
        let took = closed_within(&mut third, PATIENCE)
            .await
            .expect("a connection past the limit was kept");
        assert!(took < limits.ident / 4, "refused only after {took:?}");
        // One goes: its place is free.
        held.pop().unwrap().cut();
        let room = server.shared.connections.clone();
        wait_until("a place to free up", || room.available_permits() == 1).await;
        server.sign_in("cy").await;
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_wrong_codes_are_slowed_for_that_address_and_name_only() {
    bounded(async {
        let slowing = Slowing {
            free: 2,
            base: Duration::from_millis(300),
            max: Duration::from_secs(5),
            forget: Duration::from_secs(600),
            per_address: 30,
        };
        let access = Access::new(None, Some("tiger-42".into()), None, b"s", slowing);
        let server = start_server("slowing", access, test_limits()).await;
        // A fresh connection each time, as a student retrying would.
        async fn attempt_on(server: &TestServer, name: &str, code: &str) -> (bool, Duration) {
            let mut client = server.connect().await;
            let started = Instant::now();
            let ok = client.auth_password(name, code).await;
            (ok, started.elapsed())
        }
        let attempt = |name, code| attempt_on(&server, name, code);
        let mut ana = Vec::new();
        for _ in 0..5 {
            let (ok, took) = attempt("ana", "tiger-43").await;
            assert!(!ok);
            ana.push(took);
        }
        // Free, free, then 300, 600, 1200 ms more.
        assert!(
            ana[4] >= ana[0] + Duration::from_millis(900),
            "the 5th failure was not slowed: {ana:?}"
        );
        let (ok, ben) = attempt("ben", "tiger-43").await;
        assert!(!ok);
        assert!(
            ben + Duration::from_millis(700) < ana[4],
            "ben, behind the same address, was slowed by ana's failures: {ben:?} vs {ana:?}"
        );
        let (ok, _) = attempt("ana", "tiger-42").await;
        assert!(ok, "the right code, after the wrong ones, was refused");
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_server_tells_the_next_player_so() {
    bounded(async {
        let limits = Limits {
            max_sessions: 1,
            ..test_limits()
        };
        let server = start_server("full", open_access(), limits).await;
        let (_ana, ana_term) = server.play("ana", 80, 24).await;
        new_game(&ana_term).await;
        let (_ben, ben_term) = server.play("ben", 80, 24).await;
        let text = ben_term.wait_closed().await;
        assert!(text.contains(strings::SERVE_FULL), "{text}");
        assert_eq!(server.shared.session_count(), 1);
        // Ana leaves (Ctrl-C): her seat is Ben's.
        ana_term.keys(b"\x03").await;
        ana_term.wait_closed().await;
        server.wait_sessions(0).await;
        let (_ben, ben_term) = server.play("ben", 80, 24).await;
        new_game(&ben_term).await;
        server.shut_down().await;
    })
    .await;
}

/// How many columns and rows of the screen hold something visible.
fn drawn_extent(screen: &vt100::Screen) -> (u16, u16) {
    let (rows, cols) = screen.size();
    let (mut widest, mut deepest) = (0, 0);
    for row in 0..rows.get() {
        for col in 0..cols.get() {
            let drawn = screen
                .cell(row, col)
                .is_some_and(|c| !c.contents().trim().is_empty());
            if drawn {
                widest = widest.max(col + 1);
                deepest = deepest.max(row + 1);
            }
        }
    }
    (widest, deepest)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_window_is_drawn_no_bigger_than_the_limit() {
    bounded(async {
        let limits = test_limits();
        let (max_w, max_h) = (limits.max_width, limits.max_height);
        let server = start_server("huge-window", open_access(), limits).await;
        let (_client, term) = server.play("ana", 1000, 1000).await;
        to_dashboard(&term).await;
        // Drawn to the limit (the frame's right edge and its footer reach
        // it), and not a cell beyond it.
        let (widest, deepest) = drawn_extent(term.seen.lock().unwrap().parser.screen());
        assert!(widest <= max_w, "drawn {widest} columns wide");
        assert!(deepest <= max_h, "drawn {deepest} rows deep");
        assert!(widest > max_w - 10, "only {widest} columns drawn");
        assert!(deepest > max_h - 10, "only {deepest} rows drawn");
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_keys_leaves_the_session_answering() {
    bounded(async {
        let server = start_server("flood", open_access(), test_limits()).await;
        let (_client, term) = server.play("ana", 80, 24).await;
        to_dashboard(&term).await;
        // 2 MiB of "down" in one go: far more than the game's queue holds.
        term.keys(&vec![b'j'; 2 << 20]).await;
        // Keys that arrive while the game is behind may be dropped, so
        // Enter is repeated until the quarter is played (the last move,
        // where the flood left the highlight, asks to be confirmed).
        let mut played = false;
        for _ in 0..10 {
            let confirm = term.text().contains("y yes");
            term.keys(if confirm { b"y" } else { b"\r" }).await;
            let deadline = Instant::now() + Duration::from_secs(1);
            while Instant::now() < deadline && !played {
                played = term.text().contains("Turn 1 report") || term.text().contains("turn 2/16");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            if played {
                break;
            }
        }
        assert!(
            played,
            "no quarter played after the flood:\n{}",
            term.text()
        );
        // And the server still lets the next player in.
        let (_ben, ben_term) = server.play("ben", 80, 24).await;
        new_game(&ben_term).await;
        server.wait_sessions(2).await;
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_dropped_after_the_stall_limit() {
    bounded(async {
        let stall = Duration::from_secs(1);
        let limits = Limits {
            stall,
            ..test_limits()
        };
        let server = start_server("stall", open_access(), limits).await;
        // A small window: the server may send only 16 KiB unread.
        let config = russh::client::Config {
            window_size: 16 * 1024,
            ..client_config()
        };
        let mut client = server.connect_with(config).await;
        assert!(client.auth_none("ana").await);
        let term = client.terminal(80, 24).await;
        to_dashboard(&term).await;
        client.stop_reading();
        let stopped = Instant::now();
        // Each new size is a whole new frame. Paced, so that the game
        // draws each rather than one for the lot.
        for i in 0..30u32 {
            if term
                .write
                .window_change(300 - i % 2, 100, 0, 0)
                .await
                .is_err()
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
            if server.shared.session_count() == 0 {
                break;
            }
        }
        server.wait_sessions(0).await;
        let took = stopped.elapsed();
        assert!(took >= stall, "the session ended after {took:?}");
        // The server hung up on it.
        client.resume_reading();
        wait_until("the client to be disconnected", || client.is_closed()).await;
        server.shut_down().await;
    })
    .await;
}

// --- Names and keys ----------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_plays_on_one_connection_at_a_time() {
    bounded(async {
        let server = start_server("same-name", open_access(), test_limits()).await;
        let (_first, first) = server.play("ana", 80, 24).await;
        new_game(&first).await;
        let (_second, second) = server.play("ana", 80, 24).await;
        let text = second.wait_closed().await;
        assert!(
            text.contains(&format!("ana {}", strings::SERVE_NAME_TAKEN)),
            "{text}"
        );
        assert_eq!(server.shared.session_count(), 1);
        // Once the first has left, the name is free again.
        first.keys(b"\x03").await;
        server.wait_sessions(0).await;
        let (_third, third) = server.play("ana", 80, 24).await;
        new_game(&third).await;
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_belongs_to_the_first_authorized_key_that_used_it() {
    bounded(async {
        let saves = support::scratch("serve-keys");
        let bound = saves.join(".ssh_names");
        let (k1, k2, stranger) = (new_key(), new_key(), new_key());
        let keys = || Some(vec![k1.public_key().clone(), k2.public_key().clone()]);
        let access = Access::new(keys(), None, Some(bound.clone()), b"s", Slowing::default());
        let server = start_server_in(&saves, access, test_limits()).await;
        assert!(
            try_key(&server, "ana", &k1).await,
            "an authorized key was refused"
        );
        assert!(
            !try_key(&server, "mallory", &stranger).await,
            "a key not in the list was let in"
        );
        assert!(
            !try_key(&server, "ana", &k2).await,
            "another key took ana's name"
        );
        assert!(
            try_key(&server, "ben", &k2).await,
            "the second key was refused its own name"
        );
        assert!(
            !server.connect().await.auth_none("ana").await,
            "let in without a key"
        );
        server.shut_down().await;

        // A restarted server reads who owns which name from the file.
        assert!(std::fs::read_to_string(&bound).unwrap().contains("ana "));
        let access = Access::new(keys(), None, Some(bound), b"s", Slowing::default());
        let server = start_server_in(&saves, access, test_limits()).await;
        assert!(
            !try_key(&server, "ana", &k2).await,
            "after a restart, another key took ana's name"
        );
        assert!(try_key(&server, "ana", &k1).await);
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_belongs_to_one_way_of_proving_it_and_a_key_to_one_name() {
    bounded(async {
        let saves = support::scratch("serve-key-or-code");
        let bound = saves.join(".ssh_names");
        let (k1, k2) = (new_key(), new_key());
        let keys = Some(vec![k1.public_key().clone(), k2.public_key().clone()]);
        let access = Access::new(
            keys,
            Some("tiger-42".into()),
            Some(bound.clone()),
            b"s",
            Slowing::default(),
        );
        let server = start_server_in(&saves, access, test_limits()).await;
        async fn code(server: &TestServer, name: &str) -> bool {
            server.connect().await.auth_password(name, "tiger-42").await
        }
        // Ana's name is her key's: the class code does not open it.
        assert!(try_key(&server, "ana", &k1).await);
        assert!(
            !code(&server, "ana").await,
            "the class code took a key's name"
        );
        assert!(
            !code(&server, "ANA").await,
            "the class code took a key's name"
        );
        // Ben signs in with the code: no key can claim his name after.
        assert!(code(&server, "ben").await);
        assert!(
            !try_key(&server, "ben", &k2).await,
            "a key claimed a code name"
        );
        assert!(code(&server, "ben").await);
        // One key, one name: k1 has Ana, so it cannot take Cy too.
        assert!(!try_key(&server, "cy", &k1).await, "one key took two names");
        assert!(try_key(&server, "cy", &k2).await);
        server.shut_down().await;
        let text = std::fs::read_to_string(&bound).unwrap();
        assert!(text.contains("ben code"), "{text}");

        // A name with games saved under the code (in a folder from before
        // names were bound to the code) is not a key's to claim either.
        let saves = support::scratch("serve-key-or-code-old");
        let access = Access::new(None, None, None, b"s", Slowing::default());
        let server = start_server_in(&saves, access, test_limits()).await;
        let (_dee, term) = server.play("dee", 80, 24).await;
        play_first_quarter(&term).await;
        server.wait_autosave("dee").await;
        server.shut_down().await;
        let keys = Some(vec![k1.public_key().clone()]);
        let access = Access::new(
            keys,
            None,
            Some(saves.join(".ssh_names")),
            b"s",
            Slowing::default(),
        );
        let server = start_server_in(&saves, access, test_limits()).await;
        assert!(
            !try_key(&server, "dee", &k1).await,
            "a key claimed a name with code games"
        );
        assert!(try_key(&server, "eve", &k1).await);
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorized_keys_options_and_roster_names_are_honoured() {
    bounded(async {
        use chokepoints::shell::serve::access::read_authorized_keys;
        let saves = support::scratch("serve-key-options");
        let (away, expired, restricted, rostered) = (new_key(), new_key(), new_key(), new_key());
        let line = |opts: &str, key: &PrivateKey, comment: &str| {
            let text = key.public_key().to_openssh().unwrap();
            let text = text
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            format!("{opts}{text} {comment}\n")
        };
        let file = saves.join("class_keys");
        std::fs::write(
            &file,
            [
                line("from=\"10.9.9.9\" ", &away, "away@laptop"),
                line("expiry-time=\"20200101\" ", &expired, "old@laptop"),
                line("restrict ", &restricted, "restricted@laptop"),
                line("", &rostered, "dee"),
            ]
            .concat(),
        )
        .unwrap();
        let keys = read_authorized_keys(&file).unwrap();
        assert_eq!(keys.roster.len(), 1);
        let access = Access::new(
            Some(keys.keys.clone()),
            None,
            None,
            b"s",
            Slowing::default(),
        )
        .with_key_rules(keys.rules.clone())
        .with_roster(&keys.roster);
        let server = start_server_in(&saves, access, test_limits()).await;
        assert!(!try_key(&server, "ana", &away).await, "from= was ignored");
        assert!(
            !try_key(&server, "ben", &expired).await,
            "expiry-time= was ignored"
        );
        // Dee's name is her key's from the start: no other key takes it,
        // and her key takes no other name.
        assert!(
            !try_key(&server, "dee", &restricted).await,
            "a roster name was taken"
        );
        assert!(
            !try_key(&server, "eve", &rostered).await,
            "a roster key took another name"
        );
        // restrict: signed in, but no terminal, so no game.
        let mut client = server.connect().await;
        assert!(client.auth_key("cy", &restricted).await);
        let (_dee, term) = {
            let mut c = server.connect().await;
            assert!(c.auth_key("dee", &rostered).await);
            let term = c.terminal(80, 24).await;
            (c, term)
        };
        new_game(&term).await;
        let refused = client.session().await;
        refused
            .write
            .request_pty(true, "xterm", 80, 24, 0, 0, &[])
            .await
            .unwrap();
        assert!(
            !refused.reply(0).await,
            "restrict let the key have a terminal"
        );
        refused.write.request_shell(true).await.unwrap();
        let text = refused.wait_closed().await;
        assert!(text.contains(strings::SERVE_NEEDS_TERMINAL), "{text}");
        server.shut_down().await;

        // An option the server does not honour refuses the file, naming it.
        std::fs::write(&file, line("command=\"/bin/sh\" ", &away, "x")).unwrap();
        let e = read_authorized_keys(&file).unwrap_err().to_string();
        assert!(e.contains("command=") && e.contains("class_keys"), "{e}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_class_code_signs_in_by_password_or_keyboard_interactive() {
    bounded(async {
        let access = Access::new(
            None,
            Some("tiger-42".into()),
            None,
            b"s",
            Slowing::default(),
        );
        let server = start_server("class-code", access, test_limits()).await;
        assert!(
            server
                .connect()
                .await
                .auth_password("ana", "tiger-42")
                .await
        );
        assert!(
            server
                .connect()
                .await
                .auth_keyboard("ben", "tiger-42")
                .await
        );
        assert!(!server.connect().await.auth_password("cy", "tiger-24").await);
        assert!(!server.connect().await.auth_keyboard("dee", "lion-42").await);
        assert!(!server.connect().await.auth_none("eve").await);
        // Signed in with the code, a player gets a game.
        let mut client = server.connect().await;
        assert!(client.auth_keyboard("fay", "tiger-42").await);
        let term = client.terminal(80, 24).await;
        new_game(&term).await;
        server.shut_down().await;
    })
    .await;
}

// --- Endings -------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shutdown_tells_the_player_closes_the_session_and_keeps_the_game() {
    bounded(async {
        let server = start_server("shutdown", open_access(), test_limits()).await;
        let (_client, term) = server.play("ana", 80, 24).await;
        play_first_quarter(&term).await;
        let path = server.wait_autosave("ana").await;
        wait_saved_turns(&path, 1).await;
        server.shut_down().await;
        let text = term.wait_closed().await;
        assert!(text.contains("the server has shut down"), "{text}");
        assert!(!term.seen.lock().unwrap().parser.screen().alternate_screen());
        wait_saved_turns(&path, 1).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_player_cut_off_mid_game_keeps_the_quarter_played() {
    bounded(async {
        let server = start_server("cut-off", open_access(), test_limits()).await;
        let (client, term) = server.play("ana", 80, 24).await;
        play_first_quarter(&term).await;
        let path = server.wait_autosave("ana").await;
        wait_saved_turns(&path, 1).await;
        client.cut();
        drop(term);
        server.wait_sessions(0).await;
        wait_saved_turns(&path, 1).await;
        // The name is free for when Ana is back.
        let (_client, term) = server.play("ana", 80, 24).await;
        new_game(&term).await;
        server.shut_down().await;
    })
    .await;
}

// --- Colour and idleness -------------------------------------------------------

/// Whether any cell of the screen has a colour of its own.
fn coloured(screen: &vt100::Screen) -> bool {
    let (rows, cols) = screen.size();
    (0..rows.get()).any(|r| {
        (0..cols.get()).any(|c| {
            screen.cell(r, c).is_some_and(|cell| {
                cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
            })
        })
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn colour_follows_the_clients_terminal_type() {
    bounded(async {
        let server = start_server("colour", open_access(), test_limits()).await;
        let ana = server.sign_in("ana").await;
        let colour = ana.terminal_as("xterm-256color", 80, 24).await;
        to_dashboard(&colour).await;
        colour
            .wait("colours on an xterm", |seen| coloured(seen.parser.screen()))
            .await;
        let ben = server.sign_in("ben").await;
        let dumb = ben.terminal_as("dumb", 80, 24).await;
        to_dashboard(&dumb).await;
        assert!(
            !dumb.seen(|seen| coloured(seen.parser.screen())),
            "a dumb terminal got colours"
        );
        server.shut_down().await;
    })
    .await;
}

/// This process's CPU time so far, in clock ticks (Linux).
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command's closing parenthesis; utime and stime are
    // the 14th and 15th of the whole line.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sessions_cost_no_cpu() {
    bounded(async {
        let server = start_server("idle", open_access(), test_limits()).await;
        let mut terms = Vec::new();
        for name in ["ana", "ben", "cy"] {
            let (client, term) = server.play(name, 80, 24).await;
            to_dashboard(&term).await;
            terms.push((client, term));
        }
        // One in the lobby as well.
        let (_client, lobby) = server.play("dee", 80, 24).await;
        lobby.wait_for(&["What would you like to do?"]).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let Some(before) = cpu_ticks() else {
            eprintln!("no /proc/self/stat here: skipping the CPU measure");
            return;
        };
        tokio::time::sleep(Duration::from_secs(2)).await;
        let spent = cpu_ticks().unwrap() - before;
        // Clock ticks are 10 ms: a session that redrew or polled on a timer
        // would spend far more than this over 2 s (a spinning one, 200).
        assert!(
            spent <= 5,
            "4 idle sessions (and the test) spent {spent} ticks in 2 s"
        );
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_in_game_picker_lists_only_the_players_own_proven_games() {
    bounded(async {
        let server = start_server("picker", open_access(), test_limits()).await;
        // Ana plays a quarter and leaves.
        let (_ana_client, ana) = server.play("ana", 100, 30).await;
        play_first_quarter(&ana).await;
        let first = server.wait_autosave("ana").await;
        let first = first.file_name().unwrap().to_string_lossy().into_owned();
        ana.keys(b"\x03").await;
        server.wait_sessions(0).await;

        // Ben's picker shows Ben's game, not Ana's.
        let (_ben_client, ben) = server.play("ben", 100, 30).await;
        play_first_quarter(&ben).await;
        server.wait_autosave("ben").await;
        ben.keys(b"\rl").await;
        let listed = ben.wait_for(&["autosave-ben-"]).await;
        assert!(!listed.contains("autosave-ana-"), "{listed}");

        // Anyone may sign in as "ana" on an open server: a new session's
        // picker shows the game it began, not the one before (which needs
        // its resume code, in the lobby).
        let (_again_client, again) = server.play("ana", 100, 30).await;
        again.wait_for(&["What would you like to do?"]).await;
        again.keys(b"\r").await;
        again.wait_for(&["Press any key"]).await;
        again.keys(b"\r").await;
        again.wait_for(&["Your move"]).await;
        again.keys(b"\r").await;
        again.wait_for(&["Turn 1 report"]).await;
        let mut second = String::new();
        wait_until("ana's second autosave", || {
            second = server
                .autosaves()
                .iter()
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .find(|n| n.starts_with("autosave-ana-") && *n != first)
                .unwrap_or_default();
            !second.is_empty()
        })
        .await;
        again.keys(b"\rl").await;
        let cut = &second[..20];
        let listed = again.wait_for(&[cut]).await;
        let entries = listed.matches("autosave-ana-").count();
        assert_eq!(entries, 1, "only the game begun in this session:\n{listed}");
        server.shut_down().await;
    })
    .await;
}

/// Saves the game under a typed name from the dashboard after quarter 1;
/// returns the screen once the status line says where it went.
async fn save_as(term: &support::ssh::Term, name: &str) -> String {
    term.keys(b"\r").await;
    term.wait_for(&["Your move"]).await;
    term.keys(b"s").await;
    term.keys(b"\x15").await;
    term.keys(name.as_bytes()).await;
    term.keys(b"\r").await;
    term.wait(&format!("the save of {name}"), |seen| {
        let text = seen.text();
        text.contains(strings::SAVED_TO) || text.contains("Overwrite?")
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_player_saves_only_into_their_own_names() {
    bounded(async {
        let server = start_server("own-saves", open_access(), test_limits()).await;
        let (_ana_client, ana) = server.play("ana", 100, 30).await;
        play_first_quarter(&ana).await;
        let screen = save_as(&ana, "shared").await;
        assert!(screen.contains("Saved to ana.shared.ron"), "{screen}");
        // The server's own path is not shown.
        assert!(
            !screen.contains(&*server.saves.to_string_lossy()),
            "{screen}"
        );
        let anas = server.saves.join("ana.shared.ron");
        let before = std::fs::read(&anas).unwrap();
        ana.keys(b"\x03").await;
        server.wait_sessions(0).await;

        // Ben types Ana's file name: it is his own file, and nothing asks
        // whether to overwrite hers.
        let (_ben_client, ben) = server.play("ben", 100, 30).await;
        play_first_quarter(&ben).await;
        let screen = save_as(&ben, "ana.shared").await;
        assert!(screen.contains("Saved to ben.ana.shared.ron"), "{screen}");
        assert!(!screen.contains("Overwrite?"), "{screen}");
        ben.keys(b"\x03").await;
        server.wait_sessions(0).await;

        // Someone else signs in as "ana" (anyone may, on an open server):
        // her file is neither offered for overwriting nor touched.
        let (_again_client, again) = server.play("ana", 100, 30).await;
        play_first_quarter(&again).await;
        let screen = save_as(&again, "shared").await;
        assert!(!screen.contains("Overwrite?"), "{screen}");
        assert!(screen.contains("Saved to ana.shared-2.ron"), "{screen}");
        assert_eq!(
            std::fs::read(&anas).unwrap(),
            before,
            "ana's save was changed"
        );
        server.shut_down().await;
    })
    .await;
}

// --- Matches ------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_match_survives_a_drop_the_doctrine_fills_in_and_the_seat_is_taken_back() {
    bounded(async {
        let limits = Limits {
            seat_wait: Duration::from_millis(400),
            ..test_limits()
        };
        let server = start_server("match", open_access(), limits).await;
        let (_ana_client, ana) = server.play("ana", 100, 30).await;
        ana.wait_for(&["What would you like to do?"]).await;
        ana.keys(b"3").await;
        let shown = ana.wait_for(&["Your match code"]).await;
        let code = code_on(&shown, "Your match code");
        assert_eq!(code.len(), 6, "{shown}");

        let (ben_client, ben) = server.play("ben", 100, 30).await;
        ben.wait_for(&["What would you like to do?"]).await;
        ben.keys(b"4").await;
        ben.wait_for(&["Join a match as Beijing"]).await;
        ben.keys(code.to_lowercase().as_bytes()).await;
        ben.keys(b"\r").await;
        // Both are in: each reads their own side's briefing.
        let ben_screen = ben
            .wait_for(&["Beijing's briefing", "ana (U.S.) vs ben (China)"])
            .await;
        let ben_code = code_on(&ben_screen, "resume code ");
        ana.wait_for(&["Briefing", "ana (U.S.) vs ben (China)"])
            .await;

        // Quarter 1, blind: Washington's choice waits for Beijing's.
        ana.keys(b"\r").await;
        ana.wait_for(&["Your move"]).await;
        ana.keys(b"\r").await;
        ana.wait_for(&["Waiting for ben (Beijing)"]).await;
        ben.keys(b"\r").await;
        ben.wait_for(&["Beijing's response"]).await;
        ben.keys(b"\x1b[B\x1b[B\r").await;
        ana.wait_for(&["Turn 1 report", "Rare-earth retaliation", "ben chose it"])
            .await;
        ben.wait_for(&["Turn 1 report", "Rare-earth retaliation"])
            .await;

        // Ben's connection drops: Ana is told, and after the wait the
        // doctrine plays Beijing.
        ben_client.cut();
        drop(ben);
        ana.wait_for(&["ben has left Beijing's seat"]).await;
        ana.keys(b"\r").await;
        ana.wait_for(&["Your move"]).await;
        ana.wait_for(&["doctrine plays it until ben comes back"])
            .await;
        ana.keys(b"\r").await;
        ana.wait_for(&["Turn 2 report"]).await;

        // Someone signs in as "ben" and joins with the match code, which
        // was read aloud in class: the seat is not theirs without Ben's
        // resume code, and neither his code nor "is back" is shown.
        let (impostor_client, impostor) = server.play("ben", 100, 30).await;
        impostor.wait_for(&["What would you like to do?"]).await;
        impostor.keys(b"4").await;
        impostor.wait_for(&["Join a match as Beijing"]).await;
        impostor.keys(code.as_bytes()).await;
        impostor.keys(b"\r").await;
        let refused = impostor
            .wait_for(&["You hold a seat in that match already"])
            .await;
        assert!(!refused.contains(&ben_code), "{refused}");
        assert!(!ana.text().contains("ben is back"), "{}", ana.text());
        impostor.keys(b"\x03").await;
        impostor.wait_closed().await;
        drop(impostor_client);
        server.wait_sessions(1).await;

        // Ben is back: Resume my game, his own resume code, and his seat.
        let (_ben_client, ben) = server.play("ben", 100, 30).await;
        ben.wait_for(&["What would you like to do?"]).await;
        ben.keys(b"2").await;
        ben.wait_for(&["autosave-ana-vs-ben-"]).await;
        ben.keys(b"\r").await;
        ben.wait_for(&["resume code"]).await;
        // A wrong code does not open it.
        ben.keys(b"AAAAAA\r").await;
        let wrong = ben.wait_for(&["not this game's resume code"]).await;
        assert!(wrong.contains("Type this game's resume code"), "{wrong}");
        ben.keys(b"\x15").await;
        ben.keys(ben_code.as_bytes()).await;
        ben.keys(b"\r").await;
        ben.wait_for(&["Beijing's response", "turn 3/16"]).await;
        ana.wait_for(&["ben is back and plays Beijing again"]).await;

        // Quarter 3 is Ben's again.
        ana.keys(b"\r").await;
        ana.wait_for(&["Your move"]).await;
        ana.keys(b"\r").await;
        ana.wait_for(&["Waiting for ben"]).await;
        ben.keys(b"\r").await;
        ana.wait_for(&["Turn 3 report", "ben chose it"]).await;
        let path = server.wait_autosave("ana-vs-ben").await;
        wait_saved_turns(&path, 3).await;
        let loaded = chokepoints::save::load(&path, &content()).unwrap();
        assert_eq!(loaded.players.china.as_deref(), Some("ben"));
        // Quarter 2 was the doctrine's; 1 and 3 were Ben's.
        assert!(loaded.game.china[0].is_some());
        assert!(loaded.game.china[1].is_none());
        assert!(loaded.game.china[2].is_some());
        server.shut_down().await;
    })
    .await;
}

// --- The real binary and OpenSSH's client ------------------------------------

/// The server process, killed if a test fails before stopping it.
struct ServerProcess {
    child: std::process::Child,
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl ServerProcess {
    /// Starts `chokepoints serve` on `port` and waits until it listens.
    fn start(port: u16, saves: &std::path::Path) -> ServerProcess {
        use std::io::BufRead;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_chokepoints"))
            .args([
                "serve",
                "--listen",
                &format!("127.0.0.1:{port}"),
                "--seed",
                "42",
            ])
            .arg("--saves-dir")
            .arg(saves)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let lines = std::io::BufReader::new(child.stderr.take().unwrap());
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in lines.lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let server = ServerProcess { child, log };
        server.wait_log("serving");
        server
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    fn wait_log(&self, needle: &str) {
        let deadline = Instant::now() + PATIENCE;
        while !self.log().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "the server never logged {needle:?}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the process to exit; returns its exit code.
    fn wait_exit(&mut self) -> Option<i32> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(
                Instant::now() < deadline,
                "the server did not exit:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `ssh -tt NAME@127.0.0.1 -p PORT` in a pseudo-terminal, trusting the
/// server's new key and reading no one's configuration.
fn openssh(name: &str, port: u16) -> support::pty::Game {
    let mut cmd = portable_pty::CommandBuilder::new("ssh");
    cmd.args([
        "-tt",
        "-F",
        "/dev/null",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "GlobalKnownHostsFile=/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "LogLevel=ERROR",
        "-p",
        &port.to_string(),
        &format!("{name}@127.0.0.1"),
    ]);
    support::pty::Game::spawn(cmd)
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

#[test]
fn openssh_plays_a_quarter_and_the_server_stops_cleanly_on_sigterm() {
    if !on_path("ssh") {
        eprintln!("skipped: no ssh on PATH to play through");
        return;
    }
    let saves = support::scratch("serve-openssh");
    // A free port: bound, noted, released for the server.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = ServerProcess::start(port, &saves);

    let mut ana = openssh("ana", port);
    ana.wait_for("What would you like to do?");
    ana.send(b"\r");
    ana.wait_for("Press any key");
    ana.send(b"\r");
    ana.wait_for_all(&["turn 1/16", "Your move"]);
    ana.send(b"\r");
    ana.wait_for("Turn 1 report");
    ana.send(b"\x03");
    assert_eq!(ana.wait_exit(), 0, "ssh after Ctrl-C:\n{}", ana.text());
    let autosave = std::fs::read_dir(&saves)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().contains("autosave-ana-"))
        .expect("no autosave for ana");
    let loaded = chokepoints::save::load(&autosave, &content()).unwrap();
    assert_eq!(loaded.game.moves.len(), 1);

    // Ben is playing when the server is told to stop: he reads why, and
    // his ssh ends.
    let mut ben = openssh("ben", port);
    ben.wait_for("What would you like to do?");
    ben.send(b"\r");
    ben.wait_for("Press any key");
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    assert_eq!(server.wait_exit(), Some(0), "{}", server.log());
    ben.wait_for("the server has shut down");
    let code = ben.wait_exit();
    assert_eq!(code, 0, "ben's ssh after the shutdown:\n{}", ben.text());
    assert!(server.log().contains("shutting down"), "{}", server.log());
}

#[test]
fn a_saves_folder_is_made_private_and_serves_one_server_at_a_time() {
    let dir = support::scratch("serve-lock").join("class");
    let first = chokepoints::shell::serve::claim_saves_folder(&dir).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{mode:o}");
    }
    let second = chokepoints::shell::serve::claim_saves_folder(&dir).unwrap_err();
    assert!(
        second
            .to_string()
            .contains("another chokepoints server is using the saves folder"),
        "{second}"
    );
    drop(first);
    chokepoints::shell::serve::claim_saves_folder(&dir).unwrap();
}
