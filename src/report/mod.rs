//! Debrief reports for classes: one game as Markdown (timeline, turning
//! points, discussion questions, model card), as CSV (one row per turn) or
//! as an SVG chart; and a class summary over many saved games.
//!
//! Pure text out of engine values: reading files and writing output belong
//! to the command line.

pub mod class;
mod questions;
pub mod review;

use std::fmt::Write;

use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;

use crate::describe::{
    self, gauge_label, gauge_meaning, objective_source, score_method, turning_point_text,
    turning_points, value_text, weight_shares,
};
use crate::engine::ids::{Gauge, Side};
use crate::engine::score::Objective;
use crate::engine::{Date, Game};
use crate::save::Players;
use crate::sim::review::Review;

pub use questions::discussion_questions;

/// The output formats of `chokepoints report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Csv,
    Svg,
}

/// The gauge values at the start of the game and after each turn.
pub fn gauge_history(game: &Game) -> Vec<[f64; Gauge::COUNT]> {
    let mut rows = Vec::with_capacity(game.reports.len() + 1);
    let start = crate::engine::State::new(&game.rules.scenario).gauges().0;
    rows.push(start);
    for report in &game.reports {
        let mut row = [0.0; Gauge::COUNT];
        for change in &report.changes {
            row[change.gauge.index()] = change.after;
        }
        rows.push(row);
    }
    rows
}

fn start_date(game: &Game) -> Date {
    Date {
        year: game.rules.scenario.start_year,
        quarter: game.rules.scenario.start_quarter,
    }
}

/// Who played: labels if given, else the side's description.
pub fn sides(game: &Game, players: &Players) -> (String, String) {
    let us = players
        .us
        .clone()
        .unwrap_or_else(|| "Washington (player)".to_string());
    let human_china = game.china.iter().any(Option::is_some);
    let china = match (&players.china, human_china) {
        (Some(name), _) => format!("{name} (Beijing, human)"),
        (None, true) => "Beijing (human)".to_string(),
        (None, false) if game.rules.doctrine_hidden() => format!(
            "Beijing ({} doctrine, hidden from Washington)",
            game.rules.doctrine.name
        ),
        (None, false) => format!("Beijing ({} doctrine)", game.rules.doctrine.name),
    };
    (us, china)
}

/// One game as a Markdown debrief, with its decision review when given.
pub fn markdown(game: &Game, players: &Players, decisions: Option<&Review>) -> String {
    let rules = &game.rules;
    let scenario = &rules.scenario;
    let score = game.score();
    let (us, china) = sides(game, players);
    let mut out = String::new();
    let _ = writeln!(out, "# Debrief: {}\n", scenario.name);
    let _ = writeln!(
        out,
        "- **Washington:** {us}\n- **Beijing:** {china}\n- **Seed:** {}\n- **Quarters played:** {} of {} (from {})",
        game.seed,
        game.state.turn,
        scenario.horizon,
        start_date(game)
    );
    let outcome = match game.state.outcome {
        Some(o) => o.label().to_string(),
        None => "in progress".to_string(),
    };
    let _ = writeln!(
        out,
        "- **Outcome:** {outcome}\n- **Score:** {:.1} of 100, grade **{}**\n",
        score.total,
        score.grade.letter()
    );

    if let (Some(belief), Some(reveal)) = (
        crate::play::intel::doctrine_belief(game),
        crate::play::intel::reading_beijing(game),
    ) {
        let _ = writeln!(
            out,
            "## Reading Beijing\n\nBeijing's doctrine was hidden. {reveal}\n"
        );
        for clue in crate::play::intel::strongest_clues(&belief, 3) {
            let _ = writeln!(out, "- {}", crate::play::intel::clue_text(rules, clue));
        }
        if !belief.clues.is_empty() {
            let _ = writeln!(out);
        }
    }
    let _ = writeln!(out, "## Score by objective\n");
    let _ = writeln!(
        out,
        "{} The score is the weighted mean of the objectives, less any penalties.\n",
        score_method(&scenario.scoring)
    );
    let _ = writeln!(
        out,
        "| objective | score (0–100) | weight (share of the total) |\n| --- | ---: | ---: |"
    );
    let shares = weight_shares(&scenario.scoring);
    for ((objective, value), share) in Objective::ALL.iter().zip(score.objectives).zip(shares) {
        let name = match objective_source(*objective) {
            Some(source) => format!("{} ({source})", objective.label()),
            None => objective.label().to_string(),
        };
        let _ = writeln!(out, "| {name} | {value:.1} | {share:.0}% |");
    }
    for (name, penalty) in &score.penalties {
        let _ = writeln!(out, "| penalty: {name} | −{penalty:.0} | |");
    }
    out.push('\n');

    if let Some(r) = decisions {
        out.push_str(&review::markdown(rules, r));
    }
    if let Some(text) = review::ending_quarter_text(game) {
        let _ = writeln!(out, "## The quarter that ended the game\n\n{text}\n");
    }

    out.push_str(&control_markdown(game));

    let _ = writeln!(out, "## Timeline\n");
    let history = gauge_history(game);
    let _ = write!(
        out,
        "| turn | date | Washington | Beijing (and why) | event |"
    );
    for g in Gauge::ALL {
        let _ = write!(out, " {} |", gauge_label(*g));
    }
    out.push('\n');
    let _ = write!(out, "| --- | --- | --- | --- | --- |");
    for _ in Gauge::ALL {
        out.push_str(" ---: |");
    }
    out.push('\n');
    let _ = write!(out, "| 0 | {} | *start* | | |", start_date(game));
    for g in Gauge::ALL {
        let _ = write!(out, " {} |", value_text(*g, history[0][g.index()]));
    }
    out.push('\n');
    for (i, report) in game.reports.iter().enumerate() {
        let date = start_date(game).plus_quarters(i as u32);
        // A side whose time ran out is marked; an answer given for
        // Beijing then has no reason, nobody chose it.
        let lapsed = describe::timed_out_in(game, report.turn);
        let mark = |side: Side| {
            if lapsed.contains(&side) {
                format!(" {}", crate::strings::TIMED_OUT_SHORT)
            } else {
                String::new()
            }
        };
        let beijing: Vec<String> = report
            .responses
            .iter()
            .map(|r| {
                let name = format!(
                    "{}{}",
                    rules.response_def(r.response).name,
                    mark(Side::China)
                );
                let lapsed = lapsed.contains(&Side::China);
                match describe::reason_unless_lapsed(r, players.china.as_deref(), lapsed) {
                    Some(reason) => format!("{name}: {reason}"),
                    None => name,
                }
            })
            .collect();
        // The drawn event, then control's injects, marked.
        let events: Vec<String> = report
            .event
            .iter()
            .map(|e| e.title.clone())
            .chain(report.injects.iter().map(describe::inject_title))
            .collect();
        let _ = write!(
            out,
            "| {} | {date} | {}{} | {} | {} |",
            report.turn,
            md_cell(&rules.move_def(report.us_move).name),
            mark(Side::Us),
            md_cell(&beijing.join("; ")),
            md_cell(&events.join("; "))
        );
        for g in Gauge::ALL {
            let _ = write!(out, " {} |", value_text(*g, history[i + 1][g.index()]));
        }
        out.push('\n');
    }
    out.push('\n');
    let _ = writeln!(out, "Units: {}.\n", units_line());

    let _ = writeln!(out, "## Turning points\n");
    let points = turning_points(rules, &game.reports, 5);
    if points.is_empty() {
        let _ = writeln!(out, "No quarter has been played yet.\n");
    }
    for point in points {
        let _ = writeln!(out, "- {}", turning_point_text(&point));
    }
    out.push('\n');

    let _ = writeln!(out, "## Questions for discussion\n");
    for (i, q) in discussion_questions(game).iter().enumerate() {
        let _ = writeln!(out, "{}. {q}", i + 1);
    }
    out.push('\n');

    let card = &scenario.model_card;
    let _ = writeln!(out, "## The model behind this game\n");
    let _ = writeln!(out, "What the model assumes:\n");
    for line in &card.assumes {
        let _ = writeln!(out, "- {line}");
    }
    let _ = writeln!(out, "\nWhat is contested:\n");
    for line in &card.contested {
        let _ = writeln!(out, "- {line}");
    }
    let _ = writeln!(out, "\nWhat it leaves out:\n");
    for line in &card.leaves_out {
        let _ = writeln!(out, "- {line}");
    }
    out
}

/// The "From control" section: quarter by quarter, the sides whose time
/// ran out, the events control injected (title and text) and its
/// messages, each marked. Empty when control sent nothing and no time ran
/// out.
fn control_markdown(game: &Game) -> String {
    let record = describe::control_record(game);
    let mut out = String::new();
    if record.is_empty() {
        return out;
    }
    out.push_str(&from_control_heading(crate::strings::FROM_CONTROL_INTRO));
    for quarter in &record {
        let label = describe::control_quarter_label(game, quarter.turn);
        let _ = writeln!(out, "- **{label}**");
        for side in &quarter.timed_out {
            let _ = writeln!(out, "  - {}", describe::timed_out_text(*side));
        }
        for e in &quarter.injects {
            let _ = writeln!(
                out,
                "  - {}: {}",
                md_cell(&describe::inject_title(e)),
                md_cell(&e.text)
            );
        }
        for text in &quarter.messages {
            let _ = writeln!(out, "  - {}", md_cell(&describe::control_message(text)));
        }
    }
    out.push('\n');
    out
}

/// The heading of a report's "From control" section, with its intro.
fn from_control_heading(intro: &str) -> String {
    format!("## {}\n\n{intro}\n\n", crate::strings::FROM_CONTROL)
}

fn units_line() -> String {
    Gauge::ALL
        .iter()
        .map(|g| format!("{} = {}", gauge_label(*g), gauge_meaning(*g)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Escapes a Markdown table cell.
fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One row per turn (turn 0 is the start), one column per gauge, then the
/// decision review's verdict on the turn's move (empty without a review),
/// then what control added to the turn: the events it injected (ids) and
/// the sides whose time ran out (`us`, `china`). New columns go last, so
/// that readers of older reports' columns still find theirs.
pub fn csv(game: &Game, decisions: Option<&Review>) -> String {
    let mut out = String::from("turn,date,us_move,china_responses,event");
    for g in Gauge::ALL {
        out.push(',');
        out.push_str(g.as_str());
    }
    out.push_str(",review,points_given_up,standard_error,expert_move,injects,timed_out\n");
    let history = gauge_history(game);
    for (i, row) in history.iter().enumerate() {
        let date = start_date(game).plus_quarters(i.saturating_sub(1) as u32);
        let report = i.checked_sub(1).and_then(|t| game.reports.get(t));
        let (us, china, event) = match report {
            None => (String::new(), String::new(), String::new()),
            Some(r) => (
                r.us_move.as_str().to_string(),
                r.responses
                    .iter()
                    .map(|x| x.response.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                r.event.as_ref().map(|e| e.id.clone()).unwrap_or_default(),
            ),
        };
        let (injects, lapsed) = match report {
            None => (String::new(), String::new()),
            Some(r) => (
                r.injects
                    .iter()
                    .map(|e| e.id.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                describe::timed_out_in(game, r.turn)
                    .iter()
                    .map(|side| match side {
                        Side::Us => "us",
                        Side::China => "china",
                    })
                    .collect::<Vec<_>>()
                    .join(";"),
            ),
        };
        let date = if i == 0 {
            "start".to_string()
        } else {
            date.to_string()
        };
        let _ = write!(
            out,
            "{i},{},{},{},{}",
            csv_field(&date),
            csv_field(&us),
            csv_field(&china),
            csv_field(&event)
        );
        for v in row {
            let _ = write!(out, ",{v:.3}");
        }
        match i
            .checked_sub(1)
            .and_then(|t| decisions.and_then(|r| r.decisions.get(t)))
        {
            Some(d) => {
                let _ = write!(
                    out,
                    ",{},{:.3},{:.3},{}",
                    csv_field(d.label.text()),
                    d.loss,
                    d.se,
                    d.expert.as_str()
                );
            }
            None => out.push_str(",,,,"),
        }
        let _ = write!(out, ",{},{}", csv_field(&injects), csv_field(&lapsed));
        out.push('\n');
    }
    out
}

/// The gauges the SVG chart draws, with their colours: the chip story
/// (compute lead, U.S. leverage) and the mineral one (Beijing's leverage,
/// the strain on U.S. supply chains).
const SVG_SERIES: [(Gauge, RGBColor); 4] = [
    (Gauge::ComputeLead, BLUE),
    (Gauge::UsLeverage, RED),
    (Gauge::ChinaLeverage, RGBColor(230, 140, 0)),
    (Gauge::MineralStress, RGBColor(120, 60, 160)),
];

/// Why the SVG chart could not be drawn: plotters' own error.
#[derive(Debug, thiserror::Error)]
#[error("cannot draw the chart: {0}")]
pub struct ChartError(#[from] DrawingAreaErrorKind<std::io::Error>);

/// The history chart of compute lead, both sides' leverage and mineral
/// stress, as SVG.
pub fn svg(game: &Game) -> Result<String, ChartError> {
    let history = gauge_history(game);
    let horizon = game.rules.scenario.horizon.max(1);
    let title = format!(
        "{}: compute, leverage and minerals ({} vs {})",
        game.rules.scenario.name, "Washington", game.rules.doctrine.name
    );
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (900, 480)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0u32..horizon, 0f64..100f64)?;
        let start = start_date(game);
        chart
            .configure_mesh()
            .x_desc("quarter")
            .y_desc("0–100 (compute lead: % of U.S.+China AI compute)")
            .x_label_formatter(&|t| start.plus_quarters(*t).to_string())
            .draw()?;
        for (gauge, color) in SVG_SERIES {
            let points: Vec<(u32, f64)> = history
                .iter()
                .enumerate()
                .map(|(t, row)| (t as u32, row[gauge.index()]))
                .collect();
            chart
                .draw_series(LineSeries::new(points, color.stroke_width(2)))?
                .label(gauge_label(gauge))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color));
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()?;
        root.present()?;
    }
    Ok(svg)
}
