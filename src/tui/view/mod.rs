//! Drawing the model: `view(&App, &mut Frame)` can read the game but change
//! nothing. One file per screen or panel; shared helpers here.

pub mod advisor;
pub mod briefing;
pub mod chart;
pub mod chrome;
pub mod control;
pub mod dashboard;
pub mod debrief;
pub mod gauges;
pub mod hot_seat;
pub mod load_picker;
pub mod lobby;
pub mod model_card;
pub mod overlays;
pub mod report;
pub mod save_prompt;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::{App, Screen};
use super::style::Theme;
use crate::strings;

/// The smallest terminal the game draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Whether a terminal of `area` is large enough to draw in (the game's,
/// the lobby's and the control desk's screens alike).
pub fn fits(area: Rect) -> bool {
    area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT
}

/// Draws the whole screen.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if !fits(area) {
        too_small(app.theme, frame, area);
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::header(app, frame, header);
    match app.screen {
        Screen::Briefing => briefing::render(app, frame, body),
        Screen::Dashboard => dashboard::render(app, frame, body),
        Screen::Report => report::render(app, frame, body),
        Screen::Debrief => debrief::render(app, frame, body),
        Screen::PassKeyboard(side) => hot_seat::render_pass(app, side, frame, body),
        Screen::ChinaBriefing => hot_seat::render_briefing(app, frame, body),
        Screen::ChinaTurn => hot_seat::render_turn(app, frame, body),
        Screen::Waiting => hot_seat::render_waiting(app, frame, body),
    }
    chrome::footer(app, frame, footer);
    overlays::render(app, frame, body);
}

fn too_small(theme: Theme, frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::styled(strings::TOO_SMALL, theme.warning()),
        Line::from(format!("(now {}×{})", area.width, area.height)),
        Line::styled("Ctrl-C quits", theme.dim()),
    ];
    centred(frame, area, lines);
}

/// Lines centred in `area`, across and down, wrapped to its width.
pub fn centred(frame: &mut Frame, area: Rect, lines: Vec<Line>) {
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let inner = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        inner,
    );
}

/// A panel with a title on its top rule.
pub fn panel<'a>(title: &'a str, theme: Theme, focused: bool) -> Block<'a> {
    let border = if focused {
        theme.border_focused()
    } else {
        theme.border()
    };
    Block::new()
        .borders(Borders::TOP)
        .border_style(border)
        .title(Span::styled(title, theme.title()))
}

/// A bordered window for overlays.
pub fn window<'a>(title: &'a str, theme: Theme) -> Block<'a> {
    Block::bordered()
        .border_style(theme.border_focused())
        .title(Span::styled(title, theme.title()))
}

/// Word-wraps plain text to `width` columns (at least 1), keeping words
/// whole where they fit. Counting chars is right for this game's text.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in paragraph.split_whitespace() {
            let mut word: Vec<char> = word.chars().collect();
            loop {
                let wlen = word.len();
                let gap = usize::from(len > 0);
                if len + gap + wlen <= width {
                    if gap == 1 {
                        line.push(' ');
                    }
                    line.extend(word.iter());
                    len += gap + wlen;
                    break;
                }
                if len > 0 {
                    lines.push(std::mem::take(&mut line));
                    len = 0;
                    continue;
                }
                // A word longer than the line: break it.
                let rest = word.split_off(width);
                lines.push(word.iter().collect());
                word = rest;
            }
        }
        lines.push(line);
    }
    lines
}

/// Wrapped text as styled lines, each prefixed (e.g. an indent).
pub fn wrapped<'a>(
    text: &str,
    width: u16,
    indent: &'a str,
    style: ratatui::style::Style,
) -> Vec<Line<'a>> {
    let inner = usize::from(width).saturating_sub(indent.chars().count());
    wrap(text, inner)
        .into_iter()
        .map(|l| Line::from(vec![Span::raw(indent), Span::styled(l, style)]))
        .collect()
}

/// In the replay viewer, the review's verdict on the decision made in
/// quarter `index` (from 0), as wrapped lines: its label and what it gave
/// up, and the expert's move; "being reviewed" until the review is ready.
pub fn review_note<'a>(app: &App, index: usize, width: u16) -> Vec<Line<'a>> {
    use crate::play::review::Status;
    use crate::sim::review::Label;
    if app.replay.is_none() {
        return Vec::new();
    }
    let theme = app.theme;
    match &app.review {
        Status::Ready(r) => match r.decisions.get(index) {
            Some(d) => {
                let style = match d.label {
                    Label::Best | Label::Good => theme.good(),
                    Label::Questionable => theme.warning(),
                    Label::Costly | Label::VeryCostly => theme.bad(),
                };
                let expert = if d.expert == d.played {
                    String::new()
                } else {
                    format!(
                        "; the expert preferred {}",
                        app.rules().move_def(d.expert).name
                    )
                };
                wrapped(
                    &format!(
                        "{}: {}{expert}",
                        crate::strings::REVIEW_TITLE,
                        crate::report::review::label_with_cost(d)
                    ),
                    width,
                    "",
                    style,
                )
            }
            None => Vec::new(),
        },
        Status::Running { done, total, .. } => wrapped(
            &format!(
                "{}: {done} of {total} quarters reviewed…",
                crate::strings::REVIEW_TITLE
            ),
            width,
            "",
            theme.dim(),
        ),
        Status::NotStarted => Vec::new(),
    }
}

/// Wrapped text with a hanging indent: `first` before the first line (a
/// bullet, say), `rest` before the others.
pub fn hanging<'a>(
    text: &str,
    width: u16,
    first: &'a str,
    rest: &'a str,
    style: ratatui::style::Style,
) -> Vec<Line<'a>> {
    let inner = usize::from(width).saturating_sub(first.chars().count().max(rest.chars().count()));
    wrap(text, inner)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let indent = if i == 0 { first } else { rest };
            Line::from(vec![Span::raw(indent), Span::styled(l, style)])
        })
        .collect()
}

/// At most `n` columns, with … when cut (a wide character, such as a
/// Chinese one, takes two).
pub fn clip(text: &str, n: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= n {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > n {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Exactly `width` columns: cut with … (`clip`) or padded, on the right
/// or, for figures, on the left. The class console's and the control
/// desk's tables line up with it, whatever the names hold.
pub fn fit(text: &str, width: usize, right: bool) -> String {
    use unicode_width::UnicodeWidthStr;
    let text = clip(text, width);
    let pad = " ".repeat(width.saturating_sub(text.width()));
    if right {
        format!("{pad}{text}")
    } else {
        format!("{text}{pad}")
    }
}

/// A scroll offset that stops at the last screenful.
pub fn clamp_scroll(scroll: u16, lines: usize, visible: u16) -> u16 {
    let max = lines.saturating_sub(usize::from(visible));
    scroll.min(u16::try_from(max).unwrap_or(u16::MAX))
}

/// A centred rectangle of at most `width`×`height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_measures_columns_not_characters() {
        use unicode_width::UnicodeWidthStr;
        for name in [
            "ana",
            "\u{738b}\u{5c0f}\u{660e}",
            "\u{738b}\u{5c0f}\u{660e}\u{738b}\u{5c0f}\u{660e}",
            "Zo\u{eb}",
        ] {
            assert_eq!(fit(name, 5, false).width(), 5, "{name}");
            assert_eq!(fit(name, 5, true).width(), 5, "{name}");
        }
        assert_eq!(
            fit("\u{738b}\u{5c0f}\u{660e}\u{738b}", 5, false),
            "\u{738b}\u{5c0f}…"
        );
    }

    #[test]
    fn wrapping_keeps_words_and_breaks_long_ones() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
        assert_eq!(wrap("", 5), vec![""]);
    }
}
