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
