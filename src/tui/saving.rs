//! Where and how the terminal game saves: the session's settings, which
//! the app reads to name its save effects. The shell does the writing
//! (`shell::files`); listing and loading a folder live in `save::folder`.

use std::path::PathBuf;

use crate::engine::Game;
use crate::save::{self, Players, SaveFile};

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
