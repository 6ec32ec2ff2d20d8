//! Chokepoints: a turn-based wargame about U.S. export controls on AI chips.
//!
//! `engine` is the pure game; `content` reads and validates the RON data in
//! `assets/`; `advisor` gives each move's line of advice; `sim` plays many games headless with strategy bots; `tui` is the
//! interactive game (terminal and plain text).
#![forbid(unsafe_code)]

pub mod advisor;
pub mod content;
pub mod describe;
pub mod engine;
pub mod report;
pub mod save;
pub mod sim;
pub mod tui;
