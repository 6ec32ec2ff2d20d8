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
    files(dir)
        .into_iter()
        .map(|f| SaveEntry {
            info: info(&f.path, content),
            name: f.name,
            path: f.path,
        })
        .collect()
}

/// A file of the folder, as `read_dir` and `stat` tell it.
struct FolderFile {
    modified: std::time::SystemTime,
    len: u64,
    name: String,
    path: PathBuf,
}

/// The newest [`MAX_LISTED`] saves of the folder, newest first.
fn files(dir: &Path) -> Vec<FolderFile> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<FolderFile> = read
        .flatten()
        .filter_map(|e| {
            let path = e.path();
            if !is_save_path(&path) {
                return None;
            }
            let meta = e.metadata().ok()?;
            Some(FolderFile {
                modified: meta.modified().ok()?,
                len: meta.len(),
                name: e.file_name().to_string_lossy().into_owned(),
                path,
            })
        })
        .collect();
    files.sort_by(|a, b| {
        b.modified
            .cmp(&a.modified)
            .then_with(|| a.name.cmp(&b.name))
    });
    files.truncate(MAX_LISTED);
    files
}

/// A save's summary, replayed.
fn info(path: &Path, content: &Content) -> Result<SaveInfo, String> {
    SaveFile::read(path)
        .and_then(|s| {
            let game = s.replay(path, content)?;
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
        .map_err(|e| e.message)
}

/// A folder's listing that replays a file only when it has changed (its
/// time or size), for a server whose players open their lists often: a
/// class's lobby would otherwise replay the 200 newest saves of everyone
/// at every key that opens it. One content only: the summaries are its
/// replays.
#[derive(Default)]
pub struct Listing {
    known: std::sync::Mutex<std::collections::HashMap<PathBuf, Known>>,
}

struct Known {
    modified: std::time::SystemTime,
    len: u64,
    info: Result<SaveInfo, String>,
}

impl std::fmt::Debug for Listing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Listing({} known)", self.len())
    }
}

impl Listing {
    /// As [`list`], from the summaries kept where the file is unchanged.
    pub fn list(&self, dir: &Path, content: &Content) -> Vec<SaveEntry> {
        let files = files(dir);
        let mut known = self
            .known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let listed: std::collections::HashSet<&PathBuf> = files.iter().map(|f| &f.path).collect();
        // What is gone (or no longer among the newest) is forgotten.
        known.retain(|p, _| listed.contains(p));
        files
            .iter()
            .map(|f| {
                let fresh = known
                    .get(&f.path)
                    .is_some_and(|k| k.modified == f.modified && k.len == f.len);
                if !fresh {
                    known.insert(
                        f.path.clone(),
                        Known {
                            modified: f.modified,
                            len: f.len,
                            info: info(&f.path, content),
                        },
                    );
                }
                SaveEntry {
                    name: f.name.clone(),
                    path: f.path.clone(),
                    info: known[&f.path].info.clone(),
                }
            })
            .collect()
    }

    /// Summaries kept now.
    pub fn len(&self) -> usize {
        self.known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_listing_replays_a_file_only_when_it_changes() {
        let dir = std::env::temp_dir().join(format!("chokepoints-listing-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let content = Content::builtin().unwrap();
        let rules = Arc::new(
            content
                .rules(crate::content::DEFAULT_SCENARIO, None)
                .unwrap(),
        );
        let mut game = Game::new(rules, 3);
        let save = |game: &Game, name: &str| {
            SaveFile::from_game(game, Players::default(), false)
                .write(&dir.join(name))
                .unwrap();
        };
        save(&game, "a.ron");
        std::fs::write(dir.join("broken.ron"), "not a save").unwrap();
        let listing = Listing::default();
        let first = listing.list(&dir, &content);
        assert_eq!(first, list(&dir, &content));
        assert_eq!(listing.len(), 2);
        // A changed file is replayed afresh, a removed one forgotten.
        game.play(crate::engine::MoveId::ALL[0]).unwrap();
        save(&game, "a.ron");
        std::fs::remove_file(dir.join("broken.ron")).unwrap();
        let second = listing.list(&dir, &content);
        assert_eq!(second, list(&dir, &content));
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].info.as_ref().unwrap().turn, 1);
        assert_eq!(listing.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
