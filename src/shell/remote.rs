//! A screen at the far end of a connection: ratatui's crossterm backend
//! writing escape sequences into any byte sink (an SSH channel), with the
//! size the client last reported. The crossterm backend alone would ask the
//! local terminal for its size and the cursor's place; a served player's
//! terminal is not ours to ask, so those answers come from here: the size
//! from the client's window-change requests (`RemoteSize`), the cursor from
//! where this backend last put it.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// The size of a remote terminal, shared between the connection (which
/// hears of window changes) and the backend the game draws on (which runs
/// on the game's thread).
#[derive(Clone, Debug)]
pub struct RemoteSize(Arc<SizeInner>);

#[derive(Debug)]
struct SizeInner {
    packed: AtomicU32,
    /// A resize notice is on its way to the game and the size has not been
    /// read since: another window change needs no notice of its own.
    noticed: AtomicBool,
}

impl RemoteSize {
    pub fn new(width: u16, height: u16) -> RemoteSize {
        RemoteSize(Arc::new(SizeInner {
            packed: AtomicU32::new(pack(width, height)),
            noticed: AtomicBool::new(false),
        }))
    }

    /// The client's window changed; whether the connection should send the
    /// game an `Event::Resize`. A flood of window changes is one notice
    /// until the game next reads the size (its next frame then fills the
    /// newest size): a client resizing a thousand times a second costs a
    /// frame or so, not a thousand.
    pub fn set(&self, width: u16, height: u16) -> bool {
        let packed = pack(width, height);
        let old = self.0.packed.swap(packed, Ordering::SeqCst);
        old != packed && !self.0.noticed.swap(true, Ordering::SeqCst)
    }

    /// The size now (and any window change after this needs a notice).
    pub fn get(&self) -> Size {
        self.0.noticed.store(false, Ordering::SeqCst);
        let packed = self.0.packed.load(Ordering::SeqCst);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_of_window_changes_is_one_notice_until_the_size_is_read() {
        let size = RemoteSize::new(80, 24);
        assert!(!size.set(80, 24), "no change, no notice");
        assert!(size.set(100, 30));
        for w in 0..1000u16 {
            assert!(!size.set(101 + w % 50, 30));
        }
        assert_eq!(size.get(), Size::new(101 + 999 % 50, 30));
        assert!(size.set(120, 40), "read, so the next change is told");
    }
}
