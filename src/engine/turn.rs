//! The turn: `(state, U.S. move, rng) -> (state, report)`. Each step is
//! applied in a fixed order and recorded under its cause, so every gauge's
//! change is the sum of its named contributions (the steps telescope).

use super::conditions::{TurnContext, all_hold};
use super::ids::{Gauge, Measure, MoveId, ResponseId, Stock};
use super::report::{
    Breakdown, Cause, Deterrence, EventRecord, GaugeChange, Ledger, NoLedger, ResponseRecord,
    Trend, TurnReport,
};
use super::rng::GameRng;
use super::rules::{
    Ceiling, Doctrine, Effect, EventDef, Lasting, Policy, PolicyChange, Rules, Scale,
};
use super::score::objective_values;
use super::state::{Outcome, State};

/// Who decides Beijing's response this turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChinaSide {
    /// The scenario's scripted doctrine.
    Doctrine,
    /// A human player's choice (hot-seat).
    Chosen(ResponseId),
}

/// Who answers inside `play_turn`: a side of the game, or the public
/// record being replayed.
#[derive(Clone, Copy, Debug)]
enum Answers {
    Side(ChinaSide),
    Recorded([Option<ResponseId>; 2]),
}

/// Where the turn's event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EventDraw {
    /// The event deck and the dice (the game).
    Deck,
    /// As recorded (an index into `rules.events`): replaying the public
    /// record. The dice still decide slow trends' noise.
    Recorded(Option<usize>),
}

/// The quarter's events: the one drawn (or recorded), then control's.
#[derive(Clone, Copy, Debug)]
struct Events<'a> {
    draw: EventDraw,
    injects: &'a [usize],
}

/// What happened in a turn, without the per-gauge breakdown: enough for the
/// batch simulator, cheap to build.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TurnSummary {
    pub policy_changed: bool,
    /// Up to two responses, each with the doctrine rule that chose it (None
    /// for a human choice or the fallback).
    pub responses: [Option<(ResponseId, Option<usize>)>; 2],
    /// Index into `rules.events`.
    pub event: Option<usize>,
    /// Standing situations the move answered: bit `i` for deck index `i`.
    pub answered: u64,
    pub leverage_lost_now: bool,
    /// U.S. leverage when the quarter's events fired (for the deterrence
    /// an event's report shows).
    pub leverage_at_events: f64,
    /// The game was already over: nothing was played.
    pub outcome_before: bool,
}

/// Reason given when no rule of a doctrine applies.
pub const FALLBACK_REASON: &str = "No rule of our doctrine applies; Beijing watches and waits.";
/// Reason recorded for a response chosen by a human playing China.
pub const CHOSEN_REASON: &str = "Chosen by the player for China.";

/// Plays one turn and reports it in full.
pub fn resolve_turn(
    rules: &Rules,
    state: &State,
    us_move: MoveId,
    rng: &mut GameRng,
) -> (State, TurnReport) {
    resolve_turn_as(rules, state, us_move, ChinaSide::Doctrine, rng)
}

/// Plays one turn with a chosen China side and reports it in full.
pub fn resolve_turn_as(
    rules: &Rules,
    state: &State,
    us_move: MoveId,
    china: ChinaSide,
    rng: &mut GameRng,
) -> (State, TurnReport) {
    resolve_turn_with(rules, state, us_move, china, &[], rng)
}

/// Plays one turn with a chosen China side and the events control sent
/// into it (indices into `rules.events`), and reports it in full.
pub fn resolve_turn_with(
    rules: &Rules,
    state: &State,
    us_move: MoveId,
    china: ChinaSide,
    injects: &[usize],
    rng: &mut GameRng,
) -> (State, TurnReport) {
    let mut next = state.clone();
    let before = state.gauges();
    let mut ledger = Breakdown::default();
    let summary = play_turn(
        rules,
        &mut next,
        us_move,
        Answers::Side(china),
        Events {
            draw: EventDraw::Deck,
            injects,
        },
        rng,
        &mut ledger,
    );
    let after = next.gauges();
    let changes: Vec<GaugeChange> = Gauge::ALL
        .iter()
        .map(|g| GaugeChange {
            gauge: *g,
            before: before.get(*g),
            after: after.get(*g),
            contributions: std::mem::take(&mut ledger.per_gauge[g.index()]),
        })
        .collect();
    debug_assert!(
        contributions_add_up(&changes),
        "a gauge's contributions do not sum to its change: {changes:?}"
    );
    let responses = summary
        .responses
        .iter()
        .flatten()
        .map(|(response, rule)| ResponseRecord {
            response: *response,
            reason: match (china, rule) {
                (ChinaSide::Chosen(_), _) => CHOSEN_REASON.to_string(),
                // A hidden doctrine's reasons would name it: Washington
                // sees what Beijing did, and must infer why (no reason).
                _ if rules.doctrine_hidden() => String::new(),
                (_, Some(i)) => rules.doctrine.rules[*i].reason.clone(),
                (_, None) => FALLBACK_REASON.to_string(),
            },
        })
        .collect();
    // The leverage that deterred an event is the leverage when it fired:
    // after the move and Beijing's answer, before any event.
    let leverage_at_events = summary.leverage_at_events;
    let record = |i: usize, cause: Option<Cause>| {
        let e = &rules.events[i];
        EventRecord {
            id: e.id.clone(),
            title: e.title.clone(),
            text: e.text.clone(),
            deterrence: cause.and_then(|c| deterrence(e, leverage_at_events, &c, &changes)),
        }
    };
    let event = summary
        .event
        .map(|i| record(i, Some(Cause::Event(rules.events[i].id.clone()))));
    let injects = if summary.outcome_before {
        Vec::new()
    } else {
        injects
            .iter()
            .filter(|i| **i < rules.events.len())
            .map(|i| record(*i, Some(Cause::Inject(rules.events[*i].id.clone()))))
            .collect()
    };
    let answered = (0..rules.events.len().min(64))
        .filter(|i| summary.answered & (1 << i) != 0)
        .map(|i| record(i, None))
        .collect();
    let report = TurnReport {
        turn: next.turn,
        us_move,
        policy_changed: summary.policy_changed,
        responses,
        event,
        injects,
        answered,
        changes,
        leverage_lost_now: summary.leverage_lost_now,
        outcome: next.outcome,
        checksum: next.checksum(),
    };
    (next, report)
}

/// Plays one turn in place without recording causes: the batch path.
pub fn advance(
    rules: &Rules,
    state: &mut State,
    us_move: MoveId,
    rng: &mut GameRng,
) -> TurnSummary {
    play_turn(
        rules,
        state,
        us_move,
        Answers::Side(ChinaSide::Doctrine),
        Events {
            draw: EventDraw::Deck,
            injects: &[],
        },
        rng,
        &mut NoLedger,
    )
}

/// Plays one turn in place with Beijing's responses and the event as they
/// were recorded: how Washington rebuilds what its public record implies.
pub fn advance_recorded(
    rules: &Rules,
    state: &mut State,
    us_move: MoveId,
    responses: [Option<ResponseId>; 2],
    event: Option<usize>,
    injects: &[usize],
    rng: &mut GameRng,
) {
    let event = event.filter(|i| *i < rules.events.len());
    play_turn(
        rules,
        state,
        us_move,
        Answers::Recorded(responses),
        Events {
            draw: EventDraw::Recorded(event),
            injects,
        },
        rng,
        &mut NoLedger,
    );
}

/// An event's effect that U.S. leverage cuts (scaled by its inverse):
/// what it would have been with no leverage, and what it was. Where the
/// stock is a gauge moved by that effect alone, "what it was" is the
/// change the report recorded under the event's `cause`, so a gauge held
/// at its bound reports what really happened.
fn deterrence(
    event: &EventDef,
    leverage: f64,
    cause: &Cause,
    changes: &[GaugeChange],
) -> Option<Deterrence> {
    let deterred = event.effects.iter().find(|e| {
        matches!(
            e.scale,
            Some(Scale::ByInverse(Measure::Stock(Stock::UsLeverage)))
                | Some(Scale::ByInverse(Measure::Gauge(Gauge::UsLeverage)))
        )
    })?;
    let alone = event
        .effects
        .iter()
        .filter(|e| e.stock == deterred.stock)
        .count()
        == 1;
    let recorded = deterred
        .stock
        .as_str()
        .parse::<Gauge>()
        .ok()
        .filter(|_| alone)
        .and_then(|g| changes.iter().find(|c| c.gauge == g))
        .map(|c| {
            c.contributions
                .iter()
                .filter(|x| x.cause == *cause)
                .map(|x| x.amount)
                .sum::<f64>()
        });
    Some(Deterrence {
        stock: deterred.stock,
        unchecked: deterred.amount,
        actual: recorded.unwrap_or(deterred.amount * (1.0 - leverage / 100.0)),
        leverage,
    })
}

/// Runs `step` on the state and records its effect on the gauges under `cause`.
fn step<L: Ledger, R>(
    state: &mut State,
    ledger: &mut L,
    cause: Cause,
    step: impl FnOnce(&mut State) -> R,
) -> R {
    if L::ON {
        let before = state.gauges();
        let out = step(state);
        ledger.record(&cause, &before, &state.gauges());
        out
    } else {
        step(state)
    }
}

fn apply_effect(state: &mut State, effect: &Effect, multiplier: f64) {
    let scale = match effect.scale {
        None => 1.0,
        Some(Scale::By(m)) => state.measure(m) / 100.0,
        Some(Scale::ByInverse(m)) => 1.0 - state.measure(m) / 100.0,
    };
    state.add(effect.stock, effect.amount * multiplier * scale);
}

fn apply_policy(policy: &mut Policy, change: PolicyChange) {
    match change {
        PolicyChange::SetCeiling(c) => policy.ceiling = c,
        PolicyChange::RaiseEquipment => {
            policy.equipment = (policy.equipment + 1).min(Policy::MAX_EQUIPMENT)
        }
        PolicyChange::SetEquipment(level) => policy.equipment = level.min(Policy::MAX_EQUIPMENT),
        PolicyChange::RaiseEnforcement => {
            policy.enforcement = (policy.enforcement + 1).min(Policy::MAX_ENFORCEMENT)
        }
        PolicyChange::RevenueShare(on) => policy.revenue_share = on,
    }
}

/// What Washington's move did, as Beijing sees it when it answers.
#[derive(Clone, Copy, Debug)]
pub struct MoveApplied {
    /// Whether the move changed standing policy.
    pub policy_changed: bool,
    /// What Beijing's doctrine (and the event deck) may know of the turn.
    pub ctx: TurnContext,
}

/// Steps (1)–(2) of a turn: applies Washington's move to the state. The
/// state it leaves is the one Beijing decides on. Pure and deterministic (no
/// dice); `play_turn` records its effect on the gauges under the move.
pub fn apply_us_move(rules: &Rules, state: &mut State, us_move: MoveId) -> MoveApplied {
    let def = rules.move_def(us_move);
    let old_policy = state.policy;
    for change in &def.policy {
        apply_policy(&mut state.policy, *change);
    }
    // Repetition wears a move out, policy changes included: flipping
    // back and forth between two regimes buys less goodwill each time.
    let fatigue = state.fatigue[us_move.index()];
    let multiplier = 1.0 / (1.0 + def.diminishing * fatigue);
    state.fatigue[us_move.index()] += 1.0;
    let policy_changed = state.policy != old_policy;
    if policy_changed {
        for effect in &def.on_change {
            apply_effect(state, effect, multiplier);
        }
        if f64::from(state.since_policy_change) < rules.model.churn_window {
            state.add(Stock::Allies, -rules.model.churn_allies);
            state.add(Stock::UsIndustry, -rules.model.churn_industry);
        }
        state.since_policy_change = 0;
    }
    for effect in &def.each_time {
        apply_effect(state, effect, multiplier);
    }
    for effect in &def.each_time_cost {
        apply_effect(state, effect, 1.0);
    }
    // Beijing's offer to negotiate stands for one quarter: Washington
    // takes it up with this move, or it lapses.
    state.set(Stock::Overture, 0.0);
    let escalation = if policy_changed || def.policy.is_empty() {
        def.escalation
    } else {
        0
    };
    if escalation >= 2 {
        state.since_escalation = 0;
    }
    MoveApplied {
        policy_changed,
        ctx: TurnContext {
            us_move,
            escalation,
        },
    }
}

/// The turn proper, shared by the reporting and the batch paths.
fn play_turn<L: Ledger>(
    rules: &Rules,
    state: &mut State,
    us_move: MoveId,
    answers: Answers,
    events: Events<'_>,
    rng: &mut GameRng,
    ledger: &mut L,
) -> TurnSummary {
    let mut summary = TurnSummary {
        policy_changed: false,
        responses: [None, None],
        event: None,
        answered: 0,
        leverage_at_events: 0.0,
        leverage_lost_now: false,
        outcome_before: state.is_over(),
    };
    if state.is_over() {
        return summary;
    }

    // (1)–(2) Washington's move.
    let applied = step(state, ledger, Cause::Move(us_move), |s| {
        apply_us_move(rules, s, us_move)
    });
    summary.policy_changed = applied.policy_changed;
    let ctx = applied.ctx;

    // (2b) Situations that events left standing: the move answers those it
    // answers; the rest bite another quarter.
    // A card whose situation stood at the start of the quarter is not
    // drawn again in it, answered or run out: the news would read as a
    // repeat.
    let stood: u64 = state
        .situations()
        .filter(|(i, _)| *i < 64)
        .fold(0, |bits, (i, _)| bits | 1 << i);
    summary.answered = answer_or_bite(rules, state, us_move, ledger);

    // (3) Beijing answers.
    summary.responses = match answers {
        Answers::Side(ChinaSide::Chosen(response)) => [Some((response, None)), None],
        Answers::Side(ChinaSide::Doctrine) => choose_responses(rules, state, &ctx, rng),
        Answers::Recorded(responses) => responses.map(|r| r.map(|r| (r, None))),
    };
    for (response, _) in summary.responses.iter().flatten() {
        let def = rules.response_def(*response);
        step(state, ledger, Cause::Response(*response), |s| {
            for effect in &def.effects {
                apply_effect(s, effect, 1.0);
            }
        });
    }

    // (4) Perhaps an event: one whose condition holds, that has not used up
    // its firings this game and whose situation is not already standing.
    summary.leverage_at_events = state.get(Stock::UsLeverage);
    if let EventDraw::Recorded(event) = events.draw {
        summary.event = event;
    } else if rng.chance(rules.model.event_chance) {
        let eligible = |i: usize| {
            let e = &rules.events[i];
            state.times_fired(i) < e.max_per_game
                && state.standing_for(i) == 0
                && (i >= 64 || stood & 1 << i == 0)
                && all_hold(&e.when, state, rules, &ctx)
        };
        let weights = (0..rules.events.len()).map(|i| {
            if eligible(i) {
                rules.events[i].weight
            } else {
                0.0
            }
        });
        summary.event = rng.weighted(weights);
    }
    if let Some(i) = summary.event {
        let event = &rules.events[i];
        step(state, ledger, Cause::Event(event.id.clone()), |s| {
            for effect in &event.effects {
                apply_effect(s, effect, 1.0);
            }
        });
        open_situation(rules, state, i);
    }
    // Control's injects come after the drawn event and draw nothing from
    // the dice, so the rest of the game's chances are as they would have
    // been; their conditions are not asked.
    for i in events.injects.iter().filter(|i| **i < rules.events.len()) {
        let event = &rules.events[*i];
        step(state, ledger, Cause::Inject(event.id.clone()), |s| {
            for effect in &event.effects {
                apply_effect(s, effect, 1.0);
            }
        });
        open_situation(rules, state, *i);
    }

    // Tension or mineral stress that reaches 100 during the quarter ends the
    // game, even if the quarter's slow drift would ease it again.
    let crisis_peak = state.get(Stock::Tension) >= 100.0;
    let collapse_peak = state.get(Stock::MineralStress) >= 100.0;

    // (5) Slow trends.
    apply_trends(rules, state, rng, ledger);
    for f in &mut state.fatigue {
        *f *= rules.model.fatigue_decay;
    }
    state.since_escalation = state.since_escalation.saturating_add(1);
    state.since_policy_change = state.since_policy_change.saturating_add(1);
    state.last_move = Some(us_move);

    // (6) Ends and the running score.
    if !state.leverage_lost
        && state.get(Stock::Quality) >= state.ceiling_quality(rules)
        && state.get(Stock::UsLeverage) < rules.model.leverage_lost_below
    {
        state.leverage_lost = true;
        summary.leverage_lost_now = true;
    }
    state.turn += 1;
    let objectives = objective_values(state, &rules.model);
    let gauges = state.gauges();
    let totals = &mut state.totals;
    totals.turns += 1;
    for (sum, v) in totals.objectives.iter_mut().zip(objectives) {
        *sum += v;
    }
    for (sum, v) in totals.gauges.iter_mut().zip(gauges.0) {
        *sum += v;
    }
    state.outcome = if crisis_peak || state.get(Stock::Tension) >= 100.0 {
        Some(Outcome::Crisis)
    } else if collapse_peak || state.get(Stock::MineralStress) >= 100.0 {
        Some(Outcome::Collapse)
    } else if state.turn >= rules.scenario.horizon {
        Some(Outcome::Horizon)
    } else {
        None
    };
    debug_assert!(
        gauges_in_range(state),
        "gauge out of range: {:?}",
        state.gauges()
    );
    summary
}

/// Counts an event's firing and opens its situation, if it leaves one.
fn open_situation(rules: &Rules, state: &mut State, event: usize) {
    state.note_fired(event);
    if let Some(lasting) = &rules.events[event].lasting {
        state.set_standing(event, lasting.quarters);
    }
}

/// Steps (1)–(2b) of a turn: Washington's move, then the standing
/// situations it answers or that bite again. The state it leaves is the
/// one Beijing decides on, so a checker or a forecast that asks what
/// Beijing saw starts here. Pure and deterministic, like `apply_us_move`.
pub fn before_beijing(rules: &Rules, state: &mut State, us_move: MoveId) -> MoveApplied {
    let applied = apply_us_move(rules, state, us_move);
    answer_or_bite(rules, state, us_move, &mut NoLedger);
    applied
}

/// A situation standing in a game: its event, what it asks, and the
/// quarters it has left.
#[derive(Clone, Copy, Debug)]
pub struct Situation<'a> {
    /// The event's index in the deck.
    pub index: usize,
    pub event: &'a EventDef,
    pub lasting: &'a Lasting,
    pub left: u8,
}

impl Situation<'_> {
    pub fn answered_by(&self, m: MoveId) -> bool {
        self.lasting.answered_by.contains(&m)
    }

    /// How many times its `each_quarter` effects it bites next quarter if
    /// left unanswered.
    pub fn next_bite(&self, rules: &Rules) -> f64 {
        bite_growth(rules, self.lasting, self.left)
    }
}

/// The multiplier on a standing situation's bite with `left` quarters to
/// run: left alone, a situation grows (the ring recruits, the ally's
/// defection spreads, the crisis feeds on itself), by the model's
/// `standing_growth` for each quarter it has already stood.
fn bite_growth(rules: &Rules, lasting: &Lasting, left: u8) -> f64 {
    let stood = f64::from(lasting.quarters.saturating_sub(left));
    1.0 + rules.model.standing_growth * stood
}

/// The situations standing in `state`, in deck order.
pub fn situations<'a>(rules: &'a Rules, state: &'a State) -> impl Iterator<Item = Situation<'a>> {
    state.situations().filter_map(|(index, left)| {
        let event = rules.events.get(index)?;
        Some(Situation {
            index,
            event,
            lasting: event.lasting.as_ref()?,
            left,
        })
    })
}

/// Whether `us_move` answers a situation standing in `state`.
pub fn answers_a_situation(rules: &Rules, state: &State, us_move: MoveId) -> bool {
    situations(rules, state).any(|s| s.answered_by(us_move))
}

/// Answers the standing situations that `us_move` answers (their `answer`
/// effects, and they end) and lets the others bite (`each_quarter`, and a
/// quarter less to run). Returns the answered ones as a bit set.
fn answer_or_bite<L: Ledger>(
    rules: &Rules,
    state: &mut State,
    us_move: MoveId,
    ledger: &mut L,
) -> u64 {
    let mut answered = 0;
    for i in 0..state.standing.len() {
        let quarters = state.standing_for(i);
        if quarters == 0 {
            continue;
        }
        let Some(event) = rules.events.get(i) else {
            state.set_standing(i, 0);
            continue;
        };
        let Some(lasting) = &event.lasting else {
            state.set_standing(i, 0);
            continue;
        };
        if lasting.answered_by.contains(&us_move) {
            step(state, ledger, Cause::Answered(event.id.clone()), |s| {
                for effect in &lasting.answer {
                    apply_effect(s, effect, 1.0);
                }
            });
            state.set_standing(i, 0);
            if i < 64 {
                answered |= 1 << i;
            }
        } else {
            let growth = bite_growth(rules, lasting, quarters);
            step(state, ledger, Cause::Standing(event.id.clone()), |s| {
                for effect in &lasting.each_quarter {
                    apply_effect(s, effect, growth);
                }
            });
            state.set_standing(i, quarters - 1);
        }
    }
    answered
}

/// Whether each gauge's named contributions sum to its change (an engine
/// invariant: the report must explain every point of every change).
pub fn contributions_add_up(changes: &[GaugeChange]) -> bool {
    changes.iter().all(|c| {
        let sum: f64 = c.contributions.iter().map(|x| x.amount).sum();
        (sum - c.delta()).abs() <= 1e-9 * (1.0 + c.before.abs() + c.after.abs())
    })
}

/// Whether every gauge lies within its range (an engine invariant).
pub fn gauges_in_range(state: &State) -> bool {
    Gauge::ALL.iter().all(|g| {
        let (lo, hi) = g.range();
        let v = state.gauge(*g);
        v.is_finite() && v >= lo && v <= hi
    })
}

/// Beijing's doctrine picks one response by weighted rules, and sometimes a
/// second, different one.
fn choose_responses(
    rules: &Rules,
    state: &State,
    ctx: &TurnContext,
    rng: &mut GameRng,
) -> [Option<(ResponseId, Option<usize>)>; 2] {
    let doctrine = rules.beijing(state);
    let weight = |i: usize, exclude: Option<ResponseId>| {
        let rule = &doctrine.rules[i];
        if Some(rule.response) == exclude || !all_hold(&rule.when, state, rules, ctx) {
            0.0
        } else {
            rule.weight
        }
    };
    let n = doctrine.rules.len();
    let Some(first) = rng.weighted((0..n).map(|i| weight(i, None))) else {
        return [Some((ResponseId::WaitAndSee, None)), None];
    };
    let first_response = doctrine.rules[first].response;
    let mut second = None;
    if first_response != ResponseId::WaitAndSee && rng.chance(doctrine.second_response_chance) {
        second = rng
            .weighted((0..n).map(|i| weight(i, Some(first_response))))
            .map(|i| (doctrine.rules[i].response, Some(i)))
            .filter(|(r, _)| *r != ResponseId::WaitAndSee);
    }
    [Some((first_response, Some(first))), second]
}

/// How likely a doctrine was to answer as Beijing did, deciding on `state`
/// (the position after Washington's move, as `before_beijing` leaves it):
/// the chance that `choose_responses` draws exactly these responses. How
/// Washington weighs what Beijing's answers reveal of its doctrine.
pub fn answer_likelihood(
    rules: &Rules,
    doctrine: &Doctrine,
    state: &State,
    ctx: &TurnContext,
    answered: [Option<ResponseId>; 2],
) -> f64 {
    let weights: Vec<(ResponseId, f64)> = doctrine
        .rules
        .iter()
        .map(|rule| {
            let w = if all_hold(&rule.when, state, rules, ctx) {
                rule.weight.max(0.0)
            } else {
                0.0
            };
            (rule.response, w)
        })
        .collect();
    let total: f64 = weights.iter().map(|(_, w)| w).sum();
    let share = |r: ResponseId, exclude: Option<ResponseId>| {
        let of = |x: ResponseId| {
            weights
                .iter()
                .filter(|(y, _)| *y == x && Some(x) != exclude)
                .map(|(_, w)| w)
                .sum::<f64>()
        };
        let all = total - exclude.map_or(0.0, of);
        if all > 0.0 { of(r) / all } else { 0.0 }
    };
    let [Some(first), second] = answered else {
        return 0.0;
    };
    if total <= 0.0 {
        // No rule applies: Beijing waits, and nothing else.
        return f64::from(first == ResponseId::WaitAndSee && second.is_none());
    }
    let p_first = share(first, None);
    if first == ResponseId::WaitAndSee {
        return if second.is_none() { p_first } else { 0.0 };
    }
    let chance = doctrine.second_response_chance.clamp(0.0, 1.0);
    p_first
        * match second {
            // A second draw that lands on waiting is dropped.
            None => 1.0 - chance + chance * share(ResponseId::WaitAndSee, Some(first)),
            Some(r) if r == first || r == ResponseId::WaitAndSee => 0.0,
            Some(r) => chance * share(r, Some(first)),
        }
}

/// The quarter's slow dynamics, each recorded under its own cause.
fn apply_trends<L: Ledger>(rules: &Rules, state: &mut State, rng: &mut GameRng, ledger: &mut L) {
    let m = &rules.model;
    let share = state.import_share(rules);
    let blockade = state.policy.is_blockade();
    let equipment = f64::from(state.policy.equipment);

    step(state, ledger, Cause::Trend(Trend::ChipPurchases), |s| {
        let dep = s.get(Stock::UsLeverage);
        s.set(Stock::UsLeverage, dep + m.dependence_rate * (share - dep));
        s.add(Stock::PurchaseBan, -1.0);
    });

    step(state, ledger, Cause::Trend(Trend::ResolveDrift), |s| {
        let mut resolve = s.get(Stock::Resolve);
        if s.policy.ceiling == Ceiling::Banned {
            resolve += m.resolve_drift_banned;
        }
        resolve += m.resolve_drift_equipment * equipment;
        if share > m.resolve_relax_share {
            resolve += m.resolve_relax_rate * (m.resolve_floor - resolve);
        }
        s.set(Stock::Resolve, resolve);
    });

    let quality_noise = 1.0 + m.progress_noise * (2.0 * rng.unit() - 1.0);
    let volume_noise = 1.0 + m.progress_noise * (2.0 * rng.unit() - 1.0);
    step(state, ledger, Cause::Trend(Trend::DomesticChips), |s| {
        let matured = s.get(Stock::FundingPipeline) * m.funding_maturation;
        s.add(Stock::FundingPipeline, -matured);
        let funding = (s.get(Stock::Funding) + matured) * (1.0 - m.funding_decay);
        s.set(Stock::Funding, funding);
        let resolve = s.get(Stock::Resolve);
        let tools = s.get(Stock::Tools);
        // Equipment controls bite partly on U.S. tools alone, fully only as
        // far as allies enforce them too.
        let allied = s.get(Stock::Allies) / 100.0;
        let bite = equipment
            * (m.equipment_bite_unilateral + (1.0 - m.equipment_bite_unilateral) * allied);
        let dq =
            (m.quality_base + m.quality_per_funding * funding + m.quality_per_resolve * resolve
                - m.quality_equipment_bite * bite)
                .max(0.0)
                * quality_noise;
        let quality = s.get(Stock::Quality);
        let cap = s.get(Stock::Euv).max(quality);
        s.set(Stock::Quality, (quality + dq).min(cap));
        let dv = (m.volume_base
            + m.volume_per_funding * funding
            + m.volume_per_resolve * resolve
            + m.volume_per_tools * tools
            - m.volume_equipment_bite * bite)
            .max(0.0)
            * volume_noise;
        s.add(Stock::Volume, dv);
        s.add(
            Stock::Tools,
            m.tools_base + m.tools_per_equipment * equipment,
        );
        s.add(Stock::Euv, m.euv_rate + m.euv_per_tools * tools / 100.0);
    });

    step(state, ledger, Cause::Trend(Trend::UsBuildout), |s| {
        let growth = m.us_growth + m.buildout_growth * s.get(Stock::Buildout) / 100.0;
        s.set(Stock::UsCompute, s.get(Stock::UsCompute) * (1.0 + growth));
        s.set(
            Stock::Buildout,
            s.get(Stock::Buildout) * (1.0 - m.buildout_decay),
        );
    });

    step(state, ledger, Cause::Trend(Trend::ChinaCompute), |s| {
        let us = s.get(Stock::UsCompute);
        let ceiling_q = s.ceiling_quality(rules);
        let imports = m.cn_import_yield * share / 100.0 * ceiling_q / 50.0;
        let domestic =
            m.cn_domestic_yield * s.get(Stock::Volume) / 100.0 * s.get(Stock::Quality) / 50.0;
        let enforcement = f64::from(s.policy.enforcement);
        let leak = m.cn_leak_base
            * (1.0 + m.leak_per_leakage * s.get(Stock::Leakage))
            * (1.0 - m.leak_cut_per_enforcement * enforcement).max(0.0)
            * (1.0 - share / 100.0);
        let cn = s.get(Stock::CnCompute) * (1.0 - m.cn_depreciation)
            + us * (imports + domestic + leak) / 100.0;
        s.set(Stock::CnCompute, cn);
        s.set(
            Stock::Leakage,
            s.get(Stock::Leakage) * (1.0 - m.leakage_decay),
        );
    });

    step(state, ledger, Cause::Trend(Trend::CapabilityDrift), |s| {
        let ceiling_q = s.ceiling_quality(rules);
        let target = m.gap_base + m.gap_per_lead * (s.compute_lead() - 50.0)
            - m.gap_cut_per_ceiling * (ceiling_q - 50.0).max(0.0) / 25.0;
        let gap = s.get(Stock::CapabilityGap);
        s.set(
            Stock::CapabilityGap,
            gap + m.gap_rate * (target.max(0.0) - gap),
        );
    });

    step(state, ledger, Cause::Trend(Trend::TensionDrift), |s| {
        let tension = s.get(Stock::Tension);
        let push = if blockade { m.blockade_tension } else { 0.0 };
        s.set(
            Stock::Tension,
            tension + m.tension_relax * (m.tension_baseline - tension) + push,
        );
    });

    step(state, ledger, Cause::Trend(Trend::Minerals), |s| {
        s.set(
            Stock::MineralStress,
            s.get(Stock::MineralStress) * (1.0 - m.stress_decay),
        );
        // Washington erodes Beijing's mineral leverage with its own
        // programme (which lapses unless renewed) and with allies who
        // diversify supply alongside it; it never falls below the floor
        // that years of processing dominance leave.
        let minerals = s.get(Stock::ChinaLeverage);
        if minerals > m.minerals_floor {
            let program = m.minerals_per_program * s.get(Stock::MineralProgram) / 10.0;
            let allied = m.minerals_per_allies
                * (s.get(Stock::Allies) - m.minerals_allies_from).max(0.0)
                / 10.0;
            s.set(
                Stock::ChinaLeverage,
                (minerals - program - allied).max(m.minerals_floor),
            );
        }
        s.set(
            Stock::MineralProgram,
            s.get(Stock::MineralProgram) * (1.0 - m.mineral_program_decay),
        );
    });

    step(state, ledger, Cause::Trend(Trend::AlliesDrift), |s| {
        let allies = s.get(Stock::Allies);
        let mut next = allies + m.allies_relax * (m.allies_baseline - allies);
        if s.policy.revenue_share {
            next -= m.allies_revenue_share;
        }
        if blockade {
            next -= m.allies_blockade;
        }
        if s.policy.ceiling == Ceiling::Stronger {
            next -= m.allies_stronger;
        }
        s.set(Stock::Allies, next);
    });

    step(state, ledger, Cause::Trend(Trend::IndustryDrift), |s| {
        let mut target =
            m.industry_base + m.industry_per_share * share - m.industry_per_equipment * equipment;
        if s.policy.revenue_share {
            target -= m.industry_revenue_share;
        }
        let industry = s.get(Stock::UsIndustry);
        s.set(
            Stock::UsIndustry,
            industry + m.industry_rate * (target - industry),
        );
    });
}
