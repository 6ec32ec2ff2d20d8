//! The facilitator's seat on `chokepoints serve`, driven as a class would:
//! a control key opens the control desk (not the lobby, and not counted
//! among the players), which sees every game as it moves, sends messages
//! and injects into the players' games, pauses and resumes the class,
//! times the quarters and writes the class report. Every save still
//! verifies afterwards.

mod support;

use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chokepoints::engine::Side;
use chokepoints::save::SaveFile;
use chokepoints::shell::serve::Limits;
use russh::keys::PrivateKey;
use support::ssh::{
    Client, Term, TestServer, code_on, content, new_key, open_access, start_server, test_limits,
    to_dashboard, wait_until,
};

/// The last event of the shipped deck: the one End picks in the inject list.
fn last_event() -> String {
    content().events.last().expect("a deck").title.clone()
}

/// Every test's body runs under this limit, so a hang fails it.
async fn bounded(body: impl Future<Output = ()>) {
    tokio::time::timeout(Duration::from_secs(90), body)
        .await
        .expect("the test hung");
}

/// A class server whose control key is `key`; players sign in by name.
async fn class_server(name: &str, key: &PrivateKey, limits: Limits) -> TestServer {
    let access = open_access().with_control(Some(vec![key.public_key().clone()]));
    start_server(name, access, limits).await
}

/// The facilitator at the desk, in a 120×40 terminal.
async fn desk(server: &TestServer, key: &PrivateKey) -> (Client, Term) {
    let mut client = server.connect().await;
    assert!(
        client.auth_key("teacher", key).await,
        "the control key was refused"
    );
    let term = client.terminal(120, 40).await;
    term.wait_for(&["Control", "No games yet"]).await;
    (client, term)
}

/// Sends a line of text typed into the desk's prompt, then Enter.
async fn type_line(term: &Term, text: &str) {
    term.keys(text.as_bytes()).await;
    term.keys(b"\r").await;
}

/// The saves that are a game's (not the class report), each replayed and
/// verified turn by turn.
fn verified_saves(dir: &Path) -> Vec<(PathBuf, chokepoints::engine::Game)> {
    let content = content();
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let save = SaveFile::read(&path).unwrap();
            let game = save
                .replay(&path, &content)
                .unwrap_or_else(|e| panic!("{e}"));
            found.push((path, game));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

fn game_of<'a>(
    saves: &'a [(PathBuf, chokepoints::engine::Game)],
    name: &str,
) -> &'a chokepoints::engine::Game {
    let prefix = format!("autosave-{name}-");
    &saves
        .iter()
        .find(|(p, _)| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix))
        })
        .unwrap_or_else(|| panic!("no save of {name}"))
        .1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_broadcasts_injects_pauses_resumes_and_times_out_a_class() {
    bounded(async {
        let key = new_key();
        // Room for two players: the desk does not take a third seat.
        let limits = Limits {
            max_sessions: 2,
            ..test_limits()
        };
        let server = class_server("control", &key, limits).await;
        let (_teacher, control) = desk(&server, &key).await;
        let (_a, ana) = server.play("ana", 80, 24).await;
        to_dashboard(&ana).await;
        let (_b, ben) = server.play("ben", 80, 24).await;
        to_dashboard(&ben).await;
        // The desk sees both games, live, with their quarter.
        control
            .wait_for(&["2 players connected", "ana", "ben", "1/16"])
            .await;

        // A message to every game: each player reads it, marked.
        control.keys(b"b").await;
        control.wait_for(&["Message to"]).await;
        type_line(&control, "Read the FT before you move.").await;
        ana.wait_for(&["[from control] Read the FT"]).await;
        ben.wait_for(&["[from control] Read the FT"]).await;
        control.wait_for(&["Message sent to 2 games"]).await;

        // An inject into every game: the last event of the deck.
        let last = last_event();
        control.keys(b"I").await;
        control.wait_for(&["Inject an event"]).await;
        control.keys(b"\x1b[F").await; // End
        control.wait_for(&[last.as_str()]).await;
        control.keys(b"\r").await;
        control
            .wait_for(&["queued for the next quarter of 2 games"])
            .await;
        // Nothing shows before the quarter; then its report has it.
        assert!(!ana.text().contains("[control inject]"));
        ana.keys(b"\r").await;
        ana.wait_for(&["Turn 1 report", "[control inject]"]).await;

        // Pause: everyone sees it, and Ben's move waits for the resume.
        control.keys(b"p").await;
        ana.wait_for(&["PAUSED BY CONTROL"]).await;
        ben.wait_for(&["PAUSED BY CONTROL"]).await;
        control.wait_for(&["PAUSED"]).await;
        ben.keys(b"\r").await;
        ben.wait_for(&["your move waits"]).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(!ben.text().contains("Turn 1 report"), "{}", ben.text());
        control.keys(b"p").await;
        ben.wait_for(&["Turn 1 report", "[control inject]"]).await;
        ana.wait("the pause to lift", |s| !s.text().contains("PAUSED"))
            .await;

        // A 10-second timer: Ana, on the dashboard, does not choose; the
        // timer runs out and she holds course, and the report says so.
        ana.keys(b"\r").await;
        ana.wait_for(&["turn 2/16"]).await;
        ben.keys(b"\r").await;
        ben.wait_for(&["turn 2/16"]).await;
        control.keys(b"t").await;
        control.wait_for(&["Turn timer"]).await;
        type_line(&control, "10").await;
        ana.wait_for(&["left"]).await;
        ana.wait_for(&["Turn 2 report", "timer ran out"]).await;
        ben.wait_for(&["Turn 2 report", "timer ran out"]).await;
        // The prompt opens on the timer as set: Ctrl-U clears it.
        control.keys(b"t").await;
        control.wait_for(&["Turn timer"]).await;
        control.keys(b"\x15").await;
        type_line(&control, "off").await;
        control.wait_for(&["No timer"]).await;

        // The class report, in one key, in the saves folder.
        control.keys(b"r").await;
        control.wait_for(&["Class report written"]).await;
        let report = std::fs::read_dir(&server.saves)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("class-report-") && n.ends_with(".md"))
            })
            .expect("a class report in the saves folder");
        let text = std::fs::read_to_string(&report).unwrap();
        assert!(text.contains(&last), "{text}");
        assert!(text.contains("Read the FT before you move."), "{text}");

        // Every save verifies, with what control sent in its record.
        let saves = verified_saves(&server.saves);
        for name in ["ana", "ben"] {
            let game = game_of(&saves, name);
            assert_eq!(game.moves.len(), 2, "{name}");
            assert_eq!(game.messages.len(), 1, "{name}");
            assert_eq!(game.reports[0].injects[0].title, last, "{name}");
            assert_eq!(game.timed_out[1], vec![Side::Us], "{name}");
        }
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_match_waits_out_a_pause_and_its_timer_holds_both_sides() {
    bounded(async {
        let key = new_key();
        let server = class_server("control-match", &key, test_limits()).await;
        let (_teacher, control) = desk(&server, &key).await;
        let (_a, ana) = server.play("ana", 100, 30).await;
        ana.wait_for(&["What would you like to do?"]).await;
        ana.keys(b"3").await;
        let shown = ana.wait_for(&["Your match code"]).await;
        let code = code_on(&shown, "Your match code");
        let (_b, ben) = server.play("ben", 100, 30).await;
        ben.wait_for(&["What would you like to do?"]).await;
        ben.keys(b"4").await;
        ben.wait_for(&["Join a match as Beijing"]).await;
        ben.keys(code.as_bytes()).await;
        ben.keys(b"\r").await;
        ben.wait_for(&["Beijing's briefing"]).await;
        ana.wait_for(&["Briefing"]).await;
        control.wait_for(&["ana", "ben"]).await;

        // A message reaches both seats and the match's record.
        control.keys(b"b").await;
        control.wait_for(&["Message to"]).await;
        type_line(&control, "Both sides: a summit is rumoured.").await;
        ana.wait_for(&["[from control] Both sides"]).await;
        ben.wait_for(&["[from control] Both sides"]).await;

        // Paused: both choose, and the quarter waits for the resume.
        control.keys(b"p").await;
        ana.wait_for(&["PAUSED BY CONTROL"]).await;
        ana.keys(b"\r").await;
        ana.wait_for(&["Your move"]).await;
        ana.keys(b"\r").await;
        ben.keys(b"\r").await;
        ben.wait_for(&["Beijing's response"]).await;
        ben.keys(b"\r").await;
        // Both have chosen: the waiting screen says what holds the quarter.
        ana.wait_for(&["Control has paused the class"]).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(!ana.text().contains("Turn 1 report"), "{}", ana.text());
        control.keys(b"p").await;
        ana.wait_for(&["Turn 1 report"]).await;
        ben.wait_for(&["Turn 1 report"]).await;

        // The timer: neither side chooses; both hold course.
        control.keys(b"t").await;
        control.wait_for(&["Turn timer"]).await;
        type_line(&control, "10").await;
        ana.wait_for(&["Turn 2 report", "timer ran out"]).await;
        ben.wait_for(&["Turn 2 report"]).await;

        let saves = verified_saves(&server.saves);
        let game = game_of(&saves, "ana");
        assert_eq!(game.moves.len(), 2);
        assert_eq!(game.timed_out[1], vec![Side::Us, Side::China]);
        assert_eq!(game.messages.len(), 1);
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desk_watches_a_game_live_read_only() {
    bounded(async {
        let key = new_key();
        let server = class_server("control-watch", &key, test_limits()).await;
        let (_teacher, control) = desk(&server, &key).await;
        let (_a, ana) = server.play("ana", 80, 24).await;
        to_dashboard(&ana).await;
        ana.keys(b"\r").await;
        ana.wait_for(&["Turn 1 report"]).await;
        control.wait_for(&["ana"]).await;
        control.keys(b"\r").await;
        control.wait_for(&["replay 1/1"]).await;
        // Ana plays on: the viewer follows her to her second quarter.
        ana.keys(b"\r\r").await;
        ana.wait_for(&["Turn 2 report"]).await;
        control.wait_for(&["replay 2/2"]).await;
        // Read-only: saving is refused.
        control.keys(b"s").await;
        control
            .wait_for(&["it cannot be changed, saved or loaded"])
            .await;
        control.keys(b"q").await;
        control.wait_for(&["No timer"]).await;
        server.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_control_key_opens_the_desk_and_the_name_control_is_its_own() {
    bounded(async {
        let key = new_key();
        let server = class_server("control-keys", &key, test_limits()).await;
        // Another key is not a facilitator's: on this open server it is
        // not a player's either, so it is refused.
        let mut other = server.connect().await;
        assert!(!other.auth_key("teacher", &new_key()).await);
        // On this open server, the desk's name needs the desk's key: a
        // client signs in with nothing before it offers a key.
        let mut nothing = server.connect().await;
        assert!(!nothing.auth_none("control").await);
        let mut other_key = server.connect().await;
        assert!(!other_key.auth_key("Control", &new_key()).await);
        let mut desk_key = server.connect().await;
        assert!(desk_key.auth_key("control", &key).await);
        let term = desk_key.terminal(80, 24).await;
        term.wait_for(&["Control", "No games yet"]).await;
        // A player by name meets the lobby, not the desk.
        let (_p, player) = server.play("teacher", 80, 24).await;
        player.wait_for(&["What would you like to do?"]).await;
        assert!(!player.text().contains("No games yet"));
        wait_until("the player's session", || server.shared.player_count() == 1).await;
        server.shut_down().await;
    })
    .await;
}
