//! The briefing: the scenario's text, its objectives and how to play.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::describe;
use crate::engine::score::Objective;
use crate::strings;
use crate::tui::app::App;

use super::{window, wrapped};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let scenario = &app.rules().scenario;
    let block = window(strings::BRIEFING_TITLE, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width.saturating_sub(2);
    let mut lines: Vec<Line> = vec![
        Line::styled(scenario.name.clone(), theme.title()),
        Line::raw(""),
    ];
    lines.extend(wrapped(&scenario.briefing, width, " ", theme.text()));
    lines.push(Line::raw(""));
    lines.extend(wrapped(
        &format!(
            "{} (weight in the score; {})",
            strings::OBJECTIVES_TITLE,
            describe::score_method_short(&scenario.scoring)
        ),
        inner.width,
        "",
        theme.heading(),
    ));
    let weights = scenario.scoring.weights.as_array();
    let objectives: Vec<String> = Objective::ALL
        .iter()
        .zip(weights)
        .zip(describe::weight_shares(&scenario.scoring))
        .filter(|((_, w), _)| *w > 0.0)
        .map(|((o, _), share)| format!("{} {share:.0}%", o.label()))
        .collect();
    lines.extend(wrapped(&objectives.join(" · "), width, " ", theme.text()));
    let beijing = match &app.hot_seat {
        Some(h) => crate::play::hot_seat::china_player_line(h),
        None => crate::describe::beijing_plays(app.rules()),
    };
    lines.extend(wrapped(
        &format!(
            "{} quarters from {}; {beijing}.",
            scenario.horizon,
            app.game.state.date(scenario),
        ),
        width,
        " ",
        theme.dim(),
    ));
    lines.push(Line::raw(""));
    for how in strings::BRIEFING_HOW {
        lines.extend(wrapped(how, width, " ", theme.text()));
    }
    let [text, hint] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    if lines.len() > usize::from(text.height) {
        // Short terminal: drop the spacing before cutting any text.
        lines.retain(|l| l.width() > 0);
    }
    frame.render_widget(Paragraph::new(lines), text);
    frame.render_widget(
        Paragraph::new(Line::styled(strings::BRIEFING_CONTINUE, theme.key())),
        hint,
    );
}
