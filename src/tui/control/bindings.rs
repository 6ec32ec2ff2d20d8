//! The control desk's commands on each of its screens, declared once as
//! the game and the lobby declare theirs (`tui::bindings`): the keys, the
//! message they send and how the footer and the help name them. `keys`
//! matches keys against these lists and the view draws its footer and help
//! from them (tests/control_desk.rs holds them to it). Ctrl-C is the
//! shell's, not the desk's.

use crate::tui::bindings::{
    BACKSPACE, Bind, Command, DOWN, END, ENTER, ESC, HOME, Key, PGDN, PGUP, Sends, UP, footer,
    help, on, unlisted,
};

use super::{DeskMsg, DeskScreen};
use DeskMsg::{
    AskQuit, Backspace, Cancel, Choose, ClearInput, Confirm, Down, End, Home, InjectAll,
    InjectGame, MessageAll, MessageGame, PageDown, PageUp, ToggleHelp, TogglePause, Up,
    WriteReport,
};
use Key::{AnyChar, Char, Ctrl};

const ARROWS_K_J: &[Bind<DeskMsg>] = &[on(&[UP, Char('k')], Up), on(&[DOWN, Char('j')], Down)];
const PAGES: &[Bind<DeskMsg>] = &[on(&[PGUP], PageUp), on(&[PGDN], PageDown)];
const ENDS: &[Bind<DeskMsg>] = &[on(&[HOME], Home), on(&[END], End)];
const HELP: &[Bind<DeskMsg>] = &[on(&[Char('?')], ToggleHelp)];

// Inside a `const fn` a slice of binds is not promoted to `'static`: the
// tables built by one name theirs here.
/// Enter watches, sends, injects or sets, by the screen.
const CHOOSE: &[Bind<DeskMsg>] = &[on(&[ENTER], Choose)];
const MESSAGE_ALL: &[Bind<DeskMsg>] = &[on(&[Char('b')], MessageAll)];
const MESSAGE_GAME: &[Bind<DeskMsg>] = &[on(&[Char('m')], MessageGame)];
const INJECT_GAME: &[Bind<DeskMsg>] = &[on(&[Char('i')], InjectGame)];
const INJECT_ALL: &[Bind<DeskMsg>] = &[on(&[Char('I')], InjectAll)];
const PAUSE: &[Bind<DeskMsg>] = &[on(&[Char('p')], TogglePause)];
const TIMER: &[Bind<DeskMsg>] = &[on(&[Char('t')], DeskMsg::Timer)];
const REPORT: &[Bind<DeskMsg>] = &[on(&[Char('r')], WriteReport)];
const QUIT: &[Bind<DeskMsg>] = &[on(&[Char('q')], AskQuit)];
const CANCEL: &[Bind<DeskMsg>] = &[on(&[ESC], Cancel)];
const CLEAR: &[Bind<DeskMsg>] = &[on(&[Ctrl('u')], ClearInput)];
const ERASE: &[Bind<DeskMsg>] = &[on(&[BACKSPACE], Backspace)];
const TYPE: &[Bind<DeskMsg>] = &[Bind {
    on: &[AnyChar],
    sends: Sends::Typed,
}];

/// The table's keys; `pause` names what p does now (pause the class, or
/// resume it).
const fn table_keys(pause: &'static str) -> [Command<DeskMsg>; 13] {
    [
        footer("↑/↓ k/j", "select", ARROWS_K_J),
        footer("Enter", "watch", CHOOSE),
        footer("b", "message all", MESSAGE_ALL),
        footer("m", "message game", MESSAGE_GAME),
        footer("i", "inject game", INJECT_GAME),
        footer("I", "inject all", INJECT_ALL),
        footer("p", pause, PAUSE),
        footer("t", "timer", TIMER),
        footer("r", "class report", REPORT),
        footer("?", "help", HELP),
        footer("q", "quit", QUIT),
        help("PgUp/PgDn", "select a page of games up / down", PAGES),
        help("Home/End", "select the first / last game", ENDS),
    ]
}

const TABLE_KEYS: &[Command<DeskMsg>] = &table_keys("pause the class");
const TABLE_KEYS_PAUSED: &[Command<DeskMsg>] = &table_keys("resume the class");

/// A prompt's keys: Enter does `enter`; every other character, q and ?
/// included, is part of the text.
const fn prompt_keys(enter: &'static str) -> [Command<DeskMsg>; 5] {
    [
        footer("Enter", enter, CHOOSE),
        footer("Esc", "cancel", CANCEL),
        footer("Ctrl-U", "clear", CLEAR),
        unlisted(ERASE),
        unlisted(TYPE),
    ]
}

const MESSAGE_KEYS: &[Command<DeskMsg>] = &prompt_keys("send");
const TIMER_KEYS: &[Command<DeskMsg>] = &prompt_keys("set the timer");

const INJECT_KEYS: &[Command<DeskMsg>] = &[
    footer("↑/↓ k/j", "choose", ARROWS_K_J),
    footer("Enter", "inject", CHOOSE),
    footer("Esc", "cancel", CANCEL),
    unlisted(PAGES),
    unlisted(ENDS),
    unlisted(&[on(&[Char('q')], Cancel)]),
];

const HELP_KEYS: &[Command<DeskMsg>] = &[
    footer(
        "? / Esc",
        "close help",
        &[on(&[Char('?'), ESC], ToggleHelp)],
    ),
    footer("↑/↓", "scroll", &[on(&[UP], Up), on(&[DOWN], Down)]),
    unlisted(&[on(&[Char('k')], Up), on(&[Char('j')], Down)]),
    unlisted(PAGES),
    unlisted(ENDS),
    // The key a facilitator tries first closes it too.
    unlisted(&[on(&[Char('q'), ENTER], ToggleHelp)]),
];

const CONFIRM_QUIT_KEYS: &[Command<DeskMsg>] = &[
    footer("y", "quit control", &[on(&[Char('y')], Confirm)]),
    footer("n / Esc", "stay", &[on(&[Char('n'), ESC], Cancel)]),
    // Shift held (or Caps Lock) answers the same. q, which asks the
    // question, answers no: pressed twice by mistake it must not quit.
    unlisted(&[
        on(&[Char('Y')], Confirm),
        on(&[Char('N'), Char('q')], Cancel),
    ]),
];

/// The commands of the screen in view: those `keys` matches and the
/// footer lists.
pub fn commands(screen: &DeskScreen, paused: bool) -> &'static [Command<DeskMsg>] {
    match screen {
        DeskScreen::Table if paused => TABLE_KEYS_PAUSED,
        DeskScreen::Table => TABLE_KEYS,
        DeskScreen::Message { .. } => MESSAGE_KEYS,
        DeskScreen::Inject { .. } => INJECT_KEYS,
        DeskScreen::Timer(_) => TIMER_KEYS,
        DeskScreen::Help { .. } => HELP_KEYS,
        DeskScreen::ConfirmQuit => CONFIRM_QUIT_KEYS,
    }
}

/// The table's commands, for the help window.
pub fn table_commands(paused: bool) -> &'static [Command<DeskMsg>] {
    commands(&DeskScreen::Table, paused)
}
