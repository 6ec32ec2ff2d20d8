//! The gauges panel (value, unit, arrow, this quarter's change, judgement,
//! and on wide screens a bar, the recent history and what the number means)
//! and the standing-policy panel.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::describe::{self, Direction, Viewpoint};
use crate::engine::Gauge;
use crate::strings;
use crate::tui::app::App;

use super::{panel, wrap};

const LABEL: usize = 17;
const VALUE: usize = 9;
const CHANGE: usize = 9;

/// "↑  +1.2 ✓": arrow, signed change and judgement, in `CHANGE` columns.
pub fn change_text(delta: f64, good: Option<bool>) -> String {
    format!(
        "{} {:>5} {}",
        Direction::of(delta).arrow(),
        describe::delta_text(delta),
        describe::judgement_mark(good)
    )
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let wide = area.width >= 70;
    let title = match (app.viewpoint(), wide) {
        (Viewpoint::Washington, true) => strings::GAUGES_TITLE_LEGEND,
        (Viewpoint::Washington, false) => strings::GAUGES_TITLE,
        (Viewpoint::Beijing, true) => strings::GAUGES_TITLE_CHINA_LEGEND,
        // Beijing's marks mean the opposite of Washington's: always say so.
        (Viewpoint::Beijing, false) => strings::GAUGES_TITLE_CHINA,
    };
    let block = panel(title, theme, false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let state = &app.game.state;
    // With room for two lines a gauge, the second says what the number means.
    let two_lines = inner.height >= 2 * Gauge::COUNT as u16;
    let mut lines: Vec<Line> = Vec::new();
    for g in Gauge::ALL {
        let value = state.gauge(*g);
        let delta = app.last_delta(*g);
        let good = app.viewpoint().judgement(*g, delta);
        let mut spans = vec![
            Span::raw(format!("{:<LABEL$}", strings::gauge_label(*g))),
            Span::styled(
                format!("{:>VALUE$}", describe::value_text(*g, value)),
                theme.heading(),
            ),
            Span::raw(" "),
            Span::styled(change_text(delta, good), theme.judged(good)),
        ];
        let used = LABEL + VALUE + 1 + CHANGE;
        let room = width.saturating_sub(used + 1);
        if room >= 4 {
            let bar_len = room.min(if wide { 12 } else { 14 });
            let (lo, hi) = g.range();
            let fill = ((value - lo) / (hi - lo) * bar_len as f64).round() as usize;
            let fill = fill.min(bar_len);
            // Near the line where the game ends (crisis, collapse).
            let near_end = matches!(*g, Gauge::Tension | Gauge::MineralStress) && value >= 80.0;
            let bar_style = if near_end {
                theme.danger()
            } else {
                theme.series(0)
            };
            spans.push(Span::raw(" "));
            spans.push(Span::styled("█".repeat(fill), bar_style));
            spans.push(Span::styled("░".repeat(bar_len - fill), theme.dim()));
            let rest = room - bar_len;
            if rest >= 8 {
                let history: Vec<f64> = app.history.iter().map(|h| h.get(*g)).collect();
                spans.push(Span::raw(" "));
                spans.push(Span::styled(
                    spark(&history, lo, hi, (rest - 1).min(20)),
                    theme.series(1),
                ));
            }
        }
        lines.push(Line::from(spans));
        if two_lines {
            lines.push(Line::styled(
                format!("  {}", strings::gauge_meaning(*g)),
                theme.dim(),
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The last `n` values as a one-line sparkline.
pub fn spark(values: &[f64], lo: f64, hi: f64, n: usize) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let start = values.len().saturating_sub(n);
    let mut s: String = values[start..]
        .iter()
        .map(|v| {
            let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
            LEVELS[((t * 7.0).round() as usize).min(7)]
        })
        .collect();
    while s.chars().count() < n {
        s.push(' ');
    }
    s
}

/// The policy panel's rows at a width: the standing policy wrapped, then
/// each standing situation, in full (`full`, where the layout has room)
/// or one row each, cut to the width (where every row counts). Given at
/// most `fit` rows, the policy gives way first (to its short form), then
/// the situations past the last that fits are counted on one row.
pub fn policy_rows(app: &App, width: u16, full: bool, fit: Option<usize>) -> Vec<(String, bool)> {
    let width = usize::from(width).max(1);
    let state = &app.game.state;
    let text = describe::policy_parts(&state.policy).join(" · ");
    let policy = |text: &str| -> Vec<(String, bool)> {
        wrap(text, width).into_iter().map(|l| (l, false)).collect()
    };
    let mut situations: Vec<(String, bool)> = Vec::new();
    if full {
        for situation in describe::standing_lines(&app.game.rules, state) {
            situations.extend(wrap(&situation, width).into_iter().map(|l| (l, true)));
        }
    } else {
        for situation in describe::standing_short(&app.game.rules, state) {
            situations.push((cut(&situation, width), true));
        }
    }
    let mut rows = policy(&text);
    let Some(fit) = fit else {
        rows.extend(situations);
        return rows;
    };
    if rows.len() + situations.len() > fit && !situations.is_empty() {
        rows = policy(&describe::policy_short(&state.policy));
    }
    let room = fit.saturating_sub(rows.len()).max(1);
    if situations.len() > room {
        let more = situations.len() - (room - 1);
        situations.truncate(room - 1);
        situations.push((
            cut(
                &format!("{} +{more} more standing", strings::STANDING_MARK),
                width,
            ),
            true,
        ));
    }
    rows.extend(situations);
    rows
}

/// A short situation line cut to `width` characters: the title gives way
/// (with an ellipsis) so that the answers after the arrow stay whole.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let (head, tail) = match text.rfind(" → ") {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let room = width.saturating_sub(tail.chars().count() + 1);
    let mut out: String = head.chars().take(room).collect();
    out.push('…');
    out.push_str(tail);
    out.chars().take(width).collect()
}

pub fn render_policy(app: &App, frame: &mut Frame, area: Rect, full: bool) {
    let theme = app.theme;
    let block = panel(strings::POLICY_TITLE, theme, false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let fit = (!full).then_some(usize::from(inner.height));
    let lines: Vec<Line> = policy_rows(app, inner.width, full, fit)
        .into_iter()
        .map(|(text, situation)| {
            let style = if situation {
                theme.warning()
            } else {
                theme.text()
            };
            Line::styled(text, style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
