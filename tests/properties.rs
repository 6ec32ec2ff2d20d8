//! Invariants that hold for any seed, any sequence of moves and any doctrine:
//! gauges stay finite and within their ranges, the game never runs past its
//! horizon, and a finished game refuses further turns.
//!
//! Each case plays one game per shipped doctrine. Cases default to 1000
//! (4000 games); set CHOKEPOINTS_PROPTEST_CASES to run more or fewer.

use std::sync::{Arc, OnceLock};

use proptest::prelude::*;

use chokepoints::content::Content;
use chokepoints::engine::rules::{Ceiling, Policy};
use chokepoints::engine::{Game, GameRng, Gauge, MoveId, Rules, State, Stock, advance};

fn cases() -> u32 {
    std::env::var("CHOKEPOINTS_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

/// The rules for every shipped doctrine, loaded once.
fn all_rules() -> &'static [(String, Arc<Rules>)] {
    static RULES: OnceLock<Vec<(String, Arc<Rules>)>> = OnceLock::new();
    RULES.get_or_init(|| {
        let content = Content::builtin().expect("shipped content loads");
        let ids = content.doctrine_ids();
        assert!(ids.len() >= 4, "expected the four shipped doctrines");
        ids.iter()
            .map(|id| {
                let rules = content.rules("h20-reversal", Some(id)).expect("rules");
                (id.to_string(), Arc::new(rules))
            })
            .collect()
    })
}

fn check_gauges(state: &State, context: &str) -> Result<(), TestCaseError> {
    for gauge in Gauge::ALL {
        let (lo, hi) = gauge.range();
        let v = state.gauge(*gauge);
        prop_assert!(v.is_finite(), "{context}: {gauge} = {v}");
        prop_assert!(
            (lo..=hi).contains(&v),
            "{context}: {gauge} = {v} outside {lo}..={hi}"
        );
    }
    for stock in Stock::ALL {
        let (lo, hi) = stock.range();
        let v = state.get(*stock);
        prop_assert!(
            v.is_finite() && (lo..=hi).contains(&v),
            "{context}: stock {stock} = {v} outside {lo}..={hi}"
        );
    }
    Ok(())
}

fn moves() -> impl Strategy<Value = Vec<usize>> {
    // Longer than the horizon, so play past the end is exercised too.
    prop::collection::vec(0..MoveId::COUNT, 1..=24)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn gauges_stay_in_range_and_turns_never_pass_the_horizon(
        seed in any::<u64>(),
        moves in moves(),
    ) {
        for (doctrine, rules) in all_rules() {
            let horizon = rules.scenario.horizon;
            let mut game = Game::new(Arc::clone(rules), seed);
            check_gauges(&game.state, &format!("{doctrine} start"))?;
            for (i, index) in moves.iter().enumerate() {
                let m = MoveId::ALL[*index];
                let was_over = game.is_over();
                let before = game.state.clone();
                let report = game.play(m);
                let context = format!("{doctrine} seed {seed} move {} ({m})", i + 1);
                if was_over {
                    prop_assert!(report.is_none(), "{context}: played after the end");
                    prop_assert_eq!(&game.state, &before, "{}: state changed after the end", context);
                    continue;
                }
                let report = report.expect("a game not over plays a turn");
                check_gauges(&game.state, &context)?;
                prop_assert!(game.state.turn <= horizon, "{context}: turn {} past horizon {horizon}", game.state.turn);
                prop_assert_eq!(report.turn, game.state.turn);
                prop_assert_eq!(report.outcome, game.state.outcome);
                // The horizon always ends the game, whatever else happened.
                if game.state.turn == horizon {
                    prop_assert!(game.is_over(), "{context}: still going at the horizon");
                }
            }
            prop_assert_eq!(game.checksums.len(), game.moves.len());
            prop_assert!(game.moves.len() <= horizon as usize);
            if game.is_over() {
                prop_assert!(game.play(MoveId::HoldCourse).is_none());
            }
        }
    }

    /// On the batch path, from any valid start the content format allows,
    /// with any policy, gauges stay in range.
    #[test]
    fn gauges_stay_in_range_from_any_valid_start(
        seed in any::<u64>(),
        moves in moves(),
        start in (
            (1.0..1.0e6f64, 1.0..1.0e6f64, 0.0..=100.0f64, 0.0..=100.0f64, 0.0..=36.0f64),
            (0.0..=100.0f64, 0.0..=100.0f64, 0.0..=100.0f64, 0.0..=100.0f64, 0.0..=100.0f64),
            (0.0..=100.0f64, 0.0..=100.0f64, 0.0..=100.0f64, 0.0..=100.0f64),
        ),
        policy in (0..4usize, 0..=Policy::MAX_EQUIPMENT, 0..=Policy::MAX_ENFORCEMENT, any::<bool>()),
        doctrine in 0..4usize,
    ) {
        let rules_list = all_rules();
        let (name, shared) = &rules_list[doctrine % rules_list.len()];
        let mut rules = Rules::clone(shared);
        let s = &mut rules.scenario.start;
        let ((us, cn, lev, cnlev, gap), (allies, industry, tension, stress, resolve), (quality, volume, euv, tools)) = start;
        (s.us_compute, s.cn_compute, s.us_leverage, s.china_leverage, s.capability_gap) = (us, cn, lev, cnlev, gap);
        (s.allies, s.us_industry, s.tension, s.mineral_stress, s.resolve) = (allies, industry, tension, stress, resolve);
        (s.quality, s.volume, s.euv, s.tools) = (quality, volume, euv, tools);
        s.policy = Policy {
            ceiling: [Ceiling::Banned, Ceiling::H20Class, Ceiling::Stronger, Ceiling::Rolling][policy.0],
            equipment: policy.1,
            enforcement: policy.2,
            revenue_share: policy.3,
        };
        let mut state = State::new(&rules.scenario);
        check_gauges(&state, &format!("{name} start"))?;
        let mut rng = GameRng::new(seed);
        for (i, index) in moves.iter().enumerate() {
            if state.is_over() {
                break;
            }
            let m = MoveId::ALL[*index];
            advance(&rules, &mut state, m, &mut rng);
            check_gauges(&state, &format!("{name} seed {seed} move {} ({m})", i + 1))?;
            prop_assert!(state.turn <= rules.scenario.horizon);
        }
    }
}
