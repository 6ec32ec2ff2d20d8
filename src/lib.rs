//! Chokepoints: a turn-based wargame about U.S. export controls on AI chips.
//!
//! `engine` is the pure game; `content` reads and validates the RON data in
//! `assets/`; `sim` plays many games headless (strategy bots, the expert,
//! forecasts and the decision review); `advisor`, `describe` and `report`
//! put the game into words for every front end; the front ends are `tui`
//! (the terminal game), `plain` (the same game as lines of text) and
//! `console` (the facilitator's view of a class's saves).
#![forbid(unsafe_code)]

pub mod console;
pub mod content;
pub mod describe;
pub mod engine;
pub mod plain;
pub mod play;
pub mod report;
pub mod save;
pub mod shell;
pub mod sim;
pub mod strings;
pub mod tui;
