//! Shells: what runs the front ends' apps against the world. `files`
//! carries out the app's file effects against a saves folder; `terminal`
//! is the local terminal (crossterm, raw mode, signals, the panic hook).

pub mod files;
pub mod terminal;
