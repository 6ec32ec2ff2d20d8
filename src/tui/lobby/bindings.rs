//! The lobby's commands on each of its screens, declared once as the game
//! declares its own (`tui::bindings`): the keys, the message they send and
//! how the footer names them. `keys` matches keys against these lists and
//! the view draws its footer from them (tests/lobby.rs holds them to it).

use crate::tui::bindings::{
    BACKSPACE, Bind, Command, DOWN, END, ENTER, ESC, HOME, Key, PGDN, PGUP, Sends, UP, footer, on,
    unlisted,
};

use super::{LobbyMsg, LobbyScreen};
use Key::{AnyChar, Char, Ctrl};
use LobbyMsg::{Back, Backspace, Choose, ClearInput, Down, End, Home, Open, Quit, Up};

/// Ctrl-C leaves at once wherever the player is, even in a terminal too
/// small to draw in.
pub const ANYWHERE: &[Command<LobbyMsg>] = &[unlisted(&[on(&[Ctrl('c')], Quit)])];

const ARROWS_K_J: &[Bind<LobbyMsg>] = &[on(&[UP, Char('k')], Up), on(&[DOWN, Char('j')], Down)];

/// A menu item's number opens it: one per item of `MenuItem::ALL`.
const NUMBERS: &[Bind<LobbyMsg>] = &[
    on(&[Char('1')], Open(0)),
    on(&[Char('2')], Open(1)),
    on(&[Char('3')], Open(2)),
    on(&[Char('4')], Open(3)),
];

const MENU_KEYS: &[Command<LobbyMsg>] = &[
    footer("↑/↓ k/j", "choose", ARROWS_K_J),
    footer("Enter", "open", &[on(&[ENTER], Choose)]),
    footer("1–4", "open by number", NUMBERS),
    footer("q", "quit", &[on(&[Char('q')], Quit)]),
    unlisted(&[on(&[HOME, PGUP], Home), on(&[END, PGDN], End)]),
    unlisted(&[on(&[ESC], Quit)]),
];

const GAMES_KEYS: &[Command<LobbyMsg>] = &[
    footer("↑/↓ k/j", "choose", ARROWS_K_J),
    footer("Enter", "open", &[on(&[ENTER], Choose)]),
    footer("Esc", "back", &[on(&[ESC], Back)]),
    unlisted(&[on(&[HOME, PGUP], Home), on(&[END, PGDN], End)]),
    // q, which leaves from the menu, is the key a player tries first.
    unlisted(&[on(&[Char('q')], Back)]),
];

const ERASE: Command<LobbyMsg> = unlisted(&[on(&[BACKSPACE], Backspace)]);

/// Text entry: every character, q included, is part of the code.
const TYPE: Command<LobbyMsg> = unlisted(&[Bind {
    on: &[AnyChar],
    sends: Sends::Typed,
}]);

const RESUME_CODE_KEYS: &[Command<LobbyMsg>] = &[
    footer("Enter", "open the game", &[on(&[ENTER], Choose)]),
    footer("Esc", "back", &[on(&[ESC], Back)]),
    footer("Ctrl-U", "clear", &[on(&[Ctrl('u')], ClearInput)]),
    ERASE,
    TYPE,
];

const JOIN_CODE_KEYS: &[Command<LobbyMsg>] = &[
    footer("Enter", "join", &[on(&[ENTER], Choose)]),
    footer("Esc", "back", &[on(&[ESC], Back)]),
    footer("Ctrl-U", "clear", &[on(&[Ctrl('u')], ClearInput)]),
    ERASE,
    TYPE,
];

const WAITING_KEYS: &[Command<LobbyMsg>] = &[
    footer("Esc", "cancel the match", &[on(&[ESC], Back)]),
    unlisted(&[on(&[Char('q')], Back)]),
];

/// The commands of the screen in view: those `keys` matches (after
/// `ANYWHERE`) and the footer lists.
pub fn commands(screen: &LobbyScreen) -> &'static [Command<LobbyMsg>] {
    match screen {
        LobbyScreen::Menu => MENU_KEYS,
        LobbyScreen::Games(_) => GAMES_KEYS,
        LobbyScreen::ResumeCode { .. } => RESUME_CODE_KEYS,
        LobbyScreen::JoinCode(_) => JOIN_CODE_KEYS,
        LobbyScreen::Waiting { .. } => WAITING_KEYS,
    }
}
