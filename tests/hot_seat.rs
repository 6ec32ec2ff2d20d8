//! Hot-seat play: a second player chooses Beijing's responses. The keyboard
//! passes between the sides, each side's choice stays hidden until both
//! have moved, and saves and replays record both sides' choices.

mod support;

use assert_cmd::Command;
use chokepoints::engine::{MoveId, ResponseId};
use chokepoints::play::hot_seat::{Side, response_effects};
use chokepoints::save::SaveFile;
use chokepoints::tui::app::Screen;
use chokepoints::tui::saving::Saves;
use ratatui::crossterm::event::KeyCode;
use support::{ch, hot_seat_app, key, press, render, scratch};

#[test]
fn washington_then_beijing_choose_and_the_report_shows_both() {
    let mut app = hot_seat_app();
    press(&mut app, &[key(KeyCode::Enter)]); // Washington's briefing
    press(&mut app, &[ch('j'), ch('j'), ch('j')]); // ban downgraded chips
    press(&mut app, &[key(KeyCode::Enter)]);
    // Washington's choice is hidden behind the pass screen; nothing played yet.
    assert_eq!(app.screen, Screen::PassKeyboard(Side::China));
    assert_eq!(app.game.state.turn, 0);
    let hidden = render(&app, 80, 24);
    assert!(hidden.contains("Pass the keyboard to Team Red"));
    assert!(
        !hidden.contains("Ban downgraded"),
        "the choice must stay hidden"
    );
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        app.screen,
        Screen::ChinaBriefing,
        "Beijing reads its own briefing first"
    );
    assert!(render(&app, 80, 24).contains("You are Beijing"));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::ChinaTurn);
    press(&mut app, &[ch('j'), ch('j')]); // rare-earth retaliation
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Report);
    assert_eq!(app.game.state.turn, 1);
    let report = &app.reports()[0];
    assert_eq!(report.us_move, MoveId::BanDowngraded);
    assert_eq!(report.responses.len(), 1);
    assert_eq!(
        report.responses[0].response,
        ResponseId::RareEarthRetaliation
    );
    assert_eq!(app.game.china, vec![Some(ResponseId::RareEarthRetaliation)]);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::PassKeyboard(Side::Us));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Dashboard);
    // The second time, Beijing goes straight to its choice.
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::ChinaTurn);
}

#[test]
fn a_scripted_hot_seat_game_saves_and_replays_with_both_sides_moves() {
    let dir = scratch("hot-seat-save");
    let mut app = hot_seat_app().with_saves(Saves::new(
        dir.clone(),
        chokepoints::save::Players {
            us: Some("Ana".to_string()),
            china: Some("Team Red".to_string()),
        },
        "test".to_string(),
        support::SEED,
    ));
    press(&mut app, &[key(KeyCode::Enter)]);
    let mut guard = 0;
    while app.screen != Screen::Debrief {
        match app.screen {
            Screen::Dashboard => {
                press(&mut app, &[ch('k'), key(KeyCode::Enter)]);
                if app.overlay.is_some() {
                    press(&mut app, &[ch('y')]);
                }
            }
            Screen::ChinaTurn => press(&mut app, &[ch('j'), key(KeyCode::Enter)]),
            _ => press(&mut app, &[key(KeyCode::Enter)]),
        }
        guard += 1;
        assert!(guard < 400, "the game never ended");
    }
    let turns = app.game.state.turn as usize;
    assert!(
        app.game.china.iter().all(Option::is_some),
        "every turn has Beijing's choice"
    );
    let autosave = support::autosave_path(&app);
    assert_eq!(
        autosave.file_name().unwrap(),
        "autosave-ana-vs-team-red-test-s42.ron",
        "named from the players, the session and the seed"
    );
    let save = SaveFile::read(&autosave).unwrap();
    assert_eq!(save.turns.len(), turns);
    assert!(save.turns.iter().all(|t| t.china.is_some()));
    assert_eq!(save.players.us.as_deref(), Some("Ana"));
    assert_eq!(save.players.china.as_deref(), Some("Team Red"));
    let out = Command::cargo_bin("chokepoints")
        .unwrap()
        .args(["replay", autosave.to_str().unwrap(), "--verify"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("verified {turns} turns")
    );
}

#[test]
fn plain_hot_seat_reads_both_sides_and_the_save_replays() {
    let dir = scratch("hot-seat-plain");
    let path = dir.join("class.ron");
    let out = Command::cargo_bin("chokepoints")
        .unwrap()
        .args([
            "play",
            "--plain",
            "--seed",
            "5",
            "--china",
            "human",
            "--us-name",
            "Ana",
            "--china-name",
            "Team Red",
            "--save",
            path.to_str().unwrap(),
        ])
        .write_stdin("4\nrare-earth-retaliation\nopen-talks\n8\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Team Red plays Beijing"), "{text}");
    assert!(text.contains("Pass the keyboard to Team Red"));
    assert!(text.contains("You are Beijing"));
    assert!(text.contains("Beijing's response"));
    // Beijing's options in words, judged for Beijing; no formulas.
    assert!(
        text.contains("✓ U.S. mineral stress rises by up to 40 (of 100), more the greater China's mineral leverage (now 70 → about +28)."),
        "{text}"
    );
    assert!(
        text.contains("✓ Allied alignment falls by 3 (of 100)."),
        "{text}"
    );
    assert!(!text.contains("× China"), "{text}");
    assert!(!text.contains("likely reply"), "{text}");
    assert!(!text.contains("Pragmatist doctrine"), "{text}");
    assert!(text.contains("Ana (U.S.) vs Team Red (China)"), "{text}");
    // The report Beijing reads names the chooser and judges for Beijing.
    assert!(
        text.contains("Rare-earth retaliation. Team Red chose it."),
        "{text}"
    );
    assert!(text.contains("good for Beijing"), "{text}");
    assert!(!text.contains("Chosen by the player"), "{text}");
    let save = SaveFile::read(&path).unwrap();
    let china: Vec<Option<ResponseId>> = save.turns.iter().map(|t| t.china).collect();
    assert_eq!(
        china,
        vec![
            Some(ResponseId::RareEarthRetaliation),
            Some(ResponseId::Negotiate)
        ]
    );
    assert_eq!(save.turns[0].us, MoveId::BanDowngraded);
    let verify = Command::cargo_bin("chokepoints")
        .unwrap()
        .args(["replay", path.to_str().unwrap(), "--verify"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&verify.stdout).trim(),
        "verified 2 turns"
    );
    // The debrief report names both sides and says Beijing was human.
    let report = Command::cargo_bin("chokepoints")
        .unwrap()
        .args(["report", path.to_str().unwrap()])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&report.stdout);
    assert!(
        md.contains("Ana") && md.contains("Team Red (Beijing, human)"),
        "{md}"
    );
    assert!(
        md.contains("Rare-earth retaliation: Team Red chose it."),
        "{md}"
    );
    assert!(!md.contains("Chosen by the player"), "{md}");
}

#[test]
fn hot_seat_screens_render() {
    let mut app = hot_seat_app();
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    insta::assert_snapshot!("hot_seat_pass", render(&app, 80, 24));
    press(
        &mut app,
        &[key(KeyCode::Enter), key(KeyCode::Enter), ch('j')],
    );
    insta::assert_snapshot!("hot_seat_china_turn", render(&app, 100, 30));
    // All ten responses fit at 80×24, with the highlighted one's effects.
    let down: Vec<_> = (0..7).map(|_| ch('j')).collect();
    press(&mut app, &down);
    let small = render(&app, 80, 24);
    assert!(small.contains("10 Wait and see"), "{small}");
    assert!(
        small.contains("✓ China's mineral leverage rises by 6"),
        "{small}"
    );
    assert!(small.contains("Gauges (✓ good for Beijing"), "{small}");
    insta::assert_snapshot!("hot_seat_china_turn_80x24", small);
    // Every response's whole preview fits at 80×24: its last effect shows.
    press(&mut app, &[key(KeyCode::Home)]);
    for (i, r) in ResponseId::ALL.iter().enumerate() {
        let screen = render(&app, 80, 24);
        let preview = response_effects(app.rules(), &app.game.state, *r);
        let last: String = preview.last().unwrap().marked().chars().take(14).collect();
        assert!(
            screen.contains(&last),
            "response {}: {last}\n{screen}",
            i + 1
        );
        press(&mut app, &[ch('j')]);
    }
}

/// A human Beijing is named, not scripted: the report says who chose,
/// Washington gets no predicted reply, and Beijing reads the report's
/// changes judged for Beijing.
#[test]
fn a_human_beijing_is_named_and_not_predicted() {
    let mut app = hot_seat_app();
    press(&mut app, &[key(KeyCode::Enter)]);
    let dashboard = render(&app, 100, 40);
    assert!(!dashboard.contains("likely reply"), "{dashboard}");
    assert!(
        dashboard.contains("Ana (U.S.) vs Team Red (China)"),
        "{dashboard}"
    );
    // Washington plays, Beijing retaliates with rare earths.
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    press(
        &mut app,
        &[key(KeyCode::Enter), ch('j'), ch('j'), key(KeyCode::Enter)],
    );
    assert_eq!(app.screen, Screen::Report);
    let report = render(&app, 80, 40);
    assert!(report.contains("Team Red chose it."), "{report}");
    assert!(!report.contains("Chosen by the player"), "{report}");
    assert!(report.contains("(✓ good for Beijing, ✗ bad)"), "{report}");
    // China leverage fell: bad for Beijing, though good for Washington.
    let leverage = report
        .lines()
        .find(|l| l.contains("China leverage"))
        .unwrap();
    assert!(leverage.contains('✗'), "{leverage}");
    // Back to Washington: its own marks, and the news names the chooser.
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Dashboard);
    let dashboard = render(&app, 120, 40);
    let leverage = dashboard
        .lines()
        .find(|l| l.contains("China leverage"))
        .unwrap();
    assert!(leverage.contains('✓'), "{leverage}");
    assert!(dashboard.contains("Team Red chose it."), "{dashboard}");
    press(&mut app, &[ch('i')]);
    let intel = render(&app, 100, 40);
    assert!(intel.contains("Team Red plays Beijing"), "{intel}");
    assert!(!intel.contains("Doctrine:"), "{intel}");
}
