//! Saving, loading and autosaving in the terminal game, and the replay
//! viewer's turn cursor: key sequences against a temporary saves folder.

mod support;

use std::fs;

use chokepoints::content::Content;
use chokepoints::save::SaveFile;
use chokepoints::tui::app::{App, Overlay, Screen};
use ratatui::crossterm::event::KeyCode;
use support::{app_saving_to, autosave_path, ch, ctrl, key, press, scratch, type_text};

/// Leaves the briefing and plays `turns` quarters of the first move.
fn play_turns(app: &mut App, turns: usize) {
    if app.screen == Screen::Briefing {
        press(app, &[key(KeyCode::Enter)]);
    }
    for _ in 0..turns {
        press(app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    }
    assert_eq!(app.screen, Screen::Dashboard);
}

fn without_autosave(mut app: App) -> App {
    if let Some(saves) = &mut app.saves {
        saves.autosave = false;
    }
    app
}

fn save_as(app: &mut App, name: &str) {
    press(app, &[ch('s'), ctrl('u')]);
    type_text(app, name);
    press(app, &[key(KeyCode::Enter)]);
}

#[test]
fn s_then_enter_saves_under_the_default_name_and_the_save_verifies() {
    let dir = scratch("default-name");
    let mut app = app_saving_to(&dir);
    play_turns(&mut app, 2);
    press(&mut app, &[ch('s')]);
    let Some(Overlay::SavePrompt(prompt)) = &app.overlay else {
        panic!("no save prompt: {:?}", app.overlay);
    };
    assert_eq!(prompt.input, "2025Q3-pragmatist-s42-t02");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.overlay, None);
    let path = dir.join("2025Q3-pragmatist-s42-t02.ron");
    let status = app.status.clone().unwrap();
    assert!(!status.error, "{status:?}");
    assert!(status.text.contains("Saved to"), "{status:?}");
    assert!(status.text.contains(&path.display().to_string()));

    let save = SaveFile::read(&path).unwrap();
    let game = save.replay(&path, &Content::builtin().unwrap()).unwrap();
    assert_eq!(game.state, app.game.state);
    assert_eq!(game.moves.len(), 2);
}

#[test]
fn the_prompt_edits_and_esc_cancels_without_saving() {
    let dir = scratch("edit");
    let mut app = app_saving_to(&dir);
    play_turns(&mut app, 0);
    press(&mut app, &[ch('s'), ctrl('u')]);
    type_text(&mut app, "class 3x");
    press(&mut app, &[key(KeyCode::Backspace)]);
    let Some(Overlay::SavePrompt(prompt)) = &app.overlay else {
        panic!("no prompt");
    };
    assert_eq!(prompt.input, "class 3");
    // Keys that mean something on the dashboard are text in the prompt.
    type_text(&mut app, "q");
    assert!(app.running);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.overlay, None);
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn pasted_text_is_capped_and_control_characters_ignored() {
    let dir = scratch("paste");
    let mut app = app_saving_to(&dir);
    play_turns(&mut app, 0);
    press(&mut app, &[ch('s'), ctrl('u')]);
    type_text(&mut app, &"x".repeat(5000));
    type_text(&mut app, "\u{1b}\u{7}");
    let Some(Overlay::SavePrompt(prompt)) = &app.overlay else {
        panic!("no prompt");
    };
    assert_eq!(prompt.input.chars().count(), 64);
    assert!(prompt.input.chars().all(|c| c == 'x'));
}

#[test]
fn a_name_that_climbs_out_of_the_folder_is_refused_and_nothing_is_written() {
    let root = scratch("escape");
    let dir = root.join("saves");
    fs::create_dir_all(&dir).unwrap();
    let mut app = app_saving_to(&dir);
    play_turns(&mut app, 1);
    let autosave_only = fs::read_dir(&dir).unwrap().count();
    save_as(&mut app, "../x");
    let Some(Overlay::SavePrompt(prompt)) = &app.overlay else {
        panic!("the prompt should stay open: {:?}", app.overlay);
    };
    assert!(prompt.error.as_deref().unwrap().contains("cannot contain"));
    assert!(!root.join("x.ron").exists());
    assert!(!root.join("x").exists());
    assert_eq!(fs::read_dir(&dir).unwrap().count(), autosave_only);
    // Fixing the name saves inside the folder.
    press(&mut app, &[ctrl('u')]);
    type_text(&mut app, "x");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(dir.join("x.ron").exists());
}

#[test]
fn an_existing_save_is_overwritten_only_after_yes() {
    let dir = scratch("overwrite");
    let mut app = app_saving_to(&dir);
    play_turns(&mut app, 1);
    save_as(&mut app, "mine");
    let path = dir.join("mine.ron");
    let first = fs::read_to_string(&path).unwrap();

    play_turns(&mut app, 1);
    save_as(&mut app, "mine");
    assert_eq!(
        app.overlay,
        Some(Overlay::ConfirmOverwrite {
            file_name: "mine.ron".to_string()
        })
    );
    // No: back to the name, and the file is untouched.
    press(&mut app, &[ch('n')]);
    assert!(matches!(app.overlay, Some(Overlay::SavePrompt(_))));
    assert_eq!(fs::read_to_string(&path).unwrap(), first);
    // Yes overwrites.
    press(&mut app, &[key(KeyCode::Enter), ch('y')]);
    assert_eq!(app.overlay, None);
    let saved = SaveFile::read(&path).unwrap();
    assert_eq!(saved.turns.len(), 2);
}

#[test]
fn every_turn_is_autosaved() {
    let dir = scratch("autosave");
    let mut app = app_saving_to(&dir);
    play_turns(&mut app, 0);
    assert!(!autosave_path(&app).exists());
    play_turns(&mut app, 1);
    let save = SaveFile::read(&autosave_path(&app)).unwrap();
    assert_eq!(save.turns.len(), 1);
    play_turns(&mut app, 2);
    let save = SaveFile::read(&autosave_path(&app)).unwrap();
    assert_eq!(save.turns.len(), 3);
}

#[test]
fn the_saves_folder_is_created_on_the_first_save() {
    let root = scratch("create");
    let dir = root.join("new").join("saves");
    let mut app = app_saving_to(&dir);
    play_turns(&mut app, 0);
    save_as(&mut app, "first");
    assert!(dir.join("first.ron").is_file());
}

#[test]
fn l_then_enter_loads_a_save_and_the_state_is_the_saved_one() {
    let dir = scratch("load");
    let mut saver = app_saving_to(&dir);
    play_turns(&mut saver, 3);
    save_as(&mut saver, "three");
    let saved_state = saver.game.state.clone();
    fs::remove_file(autosave_path(&saver)).unwrap();

    let mut app = without_autosave(app_saving_to(&dir));
    play_turns(&mut app, 1);
    press(&mut app, &[ch('l')]);
    let Some(Overlay::LoadPicker(picker)) = &app.overlay else {
        panic!("no picker");
    };
    assert_eq!(picker.entries.len(), 1);
    assert_eq!(picker.entries[0].name, "three.ron");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.game.state, saved_state);
    assert_eq!(app.reports().len(), 3);
    assert_eq!(app.history.len(), 4);
    assert_eq!(app.screen, Screen::Dashboard);
    assert!(app.status.clone().unwrap().text.contains("three.ron"));
    // The game goes on from there.
    play_turns(&mut app, 1);
    assert_eq!(app.game.state.turn, 4);
}

#[test]
fn a_broken_save_is_listed_with_its_reason_and_cannot_be_chosen() {
    let dir = scratch("broken");
    fs::write(dir.join("broken.ron"), "(format: 1, nonsense").unwrap();
    fs::write(dir.join(".hidden.ron.tmp-1"), "x").unwrap();
    let mut app = app_saving_to(&dir);
    play_turns(&mut app, 0);
    press(&mut app, &[ch('l')]);
    let Some(Overlay::LoadPicker(picker)) = &app.overlay else {
        panic!("no picker");
    };
    assert_eq!(picker.entries.len(), 1);
    let message = picker.entries[0].info.clone().unwrap_err();
    assert!(message.contains("not a valid save"), "{message}");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.overlay, Some(Overlay::LoadPicker(_))));
    assert_eq!(app.game.state.turn, 0);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.overlay, None);
}

#[test]
fn a_save_that_fails_its_checks_shows_the_message_and_keeps_the_game() {
    let dir = scratch("diverges");
    let mut saver = app_saving_to(&dir);
    play_turns(&mut saver, 2);
    save_as(&mut saver, "edited");
    fs::remove_file(autosave_path(&saver)).unwrap();
    // Hand-edit a checksum: the file parses but does not replay.
    let path = dir.join("edited.ron");
    let text = fs::read_to_string(&path).unwrap();
    let save = SaveFile::read(&path).unwrap();
    let edited = text.replacen(&save.turns[0].checksum, "0123456789abcdef", 1);
    fs::write(&path, edited).unwrap();

    let mut app = without_autosave(app_saving_to(&dir));
    play_turns(&mut app, 1);
    let before = app.game.state.clone();
    press(&mut app, &[ch('l'), key(KeyCode::Enter)]);
    let Some(Overlay::LoadPicker(picker)) = &app.overlay else {
        panic!("the picker should stay open: {:?}", app.overlay);
    };
    let error = picker.error.clone().unwrap();
    assert!(error.contains("edited.ron"), "{error}");
    assert!(error.contains("turn 1 diverges"), "{error}");
    assert_eq!(app.game.state, before);
}

/// Root ignores file permissions, so a read-only folder is not enough to
/// make a write fail; a folder "inside" a regular file fails for everyone.
#[test]
fn a_failed_save_shows_an_error_and_the_game_goes_on() {
    let root = scratch("readonly");
    let file = root.join("file.txt");
    fs::write(&file, "not a folder").unwrap();
    let dir = file.join("saves");
    let mut app = app_saving_to(&dir);
    play_turns(&mut app, 0);
    press(&mut app, &[key(KeyCode::Enter)]);
    // The autosave after that turn failed, and said so.
    let status = app.status.clone().unwrap();
    assert!(status.error, "{status:?}");
    assert!(status.text.contains("Autosave failed"), "{status:?}");
    press(&mut app, &[key(KeyCode::Enter)]);
    save_as(&mut app, "mine");
    let status = app.status.clone().unwrap();
    assert!(status.error);
    assert!(status.text.contains("Not saved"), "{status:?}");
    assert_eq!(app.overlay, None);
    assert!(app.running);
    assert_eq!(app.game.state.turn, 1);
    play_turns(&mut app, 1);
    assert_eq!(app.game.state.turn, 2);
}

fn finished_game() -> chokepoints::engine::Game {
    let mut app = support::app();
    press(&mut app, &[key(KeyCode::Enter)]);
    while app.screen != Screen::Debrief {
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    app.game
}

#[test]
fn the_replay_viewer_steps_within_bounds() {
    let game = finished_game();
    let turns = game.moves.len();
    let mut app = App::replay(&game, "game.ron".to_string());
    let cursor = |app: &App| app.replay.as_ref().unwrap().cursor;
    assert_eq!(cursor(&app), 0);
    assert_eq!(app.screen, Screen::Dashboard);
    assert_eq!(app.game.state.turn, 0);
    press(&mut app, &[key(KeyCode::Left)]);
    assert_eq!(cursor(&app), 0);
    press(
        &mut app,
        &[key(KeyCode::Right), key(KeyCode::Right), ch('l')],
    );
    assert_eq!(cursor(&app), 3);
    assert_eq!(app.game.state, game_after(&game, 3));
    assert_eq!(app.reports().len(), 3);
    assert_eq!(app.history.len(), 4);
    press(&mut app, &[ch('h')]);
    assert_eq!(cursor(&app), 2);
    press(&mut app, &[key(KeyCode::End)]);
    assert_eq!(cursor(&app), turns);
    assert_eq!(app.game.state, game.state);
    assert_eq!(app.screen, Screen::Debrief);
    press(&mut app, &[key(KeyCode::Right)]);
    assert_eq!(cursor(&app), turns);
    press(&mut app, &[key(KeyCode::Home)]);
    assert_eq!(cursor(&app), 0);
    assert_eq!(app.screen, Screen::Dashboard);
}

fn game_after(game: &chokepoints::engine::Game, turns: usize) -> chokepoints::engine::state::State {
    let mut replayed = chokepoints::engine::Game::new(game.rules.clone(), game.seed);
    for m in &game.moves[..turns] {
        replayed.play(*m);
    }
    replayed.state
}

#[test]
fn the_replay_viewer_is_read_only() {
    let game = finished_game();
    let mut app = App::replay(&game, "game.ron".to_string());
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Report);
    assert_eq!(app.last_report().unwrap().turn, 1);
    press(&mut app, &[key(KeyCode::Right)]);
    assert_eq!(app.screen, Screen::Report);
    assert_eq!(app.last_report().unwrap().turn, 2);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.screen, Screen::Dashboard);
    press(&mut app, &[ch('s')]);
    assert_eq!(app.overlay, None);
    assert!(app.status.is_some());
    // Arrows scroll the news; they never choose or play a move.
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Down)]);
    assert_eq!(app.game.state.turn, 2);
    press(&mut app, &[ch('q')]);
    assert!(!app.running);
}

/// A whole game through the app and the test shell, drawn on a
/// `TestBackend` after every key: autosaved every quarter, saved by name
/// half-way, played on, then the named save loaded back and played to the
/// end. Every file the shell wrote verifies.
#[test]
fn a_whole_game_saves_loads_and_autosaves_through_the_test_shell() {
    let dir = scratch("whole-game-shell");
    let content = Content::builtin().unwrap();
    let mut app = app_saving_to(&dir);
    press(&mut app, &[key(KeyCode::Enter)]);
    let horizon = app.rules().scenario.horizon as usize;
    let mut quarter = 0;
    let mut halfway = None;
    while app.screen != Screen::Debrief {
        // Every screen along the way draws at 80x24.
        support::render(&app, 80, 24);
        match app.screen {
            Screen::Dashboard => {
                press(&mut app, &[key(KeyCode::End), key(KeyCode::Enter)]);
                quarter += 1;
                // The autosave holds the quarter just played.
                let auto = SaveFile::read(&autosave_path(&app)).unwrap();
                assert_eq!(auto.turns.len(), quarter);
                if quarter == horizon / 2 && halfway.is_none() {
                    save_as(&mut app, "halfway");
                    halfway = Some(app.game.clone());
                }
            }
            _ => press(&mut app, &[key(KeyCode::Enter)]),
        }
        assert!(quarter <= horizon, "the game never ended");
    }
    let finished = app.game.clone();
    // Load the half-way save: the game is as it was then.
    press(&mut app, &[ch('l')]);
    let Some(Overlay::LoadPicker(picker)) = &app.overlay else {
        panic!("no picker: {:?}", app.overlay);
    };
    let at = picker
        .entries
        .iter()
        .position(|e| e.name == "halfway.ron")
        .expect("listed");
    press(&mut app, &[key(KeyCode::Home)]);
    for _ in 0..at {
        press(&mut app, &[key(KeyCode::Down)]);
    }
    press(&mut app, &[key(KeyCode::Enter)]);
    let halfway = halfway.unwrap();
    assert_eq!(app.game.state, halfway.state);
    assert_eq!(app.game.moves, halfway.moves);
    // Played on the same way, it ends where the first run did.
    while !app.game.is_over() {
        match app.screen {
            Screen::Dashboard => press(&mut app, &[key(KeyCode::End), key(KeyCode::Enter)]),
            _ => press(&mut app, &[key(KeyCode::Enter)]),
        }
    }
    assert_eq!(app.game.state, finished.state);
    for path in [autosave_path(&app), dir.join("halfway.ron")] {
        let name = path.display();
        let save = SaveFile::read(&path).unwrap();
        save.replay(&path, &content)
            .unwrap_or_else(|e| panic!("{name} does not verify: {e}"));
    }
}

/// Two players share a folder: each game autosaves to its own file, and
/// the picker (newest first) can be limited to one player's games.
#[test]
fn players_sharing_a_folder_keep_their_own_autosaves_and_can_list_only_theirs() {
    use chokepoints::save::Players;
    use chokepoints::tui::saving::Saves;
    let dir = scratch("two-players");
    let named = |name: &str| {
        let players = Players {
            us: Some(name.to_string()),
            china: None,
        };
        support::app().with_saves(Saves::new(dir.clone(), players, "t".to_string(), 42))
    };
    let mut ana = named("Ana");
    let mut ben = named("Ben");
    play_turns(&mut ana, 2);
    play_turns(&mut ben, 1);
    assert_ne!(autosave_path(&ana), autosave_path(&ben));
    assert_eq!(SaveFile::read(&autosave_path(&ana)).unwrap().turns.len(), 2);
    assert_eq!(SaveFile::read(&autosave_path(&ben)).unwrap().turns.len(), 1);
    press(&mut ana, &[ch('l')]);
    let listed = |app: &App| match &app.overlay {
        Some(Overlay::LoadPicker(p)) => {
            p.entries.iter().map(|e| e.name.clone()).collect::<Vec<_>>()
        }
        other => panic!("no picker: {other:?}"),
    };
    assert_eq!(listed(&ana).len(), 2);
    press(&mut ana, &[ch('p')]);
    let mine = listed(&ana);
    assert_eq!(mine.len(), 1);
    assert!(mine[0].contains("ana"), "{mine:?}");
    assert!(support::render(&ana, 100, 24).contains("showing Ana's games"));
    press(&mut ana, &[ch('p')]);
    assert_eq!(listed(&ana).len(), 2);
}
