//! Expertise questions ("échanges d'expertise"): a team asks a question
//! tied to one of its needs ("Quelle licence pour nos données ?"); members
//! answer under it, and reply to answers, one level deep; the team marks
//! the answer that helped, which then shows on the project's page. Members
//! whose offer fits the need hear of the question in their digest.
//!
//! The team decides, per question, whether the answers are public or for
//! the team only. The question itself shows wherever the project shows, so
//! experts can find it; team-only answers are read by the team, the city's
//! coordinators, and each answer's author (with the replies to them).

use crate::context::Context;
use crate::email_message::DigestItem;
use crate::entities::{expertise_answer as answer, expertise_question as question, need, user};
use crate::error::{DomainError, Result};
use crate::help_kind::HelpKind;
use crate::project::Project;
use crate::role::Actor;
use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, QueryOrder, QuerySelect};

/// Longest question, in characters.
pub const QUESTION_MAX: usize = 1000;
/// Longest answer, in characters.
pub const ANSWER_MAX: usize = 3000;
/// Most answers a thread shows.
pub const THREAD_LIMIT: u64 = 200;

fn bounded(field: &'static str, text: &str, max: usize) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        Err(DomainError::field(field, "error-required"))
    } else if text.chars().count() > max {
        Err(DomainError::field(field, "error-too-long"))
    } else {
        Ok(text.to_owned())
    }
}

/// Whether a reader sees an answer: public threads are read by all; in a
/// team-only thread, the team and coordinators (`sees_private`) read every
/// answer, and a member reads their own answers and the replies to them.
pub fn answer_visible(
    answers_public: bool,
    sees_private: bool,
    reader: Option<i32>,
    author: Option<i32>,
    parent_author: Option<i32>,
) -> bool {
    answers_public
        || sees_private
        || reader.is_some_and(|r| Some(r) == author || Some(r) == parent_author)
}

/// Asks a question about one of the project's needs; the team only.
pub async fn ask(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    need_id: i32,
    body: &str,
    answers_public: bool,
) -> Result<i32> {
    if !project.rights.post_update {
        return Err(DomainError::Forbidden);
    }
    crate::need::get(&ctx.db, project, need_id).await?;
    let body = bounded("question", body, QUESTION_MAX)?;
    let row = question::ActiveModel {
        project_id: Set(project.row.id),
        need_id: Set(need_id),
        asked_by: Set(actor.user_id()),
        body: Set(body),
        answers_public: Set(answers_public),
        helpful_answer_id: Set(None),
        created_at: Set(ctx.now()),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok(row.id)
}

/// An answer as a thread shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Its id.
    pub id: i32,
    /// The answer it replies to, if any.
    pub parent_id: Option<i32>,
    /// The author's account, if it still exists.
    pub author_id: Option<i32>,
    /// The author's name.
    pub author_name: String,
    /// Plain text.
    pub body: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// The team marked it as the one that helped.
    pub helpful: bool,
}

/// A question with the answers the reader may see.
#[derive(Debug, Clone)]
pub struct Thread {
    /// Its id.
    pub id: i32,
    /// The need it is about.
    pub need_id: i32,
    /// The need's kind.
    pub need_kind: HelpKind,
    /// The question, plain text.
    pub body: String,
    /// Answers are public (or for the team only).
    pub answers_public: bool,
    /// Who asked.
    pub asked_by_name: Option<String>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Top-level answers, oldest first, each followed by its replies.
    pub answers: Vec<Answer>,
    /// Answers the reader may not see (team-only threads).
    pub hidden_answers: usize,
}

async fn names(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<Vec<(i32, String)>> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

fn name_of(names: &[(i32, String)], id: Option<i32>) -> String {
    id.and_then(|id| names.iter().find(|(i, _)| *i == id))
        .map(|(_, n)| n.clone())
        .unwrap_or_default()
}

async fn question_of(
    db: &impl ConnectionTrait,
    project: &Project,
    question_id: i32,
) -> Result<question::Model> {
    question::Entity::find_by_id(question_id)
        .filter(question::Column::ProjectId.eq(project.row.id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// A question of the project with the answers `actor` may see.
pub async fn thread(
    db: &impl ConnectionTrait,
    actor: &Actor,
    project: &Project,
    question_id: i32,
) -> Result<Thread> {
    let q = question_of(db, project, question_id).await?;
    let need = need::Entity::find_by_id(q.need_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let rows = answer::Entity::find()
        .filter(answer::Column::QuestionId.eq(q.id))
        .order_by_asc(answer::Column::CreatedAt)
        .order_by_asc(answer::Column::Id)
        .limit(THREAD_LIMIT)
        .all(db)
        .await?;
    let mut ids: Vec<i32> = rows.iter().filter_map(|a| a.author_id).collect();
    ids.extend(q.asked_by);
    let names = names(db, ids).await?;
    let reader = actor.user_id();
    let author_of = |id: Option<i32>| {
        id.and_then(|id| rows.iter().find(|a| a.id == id))
            .and_then(|a| a.author_id)
    };
    let visible: Vec<&answer::Model> = rows
        .iter()
        .filter(|a| {
            answer_visible(
                q.answers_public,
                project.rights.see_private,
                reader,
                a.author_id,
                author_of(a.parent_id),
            )
        })
        .collect();
    let to_view = |a: &answer::Model| Answer {
        id: a.id,
        parent_id: a.parent_id,
        author_id: a.author_id,
        author_name: name_of(&names, a.author_id),
        body: a.body.clone(),
        created_at: a.created_at,
        helpful: q.helpful_answer_id == Some(a.id),
    };
    let mut answers = Vec::new();
    for top in visible.iter().filter(|a| a.parent_id.is_none()) {
        answers.push(to_view(top));
        for reply in visible.iter().filter(|a| a.parent_id == Some(top.id)) {
            answers.push(to_view(reply));
        }
    }
    Ok(Thread {
        id: q.id,
        need_id: q.need_id,
        need_kind: need.kind,
        body: q.body,
        answers_public: q.answers_public,
        asked_by_name: q.asked_by.map(|id| name_of(&names, Some(id))),
        created_at: q.created_at,
        hidden_answers: rows.len() - answers.len(),
        answers,
    })
}

/// Answers a question, or replies to an answer (replies to a reply join
/// the same thread). Any logged-in member who sees the project may.
pub async fn answer(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    question_id: i32,
    parent_id: Option<i32>,
    body: &str,
) -> Result<i32> {
    let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let q = question_of(&ctx.db, project, question_id).await?;
    let parent = match parent_id {
        None => None,
        Some(id) => {
            let p = answer::Entity::find_by_id(id)
                .filter(answer::Column::QuestionId.eq(q.id))
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::NotFound)?;
            let parent_author = match p.parent_id {
                Some(grand) => answer::Entity::find_by_id(grand)
                    .one(&ctx.db)
                    .await?
                    .and_then(|g| g.author_id),
                None => None,
            };
            // One may only reply to what one can read.
            if !answer_visible(
                q.answers_public,
                project.rights.see_private,
                Some(user_id),
                p.author_id,
                parent_author,
            ) {
                return Err(DomainError::NotFound);
            }
            Some(p.parent_id.unwrap_or(p.id))
        }
    };
    let body = bounded("answer", body, ANSWER_MAX)?;
    let row = answer::ActiveModel {
        question_id: Set(q.id),
        parent_id: Set(parent),
        author_id: Set(Some(user_id)),
        body: Set(body),
        created_at: Set(ctx.now()),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok(row.id)
}

/// Marks the answer that helped (another choice replaces it); the team only.
pub async fn mark_helpful(
    ctx: &Context,
    project: &Project,
    question_id: i32,
    answer_id: i32,
) -> Result<()> {
    if !project.rights.post_update {
        return Err(DomainError::Forbidden);
    }
    let q = question_of(&ctx.db, project, question_id).await?;
    answer::Entity::find_by_id(answer_id)
        .filter(answer::Column::QuestionId.eq(q.id))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    question::Entity::update_many()
        .col_expr(question::Column::HelpfulAnswerId, Expr::value(answer_id))
        .filter(question::Column::Id.eq(q.id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// A question as lists show it.
#[derive(Debug, Clone)]
pub struct Listed {
    /// Its id.
    pub id: i32,
    /// The need it is about.
    pub need_id: i32,
    /// The question.
    pub body: String,
    /// Answers in all (whether or not the reader sees them).
    pub answers: u64,
    /// The answer that helped, when the reader may see it: (author, text).
    pub helpful: Option<(String, String)>,
}

/// Most questions a project page lists.
pub const LIST_LIMIT: u64 = 50;

/// The project's questions, newest first, with the answer that helped
/// where the reader may see it. The project page shows those with one as
/// its best answers; a need's page lists its own.
pub async fn of_project(
    db: &impl ConnectionTrait,
    project: &Project,
    need_id: Option<i32>,
) -> Result<Vec<Listed>> {
    let mut query = question::Entity::find().filter(question::Column::ProjectId.eq(project.row.id));
    if let Some(n) = need_id {
        query = query.filter(question::Column::NeedId.eq(n));
    }
    let rows = query
        .order_by_desc(question::Column::CreatedAt)
        .order_by_desc(question::Column::Id)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|q| q.id).collect();
    let counts: Vec<(i32, i64)> = answer::Entity::find()
        .select_only()
        .column(answer::Column::QuestionId)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(answer::Column::QuestionId.is_in(ids))
        .group_by(answer::Column::QuestionId)
        .into_tuple()
        .all(db)
        .await?;
    let helpful_ids: Vec<i32> = rows
        .iter()
        .filter(|q| q.answers_public || project.rights.see_private)
        .filter_map(|q| q.helpful_answer_id)
        .collect();
    let helpful = answer::Entity::find()
        .filter(answer::Column::Id.is_in(helpful_ids))
        .all(db)
        .await?;
    let names = names(db, helpful.iter().filter_map(|a| a.author_id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|q| Listed {
            id: q.id,
            need_id: q.need_id,
            answers: counts
                .iter()
                .find(|(id, _)| *id == q.id)
                .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0)),
            helpful: q
                .helpful_answer_id
                .and_then(|id| helpful.iter().find(|a| a.id == id))
                .map(|a| (name_of(&names, a.author_id), a.body.clone())),
            body: q.body,
        })
        .collect())
}

/// Questions a digest mentions, at most.
const DIGEST_LIMIT: u64 = 10;

/// One digest's reader: the member and the window it covers.
#[derive(Debug, Clone, Copy)]
pub struct DigestReader {
    /// The member.
    pub user_id: i32,
    /// Start of the window (included).
    pub from: DateTime<Utc>,
    /// End of the window (excluded).
    pub until: DateTime<Utc>,
}

/// For each reader, the questions asked in their window about needs that
/// fit their offer (same kind or a shared tag), on public live projects
/// they are not part of: lines for their digest. Read for all readers at
/// once (a digest run goes through members a page at a time).
pub async fn digest_items(
    db: &impl ConnectionTrait,
    readers: &[DigestReader],
) -> Result<Vec<Vec<DigestItem>>> {
    let mut out = vec![Vec::new(); readers.len()];
    let (Some(from), Some(until)) = (
        readers.iter().map(|r| r.from).min(),
        readers.iter().map(|r| r.until).max(),
    ) else {
        return Ok(out);
    };
    let ids: Vec<i32> = readers.iter().map(|r| r.user_id).collect();
    let offers = crate::offer::load_many(db, &ids).await?;
    if offers.is_empty() {
        return Ok(out);
    }
    let asked = question::Entity::find()
        .filter(question::Column::CreatedAt.gte(from))
        .filter(question::Column::CreatedAt.lt(until))
        .order_by_desc(question::Column::CreatedAt)
        .all(db)
        .await?;
    if asked.is_empty() {
        return Ok(out);
    }
    let need_rows = need::Entity::find()
        .filter(need::Column::Id.is_in(asked.iter().map(|q| q.need_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let needs = crate::need::with_tags(db, need_rows).await?;
    let projects = crate::entities::project::Entity::find()
        .filter(
            crate::entities::project::Column::Id
                .is_in(asked.iter().map(|q| q.project_id).collect::<Vec<_>>()),
        )
        .filter(crate::entities::project::Column::IsPublic.eq(true))
        .filter(crate::entities::project::Column::ArchivedAt.is_null())
        .all(db)
        .await?;
    let own: Vec<(i32, i32)> = crate::entities::project_member::Entity::find()
        .select_only()
        .columns([
            crate::entities::project_member::Column::UserId,
            crate::entities::project_member::Column::ProjectId,
        ])
        .filter(crate::entities::project_member::Column::UserId.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    let limit = usize::try_from(DIGEST_LIMIT).unwrap_or(10);
    for (reader, items) in readers.iter().zip(out.iter_mut()) {
        let Some(offer) = offers.iter().find(|o| o.user_id == reader.user_id) else {
            continue;
        };
        *items = asked
            .iter()
            .filter(|q| q.created_at >= reader.from && q.created_at < reader.until)
            .take(limit * 5)
            .filter(|q| !own.contains(&(reader.user_id, q.project_id)))
            .filter_map(|q| {
                let need = needs.iter().find(|n| n.id == q.need_id)?;
                let fits = offer.kinds.contains(&need.kind)
                    || need.tags.iter().any(|t| offer.tags.contains(t));
                let p = projects.iter().find(|p| p.id == q.project_id)?;
                fits.then(|| DigestItem {
                    kind: crate::email_message::DigestKind::Question,
                    project: p.title.clone(),
                    text: q.body.chars().take(200).collect(),
                    path: format!("/projects/{}/questions/{}", p.slug, q.id),
                })
            })
            .take(limit)
            .collect();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUTHOR: Option<i32> = Some(7);
    const OTHER: Option<i32> = Some(8);

    #[test]
    fn public_answers_are_read_by_everyone() {
        assert!(answer_visible(true, false, None, AUTHOR, None));
        assert!(answer_visible(true, false, OTHER, AUTHOR, None));
    }

    #[test]
    fn team_only_answers_are_read_by_the_team_and_their_own_authors() {
        assert!(answer_visible(false, true, OTHER, AUTHOR, None), "team");
        assert!(answer_visible(false, false, AUTHOR, AUTHOR, None), "author");
        assert!(
            answer_visible(false, false, AUTHOR, OTHER, AUTHOR),
            "a reply to the author's answer"
        );
        assert!(
            !answer_visible(false, false, OTHER, AUTHOR, None),
            "another member"
        );
        assert!(
            !answer_visible(false, false, None, AUTHOR, None),
            "a visitor"
        );
    }
}
