//! Every screen and window at 80×24, the smallest terminal the game draws
//! in, each with the longest content it can have: everything needed to
//! decide either fits or scrolls. Where there is a choice (which scenario,
//! which move, which turn), the test finds the longest case itself rather
//! than naming what happens to be longest today. The tests at the end check
//! the windows that once cut what a player needs (help, the load picker).
//!
//! The numbers come from the content in assets/: when it changes, review
//! and accept the new snapshots (`cargo insta review`, or INSTA_UPDATE=always).

mod support;

use std::path::Path;
use std::sync::Arc;

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::engine::{Game, MoveId, ResponseId, TurnReport};
use chokepoints::play::hot_seat::{HotSeat, Side, response_effects};
use chokepoints::play::intel;
use chokepoints::strings;
use chokepoints::tui::app::{App, Overlay, Screen};
use chokepoints::tui::bindings;
use chokepoints::tui::view::{self, dashboard};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::Line;
use support::{ch, ctrl, key, press, render, type_text};

const W: u16 = 80;
const H: u16 = 24;

fn screen(app: &App) -> String {
    render(app, W, H)
}

/// The area under the header and above the footer.
fn body() -> Rect {
    Rect::new(0, 1, W, H - 2)
}

fn content() -> Content {
    Content::builtin().unwrap()
}

/// A fresh game of `scenario` with the tests' seed, as `support::app()`
/// builds the default one.
fn app_for(scenario: &str) -> App {
    let rules = content().rules(scenario, None).unwrap();
    App::new(Arc::new(rules), support::SEED)
}

/// The built-in scenario for which `measure` is largest (the first of
/// equals, in the order the content lists them).
fn longest_scenario(measure: impl Fn(&App) -> usize) -> String {
    let content = content();
    let mut best: Option<(usize, String)> = None;
    for s in &content.scenarios {
        let m = measure(&app_for(&s.id));
        if best.as_ref().is_none_or(|(b, _)| m > *b) {
            best = Some((m, s.id.clone()));
        }
    }
    best.unwrap().1
}

/// A line's text without its indent.
fn text_of(line: &Line) -> String {
    line.to_string().trim().to_string()
}

/// Whether a screen says there is more to read below.
fn says_more_below(screen: &str) -> bool {
    screen.contains("more ↓")
        || screen.contains("more ↕")
        || screen.contains(strings::MODEL_CARD_MORE)
}

/// Whether each of `lines` (as drawn, trimmed) shows in `seen`; the first
/// missing one, if any.
fn first_missing(lines: &[Line], seen: &str) -> Option<String> {
    lines
        .iter()
        .map(text_of)
        .find(|t| !t.is_empty() && !seen.contains(t.as_str()))
}

/// Plays `moves` from a fresh game of the default scenario with `seed`;
/// stops early when the game ends.
fn game_after(seed: u64, moves: &[MoveId]) -> Game {
    let rules = content().rules(DEFAULT_SCENARIO, None).unwrap();
    let mut game = Game::new(Arc::new(rules), seed);
    for m in moves {
        if game.play(*m).is_none() {
            break;
        }
    }
    game
}

/// Moves the dashboard's highlight to `m`.
fn highlight(app: &mut App, m: MoveId) {
    press(app, &[key(KeyCode::Home)]);
    for _ in 0..m.index() {
        press(app, &[ch('j')]);
    }
    assert_eq!(app.selected_move(), m);
}

/// Plays `m` from the dashboard, saying yes to any escalation warning.
fn play(app: &mut App, m: MoveId) {
    highlight(app, m);
    press(app, &[key(KeyCode::Enter)]);
    if matches!(app.overlay, Some(Overlay::ConfirmMove { .. })) {
        press(app, &[ch('y')]);
    }
}

/// Briefing dismissed, then two quarters played (license, then coordinate
/// with allies), as in tests/tui_render.rs.
fn two_turns_in() -> App {
    let mut app = support::app();
    press(&mut app, &[key(KeyCode::Enter)]);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    for _ in 0..7 {
        press(&mut app, &[ch('j')]);
    }
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Dashboard);
    app
}

/// The default game played to its end with Enter, as in tests/tui_render.rs.
fn finished() -> App {
    let mut app = support::app();
    press(&mut app, &[key(KeyCode::Enter)]);
    while app.screen != Screen::Debrief {
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    app
}

fn review_rules() -> Arc<chokepoints::sim::review::ReviewRules> {
    Arc::new(content().review.clone())
}

/// Runs the app's due review here, as the shell would on its own thread.
fn review_now(app: &mut App) {
    let job = app.review_job().expect("a review is due");
    let mut updates = Vec::new();
    job.run(|u| updates.push(u));
    for u in updates {
        app.on_review(u);
    }
    assert!(app.decision_review().is_some());
}

/// Presses `k` until the screen stops changing (at most `limit` times);
/// every screen seen on the way, joined, and the last one.
fn scroll_through(app: &mut App, k: KeyCode, limit: usize) -> (String, String) {
    let mut last = screen(app);
    let mut seen = last.clone();
    for _ in 0..limit {
        press(app, &[key(k)]);
        let next = screen(app);
        if next == last {
            break;
        }
        seen.push_str(&next);
        last = next;
    }
    (seen, last)
}

// ---------------------------------------------------------------- briefing

/// The briefing's text as the screen wraps it (window less its borders
/// and margin), for choosing the longest.
fn briefing_rows(app: &App) -> usize {
    view::wrap(&app.rules().scenario.briefing, usize::from(W) - 5).len()
}

#[test]
fn briefing_longest_scenario() {
    let id = longest_scenario(briefing_rows);
    let app = app_for(&id);
    assert_eq!(app.screen, Screen::Briefing);
    let shown = screen(&app);
    let scenario = &app.rules().scenario;
    // The whole briefing, the objectives, who plays Beijing and how to play:
    // the briefing does not scroll, so all of it must fit.
    for line in view::wrap(&scenario.briefing, usize::from(W) - 5) {
        assert!(shown.contains(line.trim()), "`{line}` cut:\n{shown}");
    }
    assert!(shown.contains("Objectives"), "{shown}");
    assert!(
        shown.contains(&format!("{} quarters from", scenario.horizon)),
        "{shown}"
    );
    for how in strings::BRIEFING_HOW {
        let last = view::wrap(how, usize::from(W) - 5).pop().unwrap();
        assert!(shown.contains(last.trim()), "`{how}` cut:\n{shown}");
    }
    assert!(shown.contains(strings::BRIEFING_CONTINUE), "{shown}");
    insta::assert_snapshot!("briefing_longest_scenario", shown);
}

// --------------------------------------------------------------- dashboard

/// "About this move"'s inner size at 80×24: (width, rows).
fn detail_size(app: &App) -> (u16, u16) {
    let d = dashboard::layout(app, body()).detail;
    (d.width, d.height.saturating_sub(1))
}

/// The dashboards a player reaches in the default game: every quarter of
/// the game played with Enter, and two quarters of the scripted opening.
fn dashboards() -> Vec<Game> {
    let mut games = Vec::new();
    let full = finished().game;
    for n in 0..full.moves.len() {
        let mut g = Game::new(full.rules.clone(), full.seed);
        for m in &full.moves[..n] {
            g.play(*m);
        }
        games.push(g);
    }
    let two = two_turns_in().game;
    let mut g = Game::new(two.rules.clone(), two.seed);
    for m in &two.moves {
        g.play(*m);
        games.push(g.clone());
    }
    games
}

/// The dashboard position and move whose "About this move" (with the
/// advisor on) has the most lines at 80×24.
fn longest_detail() -> (Game, MoveId, usize) {
    let mut best: Option<(Game, MoveId, usize)> = None;
    for game in dashboards() {
        let mut app = App::resume(game.clone()).with_advisor(true);
        for (i, m) in MoveId::ALL.iter().enumerate() {
            app.selected = i;
            let (width, _) = detail_size(&app);
            let n = dashboard::detail_lines(&app, width).len();
            if best.as_ref().is_none_or(|(_, _, b)| n > *b) {
                best = Some((game.clone(), *m, n));
            }
        }
    }
    best.unwrap()
}

#[test]
fn dashboard_longest_move_detail_top_and_end() {
    let (game, m, n) = longest_detail();
    let mut app = App::resume(game);
    press(&mut app, &[ch('a')]);
    assert!(app.advisor);
    highlight(&mut app, m);
    let (width, rows) = detail_size(&app);
    let lines = dashboard::detail_lines(&app, width);
    assert_eq!(lines.len(), n);
    assert!(
        n > usize::from(rows),
        "the longest detail ({n} lines) fits in {rows}: no scrolling to show"
    );
    let top = screen(&app);
    assert!(top.contains(strings::DETAIL_MORE_BELOW.trim()), "{top}");
    insta::assert_snapshot!("dashboard_longest_move_detail_top", top.clone());

    // PgDn to the end: the panel says when there is more, then stops.
    let mut seen = top;
    let mut end = String::new();
    for _ in 0..20 {
        press(&mut app, &[key(KeyCode::PageDown)]);
        end = screen(&app);
        seen.push_str(&end);
        if !says_more_below(&end) {
            break;
        }
    }
    assert!(!says_more_below(&end), "PgDn never reached the end:\n{end}");
    assert!(end.contains(strings::DETAIL_MORE_ABOVE.trim()), "{end}");
    insta::assert_snapshot!("dashboard_longest_move_detail_end", end.clone());

    // Read by scrolling, every line of the panel shows, with what a player
    // needs to decide.
    if let Some(missing) = first_missing(&lines, &seen) {
        panic!("`{missing}` never shown:\n{seen}");
    }
    // The move list points at the move being read.
    let pointer = format!("›{:>2} ", m.index() + 1);
    assert!(end.contains(&pointer), "{end}");
    assert!(
        seen.contains("Vs holding course") || seen.contains("Holding course, change"),
        "no forecast heading:\n{seen}"
    );
    assert!(seen.contains("Likely reply"), "no likely reply:\n{seen}");
    assert!(
        seen.contains("Risk: ") || seen.contains(strings::RISKY_MARK),
        "no risk:\n{seen}"
    );
    assert!(seen.contains("Assumes a"), "no assumption:\n{seen}");
    assert!(seen.contains("Advisor"), "no advisor:\n{seen}");
    // The advisor's line is the panel's last: its end shows at the end.
    let last = text_of(lines.last().unwrap());
    assert!(end.contains(&last), "`{last}` not at the end:\n{end}");
}

#[test]
fn every_move_of_every_dashboard_reads_whole_by_scrolling() {
    // Not only the longest: no move's panel is ever cut for good.
    for game in dashboards().into_iter().step_by(3) {
        let mut app = App::resume(game).with_advisor(true);
        for m in MoveId::ALL {
            highlight(&mut app, *m);
            let (width, _) = detail_size(&app);
            let lines = dashboard::detail_lines(&app, width);
            let (seen, _) = scroll_through(&mut app, KeyCode::PageDown, 20);
            if let Some(missing) = first_missing(&lines, &seen) {
                panic!(
                    "turn {}, {m:?}: `{missing}` never shown",
                    app.game.state.turn
                );
            }
        }
    }
}

// ------------------------------------------------------------- turn report

/// Rows the story part of a report takes at 80 columns (what happened, in
/// words: the responses with their reasons, the event, the ending).
fn story_rows(report: &TurnReport, game: &Game) -> usize {
    let width = usize::from(W) - 2;
    let rows = |text: &str, indent: usize| view::wrap(text, width - indent).len();
    let rules = &game.rules;
    let mut n = 1;
    for r in &report.responses {
        n += rows(&rules.response_def(r.response).name, 0) + rows(&r.reason, 2);
    }
    if let Some(e) = &report.event {
        n += rows(&e.title, 0) + rows(&e.text, 2);
    }
    n += usize::from(report.leverage_lost_now) + usize::from(report.outcome.is_some());
    n
}

/// Scripted games of the default scenario for the search: each move
/// played every quarter, and the moves in two orders.
fn scripts() -> Vec<Vec<MoveId>> {
    let rules = content().rules(DEFAULT_SCENARIO, None).unwrap();
    let quarters = rules.scenario.horizon as usize;
    let mut scripts: Vec<Vec<MoveId>> = MoveId::ALL.iter().map(|m| vec![*m; quarters]).collect();
    scripts.push(
        (0..quarters)
            .map(|i| MoveId::ALL[i % MoveId::COUNT])
            .collect(),
    );
    scripts.push(
        (0..quarters)
            .map(|i| MoveId::ALL[(3 * i + 1) % MoveId::COUNT])
            .collect(),
    );
    scripts
}

/// Among seeds 1..50 and the scripts, the turn whose report has the most
/// to say (most rows of story; the first of equals): the game before that
/// turn, and the move played in it.
fn fullest_report() -> (Game, MoveId, TurnReport) {
    let mut best: Option<(usize, u64, Vec<MoveId>, TurnReport)> = None;
    for seed in 1..50 {
        for script in scripts() {
            let game = game_after(seed, &script);
            for (i, report) in game.reports.iter().enumerate() {
                let n = story_rows(report, &game);
                if best.as_ref().is_none_or(|(b, ..)| n > *b) {
                    best = Some((n, seed, script[..=i].to_vec(), report.clone()));
                }
            }
        }
    }
    let (_, seed, moves, report) = best.unwrap();
    let (last, before) = moves.split_last().unwrap();
    (game_after(seed, before), *last, report)
}

#[test]
fn turn_report_fullest_turn() {
    let (before, m, expected) = fullest_report();
    assert!(
        expected.responses.len() >= 2 || expected.event.is_some(),
        "no turn found with two responses or an event"
    );
    let mut app = App::resume(before);
    play(&mut app, m);
    assert_eq!(app.screen, Screen::Report);
    assert_eq!(app.last_report(), Some(&expected));
    let top = screen(&app);
    // The story comes first: Beijing's answers and any event show at once.
    let rules = app.rules();
    let first_row = |text: &str| view::wrap(text, usize::from(W) - 4).remove(0);
    for r in &expected.responses {
        let name = &rules.response_def(r.response).name;
        assert!(top.contains(&format!("Beijing: {name}")), "{name}:\n{top}");
        let reason = first_row(&format!("“{}”", r.reason));
        assert!(top.contains(&reason), "`{reason}`:\n{top}");
    }
    if let Some(e) = &expected.event {
        assert!(top.contains(&e.title), "{}:\n{top}", e.title);
        let text = first_row(&e.text);
        assert!(top.contains(&text), "`{text}`:\n{top}");
    }
    let hint = if app.game.is_over() {
        strings::REPORT_OVER
    } else {
        strings::REPORT_CONTINUE
    };
    assert!(top.contains(hint), "{top}");
    insta::assert_snapshot!("turn_report_fullest_turn_top", top);

    // The gauges' changes below scroll into view, to the last gauge.
    let (seen, end) = scroll_through(&mut app, KeyCode::Down, 200);
    let last_gauge =
        chokepoints::describe::gauge_label(*chokepoints::engine::Gauge::ALL.last().unwrap());
    assert!(end.contains(last_gauge), "{end}");
    for g in chokepoints::engine::Gauge::ALL {
        let label = chokepoints::describe::gauge_label(*g);
        assert!(seen.contains(label), "{label} never shown");
    }
    insta::assert_snapshot!("turn_report_fullest_turn_end", end);
}

// ----------------------------------------------------------------- debrief

#[test]
fn debrief_reviewed_top_and_end() {
    let mut app = finished().with_review(review_rules());
    review_now(&mut app);
    let top = screen(&app);
    assert!(top.contains("Outcome"), "{top}");
    assert!(top.contains("Decision quality"), "{top}");
    insta::assert_snapshot!("debrief_reviewed_top", top);
    let (seen, end) = scroll_through(&mut app, KeyCode::PageDown, 50);
    for part in [
        "Decision review",
        "The costliest decisions",
        "Every quarter",
        "Turning points",
        "Questions for discussion",
        strings::DEBRIEF_KEYS_HINT,
    ] {
        assert!(seen.contains(part), "`{part}` never shown:\n{seen}");
    }
    assert!(end.contains(strings::DEBRIEF_KEYS_HINT), "{end}");
    // End goes to the same place.
    press(&mut app, &[key(KeyCode::Home), key(KeyCode::End)]);
    assert_eq!(screen(&app), end);
    insta::assert_snapshot!("debrief_reviewed_end", end);
}

// ---------------------------------------------------------------- hot seat

/// A hot-seat game of `scenario`: Ana plays Washington, Team Red Beijing.
fn hot_seat(scenario: &str) -> App {
    app_for(scenario).with_hot_seat(HotSeat::new(&chokepoints::save::Players {
        us: Some("Ana".to_string()),
        china: Some("Team Red".to_string()),
    }))
}

/// The scenario whose Beijing briefing is longest.
fn longest_china_briefing() -> String {
    longest_scenario(|app| {
        view::wrap(
            &chokepoints::play::hot_seat::china_briefing(app.rules()),
            usize::from(W) - 5,
        )
        .len()
    })
}

#[test]
fn hot_seat_pass_keyboard() {
    let mut app = hot_seat(&longest_china_briefing());
    press(&mut app, &[key(KeyCode::Enter)]);
    highlight(&mut app, MoveId::ALL[MoveId::COUNT - 1]);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::PassKeyboard(Side::China));
    let shown = screen(&app);
    assert!(
        shown.contains("Pass the keyboard to Team Red (Beijing)"),
        "{shown}"
    );
    assert!(shown.contains(strings::PASS_HIDDEN), "{shown}");
    assert!(shown.contains(strings::PASS_CONTINUE), "{shown}");
    let name = &app.rules().move_def(MoveId::ALL[MoveId::COUNT - 1]).name;
    assert!(!shown.contains(name.as_str()), "the move must stay hidden");
    insta::assert_snapshot!("hot_seat_pass_keyboard", shown);
}

#[test]
fn hot_seat_china_briefing_longest_scenario() {
    let mut app = hot_seat(&longest_china_briefing());
    press(
        &mut app,
        &[
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    assert_eq!(app.screen, Screen::ChinaBriefing);
    let shown = screen(&app);
    // Beijing's briefing does not scroll: all of it must fit.
    let text = chokepoints::play::hot_seat::china_briefing(app.rules());
    for line in view::wrap(&text, usize::from(W) - 5) {
        assert!(shown.contains(line.trim()), "`{line}` cut:\n{shown}");
    }
    assert!(shown.contains(strings::PASS_CONTINUE), "{shown}");
    insta::assert_snapshot!("hot_seat_china_briefing_longest_scenario", shown);
}

/// "About this response"'s width at 80×24: the left half.
const RESPONSE_WIDTH: usize = W as usize / 2;

/// Rows a response's "About this response" takes at 80×24.
fn response_rows(app: &App, r: ResponseId) -> usize {
    let width = RESPONSE_WIDTH;
    let def = app.rules().response_def(r);
    view::wrap(&def.summary, width).len()
        + 1
        + response_effects(app.rules(), &app.game.state, r)
            .iter()
            .map(|e| view::wrap(&e.marked(), width - 2).len())
            .sum::<usize>()
}

#[test]
fn hot_seat_china_turn_longest_response() {
    let mut app = hot_seat(&longest_china_briefing());
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::ChinaTurn);
    let longest = ResponseId::ALL
        .iter()
        .enumerate()
        .max_by_key(|(i, r)| (response_rows(&app, **r), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
        .unwrap();
    for _ in 0..longest {
        press(&mut app, &[ch('j')]);
    }
    let r = app.hot_seat.as_ref().unwrap().selected_response();
    assert_eq!(r, ResponseId::ALL[longest]);
    let shown = screen(&app);
    // The panel does not scroll: the whole summary and every effect fit.
    let def = app.rules().response_def(r);
    for line in view::wrap(&def.summary, RESPONSE_WIDTH) {
        assert!(shown.contains(line.trim()), "`{line}` cut:\n{shown}");
    }
    // Every response's effects fit too, each to its last word.
    for (i, other) in ResponseId::ALL.iter().enumerate() {
        app.hot_seat.as_mut().unwrap().selected = i;
        let shown = screen(&app);
        for effect in response_effects(app.rules(), &app.game.state, *other) {
            let effect = effect.marked();
            let head: String = effect.chars().take(30).collect();
            let tail = effect.split_whitespace().last().unwrap();
            assert!(shown.contains(head.trim()), "`{effect}` cut:\n{shown}");
            assert!(shown.contains(tail), "`{effect}` cut:\n{shown}");
        }
    }
    app.hot_seat.as_mut().unwrap().selected = longest;
    // And every response is listed.
    for (i, r) in ResponseId::ALL.iter().enumerate() {
        let name = &app.rules().response_def(*r).name;
        assert!(
            shown.contains(&format!("{:>2} {name}", i + 1)),
            "{name}:\n{shown}"
        );
    }
    insta::assert_snapshot!("hot_seat_china_turn_longest_response", shown);
}

// ---------------------------------------------------------------- overlays

/// An app on each screen help can open over, with the (screen, replay)
/// whose commands the help lists.
fn help_candidates() -> Vec<(Screen, bool, App)> {
    let mut out = Vec::new();
    let dash = two_turns_in();
    out.push((Screen::Dashboard, false, dash));
    let mut report = support::app();
    press(&mut report, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    out.push((Screen::Report, false, report));
    let done = finished();
    let game = done.game.clone();
    out.push((Screen::Debrief, false, done));
    let mut replay = App::replay(&game, "class-3.ron".to_string());
    press(&mut replay, &[key(KeyCode::Right)]);
    out.push((Screen::Dashboard, true, replay));
    let mut replay = App::replay(&game, "class-3.ron".to_string());
    press(&mut replay, &[key(KeyCode::Right), ch('r')]);
    out.push((Screen::Report, true, replay));
    let mut replay = App::replay(&game, "class-3.ron".to_string());
    press(&mut replay, &[key(KeyCode::End)]);
    out.push((Screen::Debrief, true, replay));
    let mut seat = hot_seat(DEFAULT_SCENARIO);
    press(&mut seat, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    out.push((Screen::PassKeyboard(Side::China), false, seat));
    let mut seat = hot_seat(DEFAULT_SCENARIO);
    press(
        &mut seat,
        &[
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    out.push((Screen::ChinaBriefing, false, seat));
    let mut seat = hot_seat(DEFAULT_SCENARIO);
    press(&mut seat, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    press(&mut seat, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    out.push((Screen::ChinaTurn, false, seat));
    for (s, replay, app) in &mut out {
        assert_eq!(app.screen, *s);
        assert_eq!(app.replay.is_some(), *replay);
        press(app, &[ch('?')]);
        assert_eq!(app.overlay, Some(Overlay::Help { scroll: 0 }), "{s:?}");
    }
    out
}

/// The commands the help lists over a screen.
fn help_lines(screen: Screen, replay: bool) -> Vec<&'static bindings::Command> {
    bindings::screen_commands(screen, replay)
        .iter()
        .filter(|c| c.in_help())
        .collect()
}

#[test]
fn help_overlay_longest() {
    let (s, replay, app) = help_candidates()
        .into_iter()
        .rev()
        .max_by_key(|(s, replay, _)| help_lines(*s, *replay).len())
        .unwrap();
    let shown = screen(&app);
    assert!(shown.contains(strings::HELP_TITLE.trim()), "{shown}");
    // The intro and the first commands show; see the ignored test below for
    // what is cut.
    let commands = help_lines(s, replay);
    assert!(shown.contains(commands[0].does), "{shown}");
    insta::assert_snapshot!("help_overlay_longest", shown);
}

/// The game with the most triggers for the intelligence panel to list
/// (among the report search's games), at its last quarter still in play.
fn most_triggers() -> Game {
    let width = usize::from(W) - 7;
    let rows = |g: &Game| -> usize {
        intel::triggers(&g.reports)
            .iter()
            .map(|t| {
                let name = &g.rules.response_def(t.response).name;
                view::wrap(&format!("turn {}: {name}. “{}”", t.turn, t.reason), width).len()
            })
            .sum()
    };
    let mut best: Option<(usize, Game)> = None;
    for seed in 1..50 {
        for script in scripts() {
            let mut game = game_after(seed, &script);
            if game.is_over() {
                let prefix = game.moves[..game.moves.len() - 1].to_vec();
                game = game_after(seed, &prefix);
            }
            let n = rows(&game);
            if best.as_ref().is_none_or(|(b, _)| n > *b) {
                best = Some((n, game));
            }
        }
    }
    best.unwrap().1
}

#[test]
fn intelligence_most_triggers_top_and_end() {
    let game = most_triggers();
    let triggers = intel::triggers(&game.reports);
    let mut app = App::resume(game);
    assert_eq!(app.screen, Screen::Dashboard);
    press(&mut app, &[ch('i')]);
    assert_eq!(app.overlay, Some(Overlay::Intel { scroll: 0 }));
    let top = screen(&app);
    assert!(top.contains(strings::INTEL_PRIORITIES), "{top}");
    assert!(top.contains(strings::MODEL_CARD_MORE), "{top}");
    insta::assert_snapshot!("intelligence_most_triggers_top", top);
    press(&mut app, &[key(KeyCode::End)]);
    let end = screen(&app);
    assert!(!end.contains(strings::MODEL_CARD_MORE), "{end}");
    let last = triggers.last().unwrap();
    let name = &app.rules().response_def(last.response).name;
    assert!(
        end.contains(&format!("turn {}: {name}", last.turn)),
        "{end}"
    );
    // Every trigger is reachable by scrolling.
    press(&mut app, &[key(KeyCode::Home)]);
    let (seen, _) = scroll_through(&mut app, KeyCode::Down, 200);
    for t in &triggers {
        let name = &app.rules().response_def(t.response).name;
        assert!(
            seen.contains(&format!("turn {}: {name}", t.turn)),
            "turn {} never shown",
            t.turn
        );
    }
    insta::assert_snapshot!("intelligence_most_triggers_end", end);
}

/// The model card's inner width at 80×24 (as `view::model_card::render`).
fn model_card_width() -> u16 {
    (W - 4).min(96) - 2 - 1
}

#[test]
fn model_card_longest_scenario_top_and_end() {
    let id = longest_scenario(|app| view::model_card::lines(app, model_card_width()).len());
    let mut app = app_for(&id);
    press(&mut app, &[key(KeyCode::Enter), ch('m')]);
    assert!(matches!(app.overlay, Some(Overlay::ModelCard { .. })));
    let lines = view::model_card::lines(&app, model_card_width());
    let top = screen(&app);
    assert!(top.contains(strings::MODEL_CARD_ASSUMES), "{top}");
    assert!(top.contains(strings::MODEL_CARD_MORE), "{top}");
    insta::assert_snapshot!("model_card_longest_scenario_top", top);
    let (seen, _) = scroll_through(&mut app, KeyCode::Down, 200);
    if let Some(missing) = first_missing(&lines, &seen) {
        panic!("`{missing}` never shown:\n{seen}");
    }
    press(&mut app, &[key(KeyCode::End)]);
    let end = screen(&app);
    assert!(!end.contains(strings::MODEL_CARD_MORE), "{end}");
    let last = text_of(lines.last().unwrap());
    assert!(end.contains(&last), "`{last}`:\n{end}");
    insta::assert_snapshot!("model_card_longest_scenario_end", end);
}

#[test]
fn chart_longest_history() {
    // The longest history: the last quarter in play of the longest scenario,
    // with a third gauge added.
    let id = longest_scenario(|app| app.rules().scenario.horizon as usize);
    let mut app = app_for(&id);
    press(&mut app, &[key(KeyCode::Enter)]);
    while app.game.state.turn + 1 < app.rules().scenario.horizon && !app.game.is_over() {
        play(&mut app, MoveId::ALL[0]);
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    assert_eq!(app.screen, Screen::Dashboard);
    press(&mut app, &[ch('c'), ch('g')]);
    assert_eq!(app.overlay, Some(Overlay::Chart));
    assert!(app.chart_extra.is_some());
    let shown = screen(&app);
    for g in [
        chokepoints::engine::Gauge::ComputeLead,
        chokepoints::engine::Gauge::UsLeverage,
        app.chart_extra.unwrap(),
    ] {
        let label = chokepoints::describe::gauge_label(g);
        assert!(shown.contains(label), "{label}:\n{shown}");
    }
    insta::assert_snapshot!("chart_longest_history", shown);
}

#[test]
fn confirm_move_longest_warning() {
    let mut app = two_turns_in();
    app.game
        .state
        .set(chokepoints::engine::Stock::Tension, 92.0);
    // New forecasts for the doctored position: play nothing, just rebuild.
    let mut app = App::resume(app.game.clone());
    let (m, text) = MoveId::ALL
        .iter()
        .rev()
        .filter_map(|m| {
            app.warning_for(*m).map(|w| {
                (
                    *m,
                    format!("{}: {}", app.rules().move_def(*m).name, w.text()),
                )
            })
        })
        .max_by_key(|(_, t)| t.chars().count())
        .expect("some move warns at tension 92");
    highlight(&mut app, m);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        matches!(app.overlay, Some(Overlay::ConfirmMove { move_id, .. }) if move_id == m),
        "{:?}",
        app.overlay
    );
    let shown = screen(&app);
    // The whole warning, then the question.
    for line in view::wrap(&text, 64 - 4 - 1) {
        assert!(shown.contains(line.trim()), "`{line}` cut:\n{shown}");
    }
    assert!(shown.contains(strings::CONFIRM_MOVE_PROMPT), "{shown}");
    insta::assert_snapshot!("confirm_move_longest_warning", shown);
}

#[test]
fn confirm_quit() {
    let mut app = two_turns_in();
    press(&mut app, &[ch('q')]);
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    let shown = screen(&app);
    assert!(shown.contains(strings::CONFIRM_QUIT_TEXT), "{shown}");
    assert!(shown.contains(strings::CONFIRM_QUIT_PROMPT), "{shown}");
    insta::assert_snapshot!("confirm_quit", shown);
}

/// A game saving into `dir`, one quarter in, without autosave.
fn saving_app(dir: &Path) -> App {
    let mut app = support::app_saving_to(dir);
    app.saves.as_mut().unwrap().autosave = false;
    press(&mut app, &[key(KeyCode::Enter)]);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    app
}

#[test]
fn save_prompt_longest() {
    // The longest name the prompt takes and the longest note under it.
    let max = chokepoints::tui::app::PROMPT_MAX_CHARS;
    let note = |input: &str| match chokepoints::save::sanitize_name(input) {
        Ok(file) => file,
        Err(e) => e.to_string(),
    };
    let candidates = [
        String::new(),
        "../x".to_string(),
        "a/b".to_string(),
        "x".repeat(max),
        "!".repeat(max),
        ".".repeat(max),
    ];
    let input = candidates
        .iter()
        .max_by_key(|i| i.chars().count() + note(i).chars().count())
        .unwrap()
        .clone();
    let mut app = saving_app(Path::new("saves"));
    press(&mut app, &[ch('s'), ctrl('u')]);
    type_text(&mut app, &input);
    let Some(Overlay::SavePrompt(prompt)) = &app.overlay else {
        panic!("no prompt: {:?}", app.overlay);
    };
    assert_eq!(prompt.input, input);
    let shown = screen(&app);
    let note = note(&input);
    for line in view::wrap(&note, 72 - 4 - 1) {
        assert!(shown.contains(line.trim()), "`{line}` cut:\n{shown}");
    }
    assert!(shown.contains(strings::SAVE_HINT), "{shown}");
    // A long name shows its end, where the typing happens.
    let tail: String = input.chars().rev().take(20).collect();
    assert!(shown.contains(&tail), "{shown}");
    insta::assert_snapshot!("save_prompt_longest", shown);
}

#[test]
fn confirm_overwrite_longest_name() {
    let max = chokepoints::tui::app::PROMPT_MAX_CHARS;
    let name = "x".repeat(max);
    let file = chokepoints::save::sanitize_name(&name).unwrap();
    let dir = support::scratch("screens-overwrite");
    std::fs::write(dir.join(&file), "old").unwrap();
    let mut app = saving_app(&dir);
    press(&mut app, &[ch('s'), ctrl('u')]);
    type_text(&mut app, &name);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        app.overlay,
        Some(Overlay::ConfirmOverwrite {
            file_name: file.clone()
        })
    );
    let shown = screen(&app);
    let text = format!("Overwrite {file}? A save with this name already exists.");
    for line in view::wrap(&text, 64 - 4 - 1) {
        assert!(shown.contains(line.trim()), "`{line}` cut:\n{shown}");
    }
    assert!(shown.contains(strings::CONFIRM_OVERWRITE_PROMPT), "{shown}");
    insta::assert_snapshot!("confirm_overwrite_longest_name", shown);
}

/// A saves folder with `n` saves (newest first: class-1, class-2, …) and a
/// broken file, oldest; file times fixed.
fn saves_folder(name: &str, n: usize) -> std::path::PathBuf {
    use std::time::{Duration, SystemTime};
    let dir = support::scratch(name);
    let mut app = saving_app(&dir);
    for i in 1..=n {
        press(&mut app, &[ch('s'), ctrl('u')]);
        type_text(&mut app, &format!("class-{i}"));
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    std::fs::write(dir.join("broken.ron"), "(format: 1, turns: [").unwrap();
    let mut names: Vec<String> = (1..=n).map(|i| format!("class-{i}.ron")).collect();
    names.push("broken.ron".to_string());
    for (age, name) in names.iter().enumerate() {
        let file = std::fs::File::options()
            .write(true)
            .open(dir.join(name))
            .unwrap();
        file.set_modified(
            SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000 - 10 * age as u64),
        )
        .unwrap();
    }
    dir
}

#[test]
fn load_picker_with_a_broken_file() {
    let dir = saves_folder("screens-picker", 3);
    let mut app = saving_app(&dir);
    press(&mut app, &[ch('l')]);
    let Some(Overlay::LoadPicker(picker)) = &app.overlay else {
        panic!("no picker: {:?}", app.overlay);
    };
    assert_eq!(picker.entries.len(), 4);
    let shown = screen(&app);
    for i in 1..=3 {
        assert!(shown.contains(&format!("class-{i}.ron")), "{shown}");
    }
    assert!(shown.contains("broken.ron"), "{shown}");
    assert!(shown.contains("✗ not a valid save"), "{shown}");
    assert!(shown.contains(strings::LOAD_HINT), "{shown}");
    insta::assert_snapshot!("load_picker_with_a_broken_file", shown);
}

// ------------------------------------------------------------------ replay

#[test]
fn replay_mid_game_with_its_review_label() {
    let game = finished().game;
    let mut app = App::replay(&game, "class-3.ron".to_string()).with_review(review_rules());
    review_now(&mut app);
    // The mid-game turn whose "About this move" is longest.
    let last = app.replay.as_ref().unwrap().last();
    let mut best = (0, 1);
    for turn in 1..last {
        let mut probe = App::replay(&game, "class-3.ron".to_string());
        probe.review = app.review.clone();
        for _ in 0..turn {
            press(&mut probe, &[key(KeyCode::Right)]);
        }
        let (width, _) = detail_size(&probe);
        let n = dashboard::detail_lines(&probe, width).len();
        if n > best.0 {
            best = (n, turn);
        }
    }
    for _ in 0..best.1 {
        press(&mut app, &[key(KeyCode::Right)]);
    }
    assert_eq!(app.screen, Screen::Dashboard);
    let shown = screen(&app);
    assert!(shown.contains("Decision review: "), "{shown}");
    let labels = ["best", "good", "questionable", "costly", "very costly"];
    assert!(
        labels
            .iter()
            .any(|l| shown.contains(&format!("review: {l}"))),
        "{shown}"
    );
    // The replay viewer cannot scroll "About this move": it must fit.
    let (width, _) = detail_size(&app);
    let lines = dashboard::detail_lines(&app, width);
    if let Some(missing) = first_missing(&lines, &shown) {
        panic!("`{missing}` cut:\n{shown}");
    }
    assert!(!says_more_below(&shown), "{shown}");
    insta::assert_snapshot!("replay_mid_game_with_its_review_label", shown);
}

// ------------------------------------- what once was cut at 80×24, now reachable

#[test]
fn help_shows_every_key_at_80x24_by_scrolling() {
    let mut cut = Vec::new();
    for (s, replay, mut app) in help_candidates() {
        let (shown, _) = scroll_through(&mut app, KeyCode::Down, 30);
        for c in help_lines(s, replay) {
            if !shown.contains(c.does) {
                cut.push(format!("{s:?} (replay: {replay}): `{} {}`", c.keys, c.does));
            }
        }
        if !shown.contains("revealed") {
            cut.push(format!("{s:?} (replay: {replay}): the closing note"));
        }
    }
    assert!(cut.is_empty(), "cut from the help:\n{}", cut.join("\n"));
}

#[test]
fn load_picker_shows_every_column_and_reason_at_80x24() {
    let dir = saves_folder("screens-picker-columns", 3);
    let mut app = saving_app(&dir);
    press(&mut app, &[ch('l')]);
    let Some(Overlay::LoadPicker(picker)) = app.overlay.clone() else {
        panic!("no picker: {:?}", app.overlay);
    };
    let shown = screen(&app);
    let mut cut = Vec::new();
    for header in ["Played", "Score", "Grade"] {
        if !shown.contains(header) {
            cut.push(format!("the `{header}` heading"));
        }
    }
    for entry in &picker.entries {
        let row = shown
            .lines()
            .find(|l| l.contains(&entry.name))
            .unwrap_or_else(|| panic!("{} not listed:\n{shown}", entry.name));
        match &entry.info {
            Ok(info) => {
                let played = format!("{}/{}", info.turn, info.horizon);
                let score = format!("{:.1}", info.score);
                let grade = format!(" {}", info.grade.letter());
                for (what, text) in [("played", played), ("score", score), ("grade", grade)] {
                    if !row.contains(&text) {
                        cut.push(format!("{}: {what} `{}`", entry.name, text.trim()));
                    }
                }
            }
            Err(_) => assert!(row.contains('✗'), "{row}"),
        }
    }
    assert!(
        cut.is_empty(),
        "cut from the picker:\n{}\n{shown}",
        cut.join("\n")
    );
    // A file that cannot be loaded can be highlighted, and then its whole
    // reason shows under the list.
    let broken = picker
        .entries
        .iter()
        .position(|e| e.info.is_err())
        .expect("a broken file");
    press(&mut app, &[key(KeyCode::Home)]);
    for _ in 0..broken {
        press(&mut app, &[key(KeyCode::Down)]);
    }
    let shown = screen(&app);
    let Err(reason) = &picker.entries[broken].info else {
        unreachable!()
    };
    let flat: String = shown
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '"' || c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    for word in reason.split_whitespace() {
        assert!(
            flat.contains(word),
            "`{word}` of `{reason}` not shown:\n{shown}"
        );
    }
}

#[test]
fn load_picker_reaches_a_broken_file_after_many_saves() {
    let dir = saves_folder("screens-picker-many", 24);
    let mut app = saving_app(&dir);
    press(&mut app, &[ch('l')]);
    let (seen, _) = scroll_through(&mut app, KeyCode::Down, 40);
    assert!(seen.contains("class-24.ron"), "{seen}");
    assert!(seen.contains("broken.ron"), "never shown:\n{seen}");
}
