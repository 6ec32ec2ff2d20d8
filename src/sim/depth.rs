//! What reading the game is worth: one game played by an expert that may be
//! handicapped, searching with rules it believes (the true ones, or the
//! same with another doctrine) among some of the moves, while the true
//! rules answer and keep score. `examples/depth` and `tests/balance.rs`
//! set such experts against the full one on the same seeds.

use crate::engine::rules::Rules;
use crate::engine::score::score;
use crate::engine::turn::advance;
use crate::engine::{GameRng, MoveId, State};

use super::expert::choose_among;
use super::knowledge::{Knowledge, PublicTurn};

/// The quarter after which `Played::ceiling_mid` reads the standing ceiling.
pub const MID_GAME: u32 = 8;

/// How one game went.
#[derive(Clone, Debug, PartialEq)]
pub struct Played {
    pub score: f64,
    /// The export ceiling standing after `MID_GAME` quarters (None if the
    /// game ended before).
    pub ceiling_mid: Option<&'static str>,
    /// How often each move was played, by `MoveId::index()`.
    pub moves: [u32; MoveId::COUNT],
}

/// One game: `truth` answers and keeps score; the expert searches with
/// `believed` among `candidates` (every move if empty).
pub fn play(
    truth: &Rules,
    believed: &Rules,
    seed: u64,
    budget: u32,
    candidates: &[MoveId],
) -> Played {
    let mut state = State::new(&truth.scenario);
    let mut rng = GameRng::new(seed);
    let mut record = Vec::new();
    let mut moves = [0; MoveId::COUNT];
    let mut ceiling_mid = None;
    while !state.is_over() {
        let knowledge = Knowledge::observe(believed, &state, &record, seed);
        let m = choose_among(believed, &knowledge, budget, seed, candidates);
        moves[m.index()] += 1;
        let summary = advance(truth, &mut state, m, &mut rng);
        record.push(PublicTurn::new(m, &summary));
        if record.len() == MID_GAME as usize {
            ceiling_mid = Some(state.policy.ceiling.label());
        }
    }
    Played {
        score: score(truth, &state).total,
        ceiling_mid,
        moves,
    }
}

/// Every move that does not set the export ceiling (license, revenue
/// share, stronger chip, ban, rolling threshold and blockade all do).
pub fn without_ceiling_moves(rules: &Rules) -> Vec<MoveId> {
    MoveId::ALL
        .iter()
        .copied()
        .filter(|m| !rules.move_def(*m).sets_ceiling())
        .collect()
}
