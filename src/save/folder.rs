//! A saves folder as the game sees it: each file's summary for the load
//! picker (newest first), the most recent unfinished game for
//! `play --continue`, and loading a save by replaying it.

use std::path::{Path, PathBuf};

use super::{Players, SaveError, SaveFile, Summary};
use crate::content::Content;
use crate::engine::Game;
use crate::engine::score::Grade;

/// The most files the load picker reads from the saves folder.
pub const MAX_LISTED: usize = 200;

/// What the load picker shows of a readable save.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveInfo {
    pub date: String,
    pub scenario: String,
    pub turn: u32,
    pub horizon: u32,
    pub score: f64,
    pub grade: Grade,
    pub over: bool,
    /// Who played Washington, when the save names them.
    pub us: Option<String>,
    /// Who played Beijing, when a person did and the save names them.
    pub china: Option<String>,
}

impl SaveInfo {
    /// Whether `name` played either side (names compare without case).
    pub fn played_by(&self, name: &str) -> bool {
        [&self.us, &self.china]
            .into_iter()
            .flatten()
            .any(|n| super::same_player(n, name))
    }
}

/// One file in the saves folder: its summary, or why it cannot be read.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveEntry {
    pub name: String,
    pub path: PathBuf,
    /// The reason is the [`SaveError`]'s message alone: the picker shows it
    /// after `name`, and the error's own `Display` would repeat the path.
    /// `SaveError` is only text itself, so keeping the message loses nothing
    /// a caller could match on.
    pub info: Result<SaveInfo, String>,
}

impl SaveEntry {
    pub fn loadable(&self) -> bool {
        self.info.is_ok()
    }
}

/// A save's name: `*.ron`, not hidden (atomic writes go through hidden
/// temporary files, which are not saves).
pub fn is_save_path(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_none_or(|n| n.to_string_lossy().starts_with('.'));
    !hidden
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// The `.ron` files in `dir` (not hidden or temporary ones), newest first,
/// each replayed for its summary: what a save says of itself is never
/// shown, so an edited grade marks the file instead of showing. A missing
/// folder is an empty list.
pub fn list(dir: &Path, content: &Content) -> Vec<SaveEntry> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(std::time::SystemTime, String, PathBuf)> = read
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let wanted = is_save_path(&e.path());
            let modified = e.metadata().ok()?.modified().ok()?;
            wanted.then(|| (modified, name, e.path()))
        })
        .collect();
    files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    files
        .into_iter()
        .take(MAX_LISTED)
        .map(|(_, name, path)| {
            let info = SaveFile::read(&path)
                .and_then(|s| {
                    let game = s.replay(&path, content)?;
                    let summary = Summary::of(&game);
                    Ok(SaveInfo {
                        date: summary.date,
                        scenario: s.scenario.id.clone(),
                        turn: summary.turn,
                        horizon: summary.horizon,
                        score: summary.score,
                        grade: summary.grade,
                        over: summary.outcome.is_some(),
                        us: s.players.us.clone(),
                        china: s.players.china.clone(),
                    })
                })
                .map_err(|e| e.message);
            SaveEntry { name, path, info }
        })
        .collect()
}

/// The most recently written game in the folder that is not over, if any
/// (for `play --continue`).
pub fn latest_unfinished(dir: &Path, content: &Content) -> Option<SaveEntry> {
    list(dir, content)
        .into_iter()
        .find(|e| e.info.as_ref().is_ok_and(|i| !i.over))
}

/// A save, replayed.
pub struct Loaded {
    pub game: Game,
    /// Whether its scenario was embedded (so later saves embed it too).
    pub embed: bool,
    pub players: Players,
}

impl Loaded {
    /// Whether a human played Beijing in this game.
    pub fn hot_seat(&self) -> bool {
        self.players.china.is_some() || self.game.china.iter().any(Option::is_some)
    }
}

/// A save read and replayed, or why it could not be: a save from older
/// rules keeps what it stored, to be shown as such.
#[derive(Debug)]
pub enum Opened {
    /// (Boxed: a game is large beside a save's error.)
    Replayed(SaveFile, Box<Game>),
    Older(SaveFile, SaveError),
    Unusable(SaveError),
}

/// Reads a save and replays it, checking every turn.
pub fn open(path: &Path, content: &Content) -> Opened {
    let save = match SaveFile::read(path) {
        Ok(save) => save,
        Err(e) => return Opened::Unusable(e),
    };
    match save.replay(path, content) {
        Ok(game) => Opened::Replayed(save, Box::new(game)),
        Err(e) if e.older_rules => Opened::Older(save, e),
        Err(e) => Opened::Unusable(e),
    }
}

/// Reads and replays a save, checking every turn.
pub fn load(path: &Path, content: &Content) -> Result<Loaded, SaveError> {
    let file = SaveFile::read(path)?;
    let game = file.replay(path, content)?;
    Ok(Loaded {
        game,
        embed: file.scenario.embedded.is_some(),
        players: file.players,
    })
}
