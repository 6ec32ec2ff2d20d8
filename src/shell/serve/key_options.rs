//! The options of an `authorized_keys` line that the server honours, as
//! sshd does: `from="pattern,…"` (the addresses the key may sign in from),
//! `expiry-time="YYYYMMDD[HHMM[SS]]"` (UTC here), `restrict` and `no-pty`
//! (no terminal, so no game), `pty` (a terminal again after `restrict`),
//! and the forwarding refusals the server applies to everyone anyway
//! (`no-port-forwarding`, `no-agent-forwarding`, `no-X11-forwarding`,
//! `no-user-rc`). Any other option (`command=`, `environment=`,
//! `permitopen=`, …) refuses the file at start: a key whose limits would be
//! silently dropped is worse than a teacher told to fix the line.

use std::net::IpAddr;

/// What one key's options allow.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyRules {
    /// Patterns the client's address must match (None: any address).
    from: Option<Vec<String>>,
    /// Seconds since the Unix epoch after which the key is refused.
    expires: Option<u64>,
    /// Whether the key may have a terminal.
    no_pty: bool,
}

impl KeyRules {
    /// Reads a key's options; an option not understood is an error that
    /// names it.
    pub fn parse<'a>(options: impl Iterator<Item = &'a str>) -> Result<KeyRules, String> {
        let mut rules = KeyRules::default();
        let mut restrict = false;
        let mut pty = false;
        for option in options {
            let (name, value) = match option.split_once('=') {
                Some((n, v)) => (n.to_ascii_lowercase(), Some(v.trim_matches('"'))),
                None => (option.to_ascii_lowercase(), None),
            };
            match (name.as_str(), value) {
                ("from", Some(v)) => {
                    rules.from = Some(v.split(',').map(|p| p.trim().to_string()).collect());
                }
                ("expiry-time", Some(v)) => {
                    rules.expires =
                        Some(expiry(v).ok_or_else(|| {
                            format!("expiry-time=\"{v}\" is not YYYYMMDD[HHMM[SS]]")
                        })?);
                }
                ("restrict", None) => restrict = true,
                ("pty", None) => pty = true,
                ("no-pty", None) => rules.no_pty = true,
                (
                    "no-port-forwarding"
                    | "no-agent-forwarding"
                    | "no-x11-forwarding"
                    | "no-user-rc",
                    None,
                ) => {}
                _ => {
                    return Err(format!(
                        "the option {option} is not one this server honours (it honours from=, expiry-time=, restrict, pty, no-pty and the no-…-forwarding options): remove it, or the key would sign in without it"
                    ));
                }
            }
        }
        if restrict && !pty {
            rules.no_pty = true;
        }
        Ok(rules)
    }

    /// Whether the key may sign in from `ip` at `now` (seconds since the
    /// Unix epoch).
    pub fn allows(&self, ip: Option<IpAddr>, now: u64) -> bool {
        if self.expires.is_some_and(|t| now >= t) {
            return false;
        }
        match (&self.from, ip) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(patterns), Some(ip)) => from_allows(patterns, ip),
        }
    }

    /// Whether the key may have a terminal (and so play).
    pub fn pty(&self) -> bool {
        !self.no_pty
    }
}

/// sshd's rule for `from=`: a negated pattern that matches refuses, else
/// any plain pattern that matches admits. Patterns are addresses with `*`
/// and `?`, or `ADDR/BITS`; host names are not looked up (the server
/// makes no DNS queries), so they match nothing.
fn from_allows(patterns: &[String], ip: IpAddr) -> bool {
    let text = ip.to_string();
    let mut admitted = false;
    for pattern in patterns {
        let (negated, p) = match pattern.strip_prefix('!') {
            Some(p) => (true, p),
            None => (false, pattern.as_str()),
        };
        let hit = match p.split_once('/') {
            Some((net, bits)) => in_network(ip, net, bits),
            None => glob(p.as_bytes(), text.as_bytes()),
        };
        if hit && negated {
            return false;
        }
        admitted |= hit && !negated;
    }
    admitted
}

fn in_network(ip: IpAddr, net: &str, bits: &str) -> bool {
    let (Ok(net), Ok(bits)) = (net.parse::<IpAddr>(), bits.parse::<u32>()) else {
        return false;
    };
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) if bits <= 32 => {
            let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) if bits <= 128 => {
            let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}

/// `*` any run, `?` one character.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match (pattern.first(), text.first()) {
        (None, None) => true,
        (Some(b'*'), _) => {
            glob(&pattern[1..], text) || (!text.is_empty() && glob(pattern, &text[1..]))
        }
        (Some(b'?'), Some(_)) => glob(&pattern[1..], &text[1..]),
        (Some(p), Some(t)) if p.eq_ignore_ascii_case(t) => glob(&pattern[1..], &text[1..]),
        _ => false,
    }
}

/// `YYYYMMDD[HHMM[SS]]`, UTC, as seconds since the Unix epoch.
fn expiry(v: &str) -> Option<u64> {
    let v = v.strip_suffix('Z').unwrap_or(v);
    if !matches!(v.len(), 8 | 12 | 14) || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| v.get(r).map_or(Some(0), |s| s.parse::<u64>().ok());
    let (y, m, d) = (n(0..4)?, n(4..6)?, n(6..8)?);
    let (h, min, s) = (n(8..10)?, n(10..12)?, n(12..14)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h > 23 || min > 59 || s > 59 || y < 1970
    {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3_600 + min * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(opts: &[&str]) -> KeyRules {
        KeyRules::parse(opts.iter().copied()).unwrap()
    }

    #[test]
    fn from_admits_matching_addresses_and_a_negation_refuses() {
        let r = rules(&["from=\"10.1.*,192.168.0.0/16,!10.1.2.3\""]);
        let ip = |s: &str| Some(s.parse().unwrap());
        assert!(r.allows(ip("10.1.9.9"), 0));
        assert!(r.allows(ip("192.168.44.1"), 0));
        assert!(!r.allows(ip("10.1.2.3"), 0));
        assert!(!r.allows(ip("127.0.0.1"), 0));
        assert!(rules(&[]).allows(ip("127.0.0.1"), 0));
    }

    #[test]
    fn an_expired_key_is_refused() {
        let r = rules(&["expiry-time=\"20261201\""]);
        let dec1 = 1_796_083_200; // 2026-12-01 00:00:00 UTC
        assert_eq!(expiry("20261201"), Some(dec1));
        assert!(r.allows(None, dec1 - 1));
        assert!(!r.allows(None, dec1));
        assert_eq!(expiry("197001010000"), Some(0));
        assert!(KeyRules::parse(["expiry-time=\"2026-12-01\""].into_iter()).is_err());
    }

    #[test]
    fn restrict_takes_the_terminal_unless_pty_gives_it_back() {
        assert!(!rules(&["restrict"]).pty());
        assert!(rules(&["restrict", "pty"]).pty());
        assert!(!rules(&["no-pty"]).pty());
        assert!(rules(&["no-port-forwarding", "no-agent-forwarding"]).pty());
    }

    #[test]
    fn an_option_not_honoured_is_an_error_that_names_it() {
        let e = KeyRules::parse(["command=\"/bin/sh\""].into_iter()).unwrap_err();
        assert!(e.contains("command=\"/bin/sh\""), "{e}");
    }
}
