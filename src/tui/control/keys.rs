//! The desk's input to messages: keys by the lists in `bindings`, and
//! what a key table cannot say: the mouse (which needs the layout) and
//! pastes. Ctrl-C never reaches here: the shell ends the session on it.

use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{Desk, DeskMsg, DeskScreen, bindings, prompt_char};
use crate::tui::keys::matched;
use crate::tui::view;

/// Turns a terminal event into a message, given what is on screen and the
/// terminal's size (for clicks, and because a terminal too small to draw
/// in shows nothing to act on). None: nothing to do, no redraw.
pub fn on_event(desk: &Desk, event: &Event, area: Rect) -> Option<DeskMsg> {
    let fits = view::control::fits(area);
    match event {
        Event::Resize(..) => Some(DeskMsg::Resize),
        Event::Key(key) if key.kind != KeyEventKind::Release && fits => matched(
            bindings::commands(&desk.screen, desk.class.paused),
            key,
            DeskMsg::Type,
        ),
        Event::Mouse(mouse) if fits => {
            let scrolls = matches!(
                desk.screen,
                DeskScreen::Table | DeskScreen::Inject { .. } | DeskScreen::Help { .. }
            );
            match mouse.kind {
                _ if !scrolls => None,
                MouseEventKind::ScrollUp => Some(DeskMsg::Up),
                MouseEventKind::ScrollDown => Some(DeskMsg::Down),
                MouseEventKind::Down(MouseButton::Left) => {
                    view::control::game_at(desk, area, Position::new(mouse.column, mouse.row))
                        .map(DeskMsg::Highlight)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// A (bracketed) paste: in a prompt, its printable characters (line
/// breaks as spaces), as many as the prompt still has room for; anywhere
/// else it means nothing.
pub fn on_paste(desk: &Desk, text: &str) -> Vec<DeskMsg> {
    let Some(prompt) = desk.prompt() else {
        return Vec::new();
    };
    let room = desk
        .prompt_limit()
        .saturating_sub(prompt.input.chars().count());
    text.chars()
        .filter_map(prompt_char)
        .take(room)
        .map(DeskMsg::Type)
        .collect()
}
