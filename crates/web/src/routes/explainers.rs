//! Explainer videos: the public library and its feed, an explainer's page
//! (with the transcript and captions to download), the team's forms with
//! the plain-language check, captions uploads, and the coordinators'
//! coverage and review.

use crate::error::{WebError, WebResult, form_rejection};
use crate::fields::Fields;
use crate::routes::projects::{atom_response, choices_of};
use crate::routes::{local_path, see_other_with_flash};
use crate::{AppState, MAX_UPLOAD_BYTES, Member, RequestContext};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use relais_domain::explainer::{self, Explainer, ExplainerInput, LibraryFilter, Listed};
use relais_domain::project::Project;
use relais_domain::readability;
use relais_domain::theme::Theme;
use relais_domain::video::{self, Playback};
use relais_domain::webvtt::Captions;
use relais_domain::{Language, gallery_page, project_page};
use relais_templates::feed::{Enclosure, FeedEntry, FeedMeta, atom};
use relais_templates::form::FormState;
use relais_templates::markdown;
use relais_templates::pages::explainers::{
    self as view, CaptionsError, ExplainerFormView, ExplainerPage, VideoCard,
};
use relais_templates::t;
use std::collections::BTreeMap;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/videos", get(library))
        .route("/videos/feed.atom", get(feed))
        .route("/videos/{id}", get(show))
        .route("/videos/{id}/transcript.txt", get(transcript))
        .route("/videos/{id}/captions.vtt", get(captions))
        .route("/videos/{id}/review", post(review))
        .route("/projects/{slug}/explainers/new", get(new_form))
        .route("/projects/{slug}/explainers", post(create))
        .route(
            "/projects/{slug}/explainers/{id}/edit",
            get(edit_form).post(save),
        )
        .route("/projects/{slug}/explainers/{id}/delete", post(delete))
        .route(
            "/projects/{slug}/explainers/{id}/captions",
            post(upload_captions).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route(
            "/projects/{slug}/explainers/{id}/captions/delete",
            post(remove_captions),
        )
        .route("/admin/explainers", get(coverage))
}

/// How `state`'s configuration lets pages offer this explainer's video.
pub(super) fn playback(state: &AppState, e: &Explainer) -> Option<Playback> {
    e.video_url
        .as_deref()
        .map(|url| video::playback(url, &state.config.video_hosts))
}

/// Cards for `items`, with how each video may be played.
pub(super) fn cards<'a>(state: &AppState, items: &'a [Listed]) -> Vec<VideoCard<'a>> {
    items
        .iter()
        .map(|item| VideoCard {
            playback: playback(state, &item.explainer),
            item,
        })
        .collect()
}

fn id_from(text: &str) -> WebResult<i32> {
    text.parse().map_err(|_| WebError::NotFound)
}

async fn library(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(params): Query<BTreeMap<String, String>>,
) -> WebResult<Response> {
    let get = |k: &str| params.get(k).map(String::as_str).unwrap_or("");
    let filter = LibraryFilter {
        edition_id: get("edition").parse().ok(),
        city_id: get("city").parse().ok(),
        theme: Theme::parse(get("theme")).ok(),
        page: get("page").parse().unwrap_or(1),
    };
    let (results, read) = gallery_page::videos(&state.ctx.db, &filter).await?;
    let kept: Vec<(&String, &String)> = params
        .iter()
        .filter(|(k, v)| matches!(k.as_str(), "edition" | "city" | "theme") && !v.is_empty())
        .collect();
    let form = kept
        .iter()
        .fold(FormState::new(), |form, (k, v)| form.with(k, (*v).clone()));
    let mut query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish();
    if !query.is_empty() {
        query.push('&');
    }
    let cards = cards(&state, &results.items);
    Ok(view::library(
        &rc.page()
            .with_feeds(vec![relais_templates::subscribe::videos(rc.lang)]),
        &form,
        &choices_of(read),
        &results,
        &cards,
        &query,
    )
    .into_response())
}

async fn feed(State(state): State<AppState>, rc: RequestContext) -> WebResult<Response> {
    let items = explainer::newest(&state.ctx.db, 50).await?;
    let base = state.config.base_url.as_str();
    let meta = FeedMeta {
        id: format!("{base}/videos"),
        title: format!(
            "{} — {}",
            t(rc.lang, "programme-name"),
            t(rc.lang, "library-title")
        ),
        self_url: format!("{base}/videos/feed.atom"),
        site_url: format!("{base}/videos"),
        updated: items
            .iter()
            .map(|i| i.explainer.updated_at)
            .max()
            .unwrap_or_else(|| state.ctx.now()),
    };
    let entries: Vec<FeedEntry> = items
        .iter()
        .map(|item| {
            let e = &item.explainer;
            // Only a file can be an enclosure; players are pages, not media.
            let enclosure = match playback(&state, e) {
                Some(Playback::File { src, mime, .. }) => Some(Enclosure {
                    url: src,
                    mime_type: mime.to_owned(),
                }),
                _ => None,
            };
            FeedEntry {
                id: format!("{base}/videos/{}", e.id),
                title: e.title.clone(),
                url: format!("{base}/videos/{}", e.id),
                author: Some(item.project.title.clone()),
                published: e.created_at,
                updated: e.updated_at,
                summary: markdown::plain_excerpt(&e.transcript, 280),
                content_html: markdown::render(&e.transcript).into_string(),
                enclosure,
            }
        })
        .collect();
    Ok(atom_response(atom(&meta, &entries)))
}

async fn show(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
) -> WebResult<Response> {
    let shown = explainer::show(&state.ctx.db, &rc.actor(), id_from(&id)?).await?;
    let page = ExplainerPage {
        card: VideoCard {
            playback: playback(&state, &shown.listed.explainer),
            item: &shown.listed,
        },
        playing: params.get("play").is_some_and(|v| v == "1"),
        rights: shown.rights,
    };
    Ok(view::explainer_page(&rc.page(), &page).into_response())
}

fn download(content_type: &'static str, filename: String, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

async fn transcript(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let shown = explainer::show(&state.ctx.db, &rc.actor(), id_from(&id)?).await?;
    let e = &shown.listed.explainer;
    let mut text = format!("{}\n\n{}\n", e.title, e.transcript);
    if let Some(url) = &e.video_url {
        text.push_str(&format!("\n{url}\n"));
    }
    Ok(download(
        "text/plain; charset=utf-8",
        format!("transcription-{}.txt", e.id),
        text,
    ))
}

async fn captions(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let id = id_from(&id)?;
    let vtt = explainer::captions(&state.ctx.db, &rc.actor(), id).await?;
    Ok(download(
        "text/vtt; charset=utf-8",
        format!("sous-titres-{id}.vtt"),
        vtt,
    ))
}

async fn review(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(id): Path<String>,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    let reviewed = fields.get("reviewed") == "on";
    explainer::set_reviewed(&state.ctx, &rc.actor(), id_from(&id)?, reviewed).await?;
    Ok(see_other_with_flash(
        &state.config,
        local_path(fields.get("next")),
        if reviewed {
            "flash-explainer-reviewed"
        } else {
            "flash-explainer-unreviewed"
        },
        vec![],
    ))
}

async fn load_editable(state: &AppState, rc: &RequestContext, slug: &str) -> WebResult<Project> {
    Ok(project_page::editable(&state.ctx, &rc.actor(), slug).await?)
}

fn input_from(fields: &Fields) -> ExplainerInput {
    ExplainerInput {
        title: fields.get("title").to_owned(),
        video_url: fields.get("video_url").to_owned(),
        language: fields.get("language").to_owned(),
        length: fields.get("length").to_owned(),
        transcript: fields.get("transcript").to_owned(),
        captions_url: fields.get("captions_url").to_owned(),
    }
}

fn form_of(e: &Explainer) -> FormState {
    FormState::new()
        .with("title", e.title.clone())
        .with("video_url", e.video_url.clone().unwrap_or_default())
        .with("language", e.language.code())
        .with("length", e.length.map(|l| l.to_form()).unwrap_or_default())
        .with("transcript", e.transcript.clone())
        .with("captions_url", e.captions_url.clone().unwrap_or_default())
}

/// The check of what was typed, in the language chosen in the form.
fn typed_analysis(fields: &Fields) -> Option<readability::Analysis> {
    let text = fields.get("transcript");
    let lang = Language::parse(fields.get("language")).unwrap_or_default();
    (!text.trim().is_empty()).then(|| readability::analyse(text, lang))
}

fn render_form(
    rc: &RequestContext,
    project: &Project,
    existing: Option<&Explainer>,
    form: &FormState,
    analysis: Option<readability::Analysis>,
    captions_refusal: Option<CaptionsError>,
    status: StatusCode,
) -> Response {
    let view = ExplainerFormView {
        project_slug: &project.row.slug,
        project_title: &project.row.title,
        existing,
        analysis,
        captions_refusal,
    };
    (status, view::explainer_form(&rc.page(), form, &view)).into_response()
}

async fn new_form(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
) -> WebResult<Response> {
    let project = load_editable(&state, &rc, &slug).await?;
    let form = FormState::new()
        .with("title", project.row.title.clone())
        .with("language", rc.lang.code());
    Ok(render_form(
        &rc,
        &project,
        None,
        &form,
        None,
        None,
        StatusCode::OK,
    ))
}

async fn create(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load_editable(&state, &rc, &slug).await?;
    submit(&state, &rc, &project, None, &fields).await
}

/// Saves the explainer form (a new explainer when `existing` is `None`), or
/// with "check" only measures what was typed and shows it back, unsaved.
async fn submit(
    state: &AppState,
    rc: &RequestContext,
    project: &Project,
    existing: Option<&Explainer>,
    fields: &Fields,
) -> WebResult<Response> {
    let typed = fields.to_form(&[]);
    let analysis = typed_analysis(fields);
    if fields.get("check") == "1" {
        return Ok(render_form(
            rc,
            project,
            existing,
            &typed,
            analysis,
            None,
            StatusCode::OK,
        ));
    }
    let input = input_from(fields);
    let saved = match existing {
        Some(e) => explainer::update(&state.ctx, project, e.id, &input)
            .await
            .map(|()| view::explainer_path(e.id)),
        // A new explainer opens its form again, where captions are added.
        None => explainer::create(&state.ctx, project, &input)
            .await
            .map(|id| format!("/projects/{}/explainers/{id}/edit", project.row.slug)),
    };
    match saved {
        Ok(to) => Ok(see_other_with_flash(
            &state.config,
            &to,
            "flash-explainer-saved",
            vec![],
        )),
        Err(err) => {
            let (status, errors) = form_rejection(err, "title")?;
            let form = typed.with_errors(errors);
            Ok(render_form(
                rc, project, existing, &form, analysis, None, status,
            ))
        }
    }
}

async fn edit_form(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult<Response> {
    let (project, e) =
        project_page::explainer_form(&state.ctx, &rc.actor(), &slug, id.parse().ok()).await?;
    Ok(render_form(
        &rc,
        &project,
        Some(&e),
        &form_of(&e),
        Some(e.analysis()),
        None,
        StatusCode::OK,
    ))
}

async fn save(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, String)>,
    fields: Fields,
) -> WebResult<Response> {
    let project = load_editable(&state, &rc, &slug).await?;
    let e = explainer::get(&state.ctx.db, &project, id_from(&id)?).await?;
    submit(&state, &rc, &project, Some(&e), &fields).await
}

async fn delete(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult<Response> {
    let project = load_editable(&state, &rc, &slug).await?;
    explainer::delete(&state.ctx, &project, id_from(&id)?).await?;
    Ok(see_other_with_flash(
        &state.config,
        &format!("/projects/{slug}"),
        "flash-explainer-deleted",
        vec![],
    ))
}

async fn upload_captions(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, String)>,
    mut multipart: Multipart,
) -> WebResult<Response> {
    let project = load_editable(&state, &rc, &slug).await?;
    let e = explainer::get(&state.ctx.db, &project, id_from(&id)?).await?;
    let mut file = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|err| WebError::Status(err.status()))?
    {
        if field.name() == Some("captions") {
            file = Some(
                field
                    .bytes()
                    .await
                    .map_err(|err| WebError::Status(err.status()))?,
            );
        }
    }
    let checked = match file.filter(|bytes| !bytes.is_empty()) {
        None => Err(CaptionsError::Missing),
        Some(bytes) => Captions::parse(&bytes).map_err(CaptionsError::Refused),
    };
    match checked {
        Ok(captions) => {
            explainer::set_captions(&state.ctx, &project, e.id, &captions).await?;
            Ok(see_other_with_flash(
                &state.config,
                &format!("/projects/{slug}/explainers/{}/edit#captions", e.id),
                "flash-captions-saved",
                vec![],
            ))
        }
        Err(refusal) => Ok(render_form(
            &rc,
            &project,
            Some(&e),
            &form_of(&e),
            Some(e.analysis()),
            Some(refusal),
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
    }
}

async fn remove_captions(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult<Response> {
    let project = load_editable(&state, &rc, &slug).await?;
    let id = id_from(&id)?;
    explainer::remove_captions(&state.ctx, &project, id).await?;
    Ok(see_other_with_flash(
        &state.config,
        &format!("/projects/{slug}/explainers/{id}/edit#captions"),
        "flash-captions-removed",
        vec![],
    ))
}

async fn coverage(
    State(state): State<AppState>,
    rc: RequestContext,
    _: Member,
) -> WebResult<Response> {
    let coverage = explainer::coverage(&state.ctx.db, &rc.actor()).await?;
    let to_review = cards(&state, &coverage.to_review);
    Ok(view::coverage(&rc.page(), &coverage, &to_review).into_response())
}
