//! Watching a saves folder: the operating system's change notifications
//! (inotify, FSEvents, ReadDirectoryChangesW through `notify`) become
//! `Input::Folder` on a shell's channel, so an idle facilitator console
//! sleeps until a save is written rather than polling the folder.

use std::path::Path;
use std::sync::mpsc::SyncSender;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::Input;
use crate::save::folder::is_save_path;

/// Whether an event can change what the console shows. Opening and reading
/// are not changes: without this filter the console's own reads would wake
/// it again, for ever.
pub fn is_change(event: &Event) -> bool {
    let kind = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    };
    kind && (event.paths.is_empty() || event.paths.iter().any(|p| is_save_path(p)))
}

/// Watches `dir` (not its subfolders) and sends `Input::Folder` for each
/// change. Dropping the watcher stops it.
pub fn watch(dir: &Path, tx: SyncSender<Input>) -> notify::Result<RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<Event>| {
        let input = match res {
            Ok(event) if is_change(&event) => Input::Folder,
            Ok(_) => return,
            Err(e) => Input::Failed(e.to_string()),
        };
        let _ = tx.send(input);
    })?;
    watcher.watch(dir, RecursiveMode::NonRecursive)?;
    Ok(watcher)
}
