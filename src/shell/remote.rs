//! A screen at the far end of a connection: ratatui's crossterm backend
//! writing escape sequences into any byte sink (an SSH channel), with the
//! size the client last reported. The crossterm backend alone would ask the
//! local terminal for its size and the cursor's place; a served player's
//! terminal is not ours to ask, so those answers come from here.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// A ratatui backend for a remote terminal of a known size.
pub struct RemoteBackend<W: Write> {
    inner: CrosstermBackend<W>,
    size: Size,
    cursor: Position,
}

impl<W: Write> RemoteBackend<W> {
    pub fn new(sink: W, width: u16, height: u16) -> RemoteBackend<W> {
        RemoteBackend {
            inner: CrosstermBackend::new(sink),
            size: Size::new(width, height),
            cursor: Position::ORIGIN,
        }
    }

    /// The client's window changed size; the next draw fills the new size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = Size::new(width, height);
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
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            // Pixels are unknown over SSH and unused by the game.
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}
