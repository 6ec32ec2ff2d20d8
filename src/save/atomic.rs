//! Atomic file writes: a temporary file in the same folder, flushed to disk,
//! then renamed over the target. Killing the process at any moment leaves
//! either the old file or the new one, whole.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The steps of an atomic write, so a failure can say which one broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteStep {
    /// Creating the temporary file next to the target.
    Create,
    /// Writing the bytes into the temporary file.
    Write,
    /// Flushing the temporary file to disk.
    Sync,
    /// Renaming the temporary file over the target.
    Rename,
}

/// Why an atomic write failed. Whatever the step, the target is as it was
/// and the temporary file is gone. `Display` is one line for the user.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The path ends in no file name (`..`, or a root).
    NotAFile,
    /// A step of the write failed.
    Io {
        step: WriteStep,
        /// The folder written to: what a permission or a missing folder is
        /// about.
        dir: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::NotAFile => f.write_str("not a file name"),
            WriteError::Io { dir, source, .. } => match source.kind() {
                // The two failures a user can fix, said in their words; the
                // step matters to a developer, not to them.
                io::ErrorKind::PermissionDenied => {
                    write!(f, "cannot write to {}: permission denied", dir.display())
                }
                io::ErrorKind::NotFound => write!(f, "folder {} does not exist", dir.display()),
                _ => write!(f, "cannot write the file: {source}"),
            },
        }
    }
}

/// Writes begun by this process, for their temporary files' names.
static WRITES: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or(WriteError::NotAFile)?
        .to_string_lossy()
        .into_owned();
    // A name of its own for every write, even two at once in one process
    // (two threads saving one match), created afresh: `create_new` never
    // opens a file or a link that is there already.
    let unique = WRITES.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.tmp-{}-{unique}", std::process::id()));
    let result = (|| -> Result<(), (WriteStep, io::Error)> {
        let at = |step| move |e| (step, e);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        // Saves are the player's own: readable by them alone.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp).map_err(at(WriteStep::Create))?;
        file.write_all(bytes).map_err(at(WriteStep::Write))?;
        file.sync_all().map_err(at(WriteStep::Sync))?;
        drop(file);
        fs::rename(&tmp, path).map_err(at(WriteStep::Rename))?;
        // Make the rename itself durable.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|(step, source)| {
        // Only a temporary file this write created is removed (a name taken
        // already is someone else's).
        if step != WriteStep::Create {
            let _ = fs::remove_file(&tmp);
        }
        WriteError::Io { step, dir, source }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_target_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("chokepoints-atomic-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let target = dir.join("game.ron");
        write_atomic(&target, b"old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn writes_at_once_from_many_threads_all_land_and_are_private() {
        let dir =
            std::env::temp_dir().join(format!("chokepoints-atomic-race-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let target = dir.join("match.ron");
        let failures: usize = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|t| {
                    let target = &target;
                    s.spawn(move || {
                        (0..50)
                            .filter(|i| {
                                write_atomic(target, format!("{t}-{i}").as_bytes()).is_err()
                            })
                            .count()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(failures, 0, "writes at once failed");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{mode:o}");
        }
        let leftovers = fs::read_dir(&dir).unwrap().count();
        assert_eq!(leftovers, 1, "temporary files were left");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_a_temporary_name_is_not_followed() {
        let dir =
            std::env::temp_dir().join(format!("chokepoints-atomic-link-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim");
        fs::write(&victim, b"keep").unwrap();
        let next = WRITES.load(Ordering::Relaxed);
        // Links at the next names this process will use.
        for n in next..next + 64 {
            let tmp = dir.join(format!(".game.ron.tmp-{}-{n}", std::process::id()));
            std::os::unix::fs::symlink(&victim, tmp).unwrap();
        }
        let _ = write_atomic(&dir.join("game.ron"), b"new");
        assert_eq!(fs::read(&victim).unwrap(), b"keep");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_folder_fails_at_creating_the_temporary_file() {
        let dir =
            std::env::temp_dir().join(format!("chokepoints-atomic-none-{}", std::process::id()));
        let err = write_atomic(&dir.join("game.ron"), b"x").unwrap_err();
        assert!(
            matches!(
                err,
                WriteError::Io {
                    step: WriteStep::Create,
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!("folder {} does not exist", dir.display())
        );
        assert!(matches!(
            write_atomic(Path::new("saves/.."), b"x"),
            Err(WriteError::NotAFile)
        ));
    }
}
