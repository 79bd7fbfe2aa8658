//! Meetups: the list, one meeting (RSVP, agenda, attendance, minutes, its
//! calendar file), and the coordinators' series.

use crate::error::{WebError, WebResult, form_rejection};
use crate::fields::Fields;
use crate::routes::see_other_with_flash;
use crate::{AppState, Member, RequestContext};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use relais_domain::agenda::{self, Kind};
use relais_domain::entities::meetup_occurrence::Model as Occurrence;
use relais_domain::meetup::{self, SeriesInput};
use relais_domain::meetup_rule::{DayOfWeek, Ordinal};
use relais_domain::rsvp::{self, Answer, Outcome};
use relais_domain::{DomainError, meeting_page, meetups_page, project};
use relais_templates::form::FormState;
use relais_templates::ics::{self, CalendarEvent, calendar};
use relais_templates::pages::meetups::{self as view, MeetingPage};
use serde::Deserialize;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/meetups", get(list))
        .route("/meetups/{id}", get(show))
        .route("/meetups/{id}/rsvp", post(answer))
        .route("/meetups/{id}/attendance", post(attendance))
        .route("/meetups/{id}/minutes", post(minutes))
        .route("/meetups/{id}/cancel", get(cancel_confirm).post(cancel))
        .route("/meetups/{id}/keep", post(keep))
        .route("/meetups/{id}/move", post(reschedule))
        .route("/meetups/{id}/agenda", post(add_agenda))
        .route("/meetups/{id}/agenda/request", post(ask_agenda))
        .route("/meetups/{id}/agenda/{item}/accept", post(accept_agenda))
        .route("/meetups/{id}/agenda/{item}/remove", post(remove_agenda))
        .route("/cities/{slug}/meetups.ics", get(city_feed))
        .route("/calendar/{file}", get(personal_feed))
        .route("/admin/meetups", get(series_admin).post(create_series))
        .route("/admin/meetups/{id}", get(series_page).post(update_series))
        .route("/admin/meetups/{id}/occurrences", post(add_single))
}

#[derive(Deserialize, Default)]
struct CityQuery {
    city: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(q): Query<CityQuery>,
) -> WebResult<Response> {
    let city_id = q.city.as_deref().and_then(|c| c.parse::<i32>().ok());
    let read = meetups_page::list(&state.ctx.db, city_id, state.ctx.now()).await?;
    let cities = &read.cities;
    let options: Vec<(String, String)> = cities
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    let filter = FormState::new().with("city", q.city.unwrap_or_default());
    let calendars = cities
        .iter()
        .filter(|c| city_id.is_none_or(|id| id == c.id))
        .map(|c| relais_templates::subscribe::city_calendar(rc.lang, &c.slug, &c.name))
        .collect();
    let base_url = state.config.base_url.as_str();
    Ok(view::list(
        &rc.page().with_feeds(calendars),
        &read.items,
        &options,
        &filter,
        base_url,
    )
    .into_response())
}

/// A meeting as a calendar event: cancelled when it is, else as `attending`
/// says (a city feed's reader is not attending anything in particular).
fn ics_event(state: &AppState, o: &Occurrence, attending: ics::Status) -> CalendarEvent {
    let base = state.config.base_url.as_str();
    CalendarEvent {
        day: None,
        uid: ics::meeting_uid(&state.config.base_url, o.id),
        start: o.starts_at,
        end: o.ends_at,
        stamp: o.updated_at,
        sequence: o.sequence,
        status: if o.status == meetup::Status::Cancelled {
            ics::Status::Cancelled
        } else {
            attending
        },
        summary: o.title.clone(),
        location: if o.place_address.is_empty() {
            o.online_url.clone().unwrap_or_default()
        } else {
            o.place_address.clone()
        },
        url: format!("{base}/meetups/{}", o.id),
        description: relais_templates::markdown::plain_excerpt(&o.description, 1000),
    }
}

async fn meeting_page(
    state: &AppState,
    rc: &RequestContext,
    id: i32,
    form: Option<(&'static str, FormState)>,
    status: StatusCode,
) -> WebResult<Response> {
    let read = meeting_page::load(&state.ctx.db, &rc.actor(), id, state.ctx.now()).await?;
    let page = MeetingPage { read: &read, form };
    Ok((status, view::meeting(&rc.page(), &page)).into_response())
}

async fn show(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Response> {
    if let Some(number) = id.strip_suffix(".ics") {
        let o = meetup::get(
            &state.ctx.db,
            number.parse().map_err(|_| WebError::NotFound)?,
        )
        .await?;
        let body = calendar(&o.title, &[ics_event(&state, &o, ics::Status::Confirmed)]);
        return Ok((
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"meetup.ics\"",
                ),
            ],
            body,
        )
            .into_response());
    }
    let id: i32 = id.parse().map_err(|_| WebError::NotFound)?;
    meeting_page(&state, &rc, id, None, StatusCode::OK).await
}

/// Back to the meeting with `flash` on success; on bad input, the meeting
/// page again with the form (`which`) as typed and its messages.
#[allow(clippy::too_many_arguments)]
async fn settle(
    state: &AppState,
    rc: &RequestContext,
    id: i32,
    result: relais_domain::Result<()>,
    flash: &str,
    which: &'static str,
    field: &'static str,
    fields: &Fields,
) -> WebResult<Response> {
    match result {
        Ok(()) => Ok(back(state, id, flash)),
        Err(e) => {
            let (status, errors) = form_rejection(e, field)?;
            meeting_page(
                state,
                rc,
                id,
                Some((which, fields.to_form(&[]).with_errors(errors))),
                status,
            )
            .await
        }
    }
}

fn back(state: &AppState, id: i32, flash: &str) -> Response {
    see_other_with_flash(&state.config, &format!("/meetups/{id}"), flash, vec![])
}

async fn answer(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    let result = match Answer::parse(fields.get("answer")) {
        Ok(a) => rsvp::answer(&state.ctx, &rc.actor(), id, a).await,
        Err(k) => Err(DomainError::field("answer", k)),
    };
    match result {
        Ok(Outcome::Confirmed) => Ok(back(&state, id, "flash-rsvp-confirmed")),
        Ok(Outcome::Waitlisted) => Ok(back(&state, id, "flash-rsvp-waitlisted")),
        Ok(Outcome::Recorded) => Ok(back(&state, id, "flash-rsvp-recorded")),
        Err(e) => {
            let (status, errors) = form_rejection(e, "answer")?;
            meeting_page(
                &state,
                &rc,
                id,
                Some(("rsvp", FormState::new().with_errors(errors))),
                status,
            )
            .await
        }
    }
}

async fn attendance(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    let user_id: i32 = fields
        .get("user_id")
        .parse()
        .map_err(|_| WebError::BadRequest)?;
    rsvp::mark_attendance(
        &state.ctx,
        &rc.actor(),
        id,
        user_id,
        fields.get("attended") == "yes",
    )
    .await?;
    Ok(back(&state, id, "flash-attendance-saved"))
}

async fn minutes(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    let result = meetup::set_minutes(&state.ctx, &rc.actor(), id, fields.get("minutes")).await;
    settle(
        &state,
        &rc,
        id,
        result,
        "flash-minutes-saved",
        "minutes",
        "minutes",
        &fields,
    )
    .await
}

/// Asks before cancelling: when, and how many people will be told.
async fn cancel_confirm(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
) -> WebResult<Response> {
    let (o, told, c) = meetups_page::cancellation(&state.ctx.db, &rc.actor(), id).await?;
    let page = relais_templates::pages::confirm::cancel_meeting(
        &rc.page(),
        &relais_templates::pages::confirm::MeetingToCancel {
            id,
            title: &o.title,
            starts_at: o.starts_at,
            zone: relais_templates::dates::NamedZone::new(c.time_zone, &c.name),
            told,
        },
    );
    Ok(page.into_response())
}

/// Cancels once asked: a POST without `confirmed=yes` (an old form, a
/// crafted link) only shows the question.
async fn cancel(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    member: Member,
    fields: Fields,
) -> WebResult<Response> {
    if fields.get("confirmed") != "yes" {
        return cancel_confirm(State(state), rc, Path(id), member).await;
    }
    meetup::cancel(&state.ctx, &rc.actor(), id).await?;
    Ok(back(&state, id, "flash-meetup-cancelled"))
}

async fn keep(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
) -> WebResult<Response> {
    meetup::keep(&state.ctx, &rc.actor(), id).await?;
    Ok(back(&state, id, "flash-meetup-kept"))
}

async fn reschedule(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    let result = meetup::reschedule(
        &state.ctx,
        &rc.actor(),
        id,
        fields.get("date"),
        fields.get("time"),
    )
    .await;
    settle(
        &state,
        &rc,
        id,
        result,
        "flash-meetup-moved",
        "move",
        "date",
        &fields,
    )
    .await
}

async fn add_agenda(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    let result = match Kind::parse(fields.get("kind")) {
        Ok(kind) => agenda::add(
            &state.ctx,
            &rc.actor(),
            id,
            kind,
            fields.get("project_id").parse().ok(),
            fields.get("title"),
        )
        .await
        .map(|_| ()),
        Err(k) => Err(DomainError::field("kind", k)),
    };
    settle(
        &state,
        &rc,
        id,
        result,
        "flash-agenda-saved",
        "agenda",
        "title",
        &fields,
    )
    .await
}

async fn ask_agenda(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    let p = project::by_slug(&state.ctx, &rc.actor(), fields.get("project")).await?;
    agenda::ask_to_present(&state.ctx, &rc.actor(), id, &p).await?;
    Ok(back(&state, id, "flash-agenda-asked"))
}

async fn accept_agenda(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((id, item)): Path<(i32, i32)>,
    _: Member,
) -> WebResult<Response> {
    agenda::accept(&state.ctx, &rc.actor(), item).await?;
    Ok(back(&state, id, "flash-agenda-saved"))
}

async fn remove_agenda(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((id, item)): Path<(i32, i32)>,
    _: Member,
) -> WebResult<Response> {
    agenda::remove(&state.ctx, &rc.actor(), item).await?;
    Ok(back(&state, id, "flash-agenda-saved"))
}

fn series_input(f: &Fields) -> SeriesInput {
    SeriesInput {
        title: f.get("title").to_owned(),
        description: f.get("description").to_owned(),
        ordinal: f.get("ordinal").to_owned(),
        weekday: f.get("weekday").to_owned(),
        start_time: f.get("start_time").to_owned(),
        duration_minutes: f.get("duration_minutes").to_owned(),
        place_address: f.get("place_address").to_owned(),
        online_url: f.get("online_url").to_owned(),
        audiences: f.all("audiences"),
        capacity: f.get("capacity").to_owned(),
    }
}

async fn series_admin_page(
    state: &AppState,
    rc: &RequestContext,
    member: &Member,
    form: &FormState,
    status: StatusCode,
) -> WebResult<Response> {
    let read = meetups_page::series_admin(&state.ctx.db, &member.actor()).await?;
    let series = read.series;
    let options: Vec<(String, String)> = read
        .cities
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    Ok((
        status,
        view::series_admin(&rc.page(), &series, &options, form),
    )
        .into_response())
}

async fn series_admin(
    State(state): State<AppState>,
    rc: RequestContext,
    member: Member,
) -> WebResult<Response> {
    let form = FormState::new()
        .with("ordinal", Ordinal::First.code())
        .with("weekday", DayOfWeek::Thursday.code())
        .with("start_time", "19:00")
        .with("duration_minutes", "150")
        .with("capacity", "40");
    series_admin_page(&state, &rc, &member, &form, StatusCode::OK).await
}

async fn create_series(
    State(state): State<AppState>,
    rc: RequestContext,
    member: Member,
    fields: Fields,
) -> WebResult<Response> {
    let city_id: i32 = fields
        .get("city_id")
        .parse()
        .map_err(|_| WebError::BadRequest)?;
    match meetup::create_series(&state.ctx, &rc.actor(), city_id, &series_input(&fields)).await {
        Ok(id) => Ok(see_other_with_flash(
            &state.config,
            &format!("/admin/meetups/{id}"),
            "flash-series-created",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "title")?;
            series_admin_page(
                &state,
                &rc,
                &member,
                &fields.to_form(&[]).with_errors(errors),
                status,
            )
            .await
        }
    }
}

async fn series_view(
    state: &AppState,
    rc: &RequestContext,
    id: i32,
    form: Option<FormState>,
    to_decide: &[i32],
    single: FormState,
    status: StatusCode,
) -> WebResult<Response> {
    let read = meetups_page::series(&state.ctx.db, &rc.actor(), id, state.ctx.now()).await?;
    let (s, upcoming) = (read.series, read.upcoming);
    let form = form.unwrap_or_else(|| {
        FormState::new()
            .with("title", s.row.title.clone())
            .with("description", s.row.description.clone())
            .with("ordinal", s.row.ordinal.code())
            .with("weekday", s.row.weekday.code())
            .with("start_time", s.row.start_time.clone())
            .with("duration_minutes", s.row.duration_minutes.to_string())
            .with("place_address", s.row.place_address.clone())
            .with("online_url", s.row.online_url.clone().unwrap_or_default())
            .with_all(
                "audiences",
                s.audiences.iter().map(|a| a.code().to_owned()).collect(),
            )
            .with("capacity", s.row.capacity.to_string())
    });
    Ok((
        status,
        view::series_page(&rc.page(), &s, &form, &upcoming, to_decide, &single),
    )
        .into_response())
}

async fn series_page(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
) -> WebResult<Response> {
    series_view(&state, &rc, id, None, &[], FormState::new(), StatusCode::OK).await
}

async fn update_series(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    match meetup::update_series(&state.ctx, &rc.actor(), id, &series_input(&fields)).await {
        Ok(report) if report.to_decide.is_empty() => Ok(see_other_with_flash(
            &state.config,
            &format!("/admin/meetups/{id}"),
            "flash-series-saved",
            vec![],
        )),
        Ok(report) => {
            series_view(
                &state,
                &rc,
                id,
                None,
                &report.to_decide,
                FormState::new(),
                StatusCode::OK,
            )
            .await
        }
        Err(e) => {
            let (status, errors) = form_rejection(e, "title")?;
            series_view(
                &state,
                &rc,
                id,
                Some(fields.to_form(&[]).with_errors(errors)),
                &[],
                FormState::new(),
                status,
            )
            .await
        }
    }
}

async fn add_single(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<i32>,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    match meetup::add_single(
        &state.ctx,
        &rc.actor(),
        id,
        fields.get("date"),
        fields.get("time"),
    )
    .await
    {
        Ok(occurrence) => Ok(see_other_with_flash(
            &state.config,
            &format!("/meetups/{occurrence}"),
            "flash-meetup-added",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "date")?;
            series_view(
                &state,
                &rc,
                id,
                None,
                &[],
                fields.to_form(&[]).with_errors(errors),
                status,
            )
            .await
        }
    }
}

fn ics_response(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn city_feed(State(state): State<AppState>, Path(slug): Path<String>) -> WebResult<Response> {
    let (name, meetings) =
        relais_domain::calendar::of_city(&state.ctx.db, &slug, state.ctx.now()).await?;
    let events: Vec<CalendarEvent> = meetings
        .iter()
        .map(|o| ics_event(&state, o, ics::Status::Confirmed))
        .collect();
    Ok(ics_response(calendar(&format!("Relais — {name}"), &events)))
}

/// The personal feed: read by calendar apps without a session, so the
/// secret in the address is the only credential.
async fn personal_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> WebResult<Response> {
    let token = file
        .strip_suffix(".ics")
        .and_then(relais_domain::token::LinkToken::parse)
        .ok_or(WebError::NotFound)?;
    let feed = relais_domain::calendar::personal(&state.ctx.db, &token, state.ctx.now()).await?;
    let base = state.config.base_url.as_str();
    let mut events: Vec<CalendarEvent> = feed
        .meetings
        .iter()
        .map(|o| {
            let attending = if feed.tentative.contains(&o.id) {
                ics::Status::Tentative
            } else {
                ics::Status::Confirmed
            };
            ics_event(&state, o, attending)
        })
        .collect();
    for (slug, title, m) in &feed.milestones {
        events.push(CalendarEvent {
            day: Some(m.due_on),
            uid: ics::milestone_uid(&state.config.base_url, m.id),
            start: state.ctx.now(),
            end: state.ctx.now(),
            stamp: state.ctx.now(),
            sequence: 0,
            status: ics::Status::Confirmed,
            summary: format!("{title} — {}", m.title),
            location: String::new(),
            url: format!("{base}/projects/{slug}"),
            description: String::new(),
        });
    }
    Ok(ics_response(calendar(
        &format!("Relais — {}", feed.name),
        &events,
    )))
}
