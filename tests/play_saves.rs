//! The real binary saving and resuming: `play --plain --save`, `--load`,
//! `replay --verify` on what was saved, and one-line errors (exit 2) for
//! saves that cannot be loaded.

use std::fs;
use std::path::Path;

mod support;

use support::{run, scratch};

const SCENARIO: &str = include_str!("../assets/scenarios/h20-reversal.ron");

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn a_plain_game_saved_at_end_of_input_verifies() {
    let dir = scratch("verify");
    let save = dir.join("game.ron");
    let (code, _, err) = run(
        &["play", "--plain", "--seed", "7", "--save", s(&save)],
        "1\n4\n",
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&["replay", s(&save), "--verify"], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "verified 2 turns\n");
}

#[test]
fn q_ends_the_game_and_still_saves() {
    let dir = scratch("quit");
    let save = dir.join("game.ron");
    let (code, _, err) = run(
        &["play", "--plain", "--seed", "7", "--save", s(&save)],
        "13\nq\n9\n",
    );
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = run(&["replay", s(&save), "--verify"], "");
    assert_eq!(out, "verified 1 turns\n");
}

#[test]
fn load_resumes_a_plain_game_at_the_saved_turn() {
    let dir = scratch("resume");
    let first = dir.join("first.ron");
    let second = dir.join("second.ron");
    run(
        &["play", "--plain", "--seed", "7", "--save", s(&first)],
        "1\n4\n",
    );
    let (code, out, err) = run(
        &["play", "--plain", "--load", s(&first), "--save", s(&second)],
        "13\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Seed 7."), "{out}");
    assert!(
        out.contains("Resuming a saved game after turn 2 of 16."),
        "{out}"
    );
    assert!(out.contains("== 2026 Q1, turn 3 of 16 =="), "{out}");
    assert!(out.contains("-- Turn 3 report, 2026 Q1 --"), "{out}");
    assert!(!out.contains("-- Turn 1 report"), "{out}");
    assert!(out.contains("Quarters played: 3."), "{out}");
    let (_, out, _) = run(&["replay", s(&second), "--verify"], "");
    assert_eq!(out, "verified 3 turns\n");

    // The same game played straight through is the same game.
    let straight = dir.join("straight.ron");
    run(
        &["play", "--plain", "--seed", "7", "--save", s(&straight)],
        "1\n4\n13\n",
    );
    let a = chokepoints::save::SaveFile::read(&second).unwrap();
    let b = chokepoints::save::SaveFile::read(&straight).unwrap();
    assert_eq!(a.turns, b.turns);
    assert_eq!(a.summary, b.summary);
}

#[test]
fn a_scenario_from_a_file_is_embedded_and_replays_without_it() {
    let dir = scratch("embed");
    let scenario = dir.join("short-game.ron");
    fs::write(
        &scenario,
        SCENARIO.replacen("\"h20-reversal\"", "\"short-game\"", 1),
    )
    .unwrap();
    let save = dir.join("game.ron");
    let (code, _, err) = run(
        &[
            "play",
            "--plain",
            "--seed",
            "3",
            "--scenario",
            s(&scenario),
            "--save",
            s(&save),
        ],
        "2\n",
    );
    assert_eq!(code, 0, "{err}");
    fs::remove_file(&scenario).unwrap();
    let text = fs::read_to_string(&save).unwrap();
    assert!(text.contains("embedded: Some("), "{text}");
    let (code, out, err) = run(&["replay", s(&save), "--verify"], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "verified 1 turns\n");
}

/// Each bad save: exit 2, nothing on stdout, one line naming the file.
#[test]
fn play_load_of_a_bad_save_is_one_line_and_exit_2() {
    let dir = scratch("bad");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.ron", Vec::new(), "the file is empty"),
        ("binary.ron", vec![0, 159, 146, 150, 255], "binary"),
        (
            "truncated.ron",
            b"(format: 1, game_version: \"0.1".to_vec(),
            "not a valid save",
        ),
        (
            "future.ron",
            b"(format: 99)".to_vec(),
            "save format 99 is not supported",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        for plain in [true, false] {
            let mut args = vec!["play", "--load", s(&path)];
            if plain {
                args.push("--plain");
            }
            let (code, out, err) = run(&args, "1\n");
            assert_eq!(code, 2, "{name}: {err}");
            assert!(out.is_empty(), "{name}: {out}");
            assert_eq!(err.lines().count(), 1, "{name}: {err}");
            assert!(err.starts_with("chokepoints: "), "{err}");
            assert!(err.contains(s(&path)), "{name}: {err}");
            assert!(err.contains(expected), "{name}: {err}");
        }
    }
    let missing = dir.join("missing.ron");
    let (code, _, err) = run(&["play", "--load", s(&missing)], "");
    assert_eq!(code, 2);
    assert_eq!(
        err.trim_end(),
        format!("chokepoints: {}: no such file", missing.display())
    );
}

#[test]
fn save_needs_plain_and_load_excludes_a_new_games_options() {
    let (code, _, err) = run(&["play", "--save", "x.ron"], "");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--plain"), "{err}");
    let (code, _, err) = run(&["play", "--load", "x.ron", "--seed", "3"], "");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--seed"), "{err}");
    assert!(!Path::new("x.ron").exists());
}

#[test]
fn replay_without_a_terminal_prints_the_game_log() {
    let dir = scratch("log");
    let save = dir.join("game.ron");
    run(
        &["play", "--plain", "--seed", "7", "--save", s(&save)],
        "1\n4\n",
    );
    let (code, out, err) = run(&["replay", s(&save)], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("License downgraded chips"), "{out}");
    assert!(out.contains("Ban downgraded chips"), "{out}");
}
