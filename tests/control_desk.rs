//! The control desk, driven as its shell drives it: events through
//! `control::keys` into `update`, the `ControlAction`s it asks for, and the
//! shell's answers through `Desk::show` and `Desk::notice`. Its keymap is
//! held to its declaration as the lobby's is, and its screens are drawn
//! at 80×24 and 120×40 (snapshots in tests/snapshots/control_desk__*.snap)
//! from games really played.

mod support;

use std::sync::Arc;

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::engine::{Game, MoveId, Rules, Side};
use chokepoints::save::Summary;
use chokepoints::tui::bindings::Command;
use chokepoints::tui::control::class::{
    ClassView, ControlAction, DeckEvent, LiveGame, Seat, Target,
};
use chokepoints::tui::control::keys::{on_event, on_paste};
use chokepoints::tui::control::{
    Desk, DeskMsg, DeskScreen, MESSAGE_MAX_CHARS, bindings, parse_timer, update,
};
use chokepoints::tui::style::Theme;
use chokepoints::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use support::keymap::{self, candidates, event};
use support::{ch, click, ctrl, key};

const AREA: Rect = Rect::new(0, 0, 80, 24);

fn rules() -> Arc<Rules> {
    let content = Content::builtin().unwrap();
    Arc::new(content.rules(DEFAULT_SCENARIO, Some("pragmatist")).unwrap())
}

/// A game really played: these moves, in turn, from this seed.
fn played(seed: u64, moves: &[MoveId]) -> Summary {
    let mut game = Game::new(rules(), seed);
    for m in moves {
        game.play(*m);
    }
    Summary::of(&game)
}

/// A game played to its end, holding course.
fn finished(seed: u64) -> Summary {
    let mut game = Game::new(rules(), seed);
    while !game.is_over() {
        game.play(MoveId::HoldCourse);
    }
    Summary::of(&game)
}

const FIVE: [MoveId; 5] = [
    MoveId::BuildCompute,
    MoveId::CoordinateAllies,
    MoveId::Enforcement,
    MoveId::SecureMinerals,
    MoveId::HoldCourse,
];

fn player(name: &str, connected: bool) -> Seat {
    Seat::Player {
        name: name.to_string(),
        connected,
        scripted: false,
    }
}

fn live(id: &str, seats: [Seat; 2], summary: Summary) -> LiveGame {
    LiveGame {
        id: id.to_string(),
        file: id.to_string(),
        code: None,
        seats,
        summary,
        quality: None,
        pending_injects: Vec::new(),
        messages: 0,
        time_left: None,
        chosen: Vec::new(),
    }
}

/// Ana against the computer, five quarters in, an inject waiting and a
/// minute and a half left on the timer.
fn solo() -> LiveGame {
    LiveGame {
        pending_injects: vec!["Taiwan earthquake".to_string()],
        messages: 1,
        time_left: Some(83),
        ..live(
            "ana-20261130-1402-s42.ron",
            [player("ana", true), Seat::Doctrine("Pragmatist".into())],
            played(42, &FIVE),
        )
    }
}

/// Ben (Washington) against Cy (Beijing), who has dropped out; Ben has
/// chosen and waits.
fn match_with_one_away() -> LiveGame {
    LiveGame {
        code: Some("K7P2QX".to_string()),
        chosen: vec![Side::Us],
        time_left: Some(41),
        ..live(
            "ben-20261130-1405-s7.ron",
            [player("ben", true), player("cy", false)],
            played(7, &FIVE),
        )
    }
}

/// Dee's game, over and reviewed.
fn reviewed() -> LiveGame {
    LiveGame {
        quality: Some("Decision quality 78/100".to_string()),
        messages: 2,
        ..live(
            "dee-20261130-1350-s3.ron",
            [player("dee", false), Seat::Doctrine("Pragmatist".into())],
            finished(3),
        )
    }
}

/// Eve's match, before anyone has joined as Beijing.
fn open_match() -> LiveGame {
    LiveGame {
        code: Some("Q4W8RT".to_string()),
        ..live(
            "eve-20261130-1410-s9.ron",
            [player("eve", true), Seat::Open],
            played(9, &[]),
        )
    }
}

fn deck() -> Vec<DeckEvent> {
    rules()
        .events
        .iter()
        .map(|e| DeckEvent {
            id: e.id.clone(),
            title: e.title.clone(),
            text: e.text.clone(),
        })
        .collect()
}

/// The class: paused, with a two-minute timer; newest game first.
fn class() -> ClassView {
    ClassView {
        games: vec![open_match(), solo(), match_with_one_away(), reviewed()],
        paused: true,
        timer: Some(120),
        players: 4,
        wrong_codes: 0,
        save_failures: 0,
        deck: deck(),
    }
}

fn running_class() -> ClassView {
    ClassView {
        paused: false,
        timer: None,
        ..class()
    }
}

fn desk_with(class: ClassView) -> Desk {
    let mut desk = Desk::new(Theme::default());
    desk.show(class);
    desk
}

fn desk() -> Desk {
    desk_with(class())
}

fn id(desk: &Desk) -> &str {
    desk.selected_game().map_or("", |g| g.id.as_str())
}

/// One event through the keymap and the update function, as the shell
/// feeds them; what the desk asks the shell to do.
fn send(desk: &mut Desk, event: Event) -> Option<ControlAction> {
    on_event(desk, &event, AREA).and_then(|msg| update(desk, msg))
}

fn press(desk: &mut Desk, events: &[Event]) -> Vec<ControlAction> {
    events
        .iter()
        .filter_map(|e| send(desk, e.clone()))
        .collect()
}

fn type_text(desk: &mut Desk, text: &str) {
    for c in text.chars() {
        assert_eq!(send(desk, ch(c)), None, "typing {c:?}");
    }
}

fn enter() -> Event {
    key(KeyCode::Enter)
}

fn esc() -> Event {
    key(KeyCode::Esc)
}

fn down() -> Event {
    key(KeyCode::Down)
}

fn status(desk: &Desk) -> Option<&str> {
    desk.status.as_ref().map(|s| s.text.as_str())
}

fn prompt_error(desk: &Desk) -> Option<&str> {
    desk.prompt().and_then(|p| p.error.as_deref())
}

fn input(desk: &Desk) -> &str {
    desk.prompt().map_or("", |p| p.input.as_str())
}

/// Each text is somewhere on the screen.
fn assert_shows(screen: &str, texts: &[&str]) {
    for text in texts {
        assert!(screen.contains(text), "`{text}` in\n{screen}");
    }
}

fn render(desk: &Desk, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::control::view(desk, f)).unwrap();
    terminal.backend().to_string()
}

/// Selects the game with this id by pressing ↓.
fn select(desk: &mut Desk, game: &str) {
    send(desk, key(KeyCode::Home));
    while id(desk) != game {
        let before = desk.selected;
        send(desk, down());
        assert_ne!(desk.selected, before, "{game} is not in the class");
    }
}

// Selection.

#[test]
fn a_new_desk_has_an_empty_class_on_its_table() {
    let desk = Desk::new(Theme::default());
    assert_eq!(desk.class, ClassView::default());
    assert_eq!(desk.screen, DeskScreen::Table);
    assert_eq!(desk.selected_game(), None);
    assert!(desk.running);
}

#[test]
fn the_selection_stays_on_the_same_game_as_games_start_and_end() {
    let mut desk = desk();
    select(&mut desk, "ben-20261130-1405-s7.ron");
    assert_eq!(desk.selected, 2);

    // A new game starts (newest first): Ben's match moves down a row.
    let mut newer = class();
    let mut fay = open_match();
    fay.id = "fay-20261130-1420-s1.ron".to_string();
    newer.games.insert(0, fay);
    desk.show(newer.clone());
    assert_eq!(id(&desk), "ben-20261130-1405-s7.ron");
    assert_eq!(desk.selected, 3);

    // Two games above it end and leave: it moves up.
    newer
        .games
        .retain(|g| !g.id.starts_with("fay") && !g.id.starts_with("ana"));
    desk.show(newer.clone());
    assert_eq!(id(&desk), "ben-20261130-1405-s7.ron");
    assert_eq!(desk.selected, 1);

    // Ben's match itself leaves: the selection stays in place, on the
    // game now there, and never past the end.
    newer.games.retain(|g| !g.id.starts_with("ben"));
    desk.show(newer.clone());
    assert_eq!(id(&desk), "dee-20261130-1350-s3.ron");
    newer.games.truncate(1);
    desk.show(newer);
    assert_eq!(id(&desk), "eve-20261130-1410-s9.ron");
    desk.show(ClassView::default());
    assert_eq!(desk.selected_game(), None);
}

#[test]
fn the_selection_moves_by_one_a_page_or_to_either_end_and_stops_there() {
    let mut desk = desk();
    assert_eq!(desk.selected, 0);
    send(&mut desk, key(KeyCode::Up));
    assert_eq!(desk.selected, 0, "the top stops it");
    send(&mut desk, ch('j'));
    assert_eq!(desk.selected, 1);
    send(&mut desk, ch('k'));
    assert_eq!(desk.selected, 0);
    send(&mut desk, key(KeyCode::End));
    assert_eq!(desk.selected, 3);
    send(&mut desk, down());
    assert_eq!(desk.selected, 3, "the bottom stops it");
    send(&mut desk, key(KeyCode::Home));
    assert_eq!(desk.selected, 0);
    send(&mut desk, key(KeyCode::PageDown));
    assert_eq!(desk.selected, 3, "a page down, stopped at the last game");
    send(&mut desk, key(KeyCode::PageUp));
    assert_eq!(desk.selected, 0);
}

#[test]
fn a_click_selects_the_game_under_it_and_the_wheel_moves_the_selection() {
    let mut desk = desk();
    let screen = render(&desk, 80, 24);
    let row = screen
        .lines()
        .position(|l| l.contains("ben vs cy"))
        .expect("Ben's match is listed") as u16;
    assert_eq!(
        on_event(&desk, &click(20, row), AREA),
        Some(DeskMsg::Highlight(2))
    );
    send(&mut desk, click(20, row));
    assert_eq!(id(&desk), "ben-20261130-1405-s7.ron");
    assert_eq!(on_event(&desk, &click(20, 0), AREA), None, "the header");
    let wheel = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 10,
            row: 5,
            modifiers: KeyModifiers::NONE,
        })
    };
    send(&mut desk, wheel(MouseEventKind::ScrollDown));
    assert_eq!(desk.selected, 3);
    send(&mut desk, wheel(MouseEventKind::ScrollUp));
    assert_eq!(desk.selected, 2);
}

// Watching.

#[test]
fn enter_watches_the_selected_game() {
    let mut desk = desk();
    select(&mut desk, "dee-20261130-1350-s3.ron");
    assert_eq!(
        send(&mut desk, enter()),
        Some(ControlAction::Watch("dee-20261130-1350-s3.ron".to_string()))
    );
}

#[test]
fn enter_with_no_games_says_there_is_none_to_watch() {
    let mut desk = Desk::new(Theme::default());
    assert_eq!(send(&mut desk, enter()), None);
    assert_eq!(status(&desk), Some("No game to watch."));
    assert!(desk.status.as_ref().unwrap().error);
}

// Messages.

#[test]
fn b_sends_a_typed_message_to_every_game() {
    let mut desk = desk();
    assert_eq!(send(&mut desk, ch('b')), None);
    assert!(matches!(
        &desk.screen,
        DeskScreen::Message {
            to: Target::All,
            ..
        }
    ));
    // q and ? are text here, not keys.
    type_text(&mut desk, "Five minutes left? Quick!");
    assert_eq!(
        send(&mut desk, enter()),
        Some(ControlAction::Broadcast {
            to: Target::All,
            text: "Five minutes left? Quick!".to_string()
        })
    );
    assert_eq!(desk.screen, DeskScreen::Table);
    assert_eq!(status(&desk), Some("Message sent to every game."));
    assert!(desk.running);
}

#[test]
fn m_sends_a_message_to_the_selected_game_only() {
    let mut desk = desk();
    select(&mut desk, "ana-20261130-1402-s42.ron");
    send(&mut desk, ch('m'));
    type_text(&mut desk, "  Mind the minerals.  ");
    assert_eq!(
        send(&mut desk, enter()),
        Some(ControlAction::Broadcast {
            to: Target::Game("ana-20261130-1402-s42.ron".to_string()),
            text: "Mind the minerals.".to_string()
        })
    );
    assert_eq!(status(&desk), Some("Message sent to ana."));
}

#[test]
fn an_empty_message_is_refused_with_a_reason() {
    let mut desk = desk();
    send(&mut desk, ch('b'));
    assert_eq!(send(&mut desk, enter()), None);
    assert_eq!(prompt_error(&desk), Some("Type a message first."));
    type_text(&mut desk, "   ");
    assert_eq!(prompt_error(&desk), None, "typing clears the reason");
    assert_eq!(send(&mut desk, enter()), None, "spaces are no message");
    assert_eq!(prompt_error(&desk), Some("Type a message first."));
    assert!(matches!(desk.screen, DeskScreen::Message { .. }));
}

#[test]
fn a_message_stops_at_its_limit_and_a_paste_fills_only_the_room_left() {
    let mut desk = desk();
    send(&mut desk, ch('b'));
    type_text(&mut desk, &"x".repeat(MESSAGE_MAX_CHARS + 20));
    assert_eq!(input(&desk).chars().count(), MESSAGE_MAX_CHARS);
    send(&mut desk, ctrl('u'));
    assert_eq!(input(&desk), "");
    type_text(&mut desk, "ab");
    send(&mut desk, key(KeyCode::Backspace));
    assert_eq!(input(&desk), "a");
    let pasted = on_paste(&desk, "line one\nline two");
    assert_eq!(pasted.len(), 17);
    assert_eq!(
        pasted[8],
        DeskMsg::Type(' '),
        "a line break becomes a space"
    );
    let long = "y".repeat(500);
    assert_eq!(on_paste(&desk, &long).len(), MESSAGE_MAX_CHARS - 1);
    send(&mut desk, esc());
    assert!(
        on_paste(&desk, "text").is_empty(),
        "on the table a paste is nothing"
    );
}

#[test]
fn esc_closes_a_prompt_without_sending_anything() {
    let mut desk = desk();
    send(&mut desk, ch('m'));
    type_text(&mut desk, "never mind");
    assert_eq!(send(&mut desk, esc()), None);
    assert_eq!(desk.screen, DeskScreen::Table);
    // The next prompt starts empty.
    send(&mut desk, ch('b'));
    assert_eq!(input(&desk), "");
}

#[test]
fn a_message_to_a_game_that_has_left_is_refused() {
    let mut desk = desk();
    select(&mut desk, "ana-20261130-1402-s42.ron");
    send(&mut desk, ch('m'));
    type_text(&mut desk, "hello");
    let mut without = class();
    without.games.retain(|g| !g.id.starts_with("ana"));
    desk.show(without);
    assert_eq!(send(&mut desk, enter()), None);
    assert_eq!(
        prompt_error(&desk),
        Some("That game has left the class: Esc, and choose another.")
    );
}

#[test]
fn no_game_means_nothing_to_message_or_inject() {
    let mut desk = Desk::new(Theme::default());
    for c in ['b', 'm', 'i', 'I'] {
        assert_eq!(send(&mut desk, ch(c)), None);
        assert_eq!(desk.screen, DeskScreen::Table, "{c}");
        assert!(desk.status.as_ref().is_some_and(|s| s.error), "{c}");
    }
}

// Injects.

#[test]
fn i_injects_the_chosen_event_into_the_selected_game() {
    let mut desk = desk();
    select(&mut desk, "ben-20261130-1405-s7.ron");
    send(&mut desk, ch('i'));
    let to = Target::Game("ben-20261130-1405-s7.ron".to_string());
    assert_eq!(
        desk.screen,
        DeskScreen::Inject {
            to: to.clone(),
            selected: 0
        }
    );
    press(&mut desk, &[down(), ch('j'), key(KeyCode::Up), down()]);
    assert_eq!(
        send(&mut desk, enter()),
        Some(ControlAction::Inject { to, event: 2 })
    );
    let title = &desk.class.deck[2].title;
    assert_eq!(
        status(&desk),
        Some(format!("Inject sent: “{title}”, for the next quarter of ben vs cy.").as_str())
    );
    assert_eq!(desk.screen, DeskScreen::Table);
}

#[test]
fn shift_i_injects_into_every_game() {
    let mut desk = desk();
    send(&mut desk, ch('I'));
    send(&mut desk, key(KeyCode::End));
    let last = desk.class.deck.len() - 1;
    assert_eq!(
        send(&mut desk, enter()),
        Some(ControlAction::Inject {
            to: Target::All,
            event: last
        })
    );
    assert!(status(&desk).unwrap().ends_with("every game."));
}

#[test]
fn esc_closes_the_inject_picker_without_injecting() {
    let mut desk = desk();
    send(&mut desk, ch('I'));
    assert_eq!(press(&mut desk, &[down(), esc()]), vec![]);
    assert_eq!(desk.screen, DeskScreen::Table);
}

#[test]
fn a_finished_game_and_an_empty_deck_take_no_inject() {
    let mut desk = desk();
    select(&mut desk, "dee-20261130-1350-s3.ron");
    send(&mut desk, ch('i'));
    assert_eq!(desk.screen, DeskScreen::Table);
    assert_eq!(
        status(&desk),
        Some("That game is over: nothing more happens in it.")
    );
    let mut desk = desk_with(ClassView {
        deck: Vec::new(),
        ..class()
    });
    send(&mut desk, ch('I'));
    assert_eq!(desk.screen, DeskScreen::Table);
    assert_eq!(status(&desk), Some("The deck has no events to inject."));
}

// Pause, timer, report.

#[test]
fn p_pauses_a_running_class_and_resumes_a_paused_one() {
    let mut desk = desk_with(running_class());
    assert_eq!(send(&mut desk, ch('p')), Some(ControlAction::Pause));
    // Until the shell's next snapshot says it is paused, p still pauses.
    assert_eq!(send(&mut desk, ch('p')), Some(ControlAction::Pause));
    desk.show(class());
    assert_eq!(send(&mut desk, ch('p')), Some(ControlAction::Resume));
    desk.show(running_class());
    assert_eq!(send(&mut desk, ch('p')), Some(ControlAction::Pause));
}

#[test]
fn t_sets_the_timer_in_seconds_or_minutes_and_turns_it_off() {
    let mut desk = desk_with(running_class());
    send(&mut desk, ch('t'));
    assert_eq!(input(&desk), "", "no timer: an empty prompt");
    type_text(&mut desk, "90");
    assert_eq!(
        send(&mut desk, enter()),
        Some(ControlAction::Timer(Some(90)))
    );
    assert_eq!(status(&desk), Some("Timer set: 1 min 30 s per quarter."));

    desk.show(class());
    send(&mut desk, ch('t'));
    assert_eq!(input(&desk), "2m", "the timer now, to keep or change");
    send(&mut desk, ctrl('u'));
    type_text(&mut desk, "3m");
    assert_eq!(
        send(&mut desk, enter()),
        Some(ControlAction::Timer(Some(180)))
    );
    for off in ["", "0", "off", "OFF"] {
        send(&mut desk, ch('t'));
        send(&mut desk, ctrl('u'));
        type_text(&mut desk, off);
        assert_eq!(
            send(&mut desk, enter()),
            Some(ControlAction::Timer(None)),
            "{off:?}"
        );
        assert_eq!(status(&desk), Some("Timer off."));
    }
}

#[test]
fn a_timer_that_cannot_be_read_keeps_the_prompt_open_with_the_reason() {
    let mut desk = desk();
    send(&mut desk, ch('t'));
    send(&mut desk, ctrl('u'));
    type_text(&mut desk, "soon");
    assert_eq!(send(&mut desk, enter()), None);
    assert!(matches!(desk.screen, DeskScreen::Timer(_)));
    assert!(
        prompt_error(&desk)
            .unwrap()
            .starts_with("Not a time: “soon”.")
    );
    send(&mut desk, ctrl('u'));
    type_text(&mut desk, "5");
    assert_eq!(send(&mut desk, enter()), None);
    assert_eq!(
        prompt_error(&desk),
        Some("A quarter's timer runs from 10 s to 60 min.")
    );
}

#[test]
fn the_timer_reads_seconds_minutes_and_both() {
    let cases: &[(&str, Option<u64>)] = &[
        ("90", Some(90)),
        ("90s", Some(90)),
        ("90 sec", Some(90)),
        ("2m", Some(120)),
        ("2 min", Some(120)),
        ("2 minutes", Some(120)),
        ("1m30s", Some(90)),
        ("1m 30", Some(90)),
        ("1:30", Some(90)),
        (" 10 ", Some(10)),
        ("60m", Some(3600)),
        ("", None),
        ("0", None),
        ("0m", None),
        ("off", None),
        ("None", None),
    ];
    for (text, secs) in cases {
        assert_eq!(parse_timer(text), Ok(*secs), "{text:?}");
    }
    for bad in [
        "soon",
        "2h",
        "1:75",
        "m",
        "1.5m",
        "-30",
        "9",
        "61m",
        "99999999999999999999",
    ] {
        assert!(parse_timer(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn r_asks_for_the_class_report() {
    let mut desk = desk();
    assert_eq!(send(&mut desk, ch('r')), Some(ControlAction::WriteReport));
    desk.notice("Report written to saves/class-report-20261130-1500.md");
    assert_eq!(
        status(&desk),
        Some("Report written to saves/class-report-20261130-1500.md")
    );
    assert!(render(&desk, 80, 24).contains("Report written to saves/class-report"));
    send(&mut desk, down());
    assert_eq!(status(&desk), None, "the next key clears it");
}

// Quitting and help.

#[test]
fn q_asks_first_and_only_y_quits() {
    let mut desk = desk();
    assert_eq!(send(&mut desk, ch('q')), None);
    assert_eq!(desk.screen, DeskScreen::ConfirmQuit);
    for no in [ch('n'), esc(), ch('q'), ch('N')] {
        desk.screen = DeskScreen::ConfirmQuit;
        assert_eq!(send(&mut desk, no.clone()), None, "{no:?}");
        assert_eq!(desk.screen, DeskScreen::Table);
        assert!(desk.running);
    }
    assert_eq!(send(&mut desk, ch('y')), None, "y on the table is nothing");
    assert!(desk.running);
    assert_eq!(
        press(&mut desk, &[ch('q'), ch('y')]),
        vec![ControlAction::Quit]
    );
    assert!(!desk.running);
}

#[test]
fn ctrl_c_is_left_to_the_shell() {
    let desk = desk();
    assert_eq!(on_event(&desk, &ctrl('c'), AREA), None);
}

#[test]
fn question_mark_opens_the_help_and_esc_closes_it() {
    let mut desk = desk();
    send(&mut desk, ch('?'));
    assert_eq!(desk.screen, DeskScreen::Help { scroll: 0 });
    send(&mut desk, down());
    assert_eq!(desk.screen, DeskScreen::Help { scroll: 1 });
    send(&mut desk, esc());
    assert_eq!(desk.screen, DeskScreen::Table);
    assert_eq!(desk.selected, 0, "scrolling the help moved no selection");
}

// The keymap, held to its declaration.

/// The desk in every state that has keys of its own.
fn states() -> Vec<(&'static str, Desk)> {
    let on = |msgs: &[DeskMsg], class: ClassView| {
        let mut desk = desk_with(class);
        for msg in msgs {
            update(&mut desk, *msg);
        }
        desk
    };
    vec![
        ("table", on(&[], running_class())),
        ("table paused", on(&[], class())),
        ("empty table", Desk::new(Theme::default())),
        ("message", on(&[DeskMsg::MessageAll], class())),
        ("timer", on(&[DeskMsg::Timer], class())),
        ("inject", on(&[DeskMsg::InjectGame], class())),
        ("help", on(&[DeskMsg::ToggleHelp], class())),
        ("quit?", on(&[DeskMsg::AskQuit], class())),
    ]
}

fn declared(desk: &Desk) -> &'static [Command<DeskMsg>] {
    bindings::commands(&desk.screen, desk.class.paused)
}

#[test]
fn every_declared_key_sends_its_declared_message() {
    for (state, desk) in states() {
        let send = |e: &Event| on_event(&desk, e, AREA);
        keymap::assert_declared_keys_send(state, declared(&desk).iter(), DeskMsg::Type, send);
    }
}

#[test]
fn a_key_not_declared_does_nothing() {
    for (state, desk) in states() {
        let send = |e: &Event| on_event(&desk, e, AREA);
        keymap::assert_undeclared_keys_send_nothing(
            state,
            declared(&desk).iter(),
            DeskMsg::Type,
            send,
        );
    }
}

#[test]
fn a_key_means_one_thing_on_each_screen() {
    for (state, desk) in states() {
        keymap::assert_one_meaning_per_key(state, declared(&desk).iter());
    }
}

#[test]
fn every_listed_command_names_exactly_its_keys() {
    for (state, desk) in states() {
        keymap::assert_labels_name_their_keys(state, declared(&desk).iter());
    }
}

#[test]
fn the_footer_names_what_p_does_now() {
    let running = render(&desk_with(running_class()), 80, 24);
    let paused = render(&desk(), 80, 24);
    assert!(running.contains("p pause the class"), "{running}");
    assert!(paused.contains("p resume the class"), "{paused}");
}

#[test]
fn a_too_small_terminal_takes_no_keys_but_redraws() {
    for (state, desk) in states() {
        for size in [Rect::new(0, 0, 79, 24), Rect::new(0, 0, 80, 23)] {
            for (code, modifiers) in candidates() {
                assert_eq!(
                    on_event(&desk, &event(code, modifiers), size),
                    None,
                    "{state}: {code:?} with {modifiers:?}"
                );
            }
            assert_eq!(on_event(&desk, &click(20, 5), size), None);
            assert_eq!(
                on_event(&desk, &Event::Resize(79, 24), size),
                Some(DeskMsg::Resize)
            );
        }
    }
}

#[test]
fn releasing_a_key_sends_nothing() {
    for (state, desk) in states() {
        keymap::assert_releases_send_nothing(state, |e| on_event(&desk, e, AREA));
    }
}

// Drawing.

/// The footer's lines: the last of the screen, up to the status line.
fn footer(screen: &str, rows: usize) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len() - rows..].join("\n")
}

#[test]
fn the_footer_lists_every_footer_command_at_80_columns() {
    for (state, desk) in states() {
        let screen = render(&desk, 80, 24);
        let footer = footer(&screen, 2);
        for c in declared(&desk).iter().filter(|c| c.in_footer()) {
            let shown = format!("{} {}", c.keys, c.does);
            assert!(footer.contains(&shown), "{state}: `{shown}` in\n{footer}");
        }
    }
}

#[test]
fn the_help_lists_every_key_of_the_table_and_every_column() {
    let mut desk = desk();
    send(&mut desk, ch('?'));
    let mut seen = String::new();
    for _ in 0..20 {
        seen.push_str(&render(&desk, 80, 24));
        send(&mut desk, key(KeyCode::PageDown));
    }
    for c in bindings::commands(&DeskScreen::Table, true)
        .iter()
        .filter(|c| c.in_help())
    {
        assert!(seen.contains(c.keys) && seen.contains(c.does), "{}", c.does);
    }
    for heading in [
        "Lead %:", "US lev:", "CN lev:", "Min:", "Ten:", "Score:", "Notes:",
    ] {
        assert!(seen.contains(heading), "{heading}");
    }
}

#[test]
fn every_screen_draws_at_any_size_without_panicking() {
    for (state, mut desk) in states() {
        desk.notice(
            "a notice long enough to be cut on a narrow terminal, and then some more words",
        );
        for (w, h) in [
            (1, 1),
            (20, 5),
            (79, 24),
            (80, 23),
            (80, 24),
            (81, 25),
            (120, 40),
            (300, 100),
        ] {
            let screen = render(&desk, w, h);
            if w < 80 || h < 24 {
                assert!(
                    screen.contains("Enlarge") || w * h < 200,
                    "{state} at {w}×{h}"
                );
            }
        }
    }
}

#[test]
fn the_header_counts_wrong_resume_codes_once_there_are_any() {
    let quiet = render(&desk(), 100, 30);
    assert!(!quiet.contains("wrong resume code"), "{quiet}");
    let desk = desk_with(ClassView {
        wrong_codes: 7,
        save_failures: 2,
        ..class()
    });
    assert_shows(
        &render(&desk, 160, 30),
        &["7 wrong resume codes", "2 saves FAILED (see the log)"],
    );
}

#[test]
fn the_class_at_80x24_names_every_game_and_what_each_number_means() {
    let mut desk = desk();
    select(&mut desk, "dee-20261130-1350-s3.ron");
    let screen = render(&desk, 80, 24);
    assert_shows(
        &screen,
        &[
            "Control",
            "4 players connected",
            "4 games",
            "Timer: 2 min per quarter",
            "PAUSED",
            "eve vs (open)",
            "ana",
            "ben vs cy",
            "dee",
            "6/16",
            "1/16",
            "over",
            "Pragmat",
            "open",
            "○",
            "●",
            "Lead %",
            "US lev",
            "Min",
            "Ten",
            "Score",
            "Lead %: U.S. share of AI compute",
            // The selected game in full, below: its review and final grade.
            "Decision quality 78/100",
            "Washington: dee ○ away",
            "Beijing: Pragmatist, the computer",
        ],
    );
    let dee = &desk.class.games[3].summary;
    let grade = format!("{:.1} {}", dee.score, dee.grade.letter());
    assert!(screen.contains(&grade), "{grade} in\n{screen}");
    for line in screen.lines() {
        assert!(line.chars().count() <= 82, "{line}");
    }
    insta::assert_snapshot!("class_80x24", screen);
}

#[test]
fn the_class_at_120x40_has_room_for_every_column_and_the_details() {
    let mut desk = desk();
    select(&mut desk, "ben-20261130-1405-s7.ron");
    let screen = render(&desk, 120, 40);
    assert_shows(
        &screen,
        &[
            "PAUSED",
            "CN lev",
            "Review",
            "Decision quality 78/100",
            "Pragmatist",
            "6/16",
            "0:41",
            "1:23 ⚑",
            "✓",
            // Ben's match in full.
            "Washington: ben ● connected",
            "Beijing: cy ○ away",
            "Chosen, waiting: Washington",
            "Match code K7P2QX",
            "Mineral stress",
            "China leverage",
            "Capability gap",
        ],
    );
    insta::assert_snapshot!("class_120x40", screen);
}

#[test]
fn a_running_class_without_a_timer_says_so_and_shows_no_banner() {
    let screen = render(&desk_with(running_class()), 80, 24);
    assert!(screen.contains("No timer"), "{screen}");
    assert!(!screen.contains("PAUSED"), "{screen}");
}

#[test]
fn an_empty_class_says_games_appear_as_players_start_them() {
    let screen = render(&Desk::new(Theme::default()), 80, 24);
    assert!(
        screen.contains("No games yet. Games appear here as players start them."),
        "{screen}"
    );
    assert!(screen.contains("0 games"), "{screen}");
    assert!(!screen.contains("Lead %"), "no table without games");
}

#[test]
fn the_selection_reads_without_colour() {
    let mut desk = desk_with(class());
    desk.theme = Theme::monochrome();
    for (i, name) in ["eve vs (open)", "ana", "ben vs cy", "dee"]
        .iter()
        .enumerate()
    {
        desk.selected = i;
        let screen = render(&desk, 80, 24);
        let marked: Vec<&str> = screen.lines().filter(|l| l.contains('›')).collect();
        assert_eq!(marked.len(), 1, "{screen}");
        assert!(marked[0].contains(name), "{screen}");
    }
}

#[test]
fn the_prompts_say_where_the_text_goes() {
    let mut desk = desk();
    send(&mut desk, ch('b'));
    type_text(&mut desk, "Half time");
    let screen = render(&desk, 80, 24);
    assert!(screen.contains("Message to every game"), "{screen}");
    assert!(screen.contains("[from control]"), "{screen}");
    assert!(screen.contains("9/200"), "{screen}");
    send(&mut desk, esc());
    select(&mut desk, "ana-20261130-1402-s42.ron");
    send(&mut desk, ch('m'));
    assert!(render(&desk, 80, 24).contains("Message to ana"));
    send(&mut desk, esc());
    send(&mut desk, ch('t'));
    let screen = render(&desk, 80, 24);
    assert!(screen.contains("Now: 2 min per quarter."), "{screen}");
    assert!(screen.contains("Seconds (90), minutes (2m)"), "{screen}");
}

#[test]
fn the_inject_picker_lists_the_deck_and_reads_the_highlighted_event() {
    let mut desk = desk();
    select(&mut desk, "ana-20261130-1402-s42.ron");
    send(&mut desk, ch('i'));
    send(&mut desk, down());
    let deck = desk.class.deck.clone();
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = render(&desk, w, h);
        assert!(
            screen.contains("Inject an event into the next quarter of ana"),
            "{screen}"
        );
        assert!(screen.contains(&deck[0].title), "{screen}");
        assert!(screen.contains(&format!("› {}", deck[1].title)), "{screen}");
        let first_words: String = deck[1]
            .text
            .split(' ')
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(screen.contains(&first_words), "{first_words} in\n{screen}");
        assert!(
            screen.contains("Already waiting for this game: Taiwan earthquake"),
            "{screen}"
        );
    }
    send(&mut desk, esc());
    send(&mut desk, ch('I'));
    assert!(render(&desk, 80, 24).contains("next quarter of every game"));
}

#[test]
fn the_quit_question_says_the_games_go_on() {
    let mut desk = desk();
    send(&mut desk, ch('q'));
    let screen = render(&desk, 80, 24);
    assert!(screen.contains("Leave the control desk?"), "{screen}");
    assert!(screen.contains("y: quit control"), "{screen}");
}
