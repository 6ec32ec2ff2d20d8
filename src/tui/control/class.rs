//! The class as the control desk sees it: a snapshot of every live game
//! and match on the server, taken by the shell from its live state (never
//! from the disk), and what the facilitator asks the shell to do.

use crate::engine::Side;
use crate::save::Summary;

/// Whoever sits on one side of a game.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seat {
    /// A person, by name, and whether their connection is up now.
    Player {
        name: String,
        connected: bool,
        /// Their seat was empty too long: the script plays it for now.
        scripted: bool,
    },
    /// Beijing's doctrine, by name (a game against the computer).
    Doctrine(String),
    /// A match's Beijing seat before anyone has joined.
    Open,
}

/// One game or match, as it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveGame {
    /// The game's autosave file name: what the shell knows it by.
    pub id: String,
    /// The save it autosaves to (a match's changes when Beijing joins).
    pub file: String,
    /// A match's join code; None for a game against the computer.
    pub code: Option<String>,
    /// Washington's seat, then Beijing's.
    pub seats: [Seat; 2],
    /// The game as it stands: quarter, date, gauges, score and grade so far.
    pub summary: Summary,
    /// The decision review's verdict once the game is over and reviewed,
    /// e.g. "decision quality 78/100".
    pub quality: Option<String>,
    /// Titles of the injects waiting for this game's next quarter.
    pub pending_injects: Vec<String>,
    /// Messages from control this game has received.
    pub messages: usize,
    /// Seconds left on this quarter's timer, when a timer runs.
    pub time_left: Option<u64>,
    /// Sides that have chosen this quarter and wait (a match, or a move
    /// held while the class is paused).
    pub chosen: Vec<Side>,
}

/// An event of the deck, as the inject picker lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeckEvent {
    pub id: String,
    pub title: String,
    pub text: String,
}

/// The whole class.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClassView {
    /// Newest first.
    pub games: Vec<LiveGame>,
    /// Whether control has paused the class.
    pub paused: bool,
    /// The turn timer, in seconds per quarter; None: no timer.
    pub timer: Option<u64>,
    /// Players connected now (control not counted).
    pub players: usize,
    /// Wrong resume codes typed since the server started: many means
    /// someone is guessing (or a student lost theirs).
    pub wrong_codes: u64,
    /// Players' saves (autosaves included) that failed since the server
    /// started: the server's log says why.
    pub save_failures: u64,
    /// The event deck, for injects.
    pub deck: Vec<DeckEvent>,
}

/// Which games a broadcast or an inject goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    All,
    /// One game, by `LiveGame::id`.
    Game(String),
}

/// What the facilitator asks the shell to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ControlAction {
    /// Open the game read-only, live.
    Watch(String),
    /// A message into the news of every game, or one.
    Broadcast {
        to: Target,
        text: String,
    },
    /// An event of the deck (an index into `ClassView::deck`) into the next
    /// quarter of every game, or one.
    Inject {
        to: Target,
        event: usize,
    },
    Pause,
    Resume,
    /// Seconds per quarter; None turns the timer off.
    Timer(Option<u64>),
    /// Write the class report (Markdown, with decision reviews) into the
    /// saves folder.
    WriteReport,
    Quit,
}

impl LiveGame {
    /// Whom the desk names the game by: its players, "ana" against the
    /// computer, "ben vs cy" in a match ("ben vs (open)" before Beijing
    /// joins). A game with no person in it goes by its id.
    pub fn players(&self) -> String {
        let names: Vec<&str> = self
            .seats
            .iter()
            .filter_map(|seat| match seat {
                Seat::Player { name, .. } => Some(name.as_str()),
                Seat::Open => Some(crate::strings::DESK_OPEN_SEAT),
                Seat::Doctrine(_) => None,
            })
            .collect();
        if names.is_empty() {
            return self.id.clone();
        }
        names.join(" vs ")
    }

    pub fn is_over(&self) -> bool {
        self.summary.outcome.is_some()
    }
}

impl ClassView {
    /// Where the game with this id is in `games`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.games.iter().position(|g| g.id == id)
    }

    pub fn game(&self, id: &str) -> Option<&LiveGame> {
        self.games.iter().find(|g| g.id == id)
    }

    /// The players of the game a broadcast or an inject goes to, or that it
    /// goes to every game; None: the game has left the class.
    pub fn target_name(&self, to: &Target) -> Option<String> {
        match to {
            Target::All => Some(crate::strings::DESK_EVERY_GAME.to_string()),
            Target::Game(id) => self.game(id).map(LiveGame::players),
        }
    }
}
