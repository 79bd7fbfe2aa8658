//! The content version: one number every instance reads at most once a
//! second and that every write visitors could see increments, so that an
//! instance drops the public pages it keeps (issue 13) within a second or
//! two of a change made on any instance, by the application, a scheduled
//! job or the command line alike: triggers on every table public pages
//! read increment it (per row on SQLite, per statement on PostgreSQL). A
//! later table that public pages read needs the same trigger.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables public pages and feeds read. Not sessions, rate limits,
/// tokens, the outbox, job runs, polls or check-ins: written often, shown
/// to no visitor.
pub const PUBLIC_TABLES: [&str; 27] = [
    "projects",
    "project_updates",
    "milestones",
    "project_members",
    "project_stages",
    "stage_requirements",
    "meetup_series",
    "meetup_occurrences",
    "rsvps",
    "agenda_items",
    "explainers",
    "explainer_captions",
    "cities",
    "editions",
    "edition_cities",
    "needs",
    "need_tags",
    "offers",
    "offer_tags",
    "offer_kinds",
    "monthly_figures",
    "continuity_months",
    "users",
    "user_roles",
    "mentor_profiles",
    "reviews",
    "announcements",
];

const BUMP: &str = "UPDATE content_version SET version = version + 1 WHERE id = 1";

#[derive(DeriveIden)]
enum ContentVersion {
    Table,
    Id,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ContentVersion::Table)
                    .col(
                        ColumnDef::new(ContentVersion::Id)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ContentVersion::Version)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(ContentVersion::Table)
                    .columns([ContentVersion::Id, ContentVersion::Version])
                    .values_panic([1.into(), 0.into()])
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION content_version_bump() RETURNS trigger AS $$ \
                     BEGIN {BUMP}; RETURN NULL; END $$ LANGUAGE plpgsql"
                ))
                .await?;
                for table in PUBLIC_TABLES {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER content_version_{table} \
                         AFTER INSERT OR UPDATE OR DELETE ON {table} \
                         FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump()"
                    ))
                    .await?;
                }
            }
            _ => {
                for table in PUBLIC_TABLES {
                    for event in ["INSERT", "UPDATE", "DELETE"] {
                        let name = event.to_lowercase();
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER content_version_{table}_{name} \
                             AFTER {event} ON {table} BEGIN {BUMP}; END"
                        ))
                        .await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                for table in PUBLIC_TABLES {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER content_version_{table} ON {table}"
                    ))
                    .await?;
                }
                db.execute_unprepared("DROP FUNCTION content_version_bump()")
                    .await?;
            }
            _ => {
                for table in PUBLIC_TABLES {
                    for event in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!(
                            "DROP TRIGGER content_version_{table}_{event}"
                        ))
                        .await?;
                    }
                }
            }
        }
        manager
            .drop_table(Table::drop().table(ContentVersion::Table).to_owned())
            .await
    }
}
