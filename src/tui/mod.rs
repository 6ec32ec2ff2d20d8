//! The terminal game's app, in The Elm Architecture: `app` is the model
//! and its update, `view` draws it, `keys` turns input into messages by the
//! commands `bindings` declares, and `effect` names what the app asks a
//! shell to do (write, list and load saves, run the decision review). It
//! knows nothing of files, the process or which terminal it is drawn on:
//! `crate::shell` runs it on the local terminal, in tests and over the
//! network. No game rules live here: the engine plays every turn. `lobby`
//! is a second app of the same shape: what a player served over SSH meets
//! before a game.

pub mod app;
pub mod bindings;
pub mod control;
pub mod effect;
pub mod keys;
pub mod lobby;
pub mod message;
pub mod saving;
pub mod style;
pub mod view;
