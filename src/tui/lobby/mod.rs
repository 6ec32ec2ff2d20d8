//! The lobby a student meets after `ssh -p 2222 NAME@HOST`, before any game:
//! its model and update (The Elm Architecture, like `tui::app`). `bindings`
//! declares its keys, `keys` turns input into `LobbyMsg`s, and
//! `tui::view::lobby` draws it. It knows nothing of files, sessions,
//! matches or the clock: `update` returns a `LobbyAction` for the shell to
//! carry out, and the shell answers through `show_games`, `open_failed`,
//! `waiting`, `match_failed`, `join_failed` and `notice`.

pub mod bindings;
pub mod keys;

use crate::save::SaveEntry;
use crate::strings;

use super::app::{Prompt, Status};
use super::style::Theme;

/// The most characters a code prompt takes: codes are short, and a paste
/// of something else must not fill the screen.
pub const CODE_MAX_CHARS: usize = 12;

/// What the class plays, as the lobby names it in one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassGame {
    /// The scenario's title.
    pub scenario: String,
    /// The doctrine that plays Beijing in a game against the computer.
    pub doctrine: String,
    /// None: every game draws its own seed.
    pub seed: Option<u64>,
}

/// The menu, in the order it is shown (and numbered, from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuItem {
    NewGame,
    Resume,
    CreateMatch,
    JoinMatch,
}

impl MenuItem {
    pub const ALL: [MenuItem; 4] = [
        MenuItem::NewGame,
        MenuItem::Resume,
        MenuItem::CreateMatch,
        MenuItem::JoinMatch,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MenuItem::NewGame => strings::LOBBY_NEW_GAME,
            MenuItem::Resume => strings::LOBBY_RESUME,
            MenuItem::CreateMatch => strings::LOBBY_CREATE,
            MenuItem::JoinMatch => strings::LOBBY_JOIN,
        }
    }

    /// One line on what choosing it does, for this class's game.
    pub fn about(self, class: &ClassGame) -> String {
        match self {
            MenuItem::NewGame => format!("{} ({})", strings::LOBBY_NEW_GAME_ABOUT, class.doctrine),
            MenuItem::Resume => strings::LOBBY_RESUME_ABOUT.to_string(),
            MenuItem::CreateMatch => strings::LOBBY_CREATE_ABOUT.to_string(),
            MenuItem::JoinMatch => strings::LOBBY_JOIN_ABOUT.to_string(),
        }
    }
}

/// This player's saved games, as the shell listed them (newest first), and
/// the highlighted one.
#[derive(Clone, Debug, PartialEq)]
pub struct Games {
    pub entries: Vec<SaveEntry>,
    pub selected: usize,
    /// Why the last attempt to open one failed.
    pub error: Option<String>,
}

impl Games {
    pub fn highlighted(&self) -> Option<&SaveEntry> {
        self.entries.get(self.selected)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum LobbyScreen {
    Menu,
    /// "Resume my game": the player's saves.
    Games(Games),
    /// Typing the resume code of the highlighted game in `games` (only when
    /// the player signed in with the class code). Esc goes back to `games`.
    ResumeCode {
        games: Games,
        prompt: Prompt,
    },
    /// "Join a match as Beijing": typing the code a classmate gave.
    JoinCode(Prompt),
    /// "Create a match": the code to give the partner, while waiting for
    /// them. Esc cancels the match.
    Waiting {
        code: String,
    },
}

#[derive(Clone, Debug)]
pub struct Lobby {
    /// The player's name (the SSH user, sanitised by the shell).
    pub name: String,
    pub class: ClassGame,
    /// The player signed in with the class code rather than a key: anyone
    /// could claim the name, so opening a saved game asks for its resume
    /// code.
    pub needs_code: bool,
    /// The highlighted menu item, an index into `MenuItem::ALL`.
    pub menu: usize,
    pub screen: LobbyScreen,
    /// A one-line notice above the footer, cleared by the next message.
    pub status: Option<Status>,
    pub theme: Theme,
    pub running: bool,
}

/// What the player can ask for in the lobby. Input becomes messages in
/// `keys`; only `update` acts on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LobbyMsg {
    /// Move the highlight in the menu or the list of games.
    Up,
    Down,
    Home,
    End,
    /// Enter: open the highlighted item or game, or send the typed code.
    Choose,
    /// A menu item's number (from 0): highlight it and open it.
    Open(usize),
    /// A click: highlight this menu item.
    Highlight(usize),
    /// Esc in a sub-screen: back to where it came from.
    Back,
    /// Leave the server.
    Quit,
    /// Editing a code: a typed character, Backspace, Ctrl-U.
    Type(char),
    Backspace,
    ClearInput,
    /// The terminal changed size: nothing to update, but redraw.
    Resize,
}

/// What the shell must do for the player; it answers, where it can fail,
/// through the lobby's methods.
#[derive(Clone, Debug, PartialEq)]
pub enum LobbyAction {
    /// Start the class's game, at its briefing, as `chokepoints play` does.
    NewGame,
    /// List this player's saves, newest first, and hand them to
    /// `Lobby::show_games`.
    ListGames,
    /// Open this save; `code` is the resume code typed for it (only when
    /// `needs_code`). On failure, `Lobby::open_failed`.
    OpenGame {
        entry: SaveEntry,
        code: Option<String>,
    },
    /// Create a match with this player as Washington, and hand its code to
    /// `Lobby::waiting` (or the reason to `Lobby::match_failed`).
    CreateMatch,
    /// Join the match with this code as Beijing. On failure,
    /// `Lobby::join_failed`.
    JoinMatch { code: String },
    /// The player no longer waits for a partner: drop their match.
    CancelMatch,
    /// The player leaves (drop any match they created).
    Quit,
}

impl Lobby {
    /// The lobby on arrival: the menu, with New game highlighted.
    pub fn new(name: impl Into<String>, class: ClassGame, needs_code: bool) -> Lobby {
        Lobby {
            name: name.into(),
            class,
            needs_code,
            menu: 0,
            screen: LobbyScreen::Menu,
            status: None,
            theme: Theme::default(),
            running: true,
        }
    }

    pub fn with_theme(mut self, theme: Theme) -> Lobby {
        self.theme = theme;
        self
    }

    pub fn highlighted(&self) -> MenuItem {
        MenuItem::ALL[self.menu.min(MenuItem::ALL.len() - 1)]
    }

    /// The player's saves, listed (after `ListGames`): the list opens on
    /// the first one that can be opened; with none, the menu says so.
    pub fn show_games(&mut self, entries: Vec<SaveEntry>) {
        if entries.is_empty() {
            self.screen = LobbyScreen::Menu;
            self.status = Status::info(format!("{} {}.", strings::LOBBY_NO_GAMES, self.name));
            return;
        }
        let selected = entries.iter().position(SaveEntry::loadable).unwrap_or(0);
        self.screen = LobbyScreen::Games(Games {
            entries,
            selected,
            error: None,
        });
    }

    /// The save asked for by `OpenGame` could not be opened (a wrong resume
    /// code, a file that cannot be read): the reason shows where the player
    /// asked.
    pub fn open_failed(&mut self, reason: impl Into<String>) {
        let reason = reason.into();
        match &mut self.screen {
            LobbyScreen::Games(games) => games.error = Some(reason),
            LobbyScreen::ResumeCode { prompt, .. } => prompt.error = Some(reason),
            _ => self.status = Status::error(reason),
        }
    }

    /// The match asked for by `CreateMatch` exists: show its code.
    pub fn waiting(&mut self, code: impl Into<String>) {
        self.screen = LobbyScreen::Waiting { code: code.into() };
    }

    /// The match could not be created, or the one being waited on was
    /// closed: back to the menu, with the reason.
    pub fn match_failed(&mut self, reason: impl Into<String>) {
        self.screen = LobbyScreen::Menu;
        self.status = Status::error(reason);
    }

    /// `JoinMatch` failed (no match has the code, it is full): the reason
    /// shows under the code, to correct it.
    pub fn join_failed(&mut self, reason: impl Into<String>) {
        let reason = reason.into();
        match &mut self.screen {
            LobbyScreen::JoinCode(prompt) => prompt.error = Some(reason),
            _ => self.status = Status::error(reason),
        }
    }

    /// A one-line message from the server (it is shutting down, say).
    pub fn notice(&mut self, text: impl Into<String>) {
        self.status = Status::info(text);
    }

    fn open_item(&mut self, item: MenuItem) -> Option<LobbyAction> {
        match item {
            MenuItem::NewGame => Some(LobbyAction::NewGame),
            MenuItem::Resume => Some(LobbyAction::ListGames),
            MenuItem::CreateMatch => Some(LobbyAction::CreateMatch),
            MenuItem::JoinMatch => {
                self.screen = LobbyScreen::JoinCode(empty_prompt());
                None
            }
        }
    }

    /// Enter on a screen.
    fn choose(&mut self) -> Option<LobbyAction> {
        match &mut self.screen {
            LobbyScreen::Menu => self.open_item(self.highlighted()),
            LobbyScreen::Games(games) => {
                let entry = games.highlighted()?.clone();
                if let Err(reason) = &entry.info {
                    games.error = Some(format!("{}: {reason}", entry.name));
                    return None;
                }
                if self.needs_code {
                    let games = games.clone();
                    self.screen = LobbyScreen::ResumeCode {
                        games,
                        prompt: empty_prompt(),
                    };
                    return None;
                }
                games.error = None;
                Some(LobbyAction::OpenGame { entry, code: None })
            }
            LobbyScreen::ResumeCode { games, prompt } => {
                let entry = games.highlighted()?.clone();
                let code = submitted(prompt)?;
                Some(LobbyAction::OpenGame {
                    entry,
                    code: Some(code),
                })
            }
            LobbyScreen::JoinCode(prompt) => {
                submitted(prompt).map(|code| LobbyAction::JoinMatch { code })
            }
            LobbyScreen::Waiting { .. } => None,
        }
    }

    /// Esc in a sub-screen.
    fn back(&mut self) -> Option<LobbyAction> {
        let screen = std::mem::replace(&mut self.screen, LobbyScreen::Menu);
        match screen {
            LobbyScreen::ResumeCode { games, .. } => {
                self.screen = LobbyScreen::Games(games);
                None
            }
            LobbyScreen::Waiting { .. } => {
                self.status = Status::info(strings::LOBBY_MATCH_CANCELLED);
                Some(LobbyAction::CancelMatch)
            }
            LobbyScreen::Menu | LobbyScreen::Games(_) | LobbyScreen::JoinCode(_) => None,
        }
    }

    fn navigate(&mut self, msg: LobbyMsg) {
        let (selected, count) = match &mut self.screen {
            LobbyScreen::Menu => (&mut self.menu, MenuItem::ALL.len()),
            LobbyScreen::Games(games) => {
                games.error = None;
                (&mut games.selected, games.entries.len())
            }
            _ => return,
        };
        // The ends stop the highlight: a list that wraps hides where it is.
        let last = count.saturating_sub(1);
        *selected = match msg {
            LobbyMsg::Up => selected.saturating_sub(1),
            LobbyMsg::Down => (*selected + 1).min(last),
            LobbyMsg::Home => 0,
            LobbyMsg::End => last,
            LobbyMsg::Highlight(i) if i < count => i,
            _ => *selected,
        };
    }

    /// The code being typed, if a code prompt is open.
    fn prompt_mut(&mut self) -> Option<&mut Prompt> {
        match &mut self.screen {
            LobbyScreen::ResumeCode { prompt, .. } | LobbyScreen::JoinCode(prompt) => Some(prompt),
            _ => None,
        }
    }

    /// The code typed so far, if a code prompt is open.
    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.screen {
            LobbyScreen::ResumeCode { prompt, .. } | LobbyScreen::JoinCode(prompt) => Some(prompt),
            _ => None,
        }
    }
}

fn empty_prompt() -> Prompt {
    Prompt {
        input: String::new(),
        error: None,
    }
}

/// The typed code, if there is one; an empty prompt says what to do.
fn submitted(prompt: &mut Prompt) -> Option<String> {
    if prompt.input.is_empty() {
        prompt.error = Some(strings::LOBBY_CODE_EMPTY.to_string());
        return None;
    }
    prompt.error = None;
    Some(prompt.input.clone())
}

/// A character as a code takes it: codes are letters and digits, in any
/// case (shown and sent in capitals); anything else (a dash or space
/// copied with the code) is left out.
pub fn code_char(c: char) -> Option<char> {
    c.is_ascii_alphanumeric().then(|| c.to_ascii_uppercase())
}

/// Applies a message; returns what the shell must do, if anything.
pub fn update(lobby: &mut Lobby, msg: LobbyMsg) -> Option<LobbyAction> {
    if msg != LobbyMsg::Resize {
        lobby.status = None;
    }
    match msg {
        LobbyMsg::Quit => {
            lobby.running = false;
            Some(LobbyAction::Quit)
        }
        LobbyMsg::Resize => None,
        LobbyMsg::Choose => lobby.choose(),
        LobbyMsg::Open(i) => {
            let item = *MenuItem::ALL.get(i)?;
            if lobby.screen != LobbyScreen::Menu {
                return None;
            }
            lobby.menu = i;
            lobby.open_item(item)
        }
        LobbyMsg::Back => lobby.back(),
        LobbyMsg::Up | LobbyMsg::Down | LobbyMsg::Home | LobbyMsg::End | LobbyMsg::Highlight(_) => {
            lobby.navigate(msg);
            None
        }
        LobbyMsg::Type(c) => {
            if let Some(prompt) = lobby.prompt_mut()
                && let Some(c) = code_char(c)
                && prompt.input.chars().count() < CODE_MAX_CHARS
            {
                prompt.input.push(c);
                prompt.error = None;
            }
            None
        }
        LobbyMsg::Backspace => {
            if let Some(prompt) = lobby.prompt_mut() {
                prompt.input.pop();
                prompt.error = None;
            }
            None
        }
        LobbyMsg::ClearInput => {
            if let Some(prompt) = lobby.prompt_mut() {
                prompt.input.clear();
                prompt.error = None;
            }
            None
        }
    }
}
