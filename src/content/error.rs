//! Errors in content files, written for the person who must fix the file:
//! which file, which line, which field, and what is wrong.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ContentError {
    /// The file, as the user named it (or the built-in asset's path).
    pub file: String,
    /// 1-based line and column, where known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The field path within the file, e.g. `rules[2].weight`.
    pub field: Option<String>,
    pub message: String,
}

impl ContentError {
    pub fn new(file: &str, message: impl Into<String>) -> ContentError {
        ContentError {
            file: file.to_string(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
        }
    }

    pub fn at_line(mut self, line: Option<usize>) -> ContentError {
        self.line = line;
        self
    }

    pub fn in_field(mut self, field: impl Into<String>) -> ContentError {
        let field = field.into();
        // serde_path_to_error says `?` where it cannot name a field.
        if !field.is_empty() && field != "." && !field.contains('?') {
            self.field = Some(field);
        }
        self
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Why [`Content::rules`](super::Content::rules) cannot build a game's rules:
/// a name the content does not have. Each case keeps the names it does have,
/// so the message can offer them.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error("unknown scenario `{given}` (expected one of: {})", .known.join(", "))]
    UnknownScenario { given: String, known: Vec<String> },
    #[error("unknown doctrine `{given}` (expected one of: {})", .known.join(", "))]
    UnknownDoctrine { given: String, known: Vec<String> },
}
