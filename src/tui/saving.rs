//! The terminal game's saves: the session's settings, and listing the
//! saves folder and loading a save, which only a shell calls (see
//! `shell::Files`); the save format and its checks live in `crate::save`.

use std::path::{Path, PathBuf};

use crate::content::Content;
use crate::engine::Game;
use crate::engine::score::Grade;
use crate::save::{self, Players, SaveFile};

/// The most files the load picker reads from the saves folder.
pub const MAX_LISTED: usize = 200;

/// Where and how this session saves (the app's settings; the shell does
/// the writing).
#[derive(Clone, Debug)]
pub struct Saves {
    pub dir: PathBuf,
    /// Whether the current game's scenario came from a file, and so is
    /// stored in its saves.
    pub embed: bool,
    /// Autosave after every turn.
    pub autosave: bool,
    /// Player names or team labels, recorded in every save.
    pub players: Players,
    /// When this session began (`20261129-2030`), for autosave names.
    pub stamp: String,
    /// The file this game autosaves to: its own (see `save::autosave_name`).
    pub autosave_file: String,
}

impl Saves {
    /// The path of a save name (already sanitised) in the saves folder.
    pub fn path(&self, file_name: &str) -> PathBuf {
        self.dir.join(file_name)
    }

    /// Settings for a fresh game in `dir`, autosaving to a file named from
    /// the players, the session's start and the seed.
    pub fn new(dir: PathBuf, players: Players, stamp: String, seed: u64) -> Saves {
        let mut saves = Saves {
            dir,
            embed: false,
            autosave: true,
            players,
            stamp,
            autosave_file: String::new(),
        };
        saves.autosave_for(seed, None);
        saves
    }

    /// Points autosaves at the game's own file: the file it was resumed
    /// from when that is an autosave, else a new one for its seed.
    pub fn autosave_for(&mut self, seed: u64, resumed_from: Option<&str>) {
        self.autosave_file = match resumed_from.filter(|n| save::is_autosave(n)) {
            Some(name) => name.to_string(),
            None => save::autosave_name(
                self.players.us.as_deref(),
                self.players.china.as_deref(),
                &self.stamp,
                seed,
            ),
        };
    }

    /// The game as this session saves it.
    pub fn save_file(&self, game: &Game) -> SaveFile {
        SaveFile::from_game(game, self.players.clone(), self.embed)
    }
}

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
}

/// One file in the saves folder: its summary, or why it cannot be read.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveEntry {
    pub name: String,
    pub path: PathBuf,
    pub info: Result<SaveInfo, String>,
}

impl SaveEntry {
    pub fn loadable(&self) -> bool {
        self.info.is_ok()
    }
}

/// The `.ron` files in `dir` (not hidden or temporary ones), newest first,
/// each read for its summary. A missing folder is an empty list.
pub fn list(dir: &Path) -> Vec<SaveEntry> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(std::time::SystemTime, String, PathBuf)> = read
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let wanted = name.ends_with(".ron") && !name.starts_with('.');
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
                .map(|s| SaveInfo {
                    date: s.summary.date.clone(),
                    scenario: s.scenario.id.clone(),
                    turn: s.summary.turn,
                    horizon: s.summary.horizon,
                    score: s.summary.score,
                    grade: s.summary.grade,
                    over: s.summary.outcome.is_some(),
                    us: s.players.us.clone(),
                })
                .map_err(|e| e.message);
            SaveEntry { name, path, info }
        })
        .collect()
}

/// The most recently written game in the folder that is not over, if any
/// (for `play --continue`).
pub fn latest_unfinished(dir: &Path) -> Option<SaveEntry> {
    list(dir)
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

/// Reads and replays a save, checking every turn.
pub fn load(path: &Path, content: &Content) -> Result<Loaded, save::SaveError> {
    let file = SaveFile::read(path)?;
    let game = file.replay(path, content)?;
    Ok(Loaded {
        game,
        embed: file.scenario.embedded.is_some(),
        players: file.players,
    })
}
