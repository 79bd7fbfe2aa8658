//! `relais serve`: the web server and, unless told otherwise, the scheduler.

use crate::config::Config;
use anyhow::Context as _;
use relais_domain::Context;
use relais_scheduler::{JobContext, Mailer};
use relais_web::{AppState, WebConfig};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// The mail transport the configuration asks for.
pub fn mailer(config: &Config) -> anyhow::Result<Mailer> {
    Ok(match &config.smtp_url {
        Some(url) => {
            Mailer::smtp_pooled(url, config.delivery_in_flight).context("RELAIS_SMTP_URL")?
        }
        None => Mailer::files(&config.outbox_dir).context("RELAIS_OUTBOX_DIR")?,
    })
}

/// What the scheduled jobs need, from the configuration.
pub fn jobs(config: &Config, ctx: Context) -> anyhow::Result<JobContext> {
    Ok(JobContext {
        ctx,
        mailer: Arc::new(mailer(config)?),
        base_url: config.base_url.clone(),
        from: config.mail_from.clone(),
        worker: JobContext::worker_name(),
        delivery: relais_scheduler::deliver::Settings {
            in_flight: config.delivery_in_flight,
            lease: chrono::Duration::from_std(config.delivery_lease)
                .context("RELAIS_DELIVERY_LEASE")?,
        },
        shutdown: Default::default(),
    })
}

/// Serves until interrupted (Ctrl-C or SIGTERM), then stops the scheduler:
/// nothing more is claimed, emails on the wire have the grace period to
/// finish, and those that do not are given back for another instance.
pub async fn run(config: Config, ctx: Context, with_scheduler: bool) -> anyhow::Result<()> {
    let signal = shutdown_signal()?;
    let secret = relais_domain::settings::server_secret(&ctx.db, config.secret.as_deref()).await?;
    let state = AppState {
        ctx: ctx.clone(),
        config: Arc::new(
            WebConfig::new(config.base_url.clone())
                .with_video_hosts(config.video_hosts.clone())
                .with_trusted_proxies(config.trusted_proxies.clone())
                .with_source_url(config.source_url.clone())
                .with_page_cache(true)
                .with_open_data_licence(config.open_data_licence),
        ),
        secret: Arc::new(secret),
    };
    // The port first: an instance that cannot serve does no background work either.
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {} (RELAIS_BIND)", config.bind))?;
    let metrics = match config.metrics_addr {
        Some(address) => {
            let listener = tokio::net::TcpListener::bind(address)
                .await
                .with_context(|| format!("cannot listen on {address} (RELAIS_METRICS_ADDR)"))?;
            let handle = crate::monitoring::install()?;
            crate::monitoring::keep_up(handle.clone());
            Some((listener, crate::monitoring::router(handle, ctx.db.clone())))
        }
        None => None,
    };
    let scheduler = if with_scheduler {
        Some(relais_scheduler::start(jobs(&config, ctx.clone())?, config.schedules.clone()).await?)
    } else {
        None
    };
    tracing::info!(address = %config.bind, base_url = %config.base_url, metrics = ?config.metrics_addr, "Relais is listening");
    // One trigger for both halves: the scheduler stops claiming at the
    // signal, not once the last HTTP connection has closed.
    let stopping = CancellationToken::new();
    let trigger = stopping.clone();
    tokio::spawn(async move {
        signal.await;
        trigger.cancel();
    });
    let web = async {
        let served = axum::serve(
            listener,
            relais_web::app(state).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(stopping.clone().cancelled_owned())
        .await;
        // A server that fails stops the scheduler too.
        stopping.cancel();
        served
    };
    let scraped = async {
        match metrics {
            Some((listener, router)) => {
                axum::serve(listener, router)
                    .with_graceful_shutdown(stopping.clone().cancelled_owned())
                    .await
            }
            None => Ok(()),
        }
    };
    let background = async {
        stopping.cancelled().await;
        match scheduler {
            Some(scheduler) => {
                let stopped = scheduler.stop(config.shutdown_grace).await?;
                tracing::info!(?stopped, "scheduler stopped");
                Ok(())
            }
            None => Ok::<(), relais_scheduler::SchedulerError>(()),
        }
    };
    let (served, scraped, stopped) = tokio::join!(web, scraped, background);
    served?;
    scraped.context("serving metrics")?;
    stopped?;
    Ok(())
}

/// Ctrl-C or SIGTERM. The SIGTERM handler is installed at once, before
/// any work starts, so the signal can never kill the process outright.
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("installing the SIGTERM handler")?;
    Ok(async move {
        #[cfg(unix)]
        let terminate = terminate.recv();
        #[cfg(not(unix))]
        let terminate = std::future::pending::<Option<()>>();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = terminate => {},
        }
        tracing::info!("shutting down");
    })
}
