//! The one shell every front end runs in (`shell::run_game`,
//! `shell::run_console`), on a backend that is not the local terminal and
//! with input that is not the keyboard: a test backend that records every
//! frame, fed by a scripted channel. The same loop runs the local terminal.

mod support;

use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chokepoints::console::Console;
use chokepoints::content::Content;
use chokepoints::engine::{Game, MoveId};
use chokepoints::save::{Players, SaveFile};
use chokepoints::shell::files::Files;
use chokepoints::shell::{self, Ended, Input, Surface};
use chokepoints::strings;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{Event, KeyCode};
use ratatui::layout::{Position, Size};
use support::{SEED, app_saving_to, autosave_path, ch, ctrl, key, scratch};

/// A test backend that keeps a copy of the screen each time a frame is
/// flushed, so a test can see every screen a scripted session went through.
struct Recording {
    inner: TestBackend,
    frames: Arc<Mutex<Vec<String>>>,
}

impl Recording {
    fn new(width: u16, height: u16) -> (Recording, Arc<Mutex<Vec<String>>>) {
        let frames = Arc::new(Mutex::new(Vec::new()));
        let backend = Recording {
            inner: TestBackend::new(width, height),
            frames: frames.clone(),
        };
        (backend, frames)
    }
}

impl Backend for Recording {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()?;
        self.frames.lock().unwrap().push(self.inner.to_string());
        Ok(())
    }
}

fn feed(surface: &Surface<Recording>, events: impl IntoIterator<Item = Event>) {
    let tx = surface.sender();
    for event in events {
        tx.send(Input::Term(event)).unwrap();
    }
}

fn content() -> Arc<Content> {
    Arc::new(Content::builtin().unwrap())
}

fn files() -> Files {
    Files::new(Arc::new(Content::builtin().unwrap()))
}

/// How many quarters the fixed game lasts when Washington always plays the
/// last move in the list (the script must know, having no eyes).
fn quarters_holding_last_move(game: &Game) -> usize {
    let mut game = game.clone();
    let last = *MoveId::ALL.last().unwrap();
    while !game.is_over() {
        game.play(last);
    }
    game.moves.len()
}

/// Waits until at least `count` frames have been drawn.
fn wait_for_frames(frames: &Arc<Mutex<Vec<String>>>, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while frames.lock().unwrap().len() < count {
        assert!(Instant::now() < deadline, "only {count} frames drawn");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Sends one event and waits until the loop has drawn since, as a player
/// waits to see the screen before the next key; returns that screen.
fn step(tx: &SyncSender<Input>, frames: &Arc<Mutex<Vec<String>>>, event: Event) -> String {
    let before = frames.lock().unwrap().len();
    tx.send(Input::Term(event)).unwrap();
    wait_for_frames(frames, before + 1);
    frames.lock().unwrap()[before].clone()
}

#[test]
fn the_shell_runs_a_whole_game_with_a_save_a_load_and_autosaves_on_any_backend() {
    let dir = scratch("shell-whole-game");
    let mut app = app_saving_to(&dir);
    let quarters = quarters_holding_last_move(&app.game);
    let (backend, frames) = Recording::new(100, 32);
    let mut surface = Surface::new(Terminal::new(backend).unwrap());
    let tx = surface.sender();
    // The loop runs as a shell runs it; this thread is the player.
    let game = std::thread::spawn(move || {
        let ended = shell::run_game(&mut surface, &mut app, &files()).unwrap();
        (ended, app)
    });
    let key_step = |event| step(&tx, &frames, event);
    wait_for_frames(&frames, 1);

    let first = key_step(key(KeyCode::Enter));
    assert!(first.contains(strings::MOVES_TITLE.trim()), "{first}");
    for quarter in 1..=quarters {
        key_step(key(KeyCode::End));
        let report = key_step(key(KeyCode::Enter));
        let hint = if quarter == quarters {
            strings::REPORT_OVER
        } else {
            strings::REPORT_CONTINUE
        };
        assert!(report.contains(hint), "quarter {quarter}: {report}");
        key_step(key(KeyCode::Enter));
    }
    // On the debrief: save as "whole", then load the newest save (that one).
    key_step(ch('s'));
    key_step(ctrl('u'));
    for c in "whole".chars() {
        key_step(ch(c));
    }
    let saved = key_step(key(KeyCode::Enter));
    assert!(saved.contains(strings::SAVED_TO), "{saved}");
    let picker = key_step(ch('l'));
    assert!(picker.contains("whole.ron"), "{picker}");
    let loaded = key_step(key(KeyCode::Enter));
    assert!(loaded.contains(strings::DEBRIEF_TITLE.trim()), "{loaded}");
    assert!(loaded.contains("whole.ron"), "{loaded}");
    tx.send(Input::Term(ch('q'))).unwrap();
    let (ended, app) = game.join().unwrap();
    assert_eq!(ended, Ended::Quit);
    assert_eq!(app.game.moves.len(), quarters);
    assert!(app.game.is_over());

    let content = Content::builtin().unwrap();
    let auto = autosave_path(&app);
    let named = dir.join("whole.ron");
    for path in [&auto, &named] {
        let save = SaveFile::read(path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(save.turns.len(), quarters, "{}", path.display());
        save.replay(path, &content).unwrap();
    }
}

/// Everything queued at once is one burst: the loop handles it all and
/// draws once, not once per key.
#[test]
fn a_burst_of_input_costs_one_frame() {
    let mut app = support::app();
    let (backend, frames) = Recording::new(80, 24);
    let mut surface = Surface::new(Terminal::new(backend).unwrap());
    let tx = surface.sender();
    // Queued before the loop starts: one burst.
    let burst: Vec<Event> = std::iter::once(key(KeyCode::Enter))
        .chain(std::iter::repeat_n(key(KeyCode::Down), 200))
        .collect();
    let mut expected = support::app();
    support::press(&mut expected, &burst);
    feed(&surface, burst);
    let game = std::thread::spawn(move || {
        let ended = shell::run_game(&mut surface, &mut app, &files()).unwrap();
        (ended, app)
    });
    wait_for_frames(&frames, 2);
    // Give a loop that drew per key time to show it.
    std::thread::sleep(Duration::from_millis(200));
    tx.send(Input::Signal(15)).unwrap();
    let (ended, app) = game.join().unwrap();
    assert_eq!(ended, Ended::Signal(15));
    // The first frame, then one for all 201 keys.
    assert_eq!(frames.lock().unwrap().len(), 2);
    assert_eq!(app.selected, expected.selected);
    assert!(app.selected > 0);
}

#[test]
fn a_signal_or_the_end_of_input_stops_the_game_loop() {
    let mut app = support::app();
    let (backend, _) = Recording::new(80, 24);
    let mut surface = Surface::new(Terminal::new(backend).unwrap());
    surface.sender().send(Input::Signal(15)).unwrap();
    let ended = shell::run_game(&mut surface, &mut app, &files()).unwrap();
    assert_eq!(ended, Ended::Signal(15));

    // A failed input source is an error, not a hang.
    surface
        .sender()
        .send(Input::Failed("the connection dropped".to_string()))
        .unwrap();
    let failed = shell::run_game(&mut surface, &mut app, &files()).unwrap_err();
    assert!(failed.to_string().contains("the connection dropped"));
}

#[test]
fn the_console_opens_a_replay_in_process_and_comes_back() {
    let dir = scratch("shell-console");
    let rules = Arc::new(content().rules("h20-reversal", None).unwrap());
    let mut game = Game::new(rules, SEED);
    for m in [MoveId::BuildCompute, MoveId::CoordinateAllies] {
        game.play(m);
    }
    let players = Players {
        us: Some("Ana".to_string()),
        china: None,
    };
    SaveFile::from_game(&game, players, false)
        .write(&dir.join("ana.ron"))
        .unwrap();

    let mut console = Console::new(dir.clone(), content());
    let (backend, frames) = Recording::new(100, 30);
    let mut surface = Surface::new(Terminal::new(backend).unwrap());
    // Open the game, step to its last turn, leave the replay, quit.
    feed(
        &surface,
        [key(KeyCode::Enter), key(KeyCode::End), ch('q'), ch('q')],
    );
    let ended = shell::run_console(&mut surface, &mut console, &files()).unwrap();
    assert_eq!(ended, Ended::Quit);
    assert_eq!(
        console.status, None,
        "the replay opened without a complaint"
    );

    let frames = frames.lock().unwrap();
    let replay = frames
        .iter()
        .position(|f| f.contains(strings::REPLAY_MOVES_TITLE.trim()) && f.contains("ana.ron"))
        .expect("the replay viewer was drawn");
    assert!(
        frames[..replay]
            .iter()
            .any(|f| f.contains(strings::CLASS_TITLE)),
        "the console came first"
    );
    assert!(
        frames[replay..]
            .iter()
            .any(|f| f.contains(strings::CLASS_TITLE)),
        "and the console came back after the replay"
    );
    // The backend records into the same list.
    drop(frames);

    // Ctrl-C in the replay quits the viewer, not the program.
    let mut console = Console::new(dir, content());
    feed(&surface, [key(KeyCode::Enter), ctrl('c'), ch('q')]);
    assert_eq!(
        shell::run_console(&mut surface, &mut console, &files()).unwrap(),
        Ended::Quit
    );
}

/// A byte sink the test can read while the loop writes into it.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a served player would see: the game's bytes on a vt100 screen.
fn screen(sink: &Sink, width: u16, height: u16) -> String {
    let mut parser = vt100::Parser::new(
        std::num::NonZeroU16::new(height).unwrap(),
        std::num::NonZeroU16::new(width).unwrap(),
        0,
    );
    parser.process(&sink.0.lock().unwrap());
    parser.screen().contents()
}

/// Waits until the remote screen shows `needle`.
fn wait_for_screen(sink: &Sink, width: u16, height: u16, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = screen(sink, width, height);
        if text.contains(needle) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "never showed {needle:?}:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The path a networked session takes, without the network: the client's
/// bytes are decoded into events, the game runs in the same shell loop,
/// and its frames go out as escape sequences to a terminal of the size the
/// client gave (read back here with a vt100 screen).
#[test]
fn a_game_plays_from_bytes_in_to_bytes_out_at_the_clients_size() {
    use chokepoints::shell::decode::Decoder;
    use chokepoints::shell::remote::{RemoteBackend, RemoteSize};
    let sink = Sink::default();
    let mut app = support::app();
    let size = RemoteSize::new(80, 24);
    let backend = RemoteBackend::new(sink.clone(), size.clone());
    let mut surface = Surface::new(Terminal::new(backend).unwrap());
    let tx = surface.sender();
    let game = std::thread::spawn(move || {
        let ended = shell::run_game(&mut surface, &mut app, &files()).unwrap();
        (ended, app)
    });
    let mut decoder = Decoder::new();
    let mut type_bytes = |bytes: &[u8]| {
        for event in decoder.feed(bytes) {
            tx.send(Input::Term(event)).unwrap();
        }
    };
    wait_for_screen(&sink, 80, 24, "Briefing");
    type_bytes(b"\r");
    wait_for_screen(&sink, 80, 24, "turn 1/16");
    // Down twice as arrow sequences, then Enter: the third move is played.
    type_bytes(b"\x1b[B\x1b[B\r");
    let report = wait_for_screen(&sink, 80, 24, "Turn 1 report");
    assert!(report.contains("Washington: "), "{report}");
    // On to the next quarter; there a lone Esc asks to quit, and y does.
    type_bytes(b"\r");
    wait_for_screen(&sink, 80, 24, "turn 2/16");
    // The client's window grows: the next frame fills it, footer at the
    // new bottom row.
    size.set(100, 30);
    tx.send(Input::Term(Event::Resize(100, 30))).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = screen(&sink, 100, 30);
        let bottom = text.lines().nth(29).unwrap_or_default();
        if bottom.contains("q quit") {
            break;
        }
        assert!(Instant::now() < deadline, "not redrawn at 100x30:\n{text}");
        std::thread::sleep(Duration::from_millis(5));
    }
    type_bytes(b"\x1b");
    wait_for_screen(&sink, 100, 30, "Quit this game?");
    type_bytes(b"y");
    let (ended, app) = game.join().unwrap();
    assert_eq!(ended, Ended::Quit);
    assert_eq!(app.game.moves.len(), 1);
    assert_eq!(app.game.moves[0], MoveId::ALL[2]);
}
