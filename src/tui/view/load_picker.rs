//! The load picker: the saves folder's files with their date, scenario,
//! turn and score; files that cannot be loaded are listed with the reason.
//! The table itself (`table`) is the lobby's list of games too.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::save::SaveEntry;
use crate::strings;
use crate::tui::app::{App, Picker};
use crate::tui::style::Theme;

use super::{centered, clip, window, wrapped};

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
    let mut footer: Vec<Line> = Vec::new();
    if let Some(e) = &picker.error {
        footer.extend(wrapped(&format!("✗ {e}"), inner.width, " ", theme.danger()));
    } else if let Some(reason) = unreadable(&picker.entries, picker.selected, inner.width, theme) {
        footer.extend(reason);
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
    let lines: Vec<Line> = if picker.entries.is_empty() {
        let dir = app
            .saves
            .as_ref()
            .map(|s| s.dir.display().to_string())
            .unwrap_or_default();
        wrapped(
            &format!("{} ({dir})", strings::LOAD_EMPTY),
            inner.width,
            " ",
            theme.dim(),
        )
    } else {
        let height = usize::from(inner.height).saturating_sub(footer.len() + 1);
        table(&picker.entries, picker.selected, inner.width, height, theme)
    };
    with_footer(frame, inner, lines, footer);
}

/// Draws `lines` from the top of `area` and `footer` at its foot, when
/// there is room for the footer under them. The load picker and the
/// lobby's list of games share it.
pub fn with_footer(frame: &mut Frame, area: Rect, lines: Vec<Line<'_>>, footer: Vec<Line<'_>>) {
    let used = lines.len() as u16;
    frame.render_widget(Paragraph::new(lines), area);
    let foot_height = footer.len() as u16;
    if area.height > used + foot_height {
        let foot = Rect {
            y: area.bottom() - foot_height,
            height: foot_height,
            ..area
        };
        frame.render_widget(Paragraph::new(footer), foot);
    }
}

/// A table of saves `width` columns wide and at most `height` lines high:
/// a heading, then the files from the one that keeps `selected` in view,
/// with their date, scenario, turn, score and grade, or why they cannot be
/// read. The load picker and the lobby's list of games share it.
pub fn table(
    entries: &[SaveEntry],
    selected: usize,
    width: u16,
    height: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let width = usize::from(width);
    // Pointer 2, date 8, turn 9, score 6, grade 5, and a space between.
    let fixed = 2 + 8 + 9 + 6 + 5 + 5;
    let scenario_width = SCENARIO.min(width.saturating_sub(fixed + 12) / 2).max(8);
    let name_width = width.saturating_sub(fixed + scenario_width).clamp(8, NAME);
    let mut lines = vec![Line::styled(
        format!(
            "  {:<name_width$} {:<8} {:<scenario_width$} {:>9} {:>6} {}",
            "File", "Date", "Scenario", "Played", "Score", "Grade"
        ),
        theme.title(),
    )];
    let rows = height.saturating_sub(1).max(1);
    let first = selected.saturating_sub(rows - 1);
    for (i, entry) in entries.iter().enumerate().skip(first).take(rows) {
        let pointer = if i == selected { '›' } else { ' ' };
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
                if i == selected {
                    Line::styled(text, theme.selected())
                } else {
                    Line::styled(text, theme.text())
                }
            }
            Err(message) => {
                let style = if i == selected {
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
    lines
}

/// The whole reason the highlighted file cannot be read, if it cannot,
/// wrapped to `width` (its row in the table has room for the start only).
pub fn unreadable(
    entries: &[SaveEntry],
    selected: usize,
    width: u16,
    theme: Theme,
) -> Option<Vec<Line<'static>>> {
    let entry = entries.get(selected)?;
    let reason = entry.info.as_ref().err()?;
    Some(wrapped(
        &format!("✗ {}: {reason}", entry.name),
        width,
        " ",
        theme.danger(),
    ))
}
