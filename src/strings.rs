//! Every user-facing string of the terminal game, in one place (as gitui
//! does), so wording can be reviewed and changed without reading the views.

pub const APP_NAME: &str = "Chokepoints";

pub use crate::describe::{NO_CHANGE, gauge_label, gauge_meaning};

/// Key: a two-column list of keys and what they do.
pub const HELP_TITLE: &str = " Keys (press ? or Esc to close) ";
pub const HELP_INTRO: &[&str] = &[
    "You are Washington. Each quarter choose one export-control move;",
    "Beijing answers, events happen, and the gauges show the result.",
    "Green / ✓ is good for the U.S., red / ✗ is bad; arrows show direction.",
    "Forecasts set each move against holding course over a year. In the move list ⚠ asks before playing (a risk, or hard to undo); = changes nothing now.",
    "Under the standing policy, ⚑ marks a situation an event left: quarters left, and → the number of the move that answers it. Unanswered, it bites every quarter, harder each time (1×, 3×, 5×); answered, it ends and the answer pays.",
    "When Beijing's doctrine is hidden (play --hidden-doctrine), i shows how likely each doctrine is from its answers so far, and which answers told them apart.",
];

pub const BRIEFING_TITLE: &str = " Briefing ";
pub const BRIEFING_HOW: &[&str] = &[
    "How to play: pick a move with ↑/↓ (or k/j) and press Enter to play it.",
    "Read the turn report: what Beijing did and why, and what moved each gauge.",
];
pub const BRIEFING_CONTINUE: &str = "Press any key to begin. In the game, ? shows every key.";
/// Followed by how each objective is scored, e.g. "(weight in the score;
/// each: 85% final value, 15% game average)".
pub const OBJECTIVES_TITLE: &str = "Objectives";

pub const GAUGES_TITLE: &str = " Gauges ";
pub const GAUGES_TITLE_LEGEND: &str = " Gauges  (change this quarter: ✓ good for U.S., ✗ bad) ";
pub const POLICY_TITLE: &str = " Standing U.S. policy ";
pub const MOVES_TITLE: &str = " Your move (Enter plays it) ";
pub const DETAIL_TITLE: &str = " About this move ";
pub const LOG_TITLE: &str = " News (newest first) ";
pub const NO_NEWS: &str = "No news yet. Choose Washington's first move.";
pub const REPLAY_NO_NEWS: &str =
    "Turn 0: nothing has happened yet. Press → to step through the game.";
pub const CHART_TITLE: &str = " History ";
pub const CHART_KEYS: &str = " g: add a gauge · c/Esc: close ";
pub const INTEL_TITLE: &str = " Intelligence: what Washington knows of Beijing (i/Esc closes) ";
pub const DEBRIEF_TITLE: &str = " Debrief ";
pub const CONFIRM_MOVE_TITLE: &str = " Escalation warning ";
pub const CONFIRM_MOVE_PROMPT: &str = "Play it anyway? y: yes · n/Esc: no";
pub const CONFIRM_QUIT_TITLE: &str = " Quit ";
pub const CONFIRM_QUIT_TEXT: &str = "Quit this game? Unsaved progress is lost.";
pub const CONFIRM_QUIT_PROMPT: &str = "y: quit · n/Esc: keep playing";

pub const IN_FORCE: &str = "in force";
pub const RISKY_MARK: &str = "⚠";
pub const IDLE_MARK: &str = "=";
pub const FORECAST_VERSUS: &str = "Vs holding course, after";
pub const FORECAST_HOLD: &str = "Holding course, change after";
pub const FORECAST_NO_DIFFERENCE: &str = "No gauge differs from holding course.";
pub const DETAIL_MORE_BELOW: &str = " PgDn: more ↓ ";
pub const DETAIL_MORE_ABOVE: &str = " PgUp: more ↑ ";
pub const DETAIL_MORE_BOTH: &str = " PgUp/PgDn: more ↕ ";
pub const LIKELY_REPLY: &str = "Beijing's likely reply";
pub const LIKELY_REPLY_SHORT: &str = "Likely reply";
pub const RISK: &str = "Risk";
pub const WARN_IRREVERSIBLE: &str = "Hard to undo quickly";

pub const REPORT_CONTINUE: &str = "Enter: continue · ↑/↓: scroll";
pub const REPORT_OVER: &str = "The game is over. Enter: see the debrief";
pub const WASHINGTON: &str = "Washington";
pub const BEIJING: &str = "Beijing";
pub const EVENT: &str = "Event";
pub const POLICY_CHANGED: &str = "(standing policy changed)";
pub const LEVERAGE_LOST_NOW: &str = "China's own chips now beat the export ceiling and its dependence has fallen away: U.S. leverage is lost (a score penalty).";
pub const CHANGES: &str = "Gauge changes and their causes";

pub const OUTCOME: &str = "Outcome";
pub const SCORE: &str = "Score";
pub const GRADE: &str = "Grade";
pub const OBJECTIVE_SCORES: &str = "Objectives (score 0–100; weight: share of the total)";
pub const PENALTIES: &str = "Penalties";
pub const TURNING_POINTS: &str = "Turning points (largest swings)";
pub const DEBRIEF_KEYS_HINT: &str = "n: new game · s: save · q: quit";

pub const TOO_SMALL: &str = "Enlarge the terminal to at least 80×24";

pub const SAVE_TITLE: &str = " Save the game ";
pub const SAVE_LABEL: &str = "Name (saved in";
pub const SAVE_HINT: &str = "Enter: save · Esc: cancel · Ctrl-U: clear";
pub const SAVED_TO: &str = "Saved to";
pub const NOT_SAVED: &str = "Not saved (the game goes on):";
pub const AUTOSAVE_FAILED: &str = "Autosave failed (the game goes on):";
pub const SAVING_OFF: &str = "Saving is off in this session.";
pub const CONFIRM_OVERWRITE_TITLE: &str = " Overwrite? ";
pub const CONFIRM_OVERWRITE_PROMPT: &str = "y: overwrite · n/Esc: choose another name";
pub const LOAD_TITLE: &str = " Load a saved game ";
pub const LOAD_EMPTY: &str = "No saved games yet. Press s during a game to save one.";
pub const LOAD_HINT: &str = "↑/↓: choose · Enter: load · Esc: close";
pub const LOADED: &str = "Loaded";
pub const REPLAY_READ_ONLY: &str = "This is a replay: it cannot be changed, saved or loaded over.";
pub const REPLAY_NO_REPORT: &str = "Turn 0: no turn has been played yet. Press → to step.";
pub const REPLAY_MOVES_TITLE: &str = " Move played this quarter (replay) ";
pub const REPLAY_MOVES_END: &str = " Replay: no more moves were recorded ";
pub const REPLAY_REPORT_HINT: &str = "Enter/Esc: back · ←/→: previous/next turn · ↑/↓: scroll";
pub const REPLAY_DEBRIEF_HINT: &str = "←: back a turn · r: last turn's report · q: quit";
pub const NEW_GAME_STARTED: &str = "A new game has begun.";

pub const INTEL_DOCTRINE: &str = "Doctrine";
pub const INTEL_HIDDEN: &str = "Doctrine: hidden. Washington must read it from Beijing's answers; how likely each doctrine is, from the answers so far:";
pub const INTEL_CLUES: &str = "What revealed it (the answers that told the doctrines apart)";
pub const INTEL_NO_CLUES: &str =
    "Nothing yet: so far every doctrine would have answered much the same.";
pub const CHINA_HIDDEN: &str = "doctrine hidden";
pub const READING_BEIJING: &str = "Reading Beijing (its doctrine was hidden)";
pub const INTEL_PRIORITIES: &str = "Stated priorities";
pub const INTEL_TRIGGERS: &str = "Triggers Beijing has shown so far";
pub const INTEL_NO_TRIGGERS: &str = "None yet: play a quarter and watch how Beijing answers.";
/// In a replay's log, for Beijing played by a person.
pub const INTEL_HUMAN_SHORT: &str = "played by a person (hot-seat)";
pub const INTEL_CHOICES: &str = "Responses Beijing's player has chosen so far";
pub const INTEL_ESTIMATES: &str = "Estimates of hidden quantities (best guess, likely range)";

pub const PLAIN_PROMPT: &str = "Your move (number or name; ? for help, q to quit): ";
pub const PLAIN_CONFIRM: &str = "Play it anyway? [y/n]: ";
pub const PLAIN_HELP: &[&str] = &[
    "Type a move's number (1–13) or its name (e.g. ban-downgraded) and press Enter.",
    "  g  show the gauges again    i  intelligence on Beijing",
    "  ?  this help                q  end the game now (with the score so far)",
    "  m  the model card: what the game assumes, what is contested, what it leaves out",
];
pub const PLAIN_RESUMED: &str = "Resuming a saved game after turn";
pub const PLAIN_ENDED_EARLY: &str =
    "The game ended before the horizon; the score is for the quarters played.";

// The control desk.
pub const DESK_TITLE: &str = "Control";
/// Where a match's Beijing is in a game's name before anyone has joined.
pub const DESK_OPEN_SEAT: &str = "(open)";
pub const DESK_EVERY_GAME: &str = "every game";
pub const DESK_NO_GAMES: &str = "No games yet. Games appear here as players start them.";
pub const DESK_PAUSED: &str = "PAUSED · every game waits until you resume the class (p)";
pub const DESK_NO_TIMER: &str = "No timer";
/// Followed by e.g. "2 min per quarter".
pub const DESK_TIMER: &str = "Timer:";
pub const DESK_PER_QUARTER: &str = "per quarter";
/// Under the table: what its short headings and marks mean, each kept
/// whole on a line.
pub const DESK_LEGEND: &[&str] = &[
    "Lead %: U.S. share of AI compute",
    "lev: leverage",
    "Min: mineral stress",
    "Ten: tension (all 0–100)",
    "● on ○ away",
    "⚑ inject",
    "✓ chosen",
];
pub const DESK_OVER: &str = "over";
pub const DESK_SEAT_ON: &str = "●";
pub const DESK_SEAT_AWAY: &str = "○";
pub const DESK_SEAT_SCRIPT: &str = "script";
pub const DESK_SEAT_OPEN: &str = "open";
pub const DESK_INJECT_MARK: &str = "⚑";
pub const DESK_CHOSEN_MARK: &str = "✓";
pub const DESK_HELP_TITLE: &str = " Control desk: keys and columns (? or Esc closes) ";
pub const DESK_HELP_INTRO: &str = "Every live game on the server, newest first, as it is played. Watch one, send a message into the news of one game or all, inject an event of the deck into the next quarter, pause the class, set a turn timer, and write the class report into the saves folder.";
pub const DESK_HELP_PROMPTS: &str =
    "In a prompt or the deck: Enter sends, Esc cancels, Ctrl-U clears the text.";
pub const DESK_HELP_COLUMNS_TITLE: &str = "The columns";
pub const DESK_HELP_COLUMNS: &[&str] = &[
    "Players: Washington vs Beijing; one name, a game against the computer.",
    "Turn: the quarter being played, as the players' headers number it (6/16: five played of sixteen), or over.",
    "U.S., China: each seat. ● connected, ○ away, script: the computer holds an absent player's seat, open: no one has joined yet; else Beijing's doctrine (the computer).",
    "Lead %: the U.S. share of U.S.+China AI compute.",
    "US lev: China's dependence on U.S. chips. CN lev: Beijing's mineral leverage. Min: mineral stress (100 ends the game in collapse). Ten: tension (100 ends it in crisis). All 0–100.",
    "Score: 0–100 so far, with its grade (final once the game is over).",
    "Review: the decision review's verdict on a finished game.",
    "Notes: m:ss left on this quarter's timer · ⚑ injects waiting for the next quarter (with how many) · ✓ each side that has chosen and waits.",
    "Mouse: click a game to select it; the wheel moves the selection.",
];
pub const DESK_NO_GAME_TO_WATCH: &str = "No game to watch.";
pub const DESK_NO_GAME_SELECTED: &str = "No game selected: there are no games yet.";
pub const DESK_NO_GAMES_TO_SEND: &str = "No game in play to send to.";
pub const DESK_DECK_EMPTY: &str = "The deck has no events to inject.";
pub const DESK_GAME_OVER: &str = "That game is over: nothing more happens in it.";
pub const DESK_GAME_GONE: &str = "That game has left the class: Esc, and choose another.";
pub const DESK_MESSAGE_EMPTY: &str = "Type a message first.";
/// Followed by the game's players, or "every game".
pub const DESK_MESSAGE_SENT: &str = "Message sent to";
/// "Inject sent: “TITLE”, for the next quarter of PLAYERS."
pub const DESK_INJECT_SENT: &str = "Inject sent:";
pub const DESK_INJECT_INTO: &str = "for the next quarter of";
/// Followed by e.g. "2 min per quarter."
pub const DESK_TIMER_SET: &str = "Timer set:";
pub const DESK_TIMER_OFF: &str = "Timer off.";
pub const DESK_TIMER_UNREADABLE: &str = "Not a time:";
pub const DESK_TIMER_HINT: &str =
    "Seconds (90), minutes (2m) or both (1m30s); empty, 0 or off: no timer.";
/// Followed by the shortest and longest timer, "10 s to 60 min."
pub const DESK_TIMER_BOUNDS: &str = "A quarter's timer runs from";
pub const DESK_PAUSING: &str = "Pausing the class…";
pub const DESK_RESUMING: &str = "Resuming the class…";
pub const DESK_WRITING_REPORT: &str = "Writing the class report…";
/// Followed by the game's players, or "every game".
pub const DESK_MESSAGE_TITLE: &str = "Message to";
/// Followed by `CONTROL_MARK`.
pub const DESK_MESSAGE_LABEL: &str = "Players read it in their news, marked";
pub const DESK_TIMER_TITLE: &str = " Turn timer ";
/// Followed by the timer now.
pub const DESK_TIMER_NOW: &str = "Now:";
/// Followed by the game's players, or "every game".
pub const DESK_INJECT_TITLE: &str = "Inject an event into the next quarter of";
pub const DESK_INJECT_WAITING: &str = "Already waiting for this game:";
pub const DESK_CONFIRM_QUIT_TITLE: &str = " Quit control ";
pub const DESK_CONFIRM_QUIT_TEXT: &str =
    "Leave the control desk? The players' games go on without you.";
pub const DESK_CONFIRM_QUIT_PROMPT: &str = "y: quit control · n/Esc: stay";
pub const DESK_CONNECTED: &str = "connected";
pub const DESK_AWAY: &str = "away";
pub const DESK_SCRIPTED: &str = "away, the script plays for now";
pub const DESK_OPEN: &str = "open: no one has joined yet";
pub const DESK_COMPUTER: &str = "the computer";
pub const DESK_SO_FAR: &str = "so far";
pub const DESK_FINAL: &str = "final";
pub const DESK_MESSAGES: &str = "Messages from control";
pub const DESK_TIME_LEFT: &str = "Time left";
pub const DESK_CHOSEN: &str = "Chosen, waiting";
pub const DESK_INJECTS: &str = "Injects waiting";
pub const DESK_CODE: &str = "Match code";
pub const DESK_FILE: &str = "File";

// Hot-seat.
pub const US_SIDE: &str = "Washington";
pub const CHINA_SIDE: &str = "Beijing";
pub const CHINA_BRIEFING_FALLBACK: &str = "You are Beijing. Each quarter, choose one response: fund domestic chips, tell firms to stop buying U.S. chips, squeeze rare-earth exports, stockpile and smuggle, push software efficiency, build your own tools, court Washington's allies, widen your own mineral export controls, or negotiate. Washington moves at the same time; you see its move when the quarter resolves.";
pub const CHINA_BRIEFING_TITLE: &str = " Beijing's briefing ";
pub const CHINA_TURN_TITLE: &str = " Beijing's response (Enter plays it) ";
pub const CHINA_DETAIL_TITLE: &str = " About this response ";
pub const CHINA_DIRECT_EFFECTS: &str =
    "What it does, as the turn report will apply it (✓ good for Beijing, ✗ bad):";
/// Over a response's effects where they have a panel of their own.
pub const CHINA_EFFECTS_TITLE: &str = " What it does (✓ good for Beijing) ";
pub const CHINA_DIRECT_EFFECTS_SHORT: &str = "What it does (✓ good for Beijing, ✗ bad):";
/// The gauges panel's title on Beijing's screens.
pub const GAUGES_TITLE_CHINA: &str = " Gauges (✓ good for Beijing, ✗ bad) ";
pub const GAUGES_TITLE_CHINA_LEGEND: &str =
    " Gauges  (change last quarter: ✓ good for Beijing, ✗ bad) ";
/// The turn report's changes, read by Beijing in a hot-seat game.
pub const CHANGES_CHINA: &str = "Gauge changes and their causes (✓ good for Beijing, ✗ bad)";
pub const NO_DIRECT_EFFECT: &str = "No effect: Beijing holds its hand this quarter.";
pub const OVERTURE_EFFECT: &str =
    "an offer: if Washington opens talks next quarter, they close a deal";
/// Shown with Open talks while Beijing's offer to negotiate stands.
/// Marks a standing situation in a narrow panel.
pub const STANDING_MARK: &str = "⚑";
/// Opens the line saying which standing situations a move answers.
pub const ANSWERS: &str = "Answers a standing situation:";
pub const OVERTURE_STANDS: &str = "Beijing's offer stands: a deal is open.";
pub const OVERTURE_STANDS_PLAIN: &str = "Beijing's offer stands: talks now can close a deal";
pub const PASS_TITLE: &str = " Pass the keyboard ";
pub const PASS_HIDDEN: &str = "The other side's choice stays hidden until both have moved.";
pub const PASS_CONTINUE: &str = "Press Enter when you are ready.";
pub const CHINA_HUMAN: &str = "human";
pub const LOBBY_NO_SUCH_MATCH: &str = "No match has the code";
pub const LOBBY_MATCH_FULL: &str = "That match has its Beijing already.";
pub const LOBBY_RETAKE_WITH_CODE: &str = "You hold a seat in that match already: take it back with \"Resume my game\" and its resume code.";
pub const LOBBY_RESUME_TOO_SOON: &str =
    "Several wrong codes: wait a second, then type the code again.";
pub const LOBBY_WRONG_RESUME_CODE: &str =
    "That is not this game's resume code (it was shown when the game began).";
pub const LOBBY_NOT_YOUR_MATCH: &str = "You do not play in this match.";
pub const MATCH_BEGUN: &str =
    "The match has begun: both sides choose blind, and both read the turn report.";
pub const WAITING_TITLE: &str = " Waiting for the other side ";
pub const WAITING_CHOSEN: &str = "Your choice is in:";
pub const WAITING_FOR: &str = "Waiting for";

// The SSH server (`chokepoints serve`): lines a player reads outside the game.
pub const SERVE_NEEDS_TERMINAL: &str =
    "chokepoints needs a terminal: ssh -t (or connect without a command)";
pub const SERVE_FULL: &str = "The class server is full: every seat is taken. Try again in a few minutes, or ask your teacher.";
pub const SERVE_NAME_TAKEN: &str =
    "is already playing on this server. Connect with another name: ssh -p PORT OTHERNAME@HOST";
pub const SERVER_SHUTTING_DOWN: &str =
    "The server is shutting down: your game is saved up to the last quarter played.";
pub const SERVER_SHUTDOWN_BYE: &str = "chokepoints: the server has shut down. Your game was saved up to the last quarter played; connect again when it is back.";
pub const RESUME_CODE_HEADER: &str = "resume code";
pub const RESUME_CODE_IS: &str =
    "Your resume code for this game (note it: you need it to come back to this game):";

// The class's pace and news from control, as a player reads them.
pub const PAUSED_BY_CONTROL: &str =
    "Paused by control: read and look around; moves wait until control resumes the class.";
pub const PAUSED_BANNER: &str = "PAUSED BY CONTROL";
pub const RESUMED_BY_CONTROL: &str = "Control has resumed the class.";
pub const MOVE_WAITS: &str =
    "Paused by control: your move waits, and is played as soon as control resumes the class.";
pub const MOVE_HELD: &str = "your move waits:";
pub const TIME_RAN_OUT: &str =
    "The quarter's timer ran out before you chose: Washington held course.";
pub const TIME_LEFT: &str = "left";
pub const WAITING_PAUSED: &str =
    "Control has paused the class: the quarter is played when control resumes it.";
// What the control desk's requests came to, in its status line.
pub const CONTROL_WATCHING: &str = "live:";
pub const CONTROL_MESSAGE_SENT: &str = "Message sent to";
pub const CONTROL_INJECT_SENT: &str = "queued for the next quarter of";
pub const CONTROL_NOT_SENT: &str =
    "Not sent (the player is away, or the game is over or full of injects):";
pub const CONTROL_NOT_REACHED: &str = "not reached: player away, game over, or injects full";
pub const CONTROL_PAUSED: &str = "The class is paused: every player sees it, and moves wait.";
pub const CONTROL_RESUMED: &str = "The class is resumed: moves that waited are played.";
pub const CONTROL_TIMER_SET: &str = "Timer set: each quarter ends after";
pub const CONTROL_TIMER_OFF: &str = "Timer off: quarters wait for the players.";
pub const CONTROL_REPORT_WRITING: &str = "Writing the class report (reviewing every game)…";
pub const CONTROL_REPORT_WRITTEN: &str = "Class report written:";
pub const CONTROL_REPORT_FAILED: &str = "The class report was not written:";
pub const CONTROL_REPORT_EMPTY: &str = "no game of this class has a save yet";

pub const MODEL_CARD_TITLE: &str = " The model behind this game (m/Esc closes) ";
pub use crate::describe::{MODEL_CARD_ASSUMES, MODEL_CARD_CONTESTED, MODEL_CARD_LEAVES_OUT};
pub const ADVISOR: &str = "Advisor";
pub const ADVISOR_ON: &str = "Advisor on: its advice shows under the move (a turns it off).";
pub const ADVISOR_OFF: &str = "Advisor off.";
/// At the foot of a window with more below (model card, intelligence).
pub const MODEL_CARD_MORE: &str = "↑/↓ scroll for more";

pub const CLASS_TITLE: &str = "Class console";
pub const CLASS_RELOADED: &str = "Reloaded the folder.";
pub const CLASS_EMPTY: &str =
    "No saves here yet. Games saved or autosaved into this folder appear as they are written.";
/// A group heading's Beijing when people, not a doctrine, played it.
pub const CLASS_HUMAN_BEIJING: &str = "Beijing played by a person";
/// Heads the console's list of saves made under older rules.
pub const CLASS_OLDER_RULES: &str =
    "Saved under older rules: what each save stored, not verified (it cannot be replayed now)";
pub const CLASS_UNREADABLE: &str = "Files not used (unreadable, edited, or from other rules)";
pub const CLASS_HELP_TITLE: &str = " Class console keys (? or Esc closes) ";
pub const CLASS_HELP_INTRO: &str = "Every game saved in the folder, updated as students save. Games on the same scenario and seed are grouped, best score first, to compare the same situation played differently. Read-only: nothing here changes a save.";

// The decision review and the debrief's closing sections.
pub const ENDING_QUARTER: &str = "The quarter that ended the game";
pub const REVIEW_TITLE: &str = "Decision review";
pub const REVIEW_COSTLIEST: &str = "The costliest decisions";
pub const REVIEW_EVERY_QUARTER: &str = "Every quarter";
pub const REVIEW_PENDING: &str = "Reviewing your decisions against the expert's";
pub const QUESTIONS: &str = "Questions for discussion";

// The lobby of `chokepoints serve`, before any game.
/// Followed by the player's name.
pub const LOBBY_PLAYING_AS: &str = "playing as";
pub const LOBBY_MENU_TITLE: &str = " What would you like to do? ";
pub const LOBBY_NEW_GAME: &str = "New game";
/// Followed by the doctrine's name in brackets.
pub const LOBBY_NEW_GAME_ABOUT: &str = "Beijing is played by its scripted doctrine";
pub const LOBBY_RESUME: &str = "Resume my game";
pub const LOBBY_RESUME_ABOUT: &str = "Your saved games on this server";
pub const LOBBY_CREATE: &str = "Create a match (play Washington)";
pub const LOBBY_CREATE_ABOUT: &str = "Get a code to give a classmate, who plays Beijing";
pub const LOBBY_JOIN: &str = "Join a match as Beijing";
pub const LOBBY_JOIN_ABOUT: &str = "Type the code a classmate gave you";
pub const LOBBY_CLASS_GAME: &str = "Class game:";
pub const LOBBY_NEW_SEED: &str = "a new seed each game";
/// Followed by the player's name and a full stop.
pub const LOBBY_NO_GAMES: &str = "No saved games yet under";
pub const LOBBY_GAMES_TITLE: &str = " Resume my game ";
pub const LOBBY_GAMES_NEED_CODE: &str =
    "You signed in with the class code: opening a game asks for its resume code.";
/// Followed by the save's name.
pub const LOBBY_RESUME_CODE_TITLE: &str = " Resume ";
pub const LOBBY_RESUME_CODE_LABEL: &str = "Type this game's resume code to open it:";
pub const LOBBY_JOIN_TITLE: &str = " Join a match as Beijing ";
pub const LOBBY_JOIN_LABEL: &str =
    "Type the code a classmate gave you. They play Washington; you play Beijing.";
pub const LOBBY_CODE_HINT: &str = "Letters and digits; capitals or not, it is the same code.";
pub const LOBBY_CODE_EMPTY: &str = "Type the code first.";
pub const LOBBY_WAITING_TITLE: &str = " Create a match: you play Washington ";
pub const LOBBY_WAITING_CODE: &str = "Your match code";
pub const LOBBY_WAITING_GIVE: &str = "Give this code to the classmate who will play Beijing.";
pub const LOBBY_WAITING_FOR: &str = "Waiting for them to join… (Esc: cancel)";
pub const LOBBY_MATCH_CANCELLED: &str = "Match cancelled.";

/// Marks what the class's control sent into a game, wherever it is shown.
pub const INJECT_MARK: &str = "[control inject]";
pub const CONTROL_MARK: &str = "[from control]";

// The control record, as players and reports show it.
/// The heading over everything control sent into a game.
pub const FROM_CONTROL: &str = "From control";
pub const US_TIMED_OUT: &str =
    "Washington did not choose before the quarter's timer ran out: it held course.";
pub const CHINA_TIMED_OUT: &str =
    "Beijing did not choose before the quarter's timer ran out: it waited and watched.";
/// After a side's move in the news where its time ran out.
pub const TIMED_OUT_SHORT: &str = "(out of time)";
/// Where control's messages came after the game's last quarter.
pub const AFTER_THE_GAME: &str = "After the last quarter";
pub const FROM_CONTROL_INTRO: &str = "What the class's control sent into this game: messages, events injected into a quarter (they fire after the quarter's drawn event, whatever their usual condition), and the sides whose time ran out (they held course).";
pub const CLASS_FROM_CONTROL_INTRO: &str = "What the class's control sent into the games: each message and inject once, with how many games received it, then each game's share.";
