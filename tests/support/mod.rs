//! Helpers shared by the terminal-game tests: a fixed game, key presses,
//! and rendering into a `TestBackend`.
#![allow(dead_code)]

pub mod keymap;
pub mod pty;
pub mod ssh;

use std::sync::{Arc, OnceLock};

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::shell::files::{self, Files};
use chokepoints::tui::app::{App, reply, update};
use chokepoints::tui::effect::{Effect, Reply};
use chokepoints::tui::keys;
use chokepoints::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

pub const SEED: u64 = 42;

/// A fresh, empty folder under the system's temporary folder (never the
/// repository's saves/).
pub fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("chokepoints-tui-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The fixed game, saving into `dir` with autosave on.
pub fn app_saving_to(dir: &std::path::Path) -> App {
    app().with_saves(chokepoints::tui::saving::Saves::new(
        dir.to_path_buf(),
        Default::default(),
        "test".to_string(),
        SEED,
    ))
}

/// The file the app's game autosaves to.
pub fn autosave_path(app: &App) -> std::path::PathBuf {
    let saves = app.saves.as_ref().expect("saving is on");
    saves.path(&saves.autosave_file)
}

/// Types text into whatever has the keyboard.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        send(app, ch(c));
    }
}

pub fn app() -> App {
    let rules = Content::builtin()
        .unwrap()
        .rules(DEFAULT_SCENARIO, None)
        .unwrap();
    App::new(Arc::new(rules), SEED)
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Event {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn click(column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// Feeds one event through the keymap and the update function, as the
/// event loop does, for a terminal of `size`, and carries out what the app
/// asks for as the terminal's shell does (the review inline).
pub fn send_sized(app: &mut App, event: Event, size: (u16, u16)) {
    if let Some(msg) = keys::on_event(app, &event, Rect::new(0, 0, size.0, size.1)) {
        let effects = update(app, msg);
        settle(app, effects);
    }
}

/// The test shell: file effects against the app's saves folder (always a
/// scratch folder in tests), reviews run here and now.
pub fn settle(app: &mut App, effects: Vec<Effect>) {
    static FILES: OnceLock<Files> = OnceLock::new();
    let files = FILES.get_or_init(|| Files::new(Arc::new(Content::builtin().unwrap())));
    let mut jobs = Vec::new();
    files::settle(app, effects, files, &mut |job| jobs.push(job));
    for job in jobs {
        let mut news = Vec::new();
        job.run(|n| news.push(n));
        for n in news {
            let more = reply(app, Reply::Review(n));
            settle(app, more);
        }
    }
}

pub fn send(app: &mut App, event: Event) {
    send_sized(app, event, (80, 24));
}

pub fn press(app: &mut App, events: &[Event]) {
    for e in events {
        send(app, e.clone());
    }
}

/// The screen as text, one quoted line per row.
pub fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::view(app, f)).unwrap();
    terminal.backend().to_string()
}

/// Draws without reading the screen back (the backend's text view cannot
/// show a zero-width screen, but the game must still draw on one).
pub fn draw(app: &App, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::view(app, f)).unwrap();
}

/// A hot-seat game: Ana plays Washington, Team Red plays Beijing.
pub fn hot_seat_app() -> App {
    use chokepoints::play::hot_seat::HotSeat;
    use chokepoints::save::Players;
    app().with_hot_seat(HotSeat::new(&Players {
        us: Some("Ana".to_string()),
        china: Some("Team Red".to_string()),
    }))
}

/// Runs the real binary with `args` and `stdin`; returns (exit code,
/// stdout, stderr). A 30-second limit turns a hang into a failure.
pub fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("chokepoints")
        .unwrap()
        .args(args)
        .write_stdin(stdin)
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The event control injects in the tests: its condition (tension above
/// 65) never holds at the start, so only an inject fires it early.
pub const EMBARGO: &str = "rare-earth-embargo";

/// The index in the deck of the event with this id.
pub fn event_index(rules: &chokepoints::engine::Rules, id: &str) -> usize {
    rules
        .events
        .iter()
        .position(|e| e.id == id)
        .unwrap_or_else(|| panic!("no event {id} in the deck"))
}
