//! Key-mashing: long random sequences of key presses, mouse events, pastes
//! and resizes (down to 0×0 and 1×1) through the app's keymap and update
//! function, rendering after each into a `TestBackend`. Nothing panics, the
//! gauges stay in range, the turn never passes the horizon, and the chain
//! of state checksums stays the one a replay would rebuild.
//!
//! CHOKEPOINTS_FUZZ_CASES raises the number of sequences.

mod support;

use std::sync::Arc;

use chokepoints::engine::Game;
use chokepoints::engine::turn::{ChinaSide, gauges_in_range};
use chokepoints::play::hot_seat::HotSeat;
use chokepoints::tui::app::{App, update};
use chokepoints::tui::{keys, view};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

fn cases() -> u32 {
    std::env::var("CHOKEPOINTS_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// Anything a player (or a cat) can do to the terminal.
#[derive(Clone, Debug)]
enum Poke {
    Key(KeyCode, KeyModifiers),
    Mouse(MouseEventKind, u16, u16),
    Resize(u16, u16),
    Paste(String),
}

fn poke() -> impl Strategy<Value = Poke> {
    let code = prop_oneof![
        4 => Just(KeyCode::Enter),
        3 => Just(KeyCode::Down),
        2 => Just(KeyCode::Up),
        1 => Just(KeyCode::Esc),
        1 => Just(KeyCode::Tab),
        1 => Just(KeyCode::BackTab),
        1 => Just(KeyCode::Left),
        1 => Just(KeyCode::Right),
        1 => Just(KeyCode::Home),
        1 => Just(KeyCode::End),
        1 => Just(KeyCode::PageUp),
        1 => Just(KeyCode::PageDown),
        1 => Just(KeyCode::Backspace),
        1 => Just(KeyCode::F(1)),
        6 => proptest::char::range(' ', '~').prop_map(KeyCode::Char),
        1 => any::<char>().prop_map(KeyCode::Char),
    ];
    let modifiers = prop_oneof![
        8 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::ALT),
    ];
    let mouse = prop_oneof![
        Just(MouseEventKind::Down(MouseButton::Left)),
        Just(MouseEventKind::ScrollUp),
        Just(MouseEventKind::ScrollDown),
        Just(MouseEventKind::Moved),
    ];
    prop_oneof![
        20 => (code, modifiers).prop_map(|(c, m)| Poke::Key(c, m)),
        3 => (mouse, 0u16..200, 0u16..60).prop_map(|(k, x, y)| Poke::Mouse(k, x, y)),
        2 => prop_oneof![
            Just((0u16, 0u16)),
            Just((1, 1)),
            Just((80, 24)),
            Just((79, 23)),
            (0u16..260, 0u16..90),
        ]
        .prop_map(|(w, h)| Poke::Resize(w, h)),
        1 => "\\PC{0,300}".prop_map(Poke::Paste),
    ]
}

/// Feeds one poke through the keymap and update, as the event loop does.
fn apply(app: &mut App, poke: &Poke, size: &mut (u16, u16)) {
    let event = match poke {
        Poke::Key(code, modifiers) => Event::Key(KeyEvent::new(*code, *modifiers)),
        Poke::Mouse(kind, column, row) => Event::Mouse(MouseEvent {
            kind: *kind,
            column: *column,
            row: *row,
            modifiers: KeyModifiers::NONE,
        }),
        Poke::Resize(w, h) => {
            *size = (*w, *h);
            Event::Resize(*w, *h)
        }
        Poke::Paste(text) => Event::Paste(text.clone()),
    };
    let msgs = match &event {
        Event::Paste(text) => keys::on_paste(app, text),
        _ => keys::on_event(app, &event, Rect::new(0, 0, size.0, size.1))
            .into_iter()
            .collect(),
    };
    for msg in msgs {
        let effects = update(app, msg);
        support::settle(app, effects);
    }
}

fn render(app: &App, size: (u16, u16)) {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    terminal.draw(|f| view::view(app, f)).unwrap();
}

/// The game's checksums are the ones a fresh replay of its moves gives.
fn chain_is_valid(game: &Game) -> bool {
    let mut replay = Game::new(game.rules.clone(), game.seed);
    for (m, china) in game.moves.iter().zip(&game.china) {
        let side = china.map_or(ChinaSide::Doctrine, ChinaSide::Chosen);
        replay.play_as(*m, side);
    }
    replay.checksums == game.checksums && replay.state == game.state
}

fn mash(mut app: App, pokes: &[Poke]) -> Result<(), TestCaseError> {
    let mut size = (80u16, 24u16);
    let horizon = app.rules().scenario.horizon;
    for poke in pokes {
        apply(&mut app, poke, &mut size);
        render(&app, size);
        if !app.running {
            break;
        }
        prop_assert!(gauges_in_range(&app.game.state), "gauges out of range");
        prop_assert!(app.game.state.turn <= horizon, "turn passed the horizon");
        prop_assert_eq!(app.game.checksums.len() as u32, app.game.state.turn);
    }
    prop_assert!(chain_is_valid(&app.game), "the checksum chain broke");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mashing_keys_mouse_and_resizes_breaks_nothing(
        pokes in prop::collection::vec(poke(), 1..400),
    ) {
        mash(support::app(), &pokes)?;
    }

    #[test]
    fn mashing_a_hot_seat_game_breaks_nothing(
        pokes in prop::collection::vec(poke(), 1..400),
    ) {
        mash(support::hot_seat_app(), &pokes)?;
    }

    #[test]
    fn mashing_the_replay_viewer_breaks_nothing(
        pokes in prop::collection::vec(poke(), 1..200),
        seed in any::<u64>(),
    ) {
        let rules = Arc::new(
            chokepoints::content::Content::builtin()
                .unwrap()
                .rules("h20-reversal", None)
                .unwrap(),
        );
        let mut game = Game::new(rules, seed);
        for m in chokepoints::engine::MoveId::ALL.iter().cycle().take(16) {
            game.play(*m);
        }
        let app = App::replay(&game, "mashed.ron".to_string());
        mash(app, &pokes)?;
    }
}

#[test]
fn the_hot_seat_helper_names_both_sides() {
    // Guards the helper the properties rely on.
    let app = support::hot_seat_app();
    let expected = HotSeat::new(&chokepoints::save::Players {
        us: Some("Ana".to_string()),
        china: Some("Team Red".to_string()),
    });
    assert_eq!(app.hot_seat, Some(expected));
}
