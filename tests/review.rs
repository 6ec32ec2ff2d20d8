//! The decision review: repeatable, stable across search seeds, precise
//! enough for its labels, and saying what a teacher would say about a game
//! that only holds course and one that opens with a reckless blockade.

use std::path::{Path, PathBuf};

use chokepoints::content::Content;
use chokepoints::engine::{Game, MoveId};
use chokepoints::save::SaveFile;
use chokepoints::sim::review::{Label, Review, review};
use rayon::prelude::*;

fn content() -> Content {
    Content::builtin().expect("shipped content loads")
}

fn load(path: &Path, content: &Content) -> Game {
    let file = SaveFile::read(path).expect("test save reads");
    file.replay(path, content).expect("test save replays")
}

/// The saved games the review is tested on.
fn saved_games() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = Vec::new();
    for dir in ["review-games", "golden"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("test folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "ron") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn game(name: &str) -> Game {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/review-games")
        .join(name);
    load(&path, &content())
}

#[test]
fn the_same_game_gets_the_same_review() {
    let content = content();
    let game = game("mixed-opportunist-s13.ron");
    let a = review(&game, &content.review, 0, |_, _| {});
    let b = review(&game, &content.review, 0, |_, _| {});
    assert_eq!(a, b);
    assert_eq!(a.decisions.len(), game.moves.len());
}

#[test]
fn labels_agree_across_search_seeds_and_every_loss_is_precise() {
    let content = content();
    let games: Vec<Game> = saved_games().iter().map(|p| load(p, &content)).collect();
    assert!(games.len() >= 6, "the test set holds {} games", games.len());
    let reviews: Vec<(Review, Review)> = games
        .par_iter()
        .map(|g| {
            (
                review(g, &content.review, 0, |_, _| {}),
                review(g, &content.review, 1, |_, _| {}),
            )
        })
        .collect();
    let limit = content.review.best / 2.0;
    let mut agree = 0;
    let mut total = 0;
    for (a, b) in &reviews {
        for (x, y) in a.decisions.iter().zip(&b.decisions) {
            total += 1;
            agree += usize::from(x.label == y.label);
            for d in [x, y] {
                assert!(
                    d.se < limit,
                    "quarter {}: standard error {:.3} is not under half the smallest threshold ({limit})",
                    d.turn,
                    d.se
                );
            }
        }
    }
    let share = agree as f64 / total as f64;
    println!(
        "label agreement between search seeds: {agree} of {total} ({:.1}%)",
        100.0 * share
    );
    assert!(share >= 0.9, "labels agree on {agree} of {total} decisions");
}

#[test]
fn holding_course_all_game_is_called_a_missed_opportunity() {
    let content = content();
    let game = game("hold-course-s11.ron");
    assert!(game.moves.iter().all(|m| *m == MoveId::HoldCourse));
    let r = review(&game, &content.review, 0, |_, _| {});
    // Never the best move, and mostly worse than good: a year or two of
    // drift that a teacher would call missed chances, not one blunder.
    assert_eq!(r.count(Label::Best), 0, "{r:#?}");
    let poor = r
        .decisions
        .iter()
        .filter(|d| d.label >= Label::Questionable)
        .count();
    assert!(
        poor * 2 > r.decisions.len(),
        "{poor} questionable or worse: {r:#?}"
    );
    // It gets worse as standing problems pile up: the last quarters cost
    // more than the first.
    let early: f64 = r.decisions[..4].iter().map(|d| d.loss).sum();
    let late: f64 = r.decisions[r.decisions.len() - 4..]
        .iter()
        .map(|d| d.loss)
        .sum();
    assert!(late > early, "early {early:.2}, late {late:.2}");
    // The expert always had something better to do than wait.
    assert!(r.decisions.iter().all(|d| d.expert != MoveId::HoldCourse));
    assert!(r.quality() < 90.0, "quality {:.1}", r.quality());
}

#[test]
fn a_reckless_blockade_is_the_costliest_kind_of_decision() {
    let content = content();
    let game = game("reckless-blockade-s12.ron");
    assert_eq!(game.moves[0], MoveId::FullBlockade);
    let r = review(&game, &content.review, 0, |_, _| {});
    let first = &r.decisions[0];
    assert_eq!(first.label, Label::VeryCostly, "{first:#?}");
    assert_ne!(first.expert, MoveId::FullBlockade);
    assert!(
        r.costliest(3).iter().any(|d| d.turn == 0),
        "the blockade is among the three costliest decisions: {:#?}",
        r.costliest(3)
    );
    // The futures differ most on gauges the blockade is known to hit.
    assert!(!first.differences(3).is_empty());
}

#[test]
fn a_sound_game_reviews_well() {
    let content = content();
    let game = game("october-2022-s14.ron");
    let r = review(&game, &content.review, 0, |_, _| {});
    let sound = r.count(Label::Best) + r.count(Label::Good);
    assert!(
        sound * 2 >= r.decisions.len(),
        "{sound} of {} decisions best or good",
        r.decisions.len()
    );
    let hold = review(
        &self::game("hold-course-s11.ron"),
        &content.review,
        0,
        |_, _| {},
    );
    assert!(r.quality() > hold.quality());
}

#[test]
fn progress_counts_every_quarter() {
    let content = content();
    let game = game("october-2022-s14.ron");
    let mut seen = Vec::new();
    review(&game, &content.review, 0, |done, total| {
        seen.push((done, total))
    });
    let n = game.moves.len();
    assert_eq!(seen, (1..=n).map(|i| (i, n)).collect::<Vec<_>>());
}

/// The review names the situation that made the expert's move better: a
/// standing situation the played move left unanswered (here, licensed
/// chips found in a military lab, which a crackdown answers).
#[test]
fn the_review_names_the_situation_the_expert_answered() {
    use std::sync::Arc;
    let content = content();
    let rules = Arc::new(content.rules("h20-reversal", Some("pragmatist")).unwrap());
    let lab = rules
        .events
        .iter()
        .position(|e| e.id == "licensed-chips-in-military-lab")
        .expect("the event is in the deck");
    let mut game = Game::new(Arc::clone(&rules), 3);
    assert!(game.inject(lab));
    game.play(MoveId::CoordinateAllies);
    assert!(game.state.standing_for(lab) > 0, "the situation stands");
    game.play(MoveId::HoldCourse);
    let r = review(&game, &content.review, 0, |_, _| {});
    let second = &r.decisions[1];
    let answered_by = &rules.events[lab].lasting.as_ref().unwrap().answered_by;
    assert!(
        answered_by.contains(&second.expert),
        "the expert answers it: {:?}",
        second.expert
    );
    assert_eq!(
        second.context.answers,
        vec![rules.events[lab].title.clone()]
    );
    let text = chokepoints::report::review::decision_text(&rules, second);
    assert!(
        text.contains(&format!(
            "which answered the standing {}",
            rules.events[lab].title
        )),
        "{text}"
    );
    // The first quarter had nothing standing to answer.
    assert!(r.decisions[0].context.answers.is_empty());
}
