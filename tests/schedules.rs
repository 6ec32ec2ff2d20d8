//! The tools that look for a recipe: a schedule played blind is what the
//! batch simulator's `schedule:` strategy plays; the cycle enumeration is
//! exhaustive; the hill climb never ends worse than it starts, and repeats
//! exactly.

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::engine::{MoveId, Rules};
use chokepoints::sim::schedule::{
    Climb, FOUND_ROTATION, Schedule, all_cycles, climb, evaluate, play_blind,
};
use chokepoints::sim::{self, Strategy};

fn rules(doctrine: &str) -> Rules {
    Content::builtin()
        .expect("built-in content loads")
        .rules(DEFAULT_SCENARIO, Some(doctrine))
        .expect("a shipped doctrine")
}

#[test]
fn a_blind_schedule_scores_as_the_simulator_plays_it() {
    let rules = rules("tit-for-tat");
    let schedule = Schedule::new(&FOUND_ROTATION).expect("five moves");
    let row = sim::run_cell(&rules, Strategy::Schedule(schedule), 50, 9, &|_| {});
    let played = evaluate(&rules, &schedule, 9, 50);
    assert_eq!(row.mean_score.to_bits(), played.mean.to_bits());
    assert_eq!(row.win_rate, played.win_rate);
    assert_eq!(row.grade_a, played.a_rate);
    // The rotation's first move is the rolling threshold: it is played in
    // quarters 1, 6, 11 and 16.
    assert!((row.move_share[&MoveId::RollingThreshold] - 4.0 / 16.0).abs() < 1e-9);
}

#[test]
fn every_short_cycle_is_tried_once() {
    let rules = rules("pragmatist");
    let ones = all_cycles(&rules, 1, 3, 4);
    assert_eq!(ones.len(), MoveId::COUNT);
    let twos = all_cycles(&rules, 2, 3, 4);
    assert_eq!(twos.len(), MoveId::COUNT * MoveId::COUNT);
    let mut names: Vec<String> = twos.iter().map(|p| p.schedule.to_string()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), twos.len(), "a cycle appears twice");
    assert!(
        twos.windows(2).all(|w| w[0].mean >= w[1].mean),
        "sorted best first"
    );
    // Each cycle's figure is its own games': the best one-move cycle is the
    // best always-X on the same seeds.
    let best = &ones[0];
    let always = sim::run_cell(
        &rules,
        Strategy::Always(best.schedule.moves()[0]),
        4,
        3,
        &|_| {},
    );
    assert_eq!(always.mean_score.to_bits(), best.mean.to_bits());
}

#[test]
fn the_climb_keeps_only_improvements_and_repeats_exactly() {
    let rules = rules("opportunist");
    let hold = Schedule::new(&[MoveId::HoldCourse])
        .expect("one move")
        .unrolled(16);
    let config = Climb {
        mutations: 96,
        seeds: 12,
        base: 77,
        dice: 5,
    };
    let found = climb(&rules, &[hold], config);
    let restart = found.restarts[0];
    assert!(restart.improvements > 0, "holding course is easy to beat");
    assert!(restart.end_mean > restart.start_mean);
    assert_eq!(found.best, restart.end);
    // The reported mean is the schedule's own on the training games.
    let replayed: f64 = (0..12)
        .map(|i| {
            play_blind(
                &rules,
                &found.best,
                chokepoints::engine::rng::derive_seed(77, i),
            )
            .0
        })
        .sum::<f64>()
        / 12.0;
    assert_eq!(replayed.to_bits(), found.training_mean.to_bits());
    assert_eq!(
        climb(&rules, &[hold], config),
        found,
        "the same search twice"
    );
}
