//! Words and numbers for what the engine reports: gauge names and units,
//! values, changes with sign, arrow and judgement, causes by name, the
//! game's turning points, and what the class's control added to it. Pure
//! functions shared by the screens, plain mode and the debrief reports; no
//! terminal here, and no game rules either.

use crate::engine::report::{Cause, EventRecord, GaugeChange, ResponseRecord};
use crate::engine::rules::{ModelCard, Policy, Scoring};
use crate::engine::score::Objective;
use crate::engine::turn::{CHOSEN_REASON, situations};
use crate::engine::{Date, Game, Gauge, MoveId, Outcome, Rules, Side, Stock, TurnReport};
use crate::strings;

pub const NO_CHANGE: &str = "no change";

/// The gauge's name, as DESIGN.md writes it.
pub const fn gauge_label(gauge: Gauge) -> &'static str {
    match gauge {
        Gauge::ComputeLead => "Compute lead",
        Gauge::UsLeverage => "U.S. leverage",
        Gauge::ChinaLeverage => "China leverage",
        Gauge::SelfSufficiency => "Self-sufficiency",
        Gauge::CapabilityGap => "Capability gap",
        Gauge::Allies => "Allies",
        Gauge::UsIndustry => "U.S. industry",
        Gauge::Tension => "Tension",
        Gauge::MineralStress => "Mineral stress",
    }
}

/// What the gauge's number means, in full (shown where there is room).
pub const fn gauge_meaning(gauge: Gauge) -> &'static str {
    match gauge {
        Gauge::ComputeLead => "% of U.S.+China AI compute held by the U.S.",
        Gauge::UsLeverage => "China's dependence on U.S. chips, 0–100",
        Gauge::ChinaLeverage => "Beijing's mineral leverage over the U.S., 0–100",
        Gauge::SelfSufficiency => "China's domestic chips, 0–100",
        Gauge::CapabilityGap => "months China's best model trails",
        Gauge::Allies => "Japan/Netherlands alignment, 0–100",
        Gauge::UsIndustry => "U.S. chip firms' China business, 0–100",
        Gauge::Tension => "escalation, 0–100; crisis at 100",
        Gauge::MineralStress => "U.S. supply-chain strain, 0–100; collapse at 100",
    }
}

/// The gauge an objective is scored from, where its name does not say:
/// stability is low tension, mineral security is low China leverage.
pub const fn objective_source(objective: Objective) -> Option<&'static str> {
    match objective {
        Objective::Stability => Some("from low tension"),
        Objective::MineralSecurity => Some("from low China leverage"),
        _ => None,
    }
}

/// Each objective's weight as its share of all the weights, in whole
/// percent, in `Objective::ALL` order: what the score is made of.
pub fn weight_shares(scoring: &Scoring) -> [f64; Objective::COUNT] {
    let weights = scoring.weights.as_array();
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return [0.0; Objective::COUNT];
    }
    weights.map(|w| (w / total * 100.0).round())
}

/// How each objective's score is made, in one sentence: "Each objective
/// counts 15% its average over the game and 85% its final value."
pub fn score_method(scoring: &Scoring) -> String {
    let (average, end) = method_shares(scoring);
    match (average, end) {
        (_, 0) => "Each objective counts its average over the game.".to_string(),
        (0, _) => "Each objective counts its final value only.".to_string(),
        _ => format!(
            "Each objective counts {average}% its average over the game and {end}% its final value."
        ),
    }
}

/// The same, short enough for a heading: "each: 85% final value, 15%
/// game average".
pub fn score_method_short(scoring: &Scoring) -> String {
    let (average, end) = method_shares(scoring);
    match (average, end) {
        (_, 0) => "each: its game average".to_string(),
        (0, _) => "each: its final value".to_string(),
        _ => format!("each: {end}% final value, {average}% game average"),
    }
}

/// The shares (whole percent) of the game average and the final value.
fn method_shares(scoring: &Scoring) -> (u32, u32) {
    let end = (scoring.end_weight.clamp(0.0, 1.0) * 100.0).round() as u32;
    (100 - end, end)
}

/// Changes smaller than this read as "no change".
const FLAT: f64 = 0.05;

/// A gauge's value with its unit, short enough for a narrow column:
/// "75.2%", "4.1 mo", "55.3/100".
pub fn value_text(gauge: Gauge, value: f64) -> String {
    match gauge {
        Gauge::ComputeLead => format!("{value:.1}%"),
        Gauge::CapabilityGap => format!("{value:.1} mo"),
        _ => format!("{value:.1}/100"),
    }
}

/// A signed change: "+0.4", "-2.1", "0.0".
pub fn delta_text(delta: f64) -> String {
    if delta.abs() < FLAT {
        "0.0".to_string()
    } else {
        format!("{delta:+.1}")
    }
}

/// A change with the gauge's unit: "+0.4 pts", "-1.2 mo".
pub fn delta_with_unit(gauge: Gauge, delta: f64) -> String {
    let unit = match gauge {
        Gauge::CapabilityGap => "mo",
        _ => "pts",
    };
    format!("{} {unit}", delta_text(delta))
}

/// Which way a gauge moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Flat,
}

impl Direction {
    pub fn of(delta: f64) -> Direction {
        if delta >= FLAT {
            Direction::Up
        } else if delta <= -FLAT {
            Direction::Down
        } else {
            Direction::Flat
        }
    }

    pub const fn arrow(self) -> &'static str {
        match self {
            Direction::Up => "↑",
            Direction::Down => "↓",
            Direction::Flat => "→",
        }
    }
}

/// Whether a change is good for Washington (None: no real change).
pub fn judgement(gauge: Gauge, delta: f64) -> Option<bool> {
    match Direction::of(delta) {
        Direction::Flat => None,
        Direction::Up => Some(gauge.higher_is_better_for_us()),
        Direction::Down => Some(!gauge.higher_is_better_for_us()),
    }
}

/// Whether a rise in a gauge is good for Beijing. Mostly Washington's
/// loss is Beijing's gain, but not tension: at 100 the game ends in a
/// crisis that neither side wins, so rising tension is bad for both.
pub const fn higher_is_better_for_china(gauge: Gauge) -> bool {
    match gauge {
        Gauge::Tension => false,
        _ => !gauge.higher_is_better_for_us(),
    }
}

/// Whether a change is good for Beijing (None: no real change).
pub fn judgement_for_china(gauge: Gauge, delta: f64) -> Option<bool> {
    match Direction::of(delta) {
        Direction::Flat => None,
        Direction::Up => Some(higher_is_better_for_china(gauge)),
        Direction::Down => Some(!higher_is_better_for_china(gauge)),
    }
}

/// Who is looking at a change, and so whose good ✓ and ✗ mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewpoint {
    Washington,
    Beijing,
}

impl Viewpoint {
    pub fn judgement(self, gauge: Gauge, delta: f64) -> Option<bool> {
        match self {
            Viewpoint::Washington => judgement(gauge, delta),
            Viewpoint::Beijing => judgement_for_china(gauge, delta),
        }
    }
}

/// Why Beijing answered as it did: the doctrine's own reason, quoted, or,
/// for a response a person chose, who chose it ("Red chose it."). The
/// engine records only that a person chose; the name is the front end's.
pub fn reason_text(record: &ResponseRecord, china_player: Option<&str>) -> String {
    if is_chosen(record) {
        chosen_by(china_player)
    } else {
        format!("“{}”", record.reason)
    }
}

/// `reason_text`, but None for the answer given in place of a Beijing
/// whose time ran out (`lapsed`): nobody chose it, and the record of the
/// lapse says why it was given.
pub fn reason_unless_lapsed(
    record: &ResponseRecord,
    china_player: Option<&str>,
    lapsed: bool,
) -> Option<String> {
    // No reason is given where the doctrine is hidden.
    let withheld = record.reason.is_empty() || lapsed && is_chosen(record);
    (!withheld).then(|| reason_text(record, china_player))
}

/// Beijing's doctrine as Washington may name it: its name, or that it is
/// hidden.
pub fn doctrine_seen(rules: &Rules) -> String {
    if rules.doctrine_hidden() {
        crate::strings::CHINA_HIDDEN.to_string()
    } else {
        rules.doctrine.name.clone()
    }
}

/// "Beijing plays the Pragmatist doctrine", or that Washington must read it.
pub fn beijing_plays(rules: &Rules) -> String {
    if rules.doctrine_hidden() {
        "Beijing's doctrine is hidden: read it from its answers (i, intelligence)".to_string()
    } else {
        format!("Beijing plays the {} doctrine", rules.doctrine.name)
    }
}

/// Whether a person, not a doctrine, chose this response.
pub fn is_chosen(record: &ResponseRecord) -> bool {
    record.reason == CHOSEN_REASON
}

/// "Red chose it.", or without a name "The player for Beijing chose it."
pub fn chosen_by(china_player: Option<&str>) -> String {
    match china_player {
        Some(name) if !name.trim().is_empty() && name != crate::strings::CHINA_SIDE => {
            format!("{name} chose it.")
        }
        _ => "The player for Beijing chose it.".to_string(),
    }
}

/// The mark that says good or bad without colour.
pub const fn judgement_mark(good: Option<bool>) -> &'static str {
    match good {
        Some(true) => "✓",
        Some(false) => "✗",
        None => " ",
    }
}

/// A cause by the name the player knows it by.
pub fn cause_label(rules: &Rules, cause: &Cause) -> String {
    match cause {
        Cause::Move(m) => rules.move_def(*m).name.clone(),
        Cause::Response(r) => rules.response_def(*r).name.clone(),
        Cause::Event(id) => event_title(rules, id),
        Cause::Inject(id) => inject_label(&event_title(rules, id)),
        Cause::Answered(id) => format!("{} answered", event_title(rules, id)),
        Cause::Standing(id) => format!("{}, unanswered", event_title(rules, id)),
        Cause::Trend(t) => t.label().to_string(),
    }
}

fn event_title(rules: &Rules, id: &str) -> String {
    rules
        .events
        .iter()
        .find(|e| e.id == id)
        .map_or_else(|| id.to_string(), |e| e.title.clone())
}

/// What a stock is called on screen: its gauge's name where it is one.
fn stock_label(stock: Stock) -> String {
    match stock.as_str().parse::<Gauge>() {
        Ok(gauge) => gauge_label(gauge).to_lowercase(),
        Err(_) => stock.as_str().replace('_', " "),
    }
}

/// The lines that follow an event's text: how far U.S. leverage cut its
/// blow (leverage as deterrence), and the situation it leaves standing.
pub fn event_aftermath(rules: &Rules, event: &EventRecord) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(d) = &event.deterrence {
        let name = stock_label(d.stock);
        let verb = if d.unchecked >= 0.0 { "rise" } else { "fall" };
        lines.push(format!(
            "Deterrence: with no U.S. leverage, {name} would {verb} {}; at U.S. leverage {:.0} it moved {}: leverage cut the {verb} by {:.1}.",
            signed1(d.unchecked),
            d.leverage,
            signed1(d.actual),
            (d.unchecked - d.actual).abs()
        ));
    }
    if let Some(lasting) = rules
        .events
        .iter()
        .find(|e| e.id == event.id)
        .and_then(|e| e.lasting.as_ref())
    {
        lines.push(format!(
            "It stands for up to {} unless answered: {} Answered by {}.",
            quarters(u32::from(lasting.quarters)),
            lasting.ask,
            move_names(rules, &lasting.answered_by)
        ));
    }
    lines
}

/// "Open talks" or "Enforcement or Adopt a rolling threshold".
fn move_names(rules: &Rules, moves: &[MoveId]) -> String {
    let names: Vec<&str> = moves
        .iter()
        .map(|m| rules.move_def(*m).name.as_str())
        .collect();
    match names.split_last() {
        None => "nothing".to_string(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// A situation Washington's move answered this quarter.
pub fn answered_line(event: &EventRecord) -> String {
    format!("Answered: {}.", event.title)
}

/// The situations standing in a game, one line each, with what answers
/// them: "Taiwan Strait crisis: 2 quarters left unless answered (Open
/// talks). De-escalate …".
pub fn standing_lines(rules: &Rules, state: &crate::engine::State) -> Vec<String> {
    situations(rules, state)
        .map(|s| {
            format!(
                "{}: {} left unless answered by {}{}. {}",
                s.event.title,
                quarters(u32::from(s.left)),
                move_names(rules, &s.lasting.answered_by),
                bite_text(rules, &s).map_or(String::new(), |t| format!(" ({t})")),
                s.lasting.ask
            )
        })
        .collect()
}

/// How hard a situation bites next quarter if left alone: "unanswered, it
/// bites next quarter, harder each quarter after" or "unanswered, it bites
/// 3× as hard next quarter"; None for one that only waits (a window).
fn bite_text(rules: &Rules, s: &crate::engine::turn::Situation) -> Option<String> {
    if s.lasting.each_quarter.is_empty() {
        return None;
    }
    let multiplier = s.next_bite(rules);
    Some(if multiplier <= 1.0 + 1e-9 {
        "unanswered, it bites next quarter, harder each quarter after".to_string()
    } else {
        format!("unanswered, it bites {multiplier:.0}× as hard next quarter")
    })
}

/// The standing situations, short: one line each for a narrow panel
/// beside the numbered move list, the answers by their numbers there:
/// "⚑ 2q Taiwan Strait crisis → 12".
pub fn standing_short(rules: &Rules, state: &crate::engine::State) -> Vec<String> {
    situations(rules, state)
        .map(|s| {
            let numbers: Vec<String> = s
                .lasting
                .answered_by
                .iter()
                .map(|m| (m.index() + 1).to_string())
                .collect();
            format!(
                "{} {}q {} → {}",
                strings::STANDING_MARK,
                s.left,
                s.event.title,
                numbers.join("/")
            )
        })
        .collect()
}

/// The standing situations `m` would answer, in words: "Answers a
/// standing situation: Taiwan Strait crisis (2 quarters left). De-escalate …".
pub fn answers_text(rules: &Rules, state: &crate::engine::State, m: MoveId) -> Option<String> {
    let answered: Vec<String> = situations(rules, state)
        .filter(|s| s.answered_by(m))
        .map(|s| {
            format!(
                "{} ({} left{}). {}",
                s.event.title,
                quarters(u32::from(s.left)),
                bite_text(rules, &s).map_or(String::new(), |t| format!("; {t}")),
                s.lasting.ask
            )
        })
        .collect();
    (!answered.is_empty()).then(|| format!("{} {}", strings::ANSWERS, answered.join(" ")))
}

fn signed1(v: f64) -> String {
    if v >= 0.0 {
        format!("+{v:.1}")
    } else {
        format!("−{:.1}", -v)
    }
}

/// An event control sent into the game, marked as such: "[control
/// inject] Beijing halts rare-earth magnet exports".
pub fn inject_label(title: &str) -> String {
    format!("{} {title}", strings::INJECT_MARK)
}

/// An inject's title, marked.
pub fn inject_title(event: &EventRecord) -> String {
    inject_label(&event.title)
}

/// A message from control, marked: "[from control] Welcome, class."
pub fn control_message(text: &str) -> String {
    format!("{} {text}", strings::CONTROL_MARK)
}

/// "Washington" or "Beijing".
pub const fn side_name(side: Side) -> &'static str {
    match side {
        Side::Us => strings::WASHINGTON,
        Side::China => strings::BEIJING,
    }
}

/// What a side whose time ran out did (Beijing's holding course is
/// waiting and watching).
pub const fn timed_out_text(side: Side) -> &'static str {
    match side {
        Side::Us => strings::US_TIMED_OUT,
        Side::China => strings::CHINA_TIMED_OUT,
    }
}

/// The messages from control that arrived after `played` quarters, in
/// the order they arrived.
pub fn messages_after(game: &Game, played: u32) -> impl DoubleEndedIterator<Item = &str> {
    game.messages
        .iter()
        .filter(move |m| m.turn == played)
        .map(|m| m.text.as_str())
}

/// The messages that arrived while quarter `turn` (from 1) was being
/// decided, that is before its report.
pub fn messages_during(game: &Game, turn: u32) -> impl DoubleEndedIterator<Item = &str> {
    let played = turn.checked_sub(1);
    game.messages
        .iter()
        .filter(move |m| Some(m.turn) == played)
        .map(|m| m.text.as_str())
}

/// The sides whose time ran out in quarter `turn` (from 1).
pub fn timed_out_in(game: &Game, turn: u32) -> &[Side] {
    turn.checked_sub(1)
        .and_then(|i| game.timed_out.get(i as usize))
        .map_or(&[], Vec::as_slice)
}

/// What the class's control added to one quarter: the messages that
/// arrived while it was being decided, the events sent into it, and the
/// sides whose time ran out in it.
#[derive(Clone, Debug, PartialEq)]
pub struct ControlQuarter<'a> {
    /// The quarter, from 1; one past the last played holds the messages
    /// that came after it.
    pub turn: u32,
    pub messages: Vec<&'a str>,
    pub injects: Vec<&'a EventRecord>,
    pub timed_out: Vec<Side>,
}

impl ControlQuarter<'_> {
    /// Each item, marked, in the order the turn report shows them:
    /// lapsed sides, injects (by title), messages.
    pub fn items(&self) -> Vec<String> {
        let lapsed = self
            .timed_out
            .iter()
            .map(|s| timed_out_text(*s).to_string());
        let injects = self.injects.iter().map(|e| inject_title(e));
        let messages = self.messages.iter().map(|m| control_message(m));
        lapsed.chain(injects).chain(messages).collect()
    }
}

/// Every quarter control added something to, in order (empty: control
/// sent nothing and no time ran out).
pub fn control_record(game: &Game) -> Vec<ControlQuarter<'_>> {
    let played = game.reports.len() as u32;
    let last = game
        .messages
        .iter()
        .map(|m| m.turn + 1)
        .fold(played, u32::max);
    (1..=last)
        .map(|turn| ControlQuarter {
            turn,
            messages: messages_during(game, turn).collect(),
            injects: game
                .reports
                .get(turn as usize - 1)
                .map_or_else(Vec::new, |r| r.injects.iter().collect()),
            timed_out: timed_out_in(game, turn).to_vec(),
        })
        .filter(|q| !(q.messages.is_empty() && q.injects.is_empty() && q.timed_out.is_empty()))
        .collect()
}

/// Which quarter a part of the control record belongs to: "2025 Q3
/// (quarter 3)", or, for messages after a finished game's last quarter,
/// "After the last quarter".
pub fn control_quarter_label(game: &Game, turn: u32) -> String {
    if game.is_over() && turn as usize > game.reports.len() {
        strings::AFTER_THE_GAME.to_string()
    } else {
        format!("{} (quarter {turn})", turn_date(&game.rules, turn))
    }
}

/// A gauge change's causes, largest first: [(name, amount)].
pub fn causes(rules: &Rules, change: &GaugeChange) -> Vec<(String, f64)> {
    let mut list: Vec<(String, f64)> = change
        .contributions
        .iter()
        .filter(|c| c.amount.abs() >= 0.005)
        .map(|c| (cause_label(rules, &c.cause), c.amount))
        .collect();
    list.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    list
}

/// "purchase ban -4.0, domestic chips improved -2.0".
pub fn causes_text(rules: &Rules, change: &GaugeChange) -> String {
    let list = causes(rules, change);
    if list.is_empty() {
        return NO_CHANGE.to_string();
    }
    list.iter()
        .map(|(name, amount)| format!("{name} {}", signed2(*amount)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A small amount with sign, keeping a second decimal when it matters.
pub fn signed2(amount: f64) -> String {
    if amount.abs() < 0.1 {
        format!("{amount:+.2}")
    } else {
        format!("{amount:+.1}")
    }
}

/// The standing U.S. policy, in words: ceiling, equipment controls,
/// enforcement, revenue share.
pub fn policy_parts(policy: &Policy) -> [String; 4] {
    [
        format!("Export ceiling: {}", policy.ceiling.label()),
        format!(
            "Equipment controls: {} ({}/{})",
            policy.equipment_label(),
            policy.equipment,
            Policy::MAX_EQUIPMENT
        ),
        format!(
            "Enforcement: {}/{} (lax→strict)",
            policy.enforcement,
            Policy::MAX_ENFORCEMENT
        ),
        format!(
            "Revenue share: {}",
            if policy.revenue_share { "on" } else { "off" }
        ),
    ]
}

/// The standing policy in few words, for a panel that must also list the
/// standing situations at 80×24: "Ceiling H20-class · Tools partial 1/2 ·
/// Enforcement 1/3 · Revenue share off".
pub fn policy_short(policy: &Policy) -> String {
    format!(
        "Ceiling {} · Tools {} {}/{} · Enforcement {}/{} · Revenue share {}",
        policy.ceiling.label(),
        policy.equipment_label(),
        policy.equipment,
        Policy::MAX_EQUIPMENT,
        policy.enforcement,
        Policy::MAX_ENFORCEMENT,
        if policy.revenue_share { "on" } else { "off" }
    )
}

/// The model card's headings.
pub const MODEL_CARD_ASSUMES: &str = "What the model assumes";
pub const MODEL_CARD_CONTESTED: &str = "What is contested";
pub const MODEL_CARD_LEAVES_OUT: &str = "What it leaves out";

/// The model card's three headed lists, in the order they are read.
pub fn model_card_sections(card: &ModelCard) -> [(&'static str, &[String]); 3] {
    [
        (MODEL_CARD_ASSUMES, &card.assumes),
        (MODEL_CARD_CONTESTED, &card.contested),
        (MODEL_CARD_LEAVES_OUT, &card.leaves_out),
    ]
}

/// "4 quarters", "1 quarter".
pub fn quarters(n: u32) -> String {
    if n == 1 {
        "1 quarter".to_string()
    } else {
        format!("{n} quarters")
    }
}

/// The quarter a turn (from 1) was played in.
pub fn turn_date(rules: &Rules, turn: u32) -> Date {
    Date {
        year: rules.scenario.start_year,
        quarter: rules.scenario.start_quarter,
    }
    .plus_quarters(turn.saturating_sub(1))
}

/// In the quarter that ended the game in a crisis or a collapse, when the
/// gauge that ended it shows less than 100 at the end of the quarter: how
/// that can be. The line was crossed during the quarter (Washington's move,
/// Beijing's answer and the event happen first), which ends the game; the
/// quarter's slow drift then eased the gauge a little.
pub fn ending_explained(report: &TurnReport) -> Option<(Gauge, String)> {
    let gauge = match report.outcome? {
        Outcome::Crisis => Gauge::Tension,
        Outcome::Collapse => Gauge::MineralStress,
        _ => return None,
    };
    let change = report.change(gauge);
    if change.after >= 100.0 {
        return None;
    }
    let drift: f64 = change
        .contributions
        .iter()
        .filter(|c| matches!(c.cause, Cause::Trend(_)))
        .map(|c| c.amount)
        .sum();
    Some((
        gauge,
        format!(
            "{} reached 100 during the quarter, which ended the game; the quarter's slow drift ({}) then left it at {:.1}.",
            gauge_label(gauge),
            signed2(drift),
            change.after
        ),
    ))
}

/// One of the game's largest swings.
#[derive(Clone, Debug, PartialEq)]
pub struct TurningPoint {
    pub turn: u32,
    pub date: Date,
    pub gauge: Gauge,
    pub delta: f64,
    /// The largest cause and its share of the swing.
    pub cause: String,
    pub cause_amount: f64,
}

/// The `n` largest gauge swings of the game (scaled to each gauge's range),
/// each with its main cause; in the order they happened.
pub fn turning_points(rules: &Rules, reports: &[TurnReport], n: usize) -> Vec<TurningPoint> {
    let mut all: Vec<(f64, TurningPoint)> = Vec::new();
    for report in reports {
        for change in &report.changes {
            let (lo, hi) = change.gauge.range();
            let size = change.delta().abs() / (hi - lo) * 100.0;
            if size < 0.5 {
                continue;
            }
            let (cause, cause_amount) = causes(rules, change)
                .into_iter()
                .next()
                .unwrap_or_else(|| (NO_CHANGE.to_string(), 0.0));
            all.push((
                size,
                TurningPoint {
                    turn: report.turn,
                    date: turn_date(rules, report.turn),
                    gauge: change.gauge,
                    delta: change.delta(),
                    cause,
                    cause_amount,
                },
            ));
        }
    }
    all.sort_by(|a, b| b.0.total_cmp(&a.0));
    all.truncate(n);
    let mut points: Vec<TurningPoint> = all.into_iter().map(|(_, p)| p).collect();
    points.sort_by_key(|p| (p.turn, p.gauge.index()));
    points
}

/// "2026 Q1 Tension +18.0 pts, mostly Full blockade (+15.0)".
pub fn turning_point_text(point: &TurningPoint) -> String {
    format!(
        "{} {} {}: mostly {} ({})",
        point.date,
        gauge_label(point.gauge),
        delta_with_unit(point.gauge, point.delta),
        point.cause,
        signed2(point.cause_amount)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_carry_their_units() {
        assert_eq!(value_text(Gauge::ComputeLead, 75.25), "75.2%");
        assert_eq!(value_text(Gauge::CapabilityGap, 4.0), "4.0 mo");
        assert_eq!(value_text(Gauge::Tension, 30.0), "30.0/100");
    }

    #[test]
    fn changes_say_direction_and_judgement_without_colour() {
        assert_eq!(delta_text(1.25), "+1.2");
        assert_eq!(delta_text(-0.01), "0.0");
        assert_eq!(Direction::of(-2.0).arrow(), "↓");
        assert_eq!(judgement(Gauge::Tension, 3.0), Some(false));
        assert_eq!(judgement(Gauge::ComputeLead, 3.0), Some(true));
        assert_eq!(judgement(Gauge::SelfSufficiency, -1.0), Some(true));
        assert_eq!(judgement(Gauge::Allies, 0.0), None);
    }

    #[test]
    fn the_score_says_how_it_is_made() {
        let rules = crate::content::Content::builtin()
            .unwrap()
            .rules(crate::content::DEFAULT_SCENARIO, None)
            .unwrap();
        let mut scoring = rules.scenario.scoring.clone();
        let shares = weight_shares(&scoring);
        assert_eq!(shares.len(), Objective::ALL.len());
        assert!(
            (shares.iter().sum::<f64>() - 100.0).abs() <= 3.0,
            "{shares:?}"
        );
        scoring.end_weight = 0.85;
        assert_eq!(
            score_method(&scoring),
            "Each objective counts 15% its average over the game and 85% its final value."
        );
        assert_eq!(
            score_method_short(&scoring),
            "each: 85% final value, 15% game average"
        );
        scoring.end_weight = 0.0;
        assert_eq!(
            score_method(&scoring),
            "Each objective counts its average over the game."
        );
        scoring.end_weight = 1.0;
        assert_eq!(
            score_method(&scoring),
            "Each objective counts its final value only."
        );
    }
}
