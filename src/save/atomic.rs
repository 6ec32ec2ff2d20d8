//! Atomic file writes: a temporary file in the same folder, flushed to disk,
//! then renamed over the target. Killing the process at any moment leaves
//! either the old file or the new one, whole.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> Result<(), (WriteStep, io::Error)> {
        let at = |step| move |e| (step, e);
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)
            .map_err(at(WriteStep::Create))?;
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
        let _ = fs::remove_file(&tmp);
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
