//! The monthly check-in: at the start of each month (in the project's city)
//! its team gets a short form — progress, blockers, needs, next step —
//! opened from a link in the email, without logging in. The answer becomes
//! a team-only journal entry, and a need it names is added to the
//! project's needs. Projects that leave two check-ins in a row unanswered are shown to
//! coordinators.

use crate::context::Context;
use crate::email_message::EmailMessage;
use crate::entities::{check_in, city, project, project_update, user};
use crate::error::{DomainError, FieldErrors, Result};
use crate::language::Language;
use crate::outbox::{self, NewEmail};
use crate::{time_zone, token};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};

fn month_of(project: &project::Model, cities: &[city::Model], now: DateTime<Utc>) -> String {
    let zone = cities
        .iter()
        .find(|c| c.id == project.city_id)
        .and_then(|c| time_zone::parse(&c.time_zone).ok())
        .unwrap_or(time_zone::DEFAULT_TIME_ZONE);
    now.with_timezone(&zone).format("%Y-%m").to_string()
}

/// Projects that would get this month's check-in at `now`: (project, month).
pub async fn due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<(project::Model, String)>> {
    let cities = city::Entity::find().all(db).await?;
    let mut out = Vec::new();
    for p in project::Entity::find()
        .filter(project::Column::ArchivedAt.is_null())
        .all(db)
        .await?
    {
        if p.stage == "abandoned" {
            continue;
        }
        let month = month_of(&p, &cities, now);
        let sent = check_in::Entity::find()
            .filter(check_in::Column::ProjectId.eq(p.id))
            .filter(check_in::Column::Month.eq(month.clone()))
            .one(db)
            .await?
            .is_some();
        if !sent {
            out.push((p, month));
        }
    }
    Ok(out)
}

/// Sends this month's check-in to every live project that has not had it;
/// the unique (project, month) row makes each go once. Returns how many
/// emails were queued.
pub async fn plan(ctx: &Context, now: DateTime<Utc>) -> Result<usize> {
    let mut queued = 0;
    for (p, month) in due(&ctx.db, now).await? {
        let clear = token::generate();
        let txn = ctx.db.begin().await?;
        let inserted = check_in::Entity::insert(check_in::ActiveModel {
            project_id: Set(p.id),
            month: Set(month.clone()),
            token_hash: Set(token::hash(&clear)),
            sent_at: Set(now),
            answered_at: Set(None),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([check_in::Column::ProjectId, check_in::Column::Month])
        .exec(&txn)
        .await?;
        if !matches!(inserted, sea_orm::TryInsertResult::Inserted(_)) {
            continue;
        }
        for member in crate::project::team(&txn, p.id).await? {
            let Some(person) = user::Entity::find_by_id(member.user_id).one(&txn).await? else {
                continue;
            };
            let message = EmailMessage::CheckIn {
                project: p.title.clone(),
                month: month.clone(),
                token: clear.clone(),
            };
            if outbox::enqueue(
                &txn,
                NewEmail {
                    idempotency_key: format!("check_in:{}:{month}:{}", p.id, person.id),
                    to: &person.email,
                    user_id: Some(person.id),
                    language: Language::parse(&person.language).unwrap_or_default(),
                    message: &message,
                },
                now,
            )
            .await?
            {
                queued += 1;
            }
        }
        txn.commit().await?;
    }
    Ok(queued)
}

/// A check-in behind a link: the project and whether it is still open.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The check-in row.
    pub check_in: check_in::Model,
    /// Its project.
    pub project: project::Model,
}

/// Opens a check-in from its link; `NotFound` for an unknown one.
pub async fn open(db: &impl ConnectionTrait, clear: &str) -> Result<Opened> {
    let c = check_in::Entity::find()
        .filter(check_in::Column::TokenHash.eq(token::hash(clear)))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let project = project::Entity::find_by_id(c.project_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(Opened {
        check_in: c,
        project,
    })
}

/// The check-in form as submitted.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    /// What moved this month.
    pub progress: String,
    /// What blocks.
    pub blockers: String,
    /// What help is needed.
    pub needs: String,
    /// The next step.
    pub next_step: String,
}

/// Records an answer (once): a team-only journal entry, and the need it
/// names as a new open need of the project.
pub async fn answer(ctx: &Context, clear: &str, input: &Answer) -> Result<String> {
    let opened = open(&ctx.db, clear).await?;
    if opened.check_in.answered_at.is_some() {
        return Err(DomainError::field("progress", "error-check-in-answered"));
    }
    let mut e = FieldErrors::default();
    if input.progress.trim().is_empty() {
        e.add("progress", "error-required");
    }
    for (field, text) in [
        ("progress", &input.progress),
        ("blockers", &input.blockers),
        ("needs", &input.needs),
        ("next_step", &input.next_step),
    ] {
        if text.chars().count() > 3000 {
            e.add(field, "error-too-long");
        }
    }
    e.into_result()?;
    let now = ctx.now();
    let mut body = format!(
        "**Point mensuel ({})**\n\n{}",
        opened.check_in.month,
        input.progress.trim()
    );
    for (label, text) in [
        ("Blocages", &input.blockers),
        ("Besoins", &input.needs),
        ("Prochaine étape", &input.next_step),
    ] {
        if !text.trim().is_empty() {
            body.push_str(&format!("\n\n**{label}** : {}", text.trim()));
        }
    }
    let txn = ctx.db.begin().await?;
    let claimed = check_in::Entity::update_many()
        .col_expr(check_in::Column::AnsweredAt, Expr::value(now))
        .filter(check_in::Column::Id.eq(opened.check_in.id))
        .filter(check_in::Column::AnsweredAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(DomainError::field("progress", "error-check-in-answered"));
    }
    project_update::ActiveModel {
        project_id: Set(opened.project.id),
        author_id: Set(None),
        body: Set(body),
        milestone_id: Set(None),
        is_public: Set(false),
        created_at: Set(now),
        edited_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    project::Entity::update_many()
        .col_expr(project::Column::LastActivityAt, Expr::value(now))
        .filter(project::Column::Id.eq(opened.project.id))
        .exec(&txn)
        .await?;
    // A need named in the check-in is added to the project's needs; the
    // ones published before stay as they are.
    if !input.needs.trim().is_empty() {
        crate::need::add_from_check_in(&txn, opened.project.id, &input.needs, now).await?;
    }
    txn.commit().await?;
    Ok(opened.project.slug)
}

/// Whether a project left its two latest closed check-ins unanswered. A
/// check-in stays open until the next one is sent, so the latest one does
/// not count yet.
pub async fn skipped_two(db: &impl ConnectionTrait, project_id: i32) -> Result<bool> {
    let recent = check_in::Entity::find()
        .filter(check_in::Column::ProjectId.eq(project_id))
        .order_by_desc(check_in::Column::SentAt)
        .limit(3)
        .all(db)
        .await?;
    let closed: Vec<&check_in::Model> = recent.iter().skip(1).take(2).collect();
    Ok(closed.len() == 2 && closed.iter().all(|c| c.answered_at.is_none()))
}
