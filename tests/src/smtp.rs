//! A small SMTP server for tests: it speaks enough of RFC 5321 for lettre
//! (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps what it receives, and
//! can refuse chosen recipients permanently (550) or for now (451).
//!
//! It can also be slow: it then waits before accepting each message, the
//! message being "on the wire" meanwhile; a client that hangs up during
//! the wait has not had its message accepted. It counts the most messages
//! it had on the wire at once and the duplicates (by `Message-ID`).

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A message as received.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope recipients.
    pub to: Vec<String>,
    /// The message as sent (headers and body).
    pub data: String,
    /// The client's end of the connection that brought it.
    pub peer: SocketAddr,
    /// When the server answered that it accepted it.
    pub accepted_at: std::time::Instant,
}

impl Received {
    /// The value of a header, if present (first occurrence, unfolded).
    pub fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.data
            .lines()
            .take_while(|l| !l.is_empty())
            .find(|l| l.to_ascii_lowercase().starts_with(&prefix))
            .map(|l| l[prefix.len()..].trim().to_owned())
    }
}

#[derive(Default)]
struct Shared {
    received: Vec<Received>,
    refuse: HashSet<String>,
    defer: HashSet<String>,
    delay: Duration,
    on_the_wire: usize,
    most_on_the_wire: usize,
    connections: usize,
    message_ids: HashSet<String>,
    duplicates: usize,
}

/// One message on the wire, from `MAIL FROM` to the server's answer to
/// its data (or the client hanging up).
struct OnTheWire(Arc<Mutex<Shared>>);

impl OnTheWire {
    fn begin(shared: &Arc<Mutex<Shared>>) -> OnTheWire {
        if let Ok(mut s) = shared.lock() {
            s.on_the_wire += 1;
            s.most_on_the_wire = s.most_on_the_wire.max(s.on_the_wire);
        }
        OnTheWire(shared.clone())
    }
}

impl Drop for OnTheWire {
    fn drop(&mut self) {
        if let Ok(mut s) = self.0.lock() {
            s.on_the_wire -= 1;
        }
    }
}

/// A running test SMTP server.
pub struct SmtpServer {
    /// Where it listens.
    pub addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SmtpServer {
    /// Starts a server on a free port.
    pub async fn start() -> SmtpServer {
        Self::start_on("127.0.0.1:0".parse().expect("addr")).await
    }

    /// Starts a server on `addr` (to come back on the same port after a stop).
    pub async fn start_on(addr: SocketAddr) -> SmtpServer {
        let listener = TcpListener::bind(addr).await.expect("bind SMTP");
        let addr = listener.local_addr().expect("addr");
        let shared = Arc::new(Mutex::new(Shared::default()));
        let state = shared.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, peer)) = listener.accept().await {
                if let Ok(mut s) = state.lock() {
                    s.connections += 1;
                }
                let state = state.clone();
                tokio::spawn(async move {
                    let _ = session(socket, peer, state).await;
                });
            }
        });
        SmtpServer { addr, shared, task }
    }

    /// The `smtp://` URL to configure the mailer with.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Received> {
        self.shared
            .lock()
            .map(|s| s.received.clone())
            .unwrap_or_default()
    }

    /// Answers 550 to this recipient from now on.
    pub fn refuse(&self, address: &str) {
        if let Ok(mut s) = self.shared.lock() {
            s.refuse.insert(address.to_ascii_lowercase());
        }
    }

    /// Starts a server that waits `delay` before accepting each message.
    pub async fn start_slow(delay: Duration) -> SmtpServer {
        let server = Self::start().await;
        server.set_delay(delay);
        server
    }

    /// Waits `delay` before accepting each message from now on.
    pub fn set_delay(&self, delay: Duration) {
        if let Ok(mut s) = self.shared.lock() {
            s.delay = delay;
        }
    }

    /// Messages on the wire right now.
    pub fn on_the_wire(&self) -> usize {
        self.shared.lock().map(|s| s.on_the_wire).unwrap_or(0)
    }

    /// The most messages that were on the wire at once.
    pub fn most_on_the_wire(&self) -> usize {
        self.shared.lock().map(|s| s.most_on_the_wire).unwrap_or(0)
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.shared.lock().map(|s| s.connections).unwrap_or(0)
    }

    /// Messages accepted whose `Message-ID` had been accepted before.
    pub fn duplicates(&self) -> usize {
        self.shared.lock().map(|s| s.duplicates).unwrap_or(0)
    }

    /// Waits up to `timeout` until `n` messages were accepted; returns how many were.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> usize {
        let until = tokio::time::Instant::now() + timeout;
        loop {
            let got = self.received().len();
            if got >= n || tokio::time::Instant::now() >= until {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits up to `timeout` until at least `n` messages are on the wire at
    /// once; returns whether they were.
    pub async fn wait_on_the_wire(&self, n: usize, timeout: Duration) -> bool {
        let until = tokio::time::Instant::now() + timeout;
        while self.on_the_wire() < n {
            if tokio::time::Instant::now() >= until {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        true
    }

    /// Answers 451 (try again later) to this recipient from now on.
    pub fn defer(&self, address: &str) {
        if let Ok(mut s) = self.shared.lock() {
            s.defer.insert(address.to_ascii_lowercase());
        }
    }
}

fn address(arg: &str) -> String {
    arg.split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map_or_else(|| arg.trim().to_owned(), |(a, _)| a.to_owned())
        .to_ascii_lowercase()
}

async fn session(
    socket: tokio::net::TcpStream,
    peer: SocketAddr,
    shared: Arc<Mutex<Shared>>,
) -> std::io::Result<()> {
    // Replies are small writes answered by small writes: without this,
    // Nagle's algorithm and delayed acknowledgements add ~40 ms per command.
    socket.set_nodelay(true)?;
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 relais-test ESMTP\r\n").await?;
    let mut to: Vec<String> = Vec::new();
    let mut on_the_wire: Option<OnTheWire> = None;
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        let reply: String = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            "250-relais-test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n".into()
        } else if upper.starts_with("MAIL FROM") {
            to.clear();
            drop(on_the_wire.take());
            on_the_wire.get_or_insert_with(|| OnTheWire::begin(&shared));
            "250 2.1.0 ok\r\n".into()
        } else if upper.starts_with("RCPT TO") {
            let rcpt = address(&command[8..]);
            let (refused, deferred) = shared
                .lock()
                .map(|s| (s.refuse.contains(&rcpt), s.defer.contains(&rcpt)))
                .unwrap_or((false, false));
            if refused {
                "550 5.1.1 no such mailbox here\r\n".into()
            } else if deferred {
                "451 4.3.0 mailbox busy, try later\r\n".into()
            } else {
                to.push(rcpt);
                "250 2.1.5 ok\r\n".into()
            }
        } else if upper == "DATA" {
            write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
            let mut data = String::new();
            loop {
                let mut l = String::new();
                if lines.read_line(&mut l).await? == 0 {
                    return Ok(());
                }
                if l == ".\r\n" || l == ".\n" {
                    break;
                }
                data.push_str(l.strip_prefix('.').unwrap_or(&l));
            }
            let delay = shared.lock().map(|s| s.delay).unwrap_or_default();
            if !delay.is_zero() {
                // The client says nothing until answered: anything read
                // now is it hanging up, before its message was accepted.
                let mut more = String::new();
                tokio::select! {
                    () = tokio::time::sleep(delay) => {}
                    _ = lines.read_line(&mut more) => return Ok(()),
                }
            }
            let received = Received {
                to: to.clone(),
                data: data.replace("\r\n", "\n"),
                peer,
                accepted_at: std::time::Instant::now(),
            };
            if let Ok(mut s) = shared.lock() {
                if let Some(id) = received.header("Message-ID")
                    && !s.message_ids.insert(id)
                {
                    s.duplicates += 1;
                }
                s.received.push(received);
            }
            drop(on_the_wire.take());
            "250 2.0.0 queued\r\n".into()
        } else if upper == "QUIT" {
            write.write_all(b"221 2.0.0 bye\r\n").await?;
            return Ok(());
        } else if upper == "RSET" {
            drop(on_the_wire.take());
            "250 2.0.0 ok\r\n".into()
        } else if upper == "NOOP" {
            "250 2.0.0 ok\r\n".into()
        } else {
            "502 5.5.2 not implemented\r\n".into()
        };
        write.write_all(reply.as_bytes()).await?;
    }
}
