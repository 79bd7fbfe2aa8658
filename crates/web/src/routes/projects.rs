//! Projects: the gallery, a project's page and everything done from it
//! (editing, stage, milestones, journal, archive), and the Atom feeds.

use crate::error::{WebError, WebResult, form_rejection};
use crate::fields::Fields;
use crate::routes::see_other_with_flash;
use crate::{AppState, Member, RequestContext};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use relais_domain::gallery::{Filter, Sort};
use relais_domain::journal::{self, EntryInput};
use relais_domain::licence::Licence;
use relais_domain::milestone::{self, MilestoneInput};
use relais_domain::project::{self, Project, ProjectInput};
use relais_domain::stage::Stage;
use relais_domain::theme::Theme;
use relais_domain::{DomainError, gallery_page};
use relais_domain::{project_page, readability};
use relais_templates::feed::{FeedEntry, FeedMeta, atom};
use relais_templates::form::FormState;
use relais_templates::markdown;
use relais_templates::pages::projects::{self as view, Choices, ProjectForms, ProjectPage};
use relais_templates::t;
use std::collections::BTreeMap;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projects", get(gallery_page).post(create))
        .route("/projects/new", get(new_form))
        .route("/projects/{slug}", get(show).post(submit_on_page))
        .route("/projects/{slug}/edit", get(edit_form).post(update))
        .route("/projects/{slug}/stage", post(change_stage))
        .route("/projects/{slug}/archive", post(archive))
        .route("/projects/{slug}/restore", post(restore))
        .route("/projects/{slug}/milestones", post(add_milestone))
        .route(
            "/projects/{slug}/milestones/{id}/edit",
            get(milestone_form).post(save_milestone),
        )
        .route(
            "/projects/{slug}/milestones/{id}/delete",
            post(delete_milestone),
        )
        .route("/projects/{slug}/updates", post(post_entry))
        .route(
            "/projects/{slug}/updates/{id}/edit",
            get(entry_form).post(save_entry),
        )
        .route("/projects/{slug}/feed.atom", get(project_feed))
        .route("/feed.atom", get(programme_feed))
}

/// Editions and cities, for forms and filters.
pub(super) async fn choices(state: &AppState) -> WebResult<Choices> {
    Ok(choices_of(gallery_page::choices(&state.ctx.db).await?))
}

/// The choices as forms offer them: (id, name).
pub(super) fn choices_of(read: gallery_page::Choices) -> Choices {
    Choices {
        editions: read
            .editions
            .into_iter()
            .map(|e| (e.id.to_string(), e.name))
            .collect(),
        cities: read
            .cities
            .into_iter()
            .map(|c| (c.id.to_string(), c.name))
            .collect(),
    }
}

fn filter_from(params: &BTreeMap<String, String>) -> Filter {
    let get = |k: &str| params.get(k).map(String::as_str).unwrap_or("");
    Filter {
        edition_id: get("edition").parse().ok(),
        city_id: get("city").parse().ok(),
        theme: Theme::parse(get("theme")).ok(),
        stage: Stage::parse(get("stage")).ok(),
        licence: Licence::parse(get("licence")).ok(),
        looking_for_help: get("help") == "on",
        need_kind: relais_domain::help_kind::HelpKind::parse(get("need")).ok(),
        text: get("q").chars().take(200).collect(),
        sort: if get("sort") == "name" {
            Sort::Name
        } else {
            Sort::Activity
        },
        page: get("page").parse().unwrap_or(1),
    }
}

async fn gallery_page(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(params): Query<BTreeMap<String, String>>,
) -> WebResult<Response> {
    let filter = filter_from(&params);
    let (results, read, edition) = gallery_page::projects(&state.ctx.db, &filter).await?;
    let choices = choices_of(read);
    let kept: Vec<(&String, &String)> = params
        .iter()
        .filter(|(k, v)| *k != "page" && !v.is_empty())
        .collect();
    let form = kept
        .iter()
        .fold(FormState::new(), |form, (k, v)| form.with(k, (*v).clone()));
    // The current filters, for the pagination links to keep.
    let mut query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish();
    if !query.is_empty() {
        query.push('&');
    }
    let edition = edition.as_ref().map(|e| (e.slug.as_str(), e.name.as_str()));
    let feeds = vec![relais_templates::subscribe::programme(rc.lang)];
    let ctx = rc.page().with_feeds(feeds);
    Ok(view::gallery(&ctx, &form, &choices, &results, &query, edition).into_response())
}

async fn load(state: &AppState, rc: &RequestContext, slug: &str) -> WebResult<Project> {
    Ok(project::by_slug(&state.ctx, &rc.actor(), slug).await?)
}

/// Renders a project page, with `forms` carrying what a failed form typed.
pub(super) fn render_page(
    state: &AppState,
    rc: &RequestContext,
    read: &project_page::ProjectPage,
    forms: ProjectForms,
    status: StatusCode,
) -> Response {
    let project = &read.project;
    let mut forms = forms;
    if forms.entry.value("body").is_empty() && forms.entry.errors.is_empty() {
        forms.entry =
            FormState::new().with("is_public", if project.row.is_public { "on" } else { "" });
    }
    if forms.stage.value("stage").is_empty() {
        forms.stage = forms.stage.with(
            "stage",
            project.stage.next().unwrap_or(project.stage).code(),
        );
    }
    if forms.invite.value("language").is_empty() {
        forms.invite = forms.invite.with("language", rc.lang.code());
    }
    let explainer_cards = super::explainers::cards(state, &read.explainers);
    let page = ProjectPage {
        read,
        explainers: &explainer_cards,
        forms,
    };
    let feeds = vec![relais_templates::subscribe::project(
        rc.lang,
        &project.row.slug,
        &project.row.title,
    )];
    (
        status,
        view::project_page(&rc.page().with_feeds(feeds), &page),
    )
        .into_response()
}

/// The project page again after a refused form: the form (placed by
/// `place`) keeps what was typed and shows why; other errors pass on.
pub(super) async fn refused(
    state: &AppState,
    rc: &RequestContext,
    project: &Project,
    error: DomainError,
    field: &'static str,
    typed: FormState,
    place: fn(FormState) -> ProjectForms,
) -> WebResult<Response> {
    let (status, errors) = form_rejection(error, field)?;
    let forms = place(typed.with_errors(errors));
    // After a refused stage change, the checklist shown is the one asked for.
    let asked = Stage::parse(forms.stage.value("stage")).ok();
    let read = project_page::around(&state.ctx, &rc.actor(), project.clone(), asked).await?;
    Ok(render_page(state, rc, &read, forms, status))
}

async fn show(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
) -> WebResult<Response> {
    let read = project_page::load(&state.ctx, &rc.actor(), &slug, None).await?;
    Ok(render_page(
        &state,
        &rc,
        &read,
        ProjectForms::default(),
        StatusCode::OK,
    ))
}

/// The forms of the project page (stage, milestone, journal) post to the
/// page's own address with a fragment naming the form, so that a refused
/// one comes back at that address, scrolled to the form, its summary and
/// what was typed. A hidden `form` field says which form it is.
async fn submit_on_page(
    state: State<AppState>,
    rc: RequestContext,
    slug: Path<String>,
    fields: Fields,
) -> WebResult<Response> {
    match fields.get("form") {
        "stage" => change_stage(state, rc, slug, fields).await,
        "milestone" => add_milestone(state, rc, slug, fields).await,
        "entry" => post_entry(state, rc, slug, fields).await,
        _ => Err(WebError::BadRequest),
    }
}

fn project_input(fields: &Fields) -> ProjectInput {
    ProjectInput {
        title: fields.get("title").to_owned(),
        slug: fields.get("slug").to_owned(),
        pitch: fields.get("pitch").to_owned(),
        description: fields.get("description").to_owned(),
        themes: fields.all("themes"),
        technical_challenge: fields.get("technical_challenge").to_owned(),
        licence: fields.get("licence").to_owned(),
        repository_url: fields.get("repository_url").to_owned(),
        demo_url: fields.get("demo_url").to_owned(),
        edition_id: fields.get("edition_id").to_owned(),
        city_id: fields.get("city_id").to_owned(),
        is_public: fields.get("is_public") == "on",
    }
}

async fn new_form(
    State(state): State<AppState>,
    rc: RequestContext,
    Member(live): Member,
) -> WebResult<Response> {
    let choices = choices(&state).await?;
    let mut form = FormState::new()
        .with("is_public", "on")
        .with("licence", "AGPL-3.0-or-later");
    if let Some(e) = choices.editions.first() {
        form = form.with("edition_id", e.0.clone());
    }
    if let Some(c) = live.account.city_id {
        form = form.with("city_id", c.to_string());
    }
    Ok(view::project_form(&rc.page(), &form, &choices, None, None).into_response())
}

/// The plain-language check of the summary as typed (pitch, then
/// description), in the writer's language.
fn summary_analysis(rc: &RequestContext, fields: &Fields) -> readability::Analysis {
    let summary = format!("{}\n\n{}", fields.get("pitch"), fields.get("description"));
    readability::analyse(&summary, rc.lang)
}

async fn create(
    State(state): State<AppState>,
    rc: RequestContext,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    // "Check" measures the summary and keeps everything typed; nothing is saved.
    if fields.get("check") == "1" {
        let analysis = summary_analysis(&rc, &fields);
        let form = fields.to_form(&[]);
        let choices = choices(&state).await?;
        return Ok(
            view::project_form(&rc.page(), &form, &choices, None, Some(&analysis)).into_response(),
        );
    }
    match project::create(&state.ctx, &rc.actor(), &project_input(&fields)).await {
        Ok(slug) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}"),
            "flash-project-created",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "title")?;
            let form = fields.to_form(&[]).with_errors(errors);
            Ok((
                status,
                view::project_form(&rc.page(), &form, &choices(&state).await?, None, None),
            )
                .into_response())
        }
    }
}

fn project_form_state(p: &Project) -> FormState {
    let r = &p.row;
    let on = |b: bool| if b { "on" } else { "" };
    FormState::new()
        .with("title", r.title.clone())
        .with("slug", r.slug.clone())
        .with("pitch", r.pitch.clone())
        .with("description", r.description.clone())
        .with_all(
            "themes",
            p.themes.iter().map(|t| t.code().to_owned()).collect(),
        )
        .with("technical_challenge", r.technical_challenge.clone())
        .with("licence", r.licence.clone())
        .with(
            "repository_url",
            r.repository_url.clone().unwrap_or_default(),
        )
        .with("demo_url", r.demo_url.clone().unwrap_or_default())
        .with("edition_id", r.edition_id.to_string())
        .with("city_id", r.city_id.to_string())
        .with("is_public", on(r.is_public))
}

fn require(allowed: bool) -> WebResult<()> {
    if allowed {
        Ok(())
    } else {
        Err(DomainError::Forbidden.into())
    }
}

async fn edit_form(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
) -> WebResult<Response> {
    let (project, read) = project_page::edit_form(&state.ctx, &rc.actor(), &slug).await?;
    Ok(view::project_form(
        &rc.page(),
        &project_form_state(&project),
        &choices_of(read),
        Some(&slug),
        None,
    )
    .into_response())
}

async fn update(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    if fields.get("check") == "1" {
        require(project.rights().edit())?;
        let analysis = summary_analysis(&rc, &fields);
        let form = fields.to_form(&[]);
        let choices = choices(&state).await?;
        return Ok(
            view::project_form(&rc.page(), &form, &choices, Some(&slug), Some(&analysis))
                .into_response(),
        );
    }
    match project::update(
        &state.ctx,
        &rc.actor(),
        project.row.id,
        &project_input(&fields),
    )
    .await
    {
        Ok(new_slug) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{new_slug}"),
            "flash-project-saved",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "title")?;
            let form = fields.to_form(&[]).with_errors(errors);
            Ok((
                status,
                view::project_form(
                    &rc.page(),
                    &form,
                    &choices(&state).await?,
                    Some(&slug),
                    None,
                ),
            )
                .into_response())
        }
    }
}

async fn change_stage(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    let result = match Stage::parse(fields.get("stage")) {
        Ok(stage) => project::set_stage(&state.ctx, &rc.actor(), project.row.id, stage).await,
        Err(key) => Err(DomainError::field("stage", key)),
    };
    match result {
        Ok(()) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}"),
            "flash-stage-changed",
            vec![],
        )),
        Err(e) => {
            let place = |f| ProjectForms {
                stage: f,
                ..Default::default()
            };
            refused(
                &state,
                &rc,
                &project,
                e,
                "stage",
                fields.to_form(&[]),
                place,
            )
            .await
        }
    }
}

async fn archive(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    project::set_archived(&state.ctx, &rc.actor(), project.row.id, true).await?;
    Ok(see_other_with_flash(
        &state.config,
        &format!("/projects/{slug}"),
        "flash-project-archived",
        vec![],
    ))
}

async fn restore(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    project::set_archived(&state.ctx, &rc.actor(), project.row.id, false).await?;
    Ok(see_other_with_flash(
        &state.config,
        &format!("/projects/{slug}"),
        "flash-project-restored",
        vec![],
    ))
}

fn milestone_input(fields: &Fields) -> MilestoneInput {
    MilestoneInput {
        title: fields.get("title").to_owned(),
        description: fields.get("description").to_owned(),
        due_on: fields.get("due_on").to_owned(),
        status: fields.get("status").to_owned(),
        weight: fields.get("weight").to_owned(),
        position: fields.get("position").to_owned(),
    }
}

async fn add_milestone(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    match milestone::create(&state.ctx, &project, &milestone_input(&fields)).await {
        Ok(_) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}"),
            "flash-milestone-saved",
            vec![],
        )),
        Err(e) => {
            let place = |f| ProjectForms {
                milestone: f,
                ..Default::default()
            };
            refused(
                &state,
                &rc,
                &project,
                e,
                "title",
                fields.to_form(&[]),
                place,
            )
            .await
        }
    }
}

async fn milestone_form(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
) -> WebResult<Response> {
    let (project, m) = project_page::milestone_form(&state.ctx, &rc.actor(), &slug, id).await?;
    let form = FormState::new()
        .with("title", m.title)
        .with("description", m.description)
        .with("due_on", m.due_on.to_string())
        .with("status", m.status.code())
        .with("weight", m.weight.to_string())
        .with("position", m.position.to_string());
    Ok(view::milestone_edit(&rc.page(), &project, id, &form).into_response())
}

async fn save_milestone(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    match milestone::update(&state.ctx, &project, id, &milestone_input(&fields)).await {
        Ok(()) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}"),
            "flash-milestone-saved",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "title")?;
            let form = fields.to_form(&[]).with_errors(errors);
            Ok((
                status,
                view::milestone_edit(&rc.page(), &project, id, &form),
            )
                .into_response())
        }
    }
}

async fn delete_milestone(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    milestone::delete(&state.ctx, &project, id).await?;
    Ok(see_other_with_flash(
        &state.config,
        &format!("/projects/{slug}"),
        "flash-milestone-deleted",
        vec![],
    ))
}

async fn post_entry(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    let input = EntryInput {
        body: fields.get("body").to_owned(),
        milestone_id: fields.get("milestone_id").to_owned(),
        is_public: fields.get("is_public") == "on",
        completes_milestone: fields.get("completes_milestone") == "on",
    };
    match journal::post(&state.ctx, &rc.actor(), &project, &input).await {
        Ok(id) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}#update-{id}"),
            "flash-entry-posted",
            vec![],
        )),
        Err(e) => {
            let place = |f| ProjectForms {
                entry: f,
                ..Default::default()
            };
            refused(&state, &rc, &project, e, "body", fields.to_form(&[]), place).await
        }
    }
}

async fn entry_form(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
) -> WebResult<Response> {
    let (project, entry) = project_page::entry_form(&state.ctx, &rc.actor(), &slug, id).await?;
    let form = FormState::new().with("body", entry.body);
    Ok(view::entry_edit(&rc.page(), &project, id, &form).into_response())
}

async fn save_entry(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, i32)>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load(&state, &rc, &slug).await?;
    match journal::edit(&state.ctx, &rc.actor(), &project, id, fields.get("body")).await {
        Ok(()) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}#update-{id}"),
            "flash-entry-saved",
            vec![],
        )),
        Err(e) => {
            let (status, errors) = form_rejection(e, "body")?;
            let form = fields.to_form(&[]).with_errors(errors);
            Ok((status, view::entry_edit(&rc.page(), &project, id, &form)).into_response())
        }
    }
}

/// An Atom document as a response.
pub(super) fn atom_response(xml: String) -> Response {
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response()
}

fn feed_entry(base: &str, slug: &str, project_title: &str, e: &journal::Entry) -> FeedEntry {
    let url = format!("{base}/projects/{slug}#update-{}", e.id);
    FeedEntry {
        id: format!("{base}/projects/{slug}/updates/{}", e.id),
        title: project_title.to_owned(),
        url,
        author: e.author_name.clone(),
        published: e.created_at,
        updated: e.edited_at.unwrap_or(e.created_at),
        summary: markdown::plain_excerpt(&e.body, 280),
        content_html: markdown::render(&e.body).into_string(),
        enclosure: None,
    }
}

async fn project_feed(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
) -> WebResult<Response> {
    // Feeds are read by aggregators without a session: only what a visitor sees.
    let (project, entries) = project_page::feed(&state.ctx, &slug, 50).await?;
    let base = state.config.base_url.as_str();
    let meta = FeedMeta {
        id: format!("{base}/projects/{slug}"),
        title: format!("{} — {}", project.row.title, t(rc.lang, "project-journal")),
        self_url: format!("{base}/projects/{slug}/feed.atom"),
        site_url: format!("{base}/projects/{slug}"),
        updated: entries.first().map_or(project.row.updated_at, |e| {
            e.edited_at.unwrap_or(e.created_at)
        }),
    };
    let items: Vec<FeedEntry> = entries
        .iter()
        .map(|e| feed_entry(base, &slug, &project.row.title, e))
        .collect();
    Ok(atom_response(atom(&meta, &items)))
}

async fn programme_feed(State(state): State<AppState>, rc: RequestContext) -> WebResult<Response> {
    let entries = journal::public_feed(&state.ctx.db, 50).await?;
    let base = state.config.base_url.as_str();
    let meta = FeedMeta {
        id: format!("{base}/projects"),
        title: format!(
            "{} — {}",
            t(rc.lang, "programme-name"),
            t(rc.lang, "gallery-title")
        ),
        self_url: format!("{base}/feed.atom"),
        site_url: format!("{base}/projects"),
        updated: entries.first().map_or_else(
            || state.ctx.now(),
            |(e, _, _)| e.edited_at.unwrap_or(e.created_at),
        ),
    };
    let items: Vec<FeedEntry> = entries
        .iter()
        .map(|(e, slug, title)| feed_entry(base, slug, title, e))
        .collect();
    Ok(atom_response(atom(&meta, &items)))
}
