//! Saves: round trips, verification, and every kind of bad save file, each
//! with its one-line message and exit code.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::engine::{Game, MoveId};
use chokepoints::save::{Players, SaveFile, sanitize_name, write_atomic};

mod support;

use support::scratch;

const SCRIPT: [MoveId; 6] = [
    MoveId::BuildCompute,
    MoveId::RollingThreshold,
    MoveId::CoordinateAllies,
    MoveId::OpenTalks,
    MoveId::TightenEquipment,
    MoveId::HoldCourse,
];

fn played_game(seed: u64) -> Game {
    let content = Content::builtin().unwrap();
    let rules = Arc::new(
        content
            .rules(DEFAULT_SCENARIO, Some("tit-for-tat"))
            .unwrap(),
    );
    let mut game = Game::new(rules, seed);
    for m in SCRIPT {
        game.play(m);
    }
    game
}

fn write_save(dir: &Path, game: &Game) -> PathBuf {
    let path = dir.join("game.ron");
    SaveFile::from_game(game, Players::default(), false)
        .write(&path)
        .unwrap();
    path
}

fn replay(args: &[&str]) -> (i32, String, String) {
    let args: Vec<&str> = std::iter::once("replay")
        .chain(args.iter().copied())
        .collect();
    support::run(&args, "")
}

#[test]
fn save_then_load_rebuilds_the_identical_state() {
    let dir = scratch("roundtrip");
    let game = played_game(99);
    let path = write_save(&dir, &game);
    let save = SaveFile::read(&path).unwrap();
    assert_eq!(save.turns.len(), SCRIPT.len());
    let restored = save.replay(&path, &Content::builtin().unwrap()).unwrap();
    assert_eq!(restored.state, game.state);
    assert_eq!(restored.checksums, game.checksums);
    assert_eq!(restored.moves, game.moves);
}

#[test]
fn replay_verify_passes_on_an_honest_save() {
    let dir = scratch("verify");
    let path = write_save(&dir, &played_game(5));
    let (code, out, err) = replay(&[path.to_str().unwrap(), "--verify"]);
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(out.trim(), format!("verified {} turns", SCRIPT.len()));
}

#[test]
fn replay_verify_names_the_first_diverging_turn_of_an_edited_save() {
    let dir = scratch("edited");
    let path = write_save(&dir, &played_game(5));
    let text = fs::read_to_string(&path).unwrap();
    // Change the third move: the checksum of turn 3 no longer matches.
    let edited = text.replacen("\"coordinate-allies\"", "\"full-blockade\"", 1);
    assert_ne!(edited, text);
    fs::write(&path, edited).unwrap();
    let (code, out, _) = replay(&[path.to_str().unwrap(), "--verify"]);
    assert_eq!(code, 1);
    assert!(out.contains("turn 3 diverges"), "{out}");
}

#[test]
fn a_removed_turn_is_caught_where_it_was_removed() {
    let dir = scratch("removed");
    let game = played_game(8);
    let mut save = SaveFile::from_game(&game, Players::default(), false);
    save.turns.remove(1);
    let path = dir.join("game.ron");
    save.write(&path).unwrap();
    let (code, out, _) = replay(&[path.to_str().unwrap(), "--verify"]);
    assert_eq!(code, 1);
    assert!(out.contains("turn 2 diverges"), "{out}");
    // Loading it to play is an error, exit 2.
    let (code, _, err) = replay(&[path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("turn 2 diverges"), "{err}");
}

fn assert_refused(path: &Path, expected: &str) {
    let started = std::time::Instant::now();
    let (code, _, err) = replay(&[path.to_str().unwrap(), "--verify"]);
    assert_eq!(code, 2, "stderr: {err}");
    let line = err.trim();
    assert_eq!(line.lines().count(), 1, "one line: {line}");
    assert!(
        line.contains(&path.display().to_string()),
        "names the file: {line}"
    );
    assert!(line.contains(expected), "expected `{expected}` in: {line}");
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn a_missing_save_is_refused() {
    let dir = scratch("missing");
    assert_refused(&dir.join("nope.ron"), "no such file");
}

#[test]
fn an_empty_save_is_refused() {
    let dir = scratch("empty");
    let path = dir.join("empty.ron");
    fs::write(&path, "").unwrap();
    assert_refused(&path, "empty");
}

#[test]
fn a_truncated_save_is_refused() {
    let dir = scratch("truncated");
    let path = write_save(&dir, &played_game(3));
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, &text[..text.len() / 2]).unwrap();
    assert_refused(&path, "not a valid save");
}

#[test]
fn a_binary_file_is_refused() {
    let dir = scratch("binary");
    let path = dir.join("binary.ron");
    fs::write(&path, [0xff, 0xfe, 0x00, 0x12, 0x80, 0x81]).unwrap();
    assert_refused(&path, "binary");
}

#[test]
fn a_save_of_another_format_version_is_refused() {
    let dir = scratch("version");
    let path = write_save(&dir, &played_game(3));
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replacen("format: 2,", "format: 99,", 1)).unwrap();
    assert_refused(&path, "save format 99 is not supported");
}

#[test]
fn a_save_whose_scenario_changed_is_refused() {
    let dir = scratch("scenario");
    let game = played_game(3);
    let mut save = SaveFile::from_game(&game, Players::default(), false);
    save.scenario.hash = "0000000000000000".to_string();
    let path = dir.join("game.ron");
    save.write(&path).unwrap();
    assert_refused(&path, "changed since this game was saved");
}

/// A save made by version 0.1.0, before the rules changed (the mineral
/// leverage rework): it is refused with the versions named, not as an edit.
#[test]
fn a_save_from_an_older_version_says_the_rules_changed() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/older-saves/h20-reversal-0.1.0.ron");
    let (code, out, err) = replay(&[path.to_str().unwrap(), "--verify"]);
    assert_ne!(code, 0, "{out}{err}");
    assert!(
        err.contains("saved with chokepoints 0.1.0")
            && err.contains(concat!("in version ", env!("CARGO_PKG_VERSION")))
            && err.contains("cannot be replayed under the current rules"),
        "{err}"
    );
    assert!(!err.contains("edited"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
}

#[test]
fn deeply_nested_input_is_refused_without_a_stack_overflow() {
    let dir = scratch("nested");
    let path = dir.join("nested.ron");
    let depth = 100_000;
    let text = format!("{}{}", "(".repeat(depth), ")".repeat(depth));
    fs::write(&path, text).unwrap();
    assert_refused(&path, "not a valid save");
}

#[test]
fn a_huge_string_or_list_is_refused_quickly() {
    let dir = scratch("huge");
    let path = dir.join("huge-string.ron");
    let text = format!("(format: 1, game_version: \"{}\")", "x".repeat(8 << 20));
    fs::write(&path, text).unwrap();
    assert_refused(&path, "not a valid save");
    let path = dir.join("huge-list.ron");
    let list = "(us: \"hold-course\", checksum: \"0\"),".repeat(300_000);
    fs::write(&path, format!("(format: 1, turns: [{list}])")).unwrap();
    assert_refused(&path, "not a valid save");
}

#[test]
fn a_file_over_the_size_cap_is_refused_before_parsing() {
    let dir = scratch("cap");
    let path = dir.join("big.ron");
    let file = fs::File::create(&path).unwrap();
    file.set_len(17 * 1024 * 1024).unwrap();
    assert_refused(&path, "at most 16 MiB");
}

#[test]
fn an_interrupted_write_leaves_the_previous_save_whole() {
    let dir = scratch("interrupted");
    let path = write_save(&dir, &played_game(4));
    let before = fs::read(&path).unwrap();
    // A writer killed mid-save leaves only its temporary file behind; the
    // target is untouched until the rename.
    let tmp = dir.join(".game.ron.tmp-12345");
    fs::write(&tmp, &before[..before.len() / 3]).unwrap();
    assert_eq!(fs::read(&path).unwrap(), before);
    let (code, out, _) = replay(&[path.to_str().unwrap(), "--verify"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("verified"));
    // And a completed write replaces it whole.
    write_atomic(&path, b"(format: 1)").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"(format: 1)");
}

#[test]
fn a_save_name_cannot_leave_the_saves_folder() {
    for hostile in [
        "../escape",
        "../../etc/passwd",
        "a/../../b",
        "..",
        "/abs/path",
    ] {
        assert!(sanitize_name(hostile).is_err(), "{hostile}");
    }
    let name = sanitize_name("  my class game  ").unwrap();
    assert_eq!(name, "my-class-game.ron");
    assert!(!Path::new(&name).components().any(|c| matches!(
        c,
        std::path::Component::ParentDir | std::path::Component::RootDir
    )));
}

/// Saves written by an earlier build of this version replay bit for bit on
/// this one: the golden saves in tests/golden were made with
/// `chokepoints play --plain --save` and are verified turn by turn on every
/// fresh build (CI builds from a clean clone). When the content changes on
/// purpose, their content fingerprint no longer matches: regenerate them
/// with the commands in tests/golden/README.md.
#[test]
fn golden_saves_from_an_earlier_build_replay_bit_for_bit() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut verified = 0;
    for entry in fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let (code, out, err) = replay(&[path.to_str().unwrap(), "--verify"]);
        assert_eq!(code, 0, "{}: {out}{err}", path.display());
        assert!(out.starts_with("verified "), "{out}");
        verified += 1;
    }
    assert!(verified >= 2, "at least two golden saves");
}
