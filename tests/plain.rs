//! `chokepoints play --plain`: the game as text, moves read from stdin.

use assert_cmd::Command;

fn plain(input: &str, extra: &[&str]) -> (bool, String, String) {
    let mut cmd = Command::cargo_bin("chokepoints").unwrap();
    cmd.args(["play", "--plain", "--seed", "7"]).args(extra);
    let out = cmd.write_stdin(input).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn two_moves_then_end_of_input_prints_the_score_so_far() {
    let (ok, out, err) = plain("1\n4\n", &[]);
    assert!(ok, "{err}");
    assert!(out.contains("The H20 reversal"), "{out}");
    assert!(out.contains("-- Turn 1 report, 2025 Q3 --"), "{out}");
    assert!(
        out.contains("Washington: License downgraded chips."),
        "{out}"
    );
    assert!(out.contains("-- Turn 2 report, 2025 Q4 --"), "{out}");
    assert!(out.contains("Washington: Ban downgraded chips."), "{out}");
    assert!(out.contains("Beijing: "), "{out}");
    assert!(out.contains("Causes: "), "{out}");
    assert!(out.contains("score is for the quarters played"), "{out}");
    assert!(out.contains("Score: "), "{out}");
    assert!(out.contains("Grade: "), "{out}");
    assert!(out.contains("Quarters played: 2."), "{out}");
}

#[test]
fn moves_are_read_by_number_id_or_name() {
    let (ok, out, _) = plain("rolling-threshold\nopen talks\n", &[]);
    assert!(ok);
    assert!(
        out.contains("Washington: Adopt a rolling threshold."),
        "{out}"
    );
    assert!(out.contains("Washington: Open talks."), "{out}");
}

#[test]
fn nonsense_is_refused_and_asked_again() {
    let (ok, out, _) = plain("banana\n99\n13\n", &[]);
    assert!(ok);
    assert!(out.contains("`banana` is not a move"), "{out}");
    assert!(out.contains("`99` is not a move"), "{out}");
    assert!(out.contains("Washington: Hold course."), "{out}");
}

#[test]
fn the_blockade_asks_and_no_means_no() {
    let (ok, out, _) = plain("6\nn\n", &[]);
    assert!(ok);
    assert!(out.contains("Warning: Full blockade"), "{out}");
    assert!(out.contains("Not played"), "{out}");
    assert!(!out.contains("Turn 1 report"), "{out}");
    assert!(out.contains("Quarters played: 0."), "{out}");

    let (_, out, _) = plain("6\ny\n", &[]);
    assert!(out.contains("Washington: Full blockade."), "{out}");
}

#[test]
fn yes_answers_every_confirmation() {
    let (ok, out, _) = plain("6\n", &["--yes"]);
    assert!(ok);
    assert!(out.contains("y (--yes)"), "{out}");
    assert!(out.contains("Washington: Full blockade."), "{out}");
}

#[test]
fn end_of_input_at_a_confirmation_ends_cleanly() {
    let (ok, out, _) = plain("6\n", &[]);
    assert!(ok);
    assert!(out.contains("== Debrief =="), "{out}");
}

#[test]
fn a_whole_game_ends_in_a_debrief() {
    let (ok, out, _) = plain(&"13\n".repeat(40), &["--yes"]);
    assert!(ok);
    assert!(out.contains("Outcome: "), "{out}");
    assert!(
        out.contains("Turning points") || out.contains("Score: "),
        "{out}"
    );
}

#[test]
fn q_ends_the_game_with_the_summary() {
    let (ok, out, _) = plain("1\nq\n1\n", &[]);
    assert!(ok);
    assert!(out.contains("Quarters played: 1."), "{out}");
}

#[test]
fn an_unknown_scenario_or_doctrine_is_an_error() {
    let (ok, _, err) = plain("", &["--scenario", "nowhere"]);
    assert!(!ok);
    assert!(err.contains("unknown scenario `nowhere`"), "{err}");
    let (ok, _, err) = plain("", &["--doctrine", "nobody"]);
    assert!(!ok);
    assert!(err.contains("unknown doctrine `nobody`"), "{err}");
}

#[test]
fn the_interactive_game_needs_a_terminal() {
    let out = Command::cargo_bin("chokepoints")
        .unwrap()
        .write_stdin("")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--plain"), "{err}");
}

#[test]
fn every_gauge_objective_and_estimate_is_listed_once() {
    let (ok, out, err) = plain("i\n13\n", &[]);
    assert!(ok, "{err}");
    // The ninth gauge, with what it means.
    assert!(
        out.contains(
            "  Mineral stress: 10.0/100 (U.S. supply-chain strain, 0–100; collapse at 100)"
        ),
        "{out}"
    );
    // The briefing and the debrief list all seven objectives and say how
    // the score is made.
    assert!(out.contains("mineral security 9%"), "{out}");
    assert!(out.contains("85% its final value"), "{out}");
    assert!(
        out.contains("  mineral security: ") && out.contains("from low China leverage"),
        "{out}"
    );
    // Intelligence estimates hidden quantities; mineral stress is a gauge.
    assert!(out.contains("Best U.S. chip China may buy"), "{out}");
    assert!(!out.contains("U.S. mineral supply stress"), "{out}");
}

#[test]
fn moves_come_with_forecasts_against_holding_course() {
    let (ok, out, _) = plain("13\n", &[]);
    assert!(ok);
    assert!(
        out.contains("Forecasts: each move then holding course"),
        "{out}"
    );
    assert!(out.contains("Assumes a Pragmatist Beijing"), "{out}");
    assert!(
        out.contains("Vs holding course, after 4 quarters: "),
        "{out}"
    );
    assert!(
        out.contains("Holding course, change after 4 quarters: "),
        "{out}"
    );
    assert!(out.contains("Beijing's likely reply: "), "{out}");
    // Licensing is already in force at the start: it says so.
    assert!(
        out.contains("Changes nothing: the export ceiling is already H20-class"),
        "{out}"
    );
}

#[test]
fn a_finished_game_ends_with_its_review_questions_and_last_quarter() {
    // Holding course leaves every situation standing, so it is asked to
    // confirm near the crisis line: `--yes` plays it to the end.
    let input = "13\n".repeat(16);
    let (ok, out, err) = plain(&input, &["--yes"]);
    assert!(ok, "{err}");
    for part in [
        "The quarter that ended the game:",
        "Decision review:",
        "Decision quality ",
        "The costliest decisions:",
        "The expert preferred",
        "Every quarter:",
        "Questions for discussion:",
    ] {
        assert!(out.contains(part), "`{part}` missing:\n{out}");
    }
    // One line per quarter, each labelled.
    let labelled = out
        .lines()
        .skip_while(|l| !l.contains("Every quarter:"))
        .filter(|l| {
            l.contains("Hold course: ") && (l.contains("; expert: ") || l.contains("best, "))
        })
        .count();
    let turns = out.lines().filter(|l| l.starts_with("-- Turn ")).count();
    assert!(turns > 0);
    assert_eq!(labelled, turns, "{out}");
}
