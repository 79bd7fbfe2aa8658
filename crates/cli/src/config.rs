//! Configuration: environment variables, with an optional `relais.toml`
//! underneath (the environment wins). Read once at start-up into `Config`;
//! a bad value stops start-up with one line naming it.

use chrono_tz::Tz;
use relais_domain::base_url::BaseUrl;
use relais_domain::open_data::DataLicence;
use relais_domain::video::VideoHosts;
use relais_scheduler::Mailbox;
use relais_web::TrustedProxies;
use serde::Deserialize;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use url::Url;

/// Every setting, parsed.
#[derive(Debug, Clone)]
pub struct Config {
    /// `RELAIS_DATABASE_URL`: `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// `RELAIS_BIND`: the address to listen on.
    pub bind: SocketAddr,
    /// `RELAIS_BASE_URL`: the public URL used in emails and feeds.
    pub base_url: BaseUrl,
    /// `RELAIS_SMTP_URL`: SMTP server; `None` writes `.eml` files instead.
    pub smtp_url: Option<String>,
    /// `RELAIS_OUTBOX_DIR`: where `.eml` files go without SMTP.
    pub outbox_dir: PathBuf,
    /// `RELAIS_TIMEZONE`: the programme's time zone.
    pub timezone: Tz,
    /// `RELAIS_SECRET`: key for tokens; kept in the database when absent.
    pub secret: Option<String>,
    /// `RELAIS_MAIL_FROM`: the sender of every email.
    pub mail_from: Mailbox,
    /// `RELAIS_SCHEDULE_<JOB>`: when the background jobs wake up.
    pub schedules: relais_scheduler::Schedules,
    /// `RELAIS_DELIVERY_IN_FLIGHT`: emails on the wire at once (1–64).
    pub delivery_in_flight: usize,
    /// `RELAIS_DELIVERY_LEASE`: how long a claim on an email holds before
    /// another instance may take it back (renewed while it is on the wire).
    pub delivery_lease: std::time::Duration,
    /// `RELAIS_SHUTDOWN_GRACE`: how long in-flight work may finish on SIGTERM.
    pub shutdown_grace: std::time::Duration,
    /// `RELAIS_VIDEO_HOSTS`: the video hosts pages may embed.
    pub video_hosts: VideoHosts,
    /// `RELAIS_TRUSTED_PROXIES`: reverse proxies whose forwarding headers name the client.
    pub trusted_proxies: TrustedProxies,
    /// `RELAIS_SOURCE_URL`: where the code this instance runs is published.
    pub source_url: Option<Url>,
    /// `RELAIS_OPEN_DATA_LICENCE`: `odbl` (the default) or `etalab-2.0`.
    pub open_data_licence: DataLicence,
    /// `RELAIS_METRICS_ADDR`: where `/metrics` is served, apart from the
    /// site; `None` (the default) serves no metrics at all.
    pub metrics_addr: Option<SocketAddr>,
}

/// A setting that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    /// The variable (or file) at fault.
    pub variable: String,
    /// What is expected, and what was found.
    pub problem: String,
}

fn bad(variable: &str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        variable: variable.to_owned(),
        problem: problem.into(),
    }
}

/// The optional file's keys: the variables' names without `RELAIS_`, in lower case.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    bind: Option<String>,
    base_url: Option<String>,
    smtp_url: Option<String>,
    outbox_dir: Option<String>,
    timezone: Option<String>,
    secret: Option<String>,
    mail_from: Option<String>,
    delivery_in_flight: Option<String>,
    delivery_lease: Option<String>,
    shutdown_grace: Option<String>,
    video_hosts: Option<String>,
    trusted_proxies: Option<String>,
    source_url: Option<String>,
    open_data_licence: Option<String>,
    metrics_addr: Option<String>,
}

/// Reads the file, taking out the `schedule_<job>` keys (one per job of
/// the scheduler's table) before the fixed keys are checked.
fn read_file(
    text: &str,
    path: &Path,
) -> Result<(FileConfig, HashMap<String, String>), ConfigError> {
    let invalid = |e: toml::de::Error| {
        bad(
            &path.display().to_string(),
            format!("not valid configuration: {}", e.message()),
        )
    };
    let mut table: toml::Table = toml::from_str(text).map_err(invalid)?;
    let mut schedules = HashMap::new();
    for job in relais_scheduler::jobs::JOBS {
        let key = format!("schedule_{}", job.name);
        if let Some(value) = table.remove(&key) {
            let Some(text) = value.as_str() else {
                return Err(bad(
                    &path.display().to_string(),
                    format!("{key}: expected a string"),
                ));
            };
            schedules.insert(job.variable(), text.to_owned());
        }
    }
    let file = FileConfig::deserialize(toml::Value::Table(table)).map_err(invalid)?;
    Ok((file, schedules))
}

/// A duration in seconds: `30` or `30s`.
fn seconds(text: &str) -> Option<std::time::Duration> {
    let number = text.strip_suffix('s').unwrap_or(text).trim();
    number
        .parse::<u64>()
        .ok()
        .filter(|s| *s <= 3600)
        .map(std::time::Duration::from_secs)
}

impl Config {
    /// Reads the process environment and `relais.toml` in the working
    /// directory (or `RELAIS_CONFIG`), if present.
    pub fn from_process() -> Result<Self, ConfigError> {
        let env: HashMap<String, String> = std::env::vars()
            .filter(|(k, _)| k.starts_with("RELAIS_"))
            .collect();
        let path = env
            .get("RELAIS_CONFIG")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("relais.toml"));
        let explicit = env.contains_key("RELAIS_CONFIG");
        let file = if path.exists() || explicit {
            Some(std::fs::read_to_string(&path).map_err(|e| {
                bad(
                    "RELAIS_CONFIG",
                    format!("cannot read {}: {e}", path.display()),
                )
            })?)
        } else {
            None
        };
        Self::load(&env, file.as_deref(), &path)
    }

    /// Builds the configuration from variables and an optional TOML text.
    pub fn load(
        env: &HashMap<String, String>,
        toml_text: Option<&str>,
        toml_path: &Path,
    ) -> Result<Self, ConfigError> {
        let (file, file_schedules) = match toml_text {
            Some(text) => read_file(text, toml_path)?,
            None => (FileConfig::default(), HashMap::new()),
        };
        let get = |name: &str, from_file: &Option<String>| -> Option<String> {
            env.get(name)
                .cloned()
                .or_else(|| from_file.clone())
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };

        let database_url = get("RELAIS_DATABASE_URL", &file.database_url)
            .unwrap_or_else(|| "sqlite://relais.db".to_owned());
        let is_sqlite = database_url.starts_with("sqlite:");
        let is_postgres =
            database_url.starts_with("postgres://") || database_url.starts_with("postgresql://");
        if !is_sqlite && !is_postgres {
            return Err(bad(
                "RELAIS_DATABASE_URL",
                format!("expected sqlite://FILE or postgres://USER@HOST/DB, got {database_url:?}"),
            ));
        }

        let bind_text =
            get("RELAIS_BIND", &file.bind).unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let bind: SocketAddr = bind_text.parse().map_err(|_| {
            bad(
                "RELAIS_BIND",
                format!("expected an address and port such as 127.0.0.1:8080, got {bind_text:?}"),
            )
        })?;

        let base_url = match get("RELAIS_BASE_URL", &file.base_url) {
            Some(text) => {
                BaseUrl::parse(&text).map_err(|e| bad("RELAIS_BASE_URL", e.to_string()))?
            }
            None => BaseUrl::parse(&format!("http://{bind}/"))
                .map_err(|e| bad("RELAIS_BIND", e.to_string()))?,
        };

        let smtp_url = get("RELAIS_SMTP_URL", &file.smtp_url);
        if let Some(text) = &smtp_url {
            let ok = Url::parse(text)
                .is_ok_and(|u| matches!(u.scheme(), "smtp" | "smtps") && u.host_str().is_some());
            if !ok {
                return Err(bad(
                    "RELAIS_SMTP_URL",
                    "expected smtp://HOST:PORT or smtps://USER:PASSWORD@HOST",
                ));
            }
        }

        let outbox_dir = PathBuf::from(
            get("RELAIS_OUTBOX_DIR", &file.outbox_dir).unwrap_or_else(|| "./outbox".to_owned()),
        );

        let tz_text =
            get("RELAIS_TIMEZONE", &file.timezone).unwrap_or_else(|| "Europe/Paris".to_owned());
        let timezone: Tz = tz_text.parse().map_err(|_| {
            bad(
                "RELAIS_TIMEZONE",
                format!("expected an IANA time zone such as Europe/Paris, got {tz_text:?}"),
            )
        })?;

        let secret = get("RELAIS_SECRET", &file.secret);
        if let Some(s) = &secret
            && s.len() < 32
        {
            return Err(bad(
                "RELAIS_SECRET",
                "expected at least 32 characters (leave it unset to keep one in the database)",
            ));
        }

        let mail_from = match get("RELAIS_MAIL_FROM", &file.mail_from) {
            Some(from) => from.parse::<Mailbox>().map_err(|_| {
                bad(
                    "RELAIS_MAIL_FROM",
                    format!(
                        "expected an address such as \"Relais <relais@example.org>\", got {from:?}"
                    ),
                )
            })?,
            None => Mailbox::new(
                Some("La Nuit du Code Citoyen".to_owned()),
                format!("relais@{}", base_url.mail_domain().unwrap_or("localhost"))
                    .parse()
                    .map_err(|_| bad("RELAIS_BASE_URL", "no sender address can be made from it"))?,
            ),
        };

        let mut schedules = relais_scheduler::Schedules::in_zone(timezone);
        for job in relais_scheduler::jobs::JOBS {
            let variable = job.variable();
            if let Some(expression) = get(&variable, &file_schedules.get(&variable).cloned()) {
                schedules = schedules
                    .with(job.name, &expression)
                    .map_err(|e| bad(&variable, e.to_string()))?;
            }
        }

        let delivery_in_flight = match get("RELAIS_DELIVERY_IN_FLIGHT", &file.delivery_in_flight) {
            Some(text) => text
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=relais_scheduler::deliver::MAX_IN_FLIGHT).contains(n))
                .ok_or_else(|| {
                    bad(
                        "RELAIS_DELIVERY_IN_FLIGHT",
                        format!("expected a number of emails from 1 to 64, got {text:?}"),
                    )
                })?,
            None => relais_scheduler::deliver::DEFAULT_IN_FLIGHT,
        };

        let delivery_lease = match get("RELAIS_DELIVERY_LEASE", &file.delivery_lease) {
            Some(text) => seconds(&text)
                .filter(|lease| lease.as_secs() >= 2)
                .ok_or_else(|| {
                    bad(
                        "RELAIS_DELIVERY_LEASE",
                        format!("expected seconds from 2 to 3600 such as 300, got {text:?}"),
                    )
                })?,
            None => relais_scheduler::deliver::LEASE
                .to_std()
                .unwrap_or(std::time::Duration::from_secs(300)),
        };

        let shutdown_grace = match get("RELAIS_SHUTDOWN_GRACE", &file.shutdown_grace) {
            Some(text) => seconds(&text).ok_or_else(|| {
                bad(
                    "RELAIS_SHUTDOWN_GRACE",
                    format!("expected seconds from 0 to 3600 such as 30, got {text:?}"),
                )
            })?,
            None => std::time::Duration::from_secs(30),
        };

        let video_hosts = match get("RELAIS_VIDEO_HOSTS", &file.video_hosts) {
            Some(text) => {
                VideoHosts::parse(&text).map_err(|problem| bad("RELAIS_VIDEO_HOSTS", problem))?
            }
            None => VideoHosts::default(),
        };

        let trusted_proxies = match get("RELAIS_TRUSTED_PROXIES", &file.trusted_proxies) {
            Some(text) => TrustedProxies::parse(&text).map_err(|e| {
                bad(
                    "RELAIS_TRUSTED_PROXIES",
                    format!("expected addresses or CIDR blocks such as \"10.0.0.0/8, ::1\", got {text:?} ({e})"),
                )
            })?,
            None => TrustedProxies::default(),
        };
        let source_url = match get("RELAIS_SOURCE_URL", &file.source_url) {
            Some(text) => Some(
                Url::parse(&text)
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https"))
                    .ok_or_else(|| {
                        bad(
                            "RELAIS_SOURCE_URL",
                            format!("expected an http(s) URL such as https://git.example.org/relais, got {text:?}"),
                        )
                    })?,
            ),
            None => None,
        };

        let open_data_licence = match get("RELAIS_OPEN_DATA_LICENCE", &file.open_data_licence) {
            Some(text) => DataLicence::parse(&text)
                .map_err(|problem| bad("RELAIS_OPEN_DATA_LICENCE", problem))?,
            None => DataLicence::default(),
        };

        let metrics_addr = match get("RELAIS_METRICS_ADDR", &file.metrics_addr) {
            Some(text) => Some(text.parse::<SocketAddr>().map_err(|_| {
                bad(
                    "RELAIS_METRICS_ADDR",
                    format!("expected an address and port such as 127.0.0.1:9090, got {text:?}"),
                )
            })?),
            None => None,
        };
        if metrics_addr == Some(bind) {
            return Err(bad(
                "RELAIS_METRICS_ADDR",
                format!("expected another address than the site's (RELAIS_BIND), got {bind}"),
            ));
        }

        Ok(Config {
            metrics_addr,
            open_data_licence,
            trusted_proxies,
            source_url,
            video_hosts,
            schedules,
            delivery_in_flight,
            delivery_lease,
            shutdown_grace,
            database_url,
            bind,
            base_url,
            smtp_url,
            outbox_dir,
            timezone,
            secret,
            mail_from,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailbox(text: &str) -> Mailbox {
        text.parse().expect("mailbox")
    }

    fn load(vars: &[(&str, &str)], file: Option<&str>) -> Result<Config, ConfigError> {
        let env = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::load(&env, file, Path::new("relais.toml"))
    }

    #[test]
    fn defaults_need_nothing() {
        let c = load(&[], None).expect("defaults");
        assert_eq!(c.database_url, "sqlite://relais.db");
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(c.base_url.url().as_str(), "http://127.0.0.1:8080/");
        assert_eq!(c.smtp_url, None);
        assert_eq!(c.outbox_dir, PathBuf::from("./outbox"));
        assert_eq!(c.timezone, chrono_tz::Europe::Paris);
        assert_eq!(
            c.mail_from,
            mailbox("La Nuit du Code Citoyen <relais@localhost>")
        );
        assert_eq!(c.video_hosts, VideoHosts::default());
        assert_eq!(c.delivery_in_flight, 8);
        assert_eq!(c.shutdown_grace, std::time::Duration::from_secs(30));
        assert_eq!(c.metrics_addr, None, "no metrics unless asked for");
        assert_eq!(c.delivery_lease, std::time::Duration::from_secs(300));
        let delivery = relais_scheduler::jobs::find("delivery").expect("delivery");
        assert_eq!(c.schedules.of(delivery), "*/5 * * * * *");
    }

    #[test]
    fn every_job_has_its_schedule_variable_and_file_key() {
        for job in relais_scheduler::jobs::JOBS {
            let variable = job.variable();
            let c = load(&[(variable.as_str(), "7 7 7 * * *")], None).expect(&variable);
            assert_eq!(c.schedules.of(job), "7 7 7 * * *", "{variable}");
            let key = format!("schedule_{} = \"8 8 8 * * *\"", job.name);
            let c = load(&[], Some(&key)).expect(&key);
            assert_eq!(c.schedules.of(job), "8 8 8 * * *", "{key}");
        }
        let c = load(
            &[
                ("RELAIS_DELIVERY_IN_FLIGHT", "3"),
                ("RELAIS_SHUTDOWN_GRACE", "5s"),
                ("RELAIS_DELIVERY_LEASE", "20"),
            ],
            None,
        )
        .expect("valid");
        assert_eq!(c.delivery_lease, std::time::Duration::from_secs(20));
        assert_eq!(c.delivery_in_flight, 3);
        assert_eq!(c.shutdown_grace, std::time::Duration::from_secs(5));
    }

    #[test]
    fn open_data_is_odbl_unless_etalab_is_chosen() {
        let c = load(&[], None).expect("valid");
        assert_eq!(c.open_data_licence, DataLicence::Odbl);
        let c = load(&[("RELAIS_OPEN_DATA_LICENCE", "etalab-2.0")], None).expect("valid");
        assert_eq!(c.open_data_licence, DataLicence::Etalab);
        let c = load(&[], Some("open_data_licence = \"etalab-2.0\"")).expect("valid");
        assert_eq!(c.open_data_licence, DataLicence::Etalab);
        let e = load(&[("RELAIS_OPEN_DATA_LICENCE", "cc0")], None).expect_err("refused");
        assert_eq!(e.variable, "RELAIS_OPEN_DATA_LICENCE");
    }

    #[test]
    fn video_hosts_name_peertube_instances_beside_youtube_and_vimeo() {
        let c = load(&[], Some("video_hosts = \"youtube, video.example.org\"")).expect("valid");
        assert_eq!(
            c.video_hosts.frame_origins(),
            [
                "https://www.youtube-nocookie.com",
                "https://video.example.org"
            ]
        );
    }

    #[test]
    fn the_environment_wins_over_the_file() {
        let c = load(
            &[("RELAIS_BIND", "0.0.0.0:9000")],
            Some("bind = \"127.0.0.1:7000\"\ntimezone = \"Africa/Dakar\"\nbase_url = \"https://relais.example.org\""),
        )
        .expect("valid");
        assert_eq!(c.bind.to_string(), "0.0.0.0:9000");
        assert_eq!(c.timezone, chrono_tz::Africa::Dakar);
        assert_eq!(
            c.mail_from,
            mailbox("La Nuit du Code Citoyen <relais@relais.example.org>")
        );
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        let cases = [
            ("RELAIS_DATABASE_URL", "mysql://x"),
            ("RELAIS_BIND", "localhost"),
            ("RELAIS_BASE_URL", "ftp://example.org"),
            ("RELAIS_SMTP_URL", "http://mail"),
            ("RELAIS_TIMEZONE", "Mars/Olympus"),
            ("RELAIS_SECRET", "short"),
            ("RELAIS_MAIL_FROM", "nobody"),
            ("RELAIS_SCHEDULE_REMINDERS", "every hour"),
            ("RELAIS_SCHEDULE_CHECK_INS", "0 0 0 0"),
            ("RELAIS_DELIVERY_IN_FLIGHT", "0"),
            ("RELAIS_DELIVERY_IN_FLIGHT", "65"),
            ("RELAIS_SHUTDOWN_GRACE", "soon"),
            ("RELAIS_DELIVERY_LEASE", "1"),
            ("RELAIS_VIDEO_HOSTS", "https://video.example.org"),
            ("RELAIS_TRUSTED_PROXIES", "proxy.local"),
            ("RELAIS_SOURCE_URL", "git@example.org:relais.git"),
            ("RELAIS_METRICS_ADDR", "9090"),
            ("RELAIS_METRICS_ADDR", "127.0.0.1:8080"),
        ];
        for (var, value) in cases {
            let err = load(&[(var, value)], None).expect_err(var);
            assert_eq!(err.variable, var);
            assert!(
                err.to_string().starts_with(&format!("{var}: expected")),
                "{err}"
            );
        }
    }

    #[test]
    fn an_unknown_key_in_the_file_is_refused() {
        let err = load(&[], Some("colour = \"blue\"")).expect_err("unknown key");
        assert_eq!(err.variable, "relais.toml");
    }
}
