//! The programme's figures against a small programme counted by hand
//! (`relais_tests::programme`): continuity, on SQLite and PostgreSQL.

use chrono::NaiveDate;
use relais_domain::figures::continuity::{self, EditionContinuity, Line};
use relais_domain::figures::monthly::{self, MonthFigures};
use relais_domain::figures::months::Progress;
use relais_domain::figures::scope;
use relais_tests::programme::{self, Programme};

fn actives(line: &Line) -> Vec<(u32, u64)> {
    line.months
        .iter()
        .filter(|m| m.active > 0)
        .map(|m| (m.month, m.active))
        .collect()
}

async fn continuity_of_all(p: &Programme) -> Vec<EditionContinuity> {
    let scope = scope::public(&p.app.ctx.db, None, None, chrono_tz::Europe::Paris)
        .await
        .expect("scope");
    continuity::of_scope(&p.app.ctx.db, &scope, programme::now())
        .await
        .expect("continuity")
}

#[tokio::test]
async fn continuity_matches_the_figures_counted_by_hand() {
    let p = programme::programme().await;
    let editions = continuity_of_all(&p).await;
    let names: Vec<&str> = editions.iter().map(|e| e.edition.slug.as_str()).collect();
    assert_eq!(names, ["2024", "2023"], "latest edition first");

    let e2024 = &editions[0];
    let cities: Vec<(&str, u64)> = e2024
        .cities
        .iter()
        .map(|(c, l)| (c.slug.as_str(), l.projects))
        .collect();
    assert_eq!(cities, [("montreal", 2), ("paris", 5)]);
    let line = |slug: &str| {
        &e2024
            .cities
            .iter()
            .find(|(c, _)| c.slug == slug)
            .expect("city")
            .1
    };
    assert_eq!(
        actives(line("paris")),
        [(1, 3), (2, 1), (3, 2), (6, 2), (8, 1), (9, 1)]
    );
    assert_eq!(actives(line("montreal")), [(1, 1), (3, 1), (6, 1)]);
    assert_eq!(e2024.all.projects, 7);
    assert_eq!(
        actives(&e2024.all),
        [(1, 4), (2, 1), (3, 3), (6, 3), (8, 1), (9, 1)]
    );

    // Month 9 is under way, month 12 has not begun; the others are over.
    let progress = |m: u32| e2024.all.month(m).expect("month").progress;
    assert_eq!(progress(8), Progress::Over);
    assert_eq!(progress(9), Progress::Running);
    assert_eq!(progress(12), Progress::NotStarted);
    assert_eq!(e2024.all.share(1), Some(4.0 / 7.0));
    assert_eq!(e2024.all.share(3), Some(3.0 / 7.0));
    assert_eq!(e2024.all.share(6), Some(3.0 / 7.0));
    assert_eq!(e2024.all.share(12), None);

    // The 2023 project's entry of March 2024 is its edition's month 12.
    let e2023 = &editions[1];
    assert_eq!(e2023.all.projects, 1);
    assert_eq!(actives(&e2023.all), [(12, 1)]);
    assert_eq!(e2023.all.share(12), Some(1.0));
}

#[tokio::test]
async fn continuity_of_one_city_and_one_edition_counts_only_them() {
    let p = programme::programme().await;
    let edition = relais_domain::edition::list(&p.app.ctx.db)
        .await
        .expect("editions")
        .into_iter()
        .find(|e| e.id == p.edition_2024);
    let scope = scope::public(
        &p.app.ctx.db,
        edition,
        Some(p.montreal),
        chrono_tz::Europe::Paris,
    )
    .await
    .expect("scope");
    assert_eq!(scope.zone, chrono_tz::America::Montreal);
    let editions = continuity::of_scope(&p.app.ctx.db, &scope, programme::now())
        .await
        .expect("continuity");
    assert_eq!(editions.len(), 1);
    assert_eq!(editions[0].all.projects, 2);
    assert_eq!(actives(&editions[0].all), [(1, 1), (3, 1), (6, 1)]);
}

#[tokio::test]
async fn months_over_are_fixed_and_the_month_under_way_moves() {
    use relais_domain::entities::{milestone, project_update};
    use relais_domain::sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let p = programme::programme().await;
    let first = continuity_of_all(&p).await;
    // The milestone that made `comeback` active in month 6 goes away, and
    // a project writes today (month 9).
    milestone::Entity::delete_many()
        .exec(&p.app.ctx.db)
        .await
        .expect("milestones deleted");
    project_update::ActiveModel {
        project_id: Set(1),
        author_id: Set(None),
        body: Set("Aujourd'hui.".into()),
        milestone_id: Set(None),
        is_public: Set(true),
        created_at: Set(programme::now()),
        edited_at: Set(None),
        ..Default::default()
    }
    .insert(&p.app.ctx.db)
    .await
    .expect("entry");
    // Written directly: the kept months follow.
    relais_domain::figures::project_months::rebuild(
        &p.app.ctx.db,
        relais_domain::check_in::Projects::All,
    )
    .await
    .expect("months rebuilt");
    let again = continuity_of_all(&p).await;
    let paris = |e: &[EditionContinuity]| {
        e[0].cities
            .iter()
            .find(|(c, _)| c.slug == "paris")
            .expect("paris")
            .1
            .clone()
    };
    assert_eq!(
        actives(&paris(&first)),
        [(1, 3), (2, 1), (3, 2), (6, 2), (8, 1), (9, 1)]
    );
    assert_eq!(
        actives(&paris(&again)),
        [(1, 3), (2, 1), (3, 2), (6, 2), (8, 1), (9, 2)],
        "month 6 was fixed when first read; month 9 counts today's entry"
    );
}

/// (active, check-ins sent, answered, milestones done, stages forward,
/// stages back, reviews) of each month.
fn monthly_rows(months: &[MonthFigures]) -> Vec<[u64; 7]> {
    months
        .iter()
        .map(|m| {
            [
                m.active,
                m.check_ins_sent,
                m.check_ins_answered,
                m.milestones_done,
                m.stages_forward,
                m.stages_back,
                m.reviews,
            ]
        })
        .collect()
}

#[tokio::test]
async fn calendar_months_count_each_city_in_its_own_calendar() {
    let p = programme::programme().await;
    let scope = scope::public(&p.app.ctx.db, None, None, chrono_tz::Europe::Paris)
        .await
        .expect("scope");
    let months: Vec<NaiveDate> = (3..=11)
        .map(|m| NaiveDate::from_ymd_opt(2024, m, 1).expect("month"))
        .collect();
    let zero = [0; 7];
    let expected_paris = vec![
        [3, 0, 0, 0, 0, 0, 0], // March: steady, discreet, elder (2023)
        [2, 0, 0, 0, 0, 0, 0], // April: comeback, midnight (both entries)
        [2, 1, 1, 0, 1, 0, 0], // May: steady, discreet's check-in; steady a prototype
        [0, 1, 0, 0, 0, 1, 0], // June: discreet's check-in unanswered; comeback paused
        zero,
        [2, 0, 0, 1, 0, 0, 0], // August: steady, comeback's milestone
        zero,
        zero,
        [2, 1, 1, 0, 0, 0, 0], // November so far: steady, comeback's check-in
    ];
    let expected_montreal = vec![
        zero,
        [1, 0, 0, 0, 0, 0, 0], // April, Montréal time: evening
        zero,
        [1, 0, 0, 1, 0, 0, 1], // June: evening's milestone and review
        zero,
        zero,
        [1, 1, 1, 0, 0, 0, 0], // September: double, twice
        zero,
        zero,
    ];
    for round in ["computed", "fixed"] {
        let figures = monthly::of_scope(&p.app.ctx.db, &scope, &months, programme::now())
            .await
            .expect("monthly figures");
        assert_eq!(
            monthly_rows(&figures.of_city(p.paris)),
            expected_paris,
            "{round}"
        );
        assert_eq!(
            monthly_rows(&figures.of_city(p.montreal)),
            expected_montreal,
            "{round}"
        );
        assert!(figures.of_city(p.paris).iter().all(|m| m.projects == 5));
        assert!(figures.of_city(p.montreal).iter().all(|m| m.projects == 2));
        assert_eq!(figures.total()[0].active, 3);
        assert_eq!(figures.total()[1].active, 3);
    }
}

/// Paris's month under way (November 2024): (projects active, milestones done).
async fn paris_november(p: &Programme) -> (u64, u64) {
    let scope = scope::public(&p.app.ctx.db, None, None, chrono_tz::Europe::Paris)
        .await
        .expect("scope");
    let november = [NaiveDate::from_ymd_opt(2024, 11, 1).expect("month")];
    let figures = monthly::of_scope(&p.app.ctx.db, &scope, &november, programme::now())
        .await
        .expect("monthly figures");
    let month = figures.of_city(p.paris)[0];
    (month.active, month.milestones_done)
}

#[tokio::test]
async fn the_month_under_way_follows_a_milestone_done_undone_and_deleted() {
    use relais_domain::milestone::{self, MilestoneInput};
    let p = programme::programme().await;
    let ctx = &p.app.ctx;
    // November so far: steady and comeback active, no milestone done.
    assert_eq!(paris_november(&p).await, (2, 0));
    let discreet =
        relais_domain::project::by_slug(ctx, &relais_tests::programme_actor(), "discreet")
            .await
            .expect("discreet");
    let input = |status: &str| MilestoneInput {
        title: "Premier atelier".into(),
        description: String::new(),
        due_on: "2024-12-01".into(),
        status: status.into(),
        weight: String::new(),
        position: String::new(),
    };
    let id = milestone::create(ctx, &discreet, &input("done"))
        .await
        .expect("milestone done");
    assert_eq!(paris_november(&p).await, (3, 1), "done");
    milestone::update(ctx, &discreet, id, &input("planned"))
        .await
        .expect("milestone undone");
    assert_eq!(paris_november(&p).await, (2, 0), "undone");
    milestone::update(ctx, &discreet, id, &input("done"))
        .await
        .expect("milestone done again");
    assert_eq!(paris_november(&p).await, (3, 1), "done again");
    milestone::delete(ctx, &discreet, id)
        .await
        .expect("milestone deleted");
    assert_eq!(paris_november(&p).await, (2, 0), "deleted");
}

/// Every kept row, in order.
async fn kept_months(p: &Programme) -> Vec<relais_domain::entities::project_month::Model> {
    use relais_domain::entities::project_month;
    use relais_domain::sea_orm::{EntityTrait, QueryOrder};
    project_month::Entity::find()
        .order_by_asc(project_month::Column::ProjectId)
        .order_by_asc(project_month::Column::Month)
        .all(&p.app.ctx.db)
        .await
        .expect("kept months")
}

#[tokio::test]
async fn the_kept_months_are_those_rebuilt_and_those_the_migration_fills() {
    use relais_migrations::{Migrator, MigratorTrait};
    let p = programme::programme().await;
    let kept = kept_months(&p).await;
    assert!(kept.len() > 10, "{kept:?}");
    relais_domain::figures::project_months::rebuild(
        &p.app.ctx.db,
        relais_domain::check_in::Projects::All,
    )
    .await
    .expect("rebuilt");
    assert_eq!(kept_months(&p).await, kept, "rebuilt");
    // The migration that made the table, and any after it, down and up
    // again: its backfill counts the rows already written.
    let migrations = Migrator::migrations();
    let position = migrations
        .iter()
        .position(|m| m.name() == "m20261128_003100_project_months")
        .expect("the migration");
    let steps = u32::try_from(migrations.len() - position).expect("steps");
    Migrator::down(&p.app.ctx.db, Some(steps))
        .await
        .expect("down");
    Migrator::up(&p.app.ctx.db, None).await.expect("up");
    assert_eq!(kept_months(&p).await, kept, "backfilled");
}

#[tokio::test]
async fn a_project_moved_to_another_city_takes_its_months_along() {
    let p = programme::programme().await;
    let evening = p.project("evening").await;
    relais_domain::project::update(
        &p.app.ctx,
        &relais_tests::programme_actor(),
        evening.id,
        &relais_domain::project::ProjectInput {
            title: evening.title.clone(),
            slug: evening.slug.clone(),
            pitch: evening.pitch.clone(),
            description: evening.description.clone(),
            themes: vec!["social".into()],
            technical_challenge: evening.technical_challenge.clone(),
            licence: evening.licence.clone(),
            repository_url: evening.repository_url.clone().unwrap_or_default(),
            demo_url: evening.demo_url.clone().unwrap_or_default(),
            edition_id: evening.edition_id.to_string(),
            city_id: p.paris.to_string(),
            is_public: evening.is_public,
        },
    )
    .await
    .expect("moved to Paris");
    assert!(
        kept_months(&p)
            .await
            .iter()
            .filter(|m| m.project_id == evening.id)
            .all(|m| m.city_id == p.paris)
    );
    // April and June, first read after the move: evening's entry (10 April
    // at 22:00 in Montréal, still April in Paris) and its milestone (10
    // June) count for Paris now.
    let scope = scope::public(&p.app.ctx.db, None, None, chrono_tz::Europe::Paris)
        .await
        .expect("scope");
    let months = [
        NaiveDate::from_ymd_opt(2024, 4, 1).expect("April"),
        NaiveDate::from_ymd_opt(2024, 6, 1).expect("June"),
    ];
    let figures = monthly::of_scope(&p.app.ctx.db, &scope, &months, programme::now())
        .await
        .expect("monthly figures");
    let paris = figures.of_city(p.paris);
    let montreal = figures.of_city(p.montreal);
    assert_eq!((paris[0].active, montreal[0].active), (3, 0), "April");
    assert_eq!(
        (paris[1].milestones_done, montreal[1].milestones_done),
        (1, 0),
        "June"
    );
}
