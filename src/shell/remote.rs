//! A screen at the far end of a connection: ratatui's crossterm backend
//! writing escape sequences into any byte sink (an SSH channel), with the
//! size the client last reported. The crossterm backend alone would ask the
//! local terminal for its size and the cursor's place; a served player's
//! terminal is not ours to ask, so those answers come from here: the size
//! from the client's window-change requests (`RemoteSize`), the cursor from
//! where this backend last put it.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// The size of a remote terminal, shared between the connection (which
/// hears of window changes) and the backend the game draws on (which runs
/// on the game's thread).
#[derive(Clone, Debug)]
pub struct RemoteSize(Arc<AtomicU32>);

impl RemoteSize {
    pub fn new(width: u16, height: u16) -> RemoteSize {
        RemoteSize(Arc::new(AtomicU32::new(pack(width, height))))
    }

    /// The client's window changed. The connection then sends the game an
    /// `Event::Resize`, and the next frame fills the new size.
    pub fn set(&self, width: u16, height: u16) {
        self.0.store(pack(width, height), Ordering::Relaxed);
    }

    pub fn get(&self) -> Size {
        let packed = self.0.load(Ordering::Relaxed);
        Size::new((packed >> 16) as u16, packed as u16)
    }
}

fn pack(width: u16, height: u16) -> u32 {
    (u32::from(width) << 16) | u32::from(height)
}

/// A ratatui backend for a remote terminal of a known size.
pub struct RemoteBackend<W: Write> {
    inner: CrosstermBackend<W>,
    size: RemoteSize,
    cursor: Position,
}

impl<W: Write> RemoteBackend<W> {
    pub fn new(sink: W, size: RemoteSize) -> RemoteBackend<W> {
        RemoteBackend {
            inner: CrosstermBackend::new(sink),
            size,
            cursor: Position::ORIGIN,
        }
    }

    /// The byte sink, for what is written around the game's frames
    /// (entering and leaving the alternate screen).
    pub fn sink_mut(&mut self) -> &mut W {
        self.inner.writer_mut()
    }
}

impl<W: Write> Backend for RemoteBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    /// Where this backend last put the cursor: the remote terminal is not
    /// asked (its answer would arrive as input, mixed with the keys).
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.cursor = position;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size.get())
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size.get(),
            // Pixels are unknown over SSH and unused by the game.
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}
