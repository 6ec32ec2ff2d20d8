//! The decision review as the terminal game runs it: off the interface
//! thread, once the game is over (or as soon as the replay viewer opens),
//! with progress shown on the debrief until it is ready. The app only says
//! what to review (`Job`); the shell runs it and feeds back `Update`s.

use std::sync::Arc;

use crate::engine::Game;
use crate::sim::review::{Review, ReviewRules, review};

/// Which game a review belongs to: its seed and the quarters played, so a
/// result that arrives after the player has moved on is dropped.
pub type Key = (u64, usize);

/// Where the review stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Status {
    /// Not asked for yet (or no review rules: reviews are off).
    #[default]
    NotStarted,
    Running {
        key: Key,
        done: usize,
        total: usize,
    },
    Ready(Arc<Review>),
}

/// A review to run.
pub struct Job {
    pub key: Key,
    pub game: Game,
    pub rules: Arc<ReviewRules>,
}

/// What a running review reports.
#[derive(Debug)]
pub enum Update {
    Progress { key: Key, done: usize, total: usize },
    Ready { key: Key, review: Review },
}

pub fn key_of(game: &Game) -> Key {
    (game.seed, game.moves.len())
}

impl Job {
    /// Runs the review here (a shell calls this on a thread of its own),
    /// reporting progress after every quarter and the review at the end.
    pub fn run(self, mut send: impl FnMut(Update)) {
        let key = self.key;
        let result = review(&self.game, &self.rules, 0, |done, total| {
            send(Update::Progress { key, done, total })
        });
        send(Update::Ready {
            key,
            review: result,
        });
    }
}
