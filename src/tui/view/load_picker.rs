//! The load picker: the saves folder's files with their date, scenario,
//! turn and score; files that cannot be loaded are listed with the reason.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::strings;
use crate::tui::app::{App, Picker};

use super::{centered, window, wrapped};

/// The widest the file and scenario columns get; narrower windows give
/// them what is left after the date, turn, score and grade.
const NAME: usize = 30;
const SCENARIO: usize = 22;

pub fn render(app: &App, frame: &mut Frame, body: Rect, picker: &Picker) {
    let theme = app.theme;
    let area = centered(body, body.width.saturating_sub(4).max(1), body.height);
    let block = window(strings::LOAD_TITLE, theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    // Pointer 2, date 8, turn 9, score 6, grade 5, and a space between.
    let fixed = 2 + 8 + 9 + 6 + 5 + 5;
    let scenario_width = SCENARIO.min(width.saturating_sub(fixed + 12) / 2).max(8);
    let name_width = width.saturating_sub(fixed + scenario_width).clamp(8, NAME);
    let mut footer: Vec<Line> = Vec::new();
    if let Some(e) = &picker.error {
        footer.extend(wrapped(&format!("✗ {e}"), inner.width, " ", theme.danger()));
    } else if let Some(entry) = picker.entries.get(picker.selected)
        && let Err(reason) = &entry.info
    {
        // The highlighted file cannot be loaded: the whole reason, here.
        footer.extend(wrapped(
            &format!("✗ {}: {reason}", entry.name),
            inner.width,
            " ",
            theme.danger(),
        ));
    }
    let whose = |p: Option<&str>| match p {
        Some(p) => format!("{p}'s games"),
        None => "games with no player's name".to_string(),
    };
    let hint = match &picker.only {
        Some(p) => format!(
            "{} · p: all games (showing {})",
            strings::LOAD_HINT,
            whose(p.as_deref())
        ),
        None => format!("{} · p: only {}", strings::LOAD_HINT, whose(app.player())),
    };
    footer.extend(wrapped(hint.trim_start(), inner.width, " ", theme.key()));
    let mut lines: Vec<Line> = Vec::new();
    if picker.entries.is_empty() {
        let dir = app
            .saves
            .as_ref()
            .map(|s| s.dir.display().to_string())
            .unwrap_or_default();
        lines.extend(wrapped(
            &format!("{} ({dir})", strings::LOAD_EMPTY),
            inner.width,
            " ",
            theme.dim(),
        ));
    } else {
        lines.push(Line::styled(
            format!(
                "  {:<name_width$} {:<8} {:<scenario_width$} {:>9} {:>6} {}",
                "File", "Date", "Scenario", "Played", "Score", "Grade"
            ),
            theme.title(),
        ));
    }
    let rows = usize::from(inner.height)
        .saturating_sub(footer.len() + lines.len() + 1)
        .max(1);
    let first = picker.selected.saturating_sub(rows - 1);
    for (i, entry) in picker.entries.iter().enumerate().skip(first).take(rows) {
        let pointer = if i == picker.selected { '›' } else { ' ' };
        let name = clip(&entry.name, name_width);
        let line = match &entry.info {
            Ok(info) => {
                let turn = if info.over {
                    format!("end {}/{}", info.turn, info.horizon)
                } else {
                    format!("{}/{}", info.turn, info.horizon)
                };
                let text = format!(
                    "{pointer} {name:<name_width$} {:<8} {:<scenario_width$} {turn:>9} {:>6.1} {}",
                    info.date,
                    clip(&info.scenario, scenario_width),
                    info.score,
                    info.grade.letter()
                );
                let text = clip(&text, width);
                if i == picker.selected {
                    Line::styled(text, theme.selected())
                } else {
                    Line::styled(text, theme.text())
                }
            }
            Err(message) => {
                let style = if i == picker.selected {
                    theme.selected()
                } else {
                    theme.danger()
                };
                Line::from(vec![
                    Span::styled(format!("{pointer} {name:<name_width$} "), style),
                    Span::styled(
                        clip(
                            &format!("✗ {message}"),
                            width.saturating_sub(name_width + 3),
                        ),
                        style,
                    ),
                ])
            }
        };
        lines.push(line);
    }
    let used = lines.len() as u16;
    frame.render_widget(Paragraph::new(lines), inner);
    let foot_height = footer.len() as u16;
    if inner.height > used + foot_height {
        let foot = Rect {
            y: inner.bottom() - foot_height,
            height: foot_height,
            ..inner
        };
        frame.render_widget(Paragraph::new(footer), foot);
    }
}

/// At most `n` characters, with … when cut.
fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    let mut out: String = text.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}
