//! A game in progress: the rules, the seed, the state, the random stream and
//! the record of moves and checksums that a save or replay needs.

use std::sync::Arc;

use super::ids::{MoveId, ResponseId};
use super::report::TurnReport;
use super::rng::GameRng;
use super::rules::Rules;
use super::score::{Score, score};
use super::state::State;
use super::turn::{ChinaSide, resolve_turn_as};

#[derive(Clone, Debug)]
pub struct Game {
    pub rules: Arc<Rules>,
    pub seed: u64,
    pub state: State,
    rng: GameRng,
    /// Every U.S. move played, in order.
    pub moves: Vec<MoveId>,
    /// The state checksum after each turn.
    pub checksums: Vec<u64>,
    /// Beijing's side each turn: None where the doctrine chose, the response
    /// where a human playing China chose it (hot-seat).
    pub china: Vec<Option<ResponseId>>,
    /// Every turn's report, in order.
    pub reports: Vec<TurnReport>,
}

impl Game {
    pub fn new(rules: Arc<Rules>, seed: u64) -> Game {
        let state = State::new(&rules.scenario);
        Game {
            rules,
            seed,
            state,
            rng: GameRng::new(seed),
            moves: Vec::new(),
            checksums: Vec::new(),
            china: Vec::new(),
            reports: Vec::new(),
        }
    }

    /// Plays a turn; does nothing (and returns None) once the game is over.
    pub fn play(&mut self, us_move: MoveId) -> Option<TurnReport> {
        self.play_as(us_move, ChinaSide::Doctrine)
    }

    pub fn play_as(&mut self, us_move: MoveId, china: ChinaSide) -> Option<TurnReport> {
        if self.state.is_over() {
            return None;
        }
        let (next, report) =
            resolve_turn_as(&self.rules, &self.state, us_move, china, &mut self.rng);
        self.state = next;
        self.moves.push(us_move);
        self.checksums.push(report.checksum);
        self.china.push(match china {
            ChinaSide::Doctrine => None,
            ChinaSide::Chosen(response) => Some(response),
        });
        self.reports.push(report.clone());
        Some(report)
    }

    pub fn score(&self) -> Score {
        score(&self.rules, &self.state)
    }

    pub fn is_over(&self) -> bool {
        self.state.is_over()
    }
}
