//! `relais`: parses the command line, reads the configuration and hands
//! over to the library. Errors end here as one line and a non-zero exit.

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use relais_cli::config::Config;
use relais_cli::{backup, context, open_database, seed, serve};
use relais_domain::account::{self, NewAccount};
use relais_domain::{Language, Role};
use std::io::{IsTerminal, Read};
use std::process::ExitCode;

/// Relais: follow-up of La Nuit du Code Citoyen projects.
#[derive(Parser)]
#[command(name = "relais", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs pending migrations, then serves the site (and the scheduler).
    Serve {
        /// Seeds demo data first when the database has no accounts.
        #[arg(long)]
        demo: bool,
        /// Serves pages only; another instance runs the scheduled jobs.
        #[arg(long)]
        no_scheduler: bool,
    },
    /// Applies pending database migrations.
    Migrate,
    /// Fills an empty database.
    #[command(group(clap::ArgGroup::new("data").required(true).args(["demo", "scale"])))]
    Seed {
        /// The demo data: the 2018 edition, its cities and people.
        #[arg(long)]
        demo: bool,
        /// A programme of N projects with two years of journals, milestones,
        /// teams, meetups and answers, for benchmarks (see BENCHMARKS.md).
        #[arg(long, value_name = "N")]
        scale: Option<i32>,
    },
    /// Runs every planning job now: reminders, digests, check-ins… (--dry-run lists the reminders).
    Reminders {
        /// Lists what would be queued, without queuing it.
        #[arg(long)]
        dry_run: bool,
        /// The moment to plan for, RFC 3339 (e.g. 2026-12-02T18:00:00Z); default now.
        #[arg(long)]
        at: Option<String>,
    },
    /// Writes a consistent copy of the SQLite database to FILE, safe while serving.
    Backup {
        /// The new file to write (it must not exist).
        file: std::path::PathBuf,
    },
    /// Puts a backup in place of the SQLite database (stop relais first); the current one is kept beside it.
    Restore {
        /// The backup to restore.
        file: std::path::PathBuf,
    },
    /// Account administration.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Creates an account; without a password, prints a single-use link to choose one.
    Create {
        /// Email address.
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// coordinator, mentor or member.
        #[arg(long, value_parser = Role::ALL.map(Role::code))]
        role: String,
        /// City slug (for a coordinator: the city coordinated; none means the whole programme).
        #[arg(long)]
        city: Option<String>,
        /// Reads the password from standard input.
        #[arg(long)]
        password_stdin: bool,
        /// Language of the account: fr or en.
        #[arg(long, default_value = Language::Fr.code())]
        language: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    // Log lines (one per request) are written by a thread of their own, off
    // the requests' path; the guard flushes what is queued when main ends.
    let (log_writer, _log_guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .finish(std::io::stderr());
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("RELAIS_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn,tokio_cron_scheduler=warn".into()),
        )
        .with_writer(log_writer)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("relais: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::from_process()?;
    // Neither migrates: a backup copies the database as it is, and a
    // restore replaces the file without opening it for writing.
    match &cli.command {
        Command::Backup { file } => {
            let bytes = backup::backup(&config.database_url, file).await?;
            println!("backup written to {} ({bytes} bytes)", file.display());
            return Ok(());
        }
        Command::Restore { file } => {
            let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
            let restored = backup::restore(&config.database_url, file, &stamp).await?;
            if let Some(previous) = &restored.previous {
                println!("the database it replaced is kept as {}", previous.display());
            }
            println!(
                "restored from {}; {} migration(s) will be applied at the next start",
                file.display(),
                restored.pending
            );
            return Ok(());
        }
        _ => {}
    }
    let db = open_database(&config.database_url).await?;
    let ctx = context(db);
    match cli.command {
        // Done above, before the database is opened.
        Command::Backup { .. } | Command::Restore { .. } => {}
        Command::Migrate => {
            println!(
                "migrations applied to {}",
                relais_cli::redact(&config.database_url)
            );
        }
        Command::Seed { scale: Some(n), .. } => {
            let counts = seed::scale(&ctx, n, ctx.now()).await?;
            seed::print_scale(&counts);
        }
        Command::Seed { .. } => {
            let logins = seed::demo(&ctx).await?;
            seed::print_logins(&logins);
        }
        Command::Serve { demo, no_scheduler } => {
            if demo && account::count(&ctx.db).await? == 0 {
                let logins = seed::demo(&ctx).await?;
                seed::print_logins(&logins);
            }
            serve::run(config, ctx, !no_scheduler).await?;
        }
        Command::Reminders { dry_run, at } => {
            let at = match at {
                Some(text) => chrono::DateTime::parse_from_rfc3339(&text)
                    .map_err(|_| {
                        anyhow::anyhow!(
                            "--at: expected an RFC 3339 date and time such as 2026-12-02T18:00:00Z"
                        )
                    })?
                    .with_timezone(&chrono::Utc),
                None => chrono::Utc::now(),
            };
            if dry_run {
                let mut planned = relais_domain::reminder::preview(&ctx.db, at).await?;
                // In the order of their keys, not of whichever index the
                // database chose: two dry runs list the same lines alike.
                planned.sort_by(|a, b| a.key.cmp(&b.key));
                for p in &planned {
                    println!("{:<24} {:<32} {}", p.message.kind().code(), p.to, p.key);
                }
                println!(
                    "{} email(s) would be queued at {}",
                    planned.len(),
                    at.to_rfc3339()
                );
            } else {
                // Every planning job of the scheduler's table, as `serve`
                // runs them each hour, without waiting for the hour's slot.
                let jobs = serve::jobs(&config, ctx.clone())?;
                let mut total = 0;
                for job in relais_scheduler::jobs::JOBS.iter().filter(|j| j.plans()) {
                    let done = job
                        .work(&jobs, at)
                        .await
                        .with_context(|| format!("planning {}", job.name))?;
                    println!("{:<16} {done}", job.name);
                    total += done;
                }
                println!("{total} email(s) queued or item(s) updated");
            }
        }
        Command::User {
            command:
                UserCommand::Create {
                    email,
                    name,
                    role,
                    city,
                    password_stdin,
                    language,
                },
        } => {
            let password = if password_stdin {
                let mut text = String::new();
                std::io::stdin()
                    .read_to_string(&mut text)
                    .context("reading the password from standard input")?;
                Some(text.trim_end_matches(['\n', '\r']).to_owned())
            } else {
                None
            };
            let input = NewAccount {
                email,
                name,
                role: Role::parse(&role).map_err(|_| {
                    anyhow::anyhow!("--role: expected coordinator, mentor or member")
                })?,
                city,
                password,
                language: Language::parse(&language)
                    .map_err(|_| anyhow::anyhow!("--language: expected fr or en"))?,
            };
            match account::create_account(&ctx, input).await {
                Ok((id, link)) => {
                    println!("account {id} created");
                    if let Some(token) = link {
                        println!(
                            "choose a password (single use): {}/password/reset/{token}",
                            config.base_url
                        );
                    }
                }
                Err(relais_domain::DomainError::Invalid(errors)) => {
                    let problems: Vec<String> =
                        errors.iter().map(|(f, k)| format!("--{f}: {k}")).collect();
                    anyhow::bail!("{}", problems.join("; "));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(())
}
