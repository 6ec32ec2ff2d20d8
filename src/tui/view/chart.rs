//! The history chart: compute lead and U.S. leverage over the quarters
//! played, and optionally one more gauge. Series differ by marker as well
//! as colour.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, LegendPosition};

use crate::engine::{Date, Gauge};
use crate::strings;
use crate::tui::app::App;

use super::panel;

/// The gauges drawn: always compute lead and U.S. leverage, then the extra.
pub fn series(app: &App) -> Vec<Gauge> {
    let mut list = vec![Gauge::ComputeLead, Gauge::UsLeverage];
    list.extend(app.chart_extra);
    list
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, title: &str) {
    let theme = app.theme;
    let block = panel(title, theme, false);
    let gauges = series(app);
    let data: Vec<Vec<(f64, f64)>> = gauges
        .iter()
        .map(|g| {
            app.history
                .iter()
                .enumerate()
                .map(|(i, h)| (i as f64, h.get(*g)))
                .collect()
        })
        .collect();
    const MARKERS: [Marker; 3] = [Marker::Braille, Marker::Dot, Marker::Block];
    let datasets: Vec<Dataset> = gauges
        .iter()
        .zip(&data)
        .enumerate()
        .map(|(i, (g, points))| {
            let unit = if *g == Gauge::CapabilityGap {
                " (months)"
            } else {
                ""
            };
            Dataset::default()
                .name(format!("{}{unit}", strings::gauge_label(*g)))
                .marker(MARKERS[i % MARKERS.len()])
                .graph_type(GraphType::Line)
                .style(theme.series(i))
                .data(points)
        })
        .collect();
    let rules = app.rules();
    let horizon = rules.scenario.horizon.max(1);
    let start = Date {
        year: rules.scenario.start_year,
        quarter: rules.scenario.start_quarter,
    };
    let x_labels: Vec<Line> = vec![
        Line::from(start.to_string()),
        Line::from(start.plus_quarters(horizon / 2).to_string()),
        Line::from(start.plus_quarters(horizon).to_string()),
    ];
    let chart = Chart::new(datasets)
        .block(block)
        .legend_position(Some(LegendPosition::TopRight))
        .hidden_legend_constraints((
            ratatui::layout::Constraint::Percentage(60),
            ratatui::layout::Constraint::Percentage(60),
        ))
        .x_axis(
            Axis::default()
                .style(theme.dim())
                .bounds([0.0, f64::from(horizon)])
                .labels(x_labels),
        )
        .y_axis(
            Axis::default()
                .title(Span::styled("0–100", theme.dim()))
                .style(theme.dim())
                .bounds([0.0, 100.0])
                .labels(vec![Line::from("0"), Line::from("50"), Line::from("100")]),
        );
    frame.render_widget(chart, area);
}
