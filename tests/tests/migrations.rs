//! Every migration goes up and down cleanly, on SQLite and PostgreSQL.

use relais_migrations::{Migrator, MigratorTrait};
use relais_tests::TestDb;
use sea_orm::ConnectionTrait;

async fn table_exists(db: &sea_orm::DatabaseConnection, table: &str) -> bool {
    db.execute_unprepared(&format!("SELECT 1 FROM {table} WHERE 1 = 0"))
        .await
        .is_ok()
}

#[tokio::test]
async fn every_migration_goes_up_and_down_and_up_again() {
    let test_db = TestDb::create().await;
    let db = test_db.connect().await;
    let tables = [
        "settings",
        "editions",
        "cities",
        "edition_cities",
        "users",
        "user_roles",
        "sessions",
        "email_tokens",
        "rate_limits",
        "email_outbox",
    ];
    let steps = Migrator::migrations().len() as u32;

    Migrator::up(&db, None).await.expect("up");
    for table in tables {
        assert!(table_exists(&db, table).await, "{table} after up");
    }
    assert!(
        Migrator::get_pending_migrations(&db)
            .await
            .expect("pending")
            .is_empty()
    );

    // One step at a time, so each migration's `down` is exercised alone.
    for step in 0..steps {
        Migrator::down(&db, Some(1))
            .await
            .unwrap_or_else(|e| panic!("down step {step}: {e}"));
    }
    for table in tables {
        assert!(!table_exists(&db, table).await, "{table} after down");
    }

    Migrator::up(&db, None).await.expect("up again");
    for table in tables {
        assert!(table_exists(&db, table).await, "{table} after up again");
    }
}

#[tokio::test]
async fn email_uniqueness_ignores_case_and_programme_roles_are_unique() {
    let test_db = TestDb::create().await;
    let db = test_db.connect_and_migrate().await;
    let insert_user = |email: &str| {
        format!(
            "INSERT INTO users (email, email_key, name, language, skills, bio, is_active, created_at, updated_at) \
             VALUES ('{email}', '{}', 'X', 'fr', '', '', TRUE, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            email.to_lowercase()
        )
    };
    db.execute_unprepared(&insert_user("Ana@Example.org"))
        .await
        .expect("first");
    assert!(
        db.execute_unprepared(&insert_user("ana@example.ORG"))
            .await
            .is_err(),
        "same address, other case"
    );

    let grant = "INSERT INTO user_roles (user_id, role, city_id, created_at) VALUES (1, 'coordinator', NULL, '2026-01-01T00:00:00Z')";
    db.execute_unprepared(grant).await.expect("grant");
    assert!(
        db.execute_unprepared(grant).await.is_err(),
        "the same programme-wide grant twice"
    );
}

async fn rows(db: &sea_orm::DatabaseConnection, sql: &str) -> Vec<Vec<Option<String>>> {
    let statement = sea_orm::Statement::from_string(db.get_database_backend(), sql);
    db.query_all_raw(statement)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .iter()
        .map(|row| {
            (0..row.column_names().len())
                .map(|i| {
                    row.try_get_by_index::<Option<String>>(i)
                        .expect("text column")
                })
                .collect()
        })
        .collect()
}

fn text(values: &[Option<&str>]) -> Vec<Option<String>> {
    values.iter().map(|v| v.map(str::to_owned)).collect()
}

#[tokio::test]
async fn explainers_move_out_of_projects_without_loss_and_back() {
    let test_db = TestDb::create().await;
    let db = test_db.connect().await;
    let before = Migrator::migrations()
        .iter()
        .position(|m| m.name() == "m20261126_000200_create_explainers")
        .expect("the explainers migration") as u32;
    Migrator::up(&db, Some(before)).await.expect("up to it");
    let at = "'2026-01-01T00:00:00Z'";
    for sql in [
        format!(
            "INSERT INTO editions (id, slug, name, starts_on, ends_on, created_at) VALUES (1, 'e', 'E', '2018-03-09', '2018-03-10', {at})"
        ),
        format!(
            "INSERT INTO cities (id, slug, name, time_zone, created_at) VALUES (1, 'lyon', 'Lyon', 'Europe/Paris', {at})"
        ),
    ] {
        db.execute_unprepared(&sql).await.expect(&sql);
    }
    for (id, url, transcript) in [
        (
            1,
            "'https://video.example.org/w/a'",
            "Le texte de la vidéo.",
        ),
        (2, "NULL", "Un texte écrit avant de filmer."),
        (3, "NULL", ""),
    ] {
        let sql = format!(
            "INSERT INTO projects (id, slug, title, pitch, description, themes, technical_challenge, licence, \
             explainer_url, explainer_transcript, edition_id, city_id, stage, is_public, looking_for_help, help_wanted, \
             last_activity_at, created_at, updated_at) VALUES ({id}, 'p{id}', 'Projet {id}', '', '', ',social,', '', 'MIT', \
             {url}, '{transcript}', 1, 1, 'idea', TRUE, FALSE, '', {at}, {at}, {at})"
        );
        db.execute_unprepared(&sql).await.expect(&sql);
    }

    Migrator::up(&db, Some(1)).await.expect("explainers up");
    assert_eq!(
        rows(
            &db,
            "SELECT title, video_url, language, transcript FROM explainers ORDER BY project_id"
        )
        .await,
        [
            text(&[
                Some("Projet 1"),
                Some("https://video.example.org/w/a"),
                Some("fr"),
                Some("Le texte de la vidéo.")
            ]),
            text(&[
                Some("Projet 2"),
                None,
                Some("fr"),
                Some("Un texte écrit avant de filmer.")
            ]),
        ]
    );
    assert!(
        db.execute_unprepared("SELECT explainer_url FROM projects")
            .await
            .is_err(),
        "the project columns are gone"
    );

    Migrator::down(&db, Some(1)).await.expect("explainers down");
    assert_eq!(
        rows(
            &db,
            "SELECT explainer_url, explainer_transcript FROM projects ORDER BY id"
        )
        .await,
        [
            text(&[
                Some("https://video.example.org/w/a"),
                Some("Le texte de la vidéo.")
            ]),
            text(&[None, Some("Un texte écrit avant de filmer.")]),
            text(&[None, Some("")]),
        ]
    );
}

#[tokio::test]
async fn the_old_looking_for_help_text_becomes_each_projects_first_need_word_for_word() {
    use relais_domain::entities::need;
    use relais_domain::help_kind::HelpKind;
    use relais_domain::need::NeedState;
    use sea_orm::{EntityTrait, QueryOrder};

    let test_db = TestDb::create().await;
    let db = test_db.connect().await;
    let before_needs = Migrator::migrations()
        .iter()
        .position(|m| m.name().contains("000301_create_needs"))
        .expect("the needs migration") as u32;
    Migrator::up(&db, Some(before_needs))
        .await
        .expect("up to needs");
    let at = "'2026-01-01T00:00:00Z'";
    for sql in [
        format!(
            "INSERT INTO editions (slug, name, starts_on, ends_on, created_at) VALUES ('e', 'E', '2026-01-01', '2026-01-02', {at})"
        ),
        format!(
            "INSERT INTO cities (slug, name, time_zone, created_at) VALUES ('lyon', 'Lyon', 'Europe/Paris', {at})"
        ),
    ] {
        db.execute_unprepared(&sql).await.expect("set-up");
    }
    let project = |slug: &str, looking: bool, text: &str| {
        format!(
            "INSERT INTO projects (slug, title, pitch, description, themes, technical_challenge, licence, \
             edition_id, city_id, stage, is_public, looking_for_help, help_wanted, \
             last_activity_at, created_at, updated_at) VALUES ('{slug}', '{slug}', 'p', '', ',social,', '', 'MIT', \
             1, 1, 'idea', TRUE, {looking}, '{text}', {at}, {at}, {at})"
        )
    };
    for sql in [
        project("cherche", true, "Une graphiste, l''été « au calme »"),
        project("ancien", false, "Un juriste (trouvé)"),
        project("sans", false, ""),
        project("vide", true, ""),
    ] {
        db.execute_unprepared(&sql).await.expect("project");
    }
    Migrator::up(&db, None).await.expect("up");
    let needs = need::Entity::find()
        .order_by_asc(need::Column::ProjectId)
        .all(&db)
        .await
        .expect("needs");
    let seen: Vec<(i32, &str, NeedState, HelpKind)> = needs
        .iter()
        .map(|n| (n.project_id, n.description.as_str(), n.state, n.kind))
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                1,
                "Une graphiste, l'été « au calme »",
                NeedState::Open,
                HelpKind::Other
            ),
            (
                2,
                "Un juriste (trouvé)",
                NeedState::Withdrawn,
                HelpKind::Other
            ),
            (4, "", NeedState::Open, HelpKind::Other),
        ]
    );
}

#[tokio::test]
async fn calendar_tokens_are_hashed_in_place_and_their_feeds_keep_working() {
    let test_db = TestDb::create().await;
    let db = test_db.connect().await;
    let before = Migrator::migrations()
        .iter()
        .position(|m| m.name() == "m20261126_000500_hash_calendar_tokens")
        .expect("the calendar migration") as u32;
    Migrator::up(&db, Some(before)).await.expect("up to it");
    let token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
    for (email, feed) in [
        ("ana@example.org", format!("'{token}'")),
        ("ben@example.org", "NULL".into()),
    ] {
        let sql = format!(
            "INSERT INTO users (email, email_key, name, language, skills, bio, is_active, calendar_token, created_at, updated_at) \
             VALUES ('{email}', '{email}', 'X', 'fr', '', '', TRUE, {feed}, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
        );
        db.execute_unprepared(&sql).await.expect(&sql);
    }
    Migrator::up(&db, Some(1)).await.expect("up");
    assert_eq!(
        rows(&db, "SELECT calendar_token_hash FROM users ORDER BY id").await,
        vec![
            text(&[Some(relais_domain::token::hash(token).as_str())]),
            text(&[None])
        ]
    );
    Migrator::down(&db, Some(1)).await.expect("down");
    assert_eq!(
        rows(&db, "SELECT calendar_token FROM users ORDER BY id").await,
        vec![text(&[None]), text(&[None])],
        "a hash cannot open a feed: going down turns feeds off"
    );
}
