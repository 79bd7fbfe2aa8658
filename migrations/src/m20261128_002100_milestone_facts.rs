//! A project's milestones summed up on the project (issue 15), so that the
//! coordinators' roll-up reads progress, projects behind and open
//! milestones from the index on live projects instead of summing 50,000
//! milestones per visit:
//!
//! * `open_milestones`: milestones planned or in progress;
//! * `milestone_weight_done`, `milestone_weight`: the weights (negative
//!   ones as 0) of the done milestones and of those not dropped, whose
//!   ratio is the project's progress (`milestone::progress`);
//! * `first_open_due_on`: the earliest due day of an open milestone (the
//!   project is behind when it has passed).
//!
//! Kept by `milestone::refresh_facts` in the transactions that write
//! milestones; set here for the milestones already written. The index on
//! live projects is made again with these columns, so that the roll-up
//! reads the index alone; on SQLite the migration runs in one transaction,
//! so that the index is never missing for a reader, nor its name for a
//! second attempt.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone)]
enum Projects {
    Table,
    OpenMilestones,
    MilestoneWeightDone,
    MilestoneWeight,
    FirstOpenDueOn,
    CheckInsSkipped,
    CityId,
    Stage,
    EditionId,
    LastPublicUpdateAt,
    CreatedAt,
    ArchivedAt,
}

const LIVE_FIGURES: &str = "ix_projects_live_figures";

/// The same statement as `milestone::refresh_facts`, over every project
/// (the codes as stored when this migration was written).
const BACKFILL: &str = "UPDATE projects SET \
     open_milestones = (SELECT COUNT(*) FROM milestones AS m \
       WHERE m.project_id = projects.id AND m.status IN ('planned', 'in_progress')), \
     milestone_weight_done = (SELECT COALESCE(SUM(CASE WHEN m.weight > 0 THEN m.weight ELSE 0 END), 0) \
       FROM milestones AS m WHERE m.project_id = projects.id AND m.status = 'done'), \
     milestone_weight = (SELECT COALESCE(SUM(CASE WHEN m.weight > 0 THEN m.weight ELSE 0 END), 0) \
       FROM milestones AS m WHERE m.project_id = projects.id AND m.status <> 'dropped'), \
     first_open_due_on = (SELECT MIN(m.due_on) FROM milestones AS m \
       WHERE m.project_id = projects.id AND m.status IN ('planned', 'in_progress'))";

/// The index on live projects: the columns of migration 1000, then `with`.
fn live_figures(with: &[Projects]) -> IndexCreateStatement {
    let mut index = Index::create();
    index
        .name(LIVE_FIGURES)
        .table(Projects::Table)
        .col(Projects::CityId)
        .col(Projects::Stage)
        .col(Projects::EditionId)
        .col(Projects::CheckInsSkipped)
        .col(Projects::LastPublicUpdateAt)
        .col(Projects::CreatedAt);
    for column in with {
        index.col(column.clone());
    }
    index
        .and_where(Expr::col(Projects::ArchivedAt).is_null())
        .to_owned()
}

fn facts() -> [Projects; 4] {
    [
        Projects::OpenMilestones,
        Projects::MilestoneWeightDone,
        Projects::MilestoneWeight,
        Projects::FirstOpenDueOn,
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        for column in facts() {
            let mut def = ColumnDef::new(column.clone());
            if matches!(column, Projects::FirstOpenDueOn) {
                def.date().null();
            } else {
                def.integer().not_null().default(0);
            }
            manager
                .alter_table(
                    Table::alter()
                        .table(Projects::Table)
                        .add_column(def)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(BACKFILL)
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(LIVE_FIGURES)
                    .table(Projects::Table)
                    .to_owned(),
            )
            .await?;
        manager.create_index(live_figures(&facts())).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(LIVE_FIGURES)
                    .table(Projects::Table)
                    .to_owned(),
            )
            .await?;
        manager.create_index(live_figures(&[])).await?;
        for column in facts() {
            manager
                .alter_table(
                    Table::alter()
                        .table(Projects::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
