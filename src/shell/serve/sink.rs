//! Bytes from a session's game thread to its SSH channel. The game thread
//! hands each frame to a small bounded queue; a task on the server's
//! runtime writes the queue into the channel as fast as the client's
//! window allows. A client that stops reading fills its window, then the
//! queue, then blocks its own game thread, and nothing else: no lock any
//! other session needs is held while a frame waits. A client stalled for
//! the stall limit is dropped.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::time::Duration;

use russh::server::{Handle, Msg};
use russh::{ChannelWriteHalf, Disconnect};
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

/// Frames waiting for one client: with the channel's window, all the
/// output a stalled client can hold on the server.
pub const FRAMES_QUEUED: usize = 4;

/// The game thread's end: a `Write` whose flush hands what was written
/// over as one frame (ratatui flushes once per frame).
pub struct FrameSink {
    buf: Vec<u8>,
    tx: mpsc::Sender<Vec<u8>>,
}

impl FrameSink {
    pub fn new(tx: mpsc::Sender<Vec<u8>>) -> FrameSink {
        FrameSink {
            buf: Vec::new(),
            tx,
        }
    }
}

impl Write for FrameSink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let frame = std::mem::take(&mut self.buf);
        // Waits while the queue is full: only this session's thread.
        self.tx
            .blocking_send(frame)
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the connection has closed"))
    }
}

/// Writes the queued frames into the channel until the game thread is
/// done (then ends the channel as a shell's exit would) or the client
/// stalls (then drops the connection).
pub async fn pump(
    mut frames: mpsc::Receiver<Vec<u8>>,
    channel: ChannelWriteHalf<Msg>,
    handle: Handle,
    stall: Duration,
    who: String,
    addr: Option<SocketAddr>,
) {
    let mut writer = channel.make_writer();
    while let Some(frame) = frames.recv().await {
        match tokio::time::timeout(stall, writer.write_all(&frame)).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => break,
            Err(_) => {
                tracing::info!(name = %who, addr = ?addr, "dropped: stopped reading for {stall:?}");
                let _ = handle
                    .disconnect(
                        Disconnect::ByApplication,
                        "stopped reading".into(),
                        String::new(),
                    )
                    .await;
                return;
            }
        }
    }
    frames.close();
    let _ = channel.exit_status(0).await;
    let _ = channel.eof().await;
    let _ = channel.close().await;
}
