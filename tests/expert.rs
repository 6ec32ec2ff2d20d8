//! The expert player searches from what Washington knows, with dice of its
//! own: hidden truth it cannot see changes nothing, the public record gives
//! exactly what public acts imply, and the same game gets the same choices.

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::engine::rng::GameRng;
use chokepoints::engine::{MoveId, ResponseId, Rules, State, Stock, advance};
use chokepoints::sim::knowledge::{Knowledge, PublicTurn};
use chokepoints::sim::{Strategy, expert, play_game};

fn rules(doctrine: &str) -> Rules {
    Content::builtin()
        .expect("shipped content loads")
        .rules(DEFAULT_SCENARIO, Some(doctrine))
        .expect("shipped rules")
}

/// A few quarters of play, with the true state and the public record.
fn played(rules: &Rules, moves: &[MoveId], seed: u64) -> (State, Vec<PublicTurn>) {
    let mut state = State::new(&rules.scenario);
    let mut rng = GameRng::new(seed);
    let mut record = Vec::new();
    for m in moves {
        let summary = advance(rules, &mut state, *m, &mut rng);
        record.push(PublicTurn::new(*m, &summary));
    }
    (state, record)
}

#[test]
fn hidden_truth_washington_cannot_see_changes_nothing() {
    let rules = rules("pragmatist");
    let moves = [
        MoveId::BuildCompute,
        MoveId::BanDowngraded,
        MoveId::SecureMinerals,
    ];
    let (state, record) = played(&rules, &moves, 11);
    // Matured funding is neither on screen nor estimated nor implied by
    // any public act once it has matured: change it behind Washington's back.
    let mut secret = state.clone();
    secret.set(Stock::Funding, state.get(Stock::Funding) + 50.0);
    let seen = Knowledge::observe(&rules, &state, &record, 11);
    let other = Knowledge::observe(&rules, &secret, &record, 11);
    assert_eq!(seen, other);
    assert_eq!(
        expert::choose(&rules, &seen, 2, 11),
        expert::choose(&rules, &other, 2, 11)
    );
}

#[test]
fn the_public_record_gives_what_public_acts_imply() {
    let rules = rules("self-reliance-hawk");
    let moves = [
        MoveId::LicenseDowngraded,
        MoveId::BanDowngraded,
        MoveId::BuildCompute,
        MoveId::HoldCourse,
    ];
    // Find a game in which Beijing announced funding or a purchase ban.
    let (state, record) = (1..200)
        .map(|seed| played(&rules, &moves, seed))
        .find(|(_, record)| {
            record
                .iter()
                .flat_map(|t| t.responses)
                .flatten()
                .any(|r| matches!(r, ResponseId::FundIndigenisation | ResponseId::PurchaseBan))
        })
        .expect("the hawk funds or bans within a few games");
    let knowledge = Knowledge::observe(&rules, &state, &record, 3);
    let sampled = knowledge.sample(&mut GameRng::new(5));
    for stock in [
        Stock::FundingPipeline,
        Stock::PurchaseBan,
        Stock::Buildout,
        Stock::MineralProgram,
    ] {
        assert_eq!(sampled.get(stock), state.get(stock), "{stock}");
    }
    // The hidden ones are guesses within the estimates, the visible ones exact.
    assert_eq!(sampled.gauges(), state.gauges());
    for belief in &knowledge.beliefs {
        let v = sampled.get(belief.stock);
        if belief.stock != Stock::Volume {
            assert!(belief.low <= v && v <= belief.high, "{belief:?}: {v}");
        }
    }
}

#[test]
fn the_same_game_gets_the_same_choices() {
    let rules = rules("tit-for-tat");
    let strategy = Strategy::Expert { budget: 2 };
    assert_eq!(
        play_game(&rules, strategy, 9),
        play_game(&rules, strategy, 9)
    );
    assert_ne!(
        play_game(&rules, strategy, 9),
        play_game(&rules, strategy, 10)
    );
}
