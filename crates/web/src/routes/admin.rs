//! Coordination: how sign-up works, and invitations.

use crate::error::{WebError, WebResult};
use crate::fields::Fields;
use crate::routes::see_other_with_flash;
use crate::{AppState, Coordinator, RequestContext};
use axum::Router;
use axum::extract::State;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use relais_domain::outbox as mail;
use relais_domain::settings::{self, RegistrationMode};
use relais_domain::stage::{Requirement, Stage};
use relais_domain::{
    Actor, DomainError, FieldErrors, Language, Role, account, admin_page, edition, project,
};
use relais_templates::form::FormState;
use relais_templates::pages::admin::{admin, checklists};
use relais_templates::t;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(show))
        .route("/admin/quiet", get(quiet))
        .route("/admin/registration", post(set_registration))
        .route("/admin/invitations", post(invite))
        .route(
            "/admin/editions/{id}/stages",
            get(checklists_form).post(save_checklists),
        )
        .route("/admin/announcements", get(announcements).post(announce))
        .route("/admin/outbox", get(outbox))
        .route("/admin/outbox/{id}/retry", post(retry_email))
}

#[derive(serde::Deserialize, Default)]
struct EditionQuery {
    edition: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(q): Query<EditionQuery>,
    Coordinator(actor): Coordinator,
) -> WebResult<Response> {
    let edition_id = q.edition.and_then(|e| e.parse().ok());
    let read = admin_page::load(&state.ctx.db, &actor, edition_id, state.ctx.now()).await?;
    let form = FormState::new().with("language", rc.lang.code());
    Ok(admin(&rc.page(), &read, edition_id, &form).into_response())
}

#[derive(serde::Deserialize, Default)]
struct QuietQuery {
    city: Option<String>,
    page: Option<String>,
}

/// A city's quiet projects, a page at a time (the roll-up names the first).
async fn quiet(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(q): Query<QuietQuery>,
    Coordinator(actor): Coordinator,
) -> WebResult<Response> {
    let city_id: i32 = q
        .city
        .and_then(|c| c.parse().ok())
        .ok_or(WebError::NotFound)?;
    let page_no: u64 = q.page.and_then(|p| p.parse().ok()).unwrap_or(1).max(1);
    let (city, projects, pages) =
        admin_page::quiet(&state.ctx.db, &actor, city_id, state.ctx.now(), page_no).await?;
    Ok(relais_templates::pages::dashboard::quiet(
        &rc.page(),
        &city.name,
        city_id,
        &projects,
        page_no,
        pages,
    )
    .into_response())
}

async fn set_registration(
    State(state): State<AppState>,
    Coordinator(actor): Coordinator,
    fields: Fields,
) -> WebResult<Response> {
    let mode =
        RegistrationMode::parse(fields.get("registration")).map_err(|_| WebError::BadRequest)?;
    settings::set_registration_mode(&state.ctx.db, &actor, mode).await?;
    Ok(see_other_with_flash(
        &state.config,
        "/admin",
        "admin-registration-saved",
        vec![],
    ))
}

async fn invite(
    State(state): State<AppState>,
    rc: RequestContext,
    Coordinator(actor): Coordinator,
    fields: Fields,
) -> WebResult<Response> {
    let mut errors = FieldErrors::default();
    let city_id = match fields.get("city_id") {
        "" => Some(None),
        raw => errors.check(
            "city_id",
            raw.parse::<i32>()
                .map(Some)
                .map_err(|_| "error-city-invalid"),
        ),
    };
    let role = errors.check("role", Role::parse(fields.get("role")));
    let language = errors.check("language", Language::parse(fields.get("language")));
    let result = match (city_id, role, language) {
        (Some(city_id), Some(role), Some(language)) if errors.is_empty() => {
            account::invite(
                &state.ctx,
                &actor,
                fields.get("email"),
                city_id,
                role,
                language,
            )
            .await
        }
        _ => Err(DomainError::Invalid(errors)),
    };
    match result {
        Ok(()) => Ok(see_other_with_flash(
            &state.config,
            "/admin",
            "admin-invite-sent",
            vec![],
        )),
        Err(DomainError::Invalid(errors)) => {
            let read = admin_page::load(&state.ctx.db, &actor, None, state.ctx.now()).await?;
            let form = fields.to_form(&[]).with_errors(errors);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                admin(&rc.page(), &read, None, &form),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn checklists_form(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(edition_id): Path<i32>,
    Coordinator(actor): Coordinator,
) -> WebResult<Response> {
    let (edition, current) = admin_page::checklists(&state.ctx.db, &actor, edition_id).await?;
    Ok(checklists(&rc.page(), edition_id, &edition.name, &current).into_response())
}

async fn save_checklists(
    State(state): State<AppState>,
    Path(edition_id): Path<i32>,
    Coordinator(actor): Coordinator,
    fields: Fields,
) -> WebResult<Response> {
    edition::list(&state.ctx.db)
        .await?
        .into_iter()
        .find(|e| e.id == edition_id)
        .ok_or(WebError::NotFound)?;
    let mut lists = Vec::new();
    for stage in Stage::ALL {
        let mut required = Vec::new();
        for code in fields.all(&format!("req-{}", stage.code())) {
            required.push(Requirement::parse(&code).map_err(|_| WebError::BadRequest)?);
        }
        lists.push((stage, required));
    }
    project::set_requirements(&state.ctx, &actor, edition_id, &lists).await?;
    Ok(see_other_with_flash(
        &state.config,
        &format!("/admin/editions/{edition_id}/stages"),
        "flash-checklists-saved",
        vec![],
    ))
}

async fn outbox(
    State(state): State<AppState>,
    rc: RequestContext,
    Coordinator(actor): Coordinator,
) -> WebResult<Response> {
    let (counts, troubles) = admin_page::outbox(&state.ctx.db, &actor).await?;
    Ok(relais_templates::pages::admin::outbox(&rc.page(), counts, &troubles).into_response())
}

async fn retry_email(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Coordinator(actor): Coordinator,
) -> WebResult<Response> {
    mail::retry(&state.ctx.db, &actor, id, state.ctx.now()).await?;
    Ok(see_other_with_flash(
        &state.config,
        "/admin/outbox",
        "flash-email-retried",
        vec![],
    ))
}

async fn announcement_page(
    state: &AppState,
    rc: &RequestContext,
    actor: &Actor,
    form: &FormState,
    status: StatusCode,
) -> WebResult<Response> {
    let read = admin_page::announcements(&state.ctx.db, actor).await?;
    let mut scopes = Vec::new();
    if read.programme {
        scopes.push((String::new(), t(rc.lang, "admin-programme")));
    }
    scopes.extend(
        read.cities
            .into_iter()
            .map(|(id, name)| (id.to_string(), name)),
    );
    let past = read.past;
    Ok((
        status,
        relais_templates::pages::admin::announcements(&rc.page(), &past, &scopes, form),
    )
        .into_response())
}

async fn announcements(
    State(state): State<AppState>,
    rc: RequestContext,
    Coordinator(actor): Coordinator,
) -> WebResult<Response> {
    announcement_page(&state, &rc, &actor, &FormState::new(), StatusCode::OK).await
}

async fn announce(
    State(state): State<AppState>,
    rc: RequestContext,
    Coordinator(actor): Coordinator,
    fields: Fields,
) -> WebResult<Response> {
    let city_id = match fields.get("city_id") {
        "" => None,
        raw => Some(raw.parse::<i32>().map_err(|_| WebError::BadRequest)?),
    };
    // First a page that says how many people it will reach; sending is
    // what that page's button does.
    if fields.get("confirmed") != "yes" {
        let size = relais_domain::announcement::addressed_to(
            &state.ctx.db,
            &actor,
            city_id,
            &fields.all("audiences"),
            fields.get("subject"),
            fields.get("body"),
        )
        .await;
        return match size {
            Ok(count) => Ok(relais_templates::pages::confirm::send_announcement(
                &rc.page(),
                fields.get("subject").trim(),
                count as u64,
                fields.pairs_except(&["confirmed"]),
            )
            .into_response()),
            Err(DomainError::Invalid(errors)) => {
                let form = fields.to_form(&[]).with_errors(errors);
                announcement_page(&state, &rc, &actor, &form, StatusCode::UNPROCESSABLE_ENTITY)
                    .await
            }
            Err(e) => Err(e.into()),
        };
    }
    let result = relais_domain::announcement::send(
        &state.ctx,
        &actor,
        city_id,
        &fields.all("audiences"),
        fields.get("subject"),
        fields.get("body"),
    )
    .await;
    match result {
        Ok(_) => Ok(see_other_with_flash(
            &state.config,
            "/admin/announcements",
            "flash-announcement-sent",
            vec![],
        )),
        Err(DomainError::Invalid(errors)) => {
            let form = fields.to_form(&[]).with_errors(errors);
            announcement_page(&state, &rc, &actor, &form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}
