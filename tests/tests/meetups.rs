//! Meetup journeys and rules against a real database: generation (also
//! racing), claimed job slots, exceptions surviving regeneration and rule
//! changes, RSVP with waitlist, calendar files, agenda, bad input.

use chrono::{Duration, TimeZone, Utc};
use relais_domain::Role;
use relais_domain::entities::rsvp as rsvp_row;
use relais_domain::meetup::{self, SeriesInput};
use relais_domain::rsvp::{self, Answer, Outcome};
use relais_scheduler::{JobContext, meetup_generation};
use relais_tests::lyon::LYON_PEOPLE;
use relais_tests::{Client, TestApp};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// 1 January 2026, 09:00 UTC: a Thursday, the year's first day.
fn new_year() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .expect("time")
}

struct Setup {
    app: TestApp,
    lyon: i32,
}

async fn setup() -> Setup {
    let app = TestApp::spawn_at(new_year()).await;
    let (_, lyon) = app.create_lyon().await;
    app.create_accounts(&LYON_PEOPLE[..4]).await;
    Setup { app, lyon }
}

fn input(ordinal: &str, weekday: &str, time: &str, capacity: &str) -> SeriesInput {
    SeriesInput {
        title: "Rencontre de Lyon".into(),
        description: "Développeurs, designers, institutions et entrepreneurs.".into(),
        ordinal: ordinal.into(),
        weekday: weekday.into(),
        start_time: time.into(),
        duration_minutes: "150".into(),
        place_address: "Hôtel de Ville, Lyon".into(),
        online_url: String::new(),
        audiences: vec![],
        capacity: capacity.into(),
    }
}

async fn answer(who: &Client, meeting: i32, what: &str) {
    let path = format!("/meetups/{meeting}");
    let response = who
        .submit(&path, &format!("{path}/rsvp"), &[("answer", what)])
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
}

#[tokio::test]
async fn a_series_fills_three_months_once_even_with_generators_racing() {
    let s = setup().await;
    let coordinator = s.app.actor("coord@example.org").await;
    let id = meetup::create_series(
        &s.app.ctx,
        &coordinator,
        s.lyon,
        &input("first", "thu", "19:00", "30"),
    )
    .await
    .expect("series");
    let first: Vec<String> = s
        .app
        .occurrences(id)
        .await
        .iter()
        .map(|o| {
            o.starts_at
                .with_timezone(&chrono_tz::Europe::Paris)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(
        first,
        [
            "2026-01-01 19:00",
            "2026-02-05 19:00",
            "2026-03-05 19:00",
            "2026-04-02 19:00"
        ]
    );

    // Two generators at once (two instances), then again a month later.
    let (a, b) = tokio::join!(
        meetup::generate_all(&s.app.ctx.db, new_year()),
        meetup::generate_all(&s.app.ctx.db, new_year())
    );
    assert_eq!(a.expect("a") + b.expect("b"), 0, "nothing new to create");
    s.app.advance(Duration::days(40)); // 10 February: the horizon now reaches 7 May
    let later = s.app.ctx.now();
    let mut racers = Vec::new();
    for _ in 0..4 {
        let db = s.app.ctx.db.clone();
        racers.push(tokio::spawn(async move {
            meetup::generate_all(&db, later).await.expect("generate")
        }));
    }
    let mut created = 0;
    for r in racers {
        created += r.await.expect("task");
    }
    assert_eq!(
        created, 1,
        "May's meeting, created once by one of the racers"
    );
    assert_eq!(s.app.occurrences(id).await.len(), 5);
}

#[tokio::test]
async fn each_generation_slot_is_run_by_one_instance_only() {
    let s = setup().await;
    let coordinator = s.app.actor("coord@example.org").await;
    meetup::create_series(
        &s.app.ctx,
        &coordinator,
        s.lyon,
        &input("last", "sun", "10:00", "30"),
    )
    .await
    .expect("series");
    let instance = |name: &str| JobContext {
        worker: name.to_owned(),
        ..s.app.jobs.clone()
    };
    let (one, two) = (instance("one"), instance("two"));
    let now = s.app.ctx.now();
    let (a, b) = tokio::join!(
        meetup_generation::run(&one, now),
        meetup_generation::run(&two, now)
    );
    let ran: Vec<bool> = [a.expect("one"), b.expect("two")]
        .iter()
        .map(Option::is_some)
        .collect();
    assert_eq!(ran.iter().filter(|r| **r).count(), 1, "{ran:?}");
    let next_hour = now + Duration::hours(1);
    assert!(
        meetup_generation::run(&two, next_hour)
            .await
            .expect("next")
            .is_some()
    );
}

#[tokio::test]
async fn exceptions_survive_regeneration_and_rule_changes_keep_what_people_answered() {
    let s = setup().await;
    let coordinator = s.app.actor("coord@example.org").await;
    let id = meetup::create_series(
        &s.app.ctx,
        &coordinator,
        s.lyon,
        &input("first", "thu", "19:00", "30"),
    )
    .await
    .expect("series");
    let occ = s.app.occurrences(id).await;
    let (feb, mar, apr) = (occ[1].id, occ[2].id, occ[3].id);
    meetup::cancel(&s.app.ctx, &coordinator, feb)
        .await
        .expect("cancel");
    meetup::reschedule(&s.app.ctx, &coordinator, mar, "2026-03-06", "18:30")
        .await
        .expect("move");
    let extra = meetup::add_single(&s.app.ctx, &coordinator, id, "2026-01-20", "18:00")
        .await
        .expect("single");
    meetup::generate_all(&s.app.ctx.db, s.app.ctx.now())
        .await
        .expect("regenerate");
    let after = s.app.occurrences(id).await;
    assert_eq!(after.len(), 5, "nothing recreated, the single one added");
    assert!(
        after
            .iter()
            .any(|o| o.id == feb && o.status == relais_domain::meetup::Status::Cancelled)
    );
    let moved = after.iter().find(|o| o.id == mar).expect("moved");
    assert_eq!(
        moved
            .starts_at
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%d %H:%M")
            .to_string(),
        "06 18:30"
    );
    assert_eq!(moved.sequence, 1);
    assert!(after.iter().any(|o| o.id == extra));

    // Ana answers April; then the rule moves to the second Tuesday.
    let ana = s.app.actor("ana@example.org").await;
    rsvp::answer(&s.app.ctx, &ana, apr, Answer::Yes)
        .await
        .expect("rsvp");
    let report = meetup::update_series(
        &s.app.ctx,
        &coordinator,
        id,
        &input("second", "tue", "18:00", "30"),
    )
    .await
    .expect("update");
    assert_eq!(
        report.to_decide,
        vec![apr],
        "April has an answer: the coordinator decides"
    );
    assert_eq!(
        report.removed, 1,
        "tonight's meeting had no answer and no longer fits"
    );
    let answers = rsvp_row::Entity::find()
        .filter(rsvp_row::Column::OccurrenceId.eq(apr))
        .count(&s.app.ctx.db)
        .await
        .expect("count");
    assert_eq!(answers, 1, "Ana's answer is still there");
    let dates: Vec<String> = s
        .app
        .occurrences(id)
        .await
        .iter()
        .filter(|o| {
            o.rule_date.is_some()
                && o.status == relais_domain::meetup::Status::Scheduled
                && o.id != apr
                && !o.manual
        })
        .map(|o| {
            o.starts_at
                .with_timezone(&chrono_tz::Europe::Paris)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .collect();
    assert!(dates.contains(&"2026-01-13 18:00".to_owned()), "{dates:?}");
    assert!(dates.contains(&"2026-02-10 18:00".to_owned()), "{dates:?}");
}

#[tokio::test]
async fn yes_beyond_capacity_joins_the_waitlist_and_the_first_waiting_is_promoted() {
    let s = setup().await;
    let coordinator = s.app.actor("coord@example.org").await;
    let id = meetup::create_series(
        &s.app.ctx,
        &coordinator,
        s.lyon,
        &input("second", "thu", "19:00", "1"),
    )
    .await
    .expect("series");
    let meeting = s.app.occurrences(id).await[0].id;
    let path = format!("/meetups/{meeting}");
    let ana = s.app.logged_in("ana@example.org").await;
    let ben = s.app.logged_in("ben@example.org").await;
    let cleo = s.app.logged_in("cleo@example.org").await;
    let yes = [("answer", "yes")];
    assert_eq!(
        ana.submit(&path, &format!("{path}/rsvp"), &yes)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    ben.submit(&path, &format!("{path}/rsvp"), &yes).await;
    cleo.submit(&path, &format!("{path}/rsvp"), &yes).await;
    ben.get(&path).await.assert_contains("en liste d'attente");
    let page = ana.get(&path).await;
    page.assert_contains("Inscrits : 1 / 1 · liste d'attente : 2");

    // Ana cannot come after all: Ben, first on the list, gets the place.
    ana.submit(&path, &format!("{path}/rsvp"), &[("answer", "no")])
        .await;
    let ben_page = ben.get(&path).await;
    assert!(
        !ben_page
            .body
            .contains("<strong>en liste d'attente</strong>"),
        "{}",
        ben_page.body
    );
    cleo.get(&path)
        .await
        .assert_contains("<strong>en liste d'attente</strong>");
    let coordinator_page = s.app.logged_in("coord@example.org").await.get(&path).await;
    coordinator_page.assert_contains("Ben");
}

#[tokio::test]
async fn concurrent_answers_never_exceed_the_capacity() {
    let s = setup().await;
    let coordinator = s.app.actor("coord@example.org").await;
    let id = meetup::create_series(
        &s.app.ctx,
        &coordinator,
        s.lyon,
        &input("second", "thu", "19:00", "2"),
    )
    .await
    .expect("series");
    let meeting = s.app.occurrences(id).await[0].id;
    let mut people = Vec::new();
    for i in 0..8 {
        let email = format!("p{i}@example.org");
        s.app
            .create_account(&email, &format!("P{i}"), Role::Member, None)
            .await;
        people.push(s.app.actor(&email).await);
    }
    let mut tasks = Vec::new();
    for person in people {
        let ctx = s.app.ctx.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..5 {
                match rsvp::answer(&ctx, &person, meeting, Answer::Yes).await {
                    Ok(outcome) => return outcome,
                    // SQLite may answer "busy" under this contention; a person would retry.
                    Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
                }
            }
            panic!("answer kept failing");
        }));
    }
    let mut confirmed = 0;
    for t in tasks {
        if t.await.expect("task") == Outcome::Confirmed {
            confirmed += 1;
        }
    }
    assert_eq!(confirmed, 2);
    let counts = rsvp::counts(
        &rsvp::attendees(&s.app.ctx.db, meeting)
            .await
            .expect("attendees"),
    );
    assert_eq!((counts.yes, counts.waitlisted), (2, 6));
}

#[tokio::test]
async fn answers_to_cancelled_or_past_meetings_are_refused() {
    let s = setup().await;
    let coordinator = s.app.actor("coord@example.org").await;
    let id = meetup::create_series(
        &s.app.ctx,
        &coordinator,
        s.lyon,
        &input("first", "thu", "19:00", "10"),
    )
    .await
    .expect("series");
    let occ = s.app.occurrences(id).await;
    meetup::cancel(&s.app.ctx, &coordinator, occ[1].id)
        .await
        .expect("cancel");
    let ana = s.app.actor("ana@example.org").await;
    let cancelled = rsvp::answer(&s.app.ctx, &ana, occ[1].id, Answer::Yes)
        .await
        .expect_err("cancelled");
    assert!(format!("{cancelled:?}").contains("error-meetup-cancelled"));
    s.app.advance(Duration::hours(12)); // 21:00 UTC on 1 January: the meeting has begun
    let past = rsvp::answer(&s.app.ctx, &ana, occ[0].id, Answer::Yes)
        .await
        .expect_err("past");
    assert!(format!("{past:?}").contains("error-meetup-past"));
}

#[tokio::test]
async fn bad_series_input_is_explained_and_kept() {
    let s = setup().await;
    let client = s.app.logged_in("coord@example.org").await;
    let lyon = s.lyon.to_string();
    let page = client
        .submit(
            "/admin/meetups",
            "/admin/meetups",
            &[
                ("city_id", &lyon),
                ("title", "Rencontre"),
                ("ordinal", "fifth"),
                ("weekday", "mon"),
                ("start_time", "vers 19h"),
                ("duration_minutes", "1500"),
                ("place_address", ""),
                ("online_url", "javascript:x"),
                ("capacity", "0"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("choisissez « dernier »");
    page.assert_contains("Heure invalide");
    page.assert_contains("La durée va de 1 minute à 24 heures.");
    page.assert_contains("Le nombre de places est un entier positif.");
    page.assert_contains(r#"value="1500""#);
    let member = s.app.logged_in("ana@example.org").await;
    assert_eq!(
        member.get("/admin/meetups").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_calendar_file_parses_with_utc_times_and_follows_changes() {
    let s = setup().await;
    let coordinator = s.app.actor("coord@example.org").await;
    let id = meetup::create_series(
        &s.app.ctx,
        &coordinator,
        s.lyon,
        &input("first", "thu", "19:00", "10"),
    )
    .await
    .expect("series");
    let occ = s.app.occurrences(id).await;
    let (summer, winter) = (occ[3].id, occ[1].id);
    let read = |id: i32| {
        let client = s.app.client();
        async move { client.get(&format!("/meetups/{id}.ics")).await }
    };
    let page = read(winter).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/calendar"))
    );
    let parsed: icalendar::Calendar = page
        .body
        .parse()
        .unwrap_or_else(|e| panic!("not iCalendar: {e}\n{}", page.body));
    let event = parsed
        .components
        .iter()
        .find_map(|c| c.as_event())
        .expect("an event");
    use icalendar::Component;
    assert_eq!(
        event.get_uid(),
        Some(format!("meetup-{winter}@127.0.0.1").as_str())
    );
    assert_eq!(
        event.property_value("DTSTART"),
        Some("20260205T180000Z"),
        "19:00 in Paris in winter"
    );
    assert!(
        read(summer).await.body.contains("DTSTART:20260402T170000Z"),
        "19:00 in Paris in summer"
    );
    meetup::reschedule(&s.app.ctx, &coordinator, winter, "2026-02-06", "19:00")
        .await
        .expect("move");
    let moved = read(winter).await.body;
    assert!(
        moved.contains("SEQUENCE:1") && moved.contains("DTSTART:20260206T180000Z"),
        "{moved}"
    );
    meetup::cancel(&s.app.ctx, &coordinator, winter)
        .await
        .expect("cancel");
    let cancelled = read(winter).await.body;
    assert!(
        cancelled.contains("STATUS:CANCELLED") && cancelled.contains("SEQUENCE:2"),
        "{cancelled}"
    );
}

#[tokio::test]
async fn a_team_asks_to_present_and_the_project_page_shows_where_it_presented() {
    let s = setup().await;
    let coordinator_actor = s.app.actor("coord@example.org").await;
    let id = meetup::create_series(
        &s.app.ctx,
        &coordinator_actor,
        s.lyon,
        &input("second", "thu", "19:00", "10"),
    )
    .await
    .expect("series");
    let meeting = s.app.occurrences(id).await[0].id;
    let ana = s.app.logged_in("ana@example.org").await;
    let lyon = s.lyon.to_string();
    let created = ana
        .create_project("Vélo-école", "Apprendre.", "social", &lyon)
        .await;
    assert_eq!(created, "/projects/velo-ecole");
    let path = format!("/meetups/{meeting}");
    let asked = ana
        .submit(
            &path,
            &format!("{path}/agenda/request"),
            &[("project", "velo-ecole")],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    let coordinator = s.app.logged_in("coord@example.org").await;
    let page = coordinator.get(&path).await;
    page.assert_contains("proposé");
    let accept = regex::Regex::new(r#"action="(/meetups/\d+/agenda/\d+/accept)""#)
        .expect("regex")
        .captures(&page.body)
        .expect("accept form")[1]
        .to_owned();
    coordinator.submit(&path, &accept, &[]).await;
    let talk = coordinator
        .submit(
            &path,
            &format!("{path}/agenda"),
            &[
                ("kind", "talk"),
                ("project_id", ""),
                ("title", "Les données ouvertes de la Métropole"),
            ],
        )
        .await;
    assert_eq!(talk.status, StatusCode::SEE_OTHER);
    let empty = coordinator
        .submit(
            &path,
            &format!("{path}/agenda"),
            &[("kind", "talk"), ("project_id", ""), ("title", "")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let visitor = s.app.client().get(&path).await;
    visitor.assert_contains("Vélo-école");
    visitor.assert_contains("Les données ouvertes de la Métropole");
    s.app
        .client()
        .get("/projects/velo-ecole")
        .await
        .assert_contains("Présenté lors des rencontres");
}

#[tokio::test]
async fn city_and_personal_feeds_parse_and_a_revoked_feed_is_gone() {
    let s = setup().await;
    let coordinator = s.app.actor("coord@example.org").await;
    let id = meetup::create_series(
        &s.app.ctx,
        &coordinator,
        s.lyon,
        &input("first", "thu", "19:00", "10"),
    )
    .await
    .expect("series");
    let occ = s.app.occurrences(id).await;
    let city = s.app.client().get("/cities/lyon/meetups.ics").await;
    assert_eq!(city.status, StatusCode::OK);
    let parsed: icalendar::Calendar = city
        .body
        .parse()
        .unwrap_or_else(|e| panic!("{e}\n{}", city.body));
    assert_eq!(
        parsed
            .components
            .iter()
            .filter(|c| c.as_event().is_some())
            .count(),
        occ.len()
    );
    assert_eq!(
        s.app
            .client()
            .get("/cities/atlantis/meetups.ics")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let ana = s.app.logged_in("ana@example.org").await;
    let lyon = s.lyon.to_string();
    ana.create_project("Jardins", "Cultiver.", "environmental", &lyon)
        .await;
    ana.submit(
        "/projects/jardins",
        "/projects/jardins/milestones",
        &[
            ("title", "Première récolte"),
            ("due_on", "2026-06-21"),
            ("status", "planned"),
        ],
    )
    .await;
    let meeting = format!("/meetups/{}", occ[1].id);
    ana.submit(&meeting, &format!("{meeting}/rsvp"), &[("answer", "maybe")])
        .await;
    // The address is shown once, when it is made: only its hash is kept.
    let made = ana.submit("/profile", "/profile/calendar", &[]).await;
    let feed_url =
        regex::Regex::new(r"(http://[^<]+/calendar/[A-Za-z0-9_-]+\.ics)").expect("regex");
    let url = feed_url.captures(&made.body).expect("feed url")[1].to_owned();
    let token = url
        .rsplit('/')
        .next()
        .expect("file")
        .trim_end_matches(".ics");
    let stored = relais_domain::entities::user::Entity::find()
        .filter(
            relais_domain::entities::user::Column::CalendarTokenHash
                .eq(relais_domain::token::hash(token)),
        )
        .count(&s.app.ctx.db)
        .await
        .expect("count");
    assert_eq!(stored, 1, "the database keeps the hash, not the token");
    let profile = ana.get("/profile").await;
    assert!(feed_url.find(&profile.body).is_none(), "shown only once");
    profile.assert_contains("Votre agenda personnel est activé.");
    let feed = s.app.client().get(&url).await;
    assert_eq!(feed.status, StatusCode::OK);
    let parsed: icalendar::Calendar = feed
        .body
        .parse()
        .unwrap_or_else(|e| panic!("{e}\n{}", feed.body));
    assert_eq!(
        parsed
            .components
            .iter()
            .filter(|c| c.as_event().is_some())
            .count(),
        2,
        "{}",
        feed.body
    );
    assert!(
        feed.body.contains("DTSTART;VALUE=DATE:20260621"),
        "{}",
        feed.body
    );
    assert!(
        feed.body.contains("DTSTART:20260205T180000Z"),
        "{}",
        feed.body
    );

    ana.submit("/profile", "/profile/calendar/revoke", &[])
        .await;
    assert_eq!(s.app.client().get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        s.app
            .client()
            .get("/calendar/not-a-real-token-at-all-0000.ics")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_personal_feed_tells_confirmed_tentative_and_cancelled_meetings_apart() {
    use icalendar::Component;
    let s = setup().await;
    let coordinator = s.app.actor("coord@example.org").await;
    let id = meetup::create_series(
        &s.app.ctx,
        &coordinator,
        s.lyon,
        &input("first", "thu", "19:00", "1"),
    )
    .await
    .expect("series");
    let occ = s.app.occurrences(id).await;
    assert!(occ.len() >= 4, "{} meetings", occ.len());
    let ana = s.app.logged_in("ana@example.org").await;
    let ben = s.app.logged_in("ben@example.org").await;
    // Ben takes the only place of the first: Ana waits for one.
    answer(&ben, occ[0].id, "yes").await;
    answer(&ana, occ[0].id, "yes").await;
    answer(&ana, occ[1].id, "maybe").await;
    answer(&ana, occ[2].id, "yes").await;
    answer(&ana, occ[3].id, "yes").await;
    meetup::cancel(&s.app.ctx, &coordinator, occ[3].id)
        .await
        .expect("cancel");
    let made = ana.submit("/profile", "/profile/calendar", &[]).await;
    let url = regex::Regex::new(r"(http://[^<]+/calendar/[A-Za-z0-9_-]+\.ics)")
        .expect("regex")
        .captures(&made.body)
        .expect("feed url")[1]
        .to_owned();
    let feed = s.app.client().get(&url).await;
    assert_eq!(feed.status, StatusCode::OK);
    let parsed: icalendar::Calendar = feed
        .body
        .parse()
        .unwrap_or_else(|e| panic!("{e}\n{}", feed.body));
    let status = |n: usize| {
        let uid = format!("meetup-{}@127.0.0.1", occ[n].id);
        parsed
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .find(|e| e.get_uid() == Some(uid.as_str()))
            .unwrap_or_else(|| panic!("no {uid} in\n{}", feed.body))
            .property_value("STATUS")
            .map(str::to_owned)
    };
    assert_eq!(status(0).as_deref(), Some("TENTATIVE"), "waitlisted");
    assert_eq!(status(1).as_deref(), Some("TENTATIVE"), "maybe");
    assert_eq!(status(2).as_deref(), Some("CONFIRMED"), "yes, with a place");
    assert_eq!(
        status(3).as_deref(),
        Some("CANCELLED"),
        "cancelled, still listed"
    );

    // Ben leaves: Ana has his place, and her calendar says so.
    answer(&ben, occ[0].id, "no").await;
    let parsed: icalendar::Calendar = s.app.client().get(&url).await.body.parse().expect("feed");
    let uid = format!("meetup-{}@127.0.0.1", occ[0].id);
    let first = parsed
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .find(|e| e.get_uid() == Some(uid.as_str()))
        .expect("first meeting");
    assert_eq!(first.property_value("STATUS"), Some("CONFIRMED"));
}
