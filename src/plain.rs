//! Plain mode: the same game as lines of text on stdout, reading each move
//! as a number or name from stdin. For screen readers and scripts: words
//! instead of symbols, no colour, no cursor movement. End of input ends the
//! game cleanly with the score so far.

use std::io::{self, BufRead, Write};

use crate::engine::score::Objective;
use crate::engine::turn::ChinaSide;
use crate::engine::{Game, Gauge, MoveId, ResponseId, Rules, Side, State, TurnReport};

use crate::describe::Viewpoint;
use crate::describe::{self, turn_date};
use crate::play::advisor::Advisor;
use crate::play::hot_seat::{HotSeat, china_briefing, parse_response, response_effects};
use crate::play::intel;
use crate::play::preview;
use crate::report;
use crate::sim::review::{self, ReviewRules};
use crate::strings;

/// How plain mode plays.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Answer every confirmation with yes.
    pub yes: bool,
    /// Set when a second player plays Beijing.
    pub hot_seat: Option<HotSeat>,
    /// Print the advisor's line for every move.
    pub advisor: bool,
    /// Review every decision when the game ends, with these rules (None:
    /// no review).
    pub review: Option<ReviewRules>,
    /// The advisor's lines (None: the built-in ones).
    pub advice: Option<Advisor>,
}

/// Plays one game (a new one, or a saved one resumed), reading from
/// `input` and writing to `out`. The game is the caller's, so it can be
/// saved however this ends.
pub fn run<R: BufRead, W: Write>(game: &mut Game, yes: bool, input: R, out: W) -> io::Result<()> {
    let options = Options {
        yes,
        ..Options::default()
    };
    run_with(game, &options, input, out)
}

/// Plays one game with the given options.
pub fn run_with<R: BufRead, W: Write>(
    game: &mut Game,
    options: &Options,
    mut input: R,
    mut out: W,
) -> io::Result<()> {
    let yes = options.yes;
    let mut hot_seat = options.hot_seat.clone();
    let rules = &game.rules.clone();
    briefing(game, hot_seat.as_ref(), &mut out)?;
    'game: while !game.is_over() {
        status(game, Viewpoint::Washington, hot_seat.as_ref(), &mut out)?;
        let previews = preview::forecasts(game);
        moves(rules, &game.state, &previews, hot_seat.is_some(), &mut out)?;
        if options.advisor {
            advice(
                game,
                options.advice.as_ref().unwrap_or(Advisor::builtin()),
                &mut out,
            )?;
        }
        let chosen = loop {
            write!(out, "{}", strings::PLAIN_PROMPT)?;
            out.flush()?;
            let Some(line) = read_line(&mut input)? else {
                writeln!(out)?;
                break 'game;
            };
            match line.as_str() {
                "" => continue,
                "?" | "h" | "help" => {
                    for l in strings::PLAIN_HELP {
                        writeln!(out, "{l}")?;
                    }
                }
                "g" | "gauges" => status(game, Viewpoint::Washington, hot_seat.as_ref(), &mut out)?,
                "i" | "intel" => intelligence(game, hot_seat.as_ref(), &mut out)?,
                "m" | "model" => model_card(game, &mut out)?,
                "q" | "quit" | "exit" => break 'game,
                _ => match parse_move(rules, &line) {
                    Some(m) => break m,
                    None => writeln!(
                        out,
                        "`{line}` is not a move: type 1–{} or a move's name.",
                        MoveId::COUNT
                    )?,
                },
            }
        };
        if let Some(warning) = previews
            .get(chosen.index())
            .and_then(|p| preview::warning(rules, p))
        {
            writeln!(
                out,
                "Warning: {}: {}",
                rules.move_def(chosen).name,
                warning.text()
            )?;
            if yes {
                writeln!(out, "{}y (--yes)", strings::PLAIN_CONFIRM)?;
            } else {
                write!(out, "{}", strings::PLAIN_CONFIRM)?;
                out.flush()?;
                let Some(answer) = read_line(&mut input)? else {
                    writeln!(out)?;
                    break 'game;
                };
                if !matches!(answer.to_lowercase().as_str(), "y" | "yes") {
                    writeln!(out, "Not played; choose again.")?;
                    continue;
                }
            }
        }
        let china = match &mut hot_seat {
            None => ChinaSide::Doctrine,
            Some(hot_seat) => match china_turn(game, hot_seat, &mut input, &mut out)? {
                Some(response) => ChinaSide::Chosen(response),
                None => break 'game,
            },
        };
        if let Some(report) = game.play_as(chosen, china) {
            // A human Beijing has just chosen and reads the report first.
            let viewpoint = if hot_seat.is_some() {
                Viewpoint::Beijing
            } else {
                Viewpoint::Washington
            };
            let player = hot_seat.as_ref().map(|h| h.china_name.as_str());
            turn_report(game, &report, viewpoint, player, &mut out)?;
            if let Some(h) = &hot_seat
                && !game.is_over()
            {
                writeln!(out, "Pass the keyboard to {}.", h.us_name)?;
            }
        }
    }
    summary(game, &mut out)?;
    if game.is_over() {
        ending(game, options.review.as_ref(), &mut out)?;
    }
    out.flush()
}

/// Beijing's turn in a hot-seat game: pass the keyboard, the briefing
/// the first time, the responses with their direct effects, and the
/// choice. None: input ended or Beijing quit.
fn china_turn<R: BufRead, W: Write>(
    game: &Game,
    hot_seat: &mut HotSeat,
    input: &mut R,
    out: &mut W,
) -> io::Result<Option<ResponseId>> {
    let rules = &game.rules;
    writeln!(out)?;
    writeln!(
        out,
        "Washington has chosen. Pass the keyboard to {}. {}",
        hot_seat.china_name,
        strings::PASS_HIDDEN
    )?;
    if !hot_seat.briefed {
        hot_seat.briefed = true;
        writeln!(out)?;
        writeln!(out, "{}", china_briefing(rules))?;
    }
    status(game, Viewpoint::Beijing, Some(hot_seat), out)?;
    writeln!(out)?;
    writeln!(
        out,
        "Beijing's responses, with what each does as the turn report will apply it (✓ good for Beijing, ✗ bad):"
    )?;
    for (i, r) in ResponseId::ALL.iter().enumerate() {
        let def = rules.response_def(*r);
        writeln!(out, "{:>2}. {}: {}", i + 1, def.name, def.summary)?;
        for effect in response_effects(rules, &game.state, *r) {
            writeln!(out, "    {}.", effect.marked())?;
        }
    }
    loop {
        write!(
            out,
            "Beijing's response (1–{}, or a name): ",
            ResponseId::COUNT
        )?;
        out.flush()?;
        let Some(line) = read_line(input)? else {
            writeln!(out)?;
            return Ok(None);
        };
        match line.as_str() {
            "" => continue,
            "q" | "quit" | "exit" => return Ok(None),
            _ => match parse_response(rules, &line) {
                Some(r) => return Ok(Some(r)),
                None => writeln!(
                    out,
                    "`{line}` is not a response: type 1–{} or a response's name.",
                    ResponseId::COUNT
                )?,
            },
        }
    }
}

/// A finished or saved game as text: every turn's report, then the
/// summary. What `chokepoints replay` prints when it has no terminal; the
/// players' names (from the save) say who chose a human Beijing's answers.
pub fn log<W: Write>(
    game: &Game,
    players: &crate::save::Players,
    review: Option<&ReviewRules>,
    mut out: W,
) -> io::Result<()> {
    let rules = &game.rules;
    // The record says whether a person chose Beijing's responses; a
    // doctrine's name would misdescribe them.
    let human = game
        .reports
        .iter()
        .flat_map(|r| &r.responses)
        .any(describe::is_chosen);
    let beijing = if human {
        match &players.china {
            Some(name) => format!("{name}, {}", strings::INTEL_HUMAN_SHORT),
            None => strings::INTEL_HUMAN_SHORT.to_string(),
        }
    } else {
        describe::doctrine_seen(rules)
    };
    writeln!(
        out,
        "{}: {}. Beijing: {beijing}. Seed {}.",
        strings::APP_NAME,
        rules.scenario.name,
        game.seed
    )?;
    for report in &game.reports {
        turn_report(
            game,
            report,
            Viewpoint::Washington,
            players.china.as_deref(),
            &mut out,
        )?;
    }
    // What control said after the last quarter played.
    for text in describe::messages_after(game, game.reports.len() as u32) {
        writeln!(out, "{}", describe::control_message(text))?;
    }
    summary(game, &mut out)?;
    if game.is_over() {
        ending(game, review, &mut out)?;
    }
    out.flush()
}

/// One trimmed line, or None at end of input.
fn read_line<R: BufRead>(input: &mut R) -> io::Result<Option<String>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line.trim().to_string()))
}

/// A move by number (1–13), id (`ban-downgraded`) or name, any case.
pub fn parse_move(rules: &Rules, text: &str) -> Option<MoveId> {
    let text = text.trim();
    if let Ok(n) = text.parse::<usize>() {
        return n.checked_sub(1).and_then(|i| MoveId::ALL.get(i).copied());
    }
    let lower = text.to_lowercase();
    MoveId::ALL
        .iter()
        .copied()
        .find(|m| m.as_str() == lower || rules.move_def(*m).name.to_lowercase() == lower)
}

fn briefing<W: Write>(game: &Game, hot_seat: Option<&HotSeat>, out: &mut W) -> io::Result<()> {
    let scenario = &game.rules.scenario;
    writeln!(out, "{}: {}", strings::APP_NAME, scenario.name)?;
    writeln!(out)?;
    writeln!(out, "{}", scenario.briefing)?;
    writeln!(out)?;
    let beijing = match hot_seat {
        Some(h) => {
            let line = crate::play::hot_seat::china_player_line(h);
            let mut chars = line.chars();
            chars
                .next()
                .map_or(line.clone(), |c| c.to_uppercase().chain(chars).collect())
        }
        None => describe::beijing_plays(&game.rules),
    };
    writeln!(
        out,
        "{} quarters from {}. {beijing}. Seed {}.",
        scenario.horizon,
        game.state.date(scenario),
        game.seed
    )?;
    let objectives: Vec<String> = Objective::ALL
        .iter()
        .zip(scenario.scoring.weights.as_array())
        .zip(describe::weight_shares(&scenario.scoring))
        .filter(|((_, w), _)| *w > 0.0)
        .map(|((o, _), share)| format!("{} {share:.0}%", o.label()))
        .collect();
    writeln!(
        out,
        "{} (weight in the score): {}. {}",
        strings::OBJECTIVES_TITLE,
        objectives.join(", "),
        describe::score_method(&scenario.scoring)
    )?;
    if game.state.turn > 0 {
        writeln!(
            out,
            "{} {} of {}.",
            strings::PLAIN_RESUMED,
            game.state.turn,
            scenario.horizon
        )?;
    }
    for l in strings::PLAIN_HELP {
        writeln!(out, "{l}")?;
    }
    Ok(())
}

/// A change in words, for whoever reads it: "up 0.4, good for the U.S.",
/// "down 3.0, good for Beijing".
fn change_words(gauge: Gauge, delta: f64, viewpoint: Viewpoint) -> String {
    let size = format!("{:.1}", delta.abs());
    let whose = match viewpoint {
        Viewpoint::Washington => "the U.S.",
        Viewpoint::Beijing => "Beijing",
    };
    match viewpoint.judgement(gauge, delta) {
        None => "no change".to_string(),
        Some(good) => format!(
            "{} {size}, {} for {whose}",
            if delta > 0.0 { "up" } else { "down" },
            if good { "good" } else { "bad" }
        ),
    }
}

/// The gauges and the standing policy, with the last quarter's changes
/// judged for whoever reads them.
fn status<W: Write>(
    game: &Game,
    viewpoint: Viewpoint,
    hot_seat: Option<&HotSeat>,
    out: &mut W,
) -> io::Result<()> {
    let rules = &game.rules;
    let state = &game.state;
    let last = game.reports.last();
    let players = hot_seat.map_or(String::new(), |h| format!(", {}", h.players_label()));
    writeln!(out)?;
    writeln!(
        out,
        "== {}, turn {} of {}{players} ==",
        state.date(&rules.scenario),
        state.turn + 1,
        rules.scenario.horizon
    )?;
    for g in Gauge::ALL {
        let delta = last.map_or(0.0, |r| r.change(*g).delta());
        writeln!(
            out,
            "  {}: {} ({}); {}",
            strings::gauge_label(*g),
            describe::value_text(*g, state.gauge(*g)),
            strings::gauge_meaning(*g),
            change_words(*g, delta, viewpoint)
        )?;
    }
    writeln!(
        out,
        "  Policy: {}.",
        describe::policy_parts(&state.policy).join("; ")
    )?;
    for line in describe::standing_lines(rules, state) {
        writeln!(out, "  Standing: {line}")?;
    }
    Ok(())
}

/// The moves, each with its forecast against holding course: the gauges
/// it changes most (mean, and the range of the middle 80% of futures), any
/// crisis risk, Beijing's likely reply, and whether it would change
/// nothing. The same numbers as "About this move".
fn moves<W: Write>(
    rules: &Rules,
    state: &State,
    forecasts: &[preview::Forecast],
    human_beijing: bool,
    out: &mut W,
) -> io::Result<()> {
    writeln!(out, "Moves:")?;
    if let Some(f) = forecasts.first() {
        writeln!(
            out,
            "  Forecasts: each move then holding course, against holding course throughout. {} {}",
            preview::method(f),
            preview::assumption(rules, human_beijing)
        )?;
    }
    for (i, m) in MoveId::ALL.iter().enumerate() {
        let f = forecasts.get(i);
        let asks = f
            .and_then(|f| preview::warning(rules, f))
            .map_or("", |_| " (risky: asks to confirm)");
        let offer = if preview::takes_up_offer(state, *m) {
            format!(" ({})", strings::OVERTURE_STANDS_PLAIN)
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {:>2}. {}{asks}{offer}",
            i + 1,
            rules.move_def(*m).name
        )?;
        let Some(f) = f else {
            continue;
        };
        if let Some(idle) = &f.idle {
            writeln!(out, "      {}", preview::idle_text(idle))?;
        }
        if let Some(answers) = describe::answers_text(rules, state, *m) {
            writeln!(out, "      {answers}")?;
        }
        let items: Vec<String> = f
            .largest(3)
            .iter()
            .map(|(g, s)| format!("{} {}", strings::gauge_label(*g), preview::spread_text(s)))
            .collect();
        let label = if *m == MoveId::HoldCourse {
            strings::FORECAST_HOLD
        } else {
            strings::FORECAST_VERSUS
        };
        let items = if items.is_empty() {
            strings::FORECAST_NO_DIFFERENCE.to_string()
        } else {
            format!("{}.", items.join("; "))
        };
        writeln!(
            out,
            "      {label} {}: {items}",
            describe::quarters(f.quarters)
        )?;
        if let Some(risk) = preview::Warning::risk_of(rules, f) {
            writeln!(out, "      {risk}")?;
        }
        if !human_beijing && let Some((r, n)) = f.replies.first() {
            writeln!(
                out,
                "      {}: {} ({n} in {}).",
                strings::LIKELY_REPLY,
                rules.response_def(*r).name,
                f.samples
            )?;
        }
    }
    Ok(())
}

/// One quarter's report, with what the class's control added to it (a
/// game played here gets nothing from control; a replayed one may have).
fn turn_report<W: Write>(
    game: &Game,
    report: &TurnReport,
    viewpoint: Viewpoint,
    china_player: Option<&str>,
    out: &mut W,
) -> io::Result<()> {
    let rules = &game.rules;
    let lapsed = describe::timed_out_in(game, report.turn);
    writeln!(out)?;
    writeln!(
        out,
        "-- Turn {} report, {} --",
        report.turn,
        turn_date(rules, report.turn)
    )?;
    writeln!(
        out,
        "{}: {}.",
        strings::WASHINGTON,
        rules.move_def(report.us_move).name
    )?;
    if lapsed.contains(&Side::Us) {
        writeln!(out, "{}", describe::timed_out_text(Side::Us))?;
    }
    // The move answered its situations before Beijing replied.
    for e in &report.answered {
        writeln!(out, "{}", describe::answered_line(e))?;
    }
    for r in &report.responses {
        let reason = if lapsed.contains(&Side::China) && describe::is_chosen(r) {
            String::new()
        } else if describe::is_chosen(r) {
            format!(" {}", describe::chosen_by(china_player))
        } else if r.reason.is_empty() {
            // The doctrine is hidden, and its reasons would name it.
            String::new()
        } else {
            format!(" Reason: {}", r.reason)
        };
        writeln!(
            out,
            "{}: {}.{reason}",
            strings::BEIJING,
            rules.response_def(r.response).name,
        )?;
    }
    if lapsed.contains(&Side::China) {
        writeln!(out, "{}", describe::timed_out_text(Side::China))?;
    }
    if let Some(e) = &report.event {
        writeln!(out, "{}: {}. {}", strings::EVENT, e.title, e.text)?;
        for line in describe::event_aftermath(rules, e) {
            writeln!(out, "  {line}")?;
        }
    }
    for e in &report.injects {
        writeln!(out, "{}. {}", describe::inject_title(e), e.text)?;
        for line in describe::event_aftermath(rules, e) {
            writeln!(out, "  {line}")?;
        }
    }
    for text in describe::messages_during(game, report.turn) {
        writeln!(out, "{}", describe::control_message(text))?;
    }
    if report.leverage_lost_now {
        writeln!(out, "{}", strings::LEVERAGE_LOST_NOW)?;
    }
    for change in &report.changes {
        writeln!(
            out,
            "  {}: {} to {} ({}). Causes: {}.",
            strings::gauge_label(change.gauge),
            describe::value_text(change.gauge, change.before),
            describe::value_text(change.gauge, change.after),
            change_words(change.gauge, change.delta(), viewpoint),
            describe::causes_text(rules, change)
        )?;
        if let Some((ended_by, text)) = describe::ending_explained(report)
            && ended_by == change.gauge
        {
            writeln!(out, "    {text}")?;
        }
    }
    if let Some(outcome) = report.outcome {
        writeln!(out, "The game is over: {}.", outcome.label())?;
    }
    Ok(())
}

fn intelligence<W: Write>(game: &Game, hot_seat: Option<&HotSeat>, out: &mut W) -> io::Result<()> {
    let rules = &game.rules;
    let d = &rules.doctrine;
    match hot_seat {
        Some(h) => writeln!(out, "{}", intel::human_beijing(&h.china_name))?,
        None if rules.doctrine_hidden() => {
            writeln!(out, "{}", strings::INTEL_HIDDEN)?;
            if let Some(belief) = intel::doctrine_belief(game) {
                writeln!(out, "  {}", intel::belief_line(rules, &belief))?;
                writeln!(out, "{}:", strings::INTEL_CLUES)?;
                let clues = intel::strongest_clues(&belief, 4);
                if clues.is_empty() {
                    writeln!(out, "  {}", strings::INTEL_NO_CLUES)?;
                }
                for clue in clues {
                    writeln!(out, "  {}", intel::clue_text(rules, clue))?;
                }
            }
        }
        None => {
            writeln!(
                out,
                "{}: {}. {}",
                strings::INTEL_DOCTRINE,
                d.name,
                d.summary
            )?;
            writeln!(
                out,
                "{}: {}",
                strings::INTEL_PRIORITIES,
                d.priorities.join("; ")
            )?;
        }
    }
    writeln!(out, "{}:", strings::INTEL_ESTIMATES)?;
    for e in intel::estimates(rules, &game.state, game.seed) {
        writeln!(out, "  {}: {} ({})", e.label, e.text(), e.unit)?;
    }
    let triggers_title = if hot_seat.is_some() {
        strings::INTEL_CHOICES
    } else {
        strings::INTEL_TRIGGERS
    };
    writeln!(out, "{triggers_title}:")?;
    let triggers = intel::triggers(&game.reports);
    if triggers.is_empty() {
        writeln!(out, "  {}", strings::INTEL_NO_TRIGGERS)?;
    }
    for t in triggers {
        let china = hot_seat.map(|h| h.china_name.as_str());
        writeln!(out, "  {}", intel::trigger_line(rules, &t, china))?;
    }
    Ok(())
}

/// The advisor's line for every move, after the move list.
fn advice<W: Write>(game: &Game, advice: &Advisor, out: &mut W) -> io::Result<()> {
    writeln!(out, "{}:", strings::ADVISOR)?;
    for (i, m) in MoveId::ALL.iter().enumerate() {
        let line = advice.advice(&game.rules, &game.state, *m);
        writeln!(out, "  {:>2}. {line}", i + 1)?;
    }
    Ok(())
}

/// The scenario's model card: what it assumes, what is contested, what it
/// leaves out.
fn model_card<W: Write>(game: &Game, out: &mut W) -> io::Result<()> {
    for (heading, items) in describe::model_card_sections(&game.rules.scenario.model_card) {
        writeln!(out, "{heading}:")?;
        for item in items {
            writeln!(out, "  - {item}")?;
        }
    }
    Ok(())
}

/// The end: outcome, score, grade, objectives and turning points. Printed
/// the same whether the game finished or input ran out.
/// After a finished game: the quarter that ended it, the decision review
/// (when asked for) and the questions for discussion, as the debrief has
/// them.
fn ending<W: Write>(game: &Game, review: Option<&ReviewRules>, out: &mut W) -> io::Result<()> {
    let rules = &game.rules;
    if let Some(text) = report::review::ending_quarter_text(game) {
        writeln!(out, "{}:", strings::ENDING_QUARTER)?;
        writeln!(out, "  {text}")?;
    }
    if let Some(review_rules) = review {
        let r = review::review(game, review_rules, 0, |_, _| {});
        writeln!(out, "{}:", strings::REVIEW_TITLE)?;
        writeln!(out, "  {}", report::review::quality_text(&r))?;
        writeln!(out, "  {}", report::review::method_text(rules, &r))?;
        writeln!(out, "  {}:", strings::REVIEW_COSTLIEST)?;
        for line in report::review::costliest_texts(rules, &r) {
            writeln!(out, "  - {line}")?;
        }
        writeln!(out, "  {}:", strings::REVIEW_EVERY_QUARTER)?;
        for d in &r.decisions {
            writeln!(out, "    {}", report::review::quarter_text(rules, d))?;
        }
    }
    writeln!(out, "{}:", strings::QUESTIONS)?;
    for (i, q) in report::discussion_questions(game).iter().enumerate() {
        writeln!(out, "  {}. {q}", i + 1)?;
    }
    Ok(())
}

fn summary<W: Write>(game: &Game, out: &mut W) -> io::Result<()> {
    let rules = &game.rules;
    let score = game.score();
    writeln!(out)?;
    writeln!(out, "== {} ==", strings::DEBRIEF_TITLE.trim())?;
    match game.state.outcome {
        Some(o) => writeln!(out, "{}: {}.", strings::OUTCOME, o.label())?,
        None => writeln!(out, "{}", strings::PLAIN_ENDED_EARLY)?,
    }
    writeln!(
        out,
        "{}: {:.1} of 100. {}: {}. Quarters played: {}.",
        strings::SCORE,
        score.total,
        strings::GRADE,
        score.grade.letter(),
        game.state.turn
    )?;
    writeln!(out, "{}:", strings::OBJECTIVE_SCORES)?;
    let scoring = &rules.scenario.scoring;
    writeln!(out, "  {}", describe::score_method(scoring))?;
    let shares = describe::weight_shares(scoring);
    for ((o, v), share) in Objective::ALL.iter().zip(score.objectives).zip(shares) {
        let source = describe::objective_source(*o).map_or(String::new(), |s| format!(", {s}"));
        writeln!(out, "  {}: {v:.1} (weight {share:.0}%{source})", o.label())?;
    }
    for (name, p) in &score.penalties {
        writeln!(out, "  {}: {name} -{p:.0}", strings::PENALTIES)?;
    }
    if let Some(reveal) = intel::reading_beijing(game) {
        writeln!(out, "{}: {reveal}", strings::READING_BEIJING)?;
    }
    let points = describe::turning_points(rules, &game.reports, 5);
    if !points.is_empty() {
        writeln!(out, "{}:", strings::TURNING_POINTS)?;
        for p in points {
            writeln!(out, "  {}", describe::turning_point_text(&p))?;
        }
    }
    Ok(())
}
