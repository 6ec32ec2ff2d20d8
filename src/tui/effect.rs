//! What the app asks of the world, and what the world answers. `update`
//! never touches a file, a thread or the process: it returns `Effect`s, a
//! shell carries them out (`shell::files::Files` for the saves folder; a thread
//! for the review) and feeds each `Reply` back through `app::reply`.

use std::path::PathBuf;

use crate::save::SaveFile;

use crate::engine::Game;
use crate::play::hot_seat::Choice;
use crate::play::review;
use crate::save::{Loaded, SaveEntry, SaveError};

/// Why a save is being written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// The player asked for it (the save prompt).
    Save,
    /// After every turn.
    Autosave,
}

/// Work on files: the saves folder.
#[derive(Clone, Debug)]
pub enum FileEffect {
    /// Write `save` to `path` atomically, creating the folder. Unless
    /// `overwrite`, a file already there is left alone and the answer is
    /// `Reply::Exists`.
    Write {
        path: PathBuf,
        save: Box<SaveFile>,
        purpose: Purpose,
        overwrite: bool,
    },
    /// Read the saves folder's files and their summaries.
    List { dir: PathBuf },
    /// Read and replay a save.
    Load { path: PathBuf, name: String },
}

/// Everything the app may ask for.
pub enum Effect {
    Files(FileEffect),
    /// Run the decision review off the interface thread; it answers with
    /// `Reply::Review` as it goes.
    Review(Box<review::Job>),
    /// A match seat's choice for the quarter, for the match to play once
    /// the other side has chosen too; it answers with `Reply::Turn`.
    Choose(Choice),
}

/// What came of an effect.
pub enum Reply {
    Written {
        purpose: Purpose,
        result: Result<PathBuf, WriteFailure>,
    },
    /// The save's file exists and was not overwritten.
    Exists {
        file_name: String,
    },
    Listed(Vec<SaveEntry>),
    Loaded {
        name: String,
        result: Result<Box<Loaded>, SaveError>,
    },
    Review(review::Update),
    /// A match's quarter, played: the game as it now stands.
    Turn(Box<Game>),
    /// Something the class's control sent (on a server).
    Control(FromControl),
}

/// What the class's control sends into a player's game on a server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FromControl {
    /// A message for the game's news.
    Message(String),
    /// An event of the deck (an index into `rules.events`) for the next
    /// quarter.
    Inject(usize),
    /// The class is paused (moves wait) or resumed.
    Paused(bool),
    /// Seconds left on this quarter's timer; None: no timer.
    Clock(Option<u64>),
    /// The timer of the quarter after `turn` quarters ran out: a side that
    /// has not chosen holds course.
    TimeUp { turn: u32 },
}

/// Why a save was not written; one line for the player.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WriteFailure {
    #[error("cannot create the saves folder {}: {reason}", .folder.display())]
    Folder { folder: PathBuf, reason: String },
    #[error(transparent)]
    Save(#[from] SaveError),
}
