//! Who may play on the server, and under which name: the public keys of an
//! `authorized_keys` file, the class code, the names bound to keys, the
//! names connected now, the slowing of repeated failures and the resume
//! codes that stand in for a key when a player signed in with the class
//! code.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use russh::keys::ssh_key::authorized_keys::AuthorizedKeys;
use russh::keys::ssh_key::public::KeyData;
use russh::keys::{HashAlg, PublicKey};
use sha2::{Digest, Sha256};

use super::key_options::KeyRules;

/// The longest player name kept (the rest is cut).
pub const MAX_NAME: usize = 24;

/// A player name from an SSH user name: letters, digits, `-` and `_`
/// only (it ends up in file names and on the facilitator's screen), at
/// most [`MAX_NAME`] characters; None if nothing is left.
/// The name kept for the control desk when there are control keys.
pub const CONTROL_NAME: &str = "control";

///
/// The name is compatibility-normalised first (NFKC), keeps only letters
/// and digits that Unicode allows in identifiers, and must be written in
/// one script: `аna` with a Cyrillic а, or `cοntrol` with a Greek ο, is
/// refused, since it would look like another player's name on every
/// screen.
pub fn player_name(user: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_security::{GeneralSecurityProfile, MixedScript};
    let normal: String = user.nfkc().collect();
    let name: String = normal
        .chars()
        .filter(|c| (c.is_alphanumeric() && c.identifier_allowed()) || matches!(c, '-' | '_'))
        .take(MAX_NAME)
        .collect();
    let name = name.trim_matches(|c| c == '-' || c == '_').to_string();
    (!name.is_empty() && name.as_str().is_single_script()).then_some(name)
}

/// What a name looks like, for telling look-alikes apart (Unicode's
/// confusable skeleton of its fold: `rn` and `m`, `0` and `O` meet).
fn look(name: &str) -> String {
    // Folded again after: the skeleton of 0 is O, of o is o.
    fold(&unicode_security::skeleton(&fold(name)).collect::<String>())
}

/// Why the access settings could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{}: {reason}", .path.display())]
pub struct AccessError {
    pub path: PathBuf,
    pub reason: String,
}

/// An OpenSSH `authorized_keys` file, as the server uses it.
#[derive(Clone, Debug, Default)]
pub struct KeyFile {
    pub keys: Vec<PublicKey>,
    /// Each key's options (`from=`, `expiry-time=`, `restrict`…).
    pub rules: Vec<(KeyData, KeyRules)>,
    /// Names given in the keys' comments (`ssh-ed25519 AAAA… ana`): the
    /// teacher's roster, each name bound to its key from the start.
    pub roster: Vec<(String, PublicKey)>,
}

/// The keys of an OpenSSH `authorized_keys` file, with their options and
/// the names their comments give.
pub fn read_authorized_keys(path: &Path) -> Result<KeyFile, AccessError> {
    let fail = |reason: String| AccessError {
        path: path.to_path_buf(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
    let mut file = KeyFile::default();
    for (n, entry) in AuthorizedKeys::new(&text).enumerate() {
        let entry = entry.map_err(|e| fail(format!("key {}: {e}", n + 1)))?;
        let key = entry.public_key().clone();
        let rules = KeyRules::parse(entry.config_opts().iter())
            .map_err(|e| fail(format!("key {}: {e}", n + 1)))?;
        let comment = key.comment().as_str_lossy().trim().to_string();
        if let Some(name) = player_name(&comment).filter(|name| *name == comment) {
            file.roster.push((name, key.clone()));
        }
        file.rules.push((key.key_data().clone(), rules));
        file.keys.push(key);
    }
    if file.keys.is_empty() {
        return Err(fail("no keys in the file".to_string()));
    }
    Ok(file)
}

/// The shortest class code taken.
pub const MIN_CLASS_CODE: usize = 8;

/// The class code: the file's first line, trimmed (read from a file so
/// that it never shows in `ps`).
pub fn read_class_code(path: &Path) -> Result<String, AccessError> {
    let fail = |reason: &str| AccessError {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let text = std::fs::read_to_string(path).map_err(|e| fail(&e.to_string()))?;
    let code = text.lines().next().unwrap_or("").trim().to_string();
    if code.chars().count() < MIN_CLASS_CODE {
        return Err(fail(
            "the class code must have at least 8 characters: a shorter one can be guessed (two words and a number, such as tiger-lamp-42, are easy to say aloud)",
        ));
    }
    Ok(code)
}

/// How a player proved who they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proof {
    /// A key from the authorized keys: the name is theirs.
    Key(String),
    /// A key from the control keys: the facilitator, at the control desk.
    Control(String),
    /// The class code (or nothing, on a loopback server without either):
    /// anyone could have typed this name, so opening a saved game or
    /// taking back a seat asks for its resume code.
    Code,
    Open,
}

/// The server's rules of entry, shared by every connection.
pub struct Access {
    keys: Option<Vec<KeyData>>,
    class_code: Option<String>,
    /// Name → the fingerprint of the key that first used it, kept in a
    /// file in the saves folder so that it survives restarts.
    bound: Mutex<HashMap<String, String>>,
    bound_file: Option<PathBuf>,
    connected: Mutex<HashSet<String>>,
    throttle: Mutex<Throttle>,
    secret: [u8; 32],
    /// Facilitators' keys: they sign in to the control desk.
    control: Option<Vec<KeyData>>,
    /// How many names one key may take.
    names_per_key: usize,
    /// Keys' options, where they have any.
    rules: Vec<(KeyData, KeyRules)>,
    /// Wrong resume codes per name and game: how many, and the last.
    resume_misses: Mutex<HashMap<(String, String), (u32, Instant)>>,
    wrong_resume_codes: std::sync::atomic::AtomicU64,
}

/// Wrong resume codes for one game and name answered at once.
pub const RESUME_FREE_MISSES: u32 = 3;
/// Past those, the least time between two tries.
pub const RESUME_PACE: Duration = Duration::from_secs(1);

/// What a typed resume code did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resume {
    Opened,
    Wrong,
    /// Too soon after the last wrong ones: not even checked.
    TooSoon,
}

/// What `.ssh_names` holds, instead of a key's fingerprint, for a name
/// that signed in with the class code.
const CODE_MARK: &str = "code";

impl Access {
    /// `secret` makes resume codes this server's own (the host key's
    /// bytes do: they never change between restarts).
    pub fn new(
        keys: Option<Vec<PublicKey>>,
        class_code: Option<String>,
        bound_file: Option<PathBuf>,
        secret: &[u8],
        slowing: Slowing,
    ) -> Access {
        let bound = bound_file
            .as_deref()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .map(|text| parse_bound(&text))
            .unwrap_or_default();
        Access {
            keys: keys.map(|k| k.iter().map(|k| k.key_data().clone()).collect()),
            class_code,
            bound: Mutex::new(bound),
            bound_file,
            connected: Mutex::new(HashSet::new()),
            throttle: Mutex::new(Throttle::new(slowing)),
            secret: Sha256::digest(secret).into(),
            control: None,
            names_per_key: 1,
            rules: Vec::new(),
            resume_misses: Mutex::new(HashMap::new()),
            wrong_resume_codes: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// The keys' options, honoured at every sign-in.
    pub fn with_key_rules(mut self, rules: Vec<(KeyData, KeyRules)>) -> Access {
        self.rules = rules;
        self
    }

    /// Binds the roster's names to their keys from the start: a name the
    /// teacher gave is its key's before anyone signs in.
    pub fn with_roster(self, roster: &[(String, PublicKey)]) -> Access {
        for (name, key) in roster {
            let print = key.fingerprint(HashAlg::Sha256).to_string();
            lock(&self.bound).entry(fold(name)).or_insert(print);
        }
        self
    }

    /// Whether the key's options let it sign in from `ip` now.
    pub fn key_rules_allow(&self, key: &PublicKey, ip: Option<IpAddr>) -> bool {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        self.rules
            .iter()
            .filter(|(k, _)| k == key.key_data())
            .all(|(_, r)| r.allows(ip, now))
    }

    /// Whether the key may have a terminal (`restrict` or `no-pty` say not).
    pub fn key_gets_pty(&self, key: &PublicKey) -> bool {
        self.rules
            .iter()
            .filter(|(k, _)| k == key.key_data())
            .all(|(_, r)| r.pty())
    }

    /// Lets one key take up to `n` names (a teacher testing the class, a
    /// student who plays two games at once).
    pub fn with_names_per_key(mut self, n: usize) -> Access {
        self.names_per_key = n.max(1);
        self
    }

    /// The same, with the facilitators' keys (the control desk's).
    pub fn with_control(mut self, keys: Option<Vec<PublicKey>>) -> Access {
        self.control = keys.map(|k| k.iter().map(|k| k.key_data().clone()).collect());
        self
    }

    /// Whether `name` is kept for the facilitators' keys: `control`, when
    /// there are any. (On an open server a client signs in with no
    /// credentials before it offers a key, so the desk needs a name of its
    /// own there.)
    ///
    /// Also kept: a name that looks like a name already bound or playing
    /// without being it (`rn` for `m`, `0` for `o`), which on the desk and
    /// in the saves would pass for the other player.
    pub fn reserved(&self, name: &str) -> bool {
        let folded = fold(name);
        let seen = look(name);
        if self.control.is_some() && (folded == CONTROL_NAME || seen == look(CONTROL_NAME)) {
            return true;
        }
        let differs = |other: &String| *other != folded && look(other) == seen;
        lock(&self.bound).keys().any(differs) || lock(&self.connected).iter().any(differs)
    }

    /// Whether this key is a facilitator's.
    pub fn control_fits(&self, key: &PublicKey) -> bool {
        self.control
            .as_ref()
            .is_some_and(|keys| keys.iter().any(|k| k == key.key_data()))
    }

    /// Whether anyone may connect without a key or a code (only ever on
    /// a loopback address: `serve` refuses anything else).
    pub fn is_open(&self) -> bool {
        self.keys.is_none() && self.class_code.is_none()
    }

    pub fn takes_keys(&self) -> bool {
        self.keys.is_some() || self.control.is_some()
    }

    pub fn takes_code(&self) -> bool {
        self.class_code.is_some()
    }

    /// Whether `key` may sign in as `name`: it is authorized, and the name
    /// is already this key's, or free while the key has fewer names than
    /// it may (one, unless the teacher allows more). A name that has
    /// signed in with the class code belongs to the code, not to a key.
    pub fn key_fits(&self, name: &str, key: &PublicKey) -> bool {
        let Some(keys) = &self.keys else {
            return false;
        };
        if !keys.contains(key.key_data()) {
            return false;
        }
        let print = key.fingerprint(HashAlg::Sha256).to_string();
        let bound = lock(&self.bound);
        match bound.get(&fold(name)) {
            Some(p) => *p == print,
            None => bound.values().filter(|p| **p == print).count() < self.names_per_key,
        }
    }

    /// Whether `name` is bound to a key or to the class code already.
    pub fn is_bound(&self, name: &str) -> bool {
        lock(&self.bound).contains_key(&fold(name))
    }

    /// Whether the class code may sign in as `name`: a name bound to a
    /// key takes only that key, so that nobody with the code locks its
    /// owner out or opens their games.
    pub fn code_name_fits(&self, name: &str) -> bool {
        lock(&self.bound)
            .get(&fold(name))
            .is_none_or(|p| p == CODE_MARK)
    }

    /// Binds a name to the key that has just signed in with it, for good.
    pub fn bind(&self, name: &str, key: &PublicKey) {
        self.bind_to(name, key.fingerprint(HashAlg::Sha256).to_string());
    }

    /// Binds a name to the class code, once it has signed in with it: no
    /// key can claim it afterwards (and so open its games without their
    /// resume codes).
    pub fn bind_code(&self, name: &str) {
        self.bind_to(name, CODE_MARK.to_string());
    }

    fn bind_to(&self, name: &str, print: String) {
        let mut bound = lock(&self.bound);
        if bound.insert(fold(name), print.clone()).as_deref() == Some(print.as_str()) {
            return;
        }
        if let Some(file) = &self.bound_file {
            let mut lines: Vec<String> = bound.iter().map(|(n, p)| format!("{n} {p}\n")).collect();
            lines.sort();
            // Not worth failing a sign-in over: the binding holds for as
            // long as the server runs.
            if let Err(e) = crate::save::write_atomic(file, lines.concat().as_bytes()) {
                tracing::warn!("cannot record {name}'s key in {}: {e}", file.display());
            }
        }
    }

    /// Whether `given` is the class code (compared by digest, so the time
    /// taken says nothing of how much of it matched).
    pub fn code_fits(&self, given: &str) -> bool {
        self.class_code
            .as_ref()
            .is_some_and(|code| Sha256::digest(code.trim()) == Sha256::digest(given.trim()))
    }

    /// Marks a name as playing; false if someone is already playing under
    /// it. The returned guard frees it.
    pub fn connect(&self, name: &str) -> bool {
        lock(&self.connected).insert(fold(name))
    }

    pub fn disconnect(&self, name: &str) {
        lock(&self.connected).remove(&fold(name));
    }

    /// How long to wait before answering a failed attempt from this
    /// address under this name (and it is counted).
    pub fn failed(&self, addr: Option<IpAddr>, name: &str, now: Instant) -> Duration {
        lock(&self.throttle).failed(addr, &fold(name), now)
    }

    /// A success forgets the failures before it.
    pub fn succeeded(&self, addr: Option<IpAddr>, name: &str) {
        lock(&self.throttle).succeeded(addr, &fold(name));
    }

    /// A player's resume code for a game (its save's file name): six
    /// letters and digits, the same on every restart, that only this
    /// server can make. Each player of a match has their own, so that one
    /// cannot take the other's seat.
    pub fn resume_code(&self, file_name: &str, player: &str) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        let mut hasher = Sha256::new();
        hasher.update(self.secret);
        hasher.update(file_name.as_bytes());
        hasher.update([0]);
        hasher.update(fold(player).as_bytes());
        hasher
            .finalize()
            .iter()
            .take(6)
            .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
            .collect()
    }

    /// A typed resume code, checked: a wrong one is counted and logged,
    /// and after [`RESUME_FREE_MISSES`] wrong ones for a game and name the
    /// next try is taken only a second after the last (so a guesser gets
    /// one try a second, not thousands). Nothing is ever locked: the
    /// right code opens the game once the second has passed.
    pub fn try_resume(&self, file_name: &str, player: &str, typed: &str, now: Instant) -> Resume {
        let key = (fold(player), file_name.to_string());
        let mut misses = lock(&self.resume_misses);
        if let Some((n, last)) = misses.get(&key)
            && *n >= RESUME_FREE_MISSES
            && now.saturating_duration_since(*last) < RESUME_PACE
        {
            return Resume::TooSoon;
        }
        if self.resume_fits(file_name, player, typed) {
            misses.remove(&key);
            return Resume::Opened;
        }
        if misses.len() >= MAX_PAIRS
            && let Some(oldest) = misses
                .iter()
                .min_by_key(|(_, (_, t))| *t)
                .map(|(k, _)| k.clone())
        {
            misses.remove(&oldest);
        }
        let entry = misses.entry(key).or_insert((0, now));
        entry.0 += 1;
        entry.1 = now;
        let n = entry.0;
        drop(misses);
        let total = self
            .wrong_resume_codes
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            + 1;
        tracing::warn!(
            player,
            file = file_name,
            misses = n,
            total,
            "wrong resume code"
        );
        Resume::Wrong
    }

    /// Wrong resume codes typed since the server started (for the desk).
    pub fn wrong_resume_codes(&self) -> u64 {
        self.wrong_resume_codes
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether a typed code opens this game (case and spaces do not count).
    pub fn resume_fits(&self, file_name: &str, player: &str, typed: &str) -> bool {
        let typed: String = typed
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_uppercase();
        Sha256::digest(typed) == Sha256::digest(self.resume_code(file_name, player))
    }
}

/// Names compare without case and width: "Ana", "ana" and "ａｎａ" are
/// one player.
fn fold(name: &str) -> String {
    crate::save::fold_player(name)
}

/// A poisoned lock only means another connection panicked mid-update of a
/// plain map; the map is still usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn parse_bound(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(n, p)| (n.to_string(), p.trim().to_string()))
        .collect()
}

/// How repeated failures are slowed.
#[derive(Clone, Copy, Debug)]
pub struct Slowing {
    /// Failures answered at once (typos happen).
    pub free: u32,
    /// The wait after the first failure beyond those; it doubles with each.
    pub base: Duration,
    pub max: Duration,
    /// A pair quiet this long starts again from nothing.
    pub forget: Duration,
    /// Failures from one address in a minute, under any names, that are
    /// answered with no more than their pair's wait: a class never makes
    /// this many, a guesser rotating names does, and past it each failure
    /// from the address waits `base` more per failure beyond (up to `max`),
    /// as OpenSSH's PerSourcePenalties.
    pub per_address: u32,
}

/// The window of `Slowing::per_address`.
const ADDRESS_WINDOW: Duration = Duration::from_secs(60);

impl Default for Slowing {
    fn default() -> Slowing {
        Slowing {
            free: 3,
            base: Duration::from_secs(1),
            max: Duration::from_secs(30),
            forget: Duration::from_secs(15 * 60),
            per_address: 30,
        }
    }
}

/// Failures per address and name: a school behind one NAT address shares
/// the address, so one student's typos never slow another's sign-in.
struct Throttle {
    slowing: Slowing,
    failures: HashMap<(Option<IpAddr>, String), (u32, Instant)>,
    /// Failures per address in the current window: how many, and when
    /// the window began.
    addresses: HashMap<Option<IpAddr>, (u32, Instant)>,
}

/// The most pairs remembered: beyond it, the oldest are forgotten first,
/// so that a flood of made-up names cannot grow the map without bound.
const MAX_PAIRS: usize = 10_000;

impl Throttle {
    fn new(slowing: Slowing) -> Throttle {
        Throttle {
            slowing,
            failures: HashMap::new(),
            addresses: HashMap::new(),
        }
    }

    fn failed(&mut self, addr: Option<IpAddr>, name: &str, now: Instant) -> Duration {
        let forget = self.slowing.forget;
        self.failures
            .retain(|_, (_, last)| now.saturating_duration_since(*last) < forget);
        if self.failures.len() >= MAX_PAIRS
            && let Some(oldest) = self
                .failures
                .iter()
                .min_by_key(|(_, (_, last))| *last)
                .map(|(k, _)| k.clone())
        {
            self.failures.remove(&oldest);
        }
        let entry = self
            .failures
            .entry((addr, name.to_string()))
            .or_insert((0, now));
        entry.0 += 1;
        entry.1 = now;
        let beyond = entry.0.saturating_sub(self.slowing.free);
        let pair = if beyond == 0 {
            Duration::ZERO
        } else {
            let factor = 1u32 << (beyond - 1).min(16);
            self.slowing
                .base
                .saturating_mul(factor)
                .min(self.slowing.max)
        };
        pair.max(self.address_failed(addr, now))
    }

    /// Counts a failure against its address; the wait it has earned the
    /// address (none within the budget).
    fn address_failed(&mut self, addr: Option<IpAddr>, now: Instant) -> Duration {
        self.addresses
            .retain(|_, (_, start)| now.saturating_duration_since(*start) < ADDRESS_WINDOW);
        if self.addresses.len() >= MAX_PAIRS
            && let Some(oldest) = self
                .addresses
                .iter()
                .min_by_key(|(_, (_, t))| *t)
                .map(|(k, _)| *k)
        {
            self.addresses.remove(&oldest);
        }
        let (n, _) = self.addresses.entry(addr).or_insert((0, now));
        *n += 1;
        let beyond = n.saturating_sub(self.slowing.per_address);
        self.slowing
            .base
            .saturating_mul(beyond)
            .min(self.slowing.max)
    }

    fn succeeded(&mut self, addr: Option<IpAddr>, name: &str) {
        self.failures.remove(&(addr, name.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_letters_digits_dashes_and_underscores() {
        assert_eq!(player_name("ana").as_deref(), Some("ana"));
        assert_eq!(player_name("Ana Lee").as_deref(), Some("AnaLee"));
        assert_eq!(player_name("../../etc").as_deref(), Some("etc"));
        assert_eq!(player_name("-_-").as_deref(), None);
        assert_eq!(player_name("\u{1b}[31m").as_deref(), Some("31m"));
        assert_eq!(player_name(&"x".repeat(100)).unwrap().len(), MAX_NAME);
    }

    #[test]
    fn look_alike_names_are_refused_or_folded_into_one() {
        // Mixed scripts: a Cyrillic а in a Latin name, a Greek ο.
        assert_eq!(player_name("\u{430}na"), None);
        assert_eq!(player_name("c\u{3bf}ntrol"), None);
        // One script other than Latin is a name.
        assert_eq!(
            player_name("\u{412}\u{430}\u{43d}\u{44f}").as_deref(),
            Some("\u{412}\u{430}\u{43d}\u{44f}")
        );
        // Fullwidth letters and the Kelvin sign become what they stand for.
        assert_eq!(
            player_name("\u{ff41}\u{ff4e}\u{ff41}").as_deref(),
            Some("ana")
        );
        assert_eq!(player_name("\u{212a}im").as_deref(), Some("Kim"));
        // Combining marks are dropped rather than stacked.
        assert_eq!(
            player_name("a\u{301}\u{301}\u{301}na").as_deref(),
            Some("\u{e1}na")
        );
        // One fold for every comparison.
        assert_eq!(fold("ANA"), fold("\u{ff21}na"));
        // A name that looks like one taken (m and rn) is kept from others.
        let a =
            Access::new(None, None, None, b"s", Slowing::default()).with_control(Some(Vec::new()));
        assert!(a.connect("mary"));
        assert!(a.reserved("rnary"));
        assert!(!a.reserved("mary"));
        assert!(!a.reserved("ben"));
        assert!(a.reserved("c0ntrol"));
    }

    #[test]
    fn failures_slow_one_address_and_name_not_the_others() {
        let slowing = Slowing::default();
        let mut t = Throttle::new(slowing);
        let ip: Option<IpAddr> = Some("10.0.0.1".parse().unwrap());
        let now = Instant::now();
        for _ in 0..3 {
            assert_eq!(t.failed(ip, "ana", now), Duration::ZERO);
        }
        assert_eq!(t.failed(ip, "ana", now), Duration::from_secs(1));
        assert_eq!(t.failed(ip, "ana", now), Duration::from_secs(2));
        // Ben, behind the same address, is not slowed by Ana's typos.
        assert_eq!(t.failed(ip, "ben", now), Duration::ZERO);
        for _ in 0..20 {
            t.failed(ip, "ana", now);
        }
        assert_eq!(t.failed(ip, "ana", now), slowing.max);
        t.succeeded(ip, "ana");
        assert_eq!(t.failed(ip, "ana", now), Duration::ZERO);
        // Quiet long enough, a pair starts again.
        let later = now + slowing.forget + Duration::from_secs(1);
        for _ in 0..5 {
            t.failed(ip, "cy", now);
        }
        assert_eq!(t.failed(ip, "cy", later), Duration::ZERO);
    }

    #[test]
    fn an_address_past_its_minute_budget_is_slowed_whatever_the_names() {
        let slowing = Slowing::default();
        let mut t = Throttle::new(slowing);
        let guesser: Option<IpAddr> = Some("10.0.0.9".parse().unwrap());
        let class: Option<IpAddr> = Some("10.0.0.1".parse().unwrap());
        let now = Instant::now();
        // Rotating names, each failing once: free up to the budget.
        for i in 0..slowing.per_address {
            assert_eq!(t.failed(guesser, &format!("n{i}"), now), Duration::ZERO);
        }
        assert_eq!(t.failed(guesser, "fresh", now), slowing.base);
        assert_eq!(t.failed(guesser, "fresh2", now), slowing.base * 2);
        // Another address is not slowed by it.
        assert_eq!(t.failed(class, "ana", now), Duration::ZERO);
        // A minute later the address starts again.
        let later = now + Duration::from_secs(61);
        assert_eq!(t.failed(guesser, "again", later), Duration::ZERO);
    }

    #[test]
    fn resume_codes_are_stable_and_forgiving_of_case() {
        let a = Access::new(None, None, None, b"secret", Slowing::default());
        let code = a.resume_code("autosave-ana.ron", "ana");
        assert_eq!(code.len(), 6);
        assert_eq!(code, a.resume_code("autosave-ana.ron", "Ana"));
        assert_ne!(code, a.resume_code("autosave-ben.ron", "ana"));
        // In a match, each player has a code of their own.
        assert_ne!(code, a.resume_code("autosave-ana.ron", "ben"));
        assert!(a.resume_fits("autosave-ana.ron", "ana", &code.to_lowercase()));
        assert!(!a.resume_fits("autosave-ben.ron", "ana", &code));
        assert!(!a.resume_fits("autosave-ana.ron", "ben", &code));
        let other = Access::new(None, None, None, b"other", Slowing::default());
        assert_ne!(code, other.resume_code("autosave-ana.ron", "ana"));
    }

    #[test]
    fn wrong_resume_codes_are_paced_after_three_and_never_lock_the_game() {
        let a = Access::new(None, None, None, b"secret", Slowing::default());
        let code = a.resume_code("g.ron", "ana");
        let t0 = Instant::now();
        for _ in 0..RESUME_FREE_MISSES {
            assert_eq!(a.try_resume("g.ron", "ana", "WRONG1", t0), Resume::Wrong);
        }
        // A fourth try at once is not even checked, the right code included.
        assert_eq!(a.try_resume("g.ron", "ana", "WRONG1", t0), Resume::TooSoon);
        assert_eq!(a.try_resume("g.ron", "ana", &code, t0), Resume::TooSoon);
        // Another game, or another name, is not slowed.
        assert_eq!(a.try_resume("h.ron", "ana", "WRONG1", t0), Resume::Wrong);
        // A second later the right code opens it: nothing is locked.
        let later = t0 + RESUME_PACE;
        assert_eq!(a.try_resume("g.ron", "ana", &code, later), Resume::Opened);
        assert_eq!(a.try_resume("g.ron", "ana", "WRONG1", later), Resume::Wrong);
        assert_eq!(a.wrong_resume_codes(), 5);
    }

    #[test]
    fn a_class_code_shorter_than_eight_characters_is_refused() {
        let dir = std::env::temp_dir().join(format!("chokepoints-code-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("code.txt");
        std::fs::write(&file, "tiger42\n").unwrap();
        let e = read_class_code(&file).unwrap_err().to_string();
        assert!(e.contains("at least 8 characters"), "{e}");
        std::fs::write(&file, " tiger-42 \nsecond line\n").unwrap();
        assert_eq!(read_class_code(&file).unwrap(), "tiger-42");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_class_code_must_match_whole() {
        let a = Access::new(
            None,
            Some("tiger-42".into()),
            None,
            b"s",
            Slowing::default(),
        );
        assert!(a.code_fits("tiger-42"));
        assert!(a.code_fits(" tiger-42\n"));
        assert!(!a.code_fits("tiger-4"));
        assert!(!a.code_fits(""));
        assert!(!a.is_open());
    }

    #[test]
    fn a_name_is_one_connection_at_a_time() {
        let a = Access::new(None, None, None, b"s", Slowing::default());
        assert!(a.connect("Ana"));
        assert!(!a.connect("ana"));
        a.disconnect("ANA");
        assert!(a.connect("ana"));
    }
}
