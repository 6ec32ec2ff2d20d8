//! The real release binary in a pseudo-terminal, with a vt100 screen to read.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Game {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    keys: Box<dyn Write + Send>,
    pump: Option<thread::JoinHandle<()>>,
}

impl Game {
    /// Starts `chokepoints ARGS` in an 80×24 terminal, saving into `saves`.
    pub fn start(args: &[&str], saves: &Path) -> Game {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_chokepoints"));
        cmd.args(args);
        // Autosaves go to a temporary folder, never the repository's saves/.
        cmd.env("CHOKEPOINTS_SAVES", saves);
        Game::spawn(cmd)
    }

    /// Starts any program (`ssh`, say) in an 80×24 terminal.
    pub fn spawn(mut cmd: CommandBuilder) -> Game {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).unwrap();
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
        let keys = pair.master.take_writer().unwrap();
        Game {
            parser,
            child,
            master: pair.master,
            keys,
            pump: Some(pump),
        }
    }

    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.keys.write_all(bytes).unwrap();
        self.keys.flush().unwrap();
    }

    /// Waits until the screen shows `needle`.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_for_all(&[needle])
    }

    /// Waits until the screen shows every needle at once (a frame arrives
    /// in pieces, so one needle may show before the rest are drawn).
    pub fn wait_for_all(&self, needles: &[&str]) -> String {
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

    /// Waits for the process to exit; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "the game did not exit");
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a signal (by name, e.g. "TERM") to the game.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a running child");
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Closes the terminal and returns whether the alternate screen was left.
    pub fn left_alternate_screen(mut self) -> bool {
        drop(self.keys);
        drop(self.master);
        if let Some(pump) = self.pump.take() {
            let _ = pump.join();
        }
        !self.parser.lock().unwrap().screen().alternate_screen()
    }
}
