//! Input to messages: which key or click means what, on which screen. What
//! each screen's keys do, as the player reads it, is declared in `bindings`
//! (the footer and the help come from there); the matching is here.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use super::app::{App, Overlay, PROMPT_MAX_CHARS, Screen};
use super::message::Msg;
use super::view;

/// Turns a terminal event into a message, given what is on screen and the
/// terminal's size (for mouse clicks). None: nothing to do, no redraw.
pub fn on_event(app: &App, event: &Event, area: Rect) -> Option<Msg> {
    if area.width < view::MIN_WIDTH || area.height < view::MIN_HEIGHT {
        // Nothing is visible to act on: only resizing and Ctrl-C count.
        return match event {
            Event::Resize(..) => Some(Msg::Resize),
            Event::Key(key)
                if key.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(key.code, KeyCode::Char('c' | 'C')) =>
            {
                Some(Msg::Quit)
            }
            _ => None,
        };
    }
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => on_key(app, key),
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

fn on_key(app: &App, key: &KeyEvent) -> Option<Msg> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
        return Some(Msg::Quit);
    }
    let code = key.code;
    if let Some(Overlay::SavePrompt(_)) = &app.overlay {
        // Text entry: every printable key is a character of the name.
        return match code {
            KeyCode::Char('u' | 'U') if ctrl => Some(Msg::ClearInput),
            _ if ctrl => None,
            KeyCode::Enter => Some(Msg::Submit),
            KeyCode::Esc => Some(Msg::Cancel),
            KeyCode::Backspace => Some(Msg::Backspace),
            KeyCode::Char(c) => Some(Msg::Type(c)),
            _ => None,
        };
    }
    if ctrl {
        return None;
    }
    match &app.overlay {
        Some(
            Overlay::ConfirmMove { .. } | Overlay::ConfirmQuit | Overlay::ConfirmOverwrite { .. },
        ) => {
            return match code {
                KeyCode::Char('y' | 'Y') => Some(Msg::Confirm),
                KeyCode::Char('n' | 'N' | 'q') | KeyCode::Esc => Some(Msg::Cancel),
                _ => None,
            };
        }
        Some(Overlay::Help { .. }) => return scrolling_overlay_key(code, '?'),
        Some(Overlay::Intel { .. }) => return scrolling_overlay_key(code, 'i'),
        Some(Overlay::Chart) => {
            return match code {
                KeyCode::Char('c' | 'q') | KeyCode::Esc | KeyCode::Enter => Some(Msg::Dismiss),
                KeyCode::Char('g') | KeyCode::Right | KeyCode::Left => Some(Msg::CycleChartGauge),
                KeyCode::Char('?') => Some(Msg::ToggleHelp),
                _ => None,
            };
        }
        Some(Overlay::ModelCard { .. }) => return scrolling_overlay_key(code, 'm'),
        Some(Overlay::LoadPicker(_)) => {
            return match code {
                KeyCode::Up | KeyCode::Char('k') => Some(Msg::Up),
                KeyCode::Down | KeyCode::Char('j') => Some(Msg::Down),
                KeyCode::Home | KeyCode::PageUp => Some(Msg::Home),
                KeyCode::End | KeyCode::PageDown => Some(Msg::End),
                KeyCode::Enter => Some(Msg::Submit),
                KeyCode::Char('p') => Some(Msg::OnlyMine),
                KeyCode::Esc | KeyCode::Char('q' | 'l') => Some(Msg::Dismiss),
                _ => None,
            };
        }
        Some(Overlay::SavePrompt(_)) | None => {}
    }
    if app.replay.is_some() {
        return on_replay_key(app, code);
    }
    if app.screen == Screen::Briefing {
        return Some(Msg::Continue);
    }
    // Between the sides: only going on, or quitting. Nothing else is shown,
    // so that neither side sees the other's choice.
    if matches!(app.screen, Screen::PassKeyboard(_) | Screen::ChinaBriefing) {
        return match code {
            KeyCode::Enter | KeyCode::Char(' ') => Some(Msg::Continue),
            KeyCode::Char('q') | KeyCode::Esc => Some(Msg::AskQuit),
            KeyCode::Char('?') => Some(Msg::ToggleHelp),
            _ => None,
        };
    }
    if app.screen == Screen::ChinaTurn {
        return match code {
            KeyCode::Up | KeyCode::Char('k') => Some(Msg::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Msg::Down),
            KeyCode::Home | KeyCode::PageUp => Some(Msg::Home),
            KeyCode::End | KeyCode::PageDown => Some(Msg::End),
            KeyCode::Enter => Some(Msg::Choose),
            KeyCode::Char('c') => Some(Msg::ToggleChart),
            KeyCode::Char('?') => Some(Msg::ToggleHelp),
            KeyCode::Char('q') | KeyCode::Esc => Some(Msg::AskQuit),
            _ => None,
        };
    }
    let common = match code {
        KeyCode::Up | KeyCode::Char('k') => Some(Msg::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Msg::Down),
        KeyCode::PageUp => Some(Msg::PageUp),
        KeyCode::PageDown => Some(Msg::PageDown),
        KeyCode::Home => Some(Msg::Home),
        KeyCode::End => Some(Msg::End),
        KeyCode::Char('c') => Some(Msg::ToggleChart),
        KeyCode::Char('?') => Some(Msg::ToggleHelp),
        KeyCode::Char('i') => Some(Msg::ToggleIntel),
        KeyCode::Char('m') => Some(Msg::ToggleModelCard),
        KeyCode::Char('s') => Some(Msg::Save),
        KeyCode::Char('l') => Some(Msg::Load),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    match app.screen {
        Screen::Briefing | Screen::PassKeyboard(_) | Screen::ChinaBriefing | Screen::ChinaTurn => {
            None
        }
        Screen::Dashboard => match code {
            KeyCode::Enter => Some(Msg::Choose),
            KeyCode::Tab => Some(Msg::NextFocus),
            KeyCode::Char('a') => Some(Msg::ToggleAdvisor),
            KeyCode::BackTab => Some(Msg::PrevFocus),
            KeyCode::Char('q') | KeyCode::Esc => Some(Msg::AskQuit),
            _ => None,
        },
        Screen::Report => match code {
            KeyCode::Enter | KeyCode::Char(' ') => Some(Msg::Continue),
            KeyCode::Char('q') | KeyCode::Esc => Some(Msg::AskQuit),
            _ => None,
        },
        Screen::Debrief => match code {
            KeyCode::Char('n') => Some(Msg::NewGame),
            KeyCode::Char('q') | KeyCode::Esc => Some(Msg::Quit),
            _ => None,
        },
    }
}

/// The replay viewer's keys: stepping through turns, and looking.
fn on_replay_key(app: &App, code: KeyCode) -> Option<Msg> {
    match code {
        KeyCode::Left | KeyCode::Char('h') => Some(Msg::PrevTurn),
        KeyCode::Right | KeyCode::Char('l') => Some(Msg::NextTurn),
        KeyCode::Home => Some(Msg::FirstTurn),
        KeyCode::End => Some(Msg::LastTurn),
        KeyCode::Up | KeyCode::Char('k') => Some(Msg::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Msg::Down),
        KeyCode::PageUp => Some(Msg::PageUp),
        KeyCode::PageDown => Some(Msg::PageDown),
        KeyCode::Enter | KeyCode::Char('r' | ' ') => Some(Msg::ShowReport),
        KeyCode::Esc if app.screen == Screen::Report => Some(Msg::ShowReport),
        KeyCode::Char('c') => Some(Msg::ToggleChart),
        KeyCode::Char('i') => Some(Msg::ToggleIntel),
        KeyCode::Char('m') => Some(Msg::ToggleModelCard),
        KeyCode::Char('?') => Some(Msg::ToggleHelp),
        KeyCode::Char('s' | 'n') => Some(Msg::Save),
        KeyCode::Char('q') | KeyCode::Esc => Some(Msg::Quit),
        _ => None,
    }
}

/// Keys of an overlay that scrolls (help, the intelligence panel, the
/// model card): its own key, q, Esc or Enter closes it.
fn scrolling_overlay_key(code: KeyCode, own: char) -> Option<Msg> {
    match code {
        KeyCode::Char(c) if c == own || c == 'q' => Some(Msg::Dismiss),
        KeyCode::Esc | KeyCode::Enter => Some(Msg::Dismiss),
        KeyCode::Up | KeyCode::Char('k') => Some(Msg::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Msg::Down),
        KeyCode::PageUp => Some(Msg::PageUp),
        KeyCode::PageDown | KeyCode::Char(' ') => Some(Msg::PageDown),
        KeyCode::Home => Some(Msg::Home),
        KeyCode::End => Some(Msg::End),
        KeyCode::Char('?') => Some(Msg::ToggleHelp),
        _ => None,
    }
}
