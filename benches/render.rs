//! One full dashboard frame at 160×48 into a `TestBackend` (target: well
//! under 1 ms). The game is a few quarters in, so every panel has content.

use std::sync::Arc;

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::tui::app::{App, update};
use chokepoints::tui::message::Msg;
use chokepoints::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

fn mid_game() -> App {
    let rules = Content::builtin()
        .unwrap()
        .rules(DEFAULT_SCENARIO, None)
        .unwrap();
    let mut app = App::new(Arc::new(rules), 42);
    update(&mut app, Msg::Continue);
    for _ in 0..6 {
        // No saves folder and no review: nothing for a shell to do.
        update(&mut app, Msg::Down);
        update(&mut app, Msg::Choose);
        if app.overlay.is_some() {
            update(&mut app, Msg::Confirm);
        }
        update(&mut app, Msg::Continue);
    }
    app
}

#[divan::bench]
fn dashboard_160x48(bencher: divan::Bencher) {
    let app = mid_game();
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|f| view::view(&app, f)).unwrap();
    });
}

#[divan::bench]
fn dashboard_80x24(bencher: divan::Bencher) {
    let app = mid_game();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|f| view::view(&app, f)).unwrap();
    });
}

#[divan::bench]
fn history_chart_80x30(bencher: divan::Bencher) {
    let app = mid_game();
    let mut terminal = Terminal::new(TestBackend::new(80, 30)).unwrap();
    bencher.bench_local(|| {
        terminal
            .draw(|f| view::chart::render(&app, f, f.area(), " History "))
            .unwrap();
    });
}

/// The terminal's own cost (clearing and diffing the buffer), for scale.
#[divan::bench]
fn baseline_empty_160x48(bencher: divan::Bencher) {
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|_| {}).unwrap();
    });
}
