//! The lobby of `chokepoints serve`, driven as its shell drives it: events
//! through `lobby::keys` into `update`, the actions it asks for, and the
//! shell's answers through the lobby's methods. Its keymap is held to its
//! declaration as the game's is (tests/bindings.rs), and its screens are
//! drawn at 80×24 (snapshots in tests/snapshots/lobby__*.snap) and at sizes
//! where nothing fits.

mod support;

use std::path::PathBuf;

use chokepoints::engine::Grade;
use chokepoints::save::{SaveEntry, SaveInfo};
use chokepoints::tui::app::Prompt;
use chokepoints::tui::bindings::Command;
use chokepoints::tui::lobby::keys::{on_event, on_paste};
use chokepoints::tui::lobby::{
    ClassGame, Games, Lobby, LobbyAction, LobbyMsg, LobbyScreen, MenuItem, bindings, update,
};
use chokepoints::tui::style::Theme;
use chokepoints::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use support::keymap::{self, candidates, event};
use support::{ch, click, ctrl, key};

const AREA: Rect = Rect::new(0, 0, 80, 24);

fn class() -> ClassGame {
    ClassGame {
        scenario: "The H20 reversal".to_string(),
        doctrine: "Pragmatist".to_string(),
        seed: Some(42),
    }
}

/// Ana, signed in with her key.
fn lobby() -> Lobby {
    Lobby::new("ana", class(), false)
}

/// Ana, signed in with the class code: her games ask for their codes.
fn lobby_by_code() -> Lobby {
    Lobby::new("ana", class(), true)
}

fn game(name: &str, turn: u32, over: bool, grade: Grade) -> SaveEntry {
    SaveEntry {
        name: name.to_string(),
        path: PathBuf::from(format!("saves/ana/{name}")),
        info: Ok(SaveInfo {
            date: "2026 Q2".to_string(),
            scenario: "h20-reversal".to_string(),
            turn,
            horizon: 16,
            score: 61.5,
            grade,
            over,
            us: Some("ana".to_string()),
            china: None,
        }),
    }
}

fn broken(name: &str) -> SaveEntry {
    SaveEntry {
        name: name.to_string(),
        path: PathBuf::from(format!("saves/ana/{name}")),
        info: Err("not a valid save (line 1: Unexpected end of RON)".to_string()),
    }
}

/// Ana's saves, newest first, as the shell lists them.
fn saves() -> Vec<SaveEntry> {
    vec![
        game("ana-20261129-2030-s42.ron", 5, false, Grade::C),
        game("ana-20261122-2015-s42.ron", 16, true, Grade::B),
        broken("ana-edited.ron"),
        game("ana-20261115-2005-s7.ron", 16, true, Grade::F),
    ]
}

/// One event through the keymap and the update function, as the shell
/// feeds them; what the lobby asks the shell to do.
fn send(lobby: &mut Lobby, event: Event) -> Option<LobbyAction> {
    on_event(lobby, &event, AREA).and_then(|msg| update(lobby, msg))
}

/// Several events; the actions they asked for, in order.
fn press(lobby: &mut Lobby, events: &[Event]) -> Vec<LobbyAction> {
    events
        .iter()
        .filter_map(|e| send(lobby, e.clone()))
        .collect()
}

fn type_text(lobby: &mut Lobby, text: &str) {
    for c in text.chars() {
        assert_eq!(send(lobby, ch(c)), None, "typing {c:?}");
    }
}

fn enter() -> Event {
    key(KeyCode::Enter)
}

fn esc() -> Event {
    key(KeyCode::Esc)
}

/// The lobby on Ana's list of games, as after "Resume my game".
fn on_games(mut lobby: Lobby) -> Lobby {
    assert_eq!(send(&mut lobby, ch('2')), Some(LobbyAction::ListGames));
    lobby.show_games(saves());
    lobby
}

fn input(lobby: &Lobby) -> &str {
    lobby.prompt().map_or("", |p| p.input.as_str())
}

fn error(lobby: &Lobby) -> Option<&str> {
    match &lobby.screen {
        LobbyScreen::Games(games) => games.error.as_deref(),
        LobbyScreen::ResumeCode { prompt, .. } | LobbyScreen::JoinCode(prompt) => {
            prompt.error.as_deref()
        }
        _ => None,
    }
}

fn status(lobby: &Lobby) -> Option<&str> {
    lobby.status.as_ref().map(|s| s.text.as_str())
}

fn render(lobby: &Lobby, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::lobby::view(lobby, f)).unwrap();
    terminal.backend().to_string()
}

/// The lobby in every state that has keys of its own.
fn states() -> Vec<(&'static str, Lobby)> {
    let mut join = lobby();
    join.screen = LobbyScreen::JoinCode(Prompt {
        input: "AB12".to_string(),
        error: None,
    });
    let games = Games {
        entries: saves(),
        selected: 0,
        error: None,
    };
    let mut resume = lobby_by_code();
    resume.screen = LobbyScreen::ResumeCode {
        games: games.clone(),
        prompt: Prompt {
            input: String::new(),
            error: None,
        },
    };
    let mut list = lobby();
    list.screen = LobbyScreen::Games(games);
    let mut empty_list = lobby();
    empty_list.screen = LobbyScreen::Games(Games {
        entries: Vec::new(),
        selected: 0,
        error: None,
    });
    let mut waiting = lobby();
    waiting.waiting("K7P2QX");
    vec![
        ("menu", lobby()),
        ("games", list),
        ("empty games", empty_list),
        ("resume code", resume),
        ("join code", join),
        ("waiting", waiting),
    ]
}

// The menu.

#[test]
fn arrival_highlights_new_game_on_the_menu() {
    let lobby = lobby();
    assert_eq!(lobby.screen, LobbyScreen::Menu);
    assert_eq!(lobby.menu, 0);
    assert_eq!(lobby.highlighted(), MenuItem::NewGame);
    assert!(lobby.running);
    assert_eq!(lobby.status, None);
}

#[test]
fn enter_on_each_menu_item_asks_for_its_action() {
    let down = key(KeyCode::Down);
    let mut l = lobby();
    assert_eq!(send(&mut l, enter()), Some(LobbyAction::NewGame));
    let mut l = lobby();
    assert_eq!(
        press(&mut l, &[down.clone(), enter()]),
        [LobbyAction::ListGames]
    );
    let mut l = lobby();
    assert_eq!(
        press(&mut l, &[down.clone(), down.clone(), enter()]),
        [LobbyAction::CreateMatch]
    );
    assert_eq!(
        l.screen,
        LobbyScreen::Menu,
        "the shell answers with waiting"
    );
    let mut l = lobby();
    assert_eq!(
        press(&mut l, &[down.clone(), down.clone(), down, enter()]),
        []
    );
    assert!(matches!(&l.screen, LobbyScreen::JoinCode(p) if p.input.is_empty()));
}

#[test]
fn a_number_highlights_and_opens_its_item() {
    let expected = [
        Some(LobbyAction::NewGame),
        Some(LobbyAction::ListGames),
        Some(LobbyAction::CreateMatch),
        None,
    ];
    for (i, action) in expected.into_iter().enumerate() {
        let mut l = lobby();
        let digit = char::from(b'1' + i as u8);
        assert_eq!(send(&mut l, ch(digit)), action, "{digit}");
        assert_eq!(l.menu, i, "{digit}");
    }
    let mut l = lobby();
    assert_eq!(send(&mut l, ch('4')), None);
    assert!(matches!(l.screen, LobbyScreen::JoinCode(_)));
    let mut l = lobby();
    assert_eq!(on_event(&l, &ch('5'), AREA), None);
    assert_eq!(update(&mut l, LobbyMsg::Open(4)), None);
    assert_eq!((l.menu, &l.screen), (0, &LobbyScreen::Menu));
}

#[test]
fn the_menu_highlight_stops_at_either_end() {
    let mut l = lobby();
    send(&mut l, key(KeyCode::Up));
    assert_eq!(l.menu, 0);
    send(&mut l, ch('j'));
    assert_eq!(l.menu, 1);
    send(&mut l, key(KeyCode::End));
    assert_eq!(l.highlighted(), MenuItem::JoinMatch);
    send(&mut l, key(KeyCode::Down));
    assert_eq!(l.menu, 3);
    send(&mut l, ch('k'));
    assert_eq!(l.menu, 2);
    send(&mut l, key(KeyCode::Home));
    assert_eq!(l.menu, 0);
}

#[test]
fn q_and_esc_leave_from_the_menu() {
    for quit in [ch('q'), esc()] {
        let mut l = lobby();
        assert_eq!(send(&mut l, quit), Some(LobbyAction::Quit));
        assert!(!l.running);
    }
}

#[test]
fn ctrl_c_leaves_from_every_screen_even_a_too_small_terminal() {
    for (state, mut l) in states() {
        let mut small = lobby();
        small.screen = l.screen.clone();
        assert_eq!(send(&mut l, ctrl('c')), Some(LobbyAction::Quit), "{state}");
        assert!(!l.running, "{state}");
        let msg = on_event(&small, &ctrl('c'), Rect::new(0, 0, 20, 5));
        assert_eq!(msg, Some(LobbyMsg::Quit), "{state}, too small");
    }
}

// The player's games.

#[test]
fn resume_lists_the_players_games_and_opens_on_the_newest() {
    let l = on_games(lobby());
    let LobbyScreen::Games(games) = &l.screen else {
        panic!("the list opens")
    };
    assert_eq!(games.entries, saves(), "as the shell gave them");
    assert_eq!(games.selected, 0);
}

#[test]
fn the_list_opens_on_the_first_game_that_can_be_opened() {
    let mut l = lobby();
    l.show_games(vec![
        broken("ana-edited.ron"),
        game("ana-1.ron", 3, false, Grade::D),
    ]);
    assert!(matches!(&l.screen, LobbyScreen::Games(g) if g.selected == 1));
}

#[test]
fn no_saved_games_stays_on_the_menu_and_says_so() {
    let mut l = lobby();
    assert_eq!(send(&mut l, ch('2')), Some(LobbyAction::ListGames));
    l.show_games(Vec::new());
    assert_eq!(l.screen, LobbyScreen::Menu);
    assert_eq!(l.menu, 1);
    assert_eq!(status(&l), Some("No saved games yet under ana."));
    // The next key clears it.
    send(&mut l, key(KeyCode::Down));
    assert_eq!(status(&l), None);
}

#[test]
fn the_games_highlight_stops_at_either_end() {
    let mut l = on_games(lobby());
    let selected = |l: &Lobby| match &l.screen {
        LobbyScreen::Games(g) => g.selected,
        other => panic!("{other:?}"),
    };
    send(&mut l, key(KeyCode::Up));
    assert_eq!(selected(&l), 0);
    press(&mut l, &[ch('j'), key(KeyCode::Down)]);
    assert_eq!(selected(&l), 2);
    press(&mut l, &[key(KeyCode::Down), key(KeyCode::Down)]);
    assert_eq!(selected(&l), 3);
    send(&mut l, key(KeyCode::Home));
    assert_eq!(selected(&l), 0);
    send(&mut l, key(KeyCode::End));
    assert_eq!(selected(&l), 3);
    send(&mut l, key(KeyCode::PageUp));
    assert_eq!(selected(&l), 0);
}

#[test]
fn enter_on_a_game_asks_to_open_it() {
    let mut l = on_games(lobby());
    send(&mut l, key(KeyCode::Down));
    assert_eq!(
        send(&mut l, enter()),
        Some(LobbyAction::OpenGame {
            entry: saves()[1].clone(),
            code: None
        })
    );
    assert!(matches!(l.screen, LobbyScreen::Games(_)), "until it opens");
}

#[test]
fn a_game_that_cannot_be_read_says_why_instead_of_opening() {
    let mut l = on_games(lobby());
    press(&mut l, &[ch('j'), ch('j')]);
    assert_eq!(send(&mut l, enter()), None);
    assert_eq!(
        error(&l),
        Some("ana-edited.ron: not a valid save (line 1: Unexpected end of RON)")
    );
    // Moving on clears it.
    send(&mut l, ch('j'));
    assert_eq!(error(&l), None);
}

#[test]
fn a_failed_open_shows_its_reason_on_the_list() {
    let mut l = on_games(lobby());
    assert!(send(&mut l, enter()).is_some());
    l.open_failed("the file could not be read");
    assert_eq!(error(&l), Some("the file could not be read"));
    assert!(render(&l, 80, 24).contains("✗ the file could not be read"));
}

#[test]
fn esc_and_q_go_back_from_the_list_to_the_menu() {
    for back in [esc(), ch('q')] {
        let mut l = on_games(lobby());
        assert_eq!(send(&mut l, back), None);
        assert_eq!(l.screen, LobbyScreen::Menu);
        assert_eq!(l.highlighted(), MenuItem::Resume);
        assert!(l.running);
    }
}

// Resume codes.

#[test]
fn signed_in_by_class_code_a_game_asks_for_its_resume_code() {
    let mut l = on_games(lobby_by_code());
    send(&mut l, ch('j'));
    assert_eq!(send(&mut l, enter()), None);
    assert!(matches!(&l.screen, LobbyScreen::ResumeCode { games, .. } if games.selected == 1));
    type_text(&mut l, "ab-c 12");
    assert_eq!(input(&l), "ABC12");
    assert_eq!(
        send(&mut l, enter()),
        Some(LobbyAction::OpenGame {
            entry: saves()[1].clone(),
            code: Some("ABC12".to_string())
        })
    );
    l.open_failed("wrong resume code");
    assert_eq!(error(&l), Some("wrong resume code"));
    assert_eq!(input(&l), "ABC12", "kept, to correct");
    // Esc goes back to the list, on the same game.
    send(&mut l, esc());
    assert!(matches!(&l.screen, LobbyScreen::Games(g) if g.selected == 1 && g.error.is_none()));
}

// Code prompts.

#[test]
fn a_code_is_typed_in_capitals_letters_and_digits_only_and_bounded() {
    let mut l = lobby();
    send(&mut l, ch('4'));
    type_text(&mut l, "q1k-j é?");
    assert_eq!(input(&l), "Q1KJ", "q, k and j type; the rest is left out");
    type_text(&mut l, "abcdefghijklmnop");
    assert_eq!(input(&l), "Q1KJABCDEFGH", "twelve at most");
    send(&mut l, key(KeyCode::Backspace));
    assert_eq!(input(&l), "Q1KJABCDEFG");
    send(&mut l, ctrl('u'));
    assert_eq!(input(&l), "");
    send(&mut l, key(KeyCode::Backspace));
    assert_eq!(input(&l), "");
}

#[test]
fn an_empty_code_says_to_type_it_first() {
    let mut l = lobby();
    send(&mut l, ch('4'));
    assert_eq!(send(&mut l, enter()), None);
    assert_eq!(error(&l), Some("Type the code first."));
    send(&mut l, ch('a'));
    assert_eq!(error(&l), None, "typing clears it");
}

#[test]
fn joining_sends_the_code_and_a_failure_shows_under_it() {
    let mut l = lobby();
    send(&mut l, ch('4'));
    type_text(&mut l, "abc123");
    assert_eq!(
        send(&mut l, enter()),
        Some(LobbyAction::JoinMatch {
            code: "ABC123".to_string()
        })
    );
    l.join_failed("no match has code ABC123");
    assert_eq!(error(&l), Some("no match has code ABC123"));
    let screen = render(&l, 80, 24);
    assert!(screen.contains("✗ no match has code ABC123"), "{screen}");
    send(&mut l, esc());
    assert_eq!(l.screen, LobbyScreen::Menu);
    assert_eq!(l.highlighted(), MenuItem::JoinMatch);
}

#[test]
fn a_paste_types_what_a_code_takes_into_a_prompt_and_nothing_elsewhere() {
    let mut l = lobby();
    assert_eq!(on_paste(&l, "abc"), []);
    send(&mut l, ch('4'));
    type_text(&mut l, "z");
    let msgs = on_paste(&l, "abc-123 xyz-789-000");
    assert_eq!(msgs.len(), 11, "the room left");
    for msg in msgs {
        update(&mut l, msg);
    }
    assert_eq!(input(&l), "ZABC123XYZ78");
}

// Matches.

#[test]
fn a_created_match_shows_its_code_until_esc_cancels_it() {
    let mut l = lobby();
    assert_eq!(send(&mut l, ch('3')), Some(LobbyAction::CreateMatch));
    l.waiting("K7P2QX");
    assert_eq!(
        l.screen,
        LobbyScreen::Waiting {
            code: "K7P2QX".to_string()
        }
    );
    assert_eq!(send(&mut l, ch('x')), None, "nothing else to do");
    assert_eq!(send(&mut l, esc()), Some(LobbyAction::CancelMatch));
    assert_eq!(l.screen, LobbyScreen::Menu);
    assert_eq!(status(&l), Some("Match cancelled."));
    assert!(l.running);
}

#[test]
fn a_match_that_fails_returns_to_the_menu_with_the_reason() {
    let mut l = lobby();
    send(&mut l, ch('3'));
    l.waiting("K7P2QX");
    l.match_failed("the server is full");
    assert_eq!(l.screen, LobbyScreen::Menu);
    assert_eq!(status(&l), Some("the server is full"));
    assert!(l.status.as_ref().is_some_and(|s| s.error));
}

#[test]
fn a_server_notice_shows_in_the_status_line() {
    for (state, mut l) in states() {
        l.notice("The server is shutting down: your game is saved");
        let screen = render(&l, 80, 24);
        let status_row = screen.lines().nth(22).unwrap_or_default();
        assert!(
            status_row.contains("The server is shutting down: your game is saved"),
            "{state}: {screen}"
        );
    }
}

// The mouse.

#[test]
fn clicking_a_menu_item_highlights_it() {
    let mut l = lobby();
    let screen = render(&l, 80, 24);
    for (i, item) in MenuItem::ALL.iter().enumerate() {
        let row = screen
            .lines()
            .position(|line| line.contains(item.label()))
            .expect("every item is drawn") as u16;
        for (column, row) in [(20, row), (20, row + 1)] {
            l.menu = usize::from(i == 0);
            assert_eq!(send(&mut l, click(column, row)), None);
            assert_eq!(l.menu, i, "{item:?} at row {row}");
            assert_eq!(l.screen, LobbyScreen::Menu, "a click only highlights");
        }
    }
    assert_eq!(on_event(&l, &click(20, 0), AREA), None, "the header");
    assert_eq!(on_event(&l, &click(0, 5), AREA), None, "outside the menu");
}

// The keymap, held to its declaration.

/// What the keymap consults in this state: the keys that work anywhere,
/// then the screen's own.
fn declared(lobby: &Lobby) -> impl Iterator<Item = &'static Command<LobbyMsg>> + Clone {
    bindings::ANYWHERE
        .iter()
        .chain(bindings::commands(&lobby.screen))
}

#[test]
fn every_declared_key_sends_its_declared_message() {
    for (state, lobby) in states() {
        let send = |e: &Event| on_event(&lobby, e, AREA);
        keymap::assert_declared_keys_send(state, declared(&lobby), LobbyMsg::Type, send);
    }
}

#[test]
fn a_key_not_declared_does_nothing() {
    for (state, lobby) in states() {
        let send = |e: &Event| on_event(&lobby, e, AREA);
        keymap::assert_undeclared_keys_send_nothing(state, declared(&lobby), LobbyMsg::Type, send);
    }
}

#[test]
fn a_key_means_one_thing_on_each_screen() {
    for (state, lobby) in states() {
        keymap::assert_one_meaning_per_key(state, declared(&lobby));
    }
}

#[test]
fn every_listed_command_names_exactly_its_keys() {
    for (state, lobby) in states() {
        keymap::assert_labels_name_their_keys(state, bindings::commands(&lobby.screen).iter());
    }
    keymap::assert_labels_name_their_keys("anywhere", bindings::ANYWHERE.iter());
}

#[test]
fn every_menu_item_has_its_number() {
    let l = lobby();
    for i in 0..MenuItem::ALL.len() {
        let digit = char::from(b'1' + i as u8);
        assert_eq!(on_event(&l, &ch(digit), AREA), Some(LobbyMsg::Open(i)));
    }
}

#[test]
fn a_too_small_terminal_takes_only_the_keys_that_work_anywhere() {
    for (state, lobby) in states() {
        for size in [Rect::new(0, 0, 79, 24), Rect::new(0, 0, 80, 23)] {
            for (code, modifiers) in candidates() {
                let sent = on_event(&lobby, &event(code, modifiers), size);
                let anywhere = (code == KeyCode::Char('c') || code == KeyCode::Char('C'))
                    && modifiers.contains(KeyModifiers::CONTROL);
                assert_eq!(
                    sent,
                    anywhere.then_some(LobbyMsg::Quit),
                    "{state}: {code:?} with {modifiers:?}"
                );
            }
            assert_eq!(on_event(&lobby, &click(20, 5), size), None);
        }
    }
}

#[test]
fn releasing_a_key_sends_nothing() {
    for (state, lobby) in states() {
        keymap::assert_releases_send_nothing(state, |e| on_event(&lobby, e, AREA));
    }
}

// Drawing.

#[test]
fn every_screen_draws_at_any_size_without_panicking() {
    for (state, mut lobby) in states() {
        lobby.notice("a notice long enough to be cut on a narrow terminal, and then some more");
        for (w, h) in [
            (1, 1),
            (20, 5),
            (79, 24),
            (80, 23),
            (80, 24),
            (81, 25),
            (300, 100),
        ] {
            let screen = render(&lobby, w, h);
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
fn the_footer_lists_every_footer_command_at_80_columns() {
    for (state, lobby) in states() {
        let screen = render(&lobby, 80, 24);
        let footer = screen.lines().last().unwrap_or_default();
        for c in bindings::commands(&lobby.screen)
            .iter()
            .filter(|c| c.in_footer())
        {
            let shown = format!("{} {}", c.keys, c.does);
            assert!(footer.contains(&shown), "{state}: `{shown}` in {footer}");
        }
    }
}

#[test]
fn the_highlight_reads_without_colour() {
    let mut l = lobby().with_theme(Theme::monochrome());
    for i in 0..MenuItem::ALL.len() {
        l.menu = i;
        let screen = render(&l, 80, 24);
        let marked: Vec<&str> = screen.lines().filter(|line| line.contains('›')).collect();
        assert_eq!(marked.len(), 1, "{screen}");
        assert!(marked[0].contains(MenuItem::ALL[i].label()), "{screen}");
    }
}

#[test]
fn a_long_name_and_scenario_are_cut_not_spilled() {
    let mut l = Lobby::new(
        "a-student-with-a-very-long-name-indeed-that-goes-on-and-on-for-ever",
        ClassGame {
            scenario: "A scenario whose title is far longer than any real one ever was".into(),
            doctrine: "Self-reliance hawk".into(),
            seed: None,
        },
        true,
    );
    let screen = render(&l, 80, 24);
    assert!(screen.contains("…"), "{screen}");
    assert!(screen.contains("a new seed each game"), "{screen}");
    assert!(screen.contains("(Self-reliance hawk)"), "{screen}");
    l = on_games(l);
    render(&l, 80, 24);
}

#[test]
fn menu_80x24() {
    let mut l = lobby();
    send(&mut l, ch('j'));
    insta::assert_snapshot!("menu", render(&l, 80, 24));
}

#[test]
fn games_80x24() {
    let mut l = on_games(lobby_by_code());
    press(&mut l, &[ch('j'), ch('j')]);
    insta::assert_snapshot!("games_with_an_unreadable_file", render(&l, 80, 24));
}

#[test]
fn resume_code_80x24() {
    let mut l = on_games(lobby_by_code());
    send(&mut l, enter());
    type_text(&mut l, "wr0ng");
    send(&mut l, enter());
    l.open_failed("wrong resume code");
    insta::assert_snapshot!("resume_code_wrong", render(&l, 80, 24));
}

#[test]
fn join_code_80x24() {
    let mut l = lobby();
    send(&mut l, ch('4'));
    type_text(&mut l, "abc123");
    send(&mut l, enter());
    l.join_failed("no match has code ABC123");
    insta::assert_snapshot!("join_code_unknown", render(&l, 80, 24));
}

#[test]
fn waiting_80x24() {
    let mut l = lobby();
    send(&mut l, ch('3'));
    l.waiting("K7P2QX");
    insta::assert_snapshot!("waiting", render(&l, 80, 24));
}
