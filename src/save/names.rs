//! Save names: a sensible default, and sanitising what a player types so a
//! name can never leave the saves folder.

use crate::engine::Game;

/// The longest save name we accept, in characters (without `.ron`).
pub const MAX_NAME_CHARS: usize = 64;

/// A default name such as `2025Q3-pragmatist-s1234-t05`: start date,
/// doctrine, seed and turns played.
pub fn default_name(game: &Game) -> String {
    let s = &game.rules.scenario;
    format!(
        "{}Q{}-{}-s{}-t{:02}",
        s.start_year, s.start_quarter, game.rules.doctrine.id, game.seed, game.state.turn
    )
}

/// Turns what a player typed into a safe file name ending in `.ron`: no path
/// separators, no `..`, no control characters, at most
/// [`MAX_NAME_CHARS`] characters. Errors are one line for the player.
pub fn sanitize_name(input: &str) -> Result<String, String> {
    let trimmed = input.trim();
    let stem = trimmed.strip_suffix(".ron").unwrap_or(trimmed);
    if stem.contains('/') || stem.contains('\\') {
        return Err("a save name cannot contain / or \\".to_string());
    }
    if stem.contains("..") {
        return Err("a save name cannot contain ..".to_string());
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
        return Err("a save name needs at least one letter or digit".to_string());
    }
    Ok(format!("{cleaned}.ron"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn control_characters_and_long_names_are_cut() {
        assert_eq!(sanitize_name("a\u{1b}[2Jb").unwrap(), "a2Jb.ron");
        let long = "x".repeat(10_000);
        assert_eq!(sanitize_name(&long).unwrap().len(), MAX_NAME_CHARS + 4);
    }
}
