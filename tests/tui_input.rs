//! Key sequences drive the game's state: a whole game to the debrief, the
//! escalation warning, quitting, mouse and focus.

mod support;

use chokepoints::engine::MoveId;
use chokepoints::tui::app::{Focus, Overlay, Screen};
use ratatui::crossterm::event::{Event, KeyCode};
use support::{app, ch, click, ctrl, key, press, send, send_sized};

#[test]
fn any_key_leaves_the_briefing() {
    let mut app = app();
    assert_eq!(app.screen, Screen::Briefing);
    press(&mut app, &[ch('x')]);
    assert_eq!(app.screen, Screen::Dashboard);
}

#[test]
fn enter_plays_the_move_and_shows_its_report() {
    let mut app = app();
    press(
        &mut app,
        &[key(KeyCode::Enter), ch('j'), key(KeyCode::Down)],
    );
    assert_eq!(app.selected_move(), MoveId::ApproveStrongerChip);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Report);
    assert_eq!(app.game.state.turn, 1);
    assert_eq!(app.reports()[0].us_move, MoveId::ApproveStrongerChip);
    assert_eq!(app.history.len(), 2);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Dashboard);
}

#[test]
fn a_whole_game_reaches_the_debrief_and_a_new_game() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    let mut guard = 0;
    while app.screen != Screen::Debrief {
        // Vary the moves; answer any escalation warning with yes.
        press(&mut app, &[ch('k'), ch('k'), ch('k')]);
        press(&mut app, &[key(KeyCode::Enter)]);
        if app.overlay.is_some() {
            press(&mut app, &[ch('y')]);
        }
        press(&mut app, &[key(KeyCode::Enter)]);
        guard += 1;
        assert!(guard < 100, "the game never ended");
    }
    assert!(app.game.is_over());
    assert_eq!(app.reports().len() as u32, app.game.state.turn);
    let first_seed = app.game.seed;
    press(&mut app, &[ch('n')]);
    assert_eq!(app.screen, Screen::Briefing);
    assert_eq!(app.game.state.turn, 0);
    assert_ne!(app.game.seed, first_seed);
}

#[test]
fn the_blockade_asks_first_and_no_means_no() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    for _ in 0..5 {
        press(&mut app, &[ch('j')]);
    }
    assert_eq!(app.selected_move(), MoveId::FullBlockade);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.overlay, Some(Overlay::ConfirmMove { .. })));
    press(&mut app, &[ch('n')]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.game.state.turn, 0);
    press(&mut app, &[key(KeyCode::Enter), ch('y')]);
    assert_eq!(app.game.state.turn, 1);
    assert_eq!(app.screen, Screen::Report);
}

#[test]
fn q_asks_before_quitting_and_ctrl_c_does_not() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter), ch('q')]);
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.running);
    assert_eq!(app.overlay, None);
    press(&mut app, &[key(KeyCode::Esc), ch('y')]);
    assert!(!app.running);

    let mut app = support::app();
    send(&mut app, ctrl('c'));
    assert!(!app.running);
}

#[test]
fn overlays_open_and_close() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    for (open, overlay) in [
        ('?', Overlay::Help { scroll: 0 }),
        ('i', Overlay::Intel { scroll: 0 }),
        ('c', Overlay::Chart),
    ] {
        press(&mut app, &[ch(open)]);
        assert_eq!(app.overlay, Some(overlay));
        press(&mut app, &[key(KeyCode::Esc)]);
        assert_eq!(app.overlay, None);
    }
    // Keys meant for the dashboard do nothing under an overlay.
    press(&mut app, &[ch('?'), key(KeyCode::Down), ch('?')]);
    assert_eq!(app.selected, 0);
}

#[test]
fn tab_moves_focus_to_the_news_and_arrows_scroll_it() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Tab)]);
    assert_eq!(app.focus, Focus::Log);
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Down)]);
    assert_eq!(app.selected, 0);
    assert_eq!(app.log_scroll, 2);
    // Enter with the news focused returns to the moves without playing.
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.focus, Focus::Moves);
    assert_eq!(app.game.state.turn, 0);
}

#[test]
fn clicking_a_move_selects_it_and_the_wheel_scrolls() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    // At 80×24 the move list starts under its title on the body's second
    // row, in the right half: row 3 is move 2.
    send_sized(&mut app, click(60, 3), (80, 24));
    assert_eq!(app.selected, 1);
    send_sized(&mut app, click(5, 3), (80, 24));
    assert_eq!(app.selected, 1, "a click on the gauges selects nothing");
    let scroll = Event::Mouse(ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::ScrollDown,
        column: 60,
        row: 20,
        modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
    });
    send(&mut app, scroll);
    assert_eq!(app.log_scroll, 3);
}

#[test]
fn without_a_saves_folder_s_says_so_and_the_next_key_clears_it() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter), ch('s')]);
    assert!(app.status.is_some());
    press(&mut app, &[key(KeyCode::Down)]);
    assert!(app.status.is_none());
}

#[test]
fn a_too_small_terminal_ignores_keys_but_ctrl_c() {
    let mut app = app();
    send_sized(&mut app, key(KeyCode::Enter), (60, 20));
    assert_eq!(app.screen, Screen::Briefing);
    send_sized(&mut app, ctrl('c'), (60, 20));
    assert!(!app.running);
}

/// Digits highlight a move by its number, as the list and the standing
/// situations show it: one digit, or 1 then a second for 10 to 13.
#[test]
fn digits_highlight_a_move_by_its_number() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    let typed = |app: &mut chokepoints::tui::app::App, keys: &str| {
        let events: Vec<Event> = keys.chars().map(ch).collect();
        press(app, &events);
        app.selected + 1
    };
    assert_eq!(typed(&mut app, "4"), 4);
    assert_eq!(typed(&mut app, "11"), 11);
    assert_eq!(typed(&mut app, "13"), 13);
    assert_eq!(typed(&mut app, "10"), 10);
    // 1 then 4 is not a move: the 4 counts alone.
    assert_eq!(typed(&mut app, "14"), 4);
    assert_eq!(typed(&mut app, "1"), 1);
    // Any other key between the digits: they count apart.
    press(&mut app, &[ch('1'), key(KeyCode::Down), ch('2')]);
    assert_eq!(app.selected + 1, 2);
    // Nothing is numbered 0.
    assert_eq!(typed(&mut app, "0"), 2);
    // Enter plays the move typed.
    typed(&mut app, "12");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Report);
    assert_eq!(app.game.moves[0], MoveId::OpenTalks);
}
