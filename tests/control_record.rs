//! What the class's control adds to a game: injects fire after the drawn
//! event whatever their condition, draw nothing from the dice, and are
//! recorded with the turn so a save replays them; messages and lapsed
//! turns are kept with the game; older saves still load.

use std::fs;
use std::sync::Arc;

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::engine::turn::ChinaSide;
use chokepoints::engine::{Cause, Game, MoveId, Side, Stock};
use chokepoints::save::{FORMAT_VERSION, Players, SaveFile};

mod support;

use support::{EMBARGO, event_index, scratch};

fn content() -> Content {
    Content::builtin().unwrap()
}

fn game(seed: u64) -> Game {
    let rules = Arc::new(content().rules(DEFAULT_SCENARIO, None).unwrap());
    Game::new(rules, seed)
}

fn embargo(game: &Game) -> usize {
    event_index(&game.rules, EMBARGO)
}

#[test]
fn an_inject_fires_next_quarter_after_the_drawn_event_and_draws_no_dice() {
    for seed in 0..20 {
        let mut plain = game(seed);
        let mut injected = game(seed);
        plain.play(MoveId::BuildCompute);
        injected.play(MoveId::BuildCompute);
        // Tension starts far below the embargo's condition (above 65).
        assert!(injected.state.get(Stock::Tension) < 65.0);
        assert!(injected.inject(embargo(&injected)));
        let a = plain.play(MoveId::HoldCourse).unwrap();
        let b = injected.play(MoveId::HoldCourse).unwrap();
        // The same dice: the same answers and the same drawn event, and
        // the stream left where it would have been.
        assert_eq!(a.responses, b.responses, "seed {seed}");
        assert_eq!(a.event, b.event, "seed {seed}");
        assert_eq!(plain.dice(), injected.dice(), "seed {seed}");
        assert!(a.injects.is_empty());
        assert_eq!(b.injects.len(), 1);
        assert_eq!(b.injects[0].id, EMBARGO);
        // It moved mineral stress, under its own cause, listed after the
        // drawn event's.
        let stress = b.change(chokepoints::engine::Gauge::MineralStress);
        let causes: Vec<&Cause> = stress.contributions.iter().map(|c| &c.cause).collect();
        let inject_at = causes
            .iter()
            .position(|c| **c == Cause::Inject(EMBARGO.to_string()))
            .expect("the inject is a cause of the mineral stress change");
        if let Some(at) = causes.iter().position(|c| matches!(c, Cause::Event(_))) {
            assert!(at < inject_at, "the drawn event comes first");
        }
        assert!(stress.after > a.change(chokepoints::engine::Gauge::MineralStress).after);
        // It fired once: the next quarter has none.
        let c = injected.play(MoveId::HoldCourse).unwrap();
        assert!(c.injects.is_empty());
        assert_eq!(
            injected.injects,
            vec![vec![], vec![embargo(&injected)], vec![]]
        );
    }
}

#[test]
fn a_quarter_takes_at_most_three_injects_and_none_once_over() {
    let mut g = game(1);
    let e = embargo(&g);
    assert!(g.inject(e) && g.inject(e) && g.inject(e));
    assert!(!g.inject(e), "a fourth waits for nothing: it is refused");
    assert!(!g.inject(g.rules.events.len()), "no such event");
    while !g.is_over() {
        g.play(MoveId::HoldCourse);
    }
    assert!(!g.inject(0));
}

#[test]
fn a_save_keeps_injects_messages_and_lapsed_turns_and_replays_them() {
    let dir = scratch("control-record");
    let mut g = game(7);
    g.message("Welcome, class: Washington moves first.".to_string());
    g.play(MoveId::CoordinateAllies);
    g.inject(embargo(&g));
    g.message("News just in from the Ministry of Commerce.".to_string());
    g.play_timed(MoveId::HoldCourse, ChinaSide::Doctrine, vec![Side::Us]);
    g.play(MoveId::SecureMinerals);
    let path = dir.join("game.ron");
    let save = SaveFile::from_game(&g, Players::default(), false);
    save.write(&path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("format: {FORMAT_VERSION}")));
    assert!(text.contains(EMBARGO));
    assert!(text.contains("News just in"));

    let read = SaveFile::read(&path).unwrap();
    let replayed = read.replay(&path, &content()).unwrap();
    assert_eq!(replayed.checksums, g.checksums);
    assert_eq!(replayed.injects, g.injects);
    assert_eq!(replayed.timed_out, vec![vec![], vec![Side::Us], vec![]]);
    assert_eq!(replayed.messages, g.messages);
    assert_eq!(replayed.messages[1].turn, 1);
    assert_eq!(replayed.reports[1].injects[0].id, EMBARGO);

    // The same moves without the inject diverge at its turn: the inject
    // is part of the record the checksums protect.
    let mut stripped = read.clone();
    stripped.turns[1].inject.clear();
    stripped.write(&path).unwrap();
    let err = SaveFile::read(&path)
        .unwrap()
        .replay(&path, &content())
        .unwrap_err();
    assert!(err.message.contains("turn 2 diverges"), "{err}");

    // An inject that is not in the deck is named.
    let mut unknown = read.clone();
    unknown.turns[1].inject = vec!["alien-invasion".to_string()];
    unknown.write(&path).unwrap();
    let err = SaveFile::read(&path)
        .unwrap()
        .replay(&path, &content())
        .unwrap_err();
    assert!(err.message.contains("no event `alien-invasion`"), "{err}");
}

#[test]
fn a_format_1_save_still_loads() {
    let dir = scratch("format-1");
    let mut g = game(3);
    for m in [MoveId::BuildCompute, MoveId::OpenTalks, MoveId::HoldCourse] {
        g.play(m);
    }
    let text = SaveFile::from_game(&g, Players::default(), false)
        .to_ron()
        .replacen(&format!("format: {FORMAT_VERSION},"), "format: 1,", 1);
    assert!(text.contains("format: 1,"));
    let path = dir.join("old.ron");
    fs::write(&path, text).unwrap();
    let replayed = SaveFile::read(&path)
        .unwrap()
        .replay(&path, &content())
        .unwrap();
    assert_eq!(replayed.checksums, g.checksums);
}
