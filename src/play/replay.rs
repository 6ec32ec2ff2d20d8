//! The replay viewer's model: a finished (or saved) game as a timeline of
//! games, one after each number of turns, so the viewer can show any turn
//! with the same views as play. Replaying is the engine's job; this only
//! keeps the snapshots and the cursor.

use crate::engine::state::Gauges;
use crate::engine::{Game, MoveId};

/// The game after 0, 1, … N turns, replayed from its seed and moves.
pub fn timeline(game: &Game) -> Vec<Game> {
    let mut step = game.replay_start();
    let mut games = vec![step.clone()];
    while step.replay_turn(game).is_some() {
        games.push(step.clone());
    }
    games
}

/// The gauges at the start and after each turn of a timeline.
pub fn history(timeline: &[Game]) -> Vec<Gauges> {
    timeline.iter().map(|g| g.state.gauges()).collect()
}

/// A read-only walk through a saved game.
#[derive(Clone, Debug)]
pub struct Replay {
    /// `games[k]` has played k turns.
    pub games: Vec<Game>,
    /// Turns played at the cursor, 0..=last().
    pub cursor: usize,
    /// The save's file name, for the header.
    pub name: String,
}

impl Replay {
    pub fn new(game: &Game, name: String) -> Replay {
        Replay {
            games: timeline(game),
            cursor: 0,
            name,
        }
    }

    /// The last turn recorded.
    pub fn last(&self) -> usize {
        self.games.len() - 1
    }

    /// The game at the cursor.
    pub fn current(&self) -> &Game {
        &self.games[self.cursor.min(self.last())]
    }

    /// The move played next from the cursor (None at the end).
    pub fn next_move(&self) -> Option<MoveId> {
        self.games.last()?.moves.get(self.cursor).copied()
    }

    /// Moves the cursor by `by` turns, staying within 0..=last().
    pub fn step(&mut self, by: isize) {
        self.cursor = self.cursor.saturating_add_signed(by).min(self.last());
    }

    /// Whether the cursor is on the game's final, finished state.
    pub fn at_end_of_game(&self) -> bool {
        self.cursor == self.last() && self.current().is_over()
    }
}
