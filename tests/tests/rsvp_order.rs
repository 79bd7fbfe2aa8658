//! Answers are timed when they take the meeting's lock, not when they
//! arrive: two "yes" 10 ms apart are confirmed and queued in the order
//! they were decided, on SQLite and PostgreSQL alike.

use chrono::{Duration, TimeZone, Utc};
use relais_domain::entities::{meetup_occurrence as occurrence, rsvp as rsvp_row};
use relais_domain::rsvp::{self, Answer, Outcome};
use relais_tests::TestApp;
use relais_tests::lyon::{LYON_PEOPLE, lyon_series};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

#[tokio::test]
async fn an_answer_waiting_for_the_meeting_lock_is_timed_when_it_gets_it() {
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .expect("time");
    let app = TestApp::spawn_at(start).await;
    let (_, lyon) = app.create_lyon().await;
    app.create_accounts(&LYON_PEOPLE[..3]).await;
    let series = app
        .create_series("coord@example.org", lyon, &lyon_series("second", "1"))
        .await;
    let meeting = app.occurrences(series).await[0].id;
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
