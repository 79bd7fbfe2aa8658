//! How fast suggestions are computed once the programme is large: 50,000
//! members who all made an offer, and 10,000 open needs.
//!
//! The target comes from the issue: suggestions for one member and for one
//! need in under 50 ms each on SQLite. On top of the shared bulk programme
//! (10,000 projects in five cities, `relais_tests::bulk`), this adds 49,000
//! members (50,000 in all), an offer for each (one or two kinds of help,
//! up to four tags from a vocabulary of forty, a city, remote or not,
//! contactable for most), 10,000 open needs on the visible projects (plus
//! closed ones), and 5,000 introductions, so that the monthly load of each
//! candidate is really counted. Then it times `suggestion::for_member` for
//! 200 members and `suggestion::for_need` for 200 needs, chosen at random,
//! after a few untimed calls, and prints the median, 90th percentile and
//! worst time, and how many candidates each returned.
//!
//! Nothing is asserted about time. Run with
//! `cargo bench -p relais-tests --bench relation` (SQLite), or with
//! `RELAIS_TEST_DATABASE_URL` pointing at PostgreSQL. With
//! `RELAIS_BENCH_KEEP=/tmp/relation.db` the seeded SQLite file is kept
//! there (`VACUUM INTO`), to read query plans with `EXPLAIN QUERY PLAN`.

use chrono::{DateTime, Duration as Span, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use relais_domain::clock::FixedClock;
use relais_domain::sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use relais_domain::{Actor, Context, need, project, suggestion};
use relais_tests::bulk::{Batch, Plan, USERS, keep_if_asked, row, seeded, whole_second};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

/// Members in all, every one with an offer.
const MEMBERS: i32 = 50_000;
/// Open needs.
const OPEN_NEEDS: usize = 10_000;
/// Needs filled or withdrawn, which the candidate queries must skip.
const CLOSED_NEEDS: usize = 2_000;
/// Introductions asked over the last two months.
const INTRODUCTIONS: usize = 5_000;
/// Calls timed per direction.
const SAMPLES: usize = 200;
/// Untimed calls first.
const WARM_UP: usize = 5;
/// Suggestions a page shows.
const SHOWN: usize = 20;
/// The target, in milliseconds.
const TARGET_MS: f64 = 50.0;
/// The random seed: every run measures the same data.
const SEED: u64 = 1212;

/// Kinds of help, the common ones repeated so they are drawn more often.
const KINDS: [&str; 13] = [
    "developer",
    "developer",
    "developer",
    "designer",
    "designer",
    "institution",
    "funding",
    "legal",
    "data",
    "data",
    "communication",
    "domain",
    "other",
];

const TAGS: [&str; 40] = [
    "python",
    "rust",
    "javascript",
    "php",
    "django",
    "react",
    "mobile",
    "android",
    "sql",
    "postgresql",
    "cartographie",
    "sig",
    "open data",
    "données ouvertes",
    "rgpd",
    "licences",
    "cgu",
    "statuts",
    "marchés publics",
    "accessibilité",
    "ux",
    "ui",
    "tests utilisateurs",
    "illustration",
    "vidéo",
    "réseaux sociaux",
    "presse",
    "financement",
    "subventions",
    "mécénat",
    "modèle économique",
    "santé",
    "logement",
    "mobilité",
    "éducation",
    "énergie",
    "agriculture",
    "wolof",
    "traduction",
    "facilitation",
];

const THEMES: [&str; 4] = ["social", "environmental", "democratic", "educational"];

fn tags(rng: &mut StdRng, max: usize) -> Vec<&'static str> {
    let n = rng.gen_range(0..=max);
    TAGS.choose_multiple(rng, n).copied().collect()
}

fn kinds(rng: &mut StdRng) -> Vec<&'static str> {
    let mut chosen = vec![*KINDS.choose(rng).expect("kind")];
    if rng.gen_bool(0.3) {
        let other = *KINDS.choose(rng).expect("kind");
        if other != chosen[0] {
            chosen.push(other);
        }
    }
    chosen
}

/// Members beyond the bulk programme's accounts, and everyone's offer.
async fn insert_members(conn: &DatabaseConnection, rng: &mut StdRng, now: DateTime<Utc>) {
    let txn = conn.begin().await.expect("begin");
    let created_at = now - Span::days(400);
    let mut users = Batch::new(
        &txn,
        "users",
        "id, email, email_key, name, language, city_id, skills, bio, is_active, created_at, updated_at",
    );
    for id in USERS + 1..=MEMBERS {
        let email = format!("membre{id}@relais.example");
        let city = rng.gen_range(1..=5);
        users
            .push(row(&[
                &id,
                &email,
                &email,
                &format!("Membre {id}"),
                &"fr",
                &city,
                &"",
                &"",
                &true,
                &created_at,
                &created_at,
            ]))
            .await
            .expect("rows");
    }
    users.finish().await.expect("rows");
    let mut offers = Batch::new(
        &txn,
        "offers",
        "user_id, description, city_id, remote, languages, themes, introductions_per_month, \
         contactable, is_public, created_at, updated_at",
    );
    // Kinds and tags go in after every offer, for their foreign keys.
    let mut kind_rows = Vec::new();
    let mut tag_rows = Vec::new();
    for id in 1..=MEMBERS {
        let city = rng.gen_bool(0.9).then(|| rng.gen_range(1..=5));
        let languages = if rng.gen_bool(0.3) { "fr,en" } else { "fr" };
        let theme = *THEMES.choose(rng).expect("theme");
        let updated_at = now - Span::minutes(rng.gen_range(0..60 * 24 * 300));
        offers
            .push(row(&[
                &id,
                &"Je peux aider.",
                &city,
                &rng.gen_bool(0.5),
                &languages,
                &format!(",{theme},"),
                &rng.gen_range(1..=5),
                &rng.gen_bool(0.8),
                &rng.gen_bool(0.3),
                &created_at,
                &updated_at,
            ]))
            .await
            .expect("rows");
        kind_rows.extend(kinds(rng).into_iter().map(|k| row(&[&id, &k])));
        tag_rows.extend(tags(rng, 4).into_iter().map(|t| row(&[&id, &t])));
    }
    offers.finish().await.expect("rows");
    for (table, columns, rows) in [
        ("offer_kinds", "user_id, kind", kind_rows),
        ("offer_tags", "user_id, tag", tag_rows),
    ] {
        let mut batch = Batch::new(&txn, table, columns);
        for r in rows {
            batch.push(r).await.expect("rows");
        }
        batch.finish().await.expect("rows");
    }
    txn.commit().await.expect("commit members");
}

/// Needs on the visible projects, most open; returns the open ones' ids.
async fn insert_needs(
    conn: &DatabaseConnection,
    plan: &Plan,
    rng: &mut StdRng,
    now: DateTime<Utc>,
) -> Vec<(i32, String)> {
    let visible: Vec<(i32, &str)> = plan
        .projects
        .iter()
        .filter(|p| p.is_visible())
        .map(|p| (p.id, p.slug.as_str()))
        .collect();
    let txn = conn.begin().await.expect("begin");
    let mut needs = Batch::new(
        &txn,
        "needs",
        "id, project_id, kind, description, remote, languages, state, created_at, updated_at",
    );
    let mut tag_rows = Vec::new();
    let mut open = Vec::with_capacity(OPEN_NEEDS);
    for n in 0..OPEN_NEEDS + CLOSED_NEEDS {
        let id = i32::try_from(n + 1).expect("id");
        let (project_id, slug) = visible[n % visible.len()];
        let state = if n < OPEN_NEEDS {
            open.push((id, slug.to_owned()));
            "open"
        } else if n % 2 == 0 {
            "filled"
        } else {
            "withdrawn"
        };
        let created_at = now - Span::minutes(rng.gen_range(0..60 * 24 * 200));
        needs
            .push(row(&[
                &id,
                &project_id,
                KINDS.choose(rng).expect("kind"),
                &"Un coup de main.",
                &rng.gen_bool(0.4),
                &"fr",
                &state,
                &created_at,
                &created_at,
            ]))
            .await
            .expect("rows");
        tag_rows.extend(tags(rng, 3).into_iter().map(|t| row(&[&id, &t])));
    }
    needs.finish().await.expect("rows");
    let mut need_tags = Batch::new(&txn, "need_tags", "need_id, tag");
    for r in tag_rows {
        need_tags.push(r).await.expect("rows");
    }
    need_tags.finish().await.expect("rows");
    let mut introductions = Batch::new(
        &txn,
        "introductions",
        "need_id, member_id, initiated_by, asked_by, message, state, created_at, expires_at, \
         answered_at, answered_by",
    );
    let mut pairs = HashSet::new();
    while pairs.len() < INTRODUCTIONS {
        let need = open.choose(rng).expect("need").0;
        let member = rng.gen_range(USERS + 1..=MEMBERS);
        if !pairs.insert((need, member)) {
            continue;
        }
        let created_at = now - Span::minutes(rng.gen_range(0..60 * 24 * 60));
        let accepted = rng.gen_bool(0.5);
        let answered_at = accepted.then(|| created_at + Span::days(2));
        introductions
            .push(row(&[
                &need,
                &member,
                &"member",
                &member,
                &"Bonjour !",
                &(if accepted { "accepted" } else { "pending" }),
                &created_at,
                &(created_at + Span::days(30)),
                &answered_at,
                &answered_at.map(|_| 1),
            ]))
            .await
            .expect("rows");
    }
    introductions.finish().await.expect("rows");
    txn.commit().await.expect("commit needs");
    open
}

/// Times `query` on samples `0..runs`; returns the timings in ms past the
/// warm-up and the number of results they found.
async fn timed<F, Fut>(runs: usize, mut query: F) -> (Vec<f64>, usize)
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    let mut timings = Vec::new();
    let mut found = 0;
    for i in 0..runs {
        let t = Instant::now();
        let n = query(i).await;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        if i >= WARM_UP {
            timings.push(ms);
            found += n;
        }
    }
    (timings, found)
}

/// Prints the figures of suggestions for `subject`: their
/// timings against the target, and how many `shown` on average.
fn report(subject: &str, shown: &str, timings: Vec<f64>, found: usize) {
    let (median, p90, worst) = summary(timings);
    println!(
        "suggestions for {subject}: median {median:.1} ms, p90 {p90:.1} ms, worst {worst:.1} ms \
         ({:.1} {shown} shown on average) — target {TARGET_MS} ms: {}",
        found as f64 / SAMPLES as f64,
        if median < TARGET_MS { "met" } else { "missed" }
    );
}

/// Median, 90th percentile and worst of timings in milliseconds.
fn summary(mut ms: Vec<f64>) -> (f64, f64, f64) {
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.9), at(1.0))
}

#[tokio::main]
async fn main() {
    let now = whole_second(Utc::now());
    let (_db, conn, plan) = seeded(now).await;
    let mut rng = StdRng::seed_from_u64(SEED);
    let started = Instant::now();
    insert_members(&conn, &mut rng, now).await;
    let open = insert_needs(&conn, &plan, &mut rng, now).await;
    println!(
        "relation data: {MEMBERS} members with offers, {OPEN_NEEDS} open and {CLOSED_NEEDS} closed needs, \
         {INTRODUCTIONS} introductions, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if relais_tests::database::is_postgres() {
        // What autovacuum does on a server that has run a while; without
        // statistics, PostgreSQL plans these fresh tables blind. SQLite
        // is left as it runs in production, without ANALYZE.
        conn.execute_unprepared("ANALYZE").await.expect("analyze");
    }
    keep_if_asked(&conn).await;
    let ctx = Context::new(conn, Arc::new(FixedClock::new(now)));

    let members: Vec<i32> = (0..SAMPLES + WARM_UP)
        .map(|_| rng.gen_range(1..=MEMBERS))
        .collect();
    let db = &ctx.db;
    let members = &members;
    let (timings, found) = timed(members.len(), |i| async move {
        suggestion::for_member(db, members[i], SHOWN)
            .await
            .expect("member suggestions")
            .len()
    })
    .await;
    report("one member", "needs", timings, found);

    let needs: Vec<&(i32, String)> = (0..SAMPLES + WARM_UP)
        .map(|_| open.choose(&mut rng).expect("need"))
        .collect();
    let mut loaded = Vec::new();
    for (need_id, slug) in needs {
        let p = project::by_slug(&ctx, &Actor::Visitor, slug)
            .await
            .expect("project");
        let n = need::get(&ctx.db, &p, *need_id).await.expect("need");
        loaded.push((p, n));
    }
    let loaded = &loaded;
    let (timings, found) = timed(loaded.len(), |i| async move {
        let (p, n) = &loaded[i];
        suggestion::for_need(db, p, n, now, SHOWN)
            .await
            .expect("need suggestions")
            .len()
    })
    .await;
    report("one need", "members", timings, found);
}
