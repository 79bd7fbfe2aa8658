//! Prints what password hashing costs on this machine, and how many log-in
//! checks per second the bounded hasher sustains when many arrive at once.
//! Run with `cargo bench -p relais-domain --bench password`.

use relais_domain::password::{Password, PasswordHasher};
use std::time::Instant;

#[tokio::main]
async fn main() {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let hasher = PasswordHasher::new(cores);
    let password = Password::parse("correct horse battery").expect("valid password");

    let rounds = 20;
    let start = Instant::now();
    let mut hash = String::new();
    for _ in 0..rounds {
        hash = hasher.hash(&password).await.expect("hash");
    }
    let per_hash = start.elapsed() / rounds;

    let start = Instant::now();
    for _ in 0..rounds {
        assert!(
            hasher
                .verify(Some(&hash), "correct horse battery")
                .await
                .expect("verify")
        );
    }
    let per_verify = start.elapsed() / rounds;

    // A burst of concurrent log-ins: the semaphore keeps at most `cores`
    // hashes running, the rest wait without blocking async threads.
    let burst = 64;
    let start = Instant::now();
    let tasks: Vec<_> = (0..burst)
        .map(|_| {
            let hasher = hasher.clone();
            let hash = hash.clone();
            tokio::spawn(async move { hasher.verify(Some(&hash), "wrong horse battery").await })
        })
        .collect();
    for task in tasks {
        assert!(!task.await.expect("task").expect("verify"));
    }
    let elapsed = start.elapsed();

    println!("argon2id m=19456 KiB t=2 p=1, {cores} concurrent hashes at most");
    println!(
        "hash:   {:>8.2} ms per password",
        per_hash.as_secs_f64() * 1e3
    );
    println!(
        "verify: {:>8.2} ms per check",
        per_verify.as_secs_f64() * 1e3
    );
    println!(
        "burst:  {burst} concurrent checks in {:.0} ms ({:.0} checks/s)",
        elapsed.as_secs_f64() * 1e3,
        f64::from(burst) / elapsed.as_secs_f64()
    );
}
