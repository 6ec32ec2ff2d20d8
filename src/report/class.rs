//! A class summary over many saved games: every game in a table, the
//! outcomes, the moves played most and what followed them, and the best and
//! worst games with their decisive turns. Files that failed to load are
//! listed with their error; the rest still report.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::describe::{
    delta_with_unit, gauge_label, gauge_meaning, turning_point_text, turning_points,
};
use crate::engine::ids::{Gauge, MoveId};
use crate::engine::{Game, Outcome};
use crate::save::SaveFile;

use super::sides;

/// The gauges the "Moves played" table follows: the chip story and the
/// mineral one.
const MOVE_GAUGES: [Gauge; 4] = [
    Gauge::UsLeverage,
    Gauge::ComputeLead,
    Gauge::ChinaLeverage,
    Gauge::MineralStress,
];

/// One file given to the class report: its game, or why it could not load.
pub struct Entry {
    pub file: String,
    pub game: Result<(SaveFile, Game), String>,
}

fn outcome_label(outcome: Option<Outcome>) -> &'static str {
    match outcome {
        Some(Outcome::Horizon) => "finished",
        Some(Outcome::Crisis) => "crisis",
        Some(Outcome::Collapse) => "supply-chain collapse",
        None => "in progress",
    }
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The class summary as Markdown.
pub fn markdown(entries: &[Entry]) -> String {
    let games: Vec<(&str, &SaveFile, &Game)> = entries
        .iter()
        .filter_map(|e| e.game.as_ref().ok().map(|(s, g)| (e.file.as_str(), s, g)))
        .collect();
    let mut out = String::new();
    let _ = writeln!(out, "# Class results\n");
    let _ = writeln!(
        out,
        "{} game(s) reported; {} file(s) could not be read.\n",
        games.len(),
        entries.len() - games.len()
    );

    let _ = writeln!(out, "## Games\n");
    let _ = writeln!(
        out,
        "| file | Washington | Beijing | scenario | outcome | turns | score | grade |\n| --- | --- | --- | --- | --- | ---: | ---: | --- |"
    );
    for (file, save, game) in &games {
        let (us, china) = sides(game, &save.players);
        let score = game.score();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {}/{} | {:.1} | {} |",
            md_cell(file),
            md_cell(&us),
            md_cell(&china),
            md_cell(&game.rules.scenario.name),
            outcome_label(game.state.outcome),
            game.state.turn,
            game.rules.scenario.horizon,
            score.total,
            score.grade.letter()
        );
    }
    out.push('\n');

    let _ = writeln!(out, "## Outcomes\n");
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut grades: BTreeMap<char, usize> = BTreeMap::new();
    for (_, _, game) in &games {
        *outcomes
            .entry(outcome_label(game.state.outcome))
            .or_default() += 1;
        *grades.entry(game.score().grade.letter()).or_default() += 1;
    }
    for (label, count) in &outcomes {
        let _ = writeln!(out, "- {label}: {count}");
    }
    let grade_line: Vec<String> = grades.iter().map(|(g, n)| format!("{g}: {n}")).collect();
    let _ = writeln!(out, "- grades: {}\n", grade_line.join(", "));

    let _ = writeln!(out, "## Moves played\n");
    let _ = writeln!(
        out,
        "Average change in the quarter the move was played (all causes that quarter).\n"
    );
    let _ = write!(out, "| move | times played |");
    for g in MOVE_GAUGES {
        let _ = write!(out, " {} |", gauge_label(g));
    }
    let _ = write!(out, "\n| --- | ---: |");
    for _ in MOVE_GAUGES {
        out.push_str(" ---: |");
    }
    out.push('\n');
    let mut per_move: BTreeMap<MoveId, (usize, [f64; MOVE_GAUGES.len()])> = BTreeMap::new();
    for (_, _, game) in &games {
        for report in &game.reports {
            let entry = per_move.entry(report.us_move).or_default();
            entry.0 += 1;
            for (sum, g) in entry.1.iter_mut().zip(MOVE_GAUGES) {
                *sum += report.change(g).delta();
            }
        }
    }
    let mut moves: Vec<(MoveId, (usize, [f64; MOVE_GAUGES.len()]))> =
        per_move.into_iter().collect();
    moves.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    for (m, (n, sums)) in &moves {
        let name = games
            .first()
            .map(|(_, _, g)| g.rules.move_def(*m).name.clone())
            .unwrap_or_else(|| m.to_string());
        let _ = write!(out, "| {name} | {n} |");
        for (sum, g) in sums.iter().zip(MOVE_GAUGES) {
            let _ = write!(out, " {} |", delta_with_unit(g, sum / *n as f64));
        }
        out.push('\n');
    }
    let units: Vec<String> = MOVE_GAUGES
        .iter()
        .map(|g| format!("{} = {}", gauge_label(*g), gauge_meaning(*g)))
        .collect();
    let _ = writeln!(out, "\nUnits: {}.", units.join("; "));
    out.push('\n');

    let ranked = {
        let mut r: Vec<&(&str, &SaveFile, &Game)> = games.iter().collect();
        r.sort_by(|a, b| b.2.score().total.total_cmp(&a.2.score().total));
        r
    };
    if let (Some(best), Some(worst)) = (ranked.first(), ranked.last()) {
        let _ = writeln!(out, "## Best and worst games\n");
        for (label, (file, _, game)) in [("Best", best), ("Worst", worst)] {
            let score = game.score();
            let _ = writeln!(
                out,
                "- **{label}:** {file}, {:.1} ({}), {}.",
                score.total,
                score.grade.letter(),
                outcome_label(game.state.outcome)
            );
            for point in turning_points(&game.rules, &game.reports, 2) {
                let _ = writeln!(out, "  - decisive: {}", turning_point_text(&point));
            }
        }
        out.push('\n');
    }

    let failed: Vec<&Entry> = entries.iter().filter(|e| e.game.is_err()).collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "## Files that could not be read\n");
        for e in failed {
            if let Err(message) = &e.game {
                let _ = writeln!(out, "- {}", md_cell(message));
            }
        }
        out.push('\n');
    }
    out
}

/// The class summary as CSV: one row per game that loaded.
pub fn csv(entries: &[Entry]) -> String {
    let mut out = String::from("file,us,china,scenario,doctrine,seed,outcome,turns,score,grade\n");
    for e in entries {
        if let Ok((save, game)) = &e.game {
            let (us, china) = sides(game, &save.players);
            let score = game.score();
            let fields = [
                e.file.clone(),
                us,
                china,
                game.rules.scenario.id.clone(),
                game.rules.doctrine.id.clone(),
                game.seed.to_string(),
                outcome_label(game.state.outcome).to_string(),
                game.state.turn.to_string(),
                format!("{:.2}", score.total),
                score.grade.letter().to_string(),
            ];
            let row: Vec<String> = fields.iter().map(|f| super::csv_field(f)).collect();
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    out
}
