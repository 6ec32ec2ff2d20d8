//! Snapshot tests of every screen, rendered into ratatui's `TestBackend`.
//! The numbers come from the content in assets/, which is still being
//! tuned: when it changes, review and accept the new snapshots
//! (`cargo insta review`, or INSTA_UPDATE=always).

mod support;

use chokepoints::tui::app::Screen;
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use support::{app, ch, key, press, render};

/// Briefing dismissed, then two quarters played (license, then coordinate
/// with allies) and back on the dashboard.
fn two_turns_in() -> chokepoints::tui::app::App {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    for _ in 0..7 {
        press(&mut app, &[ch('j')]);
    }
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Dashboard);
    app
}

#[test]
fn briefing() {
    insta::assert_snapshot!(render(&app(), 80, 24));
}

#[test]
fn dashboard_80x24() {
    insta::assert_snapshot!(render(&two_turns_in(), 80, 24));
}

#[test]
fn dashboard_160x48() {
    insta::assert_snapshot!(render(&two_turns_in(), 160, 48));
}

#[test]
fn turn_report_80x24() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    press(&mut app, &[ch('j'), ch('j'), ch('j'), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Report);
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn turn_report_160x48() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    press(&mut app, &[ch('j'), ch('j'), ch('j'), key(KeyCode::Enter)]);
    insta::assert_snapshot!(render(&app, 160, 48));
}

#[test]
fn help_overlay() {
    let mut app = two_turns_in();
    press(&mut app, &[ch('?')]);
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn intelligence_panel() {
    let mut app = two_turns_in();
    press(&mut app, &[ch('i')]);
    insta::assert_snapshot!(render(&app, 100, 30));
}

#[test]
fn escalation_warning() {
    let mut app = two_turns_in();
    press(&mut app, &[key(KeyCode::Home)]);
    for _ in 0..5 {
        press(&mut app, &[ch('j')]);
    }
    press(&mut app, &[key(KeyCode::Enter)]);
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn chart_full_screen() {
    let mut app = two_turns_in();
    press(&mut app, &[ch('c'), ch('g')]);
    insta::assert_snapshot!(render(&app, 80, 24));
}

fn finished() -> chokepoints::tui::app::App {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    while app.screen != Screen::Debrief {
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    app
}

#[test]
fn debrief_80x24() {
    insta::assert_snapshot!(render(&finished(), 80, 24));
}

#[test]
fn debrief_160x48() {
    insta::assert_snapshot!(render(&finished(), 160, 48));
}

#[test]
fn terminal_too_small() {
    insta::assert_snapshot!(render(&two_turns_in(), 60, 20));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any size draws without a panic, on every screen and overlay.
    #[test]
    fn any_size_draws(width in 0u16..260, height in 0u16..90, overlay in 0usize..5) {
        let mut app = two_turns_in();
        match overlay {
            1 => press(&mut app, &[ch('?')]),
            2 => press(&mut app, &[ch('i')]),
            3 => press(&mut app, &[ch('c')]),
            4 => press(&mut app, &[ch('q')]),
            _ => {}
        }
        support::draw(&app, width, height);
        let done = finished();
        support::draw(&done, width, height);
        let mut report = support::app();
        press(&mut report, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
        support::draw(&report, width, height);
        support::draw(&support::app(), width, height);
    }
}
