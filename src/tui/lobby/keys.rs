//! The lobby's input to messages: keys by the lists in `bindings`, and
//! what a key table cannot say: the mouse (which needs the layout) and
//! pastes.

use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{CODE_MAX_CHARS, Lobby, LobbyMsg, LobbyScreen, bindings, code_char};
use crate::tui::keys::matched;
use crate::tui::view;

/// Turns a terminal event into a message, given what is on screen and the
/// terminal's size (for clicks, and because a terminal too small to draw
/// in shows nothing to act on). None: nothing to do, no redraw.
pub fn on_event(lobby: &Lobby, event: &Event, area: Rect) -> Option<LobbyMsg> {
    let key = match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key,
        Event::Resize(..) => return Some(LobbyMsg::Resize),
        Event::Mouse(mouse) if view::lobby::fits(area) => {
            let list = matches!(lobby.screen, LobbyScreen::Menu | LobbyScreen::Games(_));
            return match mouse.kind {
                _ if !list => None,
                MouseEventKind::ScrollUp => Some(LobbyMsg::Up),
                MouseEventKind::ScrollDown => Some(LobbyMsg::Down),
                MouseEventKind::Down(MouseButton::Left) => {
                    view::lobby::item_at(lobby, area, Position::new(mouse.column, mouse.row))
                        .map(LobbyMsg::Highlight)
                }
                _ => None,
            };
        }
        _ => return None,
    };
    let anywhere = matched(bindings::ANYWHERE, key, LobbyMsg::Type);
    if !view::lobby::fits(area) {
        return anywhere;
    }
    anywhere.or_else(|| matched(bindings::commands(&lobby.screen), key, LobbyMsg::Type))
}

/// A (bracketed) paste: in a code prompt, the characters a code takes, as
/// many as it still has room for; anywhere else it means nothing.
pub fn on_paste(lobby: &Lobby, text: &str) -> Vec<LobbyMsg> {
    let Some(prompt) = lobby.prompt() else {
        return Vec::new();
    };
    let room = CODE_MAX_CHARS.saturating_sub(prompt.input.chars().count());
    text.chars()
        .filter_map(code_char)
        .take(room)
        .map(LobbyMsg::Type)
        .collect()
}
