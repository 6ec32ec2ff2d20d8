//! The facilitator console (`chokepoints class DIR`): the table of a
//! folder's saves, its update when files change, and the file watcher.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use chokepoints::console::{Console, Effect, Msg, update, view};
use chokepoints::content::Content;
use chokepoints::engine::{Game, MoveId};
use chokepoints::save::{Players, SaveFile};
use chokepoints::shell::{Input, watch};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn content() -> Arc<Content> {
    Arc::new(Content::builtin().unwrap())
}

/// A fresh, empty folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chokepoints-class-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn save(path: &Path, scenario: &str, seed: u64, moves: &[MoveId], us: Option<&str>) {
    let content = Content::builtin().unwrap();
    let rules = Arc::new(content.rules(scenario, Some("pragmatist")).unwrap());
    let mut game = Game::new(rules, seed);
    for m in moves {
        game.play(*m);
    }
    let players = Players {
        us: us.map(str::to_string),
        china: None,
    };
    SaveFile::from_game(&game, players, false)
        .write(path)
        .unwrap();
}

/// Three saves (two on the same scenario and seed) and a broken file.
fn class_folder(name: &str) -> PathBuf {
    let dir = folder(name);
    save(
        &dir.join("ana.ron"),
        "h20-reversal",
        1234,
        &[MoveId::BuildCompute, MoveId::CoordinateAllies],
        Some("Ana"),
    );
    save(
        &dir.join("ben.ron"),
        "h20-reversal",
        1234,
        &[MoveId::FullBlockade, MoveId::BanDowngraded],
        Some("Ben"),
    );
    save(
        &dir.join("cleo.ron"),
        "october-2022",
        7,
        &[MoveId::RollingThreshold],
        None,
    );
    std::fs::write(dir.join("broken.ron"), "(format: 1, this is not a save").unwrap();
    // Not saves: ignored.
    std::fs::write(dir.join("notes.txt"), "hello").unwrap();
    std::fs::write(dir.join(".ana.ron.tmp-1"), "partial").unwrap();
    dir
}

fn render(console: &Console, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::view(console, f)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn console_groups_saves_by_scenario_and_seed_120x20() {
    let dir = class_folder("snapshot");
    let mut console = Console::new(dir.clone(), content());
    console.dir_label = "class/".to_string();
    insta::assert_snapshot!(render(&console, 120, 20));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn console_fits_80_columns() {
    let dir = class_folder("narrow");
    let mut console = Console::new(dir.clone(), content());
    console.dir_label = "class/".to_string();
    insta::assert_snapshot!(render(&console, 80, 16));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn groups_are_sorted_by_score_and_broken_files_are_not_selectable() {
    let dir = class_folder("order");
    let mut console = Console::new(dir.clone(), content());
    let folder = &console.folder;
    assert_eq!(folder.groups.len(), 2);
    let h20 = &folder.groups[0];
    assert_eq!((h20.scenario.as_str(), h20.seed), ("h20-reversal", 1234));
    assert_eq!(h20.games.len(), 2);
    assert!(h20.games[0].save.summary.score >= h20.games[1].save.summary.score);
    assert_eq!(folder.broken.len(), 1);
    assert!(folder.broken[0].error.contains("not a valid save"));
    // Three games to select; Down stops at the last, never on the broken file.
    for _ in 0..5 {
        update(&mut console, Msg::Down);
    }
    assert_eq!(console.selected, 2);
    assert_eq!(console.selected_game().unwrap().name, "cleo.ron");
    assert_eq!(
        update(&mut console, Msg::Open),
        Some(Effect::OpenReplay(dir.join("cleo.ron")))
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_new_save_and_files_changed_adds_a_row() {
    let dir = class_folder("update");
    let mut console = Console::new(dir.clone(), content());
    update(&mut console, Msg::End);
    let selected = console.selected_game().unwrap().path.clone();
    assert_eq!(console.folder.games().count(), 3);
    save(
        &dir.join("dana.ron"),
        "h20-reversal",
        1234,
        &[MoveId::LicenseDowngraded],
        Some("Dana"),
    );
    assert_eq!(update(&mut console, Msg::FilesChanged), None);
    assert_eq!(console.folder.games().count(), 4);
    assert_eq!(console.folder.groups[0].games.len(), 3);
    assert!(render(&console, 120, 20).contains("h20-reversal · seed 1234 · Pragmatist · 3 games"));
    // The selection stays on the same game.
    assert_eq!(console.selected_game().unwrap().path, selected);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_empty_or_missing_folder_says_so() {
    let dir = folder("empty");
    let console = Console::new(dir.clone(), content());
    assert!(render(&console, 100, 10).contains("No saves here yet"));
    let _ = std::fs::remove_dir_all(&dir);
    let mut console = console;
    update(&mut console, Msg::Reload);
    assert!(console.folder.error.is_some());
    assert_eq!(update(&mut console, Msg::Open), None);
}

#[test]
fn the_watcher_reports_a_save_written_into_the_folder() {
    let dir = folder("watch");
    let (tx, rx) = mpsc::sync_channel(1024);
    let _watcher = watch::watch(&dir, tx).unwrap();
    save(
        &dir.join("eve.ron"),
        "h20-reversal",
        5,
        &[MoveId::HoldCourse],
        Some("Eve"),
    );
    match rx.recv_timeout(Duration::from_secs(5)) {
        Ok(Input::Folder) => {}
        other => panic!("expected a files-changed event, got {other:?}"),
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn reading_the_folder_does_not_wake_the_watcher() {
    let dir = class_folder("quiet");
    let (tx, rx) = mpsc::sync_channel(1024);
    let _watcher = watch::watch(&dir, tx).unwrap();
    // The console's own reads must not count as changes, or it would
    // reload for ever.
    let _ = Console::new(dir.clone(), content());
    assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn class_refuses_a_missing_folder() {
    let out = assert_cmd::Command::cargo_bin("chokepoints")
        .unwrap()
        .args(["class", "/no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a folder"));
}

/// A save from older rules (its content fingerprint and version are not
/// today's): the console shows what it stored, under its own heading and
/// marked as not verified, and never offers to replay it.
#[test]
fn a_save_from_older_rules_shows_its_stored_summary_unverified() {
    let dir = class_folder("older");
    let path = dir.join("dana.ron");
    save(
        &path,
        "h20-reversal",
        99,
        &[
            MoveId::SecureMinerals,
            MoveId::OpenTalks,
            MoveId::BuildCompute,
        ],
        Some("Dana"),
    );
    let mut file = SaveFile::read(&path).unwrap();
    file.game_version = "0.1.0".to_string();
    file.scenario.content_hash = "0123456789abcdef".to_string();
    file.summary.score = 61.5;
    file.write(&path).unwrap();

    let mut console = Console::new(dir.clone(), content());
    console.dir_label = "class/".to_string();
    let folder = &console.folder;
    assert_eq!(folder.older.len(), 1);
    assert_eq!(folder.older[0].name, "dana.ron");
    assert_eq!(folder.broken.len(), 1, "only the broken file is unusable");
    assert!(folder.games().all(|g| g.name != "dana.ron"));
    let shown = render(&console, 120, 24);
    assert!(shown.contains("Saved under older rules"), "{shown}");
    assert!(shown.contains("not verified"), "{shown}");
    let row = shown
        .lines()
        .find(|l| l.contains("Dana"))
        .unwrap_or_else(|| panic!("Dana's row: {shown}"));
    assert!(row.contains("61.5") && row.contains("3/16"), "{row}");
    assert!(
        row.contains("pragmatist") && row.contains("seed 99"),
        "{row}"
    );
    // Not selectable: End stays on the last game that replays.
    update(&mut console, Msg::End);
    assert_ne!(console.selected_game().unwrap().name, "dana.ron");
    let _ = std::fs::remove_dir_all(dir);
}

/// The class report lists a save from older rules with what it stored,
/// under its own heading, and leaves it out of the figures.
#[test]
fn the_class_report_lists_older_saves_apart() {
    use chokepoints::report::class;
    let dir = folder("older-report");
    let (old, new) = (dir.join("old.ron"), dir.join("new.ron"));
    save(
        &new,
        "h20-reversal",
        5,
        &[MoveId::BuildCompute],
        Some("Ana"),
    );
    save(
        &old,
        "h20-reversal",
        6,
        &[MoveId::OpenTalks, MoveId::OpenTalks],
        Some("Ben"),
    );
    let mut file = SaveFile::read(&old).unwrap();
    file.game_version = "0.1.0".to_string();
    file.scenario.content_hash = "0123456789abcdef".to_string();
    file.write(&old).unwrap();
    let content = content();
    let entries: Vec<class::Entry> = [&new, &old]
        .iter()
        .map(|p| class::Entry::read(p.display().to_string(), p, &content))
        .collect();
    assert!(entries[0].stored.is_none() && entries[0].game.is_ok());
    assert!(entries[1].stored.is_some() && entries[1].game.is_err());
    let text = class::markdown(&entries);
    assert!(text.contains("1 game(s) reported"), "{text}");
    assert!(text.contains("0 file(s) could not be used"), "{text}");
    let older = text
        .split("## Saved under older rules (stored summaries, not verified)")
        .nth(1)
        .unwrap_or_else(|| panic!("the older section: {text}"));
    let row = older
        .lines()
        .find(|l| l.contains("Ben"))
        .expect("Ben's row");
    assert!(row.contains("0.1.0") && row.contains("2/16"), "{row}");
    assert!(!text.contains("Files that could not be used"), "{text}");
    let _ = std::fs::remove_dir_all(dir);
}
