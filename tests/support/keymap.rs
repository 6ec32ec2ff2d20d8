//! Keys as the keymap tests press them: the presses that stand for a
//! declared key, whether a declared key covers a press, every key a player
//! can reach for, and a key as a footer's label writes it. Shared by the
//! game's keymap test (tests/bindings.rs), the lobby's (tests/lobby.rs)
//! and the control desk's (tests/control_desk.rs), and the checks at the
//! end that each holds its keymap to.

use std::collections::BTreeSet;
use std::fmt::Debug;

use chokepoints::tui::bindings::{Command, Key, Sends, Shown};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

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

// The checks every keymap is held to, for any app that declares its keys
// with `tui::bindings` (the game, the lobby, the control desk). `state`
// names the state in a failure; `commands` are those its keymap consults
// there; `send` is its keymap.

/// The message a declared bind sends for a press of `code`.
pub fn sent_by<M: Copy>(sends: Sends<M>, code: KeyCode, typed: fn(char) -> M) -> Option<M> {
    match (sends, code) {
        (Sends::Msg(msg), _) => Some(msg),
        (Sends::Typed, KeyCode::Char(c)) => Some(typed(c)),
        (Sends::Typed, _) => None,
    }
}

/// Each declared key sends its declared message.
pub fn assert_declared_keys_send<'a, M: Copy + PartialEq + Debug + 'static>(
    state: &str,
    commands: impl Iterator<Item = &'a Command<M>>,
    typed: fn(char) -> M,
    send: impl Fn(&Event) -> Option<M>,
) {
    for command in commands {
        for bind in command.binds {
            for &k in bind.on {
                for press in presses(k) {
                    let Event::Key(pressed) = &press else {
                        unreachable!()
                    };
                    let expected = sent_by(bind.sends, pressed.code, typed);
                    assert!(expected.is_some(), "{state}: {k:?} sends nothing");
                    assert_eq!(
                        send(&press),
                        expected,
                        "{state}: `{}` ({k:?} in {:?})",
                        command.keys,
                        command.shown
                    );
                }
            }
        }
    }
}

/// A key that sends anything is declared, with what it sends.
pub fn assert_undeclared_keys_send_nothing<'a, M: Copy + PartialEq + Debug + 'static>(
    state: &str,
    commands: impl Iterator<Item = &'a Command<M>> + Clone,
    typed: fn(char) -> M,
    send: impl Fn(&Event) -> Option<M>,
) {
    for (code, modifiers) in candidates() {
        let Some(sent) = send(&event(code, modifiers)) else {
            continue;
        };
        let declared = commands.clone().flat_map(|c| c.binds).any(|b| {
            b.on.iter().any(|k| covers(*k, code, modifiers))
                && sent_by(b.sends, code, typed) == Some(sent)
        });
        assert!(
            declared,
            "{state}: {code:?} with {modifiers:?} sends {sent:?}, undeclared"
        );
    }
}

/// No key is bound to two messages.
pub fn assert_one_meaning_per_key<'a, M: PartialEq + Debug + 'static>(
    state: &str,
    commands: impl Iterator<Item = &'a Command<M>>,
) {
    let binds: Vec<_> = commands.flat_map(|c| c.binds).collect();
    for (i, a) in binds.iter().enumerate() {
        for b in &binds[i + 1..] {
            for k in a.on.iter().filter(|k| b.on.contains(k)) {
                assert_eq!(a.sends, b.sends, "{state}: {k:?} is bound twice");
            }
        }
    }
}

/// The keys a label names: `↑/↓ k/j` is four, `? / Esc` two, `1–4` a
/// range; "any key" is one; "mouse" none (no key stands for it).
pub fn label_keys(label: &str) -> BTreeSet<String> {
    match label {
        "any key" => return BTreeSet::from([label.to_string()]),
        "mouse" => return BTreeSet::new(),
        _ => {}
    }
    let mut keys = BTreeSet::new();
    for token in label.split([' ', '/']).filter(|t| !t.is_empty()) {
        match token.split_once('–') {
            Some((a, b)) => {
                let (a, b) = (a.parse::<u8>().unwrap(), b.parse::<u8>().unwrap());
                keys.extend((a..=b).map(|n| n.to_string()));
            }
            None => {
                keys.insert(token.to_string());
            }
        }
    }
    keys
}

/// A listed command's label names exactly its keys; an unlisted one has
/// no label and binds something.
pub fn assert_labels_name_their_keys<'a, M: 'static>(
    state: &str,
    commands: impl Iterator<Item = &'a Command<M>>,
) {
    for c in commands {
        let named: BTreeSet<String> = c
            .binds
            .iter()
            .flat_map(|b| b.on)
            .map(|k| name(*k))
            .collect();
        if c.shown == Shown::Unlisted {
            assert_eq!((c.keys, c.does), ("", ""), "{state}: {named:?}");
            assert!(
                !named.is_empty(),
                "{state}: an unlisted command binds nothing"
            );
            continue;
        }
        assert_eq!(
            label_keys(c.keys),
            named,
            "{state}: `{} {}`",
            c.keys,
            c.does
        );
    }
}

/// Letting go of a key sends nothing.
pub fn assert_releases_send_nothing<M: PartialEq + Debug>(
    state: &str,
    send: impl Fn(&Event) -> Option<M>,
) {
    for (code, modifiers) in candidates() {
        let mut release = KeyEvent::new(code, modifiers);
        release.kind = KeyEventKind::Release;
        assert_eq!(send(&Event::Key(release)), None, "{state}: {code:?}");
    }
}
