//! The real `chokepoints` binary: help and version, the simulator's JSON and
//! table output, and its one-line errors with exit code 2.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

use chokepoints::content::Content;

const SCENARIO: &str = include_str!("../assets/scenarios/h20-reversal.ron");

const ROW_KEYS: [&str; 10] = [
    "strategy",
    "doctrine",
    "games",
    "mean_score",
    "win_rate",
    "crisis_rate",
    "leverage_lost_rate",
    "mean_compute_lead",
    "mean_us_leverage",
    "mean_capability_gap",
];

fn chokepoints() -> Command {
    let mut cmd = Command::cargo_bin("chokepoints").expect("the binary is built");
    cmd.timeout(Duration::from_secs(60));
    cmd
}

/// Runs the binary with `args`, expecting success; returns stdout.
fn run_ok(args: &[&str]) -> String {
    let out = chokepoints()
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs the binary with `args`, expecting exit code 2; returns stderr.
fn run_fails(args: &[&str]) -> String {
    let out = chokepoints()
        .args(args)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty(), "a failed run printed to stdout");
    String::from_utf8(out.stderr).expect("UTF-8 errors")
}

fn sim_json(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["sim", "--json"];
    all.extend_from_slice(args);
    let text = run_ok(&all);
    let value: Value = serde_json::from_str(&text).expect("stdout is JSON");
    value.as_array().expect("a JSON array").clone()
}

/// A fresh folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "chokepoints-cli-{}-{}-{name}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn help_and_version_succeed() {
    let help = run_ok(&["--help"]);
    assert!(help.contains("sim"), "{help}");
    assert!(help.contains("--assets"), "{help}");
    let sim_help = run_ok(&["sim", "--help"]);
    for flag in ["--games", "--strategy", "--doctrine", "--seed", "--json"] {
        assert!(sim_help.contains(flag), "sim --help lacks {flag}");
    }
    let version = run_ok(&["--version"]);
    assert_eq!(
        version.trim(),
        format!("chokepoints {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn sim_json_outputs_one_row_with_every_key() {
    let rows = sim_json(&[
        "--games",
        "50",
        "--strategy",
        "adaptive",
        "--doctrine",
        "pragmatist",
    ]);
    assert_eq!(rows.len(), 1);
    let row = rows[0].as_object().expect("rows are objects");
    for key in ROW_KEYS {
        assert!(row.contains_key(key), "row lacks `{key}`: {row:?}");
    }
    assert_eq!(row["strategy"], "adaptive");
    assert_eq!(row["doctrine"], "pragmatist");
    assert_eq!(row["games"], 50);
    for key in ["win_rate", "crisis_rate", "leverage_lost_rate"] {
        let v = row[key].as_f64().expect("a number");
        assert!((0.0..=1.0).contains(&v), "{key} = {v}");
    }
    let score = row["mean_score"].as_f64().expect("a number");
    assert!((0.0..=100.0).contains(&score), "mean_score = {score}");
    let lead = row["mean_compute_lead"].as_f64().expect("a number");
    assert!((0.0..=100.0).contains(&lead));
}

#[test]
fn sim_table_prints_one_row_per_strategy_and_doctrine() {
    let doctrines: Vec<String> = Content::builtin()
        .expect("shipped content")
        .doctrine_ids()
        .iter()
        .map(|d| d.to_string())
        .collect();
    let strategies = ["adaptive", "hawk", "always-full-blockade"];
    let mut args = vec!["sim", "--games", "20"];
    for s in strategies {
        args.extend(["--strategy", s]);
    }
    let table = run_ok(&args);
    let mut lines = table.lines();
    let header = lines.next().expect("a header");
    assert!(header.starts_with("strategy"), "{header}");
    let rows: Vec<(String, String)> = lines
        .map(|l| {
            let mut words = l.split_whitespace();
            (
                words.next().unwrap_or_default().to_string(),
                words.next().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(rows.len(), strategies.len() * doctrines.len(), "{table}");
    for s in strategies {
        for d in &doctrines {
            let n = rows.iter().filter(|(rs, rd)| rs == s && rd == d).count();
            assert_eq!(n, 1, "{s} vs {d} appears {n} times:\n{table}");
        }
    }
}

#[test]
fn unknown_strategy_exits_2_with_a_one_line_error() {
    let err = run_fails(&["sim", "--games", "5", "--strategy", "always-win"]);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("unknown strategy `always-win`"), "{err}");
    assert!(
        err.contains("adaptive"),
        "the error lists the choices: {err}"
    );
}

#[test]
fn a_schedule_strategy_plays_its_moves_blind_and_repeats_them() {
    let schedule = "schedule:rolling-threshold,build-compute,coordinate-allies";
    let rows = sim_json(&[
        "--games",
        "30",
        "--strategy",
        schedule,
        "--doctrine",
        "pragmatist",
    ]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["strategy"], schedule);
    // A three-move cycle, played from the top each game: the first move
    // comes up at least as often as the second, the second as the third
    // (6, 5 and 5 of each in a full game; a game that ends in a crisis
    // stops part-way), and no other move is ever played.
    let share = &rows[0]["move_share"];
    let of = |m: &str| share[m].as_f64().expect("a share");
    let (first, second, third) = (
        of("rolling-threshold"),
        of("build-compute"),
        of("coordinate-allies"),
    );
    assert!((first + second + third - 1.0).abs() < 1e-9, "{share}");
    assert!(first >= second && second >= third, "{share}");
    assert!(first - third <= 1.0 / 3.0 * 0.25, "{share}");
    assert!(third >= 5.0 / 16.0 - 0.05, "{share}");
    assert_eq!(of("hold-course"), 0.0);

    let err = run_fails(&[
        "sim",
        "--games",
        "5",
        "--strategy",
        "schedule:build-compute,win",
    ]);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("unknown move `win`"), "{err}");
    let err = run_fails(&["sim", "--games", "5", "--strategy", "schedule:"]);
    assert!(err.contains("at least one move"), "{err}");
}

#[test]
fn unknown_doctrine_exits_2_with_a_one_line_error() {
    let err = run_fails(&[
        "sim",
        "--games",
        "5",
        "--strategy",
        "adaptive",
        "--doctrine",
        "dove",
    ]);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("unknown doctrine `dove`"), "{err}");
    assert!(
        err.contains("pragmatist"),
        "the error lists the choices: {err}"
    );
}

#[test]
fn zero_games_or_turns_exit_2() {
    let err = run_fails(&["sim", "--games", "0"]);
    assert!(err.contains("--games"), "{err}");
    let err = run_fails(&["sim", "--games", "3", "--turns", "0"]);
    assert!(err.contains("--turns"), "{err}");
}

#[test]
fn broken_scenario_in_assets_dir_exits_2_naming_file_and_line() {
    let dir = TempDir::new("broken");
    std::fs::create_dir_all(dir.0.join("scenarios")).unwrap();
    let path = dir.0.join("scenarios/h20-reversal.ron");
    let text = SCENARIO.replacen("horizon:", "horizn:", 1);
    let line = text
        .lines()
        .position(|l| l.contains("horizn:"))
        .expect("edited line")
        + 1;
    std::fs::write(&path, &text).unwrap();
    let err = run_fails(&[
        "--assets",
        dir.0.to_str().unwrap(),
        "sim",
        "--games",
        "5",
        "--strategy",
        "adaptive",
    ]);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    let expected = format!("{}:{line}:", path.display());
    assert!(err.contains(&expected), "expected `{expected}` in: {err}");
    assert!(err.contains("horizn"), "{err}");
}

#[test]
fn valid_assets_dir_overrides_the_scenario() {
    let dir = TempDir::new("valid");
    std::fs::create_dir_all(dir.0.join("scenarios")).unwrap();
    let text = SCENARIO.replacen("\"h20-reversal\"", "\"short-game\"", 1);
    std::fs::write(dir.0.join("scenarios/short-game.ron"), text).unwrap();
    let rows = {
        let text = run_ok(&[
            "--assets",
            dir.0.to_str().unwrap(),
            "sim",
            "--json",
            "--games",
            "10",
            "--strategy",
            "adaptive",
            "--doctrine",
            "pragmatist",
            "--scenario",
            "short-game",
        ]);
        serde_json::from_str::<Vec<Value>>(&text).expect("JSON rows")
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["games"], 10);
}

#[test]
fn same_seed_gives_identical_json_and_different_seeds_differ() {
    let run = |seed: &str| {
        run_ok(&[
            "sim",
            "--json",
            "--games",
            "200",
            "--strategy",
            "random",
            "--strategy",
            "adaptive",
            "--doctrine",
            "opportunist",
            "--seed",
            seed,
        ])
    };
    let a = run("11");
    let b = run("11");
    let c = run("12");
    assert_eq!(a, b, "same seed, different output");
    assert_ne!(a, c, "different seeds, same output");
}

/// src/sim/mod.rs, run_cell: `Vec::with_capacity(games as usize)` for a
/// user-given `--games` panics ("capacity overflow", exit 101) or aborts on
/// allocation failure (exit 134) instead of giving a one-line error.
#[test]

fn huge_games_count_exits_2_instead_of_panicking() {
    let err = run_fails(&[
        "sim",
        "--games",
        "18446744073709551615",
        "--strategy",
        "adaptive",
        "--doctrine",
        "pragmatist",
    ]);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn the_expert_runs_only_when_named_and_takes_a_budget() {
    let all = run_ok(&["sim", "--games", "2", "--doctrine", "pragmatist"]);
    assert!(
        !all.contains("expert"),
        "`all` leaves the slow expert out: {all}"
    );
    let json = run_ok(&[
        "sim",
        "--games",
        "2",
        "--doctrine",
        "pragmatist",
        "--strategy",
        "expert",
        "--budget",
        "1",
        "--json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&json).expect("JSON rows");
    assert_eq!(rows[0]["strategy"], "expert", "{json}");
    assert_eq!(rows[0]["games"], 2, "{json}");
    assert!(rows[0]["mean_end"]["mineral_stress"].is_number(), "{json}");
    let err = run_fails(&[
        "sim",
        "--games",
        "2",
        "--strategy",
        "expert",
        "--budget",
        "0",
    ]);
    assert!(err.contains("--budget must be between"), "{err}");
}
