//! The server's Ed25519 host key: created on first start, owner-only from
//! the moment the file exists, and reused on every restart so that the
//! fingerprint students accepted once never changes.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::LineEnding;
use russh::keys::{Algorithm, HashAlg, PrivateKey};

/// Why the host key could not be read or made.
#[derive(Debug, thiserror::Error)]
#[error("{}: {reason}", .path.display())]
pub struct HostKeyError {
    pub path: PathBuf,
    pub reason: String,
}

/// The key at `path`, made there first if there is no file.
pub fn load_or_create(path: &Path) -> Result<PrivateKey, HostKeyError> {
    let fail = |reason: String| HostKeyError {
        path: path.to_path_buf(),
        reason,
    };
    match std::fs::read(path) {
        Ok(bytes) => {
            let key = PrivateKey::from_openssh(&bytes)
                .map_err(|e| fail(format!("not an OpenSSH private key: {e}")))?;
            if key.is_encrypted() {
                return Err(fail(
                    "the host key has a passphrase, and a server cannot type it: give a key without one (ssh-keygen -t ed25519 -N '' -f FILE), or let the server make its own".to_string(),
                ));
            }
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(path)
                    .map_err(|e| fail(e.to_string()))?
                    .permissions()
                    .mode();
                if mode & 0o077 != 0 {
                    return Err(fail(format!(
                        "the host key can be read by others (mode {:o}), so anyone on this machine could pose as the server: chmod 600 it, as sshd requires",
                        mode & 0o777
                    )));
                }
            }
            if key.algorithm() != Algorithm::Ed25519 {
                return Err(fail(format!(
                    "the host key must be Ed25519, this one is {}",
                    key.algorithm()
                )));
            }
            Ok(key)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => create(path).map_err(fail),
        Err(e) => Err(fail(e.to_string())),
    }
}

/// The key's fingerprint as `ssh-keygen -l` prints it (SHA256:…).
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

fn create(path: &Path) -> Result<PrivateKey, String> {
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
        .map_err(|e| format!("cannot make a key: {e}"))?;
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| format!("cannot encode the key: {e}"))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create its folder: {e}"))?;
    }
    // create_new: two servers starting at once must not both write a key;
    // the mode is set as the file is made, never widened then narrowed.
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| e.to_string())?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| e.to_string())?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_key_others_can_read_or_with_a_passphrase_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir =
            std::env::temp_dir().join(format!("chokepoints-hostkey-bad-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("key");
        load_or_create(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = load_or_create(&path).unwrap_err().to_string();
        assert!(e.contains("can be read by others (mode 644)"), "{e}");
        let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
        let locked = key.encrypt(&mut rand::rng(), "secret").unwrap();
        let text = locked.to_openssh(LineEnding::LF).unwrap();
        std::fs::remove_file(&path).unwrap();
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options
            .open(&path)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let e = load_or_create(&path).unwrap_err().to_string();
        assert!(e.contains("has a passphrase"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_key_is_made_owner_only_once_and_reused() {
        let dir = std::env::temp_dir().join(format!("chokepoints-hostkey-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("sub").join(".ssh_host_ed25519_key");
        let first = load_or_create(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = load_or_create(&path).unwrap();
        assert_eq!(fingerprint(&first), fingerprint(&again));
        assert!(fingerprint(&first).starts_with("SHA256:"));
        std::fs::write(&path, "not a key").unwrap();
        let e = load_or_create(&path).unwrap_err().to_string();
        assert!(
            e.contains(".ssh_host_ed25519_key") && e.contains("not an OpenSSH private key"),
            "{e}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
