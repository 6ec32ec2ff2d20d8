//! The control desk: the facilitator's seat over SSH (the "white cell"),
//! in the lobby's shape (The Elm Architecture). `class` holds what the
//! shell shows it and what it asks of the shell; this file the model and
//! `update`; `bindings` declares its keys, `keys` turns input into
//! `DeskMsg`s, and `tui::view::control` draws it. It knows nothing of
//! sessions, files or the clock: `update` returns a `ControlAction` for
//! the shell to carry out, and the shell answers through `Desk::show` (a
//! new snapshot of the class) and `Desk::notice` (what came of it).

pub mod bindings;
pub mod class;
pub mod keys;

use crate::strings;

use super::app::{Prompt, Status};
use super::style::Theme;
use class::{ClassView, ControlAction, LiveGame, Target};

/// The most characters a message takes: a line or two of news, and a
/// paste of something longer must not fill every player's screen.
pub const MESSAGE_MAX_CHARS: usize = 200;
/// The most characters the timer prompt takes ("1m30s", "off").
pub const TIMER_MAX_CHARS: usize = 8;
/// The shortest and longest turn timer, in seconds: under ten seconds no
/// one can read the quarter; an hour is longer than any class period.
pub const TIMER_MIN_SECS: u64 = 10;
pub const TIMER_MAX_SECS: u64 = 60 * 60;
/// How far PgUp/PgDn move the selection (and scroll the help).
pub const PAGE: usize = 10;
/// The most the help scrolls; the view stops at its last line.
const HELP_SCROLL_MAX: u16 = 100;

/// What the desk shows: the table of games, or a prompt, picker or window
/// over it.
#[derive(Clone, Debug, PartialEq)]
pub enum DeskScreen {
    Table,
    /// Typing a message for every game, or one.
    Message {
        to: Target,
        prompt: Prompt,
    },
    /// Choosing an event of the deck (`selected` indexes `ClassView::deck`)
    /// to inject into every game, or one.
    Inject {
        to: Target,
        selected: usize,
    },
    /// Typing the turn timer.
    Timer(Prompt),
    /// Every key and what each column means.
    Help {
        scroll: u16,
    },
    /// "Quit control?": the class goes on without its facilitator.
    ConfirmQuit,
}

#[derive(Clone, Debug)]
pub struct Desk {
    /// The class as the shell last showed it.
    pub class: ClassView,
    /// The selected game, an index into `class.games` (kept on the same
    /// game as snapshots come and go).
    pub selected: usize,
    pub screen: DeskScreen,
    /// A one-line notice above the footer, cleared by the next message.
    pub status: Option<Status>,
    pub theme: Theme,
    pub running: bool,
}

/// What the facilitator can ask for. Input becomes messages in `keys`;
/// only `update` acts on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeskMsg {
    /// Move the selection (the table, the deck) or scroll the help.
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// A click: select this game.
    Highlight(usize),
    /// Enter: watch the selected game; send the message, choose the
    /// event or set the timer.
    Choose,
    /// Open the message prompt for every game, or the selected one.
    MessageAll,
    MessageGame,
    /// Open the inject picker for the selected game, or every game.
    InjectGame,
    InjectAll,
    /// Pause the class, or resume it if it is paused.
    TogglePause,
    /// Open the timer prompt.
    Timer,
    WriteReport,
    ToggleHelp,
    /// Ask whether to quit; `Confirm` answers yes.
    AskQuit,
    Confirm,
    /// Esc: close the prompt, picker, window or question.
    Cancel,
    /// Editing a prompt: a typed character, Backspace, Ctrl-U.
    Type(char),
    Backspace,
    ClearInput,
    /// The terminal changed size: nothing to update, but redraw.
    Resize,
}

impl Desk {
    /// The desk before the shell's first snapshot: an empty class.
    pub fn new(theme: Theme) -> Desk {
        Desk {
            class: ClassView::default(),
            selected: 0,
            screen: DeskScreen::Table,
            status: None,
            theme,
            running: true,
        }
    }

    /// A new snapshot of the class: the selection stays on the same game
    /// (by id) as games start and end; if that game has gone, on the one
    /// now in its place.
    pub fn show(&mut self, class: ClassView) {
        let keep = self.selected_game().map(|g| g.id.clone());
        self.class = class;
        let last = self.class.games.len().saturating_sub(1);
        self.selected = keep
            .and_then(|id| self.class.position(&id))
            .unwrap_or(self.selected)
            .min(last);
        if let DeskScreen::Inject { selected, .. } = &mut self.screen {
            *selected = (*selected).min(self.class.deck.len().saturating_sub(1));
        }
    }

    /// A one-line message from the shell ("Report written to …").
    pub fn notice(&mut self, text: impl Into<String>) {
        self.status = Status::info(text);
    }

    pub fn selected_game(&self) -> Option<&LiveGame> {
        self.class.games.get(self.selected)
    }

    /// The text being typed, if a prompt is open.
    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.screen {
            DeskScreen::Message { prompt, .. } | DeskScreen::Timer(prompt) => Some(prompt),
            _ => None,
        }
    }

    fn prompt_mut(&mut self) -> Option<&mut Prompt> {
        match &mut self.screen {
            DeskScreen::Message { prompt, .. } | DeskScreen::Timer(prompt) => Some(prompt),
            _ => None,
        }
    }

    /// How many characters the open prompt takes.
    pub fn prompt_limit(&self) -> usize {
        match self.screen {
            DeskScreen::Timer(_) => TIMER_MAX_CHARS,
            _ => MESSAGE_MAX_CHARS,
        }
    }

    /// Typing in the open prompt: a character it takes while it has room,
    /// Backspace, Ctrl-U. Any change clears the reason the last text was
    /// refused.
    fn edit(&mut self, msg: DeskMsg) {
        let limit = self.prompt_limit();
        let Some(prompt) = self.prompt_mut() else {
            return;
        };
        match msg {
            DeskMsg::Type(c) => match prompt_char(c) {
                Some(c) if prompt.input.chars().count() < limit => prompt.input.push(c),
                _ => return,
            },
            DeskMsg::Backspace => {
                prompt.input.pop();
            }
            DeskMsg::ClearInput => prompt.input.clear(),
            _ => return,
        }
        prompt.error = None;
    }

    /// The selected game, as a target, or why there is none to act on.
    fn selected_target(&mut self) -> Option<Target> {
        match self.selected_game() {
            Some(game) => Some(Target::Game(game.id.clone())),
            None => {
                self.status = Status::error(strings::DESK_NO_GAME_SELECTED);
                None
            }
        }
    }

    /// Opens the message prompt for `to`.
    fn message(&mut self, to: Option<Target>) {
        let Some(to) = to else { return };
        if self.class.games.is_empty() {
            self.status = Status::error(strings::DESK_NO_GAMES_TO_SEND);
            return;
        }
        self.screen = DeskScreen::Message {
            to,
            prompt: empty_prompt(),
        };
    }

    /// Opens the inject picker for `to`, if the deck has events and the
    /// game (or one of them) still plays quarters.
    fn inject(&mut self, to: Option<Target>) {
        let Some(to) = to else { return };
        let playing = match &to {
            Target::All => self.class.games.iter().any(|g| !g.is_over()),
            Target::Game(id) => self.class.game(id).is_some_and(|g| !g.is_over()),
        };
        if self.class.deck.is_empty() {
            self.status = Status::error(strings::DESK_DECK_EMPTY);
        } else if !playing {
            self.status = Status::error(match to {
                Target::All => strings::DESK_NO_GAMES_TO_SEND,
                Target::Game(_) => strings::DESK_GAME_OVER,
            });
        } else {
            self.screen = DeskScreen::Inject { to, selected: 0 };
        }
    }

    /// Enter, on each screen.
    fn choose(&mut self) -> Option<ControlAction> {
        match &mut self.screen {
            DeskScreen::Table => match self.selected_game() {
                Some(game) => Some(ControlAction::Watch(game.id.clone())),
                None => {
                    self.status = Status::error(strings::DESK_NO_GAME_TO_WATCH);
                    None
                }
            },
            DeskScreen::Message { to, prompt } => {
                let text = prompt.input.trim();
                if text.is_empty() {
                    prompt.error = Some(strings::DESK_MESSAGE_EMPTY.to_string());
                    return None;
                }
                let Some(name) = self.class.target_name(to) else {
                    prompt.error = Some(strings::DESK_GAME_GONE.to_string());
                    return None;
                };
                let action = ControlAction::Broadcast {
                    to: to.clone(),
                    text: text.to_string(),
                };
                self.screen = DeskScreen::Table;
                self.status = Status::info(format!("{} {name}.", strings::DESK_MESSAGE_SENT));
                Some(action)
            }
            DeskScreen::Inject { to, selected } => {
                let event = self.class.deck.get(*selected)?;
                let Some(name) = self.class.target_name(to) else {
                    self.status = Status::error(strings::DESK_GAME_GONE);
                    return None;
                };
                self.status = Status::info(format!(
                    "{} “{}”, {} {name}.",
                    strings::DESK_INJECT_SENT,
                    event.title,
                    strings::DESK_INJECT_INTO
                ));
                let action = ControlAction::Inject {
                    to: to.clone(),
                    event: *selected,
                };
                self.screen = DeskScreen::Table;
                Some(action)
            }
            DeskScreen::Timer(prompt) => match parse_timer(&prompt.input) {
                Ok(timer) => {
                    self.screen = DeskScreen::Table;
                    self.status = Status::info(match timer {
                        Some(secs) => {
                            format!("{} {}.", strings::DESK_TIMER_SET, per_quarter(secs))
                        }
                        None => strings::DESK_TIMER_OFF.to_string(),
                    });
                    Some(ControlAction::Timer(timer))
                }
                Err(reason) => {
                    prompt.error = Some(reason);
                    None
                }
            },
            DeskScreen::Help { .. } | DeskScreen::ConfirmQuit => None,
        }
    }

    fn navigate(&mut self, msg: DeskMsg) {
        let (selected, count) = match &mut self.screen {
            DeskScreen::Table => (&mut self.selected, self.class.games.len()),
            DeskScreen::Inject { selected, .. } => (selected, self.class.deck.len()),
            DeskScreen::Help { scroll } => {
                *scroll = match msg {
                    DeskMsg::Up => scroll.saturating_sub(1),
                    DeskMsg::Down => scroll.saturating_add(1),
                    DeskMsg::PageUp => scroll.saturating_sub(PAGE as u16),
                    DeskMsg::PageDown => scroll.saturating_add(PAGE as u16),
                    DeskMsg::Home => 0,
                    DeskMsg::End => HELP_SCROLL_MAX,
                    _ => *scroll,
                }
                .min(HELP_SCROLL_MAX);
                return;
            }
            _ => return,
        };
        // The ends stop the selection: a list that wraps hides where it is.
        let last = count.saturating_sub(1);
        *selected = match msg {
            DeskMsg::Up => selected.saturating_sub(1),
            DeskMsg::Down => (*selected + 1).min(last),
            DeskMsg::PageUp => selected.saturating_sub(PAGE),
            DeskMsg::PageDown => (*selected + PAGE).min(last),
            DeskMsg::Home => 0,
            DeskMsg::End => last,
            DeskMsg::Highlight(i) if i < count => i,
            _ => *selected,
        };
    }
}

fn empty_prompt() -> Prompt {
    Prompt {
        input: String::new(),
        error: None,
    }
}

/// Reads the timer prompt: seconds ("90", "90s"), minutes ("2m", "2 min"),
/// both ("1m30s", "1:30"); empty, "0" or "off": no timer. The reason it
/// cannot be read, or is out of bounds, otherwise.
pub fn parse_timer(text: &str) -> Result<Option<u64>, String> {
    let text = text.trim().to_lowercase();
    if matches!(text.as_str(), "" | "0" | "off" | "none" | "no") {
        return Ok(None);
    }
    let unreadable = || {
        format!(
            "{} “{text}”. {}",
            strings::DESK_TIMER_UNREADABLE,
            strings::DESK_TIMER_HINT
        )
    };
    let secs = match text.split_once(':') {
        Some((m, s)) => {
            let (m, s) = (number(m), number(s));
            match (m, s) {
                (Some(m), Some(s)) if s < 60 => m.checked_mul(60).and_then(|m| m.checked_add(s)),
                _ => None,
            }
        }
        None => with_units(&text),
    }
    .ok_or_else(unreadable)?;
    if secs == 0 {
        return Ok(None);
    }
    if !(TIMER_MIN_SECS..=TIMER_MAX_SECS).contains(&secs) {
        return Err(format!(
            "{} {} to {}.",
            strings::DESK_TIMER_BOUNDS,
            timer_text(TIMER_MIN_SECS),
            timer_text(TIMER_MAX_SECS)
        ));
    }
    Ok(Some(secs))
}

/// Digits only, as a number.
fn number(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// "90", "90s", "2m", "2 min", "1m30s", "1m 30": minutes, then seconds.
fn with_units(text: &str) -> Option<u64> {
    let (minutes, rest) = match text.find('m') {
        Some(at) => {
            let unit_end = text[at..]
                .find(|c: char| !c.is_ascii_alphabetic())
                .map_or(text.len(), |n| at + n);
            if !matches!(
                &text[at..unit_end],
                "m" | "min" | "mins" | "minute" | "minutes"
            ) {
                return None;
            }
            (Some(number(&text[..at])?), &text[unit_end..])
        }
        None => (None, text),
    };
    let rest = rest.trim();
    let digits = rest.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = &rest[digits.len()..];
    if !matches!(unit, "" | "s" | "sec" | "secs" | "second" | "seconds") {
        return None;
    }
    let seconds = match minutes {
        // "2m": minutes alone.
        Some(_) if rest.is_empty() => 0,
        _ => number(digits)?,
    };
    minutes.unwrap_or(0).checked_mul(60)?.checked_add(seconds)
}

/// A timer as the header says it: "2 min", "90 s" reads "1 min 30 s".
pub fn timer_text(secs: u64) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// "2 min per quarter".
pub fn per_quarter(secs: u64) -> String {
    format!("{} {}", timer_text(secs), strings::DESK_PER_QUARTER)
}

/// A timer as the prompt takes it back: "2m", "90".
pub fn timer_input(secs: u64) -> String {
    if secs.is_multiple_of(60) {
        format!("{}m", secs / 60)
    } else {
        secs.to_string()
    }
}

/// Time left as a clock shows it: "1:05".
pub fn clock(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// A character a prompt takes: anything printable (a pasted line break
/// becomes a space).
pub fn prompt_char(c: char) -> Option<char> {
    match c {
        '\n' | '\r' | '\t' => Some(' '),
        c if c.is_control() => None,
        c => Some(c),
    }
}

/// Applies a message; returns what the shell must do, if anything.
pub fn update(desk: &mut Desk, msg: DeskMsg) -> Option<ControlAction> {
    if msg != DeskMsg::Resize {
        desk.status = None;
    }
    match msg {
        DeskMsg::Resize => None,
        DeskMsg::Up
        | DeskMsg::Down
        | DeskMsg::PageUp
        | DeskMsg::PageDown
        | DeskMsg::Home
        | DeskMsg::End
        | DeskMsg::Highlight(_) => {
            desk.navigate(msg);
            None
        }
        DeskMsg::Choose => desk.choose(),
        DeskMsg::MessageAll => {
            desk.message(Some(Target::All));
            None
        }
        DeskMsg::MessageGame => {
            let to = desk.selected_target();
            desk.message(to);
            None
        }
        DeskMsg::InjectGame => {
            let to = desk.selected_target();
            desk.inject(to);
            None
        }
        DeskMsg::InjectAll => {
            desk.inject(Some(Target::All));
            None
        }
        DeskMsg::TogglePause => {
            // The snapshot says whether the class is paused now; the next
            // one shows the shell has done it.
            if desk.class.paused {
                desk.status = Status::info(strings::DESK_RESUMING);
                Some(ControlAction::Resume)
            } else {
                desk.status = Status::info(strings::DESK_PAUSING);
                Some(ControlAction::Pause)
            }
        }
        DeskMsg::Timer => {
            desk.screen = DeskScreen::Timer(Prompt {
                input: desk.class.timer.map(timer_input).unwrap_or_default(),
                error: None,
            });
            None
        }
        DeskMsg::WriteReport => {
            desk.status = Status::info(strings::DESK_WRITING_REPORT);
            Some(ControlAction::WriteReport)
        }
        DeskMsg::ToggleHelp => {
            desk.screen = match desk.screen {
                DeskScreen::Help { .. } => DeskScreen::Table,
                _ => DeskScreen::Help { scroll: 0 },
            };
            None
        }
        DeskMsg::AskQuit => {
            desk.screen = DeskScreen::ConfirmQuit;
            None
        }
        DeskMsg::Confirm => {
            if desk.screen != DeskScreen::ConfirmQuit {
                return None;
            }
            desk.running = false;
            Some(ControlAction::Quit)
        }
        DeskMsg::Cancel => {
            desk.screen = DeskScreen::Table;
            None
        }
        DeskMsg::Type(_) | DeskMsg::Backspace | DeskMsg::ClearInput => {
            desk.edit(msg);
            None
        }
    }
}
