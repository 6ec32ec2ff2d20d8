//! The game itself: state, rules, the turn, scoring and chance. Pure: it
//! never touches a terminal, a file, the clock or global state, so the same
//! rules, seed and moves give the same game everywhere.

pub mod conditions;
pub mod game;
pub mod ids;
pub mod intel;
pub mod report;
pub mod rng;
pub mod rules;
pub mod score;
pub mod state;
pub mod turn;

pub use conditions::TurnContext;
pub use game::{ControlMessage, Game};
pub use ids::{Gauge, Measure, MoveId, ResponseId, Side, Stock};
pub use report::{Cause, TurnReport};
pub use rng::GameRng;
pub use rules::Rules;
pub use score::{Grade, Score};
pub use state::{Date, Outcome, State};
pub use turn::{
    MoveApplied, advance, answers_a_situation, apply_us_move, before_beijing, resolve_turn,
};
