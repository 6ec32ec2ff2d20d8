//! Each screen's and window's commands, declared once: the keys a command
//! answers to, the message it sends, and how the player reads it. The
//! footer and the `?` help overlay are generated from these lists (as gitui
//! does) and `keys` matches keys against the same lists, so what is shown
//! and what works cannot drift apart (tests/bindings.rs holds them to it).
//! The views read this module and never `keys`.

use ratatui::crossterm::event::KeyCode;

use super::app::{App, Overlay, Screen};
use super::message::Msg;
use Key::{Any, AnyChar, Char, Ctrl};

/// A key as a binding names it. Shift and Alt do not count (a capital
/// letter is a `Char` of its own); Ctrl does, so that Ctrl-C is never `c`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A key without Ctrl: Enter, the arrows, Tab, …
    Code(KeyCode),
    /// A character without Ctrl.
    Char(char),
    /// A letter with Ctrl, in either case (Caps Lock must not turn Ctrl-C
    /// into nothing).
    Ctrl(char),
    /// Any character without Ctrl (the save prompt's text).
    AnyChar,
    /// Any key at all without Ctrl (the briefing's "any key").
    Any,
}

/// What a bound key sends: a game's `Msg` unless another app (the lobby)
/// declares its keys with these types too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sends<M = Msg> {
    Msg(M),
    /// The app's typing message (`Msg::Type`) of the character pressed:
    /// the one message that carries the key itself.
    Typed,
}

/// Keys and the message they send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bind<M: 'static = Msg> {
    pub on: &'static [Key],
    pub sends: Sends<M>,
}

/// Where a command is listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// In the footer and in the help.
    Footer,
    /// In the help only.
    Help,
    /// Nowhere: aliases of listed keys (Esc for q, Space for Enter, k/j
    /// where the footer has room only for ↑/↓), and keys every player
    /// tries without being told (Backspace in a text field). They are
    /// declared all the same, so that every key that does something is
    /// here.
    Unlisted,
}

/// A command: its keys as the player reads them, what it does, where it
/// is listed, and the keys behind it. `keys` and `does` are empty for an
/// unlisted command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Command<M: 'static = Msg> {
    pub keys: &'static str,
    pub does: &'static str,
    pub shown: Shown,
    /// Empty where the input is not a key (the mouse, which `keys` handles
    /// with the screen's layout) or not matched here (the class console's).
    pub binds: &'static [Bind<M>],
}

impl<M> Command<M> {
    pub fn in_footer(&self) -> bool {
        self.shown == Shown::Footer
    }

    pub fn in_help(&self) -> bool {
        self.shown != Shown::Unlisted
    }
}

pub(crate) const fn footer<M>(
    keys: &'static str,
    does: &'static str,
    binds: &'static [Bind<M>],
) -> Command<M> {
    Command {
        keys,
        does,
        shown: Shown::Footer,
        binds,
    }
}

pub(crate) const fn help<M>(
    keys: &'static str,
    does: &'static str,
    binds: &'static [Bind<M>],
) -> Command<M> {
    Command {
        keys,
        does,
        shown: Shown::Help,
        binds,
    }
}

pub(crate) const fn unlisted<M>(binds: &'static [Bind<M>]) -> Command<M> {
    Command {
        keys: "",
        does: "",
        shown: Shown::Unlisted,
        binds,
    }
}

pub(crate) const fn on<M>(keys: &'static [Key], msg: M) -> Bind<M> {
    Bind {
        on: keys,
        sends: Sends::Msg(msg),
    }
}

pub(crate) const UP: Key = Key::Code(KeyCode::Up);
pub(crate) const DOWN: Key = Key::Code(KeyCode::Down);
pub(crate) const LEFT: Key = Key::Code(KeyCode::Left);
pub(crate) const RIGHT: Key = Key::Code(KeyCode::Right);
pub(crate) const HOME: Key = Key::Code(KeyCode::Home);
pub(crate) const END: Key = Key::Code(KeyCode::End);
pub(crate) const PGUP: Key = Key::Code(KeyCode::PageUp);
pub(crate) const PGDN: Key = Key::Code(KeyCode::PageDown);
pub(crate) const ENTER: Key = Key::Code(KeyCode::Enter);
pub(crate) const ESC: Key = Key::Code(KeyCode::Esc);
pub(crate) const TAB: Key = Key::Code(KeyCode::Tab);
pub(crate) const BACKTAB: Key = Key::Code(KeyCode::BackTab);
pub(crate) const BACKSPACE: Key = Key::Code(KeyCode::Backspace);
pub(crate) const SPACE: Key = Char(' ');

// Binds several screens share.
const ARROWS: &[Bind] = &[on(&[UP], Msg::Up), on(&[DOWN], Msg::Down)];
/// vi's k/j, wherever ↑/↓ work; listed where the footer has room.
const K_J: &[Bind] = &[on(&[Char('k')], Msg::Up), on(&[Char('j')], Msg::Down)];
const ARROWS_K_J: &[Bind] = &[
    on(&[UP, Char('k')], Msg::Up),
    on(&[DOWN, Char('j')], Msg::Down),
];
const PAGES: &[Bind] = &[on(&[PGUP], Msg::PageUp), on(&[PGDN], Msg::PageDown)];
const TOP_BOTTOM: &[Bind] = &[on(&[HOME], Msg::Home), on(&[END], Msg::End)];
const QUIT_AT_ONCE: &[Bind] = &[on(&[Ctrl('c')], Msg::Quit)];
const HELP: &[Bind] = &[on(&[Char('?')], Msg::ToggleHelp)];
const INTEL: &[Bind] = &[on(&[Char('i')], Msg::ToggleIntel)];
const CHART: &[Bind] = &[on(&[Char('c')], Msg::ToggleChart)];
const MODEL_CARD: &[Bind] = &[on(&[Char('m')], Msg::ToggleModelCard)];
/// A window that scrolls (help, intelligence, the model card) also pages
/// with the space bar, as a pager does.
const WINDOW_PAGES: &[Bind] = &[
    on(&[PGUP], Msg::PageUp),
    on(&[PGDN, SPACE], Msg::PageDown),
    on(&[HOME], Msg::Home),
    on(&[END], Msg::End),
];
/// Every window closes with q and Enter too, so that the key a player
/// tries first works.
const WINDOW_CLOSES: &[Bind] = &[on(&[Char('q'), ENTER], Msg::Dismiss)];
/// The replay viewer is read-only: s (and n, the debrief's new game) say
/// so rather than doing nothing.
const REPLAY_READ_ONLY: &[Bind] = &[on(&[Char('s'), Char('n')], Msg::Save)];

/// Ctrl-C quits at once wherever the player is, even in a terminal too
/// small to draw in; the screens with room for it list it as well.
pub const ANYWHERE: &[Command] = &[unlisted(QUIT_AT_ONCE)];

/// The moves by their numbers in the list.
const DIGITS: &[Bind] = &[
    on(&[Char('0')], Msg::Digit(0)),
    on(&[Char('1')], Msg::Digit(1)),
    on(&[Char('2')], Msg::Digit(2)),
    on(&[Char('3')], Msg::Digit(3)),
    on(&[Char('4')], Msg::Digit(4)),
    on(&[Char('5')], Msg::Digit(5)),
    on(&[Char('6')], Msg::Digit(6)),
    on(&[Char('7')], Msg::Digit(7)),
    on(&[Char('8')], Msg::Digit(8)),
    on(&[Char('9')], Msg::Digit(9)),
];

const DASHBOARD_KEYS: &[Command] = &[
    footer("↑/↓ k/j", "choose", ARROWS_K_J),
    footer("Enter", "play", &[on(&[ENTER], Msg::Choose)]),
    footer("Tab", "focus", &[on(&[TAB], Msg::NextFocus)]),
    footer("i", "intel", INTEL),
    footer("c", "chart", CHART),
    footer("?", "help", HELP),
    footer("q", "quit", &[on(&[Char('q')], Msg::AskQuit)]),
    footer("m", "model card", MODEL_CARD),
    footer("a", "advisor", &[on(&[Char('a')], Msg::ToggleAdvisor)]),
    help(
        "Tab/⇧Tab",
        "move focus between the moves and the news",
        &[on(&[TAB], Msg::NextFocus), on(&[BACKTAB], Msg::PrevFocus)],
    ),
    help(
        "PgUp/PgDn",
        "scroll About this move (the news, when it has the focus)",
        PAGES,
    ),
    help(
        "0–9",
        "highlight a move by its number (1 then 1 for move 11)",
        DIGITS,
    ),
    help("mouse", "click a move; wheel scrolls the news", &[]),
    help(
        "s / l",
        "save the game / load a saved one",
        &[on(&[Char('s')], Msg::Save), on(&[Char('l')], Msg::Load)],
    ),
    help("Ctrl-C", "quit at once", QUIT_AT_ONCE),
    help(
        "Home/End",
        "first / last move (top / bottom of the news)",
        TOP_BOTTOM,
    ),
    unlisted(&[on(&[ESC], Msg::AskQuit)]),
];

const BRIEFING_KEYS: &[Command] = &[
    footer("any key", "begin", &[on(&[Any], Msg::Continue)]),
    footer("Ctrl-C", "quit at once", QUIT_AT_ONCE),
];

const REPORT_KEYS: &[Command] = &[
    footer("Enter", "continue", &[on(&[ENTER], Msg::Continue)]),
    footer("↑/↓", "scroll", ARROWS),
    footer("i", "intel", INTEL),
    footer("c", "chart", CHART),
    footer("?", "help", HELP),
    footer("q", "quit", &[on(&[Char('q')], Msg::AskQuit)]),
    footer("m", "model card", MODEL_CARD),
    help(
        "s / l",
        "save the game / load a saved one",
        &[on(&[Char('s')], Msg::Save), on(&[Char('l')], Msg::Load)],
    ),
    help("PgUp/PgDn", "scroll a page", PAGES),
    help("Home/End", "top / bottom", TOP_BOTTOM),
    unlisted(K_J),
    unlisted(&[on(&[SPACE], Msg::Continue), on(&[ESC], Msg::AskQuit)]),
];

const DEBRIEF_KEYS: &[Command] = &[
    footer("n", "new game", &[on(&[Char('n')], Msg::NewGame)]),
    footer("s", "save", &[on(&[Char('s')], Msg::Save)]),
    footer("l", "load", &[on(&[Char('l')], Msg::Load)]),
    footer("↑/↓", "scroll", ARROWS),
    footer("c", "chart", CHART),
    // The game is over: nothing is lost, so no question first.
    footer("q", "quit", &[on(&[Char('q')], Msg::Quit)]),
    footer("m", "model card", MODEL_CARD),
    help("i", "intel", INTEL),
    help("?", "help", HELP),
    help("PgUp/PgDn", "scroll a page", PAGES),
    help("Home/End", "top / bottom", TOP_BOTTOM),
    unlisted(K_J),
    unlisted(&[on(&[ESC], Msg::Quit)]),
];

// Between the sides only going on, quitting and help work: nothing else is
// shown, so that neither side sees the other's choice.
const PASS_KEYS: &[Command] = &[
    footer("Enter", "ready", &[on(&[ENTER], Msg::Continue)]),
    footer("q", "quit", &[on(&[Char('q')], Msg::AskQuit)]),
    footer("Ctrl-C", "quit at once", QUIT_AT_ONCE),
    help("?", "help", HELP),
    unlisted(&[on(&[SPACE], Msg::Continue), on(&[ESC], Msg::AskQuit)]),
];

const CHINA_BRIEFING_KEYS: &[Command] = &[
    footer("Enter", "begin", &[on(&[ENTER], Msg::Continue)]),
    footer("q", "quit", &[on(&[Char('q')], Msg::AskQuit)]),
    help("?", "help", HELP),
    unlisted(&[on(&[SPACE], Msg::Continue), on(&[ESC], Msg::AskQuit)]),
];

const CHINA_TURN_KEYS: &[Command] = &[
    footer("↑/↓ k/j", "choose", ARROWS_K_J),
    footer("Enter", "play", &[on(&[ENTER], Msg::Choose)]),
    footer("c", "chart", CHART),
    footer("?", "help", HELP),
    footer("q", "quit", &[on(&[Char('q')], Msg::AskQuit)]),
    help(
        "Home/End PgUp/PgDn",
        "first / last response",
        &[on(&[HOME, PGUP], Msg::Home), on(&[END, PGDN], Msg::End)],
    ),
    unlisted(&[on(&[ESC], Msg::AskQuit)]),
];

const WAITING_KEYS: &[Command] = &[
    footer("c", "chart", CHART),
    footer("?", "help", HELP),
    footer("q", "leave", &[on(&[Char('q')], Msg::AskQuit)]),
    footer("Ctrl-C", "quit at once", QUIT_AT_ONCE),
    unlisted(&[on(&[ESC], Msg::AskQuit)]),
];

const HELP_KEYS: &[Command] = &[
    footer(
        "? / Esc",
        "close help",
        &[on(&[Char('?'), ESC], Msg::Dismiss)],
    ),
    footer("↑/↓", "scroll", ARROWS),
    unlisted(K_J),
    unlisted(WINDOW_PAGES),
    unlisted(WINDOW_CLOSES),
];

const INTEL_KEYS: &[Command] = &[
    footer("↑/↓", "scroll", ARROWS),
    footer("i / Esc", "close", &[on(&[Char('i'), ESC], Msg::Dismiss)]),
    unlisted(K_J),
    unlisted(WINDOW_PAGES),
    unlisted(WINDOW_CLOSES),
    // Help takes the window's place.
    unlisted(HELP),
];

const CHART_KEYS: &[Command] = &[
    footer(
        "g",
        "add a gauge",
        &[on(&[Char('g')], Msg::CycleChartGauge)],
    ),
    footer("c / Esc", "close", &[on(&[Char('c'), ESC], Msg::Dismiss)]),
    unlisted(&[on(&[LEFT, RIGHT], Msg::CycleChartGauge)]),
    unlisted(WINDOW_CLOSES),
    unlisted(HELP),
];

const MODEL_CARD_KEYS: &[Command] = &[
    footer("↑/↓", "scroll", ARROWS),
    footer("m / Esc", "close", &[on(&[Char('m'), ESC], Msg::Dismiss)]),
    unlisted(K_J),
    unlisted(WINDOW_PAGES),
    unlisted(WINDOW_CLOSES),
    unlisted(HELP),
];

const CONFIRM_KEYS: &[Command] = &[
    footer("y", "yes", &[on(&[Char('y')], Msg::Confirm)]),
    footer("n / Esc", "no", &[on(&[Char('n'), ESC], Msg::Cancel)]),
    // Shift held (or Caps Lock) answers the same. q, which asks the quit
    // question, answers no: pressed twice by mistake it must not quit.
    unlisted(&[
        on(&[Char('Y')], Msg::Confirm),
        on(&[Char('N'), Char('q')], Msg::Cancel),
    ]),
];

const SAVE_PROMPT_KEYS: &[Command] = &[
    footer("Enter", "save", &[on(&[ENTER], Msg::Submit)]),
    footer("Esc", "cancel", &[on(&[ESC], Msg::Cancel)]),
    footer("Ctrl-U", "clear", &[on(&[Ctrl('u')], Msg::ClearInput)]),
    unlisted(&[on(&[BACKSPACE], Msg::Backspace)]),
    // Text entry: every character, q and ? included, is part of the name.
    unlisted(&[Bind {
        on: &[AnyChar],
        sends: Sends::Typed,
    }]),
];

const LOAD_PICKER_KEYS: &[Command] = &[
    footer("↑/↓", "choose", ARROWS),
    footer("Enter", "load", &[on(&[ENTER], Msg::Submit)]),
    footer(
        "p",
        "only my games / all",
        &[on(&[Char('p')], Msg::OnlyMine)],
    ),
    footer("Esc", "close", &[on(&[ESC], Msg::Dismiss)]),
    unlisted(K_J),
    unlisted(&[on(&[HOME, PGUP], Msg::Home), on(&[END, PGDN], Msg::End)]),
    // l, which opened it, closes it again.
    unlisted(&[on(&[Char('q'), Char('l')], Msg::Dismiss)]),
];

const REPLAY_DASHBOARD_KEYS: &[Command] = &[
    footer(
        "←/→ h/l",
        "turn",
        &[
            on(&[LEFT, Char('h')], Msg::PrevTurn),
            on(&[RIGHT, Char('l')], Msg::NextTurn),
        ],
    ),
    footer(
        "Home/End",
        "first/last",
        &[on(&[HOME], Msg::FirstTurn), on(&[END], Msg::LastTurn)],
    ),
    footer(
        "Enter/r",
        "report",
        &[on(&[ENTER, Char('r')], Msg::ShowReport)],
    ),
    footer("c", "chart", CHART),
    footer("i", "intel", INTEL),
    footer("?", "help", HELP),
    footer("q", "quit", &[on(&[Char('q')], Msg::Quit)]),
    help("m", "model card", MODEL_CARD),
    help("↑/↓", "scroll the news", ARROWS),
    help("PgUp/PgDn", "scroll the news a page", PAGES),
    unlisted(K_J),
    unlisted(&[on(&[SPACE], Msg::ShowReport), on(&[ESC], Msg::Quit)]),
    unlisted(REPLAY_READ_ONLY),
];

const REPLAY_REPORT_KEYS: &[Command] = &[
    footer(
        "←/→",
        "turn",
        &[on(&[LEFT], Msg::PrevTurn), on(&[RIGHT], Msg::NextTurn)],
    ),
    footer("Enter/Esc", "back", &[on(&[ENTER, ESC], Msg::ShowReport)]),
    footer("↑/↓", "scroll", ARROWS),
    footer("c", "chart", CHART),
    footer("q", "quit", &[on(&[Char('q')], Msg::Quit)]),
    help(
        "Home/End",
        "first / last turn",
        &[on(&[HOME], Msg::FirstTurn), on(&[END], Msg::LastTurn)],
    ),
    help("PgUp/PgDn", "scroll a page", PAGES),
    help("i", "intel", INTEL),
    help("m", "model card", MODEL_CARD),
    help("?", "help", HELP),
    // The keys of the replay's dashboard, which this report sits over.
    unlisted(&[
        on(&[Char('h')], Msg::PrevTurn),
        on(&[Char('l')], Msg::NextTurn),
        on(&[Char('r'), SPACE], Msg::ShowReport),
    ]),
    unlisted(K_J),
    unlisted(REPLAY_READ_ONLY),
];

const REPLAY_DEBRIEF_KEYS: &[Command] = &[
    footer(
        "←/Home",
        "back",
        &[on(&[LEFT], Msg::PrevTurn), on(&[HOME], Msg::FirstTurn)],
    ),
    footer("r", "last report", &[on(&[Char('r')], Msg::ShowReport)]),
    footer("↑/↓", "scroll", ARROWS),
    footer("c", "chart", CHART),
    footer("q", "quit", &[on(&[Char('q')], Msg::Quit)]),
    help("PgUp/PgDn", "scroll a page", PAGES),
    help("i", "intel", INTEL),
    help("m", "model card", MODEL_CARD),
    help("?", "help", HELP),
    // The keys of the replay's dashboard; those forward step nowhere from
    // the last turn, but mean the same.
    unlisted(&[
        on(&[Char('h')], Msg::PrevTurn),
        on(&[RIGHT, Char('l')], Msg::NextTurn),
        on(&[END], Msg::LastTurn),
        on(&[ENTER, SPACE], Msg::ShowReport),
        on(&[ESC], Msg::Quit),
    ]),
    unlisted(K_J),
    unlisted(REPLAY_READ_ONLY),
];

/// The commands of whatever the player is looking at: those `keys`
/// matches (after `ANYWHERE`) and the footer lists.
pub fn commands(app: &App) -> &'static [Command] {
    match &app.overlay {
        Some(Overlay::Help { .. }) => HELP_KEYS,
        Some(Overlay::Intel { .. }) => INTEL_KEYS,
        Some(Overlay::Chart) => CHART_KEYS,
        Some(Overlay::ModelCard { .. }) => MODEL_CARD_KEYS,
        Some(
            Overlay::ConfirmMove { .. } | Overlay::ConfirmQuit | Overlay::ConfirmOverwrite { .. },
        ) => CONFIRM_KEYS,
        Some(Overlay::SavePrompt(_)) => SAVE_PROMPT_KEYS,
        Some(Overlay::LoadPicker(_)) => LOAD_PICKER_KEYS,
        None => screen_commands(app.screen, app.replay.is_some()),
    }
}

/// The commands of a screen, without overlays (for the help overlay), in
/// play or in the replay viewer.
pub fn screen_commands(screen: Screen, replay: bool) -> &'static [Command] {
    match (screen, replay) {
        (Screen::Briefing, false) => BRIEFING_KEYS,
        (Screen::Dashboard, false) => DASHBOARD_KEYS,
        (Screen::Report, false) => REPORT_KEYS,
        (Screen::Debrief, false) => DEBRIEF_KEYS,
        (Screen::PassKeyboard(_), false) => PASS_KEYS,
        (Screen::ChinaBriefing, false) => CHINA_BRIEFING_KEYS,
        (Screen::ChinaTurn, false) => CHINA_TURN_KEYS,
        (Screen::Waiting, false) => WAITING_KEYS,
        (Screen::Report, true) => REPLAY_REPORT_KEYS,
        (Screen::Debrief, true) => REPLAY_DEBRIEF_KEYS,
        // A replay shows only its dashboard, a report or the debrief.
        (_, true) => REPLAY_DASHBOARD_KEYS,
    }
}
