//! Mise en relation: needs (on project pages, their own pages and the
//! public "On cherche…" list), members' offers and the public list of
//! helpers, suggestions, introductions (answered on the site or from the
//! emailed link), the follow-up question, expertise questions, and the
//! coordinators' volumes.

use super::TokenPath;
use crate::error::{WebError, WebResult, form_rejection};
use crate::fields::Fields;
use crate::routes::projects::refused;
use crate::routes::see_other_with_flash;
use crate::{AppState, Member, RequestContext};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use relais_domain::city::City;
use relais_domain::expertise_question;
use relais_domain::expertise_tag;
use relais_domain::expertise_tag::Tag;
use relais_domain::help_kind::HelpKind;
use relais_domain::introduction::{self, Answer, Outcome, Responder};
use relais_domain::need::{self, NeedInput, NeedState, OpenFilter};
use relais_domain::offer::{self, OfferInput};
use relais_domain::project::{self, Project};
use relais_domain::token::LinkToken;
use relais_domain::{DomainError, relation_page};
use relais_templates::form::FormState;
use relais_templates::pages::auth as auth_view;
use relais_templates::pages::projects::ProjectForms;
use relais_templates::pages::relation::{self as view, AnswerLink, ListChoices, NeedPage};
use std::collections::BTreeMap;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/needs", get(open_needs))
        .route("/helpers", get(helpers))
        .route("/offer", get(offer_form).post(save_offer))
        .route("/relation", get(hub))
        .route("/projects/{slug}/needs", post(create_need))
        .route("/projects/{slug}/needs/{id}", get(need_page))
        .route("/projects/{slug}/needs/{id}/edit", post(update_need))
        .route("/projects/{slug}/needs/{id}/state", post(set_state))
        .route("/projects/{slug}/needs/{id}/help", post(offer_help))
        .route("/projects/{slug}/needs/{id}/ask/{member}", post(ask_member))
        .route("/projects/{slug}/needs/{id}/questions", post(ask_question))
        .route("/projects/{slug}/questions/{id}", get(question_page))
        .route(
            "/projects/{slug}/questions/{id}/answers",
            post(answer_question),
        )
        .route(
            "/projects/{slug}/questions/{id}/helpful/{answer}",
            post(mark_helpful),
        )
        .route("/introductions/{id}/accept", post(accept_on_site))
        .route("/introductions/{id}/decline", post(decline_on_site))
        .route(
            "/introductions/answer/{token}",
            get(answer_link_page).post(answer_by_link),
        )
        .route("/follow-up/{token}", get(follow_up_page).post(follow_up))
        .route("/admin/introductions", get(volumes))
}

async fn load(state: &AppState, rc: &RequestContext, slug: &str) -> WebResult<Project> {
    Ok(project::by_slug(&state.ctx, &rc.actor(), slug).await?)
}

fn city_choices(cities: Vec<City>) -> Vec<(String, String)> {
    cities
        .into_iter()
        .map(|c| (c.id.to_string(), c.name))
        .collect()
}

/// The kept filters as a form and as a query string for pagination links.
fn kept(params: &BTreeMap<String, String>) -> (FormState, String) {
    let kept: Vec<(&String, &String)> = params
        .iter()
        .filter(|(k, v)| *k != "page" && !v.is_empty())
        .collect();
    let form = kept
        .iter()
        .fold(FormState::new(), |f, (k, v)| f.with(k, (*v).clone()));
    let mut query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish();
    if !query.is_empty() {
        query.push('&');
    }
    (form, query)
}

async fn open_needs(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(params): Query<BTreeMap<String, String>>,
) -> WebResult<Response> {
    let get = |k: &str| params.get(k).map(String::as_str).unwrap_or("");
    let filter = OpenFilter {
        city_id: get("city").parse().ok(),
        kind: HelpKind::parse(get("kind")).ok(),
        page: get("page").parse().unwrap_or(1),
    };
    let (results, cities) = relation_page::open_needs(&state.ctx.db, &filter).await?;
    let (form, query) = kept(&params);
    let choices = ListChoices {
        cities: city_choices(cities),
    };
    Ok(view::open_needs(&rc.page(), &form, &choices, &results, &query).into_response())
}

async fn helpers(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(params): Query<BTreeMap<String, String>>,
) -> WebResult<Response> {
    let get = |k: &str| params.get(k).map(String::as_str).unwrap_or("");
    let (results, cities) = relation_page::helpers(
        &state.ctx.db,
        get("city").parse().ok(),
        get("page").parse().unwrap_or(1),
    )
    .await?;
    let (form, query) = kept(&params);
    let choices = ListChoices {
        cities: city_choices(cities),
    };
    Ok(view::helpers(&rc.page(), &form, &choices, &results, &query).into_response())
}

fn render_offer(
    rc: &RequestContext,
    form: &FormState,
    (tags, cities): (Vec<Tag>, Vec<City>),
    status: StatusCode,
) -> Response {
    let cities = city_choices(cities);
    (status, view::offer_form(&rc.page(), form, &cities, &tags)).into_response()
}

async fn offer_form(
    State(state): State<AppState>,
    rc: RequestContext,
    Member(live): Member,
) -> WebResult<Response> {
    let read = relation_page::offer_form(&state.ctx.db, live.account.id).await?;
    let form = match read.offer {
        Some(o) => FormState::new()
            .with_all(
                "kinds",
                o.kinds.iter().map(|k| k.code().to_owned()).collect(),
            )
            .with("tags", expertise_tag::join(&o.tags))
            .with_all(
                "themes",
                o.themes.iter().map(|t| t.code().to_owned()).collect(),
            )
            .with_all("languages", o.languages.clone())
            .with(
                "city_id",
                o.city_id.map(|c| c.to_string()).unwrap_or_default(),
            )
            .with("remote", if o.remote { "on" } else { "" })
            .with("description", o.description)
            .with(
                "introductions_per_month",
                o.introductions_per_month.to_string(),
            )
            .with("contactable", if o.contactable { "on" } else { "" })
            .with("is_public", if o.is_public { "on" } else { "" }),
        None => FormState::new()
            .with_all("languages", vec![rc.lang.code().to_owned()])
            .with(
                "city_id",
                live.account
                    .city_id
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
            )
            .with(
                "introductions_per_month",
                offer::DEFAULT_INTRODUCTIONS_PER_MONTH.to_string(),
            )
            .with("contactable", "on"),
    };
    Ok(render_offer(
        &rc,
        &form,
        (read.tags, read.cities),
        StatusCode::OK,
    ))
}

async fn save_offer(
    State(state): State<AppState>,
    rc: RequestContext,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    let input = OfferInput {
        kinds: fields.all("kinds"),
        tags: fields.get("tags").to_owned(),
        themes: fields.all("themes"),
        languages: fields.all("languages"),
        city_id: fields.get("city_id").to_owned(),
        remote: fields.get("remote") == "on",
        description: fields.get("description").to_owned(),
        introductions_per_month: fields.get("introductions_per_month").to_owned(),
        contactable: fields.get("contactable") == "on",
        is_public: fields.get("is_public") == "on",
    };
    match offer::save(&state.ctx, &rc.actor(), &input).await {
        Ok(()) => Ok(see_other_with_flash(
            &state.config,
            "/relation",
            "flash-offer-saved",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "kinds")?;
            let choices = relation_page::offer_choices(&state.ctx.db).await?;
            Ok(render_offer(
                &rc,
                &fields.to_form(&[]).with_errors(errors),
                choices,
                status,
            ))
        }
    }
}

async fn hub(
    State(state): State<AppState>,
    rc: RequestContext,
    member: Member,
) -> WebResult<Response> {
    let read = relation_page::hub(&state.ctx, &member.actor()).await?;
    Ok(view::hub(
        &rc.page(),
        state.ctx.now(),
        read.has_offer,
        &read.suggestions,
        &read.introductions,
    )
    .into_response())
}

fn need_input(fields: &Fields) -> NeedInput {
    NeedInput {
        kind: fields.get("kind").to_owned(),
        tags: fields.get("tags").to_owned(),
        description: fields.get("description").to_owned(),
        remote: fields.get("remote") == "on",
        languages: fields.all("languages"),
    }
}

async fn create_need(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    match need::create(&state.ctx, &rc.actor(), &project, &need_input(&fields)).await {
        Ok(id) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}/needs/{id}"),
            "flash-need-saved",
            vec![],
        )),
        Err(e) => {
            let place = |f| ProjectForms {
                need: f,
                ..Default::default()
            };
            refused(
                &state,
                &rc,
                &project,
                e,
                "description",
                fields.to_form(&[]),
                place,
            )
            .await
        }
    }
}

/// Forms of a need page that came back with errors.
#[derive(Default)]
struct NeedForms {
    help: FormState,
    edit: Option<FormState>,
    question: FormState,
    ask: (Option<i32>, FormState),
}

async fn render_need(
    state: &AppState,
    rc: &RequestContext,
    project: &Project,
    need_id: i32,
    forms: NeedForms,
    status: StatusCode,
) -> WebResult<Response> {
    let read = relation_page::need_of(&state.ctx, &rc.actor(), project.clone(), need_id).await?;
    Ok(show_need(rc, &read, forms, status))
}

/// Renders a need's page, with the forms that came back refused.
fn show_need(
    rc: &RequestContext,
    read: &relation_page::NeedPage,
    forms: NeedForms,
    status: StatusCode,
) -> Response {
    let n = &read.need;
    let edit_form = forms.edit.unwrap_or_else(|| {
        FormState::new()
            .with("kind", n.kind.code())
            .with("description", n.description.clone())
            .with("tags", expertise_tag::join(&n.tags))
            .with("remote", if n.remote { "on" } else { "" })
            .with_all("languages", n.languages.clone())
    });
    let page = NeedPage {
        read,
        logged_in: rc.session.is_some(),
        help_form: forms.help,
        edit_form,
        question_form: forms.question,
        ask_form: forms.ask,
    };
    (status, view::need_page(&rc.page(), &page)).into_response()
}

async fn need_page(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
) -> WebResult<Response> {
    let read = relation_page::need(&state.ctx, &rc.actor(), &slug, id).await?;
    let forms = NeedForms {
        question: FormState::new().with("answers_public", "on"),
        ..Default::default()
    };
    Ok(show_need(&rc, &read, forms, StatusCode::OK))
}

/// A refused form, typed values kept, with its status and messages.
fn rejected(
    error: DomainError,
    field: &'static str,
    fields: &Fields,
) -> WebResult<(StatusCode, FormState)> {
    let (status, errors) = form_rejection(error, field)?;
    Ok((status, fields.to_form(&[]).with_errors(errors)))
}

fn to_need(slug: &str, id: i32) -> String {
    format!("/projects/{slug}/needs/{id}")
}

async fn update_need(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    match need::update(&state.ctx, &project, id, &need_input(&fields)).await {
        Ok(()) => Ok(see_other_with_flash(
            &state.config,
            &to_need(&slug, id),
            "flash-need-saved",
            vec![],
        )),
        Err(e) => {
            let (status, form) = rejected(e, "description", &fields)?;
            let forms = NeedForms {
                edit: Some(form),
                ..Default::default()
            };
            render_need(&state, &rc, &project, id, forms, status).await
        }
    }
}

async fn set_state(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    let target = NeedState::parse(fields.get("state")).map_err(|_| WebError::BadRequest)?;
    need::set_state(&state.ctx, &project, id, target).await?;
    Ok(see_other_with_flash(
        &state.config,
        &to_need(&slug, id),
        "flash-need-state",
        vec![],
    ))
}

async fn offer_help(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    match introduction::offer_help(&state.ctx, &rc.actor(), &project, id, fields.get("message"))
        .await
    {
        Ok(_) => Ok(see_other_with_flash(
            &state.config,
            &to_need(&slug, id),
            "flash-introduction-sent",
            vec![],
        )),
        Err(e) => {
            let (status, form) = rejected(e, "message", &fields)?;
            let forms = NeedForms {
                help: form,
                ..Default::default()
            };
            render_need(&state, &rc, &project, id, forms, status).await
        }
    }
}

async fn ask_member(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id, member)): Path<(String, i32, i32)>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    match introduction::ask_member(
        &state.ctx,
        &rc.actor(),
        &project,
        id,
        member,
        fields.get("message"),
    )
    .await
    {
        Ok(_) => Ok(see_other_with_flash(
            &state.config,
            &to_need(&slug, id),
            "flash-introduction-sent",
            vec![],
        )),
        Err(e) => {
            let (status, form) = rejected(e, "message", &fields)?;
            let forms = NeedForms {
                ask: (Some(member), form),
                ..Default::default()
            };
            render_need(&state, &rc, &project, id, forms, status).await
        }
    }
}

async fn ask_question(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    match expertise_question::ask(
        &state.ctx,
        &rc.actor(),
        &project,
        id,
        fields.get("question"),
        fields.get("answers_public") == "on",
    )
    .await
    {
        Ok(q) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}/questions/{q}"),
            "flash-question-asked",
            vec![],
        )),
        Err(e) => {
            let (status, form) = rejected(e, "question", &fields)?;
            let forms = NeedForms {
                question: form,
                ..Default::default()
            };
            render_need(&state, &rc, &project, id, forms, status).await
        }
    }
}

async fn render_question(
    state: &AppState,
    rc: &RequestContext,
    project: &Project,
    id: i32,
    form: FormState,
    replying_to: Option<i32>,
    status: StatusCode,
) -> WebResult<Response> {
    let thread = expertise_question::thread(&state.ctx.db, &rc.actor(), project, id).await?;
    Ok((
        status,
        view::question_page(
            &rc.page(),
            state.ctx.now(),
            project,
            &thread,
            &form,
            replying_to,
        ),
    )
        .into_response())
}

async fn question_page(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
) -> WebResult<Response> {
    let (project, thread) = relation_page::question(&state.ctx, &rc.actor(), &slug, id).await?;
    Ok(view::question_page(
        &rc.page(),
        state.ctx.now(),
        &project,
        &thread,
        &FormState::new(),
        None,
    )
    .into_response())
}

async fn answer_question(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    let parent = fields.get("parent_id").parse::<i32>().ok();
    match expertise_question::answer(
        &state.ctx,
        &rc.actor(),
        &project,
        id,
        parent,
        fields.get("answer"),
    )
    .await
    {
        Ok(a) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}/questions/{id}#answer-{a}"),
            "flash-answer-posted",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "answer")?;
            let form = fields.to_form(&[]).with_errors(errors);
            render_question(&state, &rc, &project, id, form, parent, status).await
        }
    }
}

async fn mark_helpful(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id, answer)): Path<(String, i32, i32)>,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    expertise_question::mark_helpful(&state.ctx, &project, id, answer).await?;
    Ok(see_other_with_flash(
        &state.config,
        &format!("/projects/{slug}/questions/{id}#answer-{answer}"),
        "flash-answer-helpful",
        vec![],
    ))
}

fn answered_flash(answer: Answer) -> &'static str {
    match answer {
        Answer::Accept => "flash-introduction-accepted",
        Answer::Decline => "flash-introduction-declined",
    }
}

async fn answer_on_site(
    state: &AppState,
    id: i32,
    member: &Member,
    answer: Answer,
) -> WebResult<Response> {
    let actor = member.actor();
    match introduction::answer(&state.ctx, Responder::Actor(&actor), Some(id), answer).await {
        Ok(a) => Ok(see_other_with_flash(
            &state.config,
            "/relation",
            answered_flash(a.answer),
            vec![],
        )),
        Err(DomainError::Invalid(errors)) => {
            let key = errors
                .iter()
                .next()
                .map_or("error-introduction-answered", |(_, k)| k);
            Ok(see_other_with_flash(
                &state.config,
                "/relation",
                key,
                vec![],
            ))
        }
        Err(e) => Err(e.into()),
    }
}

async fn accept_on_site(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    member: Member,
) -> WebResult<Response> {
    answer_on_site(&state, id, &member, Answer::Accept).await
}

async fn decline_on_site(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    member: Member,
) -> WebResult<Response> {
    answer_on_site(&state, id, &member, Answer::Decline).await
}

async fn render_link(
    state: &AppState,
    rc: &RequestContext,
    token: &str,
    error: Option<&str>,
    status: StatusCode,
) -> WebResult<Response> {
    let (l, asker) = relation_page::answer_link(&state.ctx.db, token).await?;
    let view = AnswerLink {
        token,
        asker_name: &asker,
        from_team: l.row.initiated_by == introduction::Initiator::Team,
        project_title: &l.project.title,
        kind: l.need.kind,
        description: &l.need.description,
        message: &l.row.message,
        state: l.row.state,
        open: l.row.state == introduction::IntroductionState::Pending
            && l.row.expires_at > state.ctx.now(),
    };
    Ok((status, view::answer_link(&rc.page(), &view, error)).into_response())
}

async fn answer_link_page(
    State(state): State<AppState>,
    rc: RequestContext,
    TokenPath(token): TokenPath<LinkToken>,
) -> WebResult<Response> {
    render_link(&state, &rc, &token, None, StatusCode::OK).await
}

async fn answer_by_link(
    State(state): State<AppState>,
    rc: RequestContext,
    TokenPath(token): TokenPath<LinkToken>,
    fields: Fields,
) -> WebResult<Response> {
    let answer = match fields.get("answer") {
        "accept" => Answer::Accept,
        "decline" => Answer::Decline,
        _ => return Err(WebError::BadRequest),
    };
    match introduction::answer(&state.ctx, Responder::Link(&token), None, answer).await {
        Ok(a) => {
            let body = match a.answer {
                Answer::Accept => "introduction-accepted-body",
                Answer::Decline => "introduction-declined-body",
            };
            Ok(auth_view::message(
                &rc.page(),
                answered_flash(a.answer),
                body,
                Some(("/relation", "hub-title")),
            )
            .into_response())
        }
        Err(DomainError::Invalid(errors)) => {
            let key = errors.iter().next().map(|(_, k)| k);
            render_link(&state, &rc, &token, key, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn follow_up_page(
    State(state): State<AppState>,
    rc: RequestContext,
    TokenPath(token): TokenPath<LinkToken>,
) -> WebResult<Response> {
    let q = introduction::follow_up(&state.ctx.db, &token).await?;
    Ok(view::follow_up(
        &rc.page(),
        &token,
        &q.project_title,
        &q.other_name,
        q.outcome,
    )
    .into_response())
}

async fn follow_up(
    State(state): State<AppState>,
    rc: RequestContext,
    TokenPath(token): TokenPath<LinkToken>,
    fields: Fields,
) -> WebResult<Response> {
    let outcome = Outcome::parse(fields.get("outcome")).map_err(|_| WebError::BadRequest)?;
    introduction::answer_follow_up(&state.ctx, &token, outcome).await?;
    Ok(auth_view::message(&rc.page(), "follow-up-title", "follow-up-thanks", None).into_response())
}

async fn volumes(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(params): Query<BTreeMap<String, String>>,
) -> WebResult<Response> {
    let edition = params.get("edition").and_then(|e| e.parse().ok());
    let rows = relation_page::volumes(&state.ctx.db, &rc.actor(), edition).await?;
    Ok(view::volumes(&rc.page(), &rows).into_response())
}
