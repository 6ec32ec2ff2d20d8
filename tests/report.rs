//! The turn report explains every gauge change by cause: for every turn of
//! many random games, the named contributions add up to the change, every
//! gauge is reported once, Beijing always gives a reason, and the report's
//! checksum is the new state's.

use std::sync::Arc;

use chokepoints::content::Content;
use chokepoints::engine::report::TurnReport;
use chokepoints::engine::{Cause, Game, GameRng, Gauge, MoveId, State};

const TOLERANCE: f64 = 1e-9;

fn games_per_doctrine() -> u64 {
    60
}

/// Plays random games under every shipped doctrine and hands each turn's
/// (state before, report, state after) to `check`.
fn for_every_turn(mut check: impl FnMut(&str, &State, &TurnReport, &State)) -> usize {
    let content = Content::builtin().expect("shipped content loads");
    let mut turns = 0;
    for doctrine in content.doctrine_ids() {
        let rules = Arc::new(
            content
                .rules("h20-reversal", Some(doctrine))
                .expect("shipped rules"),
        );
        for seed in 0..games_per_doctrine() {
            let mut game = Game::new(Arc::clone(&rules), seed);
            let mut moves = GameRng::with_stream(seed, 7);
            while !game.is_over() {
                let before = game.state.clone();
                let m = MoveId::ALL[moves.below(MoveId::COUNT)];
                let report = game.play(m).expect("a game not over plays a turn");
                check(doctrine, &before, &report, &game.state);
                turns += 1;
            }
        }
    }
    turns
}

#[test]
fn contributions_sum_to_each_gauge_change() {
    let turns = for_every_turn(|doctrine, _, report, _| {
        for change in &report.changes {
            let sum: f64 = change.contributions.iter().map(|c| c.amount).sum();
            assert!(
                (sum - (change.after - change.before)).abs() <= TOLERANCE,
                "{doctrine} turn {}: {} moved {} but its causes sum to {sum}: {:?}",
                report.turn,
                change.gauge,
                change.delta(),
                change.contributions
            );
            for c in &change.contributions {
                assert!(
                    c.amount.is_finite() && c.amount != 0.0,
                    "{doctrine} turn {}: empty or non-finite contribution {c:?}",
                    report.turn
                );
            }
        }
    });
    assert!(turns > 500, "only {turns} turns were checked");
}

#[test]
fn report_has_one_change_per_gauge_in_canonical_order() {
    for_every_turn(|_, before, report, after| {
        assert_eq!(report.changes.len(), Gauge::COUNT);
        for (change, gauge) in report.changes.iter().zip(Gauge::ALL) {
            assert_eq!(change.gauge, *gauge);
            assert_eq!(report.change(*gauge).gauge, *gauge);
            assert_eq!(change.before, before.gauge(*gauge), "{gauge} before");
            assert_eq!(change.after, after.gauge(*gauge), "{gauge} after");
        }
    });
}

#[test]
fn every_turn_has_a_response_with_a_reason() {
    for_every_turn(|doctrine, _, report, _| {
        assert!(
            !report.responses.is_empty() && report.responses.len() <= 2,
            "{doctrine} turn {}: {} responses",
            report.turn,
            report.responses.len()
        );
        assert!(
            report.responses.iter().any(|r| !r.reason.trim().is_empty()),
            "{doctrine} turn {}: no response gives a reason",
            report.turn
        );
        if let [first, second] = report.responses.as_slice() {
            assert_ne!(
                first.response, second.response,
                "a second response must differ from the first"
            );
        }
    });
}

#[test]
fn report_checksum_equals_the_new_state_checksum() {
    for_every_turn(|_, before, report, after| {
        assert_eq!(report.checksum, after.checksum());
        assert_ne!(report.checksum, before.checksum());
        assert_eq!(report.turn, after.turn);
        assert_eq!(report.turn, before.turn + 1);
        assert_eq!(report.outcome, after.outcome);
    });
}

#[test]
fn causes_name_only_what_happened_this_turn() {
    let content = Content::builtin().expect("built-in content loads");
    for_every_turn(|doctrine, before, report, _| {
        let deck = &content.events;
        let index = |id: &str| deck.iter().position(|e| e.id == id);
        for change in &report.changes {
            for c in &change.contributions {
                let ok = match &c.cause {
                    Cause::Answered(id) => {
                        report.answered.iter().any(|e| e.id == *id)
                            && index(id).is_some_and(|i| before.standing_for(i) > 0)
                    }
                    Cause::Standing(id) => {
                        !report.answered.iter().any(|e| e.id == *id)
                            && index(id).is_some_and(|i| before.standing_for(i) > 0)
                    }
                    Cause::Move(m) => *m == report.us_move,
                    Cause::Response(r) => report.responses.iter().any(|x| x.response == *r),
                    Cause::Event(id) => report.event.as_ref().is_some_and(|e| e.id == *id),
                    Cause::Inject(id) => report.injects.iter().any(|e| e.id == *id),
                    Cause::Trend(_) => true,
                };
                assert!(
                    ok,
                    "{doctrine} turn {}: {} credits {:?}, which did not happen",
                    report.turn, change.gauge, c.cause
                );
            }
            // Each cause appears at most once per gauge (repeats are merged).
            for (i, c) in change.contributions.iter().enumerate() {
                assert!(
                    !change.contributions[..i].iter().any(|d| d.cause == c.cause),
                    "{:?} listed twice for {}",
                    c.cause,
                    change.gauge
                );
            }
        }
    });
}
