//! What the class's control sent into a game shows, marked, wherever a
//! player or a teacher reads the game: the turn report (live and in the
//! replay viewer), the news, the debrief, plain mode's log, the Markdown
//! and CSV reports and the class report. A game control left alone shows
//! none of it.
//!
//! The screens are snapshots at 80×24; review changes with `cargo insta
//! review`.

mod support;

use std::sync::Arc;

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::engine::turn::ChinaSide;
use chokepoints::engine::{Game, MoveId, ResponseId, Side};
use chokepoints::plain;
use chokepoints::report;
use chokepoints::report::class::{self, Entry};
use chokepoints::save::{Players, SaveFile};
use chokepoints::strings;
use chokepoints::tui::app::{App, Screen};
use chokepoints::tui::view::dashboard;
use ratatui::crossterm::event::KeyCode;
use support::{EMBARGO, SEED, event_index, key, press, render};

const WELCOME: &str = "Welcome, class: Washington moves first.";
const NEWS: &str = "News just in from the Ministry of Commerce.";
const LATER: &str = "Hold your positions: talks resume next quarter.";

fn rules() -> Arc<chokepoints::engine::Rules> {
    Arc::new(
        Content::builtin()
            .unwrap()
            .rules(DEFAULT_SCENARIO, None)
            .unwrap(),
    )
}

fn embargo(game: &Game) -> usize {
    event_index(&game.rules, EMBARGO)
}

fn embargo_title(game: &Game) -> String {
    game.rules.events[embargo(game)].title.clone()
}

/// Two quarters: a welcome before the first; in the second, a message
/// while it was decided, the embargo injected, and Washington's time ran
/// out; then a message after it.
fn controlled_game() -> Game {
    let mut game = Game::new(rules(), SEED);
    game.message(WELCOME.to_string());
    game.play(MoveId::CoordinateAllies);
    assert!(game.inject(embargo(&game)));
    game.message(NEWS.to_string());
    game.play_timed(MoveId::HoldCourse, ChinaSide::Doctrine, vec![Side::Us]);
    game.message(LATER.to_string());
    game
}

/// The same game played to its end.
fn finished_controlled_game() -> Game {
    let mut game = controlled_game();
    while !game.is_over() {
        game.play(MoveId::HoldCourse);
    }
    game
}

/// The same moves with nothing from control.
fn plain_game() -> Game {
    let mut game = Game::new(rules(), SEED);
    game.play(MoveId::CoordinateAllies);
    game.play(MoveId::HoldCourse);
    game
}

fn report_screen(game: Game) -> App {
    let mut app = App::resume(game);
    app.screen = Screen::Report;
    app
}

/// The marked inject, as every view writes it.
fn marked_inject(game: &Game) -> String {
    format!("{} {}", strings::INJECT_MARK, embargo_title(game))
}

fn marked(text: &str) -> String {
    format!("{} {text}", strings::CONTROL_MARK)
}

/// Whether `needle` shows on the screen, allowing for it to wrap: every
/// word in order, across rows.
fn shows(screen: &str, needle: &str) -> bool {
    let words: String = screen
        .lines()
        .map(|row| row.trim_matches('"').trim_matches('│').trim())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    words.contains(needle)
}

/// The screen from column `x` rightwards (one panel of two side by side).
fn right_of(screen: &str, x: usize) -> String {
    screen
        .lines()
        .map(|row| row.trim_matches('"').chars().skip(x).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A Markdown report's "From control" section, up to the next heading.
fn from_control(md: &str) -> &str {
    md.split(&format!("## {}\n", strings::FROM_CONTROL))
        .nth(1)
        .expect("a From control section")
        .split("\n## ")
        .next()
        .unwrap()
}

#[test]
fn the_turn_report_marks_the_inject_the_message_and_the_lapse() {
    let game = controlled_game();
    let inject = marked_inject(&game);
    let app = report_screen(game);
    let screen = render(&app, 80, 24);
    assert!(shows(&screen, &inject), "{screen}");
    assert!(shows(&screen, &marked(NEWS)), "{screen}");
    assert!(shows(&screen, strings::US_TIMED_OUT), "{screen}");
    // Only the message that came while this quarter was decided.
    assert!(
        !shows(&screen, WELCOME) && !shows(&screen, LATER),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn the_inject_comes_after_the_drawn_event_in_its_own_style() {
    let game = controlled_game();
    let report = game.reports[1].clone();
    let app = report_screen(game);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| chokepoints::tui::view::view(&app, f))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let row_of = |text: &str| {
        (0..buffer.area.height).find(|&y| {
            let row: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            row.contains(text)
        })
    };
    let inject_row = row_of(strings::INJECT_MARK).expect("the inject shows");
    if let Some(event) = &report.event {
        let event_row = row_of(&event.title).expect("the drawn event shows");
        assert!(event_row < inject_row);
    }
    let x = (0..buffer.area.width)
        .find(|&x| buffer[(x, inject_row)].symbol() == "[")
        .unwrap();
    let style = buffer[(x, inject_row)].style();
    assert_eq!(style.fg, app.theme.control().fg);
    assert_ne!(app.theme.control().fg, app.theme.warning().fg);
}

#[test]
fn a_lapsed_beijing_is_not_said_to_have_chosen() {
    let mut game = Game::new(rules(), SEED);
    game.play_timed(
        MoveId::BuildCompute,
        ChinaSide::Chosen(ResponseId::WaitAndSee),
        vec![Side::China],
    );
    let app = report_screen(game);
    let screen = render(&app, 80, 24);
    assert!(shows(&screen, strings::CHINA_TIMED_OUT), "{screen}");
    assert!(!screen.contains("chose it"), "{screen}");
}

#[test]
fn the_replay_viewer_shows_the_same_report() {
    let game = controlled_game();
    let inject = marked_inject(&game);
    let mut app = App::replay(&game, "controlled.ron".to_string());
    press(
        &mut app,
        &[
            key(KeyCode::Right),
            key(KeyCode::Right),
            key(KeyCode::Char('r')),
        ],
    );
    assert_eq!(app.screen, Screen::Report);
    let screen = render(&app, 80, 24);
    assert!(shows(&screen, &inject), "{screen}");
    assert!(shows(&screen, &marked(NEWS)), "{screen}");
}

#[test]
fn the_news_puts_messages_where_they_arrived_and_marks_the_inject() {
    let game = controlled_game();
    let inject = marked_inject(&game);
    let app = App::resume(game);
    let lines: Vec<String> = dashboard::log_lines(&app, 200, false)
        .iter()
        .map(|l| l.to_string())
        .collect();
    let at = |text: &str| {
        lines
            .iter()
            .position(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text} is in the news: {lines:#?}"))
    };
    // Newest first: after quarter 2, quarter 2 (its inject), the message
    // that came during it, quarter 1, the welcome.
    let (q1, q2) = (at("2025 Q3"), at("2025 Q4"));
    assert!(at(&marked(LATER)) < q2);
    assert!(q2 < at(&inject) && at(&inject) < at(&marked(NEWS)));
    assert!(at(&marked(NEWS)) < q1 && q1 < at(&marked(WELCOME)));
    assert!(
        lines[q2].contains(strings::TIMED_OUT_SHORT),
        "{}",
        lines[q2]
    );
    assert!(!lines[q1].contains(strings::TIMED_OUT_SHORT));
}

#[test]
fn the_news_at_80x24_shows_control_marked() {
    let app = App::resume(controlled_game());
    let screen = render(&app, 80, 24);
    assert!(shows(&right_of(&screen, 41), &marked(LATER)), "{screen}");
    insta::assert_snapshot!("news_80x24", screen);
    // On a large terminal the news has room for the latest quarter's.
    let large = right_of(&render(&app, 160, 48), 81);
    for needle in [marked(LATER), marked_inject(&app.game), marked(NEWS)] {
        assert!(shows(&large, &needle), "{needle}: {large}");
    }
    // Moved into, the log shows the inject and the message further down.
    let mut app = app;
    press(&mut app, &[key(KeyCode::Tab)]);
    let news = (0..12)
        .map(|_| {
            let screen = right_of(&render(&app, 80, 24), 41);
            press(&mut app, &[key(KeyCode::Down)]);
            screen
        })
        .collect::<Vec<_>>();
    assert!(
        news.iter().any(|s| s.contains(strings::INJECT_MARK)),
        "{news:#?}"
    );
    assert!(news.iter().any(|s| shows(s, &marked(NEWS))), "{news:#?}");
}

#[test]
fn the_debrief_lists_what_came_from_control_by_quarter() {
    let game = finished_controlled_game();
    let inject = marked_inject(&game);
    let mut app = App::resume(game);
    assert_eq!(app.screen, Screen::Debrief);
    let whole = (0..120)
        .map(|s| {
            app.debrief_scroll = s;
            render(&app, 80, 24)
        })
        .find(|screen| screen.contains(strings::FROM_CONTROL) && shows(screen, &marked(LATER)))
        .expect("the whole section fits on one 80×24 screen");
    for needle in [
        &inject,
        &marked(WELCOME),
        &marked(NEWS),
        strings::US_TIMED_OUT,
        "2025 Q3 (quarter 1)",
        "2025 Q4 (quarter 2)",
        "2026 Q1 (quarter 3)",
    ] {
        assert!(shows(&whole, needle), "{needle}: {whole}");
    }
    insta::assert_snapshot!("debrief_from_control_80x24", whole);
}

#[test]
fn a_game_control_left_alone_shows_nothing_from_control() {
    let game = plain_game();
    let mut finished = game.clone();
    while !finished.is_over() {
        finished.play(MoveId::HoldCourse);
    }
    let mut seen = render(&report_screen(game.clone()), 80, 24);
    seen.push_str(&render(&App::resume(game.clone()), 80, 24));
    let mut debrief = App::resume(finished.clone());
    for s in 0..120 {
        debrief.debrief_scroll = s;
        seen.push_str(&render(&debrief, 80, 24));
    }
    let md = report::markdown(&finished, &Players::default(), None);
    seen.push_str(&md);
    for mark in [
        strings::INJECT_MARK,
        strings::CONTROL_MARK,
        strings::FROM_CONTROL,
        strings::TIMED_OUT_SHORT,
    ] {
        assert!(!seen.contains(mark), "{mark}");
    }
}

#[test]
fn plain_mode_marks_the_inject_and_the_messages() {
    let game = controlled_game();
    let inject = marked_inject(&game);
    let mut out = Vec::new();
    plain::log(&game, &Players::default(), None, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {text}"))
    };
    assert!(at("-- Turn 1 report") < at(&marked(WELCOME)));
    assert!(at("-- Turn 2 report") < at(strings::US_TIMED_OUT));
    assert!(at("-- Turn 2 report") < at(&inject) && at(&inject) < at(&marked(NEWS)));
    assert!(at(&marked(NEWS)) < at(&marked(LATER)));
}

#[test]
fn the_markdown_report_has_a_from_control_section_and_marks_the_quarter() {
    let game = finished_controlled_game();
    let title = embargo_title(&game);
    let text = game.reports[1].injects[0].text.clone();
    let md = report::markdown(&game, &Players::default(), None);
    let section = from_control(&md);
    for needle in [
        format!("{}: {text}", marked_inject(&game)),
        marked(WELCOME),
        marked(NEWS),
        marked(LATER),
        strings::US_TIMED_OUT.to_string(),
        "**2025 Q4 (quarter 2)**".to_string(),
    ] {
        assert!(section.contains(&needle), "{needle}\n{section}");
    }
    // In the timeline, quarter 2's row carries the inject and the lapse.
    let row = md
        .lines()
        .find(|l| l.starts_with("| 2 |"))
        .expect("quarter 2's row");
    assert!(
        row.contains(&format!("{} {title}", strings::INJECT_MARK)),
        "{row}"
    );
    assert!(row.contains(strings::TIMED_OUT_SHORT), "{row}");
    let first = md.lines().find(|l| l.starts_with("| 1 |")).unwrap();
    assert!(!first.contains(strings::INJECT_MARK) && !first.contains(strings::TIMED_OUT_SHORT));
}

#[test]
fn the_csv_adds_injects_and_lapses_as_its_last_columns() {
    let game = controlled_game();
    let csv = report::csv(&game, None);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let n = headers.len();
    assert_eq!(&headers[n - 2], "injects");
    assert_eq!(&headers[n - 1], "timed_out");
    assert_eq!(
        &headers[n - 3],
        "expert_move",
        "the older columns keep their places"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!((&rows[1][n - 2], &rows[1][n - 1]), ("", ""));
    assert_eq!((&rows[2][n - 2], &rows[2][n - 1]), (EMBARGO, "us"));
}

#[test]
fn the_class_report_counts_what_each_game_received() {
    let with = finished_controlled_game();
    let mut also = Game::new(rules(), SEED + 1);
    also.message(WELCOME.to_string());
    while !also.is_over() {
        also.play(MoveId::HoldCourse);
    }
    let mut alone = Game::new(rules(), SEED + 2);
    while !alone.is_over() {
        alone.play(MoveId::BuildCompute);
    }
    let entries: Vec<Entry> = [("ana.ron", with), ("ben.ron", also), ("cy.ron", alone)]
        .into_iter()
        .map(|(file, game)| {
            let save = SaveFile::from_game(&game, Players::default(), false);
            Entry::new(file.to_string(), Ok((save, game)))
        })
        .collect();
    let title = embargo_title(&Game::new(rules(), SEED));
    let md = class::markdown(&entries);
    let section = from_control(&md);
    assert!(
        section.contains(&format!("- {} (2 games)", marked(WELCOME))),
        "{section}"
    );
    assert!(
        section.contains(&format!("- {} {title} (1 game)", strings::INJECT_MARK)),
        "{section}"
    );
    assert!(
        section.contains(&format!(
            "- ana.ron: 3 messages; inject: {title} (quarter 2); out of time: Washington (quarter 2)"
        )),
        "{section}"
    );
    assert!(section.contains("- ben.ron: 1 message\n"), "{section}");
    assert!(!section.contains("cy.ron"), "{section}");
}
