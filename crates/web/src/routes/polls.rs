//! Date polls: the invitee's ballot (by personal link, no log-in needed)
//! and the coordinators' pages.

use super::TokenPath;
use crate::error::{WebError, WebResult, form_rejection};
use crate::fields::Fields;
use crate::routes::{see_other, see_other_with_flash};
use crate::{AppState, Member, RequestContext};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use relais_domain::date_poll::{self, Choice, PollInput, SlotInput};
use relais_domain::polls_page;
use relais_domain::token::LinkToken;
use relais_templates::form::FormState;
use relais_templates::pages::polls as view;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/polls/{id}/{token}", get(ballot).post(answer))
        .route("/admin/polls", get(admin).post(create))
        .route("/admin/polls/{id}", get(results))
        .route("/admin/polls/{id}/convert", post(convert))
}

async fn ballot_page(
    state: &AppState,
    rc: &RequestContext,
    id: i32,
    token: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult<Response> {
    let read = polls_page::ballot(&state.ctx, id, token).await?;
    let action = format!("/polls/{id}/{token}");
    let page = view::BallotView {
        read: &read,
        action: &action,
        form: &form,
    };
    Ok((status, view::ballot(&rc.page(), &page)).into_response())
}

async fn ballot(
    State(state): State<AppState>,
    rc: RequestContext,
    TokenPath((id, token)): TokenPath<(i32, LinkToken)>,
) -> WebResult<Response> {
    ballot_page(&state, &rc, id, &token, FormState::new(), StatusCode::OK).await
}

async fn answer(
    State(state): State<AppState>,
    rc: RequestContext,
    TokenPath((id, token)): TokenPath<(i32, LinkToken)>,
    fields: Fields,
) -> WebResult<Response> {
    let b = date_poll::ballot(&state.ctx, id, &token).await?;
    let mut answers = Vec::new();
    for slot in date_poll::slots(&state.ctx.db, id).await? {
        let value = fields.get(&format!("slot-{}", slot.id));
        if !value.is_empty() {
            answers.push((
                slot.id,
                Choice::parse(value).map_err(|_| WebError::BadRequest)?,
            ));
        }
    }
    match date_poll::answer(&state.ctx, &b, &answers).await {
        Ok(()) => Ok(see_other_with_flash(
            &state.config,
            &format!("/polls/{id}/{token}"),
            "flash-poll-answered",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "answers")?;
            ballot_page(
                &state,
                &rc,
                id,
                &token,
                FormState::new().with_errors(errors),
                status,
            )
            .await
        }
    }
}

async fn admin_page(
    state: &AppState,
    rc: &RequestContext,
    form: &FormState,
    member: &Member,
    status: StatusCode,
) -> WebResult<Response> {
    let read = polls_page::admin(&state.ctx.db, &member.actor()).await?;
    let polls = read.polls;
    let options: Vec<(String, String)> = read
        .cities
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    Ok((status, view::admin(&rc.page(), &polls, &options, form)).into_response())
}

async fn admin(
    State(state): State<AppState>,
    rc: RequestContext,
    member: Member,
) -> WebResult<Response> {
    let form = FormState::new()
        .with("duration_minutes", "120")
        .with("capacity", "40");
    admin_page(&state, &rc, &form, &member, StatusCode::OK).await
}

async fn create(
    State(state): State<AppState>,
    rc: RequestContext,
    member: Member,
    fields: Fields,
) -> WebResult<Response> {
    // "More rows" sends the form back with what was typed and room for
    // more slots: the page grows without JavaScript and nothing is created.
    if fields.get(view::MORE_SLOTS) == "yes" {
        return admin_page(&state, &rc, &fields.to_form(&[]), &member, StatusCode::OK).await;
    }
    let city_id: i32 = fields
        .get("city_id")
        .parse()
        .map_err(|_| WebError::BadRequest)?;
    let times = fields.all("slot_time");
    let slots = fields
        .all("slot_date")
        .into_iter()
        .enumerate()
        .map(|(i, date)| SlotInput {
            date,
            time: times.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    let input = PollInput {
        title: fields.get("title").to_owned(),
        description: fields.get("description").to_owned(),
        place_address: fields.get("place_address").to_owned(),
        duration_minutes: fields.get("duration_minutes").to_owned(),
        capacity: fields.get("capacity").to_owned(),
        slots,
        closes_on: fields.get("closes_on").to_owned(),
        audiences: fields.all("audiences"),
    };
    match date_poll::create(&state.ctx, &rc.actor(), city_id, &input).await {
        Ok(id) => Ok(see_other_with_flash(
            &state.config,
            &format!("/admin/polls/{id}"),
            "flash-poll-created",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "title")?;
            admin_page(
                &state,
                &rc,
                &fields.to_form(&[]).with_errors(errors),
                &member,
                status,
            )
            .await
        }
    }
}

async fn results(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
) -> WebResult<Response> {
    let (p, zone, results) = polls_page::results(&state.ctx.db, &rc.actor(), id).await?;
    Ok(view::results(&rc.page(), &p.into(), zone, &results).into_response())
}

async fn convert(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    let slot: i32 = fields
        .get("slot_id")
        .parse()
        .map_err(|_| WebError::BadRequest)?;
    // Inviting everybody asked cannot be undone: first a page that says
    // who will be emailed; converting is what that page's button does.
    if fields.get("confirmed") != "yes" {
        let (p, slot, invited, c) =
            polls_page::conversion(&state.ctx.db, &rc.actor(), id, slot).await?;
        // Already decided (a second tab, a double click): nothing to ask.
        if let Some(meetup) = p.occurrence_id {
            return Ok(see_other(&format!("/meetups/{meetup}"), vec![]));
        }
        return Ok(relais_templates::pages::confirm::convert_poll(
            &rc.page(),
            &relais_templates::pages::confirm::SlotToConvert {
                poll_id: id,
                title: &p.title,
                slot_id: slot.id,
                starts_at: slot.starts_at,
                zone: relais_templates::dates::NamedZone::new(c.time_zone, &c.name),
                invited,
            },
        )
        .into_response());
    }
    let meetup = date_poll::convert(&state.ctx, &rc.actor(), id, slot).await?;
    Ok(see_other_with_flash(
        &state.config,
        &format!("/meetups/{meetup}"),
        "flash-poll-converted",
        vec![],
    ))
}
