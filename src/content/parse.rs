//! Reading one RON document into a content type, with the error's position
//! and field path.

use serde::de::DeserializeOwned;

use super::error::ContentError;

/// The largest content file we will read: far above any real scenario, far
/// below anything that could exhaust memory.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Parses `text` (from `file`) as a `T`, rejecting unknown fields, missing
/// fields and out-of-range values with their line and field.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, ContentError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ContentError::new(
            file,
            format!(
                "file is {} bytes; content files may be at most {MAX_FILE_BYTES}",
                text.len()
            ),
        ));
    }
    if text.trim().is_empty() {
        return Err(ContentError::new(file, "file is empty"));
    }
    let options = ron::Options::default();
    let mut de =
        ron::Deserializer::from_str_with_options(text, &options).map_err(|e| ContentError {
            line: Some(e.span.start.line),
            column: Some(e.span.start.col),
            ..ContentError::new(file, e.code.to_string())
        })?;
    let value = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(value) => value,
        Err(err) => {
            let path = err.path().to_string();
            let spanned = de.span_error(err.into_inner());
            return Err(ContentError {
                line: Some(spanned.span.start.line),
                column: Some(spanned.span.start.col),
                ..ContentError::new(file, spanned.code.to_string())
            }
            .in_field(path));
        }
    };
    de.end().map_err(|code| {
        let spanned = de.span_error(code);
        ContentError {
            line: Some(spanned.span.start.line),
            column: Some(spanned.span.start.col),
            ..ContentError::new(file, spanned.code.to_string())
        }
    })?;
    Ok(value)
}

/// The first line of `text` that contains `needle`, for errors found after
/// parsing (a reference to something that does not exist, say).
pub fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}
