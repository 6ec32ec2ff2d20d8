//! Save names: a sensible default, and sanitising what a player types so a
//! name can never leave the saves folder.

use crate::engine::Game;
use crate::save::Players;

/// A player's name as every comparison sees it: compatibility-normalised
/// (NFKC: fullwidth letters, the Kelvin sign and ligatures become the
/// letters they stand for) and case-folded, the same fold for signing in,
/// seats, saves and listings.
pub fn fold_player(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let lower: String = name.nfkc().collect::<String>().to_lowercase();
    lower.nfkc().collect()
}

/// Whether two names are one player's.
pub fn same_player(a: &str, b: &str) -> bool {
    a == b || fold_player(a) == fold_player(b)
}

/// The longest save name we accept, in characters (without `.ron`).
pub const MAX_NAME_CHARS: usize = 64;

/// A default name such as `2025Q3-pragmatist-s1234-t05`: start date,
/// doctrine, seed and turns played. When a person plays Beijing the
/// doctrine plays no part, so the players take its place
/// (`2025Q3-blue-vs-red-s1234-t05`, or `hot-seat` without names).
pub fn default_name(game: &Game, players: Option<&Players>) -> String {
    let s = &game.rules.scenario;
    let who = match players {
        None => game.rules.doctrine.id.clone(),
        Some(p) => {
            let names: Vec<&str> = [p.us.as_deref(), p.china.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if names.is_empty() {
                "hot-seat".to_string()
            } else {
                let joined: String = names
                    .join("-vs-")
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { '-' })
                    .collect();
                // Long names are cut so the date, seed and turn still fit.
                joined.to_lowercase().chars().take(32).collect()
            }
        }
    };
    format!(
        "{}Q{}-{who}-s{}-t{:02}",
        s.start_year, s.start_quarter, game.seed, game.state.turn
    )
}

/// What every autosave's file name starts with.
pub const AUTOSAVE_PREFIX: &str = "autosave-";

/// The file a game autosaves to, its own: `autosave-` then the players,
/// the session's start time (`stamp`, e.g. `20261129-2030`) and the seed,
/// such as `autosave-ana-20261129-2030-s1234.ron`. Two players sharing a
/// folder, or one player's two games, never write over each other.
pub fn autosave_name(us: Option<&str>, china: Option<&str>, stamp: &str, seed: u64) -> String {
    let who: Vec<&str> = [us, china].into_iter().flatten().collect();
    let who = if who.is_empty() {
        "washington".to_string()
    } else {
        who.join("-vs-")
    };
    let who: String = who
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let stem = format!("{AUTOSAVE_PREFIX}{who}-{stamp}-s{seed}").to_lowercase();
    // Sanitising keeps it a plain name in the folder; the seed stays whole
    // at the end, even after a long player name is cut.
    let tail = format!("-s{seed}");
    let head: String = stem[..stem.len() - tail.len()]
        .chars()
        .take(MAX_NAME_CHARS - tail.len())
        .collect();
    sanitize_name(&format!("{head}{tail}"))
        .unwrap_or_else(|_| format!("{AUTOSAVE_PREFIX}s{seed}.ron"))
}

/// Whether a file name is an autosave's.
pub fn is_autosave(file_name: &str) -> bool {
    file_name.starts_with(AUTOSAVE_PREFIX)
}

/// Why a typed save name was refused. `Display` is one line for the player.
/// (A name that is too long is not refused: it is cut.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("a save name cannot contain / or \\")]
    Separator,
    #[error("a save name cannot contain ..")]
    ParentDir,
    /// Nothing was left once the unsafe characters were dropped.
    #[error("a save name needs at least one letter or digit")]
    Empty,
}

/// Turns what a player typed into a safe file name ending in `.ron`: no path
/// separators, no `..`, no control characters, at most
/// [`MAX_NAME_CHARS`] characters.
pub fn sanitize_name(input: &str) -> Result<String, NameError> {
    let trimmed = input.trim();
    let stem = trimmed.strip_suffix(".ron").unwrap_or(trimmed);
    if stem.contains('/') || stem.contains('\\') {
        return Err(NameError::Separator);
    }
    if stem.contains("..") {
        return Err(NameError::ParentDir);
    }
    let cleaned: String = stem
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(MAX_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        return Err(NameError::Empty);
    }
    Ok(format!("{cleaned}.ron"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use std::sync::Arc;

    #[test]
    fn a_hot_seat_default_name_names_the_players_not_the_doctrine() {
        let content = Content::builtin().unwrap();
        let rules = content.rules("h20-reversal", None).unwrap();
        let game = Game::new(Arc::new(rules), 42);
        assert_eq!(default_name(&game, None), "2025Q3-pragmatist-s42-t00");
        let players = Players {
            us: Some("Blue".into()),
            china: Some("Team Red".into()),
        };
        assert_eq!(
            default_name(&game, Some(&players)),
            "2025Q3-blue-vs-team-red-s42-t00"
        );
        assert_eq!(
            default_name(&game, Some(&Players::default())),
            "2025Q3-hot-seat-s42-t00"
        );
        assert!(sanitize_name(&default_name(&game, Some(&players))).is_ok());
    }

    #[test]
    fn ordinary_names_gain_the_extension() {
        assert_eq!(sanitize_name("my game").unwrap(), "my-game.ron");
        assert_eq!(sanitize_name("class-3.ron").unwrap(), "class-3.ron");
    }

    #[test]
    fn names_cannot_escape_the_folder() {
        assert!(sanitize_name("../etc/passwd").is_err());
        assert!(sanitize_name("a/b").is_err());
        assert!(sanitize_name("a\\b").is_err());
        assert!(sanitize_name("..").is_err());
        assert!(sanitize_name("").is_err());
        assert_eq!(sanitize_name(".hidden").unwrap(), "hidden.ron");
    }

    #[test]
    fn each_refusal_says_why() {
        assert_eq!(sanitize_name("a/b"), Err(NameError::Separator));
        assert_eq!(sanitize_name("../etc"), Err(NameError::Separator));
        assert_eq!(sanitize_name("a..b"), Err(NameError::ParentDir));
        assert_eq!(sanitize_name(""), Err(NameError::Empty));
        assert_eq!(sanitize_name("  .ron "), Err(NameError::Empty));
        // Dropping the unsafe characters can leave nothing.
        assert_eq!(sanitize_name("!?*"), Err(NameError::Empty));
        assert_eq!(sanitize_name("..."), Err(NameError::ParentDir));
    }

    #[test]
    fn every_game_autosaves_to_a_file_of_its_own() {
        let a = autosave_name(Some("Ana"), None, "20261129-2030", 7);
        assert_eq!(a, "autosave-ana-20261129-2030-s7.ron");
        assert!(is_autosave(&a));
        assert_ne!(a, autosave_name(Some("Ben"), None, "20261129-2030", 7));
        assert_ne!(a, autosave_name(Some("Ana"), None, "20261129-2030", 8));
        assert_eq!(
            autosave_name(None, None, "20261129-2030", 1),
            "autosave-washington-20261129-2030-s1.ron"
        );
        let hot = autosave_name(Some("A"), Some("Team Red"), "x", 3);
        assert_eq!(hot, "autosave-a-vs-team-red-x-s3.ron");
        // A hostile or endless name stays a plain, bounded name in the folder.
        let odd = autosave_name(Some(&"../x/".repeat(50)), None, "t", u64::MAX);
        assert!(!odd.contains('/') && !odd.contains(".."), "{odd}");
        assert!(odd.ends_with(&format!("-s{}.ron", u64::MAX)), "{odd}");
    }

    #[test]
    fn control_characters_and_long_names_are_cut() {
        assert_eq!(sanitize_name("a\u{1b}[2Jb").unwrap(), "a2Jb.ron");
        let long = "x".repeat(10_000);
        assert_eq!(sanitize_name(&long).unwrap().len(), MAX_NAME_CHARS + 4);
    }
}
