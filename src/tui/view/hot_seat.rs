//! Hot-seat screens: passing the keyboard between the sides, Beijing's
//! briefing, and Beijing's choice of response (with the gauges both sides
//! can see, and each response's direct effects).

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::engine::{Gauge, ResponseId};
use crate::play::hot_seat::{Side, china_briefing, response_preview};
use crate::strings;
use crate::tui::app::App;

use super::{gauges, panel, window, wrap, wrapped};

pub fn render_pass(app: &App, side: Side, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let block = window(strings::PASS_TITLE, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let name = app.hot_seat.as_ref().map_or("", |h| h.name(side));
    let role = match side {
        Side::Us => strings::US_SIDE,
        Side::China => strings::CHINA_SIDE,
    };
    let who = if name == role {
        role.to_string()
    } else {
        format!("{name} ({role})")
    };
    let lines = vec![
        Line::styled(format!("Pass the keyboard to {who}."), theme.title()),
        Line::raw(""),
        Line::styled(strings::PASS_HIDDEN, theme.text()),
        Line::raw(""),
        Line::styled(strings::PASS_CONTINUE, theme.key()),
    ];
    let top = inner.height.saturating_sub(5) / 2;
    let centred = Rect {
        y: inner.y + top,
        height: inner.height - top,
        ..inner
    };
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), centred);
}

pub fn render_briefing(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let block = window(strings::CHINA_BRIEFING_TITLE, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width.saturating_sub(2);
    let mut lines = vec![
        Line::styled(app.rules().scenario.name.clone(), theme.title()),
        Line::raw(""),
    ];
    lines.extend(wrapped(
        &china_briefing(app.rules()),
        width,
        " ",
        theme.text(),
    ));
    let [text, hint] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Paragraph::new(lines), text);
    frame.render_widget(
        Paragraph::new(Line::styled(strings::PASS_CONTINUE, theme.key())),
        hint,
    );
}

pub fn render_turn(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .spacing(1)
            .areas(area);
    let rows = ResponseId::COUNT as u16 + 1;
    let (gauge_area, policy_area, list_area, detail_area) = if area.height
        >= 2 * Gauge::COUNT as u16 + 1 + 5
    {
        // Room for the gauges' meanings: the standing policy under them,
        // the response's effects under the list.
        let [g, p] = Layout::vertical([Constraint::Min(9), Constraint::Length(5)]).areas(left);
        let [l, d] = Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(right);
        (g, p, l, d)
    } else {
        // As Washington's dashboard lays out a small terminal: the
        // response's effects under the gauges, the policy under the list.
        let policy_text = crate::describe::policy_parts(&app.game.state.policy).join(" · ");
        let policy_rows = wrap(&policy_text, usize::from(right.width)).len() as u16 + 1;
        let [g, d] = Layout::vertical([
            Constraint::Length(Gauge::COUNT as u16 + 1),
            Constraint::Fill(1),
        ])
        .areas(left);
        let [l, p] = Layout::vertical([Constraint::Length(rows), Constraint::Length(policy_rows)])
            .areas(right);
        (g, p, l, d)
    };
    gauges::render(app, frame, gauge_area);
    gauges::render_policy(app, frame, policy_area);

    let selected = app.hot_seat.as_ref().map_or(0, |h| h.selected);
    let block = panel(strings::CHINA_TURN_TITLE, theme, true);
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = ResponseId::ALL
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let name = &app.rules().response_def(*r).name;
            let pointer = if i == selected { '›' } else { ' ' };
            let text = format!("{pointer}{:>2} {name}", i + 1);
            let line = format!("{text:<width$}");
            if i == selected {
                Line::styled(line, theme.selected())
            } else {
                Line::raw(line)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);

    let block = panel(strings::CHINA_DETAIL_TITLE, theme, false);
    let inner = block.inner(detail_area);
    frame.render_widget(block, detail_area);
    let response = ResponseId::ALL[selected.min(ResponseId::COUNT - 1)];
    let def = app.rules().response_def(response);
    let width = inner.width;
    let mut lines = wrapped(&def.summary, width, "", theme.text());
    let heading = if width >= 50 {
        strings::CHINA_DIRECT_EFFECTS
    } else {
        strings::CHINA_DIRECT_EFFECTS_SHORT
    };
    lines.extend(wrapped(heading, width, "", theme.heading()));
    for effect in response_preview(app.rules(), response) {
        lines.extend(wrapped(&effect, width, " ", theme.text()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
