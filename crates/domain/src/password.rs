//! Passwords: the length rule, and argon2id hashing kept off the async
//! threads with a bound on how many hashes run at once.

use crate::error::{DomainError, Result};
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::Arc;
use tokio::sync::{OnceCell, Semaphore};

/// A password that satisfies the policy (10 to 128 characters).
#[derive(Clone)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

impl Password {
    /// Minimum length, in characters.
    pub const MIN_CHARS: usize = 10;
    /// Maximum length: longer input is refused rather than hashed, so a
    /// megabyte "password" cannot be used to waste CPU.
    pub const MAX_CHARS: usize = 128;

    /// Checks a new password against the policy.
    pub fn parse(input: &str) -> std::result::Result<Self, &'static str> {
        let n = input.chars().count();
        if n == 0 {
            Err("error-required")
        } else if n < Self::MIN_CHARS {
            Err("error-password-too-short")
        } else if n > Self::MAX_CHARS {
            Err("error-password-too-long")
        } else {
            Ok(Password(input.to_owned()))
        }
    }

    /// The clear text, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Hashes and verifies passwords with argon2id (19 MiB, 2 passes).
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    dummy: Arc<OnceCell<String>>,
}

impl std::fmt::Debug for PasswordHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordHasher")
            .field("available", &self.permits.available_permits())
            .finish()
    }
}

impl Default for PasswordHasher {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self::new(cores)
    }
}

fn argon2() -> Argon2<'static> {
    // 19 MiB and 2 passes: OWASP's minimum for argon2id.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

impl PasswordHasher {
    /// A hasher that runs at most `concurrent` hashes at once.
    pub fn new(concurrent: usize) -> Self {
        PasswordHasher {
            permits: Arc::new(Semaphore::new(concurrent.max(1))),
            dummy: Arc::new(OnceCell::new()),
        }
    }

    /// Hashes a password into a PHC string.
    pub async fn hash(&self, password: &Password) -> Result<String> {
        let clear = password.expose().to_owned();
        self.run(move || {
            let salt = SaltString::generate(&mut rand::rngs::OsRng);
            argon2()
                .hash_password(clear.as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| DomainError::Internal(format!("hashing: {e}")))
        })
        .await
    }

    /// True when `clear` matches `stored`. With no stored hash it still
    /// spends the time of a real check, so that timing does not tell
    /// whether an account exists.
    pub async fn verify(&self, stored: Option<&str>, clear: &str) -> Result<bool> {
        let stored = match stored {
            Some(s) => s.to_owned(),
            None => self.dummy_hash().await?.clone(),
        };
        let known = stored != *self.dummy_hash().await?;
        let clear = clear.to_owned();
        let matches = self
            .run(move || {
                let parsed = PasswordHash::new(&stored)
                    .map_err(|e| DomainError::Internal(format!("stored hash: {e}")))?;
                Ok(argon2().verify_password(clear.as_bytes(), &parsed).is_ok())
            })
            .await?;
        Ok(known && matches)
    }

    async fn dummy_hash(&self) -> Result<&String> {
        self.dummy
            .get_or_try_init(|| async {
                let random = crate::token::generate();
                self.hash(&Password(random)).await
            })
            .await
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| DomainError::Internal(format!("hasher closed: {e}")))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| DomainError::Internal(format!("hashing task: {e}")))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_refuses_short_and_huge_passwords() {
        assert_eq!(Password::parse("").err(), Some("error-required"));
        assert_eq!(
            Password::parse("short").err(),
            Some("error-password-too-short")
        );
        assert_eq!(
            Password::parse(&"x".repeat(129)).err(),
            Some("error-password-too-long")
        );
        assert!(Password::parse("correct horse battery").is_ok());
    }

    #[tokio::test]
    async fn hashes_with_argon2id_at_the_required_cost_and_verifies() {
        let hasher = PasswordHasher::new(2);
        let pw = Password::parse("correct horse battery").expect("valid");
        let hash = hasher.hash(&pw).await.expect("hash");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            hasher
                .verify(Some(&hash), "correct horse battery")
                .await
                .expect("verify")
        );
        assert!(
            !hasher
                .verify(Some(&hash), "wrong horse battery")
                .await
                .expect("verify")
        );
        assert!(
            !hasher
                .verify(None, "correct horse battery")
                .await
                .expect("verify")
        );
    }
}
