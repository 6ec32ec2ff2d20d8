//! The control desk: the facilitator's seat over SSH (the "white cell").
//! `class` holds what the shell shows it and what it asks of the shell.

pub mod class;
