//! Input to messages. Which key means what, on which screen, is declared
//! in `bindings` (with the footer and the help); this matches keys against
//! that declaration. Only what a key table cannot say stays code here: the
//! mouse, which needs the screen's layout, and pastes.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use super::app::{App, Overlay, PROMPT_MAX_CHARS, Screen};
use super::bindings::{self, Command, Key, Sends};
use super::message::Msg;
use super::view;

/// Turns a terminal event into a message, given what is on screen and the
/// terminal's size (for mouse clicks). None: nothing to do, no redraw.
pub fn on_event(app: &App, event: &Event, area: Rect) -> Option<Msg> {
    if area.width < view::MIN_WIDTH || area.height < view::MIN_HEIGHT {
        // Nothing is visible to act on: only resizing and the keys that
        // work anywhere (Ctrl-C) count.
        return match event {
            Event::Resize(..) => Some(Msg::Resize),
            Event::Key(key) => sent(bindings::ANYWHERE, key),
            _ => None,
        };
    }
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            sent(bindings::ANYWHERE, key).or_else(|| sent(bindings::commands(app), key))
        }
        Event::Mouse(mouse) => {
            if app.overlay.is_some() {
                return None;
            }
            match mouse.kind {
                MouseEventKind::ScrollUp => Some(Msg::ScrollLog(-3)),
                MouseEventKind::ScrollDown => Some(Msg::ScrollLog(3)),
                MouseEventKind::Down(MouseButton::Left) if app.screen == Screen::Dashboard => {
                    view::dashboard::move_at(app, area, Position::new(mouse.column, mouse.row))
                        .map(Msg::Pick)
                }
                _ => None,
            }
        }
        Event::Resize(..) => Some(Msg::Resize),
        _ => None,
    }
}

/// A (bracketed) paste: in the save prompt, its printable characters, as
/// many as the prompt still takes; anywhere else it means nothing.
pub fn on_paste(app: &App, text: &str) -> Vec<Msg> {
    match &app.overlay {
        Some(Overlay::SavePrompt(prompt)) => {
            let room = PROMPT_MAX_CHARS.saturating_sub(prompt.input.chars().count());
            text.chars()
                .filter(|c| !c.is_control())
                .take(room)
                .map(Msg::Type)
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The first binding of `key` wins; tests/bindings.rs keeps every key to
/// one meaning on each screen, so the order of a list does not matter.
fn sent(commands: &[Command], key: &KeyEvent) -> Option<Msg> {
    matched(commands, key, Msg::Type)
}

/// The message `key` sends by `commands` (the game's or the lobby's):
/// `typed` makes the message of a character typed into a text field.
pub fn matched<M: Copy>(
    commands: &[Command<M>],
    key: &KeyEvent,
    typed: fn(char) -> M,
) -> Option<M> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let bind = commands
        .iter()
        .flat_map(|c| c.binds)
        .find(|b| b.on.iter().any(|k| pressed(*k, key.code, ctrl)))?;
    match (bind.sends, key.code) {
        (Sends::Msg(msg), _) => Some(msg),
        (Sends::Typed, KeyCode::Char(c)) => Some(typed(c)),
        (Sends::Typed, _) => None,
    }
}

/// Shift and Alt are ignored: terminals report them inconsistently (a
/// capital letter may or may not come with Shift), and a character is what
/// it looks like.
fn pressed(bound: Key, code: KeyCode, ctrl: bool) -> bool {
    match bound {
        Key::Ctrl(c) => ctrl && matches!(code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c)),
        _ if ctrl => false,
        Key::Code(k) => k == code,
        Key::Char(c) => code == KeyCode::Char(c),
        Key::AnyChar => matches!(code, KeyCode::Char(_)),
        Key::Any => true,
    }
}
