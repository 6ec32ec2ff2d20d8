//! A player's game hears the class's control (on a server): messages go
//! into its record and save at once, an inject fires in the next quarter,
//! a pause holds the chosen move until control resumes, and the quarter's
//! timer runs out into holding course, which the record keeps.

mod support;

use chokepoints::engine::{MoveId, Side};
use chokepoints::save::SaveFile;
use chokepoints::tui::app::{Screen, reply};
use chokepoints::tui::effect::{FromControl, Reply};
use ratatui::crossterm::event::KeyCode;
use support::{
    EMBARGO, app, app_saving_to, autosave_path, event_index, key, press, render, scratch, settle,
};

fn control(app: &mut chokepoints::tui::app::App, news: FromControl) {
    let effects = reply(app, Reply::Control(news));
    settle(app, effects);
}

fn embargo(app: &chokepoints::tui::app::App) -> usize {
    event_index(app.rules(), EMBARGO)
}

#[test]
fn a_message_is_shown_recorded_and_saved_at_once() {
    let dir = scratch("control-message");
    let mut app = app_saving_to(&dir);
    press(&mut app, &[key(KeyCode::Enter)]);
    control(
        &mut app,
        FromControl::Message("Read the FT before you move.".into()),
    );
    let screen = render(&app, 80, 24);
    assert!(screen.contains("[from control] Read the FT"), "{screen}");
    assert_eq!(app.game.messages.len(), 1);
    assert_eq!(app.game.messages[0].turn, 0);
    // Saved before any quarter is played.
    let save = SaveFile::read(&autosave_path(&app)).unwrap();
    assert_eq!(save.messages, app.game.messages);
}

#[test]
fn an_inject_fires_in_the_next_quarter_and_not_before() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    let e = embargo(&app);
    control(&mut app, FromControl::Inject(e));
    assert_eq!(app.game.pending_injects, vec![e]);
    assert!(app.reports().is_empty());
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Report);
    assert_eq!(app.reports()[0].injects[0].id, EMBARGO);
    assert!(app.game.pending_injects.is_empty());
}

#[test]
fn a_pause_holds_the_move_until_control_resumes() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Enter)]);
    control(&mut app, FromControl::Paused(true));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("PAUSED BY CONTROL"), "{screen}");
    let chosen = app.selected_move();
    press(&mut app, &[key(KeyCode::Enter)]);
    if app.overlay.is_some() {
        press(&mut app, &[key(KeyCode::Char('y'))]);
    }
    assert_eq!(app.screen, Screen::Dashboard, "the move waits");
    assert_eq!(app.game.state.turn, 0);
    assert_eq!(app.pacing.held, Some(chosen));
    let screen = render(&app, 100, 30);
    assert!(screen.contains("your move waits"), "{screen}");
    control(&mut app, FromControl::Paused(false));
    assert_eq!(app.screen, Screen::Report);
    assert_eq!(app.reports()[0].us_move, chosen);
    assert_eq!(app.pacing.held, None);
    let screen = render(&app, 80, 24);
    assert!(!screen.contains("PAUSED"), "{screen}");
}

#[test]
fn the_timer_running_out_holds_course_and_the_record_says_so() {
    let dir = scratch("control-timer");
    let mut app = app_saving_to(&dir);
    press(&mut app, &[key(KeyCode::Enter)]);
    control(&mut app, FromControl::Clock(Some(42)));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("0:42 left"), "{screen}");
    // A stale time-up (for a quarter already played) does nothing.
    control(&mut app, FromControl::TimeUp { turn: 3 });
    assert_eq!(app.game.state.turn, 0);
    control(&mut app, FromControl::TimeUp { turn: 0 });
    assert_eq!(app.screen, Screen::Report);
    assert_eq!(app.reports()[0].us_move, MoveId::HoldCourse);
    assert_eq!(app.game.timed_out, vec![vec![Side::Us]]);
    let path = autosave_path(&app);
    let save = SaveFile::read(&path).unwrap();
    assert_eq!(save.turns[0].timed_out, vec![Side::Us]);
    let content = chokepoints::content::Content::builtin().unwrap();
    let replayed = save.replay(&path, &content).unwrap();
    assert_eq!(replayed.timed_out, vec![vec![Side::Us]]);
}

#[test]
fn the_viewer_does_not_record_what_control_sends() {
    let played = {
        let mut a = app();
        press(&mut a, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
        a.game.clone()
    };
    let mut viewer = chokepoints::tui::app::App::replay(&played, "live".into());
    control(&mut viewer, FromControl::Message("hello".into()));
    control(&mut viewer, FromControl::TimeUp { turn: 1 });
    control(&mut viewer, FromControl::Inject(0));
    assert!(viewer.game.messages.is_empty());
    assert!(viewer.game.pending_injects.is_empty());
    assert_eq!(viewer.replay.as_ref().unwrap().last(), 1);
}
