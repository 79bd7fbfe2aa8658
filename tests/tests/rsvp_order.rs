//! Answers are timed when they take the meeting's lock, not when they
//! arrive: two "yes" 10 ms apart are confirmed and queued in the order
//! they were decided, on SQLite and PostgreSQL alike.

use chrono::{Duration, TimeZone, Utc};
use relais_domain::Role;
use relais_domain::entities::{meetup_occurrence as occurrence, rsvp as rsvp_row};
use relais_domain::meetup::{self, SeriesInput};
use relais_domain::rsvp::{self, Answer, Outcome};
use relais_tests::TestApp;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};

#[tokio::test]
async fn an_answer_waiting_for_the_meeting_lock_is_timed_when_it_gets_it() {
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .expect("time");
    let app = TestApp::spawn_at(start).await;
    let (_, lyon) = app.create_lyon().await;
    app.create_accounts(&[
        ("coord@example.org", "Luc", Role::Coordinator, Some("lyon")),
        ("ana@example.org", "Ana", Role::Member, Some("lyon")),
        ("ben@example.org", "Ben", Role::Member, Some("lyon")),
    ])
    .await;
    let coordinator = app.actor("coord@example.org").await;
    let series = meetup::create_series(
        &app.ctx,
        &coordinator,
        lyon,
        &SeriesInput {
            title: "Rencontre de Lyon".into(),
            description: "Une place seulement.".into(),
            ordinal: "second".into(),
            weekday: "thu".into(),
            start_time: "19:00".into(),
            duration_minutes: "120".into(),
            place_address: "Hôtel de Ville, Lyon".into(),
            online_url: String::new(),
            audiences: vec![],
            capacity: "1".into(),
        },
    )
    .await
    .expect("series");
    let meeting = occurrence::Entity::find()
        .filter(occurrence::Column::SeriesId.eq(series))
        .order_by_asc(occurrence::Column::StartsAt)
        .one(&app.ctx.db)
        .await
        .expect("query")
        .expect("occurrence")
        .id;
    let (ana, ben) = (
        app.actor("ana@example.org").await,
        app.actor("ben@example.org").await,
    );

    // Someone else holds the meeting's lock while Ana answers.
    let lock = app.ctx.db.begin().await.expect("txn");
    occurrence::Entity::update_many()
        .col_expr(
            occurrence::Column::UpdatedAt,
            Expr::col(occurrence::Column::UpdatedAt),
        )
        .filter(occurrence::Column::Id.eq(meeting))
        .exec(&lock)
        .await
        .expect("lock");
    let ctx = app.ctx.clone();
    let waiting = tokio::spawn(async move { rsvp::answer(&ctx, &ana, meeting, Answer::Yes).await });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!waiting.is_finished(), "Ana waits for the lock");
    app.advance(Duration::milliseconds(10));
    lock.commit().await.expect("release");
    assert_eq!(
        waiting.await.expect("task").expect("answer"),
        Outcome::Confirmed
    );
    app.advance(Duration::milliseconds(10));
    assert_eq!(
        rsvp::answer(&app.ctx, &ben, meeting, Answer::Yes)
            .await
            .expect("answer"),
        Outcome::Waitlisted
    );

    let rows = rsvp_row::Entity::find()
        .filter(rsvp_row::Column::OccurrenceId.eq(meeting))
        .all(&app.ctx.db)
        .await
        .expect("rsvps");
    let answered = |waitlisted: bool| {
        rows.iter()
            .find(|r| r.waitlisted == waitlisted)
            .expect("row")
            .answered_at
    };
    assert_eq!(
        answered(false),
        start + Duration::milliseconds(10),
        "timed when the lock was taken, not when the answer arrived"
    );
    assert!(answered(false) < answered(true));
}
