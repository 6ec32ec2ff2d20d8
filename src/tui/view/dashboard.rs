//! The dashboard: gauges, standing policy, the move list with the
//! highlighted move's preview, the news log, and on large terminals the
//! history chart. Its layout is a pure function of the area, shared with
//! the mouse handling in `keys`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::describe::{self, turn_date};
use crate::engine::{Gauge, MoveId, Side, TurnReport};
use crate::play::preview;
use crate::strings;
use crate::tui::app::{App, Focus};

use super::{chart, clamp_scroll, gauges, panel, wrapped};

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
    // The panel's rows at a width: the policy, then each standing
    // situation (in full only where the chart has room too).
    let rows = |width: u16, full: bool, fit: Option<usize>| {
        gauges::policy_rows(app, width.saturating_sub(2), full, fit).len() as u16 + 1
    };
    let moves_height = MoveId::COUNT as u16 + 1;
    if is_large(body) {
        let policy_height = rows(left.width, true, None);
        let [g, p, c] = Layout::vertical([
            Constraint::Length(2 * Gauge::COUNT as u16 + 1),
            Constraint::Length(policy_height),
            Constraint::Fill(1),
        ])
        .areas(left);
        let [m, d, l] = Layout::vertical([
            Constraint::Length(moves_height),
            Constraint::Fill(2),
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
        // The news keeps a few rows whatever stands (its title and two).
        let room = body.height.saturating_sub(moves_height + 3).max(2);
        let policy_height = rows(right.width, false, Some(usize::from(room - 1))).min(room);
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
    gauges::render_policy(app, frame, l.policy, l.chart.is_some());
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
            let idle = app
                .preview_of(*m)
                .is_some_and(|f| f.idle.as_ref().is_some_and(|i| i.nothing));
            let mark = if app.warning_for(*m).is_some() {
                strings::RISKY_MARK
            } else if idle {
                strings::IDLE_MARK
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
    let lines = detail_lines(app, inner.width);
    // Too much for the panel: it scrolls (PgUp/PgDn), and says so.
    let scroll = clamp_scroll(app.detail_scroll, lines.len(), inner.height);
    let hidden_below = lines.len() > usize::from(scroll) + usize::from(inner.height);
    let block = match (scroll > 0, hidden_below) {
        (false, false) => block,
        (up, down) => {
            let hint = match (up, down) {
                (true, true) => strings::DETAIL_MORE_BOTH,
                (true, false) => strings::DETAIL_MORE_ABOVE,
                _ => strings::DETAIL_MORE_BELOW,
            };
            block.title(Line::styled(hint, theme.key()).right_aligned())
        }
    };
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// Everything "About this move" says, most needed first: what would
/// change nothing, the risk that asks for confirmation, what the move is,
/// its forecast against holding course, Beijing's likely reply, what the
/// forecast assumes, and the advisor's line.
pub fn detail_lines<'a>(app: &App, width: u16) -> Vec<Line<'a>> {
    let theme = app.theme;
    let m = app.selected_move();
    let def = app.rules().move_def(m);
    let mut lines: Vec<Line> = super::review_note(app, app.game.moves.len(), width);
    let forecast = app.preview_of(m);
    if let Some(idle) = forecast.and_then(|f| f.idle.as_ref()) {
        lines.extend(wrapped(
            &format!("{} {}", strings::IDLE_MARK, preview::idle_text(idle)),
            width,
            "",
            theme.warning(),
        ));
    }
    let warning = app.warning_for(m);
    if let Some(warning) = &warning {
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
    // A replay shows the move played; what it answered is in the report.
    if app.replay.is_none()
        && let Some(answers) = describe::answers_text(app.rules(), &app.game.state, m)
    {
        lines.extend(wrapped(&answers, width, "", theme.good()));
    }
    lines.extend(wrapped(&def.summary, width, "", theme.text()));
    // A hard-to-undo move's risk line is in its warning already.
    if !def.irreversible {
        lines.extend(wrapped(
            &format!("{}: {}", strings::RISK, def.risk),
            width,
            "",
            theme.warning(),
        ));
    }
    if let Some(f) = forecast {
        if warning.is_none()
            && let Some(risk) = preview::Warning::risk_of(app.rules(), f)
        {
            lines.extend(wrapped(&risk, width, "", theme.danger()));
        }
        forecast_lines(app, f, width, &mut lines);
    }
    if app.advisor {
        lines.extend(super::advisor::lines(app, m, width));
    }
    lines
}

/// The forecast against holding course: a heading, then the gauges that
/// change most with the range of outcomes, then Beijing's likely reply
/// and what the forecast assumes.
fn forecast_lines<'a>(app: &App, f: &preview::Forecast, width: u16, lines: &mut Vec<Line<'a>>) {
    let theme = app.theme;
    let heading = if f.us_move == MoveId::HoldCourse {
        format!(
            "{} {}:",
            strings::FORECAST_HOLD,
            describe::quarters(f.quarters)
        )
    } else {
        format!(
            "{} {}:",
            strings::FORECAST_VERSUS,
            describe::quarters(f.quarters)
        )
    };
    lines.extend(wrapped(&heading, width, "", theme.heading()));
    let largest = f.largest(4);
    if largest.is_empty() {
        lines.extend(wrapped(
            strings::FORECAST_NO_DIFFERENCE,
            width,
            "  ",
            theme.dim(),
        ));
    }
    for (g, spread) in largest {
        let good = describe::judgement(g, spread.mean);
        let item = format!(
            "{} {} {}",
            strings::gauge_label(g),
            preview::spread_text(&spread),
            describe::judgement_mark(good)
        );
        lines.extend(wrapped(&item, width, "  ", theme.judged(good)));
    }
    // A human Beijing's reply is not for the scripted doctrine to guess.
    let human = app.hot_seat.is_some();
    if !human {
        let shown = if width >= 50 { 2 } else { 1 };
        let replies: Vec<String> = f
            .replies
            .iter()
            .take(shown)
            .map(|(r, n)| {
                format!(
                    "{} ({n} in {})",
                    app.rules().response_def(*r).name,
                    f.samples
                )
            })
            .collect();
        if !replies.is_empty() {
            let label = if width >= 50 {
                strings::LIKELY_REPLY
            } else {
                strings::LIKELY_REPLY_SHORT
            };
            lines.extend(wrapped(
                &format!("{label}: {}", replies.join("; ")),
                width,
                "",
                theme.text(),
            ));
        }
    }
    lines.extend(wrapped(
        &format!(
            "{} {}",
            preview::method(f),
            preview::assumption(app.rules(), human)
        ),
        width,
        "",
        theme.dim(),
    ));
}

/// The news, newest first, as wrapped lines; `brief` leaves out Beijing's
/// reasons (the turn report and the intelligence panel give them).
/// Control's messages stand where they arrived among the quarters, and
/// what it sent or timed out is marked.
pub fn log_lines<'a>(app: &'a App, width: u16, brief: bool) -> Vec<Line<'a>> {
    let theme = app.theme;
    let game = &app.game;
    let mut lines: Vec<Line> = Vec::new();
    for played in (0..=app.reports().len() as u32).rev() {
        for text in describe::messages_after(game, played).rev() {
            lines.extend(wrapped(
                &describe::control_message(text),
                width,
                "",
                theme.control(),
            ));
        }
        if let Some(report) = played
            .checked_sub(1)
            .and_then(|i| app.reports().get(i as usize))
        {
            quarter_news(app, report, width, brief, &mut lines);
        }
    }
    if app.reports().is_empty() {
        let empty = if app.replay.is_some() {
            strings::REPLAY_NO_NEWS
        } else {
            strings::NO_NEWS
        };
        lines.extend(wrapped(empty, width, "", theme.dim()));
    }
    lines
}

/// One quarter in the news: the moves (marked where time ran out), the
/// event and control's injects.
fn quarter_news<'a>(
    app: &App,
    report: &TurnReport,
    width: u16,
    brief: bool,
    lines: &mut Vec<Line<'a>>,
) {
    let theme = app.theme;
    let rules = app.rules();
    let lapsed = describe::timed_out_in(&app.game, report.turn);
    let mark = |side: Side| {
        if lapsed.contains(&side) {
            format!(" {}", strings::TIMED_OUT_SHORT)
        } else {
            String::new()
        }
    };
    let date = turn_date(rules, report.turn);
    let name = &rules.move_def(report.us_move).name;
    let us = if brief {
        format!("{date}: {name}{}", mark(Side::Us))
    } else {
        format!("{date} {}: {name}{}", strings::WASHINGTON, mark(Side::Us))
    };
    lines.extend(wrapped(&us, width, "", theme.heading()));
    let china_lapsed = lapsed.contains(&Side::China);
    for r in &report.responses {
        let name = format!(
            "{}{}",
            rules.response_def(r.response).name,
            mark(Side::China)
        );
        let player = app.china_player();
        let reason = describe::reason_unless_lapsed(r, player, china_lapsed);
        let text = match (brief, player, reason) {
            (true, Some(player), _) if describe::is_chosen(r) && !china_lapsed => {
                format!("{} ({player}): {name}", strings::BEIJING)
            }
            (false, _, Some(reason)) => format!("{}: {name}. {reason}", strings::BEIJING),
            _ => format!("{}: {name}", strings::BEIJING),
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
    for e in &report.injects {
        lines.extend(wrapped(
            &describe::inject_title(e),
            width,
            "  ",
            theme.control(),
        ));
    }
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
