//! The briefing: the scenario's text, its objectives and how to play.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::engine::score::Objective;
use crate::tui::app::App;
use crate::tui::strings;

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
    lines.push(Line::styled(strings::OBJECTIVES_TITLE, theme.heading()));
    let weights = scenario.scoring.weights.as_array();
    let total: f64 = weights.iter().sum::<f64>().max(1.0);
    let objectives: Vec<String> = Objective::ALL
        .iter()
        .zip(weights)
        .filter(|(_, w)| *w > 0.0)
        .map(|(o, w)| format!("{} {:.0}%", o.label(), w / total * 100.0))
        .collect();
    lines.extend(wrapped(&objectives.join(" · "), width, " ", theme.text()));
    lines.extend(wrapped(
        &format!(
            "{} quarters from {}; Beijing plays the {} doctrine.",
            scenario.horizon,
            app.game.state.date(scenario),
            app.rules().doctrine.name
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
