//! A class summary over many saved games: every game in a table, the
//! outcomes, the moves played most and what followed them, and the best and
//! worst games with their decisive turns. Files that failed to load are
//! listed with their error; the rest still report.

use std::collections::BTreeMap;
use std::fmt::Write;

use rayon::prelude::*;

use crate::describe::{
    self, delta_with_unit, gauge_label, gauge_meaning, turn_date, turning_point_text,
    turning_points,
};
use crate::engine::ids::{Gauge, MoveId};
use crate::engine::{Game, Outcome};
use crate::save::{SaveError, SaveFile, counted_as};
use crate::sim::review::{Review, ReviewRules, review};

use super::sides;

/// The gauges the "Moves played" table follows: the chip story and the
/// mineral one.
const MOVE_GAUGES: [Gauge; 4] = [
    Gauge::UsLeverage,
    Gauge::ComputeLead,
    Gauge::ChinaLeverage,
    Gauge::MineralStress,
];

/// One file given to the class report: its game, or why it could not load,
/// and the game's decision review once `review_all` has run.
pub struct Entry {
    pub file: String,
    pub game: Result<(SaveFile, Game), SaveError>,
    pub review: Option<Review>,
    /// A save from older rules, as it was stored: its summary is shown,
    /// marked as not verified, since it cannot be replayed.
    pub stored: Option<SaveFile>,
}

impl Entry {
    pub fn new(file: String, game: Result<(SaveFile, Game), SaveError>) -> Entry {
        Entry {
            file,
            game,
            review: None,
            stored: None,
        }
    }

    /// Reads and replays the save at `path`, shown as `file`; a save from
    /// older rules keeps what it stored.
    pub fn read(file: String, path: &std::path::Path, content: &crate::content::Content) -> Entry {
        use crate::save::folder::{Opened, open};
        match open(path, content) {
            Opened::Replayed(save, game) => Entry::new(file, Ok((save, *game))),
            Opened::Older(save, e) => Entry {
                stored: Some(save),
                ..Entry::new(file, Err(e))
            },
            Opened::Unusable(e) => Entry::new(file, Err(e)),
        }
    }
}

/// Which entries count as games: those that loaded, each game once at its
/// furthest point (an autosave and a named save of the same game are one
/// game). Also, for each file counted within another, the pair
/// (duplicate, counted).
pub fn counted(entries: &[Entry]) -> (Vec<usize>, Vec<(usize, usize)>) {
    let loaded: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].game.is_ok())
        .collect();
    let saves: Vec<&SaveFile> = loaded
        .iter()
        .filter_map(|&i| entries[i].game.as_ref().ok().map(|(s, _)| s))
        .collect();
    let mut games = Vec::new();
    let mut duplicates = Vec::new();
    for (k, stands_for) in counted_as(&saves).into_iter().enumerate() {
        if stands_for == k {
            games.push(loaded[k]);
        } else {
            duplicates.push((loaded[k], loaded[stands_for]));
        }
    }
    (games, duplicates)
}

/// Reviews every game that counts, on every core (each review is the same
/// whatever the thread count: it is seeded from its own save).
pub fn review_all(entries: &mut [Entry], rules: &ReviewRules) {
    let (games, _) = counted(entries);
    entries
        .par_iter_mut()
        .enumerate()
        .filter(|(i, _)| games.contains(i))
        .for_each(|(_, e)| {
            if let Ok((_, game)) = &e.game {
                e.review = Some(review(game, rules, 0, |_, _| {}));
            }
        });
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
    let (counted_games, duplicates) = counted(entries);
    let games: Vec<(&str, &SaveFile, &Game)> = counted_games
        .iter()
        .filter_map(|&i| {
            let e = &entries[i];
            e.game.as_ref().ok().map(|(s, g)| (e.file.as_str(), s, g))
        })
        .collect();
    let reviews: Vec<Option<&Review>> = counted_games
        .iter()
        .map(|&i| entries[i].review.as_ref())
        .collect();
    let reviewed = reviews.iter().any(Option::is_some);
    let unfinished = games.iter().filter(|(_, _, g)| !g.is_over()).count();
    let older: Vec<&Entry> = entries.iter().filter(|e| e.stored.is_some()).collect();
    let failed = entries
        .iter()
        .filter(|e| e.game.is_err() && e.stored.is_none())
        .count();
    let mut out = String::new();
    let _ = writeln!(out, "# Class results\n");
    let _ = writeln!(
        out,
        "{} game(s) reported ({} finished, {unfinished} unfinished); {} duplicate file(s) counted once; {failed} file(s) could not be used.\n",
        games.len(),
        games.len() - unfinished,
        duplicates.len(),
    );
    if !older.is_empty() {
        let _ = writeln!(
            out,
            "{} more file(s) were saved under older rules: their stored summaries are listed at the end, not verified and left out of every figure.\n",
            older.len()
        );
    }

    let _ = writeln!(out, "## Games\n");
    let _ = writeln!(
        out,
        "| file | Washington | Beijing | scenario | outcome | turns | score | grade | decision quality |\n| --- | --- | --- | --- | --- | ---: | ---: | --- | ---: |"
    );
    for ((file, save, game), review) in games.iter().zip(&reviews) {
        let (us, china) = sides(game, &save.players);
        let score = game.score();
        let quality = review.map_or(String::new(), |r| format!("{:.0}/100", r.quality()));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {}/{} | {:.1} | {} | {quality} |",
            md_cell(file),
            md_cell(&us),
            md_cell(&china),
            md_cell(&game.rules.scenario.name),
            outcome_label(game.state.outcome),
            game.state.turn,
            game.rules.scenario.horizon,
            score.total,
            // A game still in play has a score so far, not a grade.
            if game.is_over() {
                score.grade.letter().to_string()
            } else {
                "–".to_string()
            }
        );
    }
    out.push('\n');

    out.push_str(&control_section(&games));

    // Only finished games have an outcome and a final grade; a game still
    // in play is counted apart, not as a grade it has not earned.
    let _ = writeln!(out, "## Outcomes\n");
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut grades: BTreeMap<char, usize> = BTreeMap::new();
    for (_, _, game) in games.iter().filter(|(_, _, g)| g.is_over()) {
        *outcomes
            .entry(outcome_label(game.state.outcome))
            .or_default() += 1;
        *grades.entry(game.score().grade.letter()).or_default() += 1;
    }
    for (label, count) in &outcomes {
        let _ = writeln!(out, "- {label}: {count}");
    }
    if !grades.is_empty() {
        let grade_line: Vec<String> = grades.iter().map(|(g, n)| format!("{g}: {n}")).collect();
        let _ = writeln!(out, "- grades of finished games: {}", grade_line.join(", "));
    }
    if unfinished > 0 {
        let _ = writeln!(out, "- unfinished (no outcome or grade yet): {unfinished}");
    }
    out.push('\n');

    if reviewed {
        out.push_str(&hardest_quarters(&games, &reviews));
    }

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
        let mut r: Vec<&(&str, &SaveFile, &Game)> =
            games.iter().filter(|(_, _, g)| g.is_over()).collect();
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

    if !duplicates.is_empty() {
        let _ = writeln!(out, "## Files counted once\n");
        for (copy, kept) in &duplicates {
            let _ = writeln!(
                out,
                "- {} holds the same game as {}, which goes further; counted there.",
                md_cell(&entries[*copy].file),
                md_cell(&entries[*kept].file)
            );
        }
        out.push('\n');
    }

    if !older.is_empty() {
        let rows: Vec<(&str, &SaveFile)> = older
            .iter()
            .filter_map(|e| e.stored.as_ref().map(|s| (e.file.as_str(), s)))
            .collect();
        out.push_str(&older_rules(&rows));
    }

    let failed: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.game.is_err() && e.stored.is_none())
        .collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "## Files that could not be used\n");
        for e in failed {
            if let Err(error) = &e.game {
                let _ = writeln!(out, "- {}", md_cell(&error.to_string()));
            }
        }
        out.push('\n');
    }
    out
}

/// What the class's control sent into the games, as a Markdown section:
/// each distinct message and inject once with how many games received it,
/// then, game by game, what each received. Empty when control sent
/// nothing and no time ran out.
fn control_section(games: &[(&str, &SaveFile, &Game)]) -> String {
    // Each distinct item (marked), in the order first seen, with the games
    // that got it.
    let mut sent: Vec<(String, Vec<usize>)> = Vec::new();
    let mut by_game: Vec<(&str, String)> = Vec::new();
    for (k, (file, _, game)) in games.iter().enumerate() {
        let record = describe::control_record(game);
        let mut items: Vec<String> = record
            .iter()
            .flat_map(|q| q.messages.iter().map(|m| describe::control_message(m)))
            .collect();
        items.extend(
            record
                .iter()
                .flat_map(|q| q.injects.iter().map(|e| describe::inject_title(e))),
        );
        for item in items {
            match sent.iter_mut().find(|(text, _)| *text == item) {
                Some((_, got)) if got.last() == Some(&k) => {}
                Some((_, got)) => got.push(k),
                None => sent.push((item, vec![k])),
            }
        }
        if let Some(summary) = control_summary(&record) {
            by_game.push((file, summary));
        }
    }
    let mut out = String::new();
    if by_game.is_empty() {
        return out;
    }
    out.push_str(&super::from_control_heading(
        crate::strings::CLASS_FROM_CONTROL_INTRO,
    ));
    for (item, got) in &sent {
        let _ = writeln!(out, "- {} ({})", md_cell(item), games_count(got.len()));
    }
    if !sent.is_empty() {
        out.push('\n');
    }
    for (file, summary) in &by_game {
        let _ = writeln!(out, "- {}: {}", md_cell(file), md_cell(summary));
    }
    out.push('\n');
    out
}

/// "1 game", "3 games".
fn games_count(n: usize) -> String {
    if n == 1 {
        "1 game".to_string()
    } else {
        format!("{n} games")
    }
}

/// One game's share of the control record, compact: "2 messages; inject:
/// Beijing halts rare-earth magnet exports (quarter 6); out of time:
/// Washington (quarter 3)". None: nothing.
fn control_summary(record: &[describe::ControlQuarter]) -> Option<String> {
    let messages: usize = record.iter().map(|q| q.messages.len()).sum();
    let injects: Vec<String> = record
        .iter()
        .flat_map(|q| {
            q.injects
                .iter()
                .map(move |e| format!("{} (quarter {})", e.title, q.turn))
        })
        .collect();
    let lapsed: Vec<String> = record
        .iter()
        .flat_map(|q| {
            q.timed_out
                .iter()
                .map(move |side| format!("{} (quarter {})", describe::side_name(*side), q.turn))
        })
        .collect();
    let mut parts = Vec::new();
    match messages {
        0 => {}
        1 => parts.push("1 message".to_string()),
        n => parts.push(format!("{n} messages")),
    }
    match injects.len() {
        0 => {}
        1 => parts.push(format!("inject: {}", injects[0])),
        _ => parts.push(format!("injects: {}", injects.join(", "))),
    }
    if !lapsed.is_empty() {
        parts.push(format!("out of time: {}", lapsed.join(", ")));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The quarters where the class most often made a costly or very costly
/// decision, as a Markdown section: per scenario and quarter, how many
/// games went wrong there, the move played most, and the expert's choice.
fn hardest_quarters(games: &[(&str, &SaveFile, &Game)], reviews: &[Option<&Review>]) -> String {
    /// Per scenario and quarter: games reviewed there, costly decisions,
    /// and the costly moves and the expert's moves counted.
    #[derive(Default)]
    struct Tally {
        games: usize,
        costly: usize,
        played: BTreeMap<MoveId, usize>,
        expert: BTreeMap<MoveId, usize>,
    }
    let mut tallies: BTreeMap<(String, u32), (Tally, &Game)> = BTreeMap::new();
    for ((_, _, game), review) in games.iter().zip(reviews) {
        let Some(review) = review else {
            continue;
        };
        for d in &review.decisions {
            let key = (game.rules.scenario.id.clone(), d.turn);
            let (t, _) = tallies
                .entry(key)
                .or_insert_with(|| (Tally::default(), game));
            t.games += 1;
            if d.label.is_costly() {
                t.costly += 1;
                *t.played.entry(d.played).or_default() += 1;
                *t.expert.entry(d.expert).or_default() += 1;
            }
        }
    }
    let mut hardest: Vec<_> = tallies.iter().filter(|(_, (t, _))| t.costly > 0).collect();
    hardest.sort_by(|a, b| b.1.0.costly.cmp(&a.1.0.costly).then(a.0.cmp(b.0)));
    hardest.truncate(5);
    let mut out = String::new();
    let _ = writeln!(out, "## Where the class's decisions cost most\n");
    if hardest.is_empty() {
        let _ = writeln!(
            out,
            "No quarter saw a costly decision: every move was within 2 points of the expert's.\n"
        );
        return out;
    }
    let _ = writeln!(
        out,
        "Quarters where games most often made a costly or very costly decision (from each game's decision review).\n"
    );
    let most = |counts: &BTreeMap<MoveId, usize>| {
        counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(m, n)| (*m, *n))
    };
    for ((scenario, turn), (t, game)) in hardest {
        let rules = &game.rules;
        let date = turn_date(rules, turn + 1);
        let mut line = format!(
            "- **{date}** ({scenario}, quarter {}): {} of {} games made a costly decision",
            turn + 1,
            t.costly,
            t.games
        );
        if let Some((m, n)) = most(&t.played) {
            line.push_str(&format!(", most often {} ({n})", rules.move_def(m).name));
        }
        if let Some((m, _)) = most(&t.expert) {
            line.push_str(&format!(
                "; the expert preferred {}",
                rules.move_def(m).name
            ));
        }
        line.push('.');
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
    out
}

/// The class summary as CSV: one row per game, each counted once (see
/// `counted`).
pub fn csv(entries: &[Entry]) -> String {
    let mut out = String::from(
        "file,us,china,scenario,doctrine,seed,outcome,turns,score,grade,decision_quality,points_given_up\n",
    );
    let (games, _) = counted(entries);
    for e in games.iter().map(|&i| &entries[i]) {
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
                e.review
                    .as_ref()
                    .map_or(String::new(), |r| format!("{:.2}", r.quality())),
                e.review
                    .as_ref()
                    .map_or(String::new(), |r| format!("{:.2}", r.points_lost())),
            ];
            let row: Vec<String> = fields.iter().map(|f| super::csv_field(f)).collect();
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    out
}

/// Saves from older rules as a Markdown section: what each stored, marked
/// as not verified (they cannot be replayed under today's rules).
pub fn older_rules(rows: &[(&str, &SaveFile)]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Saved under older rules (stored summaries, not verified)\n\nThe rules changed since these games were played, so they cannot be replayed or reviewed; each row is what the save itself recorded.\n"
    );
    let _ = writeln!(
        out,
        "| file | Washington | Beijing | scenario | version | outcome | turns | score | grade |\n| --- | --- | --- | --- | --- | --- | ---: | ---: | --- |"
    );
    for (file, save) in rows {
        let sum = &save.summary;
        let grade = if sum.outcome.is_some() {
            sum.grade.letter().to_string()
        } else {
            "–".to_string()
        };
        let us = save.players.us.as_deref().unwrap_or("Washington");
        let china = save
            .players
            .china
            .clone()
            .unwrap_or_else(|| format!("Beijing ({})", save.doctrine));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {}/{} | {:.1} | {grade} |",
            md_cell(file),
            md_cell(us),
            md_cell(&china),
            md_cell(&save.scenario.id),
            md_cell(&save.game_version),
            outcome_label(sum.outcome),
            sum.turn,
            sum.horizon,
            sum.score,
        );
    }
    out.push('\n');
    out
}
