//! Runs the real binary in a pseudo-terminal: plays two quarters, checks the
//! screen shows the gauges, quits, and checks the exit status and that the
//! terminal was handed back (alternate screen left).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Screen(Arc<Mutex<vt100::Parser>>);

impl Screen {
    fn text(&self) -> String {
        self.0.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `needle`.
    fn wait_for(&self, needle: &str) -> String {
        self.wait_for_all(&[needle])
    }

    /// Waits until the screen shows every needle at once (a frame arrives
    /// in pieces, so one needle may show before the rest are drawn).
    fn wait_for_all(&self, needles: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text();
            if needles.iter().all(|n| text.contains(n)) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needles:?}; screen:\n{text}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn the_release_binary_plays_two_turns_and_quits_cleanly() {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_chokepoints"));
    cmd.args(["play", "--seed", "7"]);
    cmd.env("TERM", "xterm-256color");
    // Autosaves go to a temporary folder, never the repository's saves/.
    let saves = std::env::temp_dir().join(format!("chokepoints-pty-{}", std::process::id()));
    cmd.env("CHOKEPOINTS_SAVES", &saves);
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);

    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(24).unwrap(),
        NonZeroU16::new(80).unwrap(),
        0,
    )));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let feed = parser.clone();
    let pump = thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            feed.lock().unwrap().process(&buf[..n]);
        }
    });
    let screen = Screen(parser.clone());
    let mut keys = pair.master.take_writer().unwrap();
    let mut send = |bytes: &[u8]| {
        keys.write_all(bytes).unwrap();
        keys.flush().unwrap();
    };

    screen.wait_for("Press any key");
    send(b"\r");
    // The gauges, the moves and the footer (the last row drawn) together.
    screen.wait_for_all(&[
        "turn 1/16",
        "Compute lead",
        "U.S. leverage",
        "Self-sufficiency",
        "Tension",
        "Your move",
        "q quit",
    ]);
    // Quarter one: the highlighted move. Quarter two: two down.
    send(b"\r");
    screen.wait_for("Turn 1 report");
    send(b"\r");
    screen.wait_for("turn 2/16");
    send(b"jj\r");
    screen.wait_for("Turn 2 report");
    send(b"\r");
    let after = screen.wait_for("turn 3/16");
    assert!(after.contains("Compute lead"), "{after}");
    assert!(
        after.contains("Washington"),
        "the news shows the moves:\n{after}"
    );

    send(b"q");
    screen.wait_for("Quit this game?");
    send(b"y");

    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the game did not exit");
        thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "exit status {status:?}");
    // CHOKEPOINTS_SAVES chose the folder, and both turns were autosaved.
    let autosave = chokepoints::save::SaveFile::read(&saves.join("autosave.ron")).unwrap();
    assert_eq!(autosave.turns.len(), 2);
    let _ = std::fs::remove_dir_all(&saves);
    drop(pair.master);
    let _ = pump.join();
    let parser = parser.lock().unwrap();
    assert!(
        !parser.screen().alternate_screen(),
        "the alternate screen was not left"
    );
}
