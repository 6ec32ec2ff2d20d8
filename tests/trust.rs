//! Results a class can trust: a save's summary is rebuilt by replaying,
//! never trusted; an edited summary is called tampered everywhere it would
//! show (verify, the picker, the console, the class summary); non-finite
//! numbers are refused; a save made under other rules is not called
//! tampered; and class tools count each game once, finished games apart
//! from unfinished ones.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chokepoints::console::Folder;
use chokepoints::content::Content;
use chokepoints::engine::{Game, MoveId};
use chokepoints::save::{Players, SaveFile, folder};

mod support;

use support::scratch;

fn content() -> Content {
    Content::builtin().unwrap()
}

fn game(doctrine: &str, seed: u64, moves: &[MoveId]) -> Game {
    let rules = Arc::new(content().rules("h20-reversal", Some(doctrine)).unwrap());
    let mut game = Game::new(rules, seed);
    for m in moves {
        game.play(*m);
    }
    game
}

fn finished(doctrine: &str, seed: u64) -> Game {
    let mut game = game(doctrine, seed, &[]);
    while !game.is_over() {
        game.play(MoveId::CoordinateAllies);
    }
    game
}

fn named(us: &str) -> Players {
    Players {
        us: Some(us.to_string()),
        china: None,
    }
}

fn write(dir: &Path, name: &str, game: &Game, players: Players) -> PathBuf {
    let path = dir.join(name);
    SaveFile::from_game(game, players, false)
        .write(&path)
        .unwrap();
    path
}

/// Rewrites one line of a save's text.
fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with(from))
        .unwrap_or_else(|| panic!("no line starting {from}"));
    let indent = &line[..line.len() - line.trim_start().len()];
    fs::write(path, text.replacen(line, &format!("{indent}{to}"), 1)).unwrap();
}

fn chokepoints(args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("chokepoints")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The forged save of the bug report: grade A, score 97.5.
fn forged(dir: &Path) -> PathBuf {
    let path = write(dir, "forged.ron", &finished("pragmatist", 3), named("Eve"));
    edit(&path, "score:", "score: 97.5,");
    edit(&path, "grade:", "grade: A,");
    path
}

#[test]
fn a_forged_summary_fails_verify_naming_the_field() {
    let dir = scratch("trust-verify");
    let path = forged(&dir);
    let (code, out, _) = chokepoints(&["replay", "--verify", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("tampered"), "{out}");
    assert!(out.contains("score says 97.5"), "{out}");
    // The honest file verifies.
    let honest = write(&dir, "honest.ron", &finished("pragmatist", 3), named("Eve"));
    let (code, out, _) = chokepoints(&["replay", "--verify", honest.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_forged_save_shows_no_figures_in_the_picker_the_console_or_the_class_summary() {
    let dir = scratch("trust-everywhere");
    let path = forged(&dir);
    write(&dir, "honest.ron", &finished("pragmatist", 4), named("Fay"));

    // The load picker: marked, not loadable, no grade.
    let entries = folder::list(&dir, &content());
    let forged_entry = entries.iter().find(|e| e.name == "forged.ron").unwrap();
    let reason = forged_entry.info.as_ref().unwrap_err();
    assert!(reason.contains("tampered"), "{reason}");
    assert!(!forged_entry.loadable());
    assert!(
        entries
            .iter()
            .any(|e| e.name == "honest.ron" && e.loadable())
    );

    // The console: among the broken files, in no group.
    let shown = Folder::read(&dir, &content());
    assert_eq!(shown.games().count(), 1);
    let broken = shown
        .broken
        .iter()
        .find(|b| b.name == "forged.ron")
        .unwrap();
    assert!(broken.error.contains("tampered"), "{}", broken.error);

    // The class summary: listed among the files it could not use.
    let (code, md, err) = chokepoints(&[
        "report",
        "--no-review",
        path.to_str().unwrap(),
        dir.join("honest.ron").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("1 game(s) reported"), "{md}");
    assert!(md.contains("## Files that could not be used"), "{md}");
    let used = md.split("## Files that could not be used").next().unwrap();
    assert!(
        !used.contains("97.5"),
        "no figure from the forged file: {md}"
    );
}

#[test]
fn non_finite_numbers_are_refused_with_where_they_are() {
    let dir = scratch("trust-nan");
    let path = write(
        &dir,
        "nan.ron",
        &game("pragmatist", 5, &[MoveId::HoldCourse]),
        named("Gus"),
    );
    edit(&path, "score:", "score: NaN,");
    let err = SaveFile::read(&path).unwrap_err();
    assert!(
        err.message.contains("summary.score is not a finite number"),
        "{err}"
    );
    let (code, out, _) = chokepoints(&["replay", "--verify", path.to_str().unwrap()]);
    assert_ne!(code, 0, "{out}");

    let path = write(
        &dir,
        "inf.ron",
        &game("pragmatist", 5, &[MoveId::HoldCourse]),
        named("Gus"),
    );
    edit(&path, "\"tension\":", "\"tension\": inf,");
    let err = SaveFile::read(&path).unwrap_err();
    assert!(
        err.message
            .contains("summary.gauges.tension is not a finite number"),
        "{err}"
    );
}

#[test]
fn a_save_made_under_other_rules_is_not_called_tampered() {
    let dir = scratch("trust-rules");
    let path = write(&dir, "old.ron", &finished("pragmatist", 6), named("Hal"));
    edit(&path, "game_version:", "game_version: \"0.1.0\",");
    edit(
        &path,
        "content_hash:",
        "content_hash: \"0123456789abcdef\",",
    );
    let (code, out, err) = chokepoints(&["replay", "--verify", path.to_str().unwrap()]);
    let said = format!("{out}{err}");
    assert_ne!(code, 0);
    assert!(!said.contains("tampered"), "{said}");
    assert!(said.contains("0.1.0"), "names the rules' version: {said}");
    assert!(said.contains("cannot be replayed"), "{said}");
    // The console shows what it stored, apart, as from older rules.
    let shown = Folder::read(&dir, &content());
    assert!(shown.broken.is_empty(), "{:?}", shown.broken);
    assert_eq!(shown.older.len(), 1);
    assert_eq!(shown.games().count(), 0);
}

#[test]
fn a_class_counts_each_game_once_and_unfinished_games_apart() {
    let dir = scratch("trust-count");
    let whole = finished("pragmatist", 7);
    let half = game("pragmatist", 7, &whole.moves[..4]);
    // One game: its autosave went to the end, a named save stopped half-way.
    let auto = write(&dir, "autosave-ivy.ron", &whole, named("Ivy"));
    let mid = write(&dir, "ivy-half.ron", &half, named("Ivy"));
    // Not the same game: another player, the same moves.
    let other = write(&dir, "jo.ron", &whole, named("Jo"));
    // Unfinished.
    let open = write(&dir, "kim.ron", &half, named("Kim"));
    let files: Vec<&str> = [&auto, &mid, &other, &open]
        .iter()
        .map(|p| p.to_str().unwrap())
        .collect();
    let mut args = vec!["report", "--no-review"];
    args.extend(&files);
    let (code, md, err) = chokepoints(&args);
    assert_eq!(code, 0, "{err}");
    assert!(
        md.contains(
            "3 game(s) reported (2 finished, 1 unfinished); 1 duplicate file(s) counted once"
        ),
        "{md}"
    );
    assert!(md.contains("ivy-half.ron holds the same game as"), "{md}");
    assert!(
        md.contains("- unfinished (no outcome or grade yet): 1"),
        "{md}"
    );
    let grades = md
        .lines()
        .find(|l| l.starts_with("- grades of finished games:"))
        .unwrap();
    let graded: usize = grades
        .split(", ")
        .map(|g| g.rsplit(' ').next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(graded, 2, "{grades}");
    args.extend(["--format", "csv"]);
    let (_, csv, _) = chokepoints(&args);
    assert_eq!(csv.lines().count(), 1 + 3, "{csv}");

    // The console counts the same way.
    let shown = Folder::read(&dir, &content());
    assert_eq!(shown.games().count(), 3);
    assert_eq!(shown.groups.iter().map(|g| g.duplicates).sum::<usize>(), 1);
}

#[test]
fn the_console_groups_by_scenario_seed_and_doctrine() {
    let dir = scratch("trust-groups");
    write(&dir, "a.ron", &finished("pragmatist", 8), named("Ann"));
    write(&dir, "b.ron", &finished("tit-for-tat", 8), named("Bo"));
    write(&dir, "c.ron", &finished("pragmatist", 8), named("Cy"));
    let shown = Folder::read(&dir, &content());
    let groups: Vec<(u64, &str, usize)> = shown
        .groups
        .iter()
        .map(|g| (g.seed, g.doctrine.as_str(), g.games.len()))
        .collect();
    assert_eq!(groups.len(), 2, "{groups:?}");
    assert!(groups.iter().all(|(seed, _, _)| *seed == 8));
    assert!(groups.iter().any(|(_, _, n)| *n == 2));
    assert!(groups.iter().any(|(_, _, n)| *n == 1));
}

#[test]
fn the_console_names_no_doctrine_for_a_human_beijing() {
    use chokepoints::engine::ResponseId;
    use chokepoints::engine::turn::ChinaSide;
    let dir = scratch("trust-human");
    let mut hot = game("pragmatist", 9, &[]);
    hot.play_as(MoveId::HoldCourse, ChinaSide::Chosen(ResponseId::ALL[0]));
    let players = Players {
        us: Some("Blue".to_string()),
        china: Some("Red".to_string()),
    };
    write(&dir, "hot.ron", &hot, players);
    write(
        &dir,
        "scripted.ron",
        &game("pragmatist", 9, &[MoveId::HoldCourse]),
        named("Ann"),
    );
    let shown = Folder::read(&dir, &content());
    let beijing: Vec<&str> = shown.groups.iter().map(|g| g.doctrine.as_str()).collect();
    assert_eq!(beijing.len(), 2, "{beijing:?}");
    assert!(beijing.contains(&chokepoints::strings::CLASS_HUMAN_BEIJING));
    assert!(beijing.contains(&"Pragmatist"));
}
