//! The save prompt (a name to type, with the file it becomes) and the
//! overwrite confirmation.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::save::sanitize_name;
use crate::strings;
use crate::tui::app::{App, Prompt};

use super::{centered, window, wrapped};

pub fn render(app: &App, frame: &mut Frame, body: Rect, prompt: &Prompt) {
    let theme = app.theme;
    let width = body.width.min(72);
    let inner_width = width.saturating_sub(4);
    let dir = app
        .saves
        .as_ref()
        .map(|s| s.dir.display().to_string())
        .unwrap_or_default();
    let mut lines: Vec<Line> = wrapped(
        &format!("{} {dir}):", strings::SAVE_LABEL),
        inner_width,
        " ",
        theme.text(),
    );
    // A long name shows its end, where the typing happens.
    let field = usize::from(inner_width.saturating_sub(3)).max(1);
    let chars: Vec<char> = prompt.input.chars().collect();
    let shown: String = chars[chars.len().saturating_sub(field - 1)..]
        .iter()
        .collect();
    let input_row = lines.len() as u16;
    lines.push(Line::from(vec![
        Span::styled(" › ", theme.key()),
        Span::styled(shown.clone(), theme.heading()),
    ]));
    let (note, style) = match (
        prompt.error.clone(),
        sanitize_name(&prompt.input).map_err(|e| e.to_string()),
    ) {
        (Some(e), _) | (None, Err(e)) => (format!("✗ {e}"), theme.danger()),
        (None, Ok(file)) => (format!("→ {file}"), theme.dim()),
    };
    lines.extend(wrapped(&note, inner_width, " ", style));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(" {}", strings::SAVE_HINT),
        theme.key(),
    ));
    let area = centered(body, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(window(strings::SAVE_TITLE, theme)),
        area,
    );
    let x = area.x + 1 + 3 + shown.chars().count() as u16;
    let y = area.y + 1 + input_row;
    if x < area.right().saturating_sub(1) && y < area.bottom().saturating_sub(1) {
        frame.set_cursor_position(Position::new(x, y));
    }
}

/// "Overwrite NAME? y/n".
pub fn render_overwrite(app: &App, frame: &mut Frame, body: Rect, file_name: &str) {
    super::overlays::confirm(
        app.theme,
        frame,
        body,
        strings::CONFIRM_OVERWRITE_TITLE,
        &format!("Overwrite {file_name}? A save with this name already exists."),
        strings::CONFIRM_OVERWRITE_PROMPT,
    );
}
