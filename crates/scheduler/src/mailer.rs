//! Where emails go: an SMTP server (pooled), or `.eml` files in a folder
//! when no SMTP server is configured.

use crate::error::{Result, SchedulerError};
use lettre::message::header::ContentType;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncTransport, Message, Tokio1Executor};
use relais_domain::base_url::BaseUrl;
use relais_templates::email::RenderedEmail;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// A mail transport.
pub enum Mailer {
    /// Through an SMTP server.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Into `.eml` files in a folder.
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

/// How a send attempt ended, for the retry decision.
#[derive(Debug)]
pub enum SendError {
    /// Worth trying again later: connection refused, timeout, 4xx answer.
    Transient(String),
    /// Will never work: 5xx answer, malformed address.
    Permanent(String),
}

impl Mailer {
    /// An SMTP transport for `smtp://host:port` or `smtps://user:pass@host`,
    /// sized for the default number of emails on the wire.
    pub fn smtp(url: &str) -> Result<Self> {
        Self::smtp_pooled(url, crate::deliver::DEFAULT_IN_FLIGHT)
    }

    /// An SMTP transport keeping up to `connections` open: one per email on
    /// the wire (`deliver::Settings::in_flight`).
    pub fn smtp_pooled(url: &str, connections: usize) -> Result<Self> {
        let size = connections.clamp(1, crate::deliver::MAX_IN_FLIGHT);
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| SchedulerError::Transport(e.to_string()))?
            .timeout(Some(std::time::Duration::from_secs(30)))
            .pool_config(PoolConfig::new().max_size(u32::try_from(size).unwrap_or(8)))
            .build();
        Ok(Mailer::Smtp(transport))
    }

    /// A transport writing `.eml` files into `dir` (created if missing).
    pub fn files(dir: impl Into<PathBuf>) -> Result<Self> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir)
            .map_err(|e| SchedulerError::Transport(format!("{}: {e}", dir.display())))?;
        Ok(Mailer::Files(AsyncFileTransport::new(&dir), dir))
    }

    /// Sends one message.
    pub async fn send(&self, message: Message) -> std::result::Result<(), SendError> {
        match self {
            Mailer::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    SendError::Permanent(e.to_string())
                } else {
                    SendError::Transient(e.to_string())
                }
            }),
            Mailer::Files(t, _) => t
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| SendError::Transient(e.to_string())),
        }
    }
}

/// The `Message-ID` for an idempotency key: the same email always carries
/// the same id, so a receiver can spot the rare duplicate delivery.
pub fn message_id(idempotency_key: &str, base_url: &BaseUrl) -> String {
    let host = base_url.host();
    let digest = hex::encode(Sha256::digest(idempotency_key.as_bytes()));
    format!("<{}@{host}>", &digest[..32])
}

/// Builds the multipart (plain text + HTML) message, with a calendar file
/// attached when there is one.
pub fn build_message(
    from: &Mailbox,
    to: &str,
    rendered: &RenderedEmail,
    message_id: String,
    calendar: Option<String>,
) -> std::result::Result<Message, SendError> {
    let to: Mailbox = to
        .parse()
        .map_err(|e| SendError::Permanent(format!("recipient {to:?}: {e}")))?;
    let body = MultiPart::alternative_plain_html(rendered.text.clone(), rendered.html.clone());
    let body = match calendar {
        Some(ics) => {
            // The part's method must be the file's own (PUBLISH, CANCEL).
            let method = ics
                .lines()
                .find_map(|l| l.strip_prefix("METHOD:"))
                .unwrap_or("PUBLISH")
                .trim()
                .to_owned();
            let content_type =
                ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                    .map_err(|e| SendError::Permanent(format!("calendar type: {e}")))?;
            MultiPart::mixed()
                .multipart(body)
                .singlepart(Attachment::new("invitation.ics".to_owned()).body(ics, content_type))
        }
        None => body,
    };
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(rendered.subject.clone())
        .message_id(Some(message_id))
        .multipart(body)
        .map_err(|e| SendError::Permanent(format!("building message: {e}")))
}

/// `List-Unsubscribe-Post` (RFC 8058), which lets mail clients unsubscribe
/// in one click with a POST to the `List-Unsubscribe` address.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> std::result::Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

/// Adds the unsubscribe headers pointing at `url`.
pub fn with_unsubscribe(mut message: Message, url: &str) -> Message {
    message.headers_mut().insert_raw(HeaderValue::new(
        HeaderName::new_from_ascii_str("List-Unsubscribe"),
        format!("<{url}>"),
    ));
    message.headers_mut().set(ListUnsubscribePost);
    message
}
