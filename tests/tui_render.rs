//! Snapshot tests of every screen, rendered into ratatui's `TestBackend`.
//! The numbers come from the content in assets/, which is still being
//! tuned: when it changes, review and accept the new snapshots
//! (`cargo insta review`, or INSTA_UPDATE=always).

mod support;

use chokepoints::tui::app::Screen;
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use support::{app, ch, key, press, render};

/// Briefing dismissed, then two quarters played (license, then coordinate
/// with allies) and back on the dashboard.
fn two_turns_in() -> chokepoints::tui::app::App {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    for _ in 0..7 {
        press(&mut app, &[ch('j')]);
    }
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Dashboard);
    app
}

#[test]
fn briefing() {
    insta::assert_snapshot!(render(&app(), 80, 24));
}

#[test]
fn dashboard_80x24() {
    insta::assert_snapshot!(render(&two_turns_in(), 80, 24));
}

#[test]
fn dashboard_160x48() {
    insta::assert_snapshot!(render(&two_turns_in(), 160, 48));
}

#[test]
fn turn_report_80x24() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    press(&mut app, &[ch('j'), ch('j'), ch('j'), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Report);
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn turn_report_160x48() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    press(&mut app, &[ch('j'), ch('j'), ch('j'), key(KeyCode::Enter)]);
    insta::assert_snapshot!(render(&app, 160, 48));
}

#[test]
fn help_overlay() {
    let mut app = two_turns_in();
    press(&mut app, &[ch('?')]);
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn intelligence_panel() {
    let mut app = two_turns_in();
    press(&mut app, &[ch('i')]);
    insta::assert_snapshot!(render(&app, 100, 30));
}

#[test]
fn escalation_warning() {
    let mut app = two_turns_in();
    press(&mut app, &[key(KeyCode::Home)]);
    for _ in 0..5 {
        press(&mut app, &[ch('j')]);
    }
    press(&mut app, &[key(KeyCode::Enter)]);
    insta::assert_snapshot!(render(&app, 80, 24));
}

/// Everything "About this move" holds for the highlighted move at 80×24,
/// read by scrolling it with PgDn to its end (the panel says when there is
/// more); the screens seen on the way, joined.
fn read_whole_detail(app: &mut chokepoints::tui::app::App) -> String {
    let mut seen = render(app, 80, 24);
    for _ in 0..12 {
        if !seen
            .lines()
            .any(|l| l.contains("more ↓") || l.contains("more ↕"))
        {
            break;
        }
        press(app, &[key(KeyCode::PageDown)]);
        let screen = render(app, 80, 24);
        let at_end = !screen.contains("more ↓") && !screen.contains("more ↕");
        seen.push_str(&screen);
        if at_end {
            break;
        }
    }
    seen
}

#[test]
fn every_move_shows_its_forecast_reply_risk_and_advice_at_80x24() {
    let mut app = two_turns_in();
    // The advisor's line is the last thing in the panel: the longest case.
    press(&mut app, &[ch('a'), key(KeyCode::Home)]);
    for i in 0..chokepoints::engine::MoveId::COUNT {
        let seen = read_whole_detail(&mut app);
        let m = i + 1;
        assert!(seen.contains("Mineral stress"), "{seen}");
        assert!(
            seen.contains("Risk: ") || seen.contains("⚠"),
            "move {m}:\n{seen}"
        );
        assert!(
            seen.contains("Vs holding") || seen.contains("Holding course, change"),
            "move {m}:\n{seen}"
        );
        assert!(seen.contains("Likely reply: "), "move {m}:\n{seen}");
        assert!(seen.contains("Assumes a"), "move {m}:\n{seen}");
        assert!(seen.contains("Advisor"), "move {m}:\n{seen}");
        // Back to the top before the next move: its panel starts there.
        press(&mut app, &[ch('j')]);
        let next = render(&app, 80, 24);
        assert!(
            !next.contains("PgUp/PgDn: more") && !next.contains("PgUp: more"),
            "{next}"
        );
    }
}

#[test]
fn the_full_blockade_states_its_crisis_risk_near_the_line() {
    let mut app = two_turns_in();
    app.game
        .state
        .set(chokepoints::engine::Stock::Tension, 92.0);
    // New forecasts for the doctored position: play nothing, just rebuild.
    let mut app = chokepoints::tui::app::App::resume(app.game.clone());
    press(&mut app, &[key(KeyCode::Home)]);
    for _ in 0..5 {
        press(&mut app, &[ch('j')]);
    }
    let seen = read_whole_detail(&mut app);
    assert!(seen.contains("Full blockade"), "{seen}");
    assert!(seen.contains("hard to undo"), "{seen}");
    assert!(seen.contains("simulated futures"), "{seen}");
}

#[test]
fn the_intelligence_panel_scrolls_to_its_end() {
    let mut app = two_turns_in();
    press(&mut app, &[ch('i')]);
    let top = render(&app, 80, 24);
    assert!(top.contains("scroll for more"), "{top}");
    assert!(!top.contains("U.S. mineral supply stress"), "{top}");
    press(&mut app, &[key(KeyCode::End)]);
    let end = render(&app, 80, 24);
    assert!(!end.contains("scroll for more"), "{end}");
    assert!(end.contains("turn 2: "), "{end}");
}

#[test]
fn chart_full_screen() {
    let mut app = two_turns_in();
    press(&mut app, &[ch('c'), ch('g')]);
    insta::assert_snapshot!(render(&app, 80, 24));
}

fn finished() -> chokepoints::tui::app::App {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    while app.screen != Screen::Debrief {
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    app
}

#[test]
fn debrief_80x24() {
    insta::assert_snapshot!(render(&finished(), 80, 24));
}

#[test]
fn debrief_160x48() {
    insta::assert_snapshot!(render(&finished(), 160, 48));
}

#[test]
fn terminal_too_small() {
    insta::assert_snapshot!(render(&two_turns_in(), 60, 20));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any size draws without a panic, on every screen and overlay.
    #[test]
    fn any_size_draws(width in 0u16..260, height in 0u16..90, overlay in 0usize..5) {
        let mut app = two_turns_in();
        match overlay {
            1 => press(&mut app, &[ch('?')]),
            2 => press(&mut app, &[ch('i')]),
            3 => press(&mut app, &[ch('c')]),
            4 => press(&mut app, &[ch('q')]),
            _ => {}
        }
        support::draw(&app, width, height);
        let done = finished();
        support::draw(&done, width, height);
        let mut report = support::app();
        press(&mut report, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
        support::draw(&report, width, height);
        support::draw(&support::app(), width, height);
    }
}

/// A game saving into `dir`, one quarter in, without autosave; the prompt
/// shows the folder, so snapshots that show it use a fixed relative path
/// and must write nothing there.
fn saving_app(dir: &std::path::Path) -> chokepoints::tui::app::App {
    let mut app = support::app_saving_to(dir);
    app.saves.as_mut().unwrap().autosave = false;
    press(&mut app, &[key(KeyCode::Enter)]);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    app
}

#[test]
fn save_prompt() {
    let mut app = saving_app(std::path::Path::new("saves"));
    press(&mut app, &[ch('s')]);
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn save_prompt_refuses_a_path() {
    let mut app = saving_app(std::path::Path::new("saves"));
    press(&mut app, &[ch('s'), support::ctrl('u')]);
    support::type_text(&mut app, "../x");
    press(&mut app, &[key(KeyCode::Enter)]);
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn overwrite_confirmation() {
    let dir = support::scratch("render-overwrite");
    std::fs::write(dir.join("mine.ron"), "old").unwrap();
    let mut app = saving_app(&dir);
    press(&mut app, &[ch('s'), support::ctrl('u')]);
    support::type_text(&mut app, "mine");
    press(&mut app, &[key(KeyCode::Enter)]);
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn load_picker_with_a_broken_file() {
    use std::time::{Duration, SystemTime};
    let dir = support::scratch("render-picker");
    let mut app = saving_app(&dir);
    press(&mut app, &[ch('s'), support::ctrl('u')]);
    support::type_text(&mut app, "class-3");
    press(&mut app, &[key(KeyCode::Enter)]);
    std::fs::write(dir.join("broken.ron"), "(format: 1, turns: [").unwrap();
    // Fixed times, newest first: class-3, then broken.
    for (name, age) in [("class-3.ron", 10), ("broken.ron", 20)] {
        let file = std::fs::File::options()
            .write(true)
            .open(dir.join(name))
            .unwrap();
        file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000 - age))
            .unwrap();
    }
    press(&mut app, &[ch('l')]);
    insta::assert_snapshot!(render(&app, 100, 24));
}

fn replay_app() -> chokepoints::tui::app::App {
    let game = finished().game;
    chokepoints::tui::app::App::replay(&game, "class-3.ron".to_string())
}

#[test]
fn replay_turn_0() {
    insta::assert_snapshot!(render(&replay_app(), 100, 30));
}

#[test]
fn replay_mid_game() {
    let mut app = replay_app();
    for _ in 0..4 {
        press(&mut app, &[key(KeyCode::Right)]);
    }
    insta::assert_snapshot!(render(&app, 160, 48));
}

#[test]
fn replay_turn_report() {
    let mut app = replay_app();
    press(
        &mut app,
        &[key(KeyCode::Right), key(KeyCode::Right), ch('r')],
    );
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn replay_debrief() {
    let mut app = replay_app();
    press(&mut app, &[key(KeyCode::End)]);
    insta::assert_snapshot!(render(&app, 80, 24));
}

/// Runs the app's due review here, as the shell would on its own thread.
fn review_now(app: &mut chokepoints::tui::app::App) {
    let job = app.review_job().expect("a review is due");
    let mut updates = Vec::new();
    job.run(|u| updates.push(u));
    for u in updates {
        app.on_review(u);
    }
}

fn review_rules() -> std::sync::Arc<chokepoints::sim::review::ReviewRules> {
    std::sync::Arc::new(
        chokepoints::content::Content::builtin()
            .unwrap()
            .review
            .clone(),
    )
}

#[test]
fn the_debrief_shows_progress_then_the_review_questions_and_the_last_quarter() {
    let mut app = finished().with_review(review_rules());
    // Asked for once the game is over, and shown while it runs.
    let job = app.review_job().expect("due at the debrief");
    assert!(app.review_job().is_none(), "started once");
    let waiting = render(&app, 80, 24);
    assert!(waiting.contains("Reviewing your decisions"), "{waiting}");
    assert!(waiting.contains("0 of 16 quarters"), "{waiting}");
    let mut updates = Vec::new();
    job.run(|u| updates.push(u));
    assert_eq!(
        updates.len(),
        17,
        "a progress note per quarter, then the review"
    );
    for u in updates {
        app.on_review(u);
    }
    insta::assert_snapshot!("debrief_reviewed_80x24", render(&app, 80, 24));
    let mut seen = String::new();
    for _ in 0..12 {
        seen.push_str(&render(&app, 80, 24));
        press(&mut app, &[key(KeyCode::PageDown)]);
    }
    for part in [
        "The quarter that ended the game",
        "Decision quality",
        "The costliest decisions",
        "preferred",
        "Every quarter",
        "Questions for discussion",
        "5. ",
    ] {
        assert!(seen.contains(part), "`{part}` missing:\n{seen}");
    }
}

#[test]
fn a_review_for_another_game_is_dropped() {
    let mut app = finished().with_review(review_rules());
    let job = app.review_job().expect("due");
    let mut updates = Vec::new();
    job.run(|u| updates.push(u));
    // The player started a new game before the review came back.
    press(&mut app, &[ch('n')]);
    let mut fresh = app;
    for u in updates {
        fresh.on_review(u);
    }
    assert!(fresh.decision_review().is_none());
}

#[test]
fn the_replay_viewer_labels_every_turn() {
    let mut app = replay_app().with_review(review_rules());
    let waiting = render(&app, 80, 24);
    review_now(&mut app);
    assert_ne!(waiting, render(&app, 80, 24));
    let labels = ["best", "good", "questionable", "costly", "very costly"];
    for turn in 0..3 {
        let screen = render(&app, 80, 24);
        assert!(
            screen.contains("Decision review: "),
            "turn {turn}:\n{screen}"
        );
        assert!(
            labels
                .iter()
                .any(|l| screen.contains(&format!("review: {l}"))),
            "turn {turn}:\n{screen}"
        );
        press(&mut app, &[key(KeyCode::Right), ch('r')]);
        let report = render(&app, 80, 24);
        assert!(report.contains("Decision review: "), "{report}");
        press(&mut app, &[ch('r')]);
    }
}

/// Many standing situations at 80×24: the policy panel lists them one row
/// each with the number of the move that answers it, gives way to the
/// short form of the policy and counts what does not fit, and the news
/// keeps its rows.
#[test]
fn standing_situations_fit_at_80x24() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    let lasting: Vec<usize> = (0..app.game.rules.events.len())
        .filter(|i| app.game.rules.events[*i].lasting.is_some())
        .collect();
    let one = render(&app, 80, 24);
    assert!(one.contains("Export ceiling: H20-class"), "{one}");
    app.game.state.set_standing(lasting[0], 2);
    let shown = render(&app, 80, 24);
    let title = &app.game.rules.events[lasting[0]].title;
    let row = shown
        .lines()
        .find(|l| l.contains("⚑ 2q"))
        .unwrap_or_else(|| panic!("the situation is listed: {shown}"));
    let answer = app.game.rules.events[lasting[0]]
        .lasting
        .as_ref()
        .unwrap()
        .answered_by[0];
    assert!(row.contains(&format!("→ {}", answer.index() + 1)), "{row}");
    assert!(row.contains(&title[..8]), "{row}");
    assert!(shown.contains("News (newest first)"), "{shown}");
    for i in &lasting[1..5] {
        app.game.state.set_standing(*i, 3);
    }
    let crowded = render(&app, 80, 24);
    assert!(crowded.contains("Ceiling H20-class · Tools"), "{crowded}");
    assert!(crowded.contains("more standing"), "{crowded}");
    let news = crowded
        .lines()
        .position(|l| l.contains("News (newest first)"))
        .unwrap_or_else(|| panic!("the news keeps its title: {crowded}"));
    assert!(news <= 21, "the news keeps two rows: {crowded}");
}

/// A game whose doctrine is hidden (the hawk's), two quarters in.
fn hidden_two_turns_in() -> chokepoints::tui::app::App {
    let content = chokepoints::content::Content::builtin().unwrap();
    let rules = content
        .rules(
            chokepoints::content::DEFAULT_SCENARIO,
            Some("self-reliance-hawk"),
        )
        .unwrap()
        .hiding_doctrine(content.doctrines().to_vec());
    let mut app = chokepoints::tui::app::App::new(std::sync::Arc::new(rules), support::SEED);
    press(&mut app, &[key(KeyCode::Enter)]);
    // Ban downgraded chips (4), then coordinate with allies (8).
    press(
        &mut app,
        &[ch('4'), key(KeyCode::Enter), key(KeyCode::Enter)],
    );
    press(
        &mut app,
        &[ch('8'), key(KeyCode::Enter), key(KeyCode::Enter)],
    );
    assert_eq!(app.screen, Screen::Dashboard);
    app
}

#[test]
fn a_hidden_doctrine_is_never_named_and_the_panel_shows_the_belief() {
    let mut app = hidden_two_turns_in();
    for (w, h) in [(80, 24), (160, 48)] {
        let screen = render(&app, w, h);
        assert!(screen.contains("doctrine hidden"), "{screen}");
        assert!(!screen.contains("Self-reliance hawk"), "{screen}");
    }
    press(&mut app, &[ch('i')]);
    let panel = render(&app, 100, 30);
    assert!(panel.contains("Doctrine: hidden"), "{panel}");
    for name in [
        "Pragmatist",
        "Self-reliance hawk",
        "Tit-for-tat",
        "Opportunist",
    ] {
        assert!(panel.contains(name), "{name} missing: {panel}");
    }
    assert!(panel.contains('%'), "{panel}");
    insta::assert_snapshot!(panel);
}

#[test]
fn a_new_game_after_a_hidden_one_hides_a_doctrine_drawn_afresh() {
    let mut app = hidden_two_turns_in();
    // Play on, saying yes to any confirmation, until the debrief.
    for _ in 0..200 {
        if app.screen == Screen::Debrief {
            break;
        }
        press(&mut app, &[key(KeyCode::Enter), ch('y')]);
    }
    assert_eq!(app.screen, Screen::Debrief);
    let debrief = render(&app, 80, 24);
    assert!(debrief.contains("China: doctrine hidden"), "{debrief}");
    press(&mut app, &[ch('n')]);
    assert!(app.rules().doctrine_hidden());
    assert_ne!(app.game.seed, support::SEED);
    let expected = app
        .rules()
        .clone()
        .drawing_doctrine(app.game.seed)
        .doctrine
        .id;
    assert_eq!(app.rules().doctrine.id, expected);
    assert!(render(&app, 80, 24).contains("doctrine hidden"));
}
