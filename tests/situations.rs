//! Events that leave a situation standing: it bites each quarter until
//! Washington answers it or it runs out, the report says so, and no event
//! fires more than its limit in a game. The Taiwan Strait crisis reports
//! its deterrence: what the rise would have been with no U.S. leverage.

use std::sync::Arc;

use chokepoints::content::Content;
use chokepoints::describe;
use chokepoints::engine::turn::{ChinaSide, resolve_turn_with};
use chokepoints::engine::{Cause, Game, GameRng, Gauge, MoveId, Rules, State, Stock};

fn rules(doctrine: &str) -> Rules {
    Content::builtin()
        .expect("shipped content loads")
        .rules("h20-reversal", Some(doctrine))
        .expect("shipped rules")
}

/// A quarter of the game with Beijing's doctrine and these injects.
fn quarter(
    rules: &Rules,
    state: &State,
    us_move: MoveId,
    injects: &[usize],
    rng: &mut GameRng,
) -> (State, chokepoints::engine::TurnReport) {
    resolve_turn_with(rules, state, us_move, ChinaSide::Doctrine, injects, rng)
}

fn deck_index(rules: &Rules, id: &str) -> usize {
    rules
        .events
        .iter()
        .position(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id} is in the deck"))
}

/// The sum of a gauge's contributions under causes that `pick` accepts.
fn from_cause(
    report: &chokepoints::engine::TurnReport,
    gauge: Gauge,
    pick: impl Fn(&Cause) -> bool,
) -> f64 {
    report
        .changes
        .iter()
        .filter(|c| c.gauge == gauge)
        .flat_map(|c| &c.contributions)
        .filter(|c| pick(&c.cause))
        .map(|c| c.amount)
        .sum()
}

#[test]
fn a_situation_bites_until_answered_and_the_report_says_so() {
    let rules = rules("pragmatist");
    let crisis = deck_index(&rules, "taiwan-strait-crisis");
    let lasting = rules.events[crisis].lasting.clone().expect("it lasts");
    let answer = lasting.answered_by[0];
    let mut rng = GameRng::new(5);
    let start = State::new(&rules.scenario);
    let (opened, report) = quarter(&rules, &start, MoveId::HoldCourse, &[crisis], &mut rng);
    assert_eq!(opened.standing_for(crisis), lasting.quarters);
    let lines = describe::event_aftermath(&rules, &report.injects[0]);
    assert!(
        lines.iter().any(|l| l.contains("unless answered")),
        "{lines:?}"
    );

    // A quarter not answered: it bites, under its own cause, and a quarter
    // of it runs out.
    let mut idle_rng = rng.clone();
    let (bitten, report) = quarter(&rules, &opened, MoveId::HoldCourse, &[], &mut idle_rng);
    let id = rules.events[crisis].id.clone();
    let bite = from_cause(&report, Gauge::Tension, |c| {
        *c == Cause::Standing(id.clone())
    });
    assert!(bite > 0.0, "the standing crisis raised tension: {bite}");
    assert_eq!(bitten.standing_for(crisis), lasting.quarters - 1);
    assert!(report.answered.is_empty());
    assert!(
        describe::standing_lines(&rules, &bitten)
            .iter()
            .any(|l| l.starts_with(&rules.events[crisis].title)),
        "the panel lists it"
    );

    // Answered: its answer applies, it ends, and the report names it.
    let (answered, report) =
        resolve_turn_with(&rules, &opened, answer, ChinaSide::Doctrine, &[], &mut rng);
    assert_eq!(answered.standing_for(crisis), 0);
    assert_eq!(report.answered.len(), 1);
    assert_eq!(report.answered[0].id, id);
    let eased = from_cause(&report, Gauge::Tension, |c| {
        *c == Cause::Answered(id.clone())
    });
    assert!(eased < 0.0, "the answer eased tension: {eased}");
    assert!(describe::answers_text(&rules, &opened, answer).is_some());
    assert!(describe::answers_text(&rules, &opened, MoveId::HoldCourse).is_none());
    // The standing situation is part of the state, so of its checksum.
    assert_ne!(opened.checksum(), {
        let mut cleared = opened.clone();
        cleared.set_standing(crisis, 0);
        cleared.checksum()
    });
}

#[test]
fn the_taiwan_crisis_reports_how_far_leverage_cut_the_rise() {
    let rules = rules("pragmatist");
    let crisis = deck_index(&rules, "taiwan-strait-crisis");
    let unchecked = rules.events[crisis].effects[0].amount;
    let mut rng = GameRng::new(9);
    let mut start = State::new(&rules.scenario);
    // Keep tension away from its bounds so nothing is clamped.
    start.set(Stock::Tension, 20.0);
    let (_, report) = quarter(&rules, &start, MoveId::HoldCourse, &[crisis], &mut rng);
    let d = report.injects[0]
        .deterrence
        .as_ref()
        .expect("the crisis reports deterrence");
    assert_eq!(d.unchecked, unchecked);
    assert!(d.leverage > 0.0 && d.leverage < 100.0, "{d:?}");
    let id = rules.events[crisis].id.clone();
    let moved = from_cause(&report, Gauge::Tension, |c| *c == Cause::Inject(id.clone()));
    assert!(
        (moved - d.actual).abs() < 1e-9,
        "the report's figure is the change: {moved} vs {d:?}"
    );
    assert!(d.actual < d.unchecked);
    let line = &describe::event_aftermath(&rules, &report.injects[0])[0];
    assert!(
        line.starts_with("Deterrence: with no U.S. leverage"),
        "{line}"
    );
    assert!(
        line.contains(&format!("{:.1}", d.unchecked - d.actual)),
        "{line}"
    );
}

#[test]
fn no_event_fires_beyond_its_limit_or_while_it_stands() {
    let content = Content::builtin().expect("shipped content loads");
    let mut fired_any = 0;
    for doctrine in content.doctrine_ids() {
        let rules = Arc::new(content.rules("h20-reversal", Some(doctrine)).unwrap());
        for seed in 0..100 {
            let mut game = Game::new(Arc::clone(&rules), seed);
            let mut moves = GameRng::with_stream(seed, 3);
            while !game.is_over() {
                let before = game.state.clone();
                let m = MoveId::ALL[moves.below(MoveId::COUNT)];
                let report = game.play(m).unwrap();
                if let Some(event) = &report.event {
                    fired_any += 1;
                    let i = deck_index(&rules, &event.id);
                    assert!(
                        before.times_fired(i) < rules.events[i].max_per_game,
                        "{} fired a {}th time",
                        event.id,
                        before.times_fired(i) + 1
                    );
                    assert!(
                        before.standing_for(i) == 0,
                        "{} fired while it stood",
                        event.id
                    );
                }
            }
            for (i, e) in rules.events.iter().enumerate() {
                assert!(game.state.times_fired(i) <= e.max_per_game, "{}", e.id);
            }
        }
    }
    assert!(fired_any > 1000, "events fired: {fired_any}");
}

/// Near the top of the tension gauge the crisis can only push it to 100:
/// the deterrence line reports the rise that happened, not the formula's.
#[test]
fn deterrence_reports_the_rise_a_full_gauge_allowed() {
    let rules = rules("pragmatist");
    let crisis = deck_index(&rules, "taiwan-strait-crisis");
    let mut start = State::new(&rules.scenario);
    start.set(Stock::Tension, 97.0);
    let mut rng = GameRng::new(9);
    let (after, report) = quarter(&rules, &start, MoveId::HoldCourse, &[crisis], &mut rng);
    let d = report.injects[0].deterrence.as_ref().expect("deterrence");
    let id = rules.events[crisis].id.clone();
    let moved = from_cause(&report, Gauge::Tension, |c| *c == Cause::Inject(id.clone()));
    assert_eq!(d.actual, moved);
    let formula = d.unchecked * (1.0 - d.leverage / 100.0);
    assert!(
        d.actual < formula - 1.0,
        "{d:?} against the formula's {formula:.1}; tension now {}",
        after.get(Stock::Tension)
    );
}

/// Left standing, a situation bites harder each quarter (1×, 3×, 5× with
/// the shipped growth), and the panel says how hard it bites next.
#[test]
fn a_situation_left_standing_bites_harder_each_quarter() {
    let rules = rules("pragmatist");
    let growth = rules.model.standing_growth;
    assert!(growth > 0.0, "situations grow");
    let ally = deck_index(&rules, "ally-breaks-ranks");
    let lasting = rules.events[ally].lasting.clone().expect("it lasts");
    let base: f64 = lasting
        .each_quarter
        .iter()
        .filter(|e| e.stock == Stock::Allies)
        .map(|e| e.amount)
        .sum();
    assert!(base < 0.0);
    let mut rng = GameRng::new(8);
    let mut state = State::new(&rules.scenario);
    // Allies high enough that no bite is clipped at 0.
    state.set(Stock::Allies, 90.0);
    let (mut state, _) = quarter(&rules, &state, MoveId::HoldCourse, &[ally], &mut rng);
    let id = rules.events[ally].id.clone();
    for stood in 0..lasting.quarters {
        let expected = 1.0 + growth * f64::from(stood);
        let next = chokepoints::engine::turn::situations(&rules, &state)
            .find(|s| s.index == ally)
            .expect("still standing")
            .next_bite(&rules);
        assert_eq!(next, expected);
        let line = describe::standing_lines(&rules, &state)
            .into_iter()
            .find(|l| l.starts_with(&rules.events[ally].title))
            .expect("listed");
        if stood > 0 {
            assert!(line.contains(&format!("{expected:.0}× as hard")), "{line}");
        }
        let (after, report) = quarter(&rules, &state, MoveId::HoldCourse, &[], &mut rng);
        let bite = from_cause(&report, Gauge::Allies, |c| {
            *c == Cause::Standing(id.clone())
        });
        assert!(
            (bite - base * expected).abs() < 1e-9,
            "quarter {stood}: bit {bite}, expected {}",
            base * expected
        );
        state = after;
    }
    assert_eq!(state.standing_for(ally), 0, "it ran out");
}
