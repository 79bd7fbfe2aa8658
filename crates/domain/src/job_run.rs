//! Claims of scheduled job slots. tokio-cron-scheduler wakes every
//! instance; the first to insert (job, slot) runs it, the others skip.

use crate::entities::job_run::{self, Column, Entity};
use crate::error::Result;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Claims `slot` of `job` for `worker`; true when this call won it.
pub async fn claim(
    db: &impl ConnectionTrait,
    job: &str,
    slot: &str,
    worker: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let result = Entity::insert(job_run::ActiveModel {
        job: Set(job.to_owned()),
        slot: Set(slot.to_owned()),
        claimed_by: Set(worker.to_owned()),
        claimed_at: Set(now),
        finished_at: Set(None),
    })
    .on_conflict_do_nothing_on([Column::Job, Column::Slot])
    .exec(db)
    .await?;
    Ok(matches!(result, sea_orm::TryInsertResult::Inserted(_)))
}

/// Records that a claimed slot ran to its end.
pub async fn finish(
    db: &impl ConnectionTrait,
    job: &str,
    slot: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    Entity::update_many()
        .col_expr(Column::FinishedAt, Expr::value(now))
        .filter(Column::Job.eq(job))
        .filter(Column::Slot.eq(slot))
        .exec(db)
        .await?;
    Ok(())
}
