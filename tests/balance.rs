//! The balance targets of DESIGN.md, measured with the batch simulator on
//! fixed seeds against every shipped doctrine. The README's table comes from
//! the same simulator at 2,000 games per cell (200 for the expert, at its
//! default budget); this test uses fewer games and a small expert budget so
//! that it runs in seconds.

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::engine::{Gauge, MoveId};
use chokepoints::sim::schedule::{Recipe, Schedule};
use chokepoints::sim::{self, Row, Strategy};

const GAMES: u64 = 400;
const EXPERT_GAMES: u64 = 64;
const EXPERT: Strategy = Strategy::Expert { budget: 8 };
const SEED: u64 = 20_250_714;
/// How far the expert (at the test's budget, on its games) must stay ahead
/// of each checked-in best schedule: the "No recipe" target, 8 points. At
/// full size (`examples/recipes`) the margins are 8.4 to 12.0; here, 8.5
/// to 9.7.
const SCHEDULE_MARGIN: f64 = 8.0;

fn rows_for(scenario: &str, doctrine: &str) -> Vec<Row> {
    let content = Content::builtin().expect("built-in content loads");
    let rules = content
        .rules(scenario, Some(doctrine))
        .expect("scenario and doctrine exist");
    Strategy::all()
        .into_iter()
        .map(|strategy| sim::run_cell(&rules, strategy, GAMES, SEED, &|_| {}))
        .collect()
}

fn row<'a>(rows: &'a [Row], strategy: &str) -> &'a Row {
    rows.iter()
        .find(|r| r.strategy == strategy)
        .unwrap_or_else(|| panic!("no row for {strategy}"))
}

fn always(rows: &[Row]) -> impl Iterator<Item = &Row> {
    rows.iter().filter(|r| r.strategy.starts_with("always-"))
}

fn doctrines() -> Vec<String> {
    let content = Content::builtin().expect("built-in content loads");
    content
        .doctrine_ids()
        .iter()
        .map(|s| s.to_string())
        .collect()
}

#[test]
fn every_shipped_doctrine_meets_the_balance_targets() {
    let doctrines = doctrines();
    assert_eq!(doctrines.len(), 4, "four doctrines ship");
    for doctrine in &doctrines {
        let rows = rows_for(DEFAULT_SCENARIO, doctrine);
        assert_eq!(rows.len(), MoveId::COUNT + 3);

        // No "always play move X" strategy wins (B or better) more than 60%.
        for r in always(&rows) {
            assert!(
                r.win_rate <= 0.60,
                "{doctrine}: {} wins {:.0}% of games",
                r.strategy,
                r.win_rate * 100.0
            );
        }

        // A sensible adaptive strategy beats every always-X on average score.
        let adaptive = row(&rows, "adaptive");
        for r in always(&rows) {
            assert!(
                adaptive.mean_score > r.mean_score,
                "{doctrine}: adaptive {:.2} does not beat {} {:.2}",
                adaptive.mean_score,
                r.strategy,
                r.mean_score
            );
        }

        // Blockade: more compute lead, less leverage, more crises than
        // licensing downgraded chips; licensing the reverse on leverage.
        let blockade = row(&rows, "always-full-blockade");
        let license = row(&rows, "always-license-downgraded");
        assert!(
            blockade.mean_compute_lead > license.mean_compute_lead,
            "{doctrine}: blockade lead {:.2} vs license {:.2}",
            blockade.mean_compute_lead,
            license.mean_compute_lead
        );
        assert!(
            blockade.mean_us_leverage < license.mean_us_leverage,
            "{doctrine}: blockade leverage {:.2} vs license {:.2}",
            blockade.mean_us_leverage,
            license.mean_us_leverage
        );
        assert!(
            blockade.crisis_rate > license.crisis_rate,
            "{doctrine}: blockade crisis rate {:.3} vs license {:.3}",
            blockade.crisis_rate,
            license.crisis_rate
        );
        // Crises are a real risk of sustained blockade, not a certainty.
        assert!(
            blockade.crisis_rate < 0.9,
            "{doctrine}: blockade ends in crisis {:.0}% of the time",
            blockade.crisis_rate * 100.0
        );

        // Strategies still differ clearly in outcome.
        let best = rows.iter().map(|r| r.mean_score).fold(f64::MIN, f64::max);
        let worst = rows.iter().map(|r| r.mean_score).fold(f64::MAX, f64::min);
        assert!(
            best - worst > 10.0,
            "{doctrine}: strategies span only {:.1} points",
            best - worst
        );

        // No always-X earns an A in more than 1% of games.
        for r in always(&rows) {
            assert!(
                r.grade_a <= 0.01,
                "{doctrine}: {} earns an A in {:.1}% of games",
                r.strategy,
                r.grade_a * 100.0
            );
        }

        // Every gauge is live: its end value differs across the always-X
        // strategies, China's leverage in the direction the design argues.
        for gauge in Gauge::ALL {
            let ends: Vec<f64> = always(&rows).map(|r| r.end(*gauge)).collect();
            let spread = ends.iter().fold(f64::MIN, |a, b| a.max(*b))
                - ends.iter().fold(f64::MAX, |a, b| a.min(*b));
            assert!(
                spread > 1.0,
                "{doctrine}: {gauge} ends within {spread:.2} whatever the always-X strategy"
            );
        }
        let minerals = row(&rows, "always-secure-minerals");
        let (blockade_cn, license_cn, minerals_cn) = (
            blockade.end(Gauge::ChinaLeverage),
            license.end(Gauge::ChinaLeverage),
            minerals.end(Gauge::ChinaLeverage),
        );
        assert!(
            blockade_cn > license_cn + 3.0,
            "{doctrine}: China leverage ends {blockade_cn:.1} under a blockade vs {license_cn:.1} under licensing"
        );
        assert!(
            minerals_cn < license_cn - 10.0,
            "{doctrine}: China leverage ends {minerals_cn:.1} after securing minerals vs {license_cn:.1} under licensing"
        );
    }
}

/// Judgement pays: the expert, which searches from what Washington knows,
/// beats holding course by 15 points, the best always-X by 8 and the
/// adaptive bot by 4 against every doctrine, and earns an A in at least 30%
/// of games against at least three of them.
#[test]
fn the_expert_shows_what_judgement_is_worth() {
    let content = Content::builtin().expect("built-in content loads");
    let recipes: Vec<Recipe> =
        ron::from_str(include_str!("best-schedules.ron")).expect("tests/best-schedules.ron parses");
    let mut a_grades = Vec::new();
    for doctrine in doctrines() {
        let rules = content
            .rules(DEFAULT_SCENARIO, Some(&doctrine))
            .expect("scenario and doctrine exist");
        let rows = rows_for(DEFAULT_SCENARIO, &doctrine);
        let expert = sim::run_cell(&rules, EXPERT, EXPERT_GAMES, SEED, &|_| {});
        let hold = row(&rows, "always-hold-course");
        let adaptive = row(&rows, "adaptive");
        let best = always(&rows)
            .max_by(|a, b| a.mean_score.total_cmp(&b.mean_score))
            .expect("always-X rows");
        let e = expert.mean_score;
        assert!(
            e - hold.mean_score >= 15.0,
            "{doctrine}: expert {e:.1} vs hold course {:.1}",
            hold.mean_score
        );
        assert!(
            e - best.mean_score >= 8.0,
            "{doctrine}: expert {e:.1} vs best always-X {} {:.1}",
            best.strategy,
            best.mean_score
        );
        assert!(
            e - adaptive.mean_score >= 4.0,
            "{doctrine}: expert {e:.1} vs adaptive {:.1}",
            adaptive.mean_score
        );
        assert_eq!(
            expert.crisis_rate + expert.collapse_rate,
            0.0,
            "{doctrine}: the expert lost games"
        );
        // The checked-in best schedule, played blind on the same games.
        let recipe = recipes
            .iter()
            .find(|r| r.doctrine == doctrine && r.scenario == DEFAULT_SCENARIO)
            .unwrap_or_else(|| panic!("{doctrine}: no schedule in tests/best-schedules.ron"));
        let schedule: Schedule = recipe.schedule.parse().expect("a valid schedule");
        let blind = sim::run_cell(
            &rules,
            Strategy::Schedule(schedule),
            EXPERT_GAMES,
            SEED,
            &|_| {},
        );
        println!(
            "{doctrine}: expert {e:.1}, checked-in schedule {:.1}",
            blind.mean_score
        );
        assert!(
            e - blind.mean_score >= SCHEDULE_MARGIN,
            "{doctrine}: expert {e:.1} vs the checked-in best schedule {:.1}: a recipe plays as well as judgement",
            blind.mean_score
        );
        a_grades.push((doctrine, expert.grade_a));
    }
    let earned = a_grades.iter().filter(|(_, a)| *a >= 0.30).count();
    assert!(
        earned >= 3,
        "the expert earns an A in 30% of games against only {earned} doctrines: {a_grades:?}"
    );
}

#[test]
fn the_same_strategy_under_different_seeds_plays_different_games() {
    let content = Content::builtin().expect("built-in content loads");
    for doctrine in content.doctrine_ids() {
        let rules = content.rules(DEFAULT_SCENARIO, Some(doctrine)).unwrap();
        let scores: Vec<u64> = (0..50)
            .map(|seed| {
                sim::play_game(&rules, Strategy::Adaptive, seed)
                    .score
                    .to_bits()
            })
            .collect();
        let mut distinct = scores.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert!(
            distinct.len() > 40,
            "{doctrine}: only {} distinct scores in 50 seeds",
            distinct.len()
        );
    }
}

/// The other shipped scenarios are balanced too: no always-X wins more than
/// 60% of games and the adaptive bot beats every always-X, against every
/// doctrine. (The blockade comparisons belong to the default scenario, where
/// the blockade is a choice; in "The blockade gambit" it is the start.)
#[test]
fn the_other_shipped_scenarios_are_balanced() {
    let content = Content::builtin().expect("built-in content loads");
    let others: Vec<&str> = content
        .scenarios
        .iter()
        .map(|s| s.id.as_str())
        .filter(|id| *id != DEFAULT_SCENARIO)
        .collect();
    assert!(others.len() >= 2, "at least two more scenarios ship");
    for scenario in others {
        for doctrine in content.doctrine_ids() {
            let rows = rows_for(scenario, doctrine);
            let adaptive = row(&rows, "adaptive");
            for r in always(&rows) {
                assert!(
                    r.win_rate <= 0.60,
                    "{scenario}/{doctrine}: {} wins {:.0}%",
                    r.strategy,
                    r.win_rate * 100.0
                );
                assert!(
                    adaptive.mean_score > r.mean_score,
                    "{scenario}/{doctrine}: adaptive {:.2} vs {} {:.2}",
                    adaptive.mean_score,
                    r.strategy,
                    r.mean_score
                );
            }
        }
    }
}

/// Events matter: injected where their condition holds, at least six
/// events turn the expert's next move (against its move after the same
/// quarter without them) in at least 30% of their positions, under every
/// doctrine. The stricter half of the check: at least six also turn it to
/// one same move that often, which search noise does not do (the README's
/// figures come from `examples/event_impact` at 200 positions an event).
#[test]
fn at_least_six_events_change_what_the_expert_plays() {
    use chokepoints::sim::event_impact::measure;
    let content = Content::builtin().expect("built-in content loads");
    for doctrine in doctrines() {
        let rules = content.rules(DEFAULT_SCENARIO, Some(&doctrine)).unwrap();
        let impacts = measure(&rules, 48, 24, SEED, 8);
        let counted = |share: &dyn Fn(&chokepoints::sim::event_impact::Impact) -> f64| {
            impacts
                .iter()
                .filter(|i| i.positions >= 10 && share(i) >= 0.3)
                .count()
        };
        let changed = counted(&|i| i.share());
        let one_move = counted(&|i| {
            let top = i.turned_to.iter().max().copied().unwrap_or(0);
            top as f64 / i.positions as f64
        });
        assert!(
            changed >= 6 && one_move >= 6,
            "{doctrine}: {changed} events change the expert's next move, {one_move} to one move"
        );
    }
}

/// Export controls carry the game: an expert whose search may not use the
/// moves that set the export ceiling loses to the full expert on the same
/// games, against every doctrine. The "No recipe" target is 6 points at
/// full size (`examples/depth`: 5.5 to 8.0 today, 96 games); at this test's size
/// (24 paired games, budget 8) it must lose at least half that.
#[test]
fn export_controls_carry_the_game() {
    use chokepoints::sim::depth::{play, without_ceiling_moves};
    let content = Content::builtin().expect("built-in content loads");
    for doctrine in doctrines() {
        let rules = content.rules(DEFAULT_SCENARIO, Some(&doctrine)).unwrap();
        let limited = without_ceiling_moves(&rules);
        assert!(
            !limited.contains(&MoveId::RollingThreshold) && limited.contains(&MoveId::OpenTalks),
            "{limited:?}"
        );
        let seeds: Vec<u64> = (0..24)
            .map(|i| chokepoints::engine::rng::derive_seed(SEED, i))
            .collect();
        let mean = |candidates: &[MoveId]| {
            seeds
                .iter()
                .map(|s| play(&rules, &rules, *s, 8, candidates).score)
                .sum::<f64>()
                / seeds.len() as f64
        };
        let full = mean(&[]);
        let without = mean(&limited);
        println!("{doctrine}: expert {full:.1}, without the ceiling moves {without:.1}");
        assert!(
            full - without >= 3.0,
            "{doctrine}: the expert loses only {:.1} points without the ceiling moves",
            full - without
        );
    }
}
