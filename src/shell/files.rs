//! Carrying out the app's file effects against a saves folder: the one
//! place the terminal game reads and writes saves. Every shell (the local
//! terminal, the tests) uses it; the review's thread is the shell's own.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::SyncSender;

use crate::content::Content;
use crate::save::SaveFile;

use crate::play::hot_seat::Choice;
use crate::play::review;
use crate::shell::Input;
use crate::tui::app::{App, reply};
use crate::tui::effect::{Effect, FileEffect, Purpose, Reply, WriteFailure};

/// The saves folder's side of the app: what a load needs (the content
/// saves are rebuilt with).
#[derive(Clone, Debug)]
pub struct Files {
    pub content: Arc<Content>,
    /// Where a match seat's choices go (served matches only).
    pub seat: Option<SeatLink>,
    /// Who runs decision reviews: a shared queue on a server (so that a
    /// class finishing at once does not start a review per core-hog
    /// thread), else a thread per review.
    pub reviews: Option<ReviewRunner>,
    /// On a server: the saves this player may list and load from the game
    /// (None: the whole folder, as on one's own machine).
    pub visible: Option<Visible>,
    /// On a server: saves that failed, counted for the desk.
    pub failures: Option<Arc<std::sync::atomic::AtomicU64>>,
    /// On a server: the folder's summaries, kept between listings.
    pub listing: Option<Arc<crate::save::folder::Listing>>,
    /// On a server: what the class's live state hears of this game (and,
    /// for control's viewer, how it follows the game it watches).
    pub live: Option<LiveLink>,
}

/// A game's line to the class's live state: called with the app after
/// every change (`Seen::Changed`), and when the class changed
/// (`Seen::Class`), which the viewer answers by following its game.
#[derive(Clone)]
pub struct LiveLink(pub Arc<Listener>);

/// What a live link calls.
pub type Listener = dyn Fn(&mut App, Seen) + Send + Sync;

/// Why a live link is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// The app changed (a key, a quarter, a review).
    Changed,
    /// Something in the class changed (`Input::Class`).
    Class,
}

impl std::fmt::Debug for LiveLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LiveLink")
    }
}

/// A served player's view of the shared saves folder: their own games
/// only, and, when anyone could have typed their name (the class code),
/// only those they have proven in this session (begun, written, or opened
/// with the resume code).
#[derive(Clone, Debug)]
pub struct Visible {
    pub player: String,
    pub proven: Option<Arc<std::sync::Mutex<std::collections::HashSet<String>>>>,
}

impl Visible {
    fn allows(&self, entry: &crate::save::SaveEntry) -> bool {
        let theirs = entry.info.as_ref().is_ok_and(|i| i.played_by(&self.player));
        theirs && self.proven_file(&entry.name)
    }

    fn allows_players(&self, name: &str, players: &crate::save::Players) -> bool {
        let theirs = [&players.us, &players.china]
            .into_iter()
            .flatten()
            .any(|n| crate::save::same_player(n, &self.player));
        theirs && self.proven_file(name)
    }

    fn proven_file(&self, name: &str) -> bool {
        self.proven.as_ref().is_none_or(|p| {
            p.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .contains(name)
        })
    }

    /// Where a save the player named goes: into their own namespace of
    /// the class's folder (the name prefixed with theirs and a dot, which
    /// no player name holds), so that no name typed reaches another
    /// player's file. A file there that this session has not proven theirs
    /// (someone else signed in under the name with the class code) is
    /// neither overwritten nor mentioned: the save takes a free name next
    /// to it. The second value: whether to overwrite.
    fn own_path(&self, path: &Path, overwrite: bool) -> (PathBuf, bool) {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!("{}.", crate::save::fold_player(&self.player));
        let file = if file.to_lowercase().starts_with(&prefix) {
            file
        } else {
            format!("{prefix}{file}")
        };
        let mine = |p: &Path| {
            !p.exists()
                || crate::save::SaveFile::read(p).is_ok_and(|s| {
                    let name = p.file_name().unwrap_or_default().to_string_lossy();
                    self.allows_players(&name, &s.players)
                })
        };
        let first = dir.join(&file);
        if mine(&first) {
            return (first, overwrite);
        }
        let stem = file.strip_suffix(".ron").unwrap_or(&file).to_string();
        for n in 2.. {
            let candidate = dir.join(format!("{stem}-{n}.ron"));
            if !candidate.exists() {
                return (candidate, false);
            }
        }
        unreachable!("some numbered name is free")
    }

    /// Records a file as this player's, proven in this session.
    pub fn prove_name(&self, name: &str) {
        if let Some(proven) = &self.proven {
            proven
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(name.to_string());
        }
    }

    fn prove(&self, path: &Path) {
        if let (Some(proven), Some(name)) = (&self.proven, path.file_name()) {
            proven
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(name.to_string_lossy().into_owned());
        }
    }
}

/// Runs a review job, reporting into a session's input.
#[derive(Clone)]
pub struct ReviewRunner(pub Arc<dyn Fn(review::Job, SyncSender<Input>) + Send + Sync>);

impl std::fmt::Debug for ReviewRunner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReviewRunner")
    }
}

/// A match seat's line to its match: called with each choice the seat
/// makes; the match answers later, as input (`Input::Turn`).
#[derive(Clone)]
pub struct SeatLink(pub Arc<dyn Fn(Choice) + Send + Sync>);

impl std::fmt::Debug for SeatLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SeatLink")
    }
}

impl Files {
    pub fn new(content: Arc<Content>) -> Files {
        Files {
            content,
            seat: None,
            reviews: None,
            visible: None,
            failures: None,
            listing: None,
            live: None,
        }
    }

    /// The same, telling the class's live state about the game.
    pub fn with_live(mut self, live: LiveLink) -> Files {
        self.live = Some(live);
        self
    }

    /// Tells the live link, if there is one.
    pub fn seen(&self, app: &mut App, why: Seen) {
        if let Some(live) = &self.live {
            (live.0)(app, why);
        }
    }

    /// The same, limited to what `visible` lets the player see.
    pub fn with_visible(mut self, visible: Visible) -> Files {
        self.visible = Some(visible);
        self
    }

    /// The same, counting failed saves in `failures`.
    pub fn with_failures(mut self, failures: Arc<std::sync::atomic::AtomicU64>) -> Files {
        self.failures = Some(failures);
        self
    }

    /// The same, listing the folder through `listing`.
    pub fn with_listing(mut self, listing: Arc<crate::save::folder::Listing>) -> Files {
        self.listing = Some(listing);
        self
    }

    /// The same, with reviews run by `runner`.
    pub fn with_reviews(mut self, runner: Option<ReviewRunner>) -> Files {
        self.reviews = runner;
        self
    }

    /// The same, for a match seat whose choices go to `seat`.
    pub fn with_seat(mut self, seat: SeatLink) -> Files {
        self.seat = Some(seat);
        self
    }

    /// Carries out one file effect; the reply goes back to the app.
    pub fn carry_out(&self, effect: FileEffect) -> Reply {
        match effect {
            FileEffect::Write {
                path,
                save,
                purpose,
                overwrite,
            } => {
                let (path, overwrite) = match (&self.visible, purpose) {
                    // The server chose an autosave's file: it is this game's.
                    (Some(visible), Purpose::Save) => visible.own_path(&path, overwrite),
                    _ => (path, overwrite),
                };
                if !overwrite && path.exists() {
                    let file_name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    return Reply::Exists { file_name };
                }
                let mut result = write(&path, &save);
                if let Some(visible) = &self.visible {
                    // A served player is told the file's name in the
                    // class's folder, not where the server keeps it; the
                    // server's log and the desk hear of a failure.
                    match &mut result {
                        Ok(written) => {
                            visible.prove(written);
                            if let Some(name) = written.file_name() {
                                *written = PathBuf::from(name);
                            }
                        }
                        Err(e) => {
                            tracing::warn!(player = %visible.player, file = %path.display(), "save failed: {e}");
                            if let Some(failures) = &self.failures {
                                failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            }
                            if let Some(dir) = path.parent() {
                                *e = relative(e, dir);
                            }
                        }
                    }
                }
                Reply::Written { purpose, result }
            }
            FileEffect::List { dir } => {
                let mut entries = match &self.listing {
                    Some(listing) => listing.list(&dir, &self.content),
                    None => crate::save::folder::list(&dir, &self.content),
                };
                if let Some(visible) = &self.visible {
                    entries.retain(|e| visible.allows(e));
                }
                Reply::Listed(entries)
            }
            FileEffect::Load { path, name } => {
                let result = crate::save::load(&path, &self.content).map(Box::new);
                // Only what the picker offered may be loaded.
                let allowed = match (&self.visible, &result) {
                    (Some(v), Ok(loaded)) => v.allows_players(&name, &loaded.players),
                    _ => true,
                };
                if !allowed {
                    return Reply::Loaded {
                        name: name.clone(),
                        result: Err(crate::save::SaveError {
                            file: name,
                            message: "not one of your games".to_string(),
                            older_rules: false,
                        }),
                    };
                }
                Reply::Loaded { name, result }
            }
        }
    }
}

/// A write's failure as a served player reads it: the class's folder
/// named as "the saves folder", not by the server's path.
fn relative(e: &WriteFailure, dir: &Path) -> WriteFailure {
    let shown = dir.display().to_string();
    let hide = |text: &str| text.replace(&shown, "the saves folder");
    match e {
        WriteFailure::Folder { reason, .. } => WriteFailure::Folder {
            folder: PathBuf::from("the saves folder"),
            reason: hide(reason),
        },
        WriteFailure::Save(s) => WriteFailure::Save(crate::save::SaveError {
            file: Path::new(&s.file)
                .file_name()
                .map_or_else(|| hide(&s.file), |n| n.to_string_lossy().into_owned()),
            message: hide(&s.message),
            older_rules: s.older_rules,
        }),
    }
}

/// Writes a save, creating its folder first.
fn write(path: &Path, save: &SaveFile) -> Result<PathBuf, WriteFailure> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| WriteFailure::Folder {
            folder: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
    }
    save.write(path)?;
    Ok(path.to_path_buf())
}

/// Carries out effects until none are left: file work here and now (its
/// replies may ask for more), each review handed to `review` (a shell runs
/// it on a thread of its own; a test may run it inline and reply).
pub fn settle(
    app: &mut App,
    effects: Vec<Effect>,
    files: &Files,
    review: &mut impl FnMut(review::Job),
) {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Files(work) => queue.extend(reply(app, files.carry_out(work))),
            Effect::Review(job) => review(*job),
            Effect::Choose(choice) => {
                if let Some(seat) = &files.seat {
                    (seat.0)(choice);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_served_player_reads_a_failure_without_the_servers_paths() {
        let dir = Path::new("/srv/class/saves");
        let failure = WriteFailure::Save(crate::save::SaveError {
            file: "/srv/class/saves/ana.x.ron".to_string(),
            message: "cannot write to /srv/class/saves: permission denied".to_string(),
            older_rules: false,
        });
        let shown = relative(&failure, dir).to_string();
        assert_eq!(
            shown,
            "ana.x.ron: cannot write to the saves folder: permission denied"
        );
        let folder = WriteFailure::Folder {
            folder: dir.to_path_buf(),
            reason: "No space left on device".to_string(),
        };
        assert!(!relative(&folder, dir).to_string().contains("/srv"));
    }
}
