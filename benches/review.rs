//! The decision review's time per game, on one core: a whole game reviewed
//! quarter by quarter (the expert's search and the paired rollouts). The
//! target is 1 s a game; the slowest games are those with many close calls,
//! such as a long run of holding course, or a blockade's aftermath.
//!
//! Run with `cargo bench --bench review`.

use std::path::Path;

use chokepoints::content::Content;
use chokepoints::engine::Game;
use chokepoints::save::SaveFile;
use chokepoints::sim::review::review;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

fn saved(name: &str) -> (Content, Game) {
    let content = Content::builtin().expect("shipped content loads");
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/review-games")
        .join(name);
    let game = SaveFile::read(&path)
        .and_then(|f| f.replay(&path, &content))
        .expect("review test game loads");
    (content, game)
}

#[divan::bench(
    sample_count = 5,
    sample_size = 1,
    args = [
        "hold-course-s11.ron",
        "reckless-blockade-s12.ron",
        "mixed-opportunist-s13.ron",
        "october-2022-s14.ron",
    ]
)]
fn review_one_game(bencher: Bencher, name: &str) {
    let (content, game) = saved(name);
    bencher.bench_local(|| black_box(review(black_box(&game), &content.review, 0, |_, _| {})));
}
