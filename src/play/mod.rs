//! What every front end needs to play a game, beyond the engine's rules:
//! forecasts and escalation warnings (`preview`), what Washington knows of
//! Beijing (`intel`), the advisor's hints (`advisor`), the order of a
//! hot-seat quarter (`hot_seat`), the replay timeline (`replay`) and the
//! decision review as a job a shell runs (`review`). Pure: no terminal,
//! files or threads, so the terminal game, plain mode and a networked
//! session share it.

pub mod advisor;
pub mod hot_seat;
pub mod intel;
pub mod preview;
pub mod replay;
pub mod review;
