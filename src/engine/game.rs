//! A game in progress: the rules, the seed, the state, the random stream and
//! the record of moves and checksums that a save or replay needs, with what
//! the class's control added to it.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::ids::{MoveId, ResponseId, Side};
use super::report::TurnReport;
use super::rng::GameRng;
use super::rules::Rules;
use super::score::{Score, score};
use super::state::State;
use super::turn::{ChinaSide, resolve_turn_with};

/// A message from the class's control, kept with the game so that its
/// news, debrief and report show it where it arrived.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlMessage {
    /// Quarters played when it arrived (0: before the first).
    pub turn: u32,
    pub text: String,
}

/// The most injects that may wait for one quarter.
pub const MAX_INJECTS_PER_TURN: usize = 3;

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
    /// The events control sent into each turn (indices into
    /// `rules.events`), in order.
    pub injects: Vec<Vec<usize>>,
    /// The sides whose time ran out each turn (they held course).
    pub timed_out: Vec<Vec<Side>>,
    /// Injects sent but not yet played: they fire next quarter.
    pub pending_injects: Vec<usize>,
    /// Control's messages, in the order they arrived.
    pub messages: Vec<ControlMessage>,
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
            injects: Vec::new(),
            timed_out: Vec::new(),
            pending_injects: Vec::new(),
            messages: Vec::new(),
        }
    }

    /// Plays a turn; does nothing (and returns None) once the game is over.
    pub fn play(&mut self, us_move: MoveId) -> Option<TurnReport> {
        self.play_as(us_move, ChinaSide::Doctrine)
    }

    pub fn play_as(&mut self, us_move: MoveId, china: ChinaSide) -> Option<TurnReport> {
        self.play_timed(us_move, china, Vec::new())
    }

    /// Plays a turn in which `timed_out` ran out of time (and so held
    /// course); the injects waiting fire in it.
    pub fn play_timed(
        &mut self,
        us_move: MoveId,
        china: ChinaSide,
        timed_out: Vec<Side>,
    ) -> Option<TurnReport> {
        if self.state.is_over() {
            return None;
        }
        let injects = std::mem::take(&mut self.pending_injects);
        let (next, report) = resolve_turn_with(
            &self.rules,
            &self.state,
            us_move,
            china,
            &injects,
            &mut self.rng,
        );
        self.state = next;
        self.moves.push(us_move);
        self.checksums.push(report.checksum);
        self.china.push(match china {
            ChinaSide::Doctrine => None,
            ChinaSide::Chosen(response) => Some(response),
        });
        self.injects.push(injects);
        self.timed_out.push(timed_out);
        self.reports.push(report.clone());
        Some(report)
    }

    /// Sends an event (an index into `rules.events`) into the next quarter
    /// played. False: there is no such event, the game is over, or the
    /// quarter already has its fill of injects.
    pub fn inject(&mut self, event: usize) -> bool {
        if event >= self.rules.events.len()
            || self.is_over()
            || self.pending_injects.len() >= MAX_INJECTS_PER_TURN
        {
            return false;
        }
        self.pending_injects.push(event);
        true
    }

    /// Records a message from control, as arriving now.
    pub fn message(&mut self, text: String) {
        self.messages.push(ControlMessage {
            turn: self.state.turn,
            text,
        });
    }

    /// A new game on this one's rules and seed, to replay it turn by turn
    /// with `replay_turn`: it holds the messages that arrived before the
    /// first quarter.
    pub fn replay_start(&self) -> Game {
        let mut game = Game::new(self.rules.clone(), self.seed);
        game.messages = self.messages_at(0);
        game
    }

    /// Plays this game's next turn as `source` played it (the same move,
    /// answer, injects and lapsed sides), taking the messages that came
    /// with it. None: the game is over or `source` has no such turn.
    pub fn replay_turn(&mut self, source: &Game) -> Option<TurnReport> {
        let i = self.moves.len();
        let us = *source.moves.get(i)?;
        let china = match source.china.get(i).copied().flatten() {
            Some(response) => ChinaSide::Chosen(response),
            None => ChinaSide::Doctrine,
        };
        self.pending_injects = source.injects.get(i).cloned().unwrap_or_default();
        let timed_out = source.timed_out.get(i).cloned().unwrap_or_default();
        let report = self.play_timed(us, china, timed_out);
        let turn = self.state.turn;
        self.messages.extend(
            source
                .messages_at(turn)
                .into_iter()
                .filter(|_| report.is_some()),
        );
        report
    }

    /// The messages that arrived after `turn` quarters.
    fn messages_at(&self, turn: u32) -> Vec<ControlMessage> {
        self.messages
            .iter()
            .filter(|m| m.turn == turn)
            .cloned()
            .collect()
    }

    /// The game's random stream as it stands (to check that something
    /// drew nothing from it).
    pub fn dice(&self) -> &GameRng {
        &self.rng
    }

    pub fn score(&self) -> Score {
        score(&self.rules, &self.state)
    }

    pub fn is_over(&self) -> bool {
        self.state.is_over()
    }
}
