//! Mentoring: a project's reviews and requests, the mentor's dashboard,
//! and the coordinators' assignments and coverage.

use crate::error::{WebError, WebResult, form_rejection};
use crate::fields::Fields;
use crate::routes::see_other_with_flash;
use crate::{AppState, Coordinator, Member, RequestContext};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use relais_domain::mentoring_page;
use relais_domain::project::Project;
use relais_domain::review::{self, ReviewInput};
use relais_domain::{DomainError, mentor};
use relais_templates::form::FormState;
use relais_templates::pages::mentoring::{self as view, ReviewsPage};
use serde::Deserialize;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projects/{slug}/reviews", get(list).post(write))
        .route("/projects/{slug}/reviews/new", get(new_form))
        .route(
            "/projects/{slug}/reviews/{id}/edit",
            get(edit_form).post(save),
        )
        .route(
            "/projects/{slug}/reviews/{id}/acknowledge",
            post(acknowledge),
        )
        .route("/projects/{slug}/reviews/{id}/respond", post(respond))
        .route(
            "/projects/{slug}/reviews/{id}/steps/{step}/milestone",
            post(step_to_milestone),
        )
        .route("/projects/{slug}/review-requests", post(request))
        .route("/mentor", get(dashboard).post(save_profile))
        .route("/admin/mentoring", get(coverage))
        .route("/admin/mentoring/assign", post(assign))
        .route("/admin/mentoring/assignments/{id}/end", post(end))
}

async fn load(
    state: &AppState,
    rc: &RequestContext,
    slug: &str,
) -> WebResult<(Project, review::ReviewRights)> {
    Ok(mentoring_page::project(&state.ctx, &rc.actor(), slug).await?)
}

/// Renders the reviews page, with the forms that came back refused.
fn list_page(
    rc: &RequestContext,
    read: &mentoring_page::ReviewsPage,
    request_form: FormState,
    response_form: Option<(i32, FormState)>,
    status: StatusCode,
) -> Response {
    let page = ReviewsPage {
        read,
        request_form,
        response_form,
    };
    (status, view::reviews(&rc.page(), &page)).into_response()
}

async fn list(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
) -> WebResult<Response> {
    let read = mentoring_page::reviews(&state.ctx, &rc.actor(), &slug).await?;
    Ok(list_page(
        &rc,
        &read,
        FormState::new(),
        None,
        StatusCode::OK,
    ))
}

fn review_input(f: &Fields) -> ReviewInput {
    ReviewInput {
        impact: f.get("impact").to_owned(),
        impact_comment: f.get("impact_comment").to_owned(),
        progress: f.get("progress").to_owned(),
        progress_comment: f.get("progress_comment").to_owned(),
        openness: f.get("openness").to_owned(),
        openness_comment: f.get("openness_comment").to_owned(),
        team_health: f.get("team_health").to_owned(),
        team_health_comment: f.get("team_health_comment").to_owned(),
        strengths: f.get("strengths").to_owned(),
        recommendations: f.get("recommendations").to_owned(),
        next_steps: f.get("next_steps").to_owned(),
    }
}

async fn new_form(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
) -> WebResult<Response> {
    let (project, rights) = load(&state, &rc, &slug).await?;
    if !rights.write() {
        return Err(DomainError::Forbidden.into());
    }
    Ok(view::review_form(&rc.page(), &project, None, &FormState::new()).into_response())
}

async fn write(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
    fields: Fields,
) -> WebResult<Response> {
    let (project, _) = load(&state, &rc, &slug).await?;
    match review::write(&state.ctx, &rc.actor(), &project, &review_input(&fields)).await {
        Ok(id) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}/reviews#review-{id}"),
            "flash-review-saved",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "impact")?;
            let form = fields.to_form(&[]).with_errors(errors);
            Ok((status, view::review_form(&rc.page(), &project, None, &form)).into_response())
        }
    }
}

async fn edit_form(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
) -> WebResult<Response> {
    let (project, r) = mentoring_page::review_to_edit(&state.ctx, &rc.actor(), &slug, id).await?;
    let steps: Vec<String> = r.steps.iter().map(|s| s.text.clone()).collect();
    let form = FormState::new()
        .with("impact", r.impact.value.to_string())
        .with("impact_comment", r.impact.comment)
        .with("progress", r.progress.value.to_string())
        .with("progress_comment", r.progress.comment)
        .with("openness", r.openness.value.to_string())
        .with("openness_comment", r.openness.comment)
        .with("team_health", r.team_health.value.to_string())
        .with("team_health_comment", r.team_health.comment)
        .with("strengths", r.strengths)
        .with("recommendations", r.recommendations)
        .with("next_steps", steps.join("\n"));
    Ok(view::review_form(&rc.page(), &project, Some(id), &form).into_response())
}

async fn save(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
    fields: Fields,
) -> WebResult<Response> {
    let (project, _) = load(&state, &rc, &slug).await?;
    match review::edit(
        &state.ctx,
        &rc.actor(),
        &project,
        id,
        &review_input(&fields),
    )
    .await
    {
        Ok(()) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}/reviews#review-{id}"),
            "flash-review-saved",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "impact")?;
            let form = fields.to_form(&[]).with_errors(errors);
            Ok((
                status,
                view::review_form(&rc.page(), &project, Some(id), &form),
            )
                .into_response())
        }
    }
}

async fn acknowledge(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
) -> WebResult<Response> {
    let (project, _) = load(&state, &rc, &slug).await?;
    review::acknowledge(&state.ctx, &rc.actor(), &project, id).await?;
    Ok(see_other_with_flash(
        &state.config,
        &format!("/projects/{slug}/reviews#review-{id}"),
        "flash-review-acknowledged",
        vec![],
    ))
}

async fn respond(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
    fields: Fields,
) -> WebResult<Response> {
    let (project, rights) = load(&state, &rc, &slug).await?;
    match review::respond(
        &state.ctx,
        &rc.actor(),
        &project,
        id,
        fields.get("response"),
    )
    .await
    {
        Ok(()) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}/reviews#review-{id}"),
            "flash-review-answered",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "response")?;
            let form = fields.to_form(&[]).with_errors(errors);
            let read = mentoring_page::reviews_of(&state.ctx, &rc.actor(), project, rights).await?;
            Ok(list_page(
                &rc,
                &read,
                FormState::new(),
                Some((id, form)),
                status,
            ))
        }
    }
}

async fn step_to_milestone(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id, step)): Path<(String, i32, i32)>,
) -> WebResult<Response> {
    let (project, _) = load(&state, &rc, &slug).await?;
    let milestone_id =
        review::step_to_milestone(&state.ctx, &rc.actor(), &project, id, step).await?;
    Ok(see_other_with_flash(
        &state.config,
        &format!("/projects/{slug}/milestones/{milestone_id}/edit"),
        "flash-step-milestone",
        vec![],
    ))
}

async fn request(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
    fields: Fields,
) -> WebResult<Response> {
    let (project, rights) = load(&state, &rc, &slug).await?;
    match review::request(&state.ctx, &rc.actor(), &project, fields.get("question")).await {
        Ok(_) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}/reviews"),
            "flash-review-requested",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "question")?;
            let form = fields.to_form(&[]).with_errors(errors);
            let read = mentoring_page::reviews_of(&state.ctx, &rc.actor(), project, rights).await?;
            Ok(list_page(&rc, &read, form, None, status))
        }
    }
}

async fn dashboard(
    State(state): State<AppState>,
    rc: RequestContext,
    member: Member,
) -> WebResult<Response> {
    let read = mentoring_page::dashboard(&state.ctx.db, &member.actor(), state.ctx.now()).await?;
    let p = read.profile;
    let form = FormState::new()
        .with_all(
            "expertise",
            p.expertise.iter().map(|e| e.code().to_owned()).collect(),
        )
        .with("capacity", p.capacity.to_string())
        .with("remote", if p.remote { "on" } else { "" });
    Ok(view::mentor_dashboard(&rc.page(), &read.followed, &form).into_response())
}

async fn save_profile(
    State(state): State<AppState>,
    rc: RequestContext,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    let actor = rc.actor();
    match mentor::save_profile(
        &state.ctx,
        &actor,
        &fields.all("expertise"),
        fields.get("capacity"),
        fields.get("remote") == "on",
    )
    .await
    {
        Ok(()) => Ok(see_other_with_flash(
            &state.config,
            "/mentor",
            "flash-mentor-profile-saved",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "capacity")?;
            let followed = review::mentor_dashboard(&state.ctx.db, &actor, state.ctx.now()).await?;
            let form = fields.to_form(&[]).with_errors(errors);
            Ok((status, view::mentor_dashboard(&rc.page(), &followed, &form)).into_response())
        }
    }
}

#[derive(Deserialize, Default)]
struct CityQuery {
    city: Option<String>,
}

async fn coverage(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(q): Query<CityQuery>,
    _: Coordinator,
) -> WebResult<Response> {
    let read = mentoring_page::coverage(
        &state.ctx.db,
        &rc.actor(),
        q.city.as_deref(),
        state.ctx.now(),
    )
    .await?;
    Ok(view::coverage(&rc.page(), &read, &FormState::new()).into_response())
}

async fn assign(
    State(state): State<AppState>,
    rc: RequestContext,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    let city = fields.get("city").to_owned();
    let project_id = fields
        .get("project_id")
        .parse::<i32>()
        .map_err(|_| WebError::BadRequest)?;
    let mentor_id = fields.get("mentor_id").parse::<i32>();
    let result = match mentor_id {
        Ok(m) => mentor::assign(&state.ctx, &rc.actor(), project_id, m)
            .await
            .map(|_| ()),
        Err(_) => Err(DomainError::field("mentor_id", "error-not-a-mentor")),
    };
    match result {
        Ok(()) => Ok(see_other_with_flash(
            &state.config,
            &format!("/admin/mentoring?city={city}"),
            "flash-mentor-assigned",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "mentor_id")?;
            let read =
                mentoring_page::coverage(&state.ctx.db, &rc.actor(), Some(&city), state.ctx.now())
                    .await?;
            let form = fields.to_form(&[]).with_errors(errors);
            Ok((status, view::coverage(&rc.page(), &read, &form)).into_response())
        }
    }
}

async fn end(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    mentor::end(&state.ctx, &rc.actor(), id).await?;
    let city = fields.get("city");
    Ok(see_other_with_flash(
        &state.config,
        &format!("/admin/mentoring?city={city}"),
        "flash-assignment-ended",
        vec![],
    ))
}
