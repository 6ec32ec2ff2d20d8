//! Input to messages: which key or click means what, on which screen. Each
//! screen lists its commands here, and the footer and the `?` help overlay
//! are generated from those lists (as gitui does), so they cannot drift.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use super::app::{App, Overlay, PROMPT_MAX_CHARS, Screen};
use super::message::Msg;
use super::view;

/// A key and what it does, for the footer and the help overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Command {
    pub keys: &'static str,
    pub does: &'static str,
    /// Shown in the footer (the rest only in the help overlay).
    pub in_footer: bool,
}

const fn cmd(keys: &'static str, does: &'static str, in_footer: bool) -> Command {
    Command {
        keys,
        does,
        in_footer,
    }
}

const DASHBOARD: &[Command] = &[
    cmd("↑/↓ k/j", "choose", true),
    cmd("Enter", "play", true),
    cmd("Tab", "focus", true),
    cmd("i", "intel", true),
    cmd("c", "chart", true),
    cmd("?", "help", true),
    cmd("q", "quit", true),
    cmd("m", "model card", true),
    cmd("a", "advisor", true),
    cmd("Tab", "move focus between the moves and the news", false),
    cmd(
        "PgUp/PgDn",
        "scroll About this move (the news, when it has the focus)",
        false,
    ),
    cmd("mouse", "click a move; wheel scrolls the news", false),
    cmd("s / l", "save the game / load a saved one", false),
    cmd("Ctrl-C", "quit at once", false),
];

const BRIEFING: &[Command] = &[
    cmd("any key", "begin", true),
    cmd("Ctrl-C", "quit at once", true),
];

const REPORT: &[Command] = &[
    cmd("Enter", "continue", true),
    cmd("↑/↓", "scroll", true),
    cmd("i", "intel", true),
    cmd("c", "chart", true),
    cmd("?", "help", true),
    cmd("q", "quit", true),
    cmd("m", "model card", true),
];

const DEBRIEF: &[Command] = &[
    cmd("n", "new game", true),
    cmd("s", "save", true),
    cmd("l", "load", true),
    cmd("↑/↓", "scroll", true),
    cmd("c", "chart", true),
    cmd("q", "quit", true),
    cmd("m", "model card", true),
];

const PASS: &[Command] = &[
    cmd("Enter", "ready", true),
    cmd("q", "quit", true),
    cmd("Ctrl-C", "quit at once", true),
];

const CHINA_BRIEFING: &[Command] = &[cmd("Enter", "begin", true), cmd("q", "quit", true)];

const CHINA_TURN: &[Command] = &[
    cmd("↑/↓ k/j", "choose", true),
    cmd("Enter", "play", true),
    cmd("c", "chart", true),
    cmd("?", "help", true),
    cmd("q", "quit", true),
];

const HELP: &[Command] = &[
    cmd("? / Esc", "close help", true),
    cmd("↑/↓", "scroll", true),
];
const INTEL: &[Command] = &[cmd("↑/↓", "scroll", true), cmd("i / Esc", "close", true)];
const CHART: &[Command] = &[cmd("g", "add a gauge", true), cmd("c / Esc", "close", true)];
const MODEL_CARD: &[Command] = &[cmd("↑/↓", "scroll", true), cmd("m / Esc", "close", true)];
const CONFIRM: &[Command] = &[cmd("y", "yes", true), cmd("n / Esc", "no", true)];
const SAVE_PROMPT: &[Command] = &[
    cmd("Enter", "save", true),
    cmd("Esc", "cancel", true),
    cmd("Ctrl-U", "clear", true),
];
const LOAD_PICKER: &[Command] = &[
    cmd("↑/↓", "choose", true),
    cmd("Enter", "load", true),
    cmd("p", "only my games / all", true),
    cmd("Esc", "close", true),
];

const REPLAY_DASHBOARD: &[Command] = &[
    cmd("←/→ h/l", "turn", true),
    cmd("Home/End", "first/last", true),
    cmd("Enter/r", "report", true),
    cmd("c", "chart", true),
    cmd("i", "intel", true),
    cmd("?", "help", true),
    cmd("q", "quit", true),
    cmd("m", "model card", false),
    cmd("↑/↓", "scroll the news", false),
];
const REPLAY_REPORT: &[Command] = &[
    cmd("←/→", "turn", true),
    cmd("Enter/Esc", "back", true),
    cmd("↑/↓", "scroll", true),
    cmd("c", "chart", true),
    cmd("q", "quit", true),
];
const REPLAY_DEBRIEF: &[Command] = &[
    cmd("←/Home", "back", true),
    cmd("r", "last report", true),
    cmd("↑/↓", "scroll", true),
    cmd("c", "chart", true),
    cmd("q", "quit", true),
];

/// The commands of whatever the player is looking at.
pub fn commands(app: &App) -> &'static [Command] {
    match &app.overlay {
        Some(Overlay::Help { .. }) => HELP,
        Some(Overlay::Intel { .. }) => INTEL,
        Some(Overlay::Chart) => CHART,
        Some(Overlay::ModelCard { .. }) => MODEL_CARD,
        Some(
            Overlay::ConfirmMove { .. } | Overlay::ConfirmQuit | Overlay::ConfirmOverwrite { .. },
        ) => CONFIRM,
        Some(Overlay::SavePrompt(_)) => SAVE_PROMPT,
        Some(Overlay::LoadPicker(_)) => LOAD_PICKER,
        None => screen_commands(app.screen, app.replay.is_some()),
    }
}

/// The commands of a screen, without overlays (for the help overlay), in
/// play or in the replay viewer.
pub fn screen_commands(screen: Screen, replay: bool) -> &'static [Command] {
    match (screen, replay) {
        (Screen::Briefing, _) => BRIEFING,
        (Screen::Dashboard, false) => DASHBOARD,
        (Screen::Report, false) => REPORT,
        (Screen::Debrief, false) => DEBRIEF,
        (Screen::Dashboard, true) => REPLAY_DASHBOARD,
        (Screen::Report, true) => REPLAY_REPORT,
        (Screen::Debrief, true) => REPLAY_DEBRIEF,
        (Screen::PassKeyboard(_), _) => PASS,
        (Screen::ChinaBriefing, _) => CHINA_BRIEFING,
        (Screen::ChinaTurn, _) => CHINA_TURN,
    }
}

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
