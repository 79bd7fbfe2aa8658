//! `relais serve`: the web server and, unless told otherwise, the scheduler.

use crate::config::Config;
use anyhow::Context as _;
use relais_domain::Context;
use relais_scheduler::{JobContext, Mailer};
use relais_web::{AppState, WebConfig};
use std::net::SocketAddr;
use std::sync::Arc;

/// The mail transport the configuration asks for.
pub fn mailer(config: &Config) -> anyhow::Result<Mailer> {
    Ok(match &config.smtp_url {
        Some(url) => Mailer::smtp(url).context("RELAIS_SMTP_URL")?,
        None => Mailer::files(&config.outbox_dir).context("RELAIS_OUTBOX_DIR")?,
    })
}

/// Serves until interrupted (Ctrl-C or SIGTERM).
pub async fn run(config: Config, ctx: Context, with_scheduler: bool) -> anyhow::Result<()> {
    let secret = relais_domain::settings::server_secret(&ctx.db, config.secret.as_deref()).await?;
    let state = AppState {
        ctx: ctx.clone(),
        config: Arc::new(
            WebConfig::new(config.base_url.clone()).with_video_hosts(config.video_hosts.clone()),
        ),
        secret: Arc::new(secret),
    };
    let _scheduler = if with_scheduler {
        let jobs = JobContext {
            ctx: ctx.clone(),
            mailer: Arc::new(mailer(&config)?),
            base_url: config.base_url.to_string(),
            from: config.mail_from.clone(),
            worker: JobContext::worker_name(),
        };
        Some(relais_scheduler::start(jobs, config.schedules.clone()).await?)
    } else {
        None
    };
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {} (RELAIS_BIND)", config.bind))?;
    tracing::info!(address = %config.bind, base_url = %config.base_url, "Relais is listening");
    axum::serve(
        listener,
        relais_web::app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
