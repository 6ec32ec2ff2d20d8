//! Runs the real binary in a pseudo-terminal: plays two quarters, checks the
//! screen shows the gauges, quits, and checks the exit status and that the
//! terminal was handed back (alternate screen left). Then the faults: the
//! game killed by SIGTERM or SIGHUP hands the terminal back with the game
//! autosaved, and bytes that are not UTF-8 or a huge paste in the save
//! prompt break nothing.

mod support;

use support::pty::Game;
use support::scratch;

/// Leaves the briefing and waits for the dashboard.
fn to_dashboard(game: &mut Game) {
    game.wait_for("Press any key");
    game.send(b"\r");
    // The gauges, the moves and the footer (the last row drawn) together.
    game.wait_for_all(&[
        "turn 1/16",
        "Compute lead",
        "U.S. leverage",
        "Self-sufficiency",
        "Tension",
        "Your move",
        "q quit",
    ]);
}

#[test]
fn the_release_binary_plays_two_turns_and_quits_cleanly() {
    let saves = scratch("pty-two-turns");
    let mut game = Game::start(&["play", "--seed", "7"], &saves);
    to_dashboard(&mut game);
    // Quarter one: the highlighted move. Quarter two: two down.
    game.send(b"\r");
    game.wait_for("Turn 1 report");
    game.send(b"\r");
    game.wait_for("turn 2/16");
    game.send(b"jj\r");
    game.wait_for("Turn 2 report");
    game.send(b"\r");
    let after = game.wait_for("turn 3/16");
    assert!(after.contains("Compute lead"), "{after}");
    assert!(
        after.contains("Washington"),
        "the news shows the moves:\n{after}"
    );
    game.send(b"q");
    game.wait_for("Quit this game?");
    game.send(b"y");
    assert_eq!(game.wait_exit(), 0);
    // CHOKEPOINTS_SAVES chose the folder, and both turns were autosaved.
    let autosave = chokepoints::save::SaveFile::read(&the_autosave(&saves)).unwrap();
    assert_eq!(autosave.turns.len(), 2);
    assert!(
        game.left_alternate_screen(),
        "the alternate screen was not left"
    );
}

fn killed_by(signal: &str, code: u32) {
    let saves = scratch(&format!("pty-{signal}"));
    let mut game = Game::start(&["play", "--seed", "8"], &saves);
    to_dashboard(&mut game);
    game.send(b"\r");
    game.wait_for("Turn 1 report");
    game.send(b"\r");
    game.wait_for("turn 2/16");
    game.signal(signal);
    assert_eq!(game.wait_exit(), code, "exit code after SIG{signal}");
    let autosave = chokepoints::save::SaveFile::read(&the_autosave(&saves)).unwrap();
    assert_eq!(autosave.turns.len(), 1, "the quarter played was autosaved");
    assert!(
        game.left_alternate_screen(),
        "SIG{signal}: terminal not restored"
    );
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_autosave() {
    killed_by("TERM", 128 + 15);
}

#[test]
fn sighup_restores_the_terminal_and_keeps_the_autosave() {
    killed_by("HUP", 128 + 1);
}

#[test]
fn invalid_utf8_and_a_huge_paste_in_the_save_prompt_break_nothing() {
    let saves = scratch("pty-paste");
    let mut game = Game::start(&["play", "--seed", "9"], &saves);
    to_dashboard(&mut game);
    game.send(b"s");
    game.wait_for("Save");
    // Bytes that are not UTF-8: the prompt still takes what follows.
    game.send(&[0xff, 0xfe, 0xc3, 0x28, 0x80]);
    game.send(b"\x15abc");
    game.wait_for("abc");
    // Then 20,000 characters pasted at once, as a terminal pastes them
    // (bracketed, since the game asks for it), with a control character.
    game.send(b"\x1b[200~");
    game.send(format!("{}\x07{}", "x".repeat(10_000), "y".repeat(10_000)).as_bytes());
    game.send(b"\x1b[201~");
    game.send(b"\r");
    game.wait_for("Saved to");
    // The name was capped; the file is in the saves folder and loads.
    let files: Vec<_> = std::fs::read_dir(&saves)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron") && !chokepoints::save::is_autosave(n))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].chars().count() <= 64 + 4, "{}", files[0]);
    chokepoints::save::SaveFile::read(&saves.join(&files[0])).unwrap();
    // The game still plays and quits cleanly.
    game.send(b"\r");
    game.wait_for("Turn 1 report");
    game.send(b"q");
    game.wait_for("Quit this game?");
    game.send(b"y");
    assert_eq!(game.wait_exit(), 0);
    assert!(game.left_alternate_screen());
}

/// The one autosave in a saves folder (each game has its own file).
fn the_autosave(saves: &std::path::Path) -> std::path::PathBuf {
    let autosaves: Vec<std::path::PathBuf> = std::fs::read_dir(saves)
        .unwrap()
        .flatten()
        .filter(|e| chokepoints::save::is_autosave(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    assert_eq!(autosaves.len(), 1, "{autosaves:?}");
    autosaves[0].clone()
}

#[test]
fn play_continue_resumes_a_game_killed_mid_way_into_its_own_file() {
    let saves = scratch("pty-continue");
    let mut game = Game::start(&["play", "--seed", "12"], &saves);
    to_dashboard(&mut game);
    game.send(b"\r");
    game.wait_for("Turn 1 report");
    game.send(b"\r");
    game.wait_for("turn 2/16");
    game.signal("HUP");
    game.wait_exit();
    let file = the_autosave(&saves);
    // --continue finds it, resumes at the quarter it stopped, and goes on
    // writing to the same file.
    let mut game = Game::start(&["play", "--continue"], &saves);
    game.wait_for("turn 2/16");
    game.send(b"\r");
    game.wait_for("Turn 2 report");
    game.send(b"q");
    game.wait_for("Quit this game?");
    game.send(b"y");
    assert_eq!(game.wait_exit(), 0);
    assert_eq!(the_autosave(&saves), file);
    let save = chokepoints::save::SaveFile::read(&file).unwrap();
    assert_eq!(save.turns.len(), 2);
    assert_eq!(save.seed, 12);
}

/// The facilitator console opens a game in the replay viewer in the same
/// process and terminal, and gets the screen back when the replay closes.
#[test]
fn the_console_opens_a_replay_in_process_and_takes_the_screen_back() {
    use chokepoints::content::Content;
    use chokepoints::engine::{Game as Played, MoveId};
    use chokepoints::save::{Players, SaveFile};
    let class = scratch("pty-console");
    let rules = Content::builtin()
        .unwrap()
        .rules("h20-reversal", None)
        .unwrap();
    let mut played = Played::new(std::sync::Arc::new(rules), 5);
    played.play(MoveId::CoordinateAllies);
    played.play(MoveId::BuildCompute);
    let players = Players {
        us: Some("Cleo".to_string()),
        china: None,
    };
    SaveFile::from_game(&played, players, false)
        .write(&class.join("cleo.ron"))
        .unwrap();
    let dir = class.to_string_lossy().into_owned();
    let mut console = Game::start(&["class", &dir], &class);
    console.wait_for_all(&["Class console", "Cleo"]);
    console.send(b"\r");
    console.wait_for("replay 0/2");
    console.send(b"q");
    let back = console.wait_for("Class console");
    assert!(back.contains("Cleo"), "{back}");
    assert!(!back.contains("replay 0/2"), "{back}");
    console.send(b"q");
    assert_eq!(console.wait_exit(), 0);
    assert!(console.left_alternate_screen());
}
