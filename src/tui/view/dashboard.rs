//! The dashboard: gauges, standing policy, the move list with the
//! highlighted move's preview, the news log, and on large terminals the
//! history chart. Its layout is a pure function of the area, shared with
//! the mouse handling in `keys`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::describe::{self, turn_date};
use crate::engine::{Gauge, MoveId};
use crate::tui::app::{App, Focus};
use crate::tui::preview::{self, Warning};
use crate::tui::strings;

use super::{chart, clamp_scroll, gauges, panel, wrap, wrapped};

/// Where each panel goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DashboardLayout {
    pub gauges: Rect,
    pub policy: Rect,
    pub moves: Rect,
    pub detail: Rect,
    pub log: Rect,
    pub chart: Option<Rect>,
}

/// Large terminals get the chart on the dashboard.
fn is_large(area: Rect) -> bool {
    area.width >= 120 && area.height >= 36
}

pub fn layout(app: &App, body: Rect) -> DashboardLayout {
    let [left, _, right] = Layout::horizontal([
        Constraint::Percentage(50),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(body);
    let policy_text = gauges::policy_parts(&app.game.state.policy).join(" · ");
    let moves_height = MoveId::COUNT as u16 + 1;
    if is_large(body) {
        let policy_height = wrap(&policy_text, usize::from(left.width)).len() as u16 + 1;
        let [g, p, c] = Layout::vertical([
            Constraint::Length(2 * Gauge::COUNT as u16 + 1),
            Constraint::Length(policy_height),
            Constraint::Fill(1),
        ])
        .areas(left);
        let [m, d, l] = Layout::vertical([
            Constraint::Length(moves_height),
            Constraint::Length(12),
            Constraint::Fill(1),
        ])
        .areas(right);
        DashboardLayout {
            gauges: g,
            policy: p,
            moves: m,
            detail: d,
            log: l,
            chart: Some(c),
        }
    } else {
        // Everything needed to decide first: the gauges and the chosen
        // move's preview on the left; the moves, the policy they change
        // and (in what room is left) the news on the right.
        let policy_height = wrap(&policy_text, usize::from(right.width)).len() as u16 + 1;
        let [g, d] = Layout::vertical([
            Constraint::Length(Gauge::COUNT as u16 + 1),
            Constraint::Fill(1),
        ])
        .areas(left);
        let [m, p, l] = Layout::vertical([
            Constraint::Length(moves_height),
            Constraint::Length(policy_height),
            Constraint::Fill(1),
        ])
        .areas(right);
        DashboardLayout {
            gauges: g,
            policy: p,
            moves: m,
            detail: d,
            log: l,
            chart: None,
        }
    }
}

/// The body area under the header and above the footer.
fn body_of(area: Rect) -> Rect {
    Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    }
}

/// The move under a mouse position, if any.
pub fn move_at(app: &App, area: Rect, at: Position) -> Option<usize> {
    if area.width < super::MIN_WIDTH || area.height < super::MIN_HEIGHT {
        return None;
    }
    let moves = layout(app, body_of(area)).moves;
    let list = Rect {
        y: moves.y + 1,
        height: moves.height.saturating_sub(1),
        ..moves
    };
    if !list.contains(at) {
        return None;
    }
    let index = usize::from(at.y - list.y) + first_visible(app, list.height);
    (index < MoveId::COUNT).then_some(index)
}

/// The first move shown when the list is shorter than the moves.
fn first_visible(app: &App, rows: u16) -> usize {
    let rows = usize::from(rows).max(1);
    app.selected.saturating_sub(rows - 1)
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let l = layout(app, body);
    gauges::render(app, frame, l.gauges);
    gauges::render_policy(app, frame, l.policy);
    render_moves(app, frame, l.moves);
    render_detail(app, frame, l.detail);
    render_log(app, frame, l.log);
    if let Some(area) = l.chart {
        chart::render(app, frame, area, strings::CHART_TITLE);
    }
}

fn render_moves(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let title = match &app.replay {
        None => strings::MOVES_TITLE,
        Some(r) if r.next_move().is_some() => strings::REPLAY_MOVES_TITLE,
        Some(_) => strings::REPLAY_MOVES_END,
    };
    let block = panel(title, theme, app.focus == Focus::Moves);
    let inner = block.inner(area);
    let played = app.replay.as_ref().map(|r| r.next_move());
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let first = first_visible(app, inner.height);
    let lines: Vec<Line> = MoveId::ALL
        .iter()
        .enumerate()
        .skip(first)
        .map(|(i, m)| {
            let name = &app.rules().move_def(*m).name;
            let mark = if app.warning_for(*m).is_some() {
                strings::RISKY_MARK
            } else {
                " "
            };
            // A pointer as well as reverse video, for copies and screen readers.
            let highlighted = match played {
                None => i == app.selected,
                Some(next) => next.is_some_and(|m| m.index() == i),
            };
            let pointer = if highlighted { '›' } else { ' ' };
            let text = format!("{pointer}{:>2} {name}", i + 1);
            let pad = width.saturating_sub(text.chars().count() + 2);
            let line = format!("{text}{} {mark}", " ".repeat(pad));
            if highlighted {
                let style = if app.focus == Focus::Moves {
                    theme.selected()
                } else {
                    theme.heading()
                };
                Line::styled(line, style)
            } else {
                Line::from(vec![
                    Span::raw(format!("{text}{} ", " ".repeat(pad))),
                    Span::styled(mark, theme.warning()),
                ])
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_detail(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let block = panel(strings::DETAIL_TITLE, theme, false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width;
    let m = app.selected_move();
    let def = app.rules().move_def(m);
    let mut lines: Vec<Line> = Vec::new();
    let warning = app.warning_for(m);
    // An irreversible move's risk line says it is hard to undo: it is
    // marked there rather than repeated above.
    let irreversible = matches!(warning, Some(Warning::Irreversible(_)));
    if let Some(warning) = warning.filter(|_| !irreversible) {
        lines.extend(wrapped(
            &format!("{} {}", strings::RISKY_MARK, warning.text()),
            width,
            "",
            theme.danger(),
        ));
    }
    if preview::takes_up_offer(&app.game.state, m) {
        lines.extend(wrapped(strings::OVERTURE_STANDS, width, "", theme.good()));
    }
    lines.extend(wrapped(&def.summary, width, "", theme.text()));
    if irreversible {
        lines.extend(wrapped(
            &format!("{} {}: {}", strings::RISKY_MARK, strings::RISK, def.risk),
            width,
            "",
            theme.danger(),
        ));
    } else {
        lines.extend(wrapped(
            &format!("{}: {}", strings::RISK, def.risk),
            width,
            "",
            theme.warning(),
        ));
    }
    if let Some(p) = app.preview_of(m) {
        let mut spans: Vec<Span> = vec![Span::styled(
            if width >= 60 {
                strings::EXPECTED
            } else {
                "Expected:"
            },
            theme.heading(),
        )];
        let mut used = spans[0].width();
        for (g, d) in p.largest(4) {
            let good = describe::judgement(g, d);
            let item = format!(
                "{} {} {}",
                strings::gauge_label(g),
                describe::delta_text(d),
                describe::judgement_mark(good)
            );
            let len = item.chars().count() + 1;
            if used + len > usize::from(width) {
                lines.push(Line::from(std::mem::take(&mut spans)));
                used = 0;
            }
            spans.push(Span::raw(" "));
            spans.push(Span::styled(item, theme.judged(good)));
            used += len;
        }
        if !spans.is_empty() {
            lines.push(Line::from(spans));
        }
        // A narrow panel names only the likeliest reply; a human Beijing's
        // is not for the scripted doctrine to guess.
        let wide = width >= 50;
        let shown = match (app.hot_seat.is_some(), wide) {
            (true, _) => 0,
            (false, true) => 2,
            (false, false) => 1,
        };
        let replies: Vec<String> = p
            .replies
            .iter()
            .take(shown)
            .map(|(r, n)| {
                format!(
                    "{} ({n} in {})",
                    app.rules().response_def(*r).name,
                    p.samples
                )
            })
            .collect();
        if !replies.is_empty() {
            let label = if wide {
                strings::LIKELY_REPLY
            } else {
                strings::LIKELY_REPLY_SHORT
            };
            lines.extend(wrapped(
                &format!("{label}: {}", replies.join("; ")),
                width,
                "",
                theme.dim(),
            ));
        }
    }
    if app.advisor {
        super::advisor::append(app, m, inner, &mut lines);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The news, newest first, as wrapped lines; `brief` leaves out Beijing's
/// reasons (the turn report and the intelligence panel give them).
pub fn log_lines<'a>(app: &'a App, width: u16, brief: bool) -> Vec<Line<'a>> {
    let theme = app.theme;
    let rules = app.rules();
    let mut lines: Vec<Line> = Vec::new();
    if app.reports().is_empty() {
        let empty = if app.replay.is_some() {
            strings::REPLAY_NO_NEWS
        } else {
            strings::NO_NEWS
        };
        lines.extend(wrapped(empty, width, "", theme.dim()));
    }
    for report in app.reports().iter().rev() {
        let date = turn_date(rules, report.turn);
        let name = &rules.move_def(report.us_move).name;
        let us = if brief {
            format!("{date}: {name}")
        } else {
            format!("{date} {}: {name}", strings::WASHINGTON)
        };
        lines.extend(wrapped(&us, width, "", theme.heading()));
        for r in &report.responses {
            let name = &rules.response_def(r.response).name;
            let text = if brief {
                format!("{}: {name}", strings::BEIJING)
            } else {
                format!("{}: {name}. “{}”", strings::BEIJING, r.reason)
            };
            lines.extend(wrapped(&text, width, "  ", theme.text()));
        }
        if let Some(e) = &report.event {
            lines.extend(wrapped(
                &format!("{}: {}", strings::EVENT, e.title),
                width,
                "  ",
                theme.warning(),
            ));
        }
    }
    lines
}

fn render_log(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let block = panel(strings::LOG_TITLE, theme, app.focus == Focus::Log);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Too short a panel for whole quotes shows who did what, unless the
    // player has moved into it to read.
    let brief = inner.height < 6 && app.focus != Focus::Log;
    let lines = log_lines(app, inner.width, brief);
    let scroll = clamp_scroll(app.log_scroll, lines.len(), inner.height);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
