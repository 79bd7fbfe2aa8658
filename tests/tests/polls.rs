//! Date polls over HTTP: invitations by email, answers from the emailed
//! link without logging in, results for everyone invited, and the chosen
//! slot turned into a meeting that invites everybody.

use chrono::{TimeZone, Utc};
use relais_domain::Role;
use relais_tests::TestApp;
use relais_tests::lyon::LYON_PEOPLE;
use reqwest::StatusCode;

#[tokio::test]
async fn a_poll_invites_by_email_collects_answers_and_becomes_a_meeting() {
    let app = TestApp::spawn_at(
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0)
            .single()
            .expect("time"),
    )
    .await;
    let (edition, lyon) = app.create_lyon().await;
    let lyon = lyon.to_string();
    app.create_city_in("dakar", "Dakar", "Africa/Dakar", Some(edition))
        .await;
    app.create_accounts(&LYON_PEOPLE[..3]).await;
    app.create_account("far@example.org", "Far Away", Role::Member, Some("dakar"))
        .await;
    let coordinator = app.logged_in("coord@example.org").await;

    let base = [
        ("city_id", lyon.as_str()),
        ("title", "Atelier avec la Métropole"),
        ("description", ""),
        ("place_address", "Hôtel de la Métropole"),
        ("duration_minutes", "120"),
        ("capacity", "20"),
    ];
    let mut bad = base.to_vec();
    bad.extend([
        ("slot_date", "2026-01-20"),
        ("slot_time", "18:00"),
        ("slot_date", "2025-12-01"),
        ("slot_time", "18:00"),
        ("closes_on", "2026-01-25"),
    ]);
    let refused = coordinator
        .submit("/admin/polls", "/admin/polls", &bad)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Un créneau est déjà passé.");
    refused.assert_contains(r#"value="2025-12-01""#);
    refused.assert_contains(r##"href="#field-slots""##);

    // Lines come as rows of a day and a time; asking for more keeps what
    // was typed, creates nothing, and a half-filled line is named.
    let mut more = base.to_vec();
    more.extend([
        ("slot_date", "2026-01-20"),
        ("slot_time", "18:00"),
        ("slot_date", ""),
        ("slot_time", ""),
        ("closes_on", "2026-01-15"),
        ("more_slots", "yes"),
    ]);
    let grown = coordinator
        .submit("/admin/polls", "/admin/polls", &more)
        .await;
    assert_eq!(grown.status, StatusCode::OK);
    assert_eq!(grown.body.matches(r#"name="slot_date""#).count(), 7);
    grown.assert_contains(r#"value="2026-01-20""#);
    grown.assert_contains("Jour du créneau 7");
    let mut half = base.to_vec();
    half.extend([
        ("slot_date", "2026-01-20"),
        ("slot_time", "18:00"),
        ("slot_date", "2026-01-22"),
        ("slot_time", ""),
        ("closes_on", "2026-01-15"),
    ]);
    let refused = coordinator
        .submit("/admin/polls", "/admin/polls", &half)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Un créneau a un jour sans heure");
    // An hour that summer time skips in Lyon is refused, not moved.
    let mut skipped = base.to_vec();
    skipped.extend([
        ("slot_date", "2026-03-29"),
        ("slot_time", "02:30"),
        ("slot_date", "2026-03-30"),
        ("slot_time", "18:00"),
        ("closes_on", "2026-01-15"),
    ]);
    let refused = coordinator
        .submit("/admin/polls", "/admin/polls", &skipped)
        .await;
    // As French is printed: a narrow no-break space before the colon.
    assert!(
        refused
            .body
            .contains("Cette heure n'existe pas ce jour-là\u{202f}:"),
        "{}",
        refused.body
    );
    assert!(app.deliver().await.is_empty(), "nothing was created");

    // As people write them where the browser has no picker: 22/01/2026, 18h30.
    let mut good = base.to_vec();
    good.extend([
        ("slot_date", "2026-01-20"),
        ("slot_time", "18:00"),
        ("slot_date", "22/01/2026"),
        ("slot_time", "18h30"),
        ("slot_date", "2026-01-27"),
        ("slot_time", "12 h"),
        ("slot_date", ""),
        ("slot_time", ""),
        ("closes_on", "2026-01-15"),
    ]);
    let created = coordinator
        .submit("/admin/polls", "/admin/polls", &good)
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let results_path = created.location.expect("location");

    let emails = app.deliver().await;
    let invited: Vec<&str> = emails.iter().map(|e| e.to.as_str()).collect();
    assert_eq!(
        emails.len(),
        3,
        "Lyon's three members, not Dakar's: {invited:?}"
    );
    let ana_link = emails
        .iter()
        .find(|e| e.to.contains("ana@"))
        .expect("ana")
        .link(&app.base_url, "/polls/");
    let ben_link = emails
        .iter()
        .find(|e| e.to.contains("ben@"))
        .expect("ben")
        .link(&app.base_url, "/polls/");

    // Answering needs no log-in: the link is the key.
    let ana = app.client();
    let ballot = ana.get(&ana_link).await;
    assert_eq!(ballot.status, StatusCode::OK);
    let slot_names: Vec<String> = regex::Regex::new(r#"name="(slot-\d+)" value="yes""#)
        .expect("regex")
        .captures_iter(&ballot.body)
        .map(|c| c[1].to_owned())
        .collect();
    assert_eq!(slot_names.len(), 3);
    let token = ballot.csrf_token();
    let answered = ana
        .post_raw(
            &ana_link,
            &[
                ("csrf_token", &token),
                (&slot_names[0], "yes"),
                (&slot_names[1], "if_need_be"),
                (&slot_names[2], "no"),
            ],
        )
        .await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER);
    let ben = app.client();
    let token = ben.get(&ben_link).await.csrf_token();
    ben.post_raw(
        &ben_link,
        &[
            ("csrf_token", &token),
            (&slot_names[0], "yes"),
            (&slot_names[1], "no"),
            (&slot_names[2], "yes"),
        ],
    )
    .await;
    let seen = ben.get(&ben_link).await;
    seen.assert_contains("Ana");
    seen.assert_contains("2 oui, 0 si besoin");
    assert_eq!(
        app.client()
            .get(&format!("{}-forged", ana_link))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let results = coordinator.get(&results_path).await;
    results.assert_contains("Sans réponse : 1");
    let convert = regex::Regex::new(r#"action="(/admin/polls/\d+/convert)"[^>]*><input type="hidden" name="csrf_token" value="[0-9a-f]+"><input type="hidden" name="slot_id" value="(\d+)""#)
        .expect("regex")
        .captures(&results.body)
        .expect("convert form");
    let (action, slot) = (convert[1].to_owned(), convert[2].to_owned());
    // The button asks first, saying who will be emailed.
    let asked = coordinator
        .submit(&results_path, &action, &[("slot_id", &slot)])
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    asked.assert_contains("Les 3 personnes invitées au sondage recevront une invitation");
    asked.assert_contains(r#"name="confirmed" value="yes""#);
    let made = coordinator
        .submit(
            &results_path,
            &action,
            &[("slot_id", &slot), ("confirmed", "yes")],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let meeting = made.location.expect("meeting");
    let page = app.client().get(&meeting).await;
    page.assert_contains("Atelier avec la Métropole");
    page.assert_contains("mardi 20 janvier 2026 à 18\u{a0}h\u{a0}00");
    let invitations: Vec<_> = app
        .deliver()
        .await
        .into_iter()
        .filter(|e| e.subject.starts_with("Invitation :"))
        .collect();
    assert_eq!(invitations.len(), 3, "everybody asked is invited");
    assert!(
        invitations[0].raw.contains("text/calendar")
            && invitations[0].raw.contains("invitation.ics"),
        "the meeting's calendar file is attached: {}",
        invitations[0].raw
    );
    let again = coordinator
        .submit(&results_path, &action, &[("slot_id", &slot)])
        .await;
    assert_eq!(
        again.location.as_deref(),
        Some(meeting.as_str()),
        "converting twice gives the same meeting"
    );

    let closed = ana.get(&ana_link).await;
    closed.assert_contains("La date est choisie.");
    let token = ana.get("/login").await.csrf_token();
    let late = ana
        .post_raw(&ana_link, &[("csrf_token", &token), (&slot_names[0], "no")])
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn silent_invitees_are_reminded_once_before_the_poll_closes() {
    let app = TestApp::spawn_at(
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0)
            .single()
            .expect("time"),
    )
    .await;
    let (_, lyon) = app.create_lyon().await;
    app.create_accounts(&LYON_PEOPLE[..3]).await;
    let coordinator = app.logged_in("coord@example.org").await;
    let lyon = lyon.to_string();
    coordinator
        .submit(
            "/admin/polls",
            "/admin/polls",
            &[
                ("city_id", lyon.as_str()),
                ("title", "Lancement"),
                ("duration_minutes", "90"),
                ("capacity", "30"),
                ("slot_date", "2026-01-20"),
                ("slot_time", "18:00"),
                ("slot_date", "2026-01-21"),
                ("slot_time", "18:00"),
                ("closes_on", "2026-01-10"),
            ],
        )
        .await;
    let emails = app.deliver().await;
    let ana_link = emails
        .iter()
        .find(|e| e.to.contains("ana@"))
        .expect("ana")
        .link(&app.base_url, "/polls/");
    let ana = app.client();
    let ballot = ana.get(&ana_link).await;
    let slot = regex::Regex::new(r#"name="(slot-\d+)" value="yes""#)
        .expect("regex")
        .captures(&ballot.body)
        .expect("slot")[1]
        .to_owned();
    ana.post_raw(
        &ana_link,
        &[("csrf_token", &ballot.csrf_token()), (&slot, "yes")],
    )
    .await;

    let run = |hours: i64| {
        let jobs = app.jobs.clone();
        let at = app.ctx.now() + chrono::Duration::hours(hours);
        async move {
            relais_scheduler::poll_reminders::run(&jobs, at)
                .await
                .expect("job")
        }
    };
    assert_eq!(run(0).await, Some(0), "five days before closing: too early");
    // 9 January, 12:00 in Paris: the poll closes the next evening.
    app.clock.set(
        Utc.with_ymd_and_hms(2026, 1, 9, 11, 0, 0)
            .single()
            .expect("time"),
    );
    assert_eq!(
        run(0).await,
        Some(2),
        "Ben and the coordinator, who have not answered; not Ana"
    );
    assert_eq!(run(1).await, Some(0), "and only once");
    assert_eq!(run(1).await, None, "the same slot is not run twice");
    let reminder = app.last_email_to("ben@example.org").await;
    assert_eq!(reminder.subject, "Dernier rappel : Lancement");
    let fresh = reminder.link(&app.base_url, "/polls/");
    assert_eq!(
        app.client().get(&fresh).await.status,
        StatusCode::OK,
        "the reminder's link works"
    );
}
