//! Classroom features in the game: the model card (`m`) and the advisor
//! (`a`, `--advisor`), on screen and in plain mode.

mod support;

use assert_cmd::Command;
use chokepoints::tui::app::{Overlay, Screen};
use ratatui::crossterm::event::KeyCode;
use support::{app, ch, key, press, render};

fn on_dashboard() -> chokepoints::tui::app::App {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Dashboard);
    app
}

#[test]
fn model_card_overlay_80x24() {
    let mut app = on_dashboard();
    press(&mut app, &[ch('m')]);
    assert!(matches!(app.overlay, Some(Overlay::ModelCard { .. })));
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn model_card_scrolls_and_closes_with_m_or_esc() {
    let mut app = on_dashboard();
    press(&mut app, &[ch('m'), ch('j'), ch('j')]);
    assert_eq!(app.overlay, Some(Overlay::ModelCard { scroll: 2 }));
    let scrolled = render(&app, 80, 24);
    assert!(scrolled.contains("What is contested"), "{scrolled}");
    press(&mut app, &[ch('m')]);
    assert_eq!(app.overlay, None);
    press(&mut app, &[ch('m'), key(KeyCode::Esc)]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.screen, Screen::Dashboard);
}

#[test]
fn model_card_opens_on_the_report_and_the_debrief() {
    let mut app = on_dashboard();
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Report);
    press(&mut app, &[ch('m')]);
    assert!(render(&app, 100, 30).contains("What the model assumes"));
    press(&mut app, &[key(KeyCode::Esc)]);
    while app.screen != Screen::Debrief {
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    press(&mut app, &[ch('m')]);
    assert!(render(&app, 100, 30).contains("What the model assumes"));
}

#[test]
fn help_lists_the_model_card_key() {
    let mut app = on_dashboard();
    press(&mut app, &[ch('?')]);
    assert!(render(&app, 100, 40).contains("model card"));
}

fn plain(input: &str, extra: &[&str]) -> String {
    let mut cmd = Command::cargo_bin("chokepoints").unwrap();
    cmd.args(["play", "--plain", "--seed", "7"]).args(extra);
    let out = cmd.write_stdin(input).output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn plain_m_prints_the_model_card() {
    let out = plain("m\n", &[]);
    assert!(out.contains("What the model assumes:"), "{out}");
    assert!(out.contains("What is contested:"), "{out}");
    assert!(out.contains("What it leaves out:"), "{out}");
    assert!(
        out.contains("  - Whether Beijing would really halt"),
        "{out}"
    );
}

#[test]
fn dashboard_with_the_advisor_on_80x24() {
    let mut app = on_dashboard();
    press(&mut app, &[ch('a'), ch('j'), ch('j'), ch('j')]);
    assert!(app.advisor);
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn dashboard_with_the_advisor_on_120x40() {
    let mut app = on_dashboard();
    press(&mut app, &[ch('a'), ch('j'), ch('j'), ch('j')]);
    insta::assert_snapshot!(render(&app, 120, 40));
}

#[test]
fn a_toggles_the_advisor_and_a_new_game_keeps_it() {
    let mut app = on_dashboard();
    press(&mut app, &[ch('j'), ch('j'), ch('j')]);
    assert!(!render(&app, 120, 40).contains("Advisor:"));
    press(&mut app, &[ch('a')]);
    let on = render(&app, 120, 40);
    assert!(on.contains("Advisor:"), "{on}");
    assert!(on.contains("Advisor on"), "{on}");
    press(&mut app, &[ch('a')]);
    assert!(!app.advisor);
    let mut app = app.with_advisor(true);
    while app.screen != Screen::Debrief {
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    press(&mut app, &[ch('n')]);
    assert!(app.advisor);
}

#[test]
fn plain_advisor_prints_advice_after_the_move_list() {
    let out = plain("", &["--advisor"]);
    let moves = out.find("Moves:").unwrap();
    let advice = out.find("Advisor:").expect("an advisor section");
    assert!(advice > moves, "{out}");
    assert!(out.contains("indigenisation speeds up"), "{out}");
    assert!(!plain("", &[]).contains("Advisor:"));
}

/// The advisor's line changes for a move that answers a standing
/// situation, and only for such a move.
#[test]
fn the_advisor_speaks_of_a_situation_the_move_answers() {
    use chokepoints::engine::MoveId;
    use chokepoints::play::advisor::advice;
    let app = on_dashboard();
    let rules = &app.game.rules;
    let mut state = app.game.state.clone();
    let lab = rules
        .events
        .iter()
        .position(|e| e.id == "licensed-chips-in-military-lab")
        .expect("the event is in the deck");
    let before = advice(rules, &state, MoveId::Enforcement).to_string();
    let allies = advice(rules, &state, MoveId::CoordinateAllies).to_string();
    state.set_standing(lab, 2);
    let now = advice(rules, &state, MoveId::Enforcement);
    assert_ne!(now, before);
    assert!(now.contains("situation stands"), "{now}");
    assert_eq!(advice(rules, &state, MoveId::CoordinateAllies), allies);
}
