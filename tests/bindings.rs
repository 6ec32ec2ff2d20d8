//! The declaration in `tui::bindings` is the keymap: on every screen and in
//! every window, each declared key sends its declared message through
//! `keys::on_event`, each key that sends anything is declared, and each
//! listed command's label names exactly the keys behind it. A key matched
//! by hand, or a label left behind, fails here.

mod support;

use chokepoints::engine::Game;
use chokepoints::play::hot_seat::Side;
use chokepoints::tui::app::{App, Overlay, Picker, Prompt, Screen};
use chokepoints::tui::bindings::{self, Command};
use chokepoints::tui::keys;
use chokepoints::tui::message::Msg;
use ratatui::crossterm::event::{Event, KeyCode};
use ratatui::layout::Rect;
use support::keymap::{self, candidates, covers, event};
use support::{ch, key, press};

const AREA: Rect = Rect::new(0, 0, 80, 24);

/// An app in every state that has keys of its own, named for the messages.
fn states() -> Vec<(String, App)> {
    let mut out = Vec::new();
    let screens = [
        Screen::Briefing,
        Screen::Dashboard,
        Screen::Report,
        Screen::Debrief,
    ];
    for screen in screens {
        let mut app = support::app();
        app.screen = screen;
        out.push((format!("{screen:?}"), app));
    }
    for screen in [
        Screen::PassKeyboard(Side::Us),
        Screen::PassKeyboard(Side::China),
        Screen::ChinaBriefing,
        Screen::ChinaTurn,
    ] {
        let mut app = support::hot_seat_app();
        app.screen = screen;
        out.push((format!("hot seat {screen:?}"), app));
    }
    for screen in [Screen::Dashboard, Screen::Report, Screen::Debrief] {
        let mut app = replay();
        app.screen = screen;
        out.push((format!("replay {screen:?}"), app));
    }
    for (name, overlay) in overlays() {
        let mut app = support::app();
        app.screen = Screen::Dashboard;
        app.overlay = Some(overlay.clone());
        out.push((name.clone(), app));
        // A window means the same over the replay viewer.
        let mut app = replay();
        app.overlay = Some(overlay);
        out.push((format!("replay {name}"), app));
    }
    out
}

fn replay() -> App {
    let mut game = Game::new(support::app().game.rules.clone(), support::SEED);
    for m in chokepoints::engine::MoveId::ALL.iter().cycle().take(16) {
        game.play(*m);
    }
    App::replay(&game, "drift.ron".to_string())
}

fn overlays() -> Vec<(String, Overlay)> {
    // The escalation warning, as the game raises it.
    let mut app = support::app();
    press(&mut app, &[key(KeyCode::Enter)]);
    press(&mut app, &[ch('j'), ch('j'), ch('j'), ch('j'), ch('j')]);
    press(&mut app, &[key(KeyCode::Enter)]);
    let warning = app.overlay.clone().expect("the blockade asks first");
    assert!(matches!(warning, Overlay::ConfirmMove { .. }));
    vec![
        ("help".into(), Overlay::Help { scroll: 0 }),
        ("intel".into(), Overlay::Intel { scroll: 0 }),
        ("chart".into(), Overlay::Chart),
        ("model card".into(), Overlay::ModelCard { scroll: 0 }),
        ("confirm move".into(), warning),
        ("confirm quit".into(), Overlay::ConfirmQuit),
        (
            "confirm overwrite".into(),
            Overlay::ConfirmOverwrite {
                file_name: "mine.ron".into(),
            },
        ),
        (
            "save prompt".into(),
            Overlay::SavePrompt(Prompt {
                input: "class".into(),
                error: None,
            }),
        ),
        (
            "load picker".into(),
            Overlay::LoadPicker(Picker {
                entries: Vec::new(),
                all: Vec::new(),
                only: None,
                selected: 0,
                error: None,
            }),
        ),
    ]
}

/// What `keys` consults in this state: the keys that work anywhere, then
/// the state's own.
fn declared(app: &App) -> impl Iterator<Item = &'static Command> + Clone {
    bindings::ANYWHERE.iter().chain(bindings::commands(app))
}

#[test]
fn every_declared_key_sends_its_declared_message() {
    for (state, app) in states() {
        let send = |e: &Event| keys::on_event(&app, e, AREA);
        keymap::assert_declared_keys_send(&state, declared(&app), Msg::Type, send);
    }
}

#[test]
fn every_key_that_sends_a_message_is_declared() {
    for (state, app) in states() {
        let send = |e: &Event| keys::on_event(&app, e, AREA);
        keymap::assert_undeclared_keys_send_nothing(&state, declared(&app), Msg::Type, send);
    }
}

#[test]
fn a_key_means_one_thing_in_each_state() {
    for (state, app) in states() {
        keymap::assert_one_meaning_per_key(&state, declared(&app));
    }
}

#[test]
fn every_listed_command_names_exactly_its_keys() {
    for (state, app) in states() {
        keymap::assert_labels_name_their_keys(&state, bindings::commands(&app).iter());
    }
    keymap::assert_labels_name_their_keys("anywhere", bindings::ANYWHERE.iter());
}

#[test]
fn a_too_small_terminal_takes_only_the_keys_that_work_anywhere() {
    let small = Rect::new(0, 0, 40, 10);
    for (state, app) in states() {
        for (code, modifiers) in candidates() {
            let sent = keys::on_event(&app, &event(code, modifiers), small);
            let anywhere = bindings::ANYWHERE
                .iter()
                .flat_map(|c| c.binds)
                .find(|b| b.on.iter().any(|k| covers(*k, code, modifiers)))
                .and_then(|b| keymap::sent_by(b.sends, code, Msg::Type));
            assert_eq!(sent, anywhere, "{state}: {code:?} with {modifiers:?}");
        }
    }
}

#[test]
fn releasing_a_key_sends_nothing() {
    for (state, app) in states() {
        keymap::assert_releases_send_nothing(&state, |e| keys::on_event(&app, e, AREA));
    }
}

/// Whether a source file reaches `module`: by a `use` naming it, or by a
/// path through it.
fn reaches(path: &str, module: &str) -> bool {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let by_path = text
        .match_indices(&format!("{module}::"))
        .any(|(i, _)| !text[..i].ends_with(ident));
    let mut uses = String::new();
    let mut in_use = false;
    for line in text.lines().map(str::trim) {
        in_use |= line.starts_with("use ") || line.starts_with("pub use ");
        if in_use {
            uses.push_str(line);
            uses.push(' ');
            in_use = !line.ends_with(';');
        }
    }
    let by_use = uses.split(|c: char| !ident(c)).any(|t| t == module);
    by_path || by_use
}

#[test]
fn views_read_the_bindings_and_never_the_keymap() {
    let dir = format!("{}/src/tui/view", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| format!("src/tui/view/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.push("src/console/view.rs".into());
    for file in &files {
        assert!(!reaches(file, "keys"), "{file} reaches tui::keys");
    }
    for bindings in ["src/tui/bindings.rs", "src/tui/lobby/bindings.rs"] {
        for module in ["view", "keys"] {
            assert!(!reaches(bindings, module), "{bindings} reaches {module}");
        }
    }
}
