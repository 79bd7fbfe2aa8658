//! The member's own profile and password.

use crate::cookies::{self, Name};
use crate::error::{WebError, WebResult};
use crate::fields::Fields;
use crate::routes::see_other_with_flash;
use crate::{AppState, Member, RequestContext};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use relais_domain::account::{self, Account, ProfileInput};
use relais_domain::email_preference::{self, Category};
use relais_domain::role::Grant;
use relais_domain::session::{self, Lifetime};
use relais_domain::{DomainError, Language, Role, profile_page};
use relais_templates::form::FormState;
use relais_templates::pages::profile::{ProfileView, profile};
use relais_templates::t;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/profile", get(show).post(save))
        .route("/profile/password", post(change_password))
        .route("/profile/calendar", post(renew_calendar))
        .route("/profile/emails", post(save_emails))
        .route(
            "/unsubscribe/{token}/{category}",
            get(unsubscribe_page).post(unsubscribe),
        )
        .route("/profile/calendar/revoke", post(revoke_calendar))
}

async fn profile_view(
    state: &AppState,
    account: &Account,
    lang: Language,
) -> WebResult<ProfileView> {
    let read = profile_page::load(&state.ctx.db, &account.actor()).await?;
    let cities = read.cities;
    let city_name = |id: Option<i32>| -> String {
        match id {
            None => t(lang, "role-programme"),
            Some(id) => cities
                .iter()
                .find(|c| c.id == id)
                .map_or_else(String::new, |c| c.name.clone()),
        }
    };
    let mut roles = vec![t(lang, "role-member")];
    roles.extend(account.grants.iter().map(|Grant { role, city_id }| {
        let key = match role {
            Role::Coordinator => "role-coordinator",
            Role::Mentor => "role-mentor",
            Role::Member => "role-member",
        };
        format!("{} ({})", t(lang, key), city_name(*city_id))
    }));
    let calendar_on = read.calendar_on;
    let email_categories = Category::ALL
        .iter()
        .filter(|c| !read.disabled.contains(c))
        .map(|c| c.code().to_owned())
        .collect();
    let digest = read.digest.code().to_owned();
    Ok(ProfileView {
        digest,
        email_categories,
        calendar_on,
        calendar_new_url: None,
        email: account.email.clone(),
        roles,
        cities: cities
            .iter()
            .map(|c| (c.id.to_string(), c.name.clone()))
            .collect(),
        city_zones: cities
            .iter()
            .map(|c| (c.name.clone(), c.time_zone))
            .collect(),
    })
}

fn account_form(account: &Account) -> FormState {
    FormState::new()
        .with("name", account.name.clone())
        .with("language", account.language.code())
        .with(
            "time_zone",
            account
                .time_zone
                .map(|z| z.name().to_owned())
                .unwrap_or_default(),
        )
        .with(
            "city_id",
            account.city_id.map(|c| c.to_string()).unwrap_or_default(),
        )
        .with_all(
            "skills",
            account.skills.iter().map(|s| s.code().to_owned()).collect(),
        )
        .with("bio", account.bio.clone())
}

async fn show(
    State(state): State<AppState>,
    rc: RequestContext,
    Member(live): Member,
) -> WebResult<Response> {
    let view = profile_view(&state, &live.account, rc.lang).await?;
    Ok(profile(
        &rc.page(),
        &view,
        &account_form(&live.account),
        &FormState::new(),
    )
    .into_response())
}

async fn save(
    State(state): State<AppState>,
    rc: RequestContext,
    Member(live): Member,
    fields: Fields,
) -> WebResult<Response> {
    let input = ProfileInput {
        name: fields.get("name").to_owned(),
        language: fields.get("language").to_owned(),
        time_zone: fields.get("time_zone").to_owned(),
        city_id: fields.get("city_id").to_owned(),
        skills: fields.all("skills"),
        bio: fields.get("bio").to_owned(),
    };
    match account::update_profile(&state.ctx, &rc.actor(), live.account.id, input).await {
        Ok(()) => {
            // The page follows the language just chosen.
            let lang = cookies::set(
                &state.config,
                Name::Language,
                fields.get("language"),
                Some(365 * 24 * 3600),
            );
            Ok(see_other_with_flash(
                &state.config,
                "/profile",
                "profile-saved",
                vec![lang],
            ))
        }
        Err(DomainError::Invalid(errors)) => {
            let view = profile_view(&state, &live.account, rc.lang).await?;
            let form = fields.to_form(&[]).with_errors(errors);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                profile(&rc.page(), &view, &form, &FormState::new()),
            )
                .into_response())
        }
        Err(e) => Err(WebError::from(e)),
    }
}

async fn change_password(
    State(state): State<AppState>,
    rc: RequestContext,
    Member(live): Member,
    fields: Fields,
) -> WebResult<Response> {
    let result = account::change_password(
        &state.ctx,
        &rc.actor(),
        fields.get("current_password"),
        fields.get("new_password"),
    )
    .await;
    match result {
        Ok(()) => {
            // Every session ended with the change; this browser gets a new one.
            let token = session::start(
                &state.ctx,
                live.account.id,
                live.remember,
                rc.user_agent.as_deref(),
            )
            .await?;
            let max_age = live
                .remember
                .then(|| Lifetime::for_remember(true).absolute.num_seconds());
            let cookie = cookies::set(&state.config, Name::Session, &token, max_age);
            Ok(see_other_with_flash(
                &state.config,
                "/profile",
                "profile-password-changed",
                vec![cookie],
            ))
        }
        Err(DomainError::Invalid(errors)) => {
            let view = profile_view(&state, &live.account, rc.lang).await?;
            let password_form = FormState::new().with_errors(errors);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                profile(
                    &rc.page(),
                    &view,
                    &account_form(&live.account),
                    &password_form,
                ),
            )
                .into_response())
        }
        Err(e) => Err(WebError::from(e)),
    }
}

/// Makes a new feed address and shows it on the profile page, this once:
/// only its hash is kept.
async fn renew_calendar(
    State(state): State<AppState>,
    rc: RequestContext,
    Member(live): Member,
) -> WebResult<Response> {
    let token = relais_domain::calendar::renew(&state.ctx, &rc.actor()).await?;
    let base = state.config.base_url.as_str();
    let mut view = profile_view(&state, &live.account, rc.lang).await?;
    view.calendar_new_url = Some(format!("{base}/calendar/{token}.ics"));
    Ok(profile(
        &rc.page(),
        &view,
        &account_form(&live.account),
        &FormState::new(),
    )
    .into_response())
}

async fn revoke_calendar(
    State(state): State<AppState>,
    rc: RequestContext,
    _: Member,
) -> WebResult<Response> {
    relais_domain::calendar::revoke(&state.ctx, &rc.actor()).await?;
    Ok(see_other_with_flash(
        &state.config,
        "/profile",
        "flash-calendar-revoked",
        vec![],
    ))
}

async fn save_emails(
    State(state): State<AppState>,
    rc: RequestContext,
    _: Member,
    fields: Fields,
) -> WebResult<Response> {
    let wanted: Vec<Category> = fields
        .all("categories")
        .iter()
        .filter_map(|c| Category::parse(c).ok())
        .collect();
    email_preference::save(&state.ctx, &rc.actor(), &wanted).await?;
    if let Ok(frequency) = relais_domain::digest::Frequency::parse(fields.get("digest")) {
        relais_domain::digest::set_frequency(&state.ctx, &rc.actor(), frequency).await?;
    }
    Ok(see_other_with_flash(
        &state.config,
        "/profile",
        "flash-emails-saved",
        vec![],
    ))
}

async fn unsubscribe_page(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((token, category)): Path<(String, String)>,
) -> WebResult<Response> {
    let category = Category::parse(&category).map_err(|_| WebError::NotFound)?;
    email_preference::check_unsubscribe_link(&state.ctx, &token, category).await?;
    Ok(
        relais_templates::pages::profile::unsubscribe(&rc.page(), &token, category.code())
            .into_response(),
    )
}

async fn unsubscribe(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((token, category)): Path<(String, String)>,
) -> WebResult<Response> {
    let category = Category::parse(&category).map_err(|_| WebError::NotFound)?;
    email_preference::unsubscribe(&state.ctx, &token, category).await?;
    Ok(relais_templates::pages::auth::message(
        &rc.page(),
        "unsubscribe-title",
        "unsubscribe-done",
        Some(("/profile", "nav-profile")),
    )
    .into_response())
}
