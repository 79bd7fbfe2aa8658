//! The `relais` binary run as an operator runs it, for the tests of
//! `crates/cli`, which pass its path (`env!("CARGO_BIN_EXE_relais")`).

use reqwest::StatusCode;
use std::path::Path;
use std::process::{Child, Command, ExitStatus};
use std::time::Duration;

/// `bin` (the `relais` binary) with `args`, run in `dir`, reading neither
/// a configuration file nor a database URL from the test's environment.
pub fn relais(bin: &str, args: &[&str], dir: &Path) -> Command {
    let mut command = Command::new(bin);
    command
        .args(args)
        .current_dir(dir)
        .env_remove("RELAIS_CONFIG")
        .env_remove("RELAIS_DATABASE_URL");
    command
}

/// A running `relais`, killed when the test ends before it does.
pub struct Relais(Child);

impl Drop for Relais {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Relais {
    /// Starts `command`.
    pub fn spawn(command: &mut Command) -> Relais {
        Relais(command.spawn().expect("start relais"))
    }

    /// Sends SIGTERM, as a service manager stopping it would.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status()
            .expect("kill -TERM");
        assert!(status.success());
    }

    /// Waits for the process to end, at most `timeout`.
    pub async fn exit(&mut self, timeout: Duration) -> ExitStatus {
        let until = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(status) = self.0.try_wait().expect("wait") {
                return status;
            }
            assert!(
                tokio::time::Instant::now() < until,
                "relais still running after {timeout:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Whether `base_url/healthz` answers 200 within ten seconds.
pub async fn healthy(base_url: &str) -> bool {
    for _ in 0..200 {
        if reqwest::get(format!("{base_url}/healthz"))
            .await
            .is_ok_and(|r| r.status() == StatusCode::OK)
        {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}
