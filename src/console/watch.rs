//! File watching for the class console: the operating system's change
//! notifications (inotify, FSEvents, ReadDirectoryChangesW through `notify`)
//! become messages on the console's event channel, so an idle console
//! sleeps until a save is written rather than polling the folder.

use std::path::Path;
use std::sync::mpsc::Sender;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// What the console's loop waits for: the terminal, the folder, signals.
#[derive(Debug)]
pub enum Input {
    Term(ratatui::crossterm::event::Event),
    /// A save in the folder appeared, changed or went.
    Files,
    /// The watcher or the terminal reported an error.
    Failed(String),
    /// SIGTERM, SIGHUP or SIGINT.
    Signal(i32),
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

/// Watches `dir` (not its subfolders) and sends `Input::Files` for each
/// change. Dropping the watcher stops it.
pub fn watch(dir: &Path, tx: Sender<Input>) -> notify::Result<RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<Event>| {
        let input = match res {
            Ok(event) if is_change(&event) => Input::Files,
            Ok(_) => return,
            Err(e) => Input::Failed(e.to_string()),
        };
        let _ = tx.send(input);
    })?;
    watcher.watch(dir, RecursiveMode::NonRecursive)?;
    Ok(watcher)
}
