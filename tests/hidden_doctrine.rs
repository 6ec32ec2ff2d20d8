//! A hidden doctrine: Washington reads it from Beijing's answers. The
//! belief comes from the public record only, the true doctrine changes
//! nothing Washington's searches see, the answers do reveal it over a game,
//! and a save keeps the doctrine hidden when it is replayed.

use std::sync::Arc;

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::engine::rng::GameRng;
use chokepoints::engine::{Game, MoveId, Rules, State, advance};
use chokepoints::save::{Players, SaveFile};
use chokepoints::sim::expert;
use chokepoints::sim::knowledge::{Knowledge, PublicTurn};

fn hidden(doctrine: &str) -> Rules {
    let content = Content::builtin().expect("shipped content loads");
    content
        .rules(DEFAULT_SCENARIO, Some(doctrine))
        .expect("shipped rules")
        .hiding_doctrine(content.doctrines().to_vec())
}

/// A blind rotation that escalates now and then, so that doctrines answer
/// differently.
const PLAN: [MoveId; 8] = [
    MoveId::LicenseDowngraded,
    MoveId::CoordinateAllies,
    MoveId::TightenEquipment,
    MoveId::BuildCompute,
    MoveId::SecureMinerals,
    MoveId::Enforcement,
    MoveId::OpenTalks,
    MoveId::RollingThreshold,
];

fn played(rules: &Rules, quarters: usize, seed: u64) -> (State, Vec<PublicTurn>) {
    let mut state = State::new(&rules.scenario);
    let mut rng = GameRng::new(seed);
    let mut record = Vec::new();
    for m in PLAN.iter().cycle().take(quarters) {
        if state.is_over() {
            break;
        }
        let summary = advance(rules, &mut state, *m, &mut rng);
        record.push(PublicTurn::new(*m, &summary));
    }
    (state, record)
}

#[test]
fn the_true_doctrine_changes_nothing_washington_sees() {
    let truth = hidden("self-reliance-hawk");
    let (state, record) = played(&truth, 5, 21);
    // The same public record under rules whose true doctrine differs.
    let mut other = truth.clone();
    other.doctrine = hidden("pragmatist").doctrine;
    let seen = Knowledge::observe(&truth, &state, &record, 21);
    let seen_other = Knowledge::observe(&other, &state, &record, 21);
    assert_eq!(seen, seen_other);
    assert!(seen.doctrine.is_some(), "a hidden doctrine has a belief");
    assert_eq!(
        expert::choose(&truth, &seen, 2, 21),
        expert::choose(&other, &seen_other, 2, 21)
    );
}

#[test]
fn a_known_doctrine_has_no_belief_and_an_untouched_sample() {
    let content = Content::builtin().unwrap();
    let known = content.rules(DEFAULT_SCENARIO, Some("pragmatist")).unwrap();
    let (state, record) = played(&known, 3, 4);
    let knowledge = Knowledge::observe(&known, &state, &record, 4);
    assert!(knowledge.doctrine.is_none());
    assert_eq!(knowledge.sample(&mut GameRng::new(1)).suspect, None);
}

#[test]
fn the_answers_reveal_the_doctrine_over_a_game() {
    let content = Content::builtin().unwrap();
    for doctrine in content.doctrine_ids() {
        let rules = hidden(doctrine);
        let truth = rules
            .suspects
            .iter()
            .position(|d| d.id == doctrine)
            .expect("the true doctrine is a suspect");
        let games = 40;
        let (mut mean, mut likeliest) = (0.0, 0);
        for seed in 0..games {
            let (state, record) = played(&rules, 16, 1000 + seed);
            let belief = Knowledge::observe(&rules, &state, &record, seed)
                .doctrine
                .expect("hidden");
            let total: f64 = belief.odds.iter().sum();
            assert!((total - 1.0).abs() < 1e-9, "odds sum to one: {total}");
            mean += belief.odds[truth] / games as f64;
            likeliest += usize::from(belief.likeliest().0 == truth);
        }
        // Four suspects start at 25% each.
        assert!(
            mean > 0.5,
            "{doctrine}: the true doctrine ends at {mean:.2} on average"
        );
        assert!(
            likeliest * 2 > games as usize,
            "{doctrine}: likeliest in only {likeliest} of {games} games"
        );
    }
}

#[test]
fn searches_draw_the_doctrine_from_the_belief() {
    let rules = hidden("tit-for-tat");
    let (state, record) = played(&rules, 8, 9);
    let knowledge = Knowledge::observe(&rules, &state, &record, 9);
    let belief = knowledge.doctrine.clone().unwrap();
    let mut rng = GameRng::new(3);
    let draws = 4000;
    let mut counts = vec![0usize; rules.suspects.len()];
    for _ in 0..draws {
        let i = knowledge.sample(&mut rng).suspect.expect("a suspect") as usize;
        counts[i] += 1;
    }
    for (count, p) in counts.iter().zip(&belief.odds) {
        let share = *count as f64 / draws as f64;
        assert!(
            (share - p).abs() < 0.03,
            "drawn {share:.3}, believed {p:.3}"
        );
    }
}

#[test]
fn reasons_that_would_name_the_doctrine_are_not_shown() {
    let rules = Arc::new(hidden("self-reliance-hawk"));
    let mut game = Game::new(rules.clone(), 5);
    let doctrine_reasons: Vec<&str> = rules
        .doctrine
        .rules
        .iter()
        .map(|r| r.reason.as_str())
        .collect();
    for m in PLAN {
        let report = game.play(m).expect("not over");
        for r in &report.responses {
            assert!(
                !doctrine_reasons.contains(&r.reason.as_str()),
                "{}",
                r.reason
            );
        }
    }
}

#[test]
fn a_save_keeps_the_doctrine_hidden() {
    let content = Content::builtin().unwrap();
    let mut game = Game::new(Arc::new(hidden("opportunist")), 17);
    for m in PLAN {
        game.play(m);
    }
    let save = SaveFile::from_game(&game, Players::default(), false);
    assert!(save.doctrine_hidden);
    let text = save.to_ron();
    let back: SaveFile = ron::from_str(&text).expect("the save reads back");
    let replayed = back
        .replay(std::path::Path::new("hidden.ron"), &content)
        .expect("replays");
    assert!(replayed.rules.doctrine_hidden());
    assert_eq!(replayed.rules.doctrine.id, "opportunist");
    assert_eq!(replayed.checksums, game.checksums);
}

#[test]
fn each_game_draws_its_hidden_doctrine_from_its_seed() {
    let rules = hidden("pragmatist");
    let drawn: Vec<String> = (0..40)
        .map(|seed| rules.clone().drawing_doctrine(seed).doctrine.id)
        .collect();
    let again: Vec<String> = (0..40)
        .map(|seed| rules.clone().drawing_doctrine(seed).doctrine.id)
        .collect();
    assert_eq!(drawn, again, "the same seed draws the same doctrine");
    for d in &rules.suspects {
        assert!(drawn.contains(&d.id), "{} never drawn in 40 seeds", d.id);
    }
    // A known doctrine is never redrawn.
    let content = Content::builtin().unwrap();
    let known = content
        .rules(DEFAULT_SCENARIO, Some("opportunist"))
        .unwrap();
    assert_eq!(known.drawing_doctrine(3).doctrine.id, "opportunist");
}
