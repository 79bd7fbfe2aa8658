//! The monthly check-in: at the start of each month (in the project's city)
//! its team gets a short form — progress, blockers, needs, next step —
//! opened from a link in the email, without logging in. The answer becomes
//! a team-only journal entry, and a need it names is added to the
//! project's needs. Projects that leave two check-ins in a row unanswered are shown to
//! coordinators.

use crate::context::Context;
use crate::email_message::EmailKind;
use crate::email_message::EmailMessage;
use crate::entities::{check_in, city, project, project_member, project_update, user};
use crate::error::{DomainError, FieldErrors, Result};
use crate::figures::project_months::{self, At};
use crate::outbox::{self, NewEmail};
use crate::stage::Stage;
use crate::{time_zone, token};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// Projects read per query while planning.
const PAGE: u64 = 500;

fn month_of(
    project: &project::Model,
    cities: &HashMap<i32, city::Model>,
    now: DateTime<Utc>,
) -> String {
    let zone = cities
        .get(&project.city_id)
        .and_then(|c| time_zone::parse(&c.time_zone).ok())
        .unwrap_or(time_zone::DEFAULT_TIME_ZONE);
    now.with_timezone(&zone).format("%Y-%m").to_string()
}

/// Sends this month's check-in to every live project that has not had it;
/// the unique (project, month) row makes each go once. Projects are read a
/// page at a time, and each page is sent with a handful of statements.
/// Returns how many emails were queued.
pub async fn plan(ctx: &Context, now: DateTime<Utc>) -> Result<usize> {
    let cities: HashMap<i32, city::Model> = city::Entity::find()
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut queued = 0;
    let mut after = 0;
    loop {
        let page = project::Entity::find()
            .filter(project::Column::ArchivedAt.is_null())
            .filter(project::Column::Id.gt(after))
            .order_by_asc(project::Column::Id)
            .limit(PAGE)
            .all(&ctx.db)
            .await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.id;
        let live: Vec<(&project::Model, String)> = page
            .iter()
            .filter(|p| p.stage != Stage::Abandoned)
            .map(|p| (p, month_of(p, &cities, now)))
            .collect();
        queued += send(ctx, &live, now).await?;
        if page.len() < usize::try_from(PAGE).unwrap_or(usize::MAX) {
            break;
        }
    }
    Ok(queued)
}

/// Sends the check-ins of `live` projects that have not had this month's:
/// the rows and the team's emails in one transaction, so a run cut short
/// leaves neither.
async fn send(
    ctx: &Context,
    live: &[(&project::Model, String)],
    now: DateTime<Utc>,
) -> Result<usize> {
    if live.is_empty() {
        return Ok(0);
    }
    let months: Vec<String> = live.iter().map(|(_, m)| m.clone()).collect();
    let sent: HashSet<(i32, String)> = check_in::Entity::find()
        .select_only()
        .columns([check_in::Column::ProjectId, check_in::Column::Month])
        .filter(
            check_in::Column::ProjectId.is_in(live.iter().map(|(p, _)| p.id).collect::<Vec<_>>()),
        )
        .filter(check_in::Column::Month.is_in(months))
        .into_tuple()
        .all(&ctx.db)
        .await?
        .into_iter()
        .collect();
    // A fresh link per project, kept in clear only for its emails.
    let fresh: Vec<(&project::Model, &String, String)> = live
        .iter()
        .filter(|(p, month)| !sent.contains(&(p.id, month.clone())))
        .map(|(p, month)| (*p, month, token::generate()))
        .collect();
    if fresh.is_empty() {
        return Ok(0);
    }
    let txn = ctx.db.begin().await?;
    check_in::Entity::insert_many(fresh.iter().map(|(p, month, clear)| check_in::ActiveModel {
        project_id: Set(p.id),
        month: Set((*month).clone()),
        token_hash: Set(token::hash(clear)),
        sent_at: Set(now),
        answered_at: Set(None),
        ..Default::default()
    }))
    .on_conflict_do_nothing_on([check_in::Column::ProjectId, check_in::Column::Month])
    .exec_without_returning(&txn)
    .await?;
    // Another instance may have sent some of these first: the rows holding
    // a hash of a token made here are the ones this run sends.
    let ours: HashSet<String> = check_in::Entity::find()
        .select_only()
        .column(check_in::Column::TokenHash)
        .filter(
            check_in::Column::TokenHash.is_in(
                fresh
                    .iter()
                    .map(|(_, _, clear)| token::hash(clear))
                    .collect::<Vec<_>>(),
            ),
        )
        .into_tuple()
        .all(&txn)
        .await?
        .into_iter()
        .collect();
    let fresh: Vec<_> = fresh
        .into_iter()
        .filter(|(_, _, clear)| ours.contains(&token::hash(clear)))
        .collect();
    let members = project_member::Entity::find()
        .filter(
            project_member::Column::ProjectId
                .is_in(fresh.iter().map(|(p, _, _)| p.id).collect::<Vec<_>>()),
        )
        .all(&txn)
        .await?;
    let people: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::IsActive.eq(true))
        .filter(user::Column::Id.is_in(members.iter().map(|m| m.user_id).collect::<Vec<_>>()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut messages = Vec::new();
    for (p, month, clear) in &fresh {
        for person in members
            .iter()
            .filter(|m| m.project_id == p.id)
            .filter_map(|m| people.get(&m.user_id))
        {
            messages.push((
                person,
                EmailKind::CheckIn.key(format!("{}:{month}:{}", p.id, person.id)),
                EmailMessage::CheckIn {
                    project: p.title.clone(),
                    month: (*month).clone(),
                    token: clear.clone(),
                },
            ));
        }
    }
    let emails: Vec<NewEmail<'_>> = messages
        .iter()
        .map(|(person, key, message)| NewEmail {
            idempotency_key: key.clone(),
            to: &person.email,
            user_id: Some(person.id),
            language: person.language,
            message,
        })
        .collect();
    let queued = outbox::enqueue_many(&txn, &emails, now).await?;
    // The check-in sent closes the one before: it may now count as skipped.
    let sent_to: Vec<i32> = fresh.iter().map(|(p, _, _)| p.id).collect();
    refresh_skipped(&txn, Projects::Some(&sent_to)).await?;
    project_months::refresh(&txn, &sent_to, &[At::Instant(now)]).await?;
    txn.commit().await?;
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
            // French print: a narrow no-break space keeps the colon by its label.
            body.push_str(&format!("\n\n**{label}**\u{202f}: {}", text.trim()));
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
    // A closed check-in may be answered late: the project is no longer
    // one that skipped two.
    refresh_skipped(&txn, Projects::Some(&[opened.project.id])).await?;
    project_months::refresh(&txn, &[opened.project.id], &[At::Instant(now)]).await?;
    // A need named in the check-in is added to the project's needs; the
    // ones published before stay as they are.
    if !input.needs.trim().is_empty() {
        crate::need::add_from_check_in(&txn, opened.project.id, &input.needs, now).await?;
    }
    txn.commit().await?;
    Ok(opened.project.slug)
}

/// Which projects `refresh_skipped` (and `milestone::refresh_facts`) look at.
#[derive(Debug, Clone, Copy)]
pub enum Projects<'a> {
    /// These.
    Some(&'a [i32]),
    /// Every project (after check-ins were written in bulk).
    All,
}

/// Keeps `projects.check_ins_skipped`: whether a project left its two
/// latest closed check-ins unanswered (a check-in stays open until the
/// next one is sent, so the latest does not count yet). One statement, run
/// in the transactions that send and answer check-ins, so that the
/// coordinators' figures count a column instead of ranking every check-in.
pub async fn refresh_skipped(db: &impl ConnectionTrait, which: Projects<'_>) -> Result<()> {
    // The two check-ins before the latest, read from the project's
    // newest-first index, then those of them unanswered counted: a few
    // index entries per project.
    let closed = Alias::new("closed");
    let newest_closed = Query::select()
        .column((closed.clone(), check_in::Column::AnsweredAt))
        .from_as(check_in::Entity, closed.clone())
        .and_where(
            Expr::col((closed.clone(), check_in::Column::ProjectId))
                .equals((project::Entity, project::Column::Id)),
        )
        .order_by((closed.clone(), check_in::Column::SentAt), Order::Desc)
        .order_by((closed, check_in::Column::Id), Order::Desc)
        .limit(2)
        .offset(1)
        .to_owned();
    let two = Alias::new("two_closed");
    let unanswered = Query::select()
        .expr(Expr::cust("COUNT(*)"))
        .from_subquery(newest_closed, two.clone())
        .and_where(Expr::col((two, check_in::Column::AnsweredAt)).is_null())
        .to_owned();
    let mut update = Query::update();
    update.table(project::Entity).value(
        project::Column::CheckInsSkipped,
        Expr::SubQuery(None, Box::new(unanswered.into())).eq(2),
    );
    match which {
        Projects::Some([]) => return Ok(()),
        Projects::Some(ids) => {
            update.and_where(project::Column::Id.is_in(ids.to_vec()));
        }
        Projects::All => {}
    }
    db.execute(&update).await?;
    Ok(())
}
