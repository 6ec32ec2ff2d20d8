//! Input that arrives as bytes (over SSH, there is no local terminal to ask)
//! turned into the same events the local terminal gives: keys, mouse,
//! bracketed pastes. The escape-sequence parsing is `terminput`'s (a
//! well-kept port of crossterm's own parser); this only feeds it the way a
//! terminal driver would and converts its events to crossterm's.

use ratatui::crossterm::event::Event;

/// The most bytes held waiting for a sequence to complete. A paste that
/// never ends (or a client sending garbage) must not grow without bound.
pub const MAX_PENDING: usize = 1 << 20;

/// Turns chunks of input bytes into events, keeping an incomplete sequence
/// (a UTF-8 character or escape sequence split across reads) for the next
/// chunk.
#[derive(Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// The events in `bytes`, in order. A lone Esc at the end of a chunk is
    /// the Esc key: a terminal sends an escape sequence in one write, so an
    /// Esc with nothing after it is the key itself, as crossterm reads it.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        for (i, byte) in bytes.iter().enumerate() {
            self.pending.push(*byte);
            let more = i + 1 < bytes.len();
            if self.pending == [0x1B] && more {
                // Esc and more in the same chunk: the start of a sequence.
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(Some(event)) => {
                    self.pending.clear();
                    // Events crossterm has no name for (none the game
                    // uses) are dropped.
                    if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                        events.push(event);
                    }
                }
                // Incomplete: wait for more, within reason.
                Ok(None) if self.pending.len() < MAX_PENDING => {}
                // Not a sequence anyone sends, or too long: drop it.
                _ => self.pending.clear(),
            }
        }
        events
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn keys(events: &[Event]) -> Vec<(KeyCode, KeyModifiers)> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Key(KeyEvent {
                    code, modifiers, ..
                }) => Some((*code, *modifiers)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn keys_arrows_and_enter_decode_as_the_local_terminal_gives_them() {
        let mut d = Decoder::new();
        let events = d.feed(b"j\x1b[A\x1b[B\r?");
        assert_eq!(
            keys(&events),
            vec![
                (KeyCode::Char('j'), KeyModifiers::NONE),
                (KeyCode::Up, KeyModifiers::NONE),
                (KeyCode::Down, KeyModifiers::NONE),
                (KeyCode::Enter, KeyModifiers::NONE),
                (KeyCode::Char('?'), KeyModifiers::NONE),
            ]
        );
    }

    #[test]
    fn ctrl_c_is_a_key_not_a_signal() {
        let events = Decoder::new().feed(b"\x03");
        assert_eq!(
            keys(&events),
            vec![(KeyCode::Char('c'), KeyModifiers::CONTROL)]
        );
    }

    #[test]
    fn a_lone_esc_is_the_esc_key() {
        let mut d = Decoder::new();
        assert_eq!(
            keys(&d.feed(b"\x1b")),
            vec![(KeyCode::Esc, KeyModifiers::NONE)]
        );
        // And the next chunk starts afresh.
        assert_eq!(
            keys(&d.feed(b"q")),
            vec![(KeyCode::Char('q'), KeyModifiers::NONE)]
        );
    }

    #[test]
    fn sequences_and_characters_split_across_reads_are_kept_whole() {
        let mut d = Decoder::new();
        assert!(d.feed(b"\x1b[").is_empty());
        assert_eq!(
            keys(&d.feed(b"C")),
            vec![(KeyCode::Right, KeyModifiers::NONE)]
        );
        let e_acute = "é".as_bytes();
        assert!(d.feed(&e_acute[..1]).is_empty());
        assert_eq!(
            keys(&d.feed(&e_acute[1..])),
            vec![(KeyCode::Char('é'), KeyModifiers::NONE)]
        );
    }

    #[test]
    fn a_bracketed_paste_is_one_event() {
        let mut d = Decoder::new();
        assert!(d.feed(b"\x1b[200~hello ").is_empty());
        let events = d.feed(b"world\x1b[201~");
        assert_eq!(events, vec![Event::Paste("hello world".to_string())]);
    }

    #[test]
    fn garbage_never_panics_and_is_bounded() {
        let mut d = Decoder::new();
        let noise: Vec<u8> = (0..20_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for chunk in noise.chunks(37) {
            let _ = d.feed(chunk);
            assert!(d.pending.len() <= MAX_PENDING);
        }
        // A paste that never ends is dropped at the bound.
        let mut endless = b"\x1b[200~".to_vec();
        endless.resize(MAX_PENDING + 10, b'x');
        let _ = d.feed(&endless);
        assert!(d.pending.len() <= MAX_PENDING);
        // And the decoder still works afterwards.
        assert_eq!(keys(&d.feed(b"\x1b")).len(), 1);
    }
}
