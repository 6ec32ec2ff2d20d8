//! Keys as the keymap tests press them: the presses that stand for a
//! declared key, whether a declared key covers a press, every key a player
//! can reach for, and a key as a footer's label writes it. Shared by the
//! game's keymap test (tests/bindings.rs) and the lobby's (tests/lobby.rs).

use chokepoints::tui::bindings::Key;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

pub fn event(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// Presses that stand for a declared key.
pub fn presses(k: Key) -> Vec<Event> {
    let none = KeyModifiers::NONE;
    match k {
        Key::Code(code) => vec![event(code, none)],
        Key::Char(c) => vec![event(KeyCode::Char(c), none)],
        Key::Ctrl(c) => vec![
            event(KeyCode::Char(c), KeyModifiers::CONTROL),
            event(KeyCode::Char(c.to_ascii_uppercase()), KeyModifiers::CONTROL),
        ],
        Key::AnyChar => "x Qé?"
            .chars()
            .map(|c| event(KeyCode::Char(c), none))
            .collect(),
        Key::Any => vec![
            event(KeyCode::Char('x'), none),
            event(KeyCode::Enter, none),
            event(KeyCode::Esc, none),
            event(KeyCode::F(1), none),
        ],
    }
}

/// Whether a declared key covers a press (Shift and Alt aside; Ctrl only
/// where declared).
pub fn covers(k: Key, code: KeyCode, modifiers: KeyModifiers) -> bool {
    let ctrl = modifiers.contains(KeyModifiers::CONTROL);
    match k {
        Key::Ctrl(c) => ctrl && matches!(code, KeyCode::Char(p) if p.eq_ignore_ascii_case(&c)),
        _ if ctrl => false,
        Key::Code(d) => d == code,
        Key::Char(c) => code == KeyCode::Char(c),
        Key::AnyChar => matches!(code, KeyCode::Char(_)),
        Key::Any => true,
    }
}

/// Every key a player can reach for, with and without modifiers.
pub fn candidates() -> Vec<(KeyCode, KeyModifiers)> {
    let mut codes = vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::F(1),
        KeyCode::Char('é'),
    ];
    codes.extend((' '..='~').map(KeyCode::Char));
    let modifiers = [
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::ALT,
        KeyModifiers::CONTROL,
        KeyModifiers::CONTROL | KeyModifiers::SHIFT,
    ];
    codes
        .into_iter()
        .flat_map(|c| modifiers.map(|m| (c, m)))
        .collect()
}

/// A key as a label writes it.
pub fn name(k: Key) -> String {
    match k {
        Key::Code(KeyCode::Up) => "↑".into(),
        Key::Code(KeyCode::Down) => "↓".into(),
        Key::Code(KeyCode::Left) => "←".into(),
        Key::Code(KeyCode::Right) => "→".into(),
        Key::Code(KeyCode::PageUp) => "PgUp".into(),
        Key::Code(KeyCode::PageDown) => "PgDn".into(),
        Key::Code(KeyCode::BackTab) => "⇧Tab".into(),
        Key::Code(KeyCode::Home) => "Home".into(),
        Key::Code(KeyCode::End) => "End".into(),
        Key::Code(KeyCode::Enter) => "Enter".into(),
        Key::Code(KeyCode::Esc) => "Esc".into(),
        Key::Code(KeyCode::Tab) => "Tab".into(),
        Key::Code(KeyCode::Backspace) => "Backspace".into(),
        Key::Code(KeyCode::Char(' ')) | Key::Char(' ') => "Space".into(),
        Key::Code(KeyCode::Char(c)) => c.to_string(),
        Key::Code(code) => format!("{code:?}"),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Key::AnyChar => "any character".into(),
        Key::Any => "any key".into(),
    }
}
