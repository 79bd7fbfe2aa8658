//! A programme at scale, for benchmarks and for anyone reproducing them
//! (`relais seed --scale N`): one edition in five cities, 1,000 accounts,
//! N projects (a few private or archived) with their teams, stage history
//! and milestones, ten journal entries per project on average written over
//! two years, and the rest of a programme that has run that long — monthly
//! check-ins, meetups with answers and attendance, mentors and reviews, the
//! email outbox.
//!
//! The data is planned in memory from a fixed seed, so every run writes the
//! same rows, and written with multi-row INSERT statements in one
//! transaction, into a database that has no programme yet (the rows take
//! their ids from the plan).

use crate::email_message::EmailKind;
use crate::error::Result;
use crate::language::Language;
use crate::meetup;
use crate::meetup_rule::{DayOfWeek, Ordinal};
use crate::milestone::Status;
use crate::outbox::State;
use crate::project::TeamRole;
use crate::role::Role;
use crate::rsvp::Answer;
use crate::skill::Skill;
use crate::stage::Stage;
use crate::theme::Theme;
use chrono::{DateTime, Datelike, Duration as Span, NaiveDate, SecondsFormat, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, TransactionTrait,
};
use std::ops::RangeInclusive;

/// Accounts; every project's team is drawn from them.
pub const USERS: i32 = 1_000;
/// Projects, of which about 7% are private or archived.
pub const PROJECTS: i32 = 10_000;
/// Journal entries in all.
pub const UPDATES: usize = 100_000;
/// Milestones per project.
pub const MILESTONES_PER_PROJECT: i32 = 5;
/// Visible projects given a long journal (120 to 200 entries): the project
/// pages are measured on these, where the page has the most to show.
pub const BUSY_PROJECTS: usize = 250;
/// Rows per INSERT statement: large enough that seeding takes seconds,
/// small enough to stay far below SQLite's statement limits.
pub const BATCH_ROWS: usize = 500;
/// The random seed: every run measures the same data.
pub const SEED: u64 = 2018;
/// Accounts `1..=MENTORS` are mentors, each in one city.
pub const MENTORS: i32 = 50;
/// Every `ASSIGNED_EVERY`th project has a mentor.
const ASSIGNED_EVERY: i32 = 3;
/// Rows in the email outbox.
const EMAILS: i32 = 20_000;

// ---------------------------------------------------------------------------
// The data, planned in memory first so that every foreign key points at a
// row inserted before it, and timestamps agree with each other.
// ---------------------------------------------------------------------------

/// Everything to insert but the prose, which is written while inserting.
pub struct Plan {
    /// The moment the data is planned for: nothing happens after it.
    pub now: DateTime<Utc>,
    /// First day of the marathon the projects were born at.
    pub marathon: NaiveDate,
    pub projects: Vec<ProjectPlan>,
    /// Journal entries, oldest first, as they would have been written.
    pub updates: Vec<UpdatePlan>,
}

pub struct ProjectPlan {
    /// Its id.
    pub id: i32,
    /// Its title.
    pub title: String,
    /// Its URL name.
    pub slug: String,
    /// Its city.
    pub city_id: i32,
    /// Its stage.
    pub stage: Stage,
    /// Shown to everyone.
    pub is_public: bool,
    /// When a coordinator archived it.
    pub archived_at: Option<DateTime<Utc>>,
    /// When it was created, during the marathon.
    pub created_at: DateTime<Utc>,
    /// Its last activity.
    pub last_activity_at: DateTime<Utc>,
    /// Its last public journal entry.
    pub last_public_update_at: Option<DateTime<Utc>>,
    /// Account ids, the owner first.
    pub team: Vec<i32>,
    /// What an anonymous visitor sees of the journal.
    pub public_updates: usize,
}

impl ProjectPlan {
    /// Shown in the gallery and to anonymous visitors.
    pub fn is_visible(&self) -> bool {
        self.is_public && self.archived_at.is_none()
    }
}

pub struct UpdatePlan {
    /// The project written about.
    pub project_id: i32,
    /// Who wrote it.
    pub author_id: i32,
    /// The milestone it is about.
    pub milestone_id: Option<i32>,
    /// Shown to everyone.
    pub is_public: bool,
    /// When it was written.
    pub created_at: DateTime<Utc>,
}

const CITIES: [(&str, &str, &str); 5] = [
    ("paris", "Paris", "Europe/Paris"),
    ("marseille", "Marseille", "Europe/Paris"),
    ("nantes", "Nantes", "Europe/Paris"),
    ("liege", "Liège", "Europe/Brussels"),
    ("quebec", "Québec", "America/Toronto"),
];

/// Stages with their weight: most projects stall early.
const STAGES: [(Stage, u32); 7] = [
    (Stage::Idea, 15),
    (Stage::Prototype, 25),
    (Stage::Demo, 20),
    (Stage::Pilot, 12),
    (Stage::Launched, 10),
    (Stage::Paused, 12),
    (Stage::Abandoned, 6),
];

/// The path to each stage, for the stage history.
fn stage_path(stage: Stage) -> &'static [Stage] {
    use Stage::*;
    match stage {
        Idea => &[Idea],
        Prototype => &[Idea, Prototype],
        Demo => &[Idea, Prototype, Demo],
        Pilot => &[Idea, Prototype, Demo, Pilot],
        Launched => &[Idea, Prototype, Demo, Pilot, Launched],
        Paused => &[Idea, Prototype, Paused],
        Abandoned => &[Idea, Abandoned],
    }
}

const LICENCES: [&str; 8] = [
    "AGPL-3.0-or-later",
    "MIT",
    "GPL-3.0-or-later",
    "Apache-2.0",
    "EUPL-1.2",
    "CECILL-2.1",
    "CC-BY-SA-4.0",
    "etalab-2.0",
];

/// One in twelve titles starts with "Ecole", without its accent as people
/// often type it, so that searching "ecole" finds a few hundred projects.
const TITLE_HEADS: [&str; 12] = [
    "Carte",
    "Observatoire",
    "Boussole",
    "Plateforme",
    "Réseau",
    "Atlas",
    "Tableau de bord",
    "Assistant",
    "Annuaire",
    "Baromètre",
    "Ecole numérique",
    "Simulateur",
];

const TITLE_TAILS: [&str; 16] = [
    "des fontaines publiques",
    "du logement social",
    "de la qualité de l'air",
    "des budgets participatifs",
    "des cantines scolaires",
    "des pistes cyclables",
    "de l'aide alimentaire",
    "des élus locaux",
    "du tri sélectif",
    "des écoles du quartier",
    "des jardins partagés",
    "des marchés publics",
    "de l'accès aux droits",
    "des arbres de la ville",
    "des associations",
    "du bruit nocturne",
];

const PITCHES: [&str; 8] = [
    "Rendre visibles les données publiques que personne ne lit.",
    "Aider les habitants à se repérer dans les démarches locales.",
    "Donner aux associations un outil simple et libre.",
    "Mesurer ce qui change vraiment dans le quartier.",
    "Permettre à chacun de signaler un problème en deux minutes.",
    "Relier les élus, les agents et les habitants autour des mêmes chiffres.",
    "Ouvrir les décisions de la mairie à celles et ceux qu'elles concernent.",
    "Faire gagner du temps aux bénévoles sur le terrain.",
];

const SENTENCES: [&str; 14] = [
    "Le projet est né pendant la Nuit du Code Citoyen, d'un constat partagé par plusieurs habitants du quartier.",
    "Les données ouvertes de la ville existent, mais elles sont dispersées et difficiles à comprendre.",
    "Nous avons rencontré des agents municipaux et des associations pour comprendre leurs besoins réels.",
    "L'outil fonctionne sur téléphone et ne demande aucun compte pour consulter les informations.",
    "Une première version a été testée avec une trentaine de personnes, dont des élèves d'une école primaire.",
    "Le code est publié sous licence libre afin que d'autres villes puissent le réutiliser.",
    "Nous cherchons à mesurer l'impact du service au-delà du simple nombre de visites.",
    "La question de l'accessibilité est au cœur du projet depuis le premier jour.",
    "Les retours des utilisateurs nous ont conduits à simplifier fortement l'interface.",
    "Un partenariat avec la métropole est en discussion pour pérenniser le service.",
    "Les informations sont mises à jour chaque nuit à partir des sources officielles.",
    "Nous documentons chaque étape pour que le projet survive au départ de ses fondateurs.",
    "Le principal défi reste de toucher les personnes éloignées du numérique.",
    "Une carte interactive permet de comparer les quartiers entre eux.",
];

const NEWS: [&str; 12] = [
    "Nous avons mis en ligne une nouvelle version de la carte, plus rapide sur mobile.",
    "Réunion avec le service des espaces verts : ils sont prêts à partager leurs données.",
    "Atelier de test ce samedi à la médiathèque, **venez nombreux** !",
    "Le jalon est atteint : l'import automatique des données fonctionne enfin.",
    "Petite pause pendant les vacances, reprise des travaux à la rentrée.",
    "Nous avons corrigé les problèmes d'affichage signalés par plusieurs utilisateurs.",
    "Présentation du projet au conseil de quartier, accueil très positif.",
    "Nous cherchons une personne pour nous aider sur le design de l'application.",
    "- export en CSV\n- filtres par quartier\n- traduction en anglais",
    "Les premières statistiques d'usage sont encourageantes : 300 visites ce mois-ci.",
    "Nouvelle contributrice dans l'équipe, bienvenue à elle !",
    "Le dépôt de code a été déplacé et la documentation réécrite.",
];

const MILESTONE_TITLES: [&str; 8] = [
    "Premier prototype en ligne",
    "Test avec des habitants",
    "Ouverture des données",
    "Présentation à la mairie",
    "Version 1.0",
    "Traduction en anglais",
    "Recherche de financement",
    "Documentation pour les contributeurs",
];

const HELP_WANTED: &str =
    "Nous cherchons une personne pour le design et une autre pour tester sur le terrain.";

const FIRST_NAMES: [&str; 16] = [
    "Camille", "Léa", "Hugo", "Inès", "Louis", "Chloé", "Nathan", "Manon", "Yanis", "Sarah",
    "Théo", "Jade", "Mamadou", "Awa", "Lucas", "Zoé",
];

const LAST_NAMES: [&str; 16] = [
    "Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre",
    "Michel", "Garcia", "Diallo", "Nguyen", "Fontaine", "Tremblay", "Gagnon",
];

/// Plans the projects and their journals.
pub fn plan(rng: &mut StdRng, now: DateTime<Utc>) -> Plan {
    plan_sized(rng, now, PROJECTS)
}

/// Plans `projects` projects with ten journal entries each on average (the
/// proportions of `plan`, which is this at `PROJECTS`).
pub fn plan_sized(rng: &mut StdRng, now: DateTime<Utc>, projects: i32) -> Plan {
    // The marathon took place a little over two years ago; activity since
    // is spread over those two years.
    let marathon_start = now - Span::days(760);
    let updates_planned = UPDATES / PROJECTS as usize * projects.max(0) as usize;
    let mut projects: Vec<ProjectPlan> = (1..=projects)
        .map(|id| plan_project(rng, id, marathon_start, now))
        .collect();
    let counts = journal_lengths(rng, &projects, updates_planned);
    let mut updates = Vec::with_capacity(updates_planned);
    for (project, count) in projects.iter_mut().zip(counts) {
        plan_journal(rng, project, count, &mut updates);
    }
    // Entries arrive mixed across projects over time, so one project's
    // journal is scattered over the table as it would be in production.
    updates.sort_by_key(|u| u.created_at);
    Plan {
        now,
        marathon: marathon_start.date_naive(),
        projects,
        updates,
    }
}

fn plan_project(
    rng: &mut StdRng,
    id: i32,
    marathon_start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ProjectPlan {
    let created_at = marathon_start + Span::seconds(rng.gen_range(0..48 * 3600));
    let last_activity_at =
        created_at + Span::seconds(rng.gen_range(0..(now - created_at).num_seconds()));
    let archived = rng.gen_bool(0.02);
    let title = format!("{} {}", pick(rng, &TITLE_HEADS), pick(rng, &TITLE_TAILS));
    // Only 192 titles exist, so they repeat; the id keeps slugs unique.
    let slug = format!("{}-{id}", slugify(&title));
    let team_size = rng.gen_range(2..=3);
    ProjectPlan {
        id,
        slug,
        title,
        city_id: rng.gen_range(1..=CITIES.len() as i32),
        stage: weighted(rng, &STAGES),
        is_public: rng.gen_bool(0.95),
        archived_at: archived.then(|| Ord::min(last_activity_at + Span::days(90), now)),
        created_at,
        last_activity_at,
        last_public_update_at: None,
        // Spread teams over all accounts; the offsets keep them distinct.
        team: (0..team_size)
            .map(|k| (id * 7 + k * 331) % USERS + 1)
            .collect(),
        public_updates: 0,
    }
}

/// How many entries each project's journal gets: a few busy projects with
/// long journals, the rest sharing what is left at random.
fn journal_lengths(rng: &mut StdRng, projects: &[ProjectPlan], total: usize) -> Vec<usize> {
    let mut visible: Vec<usize> = (0..projects.len())
        .filter(|&i| projects[i].is_visible())
        .collect();
    visible.shuffle(rng);
    let mut counts = vec![0; projects.len()];
    // One busy project in forty, as 250 are among 10,000.
    let busy = Ord::min(BUSY_PROJECTS, projects.len() / 40);
    for &i in visible.iter().take(busy) {
        counts[i] = rng.gen_range(120..=200);
    }
    let others: Vec<usize> = (0..projects.len()).filter(|&i| counts[i] == 0).collect();
    let remaining = total.saturating_sub(counts.iter().sum::<usize>());
    for _ in 0..remaining {
        counts[others[rng.gen_range(0..others.len())]] += 1;
    }
    counts
}

fn plan_journal(
    rng: &mut StdRng,
    project: &mut ProjectPlan,
    count: usize,
    out: &mut Vec<UpdatePlan>,
) {
    let span = Ord::max(
        (project.last_activity_at - project.created_at).num_seconds(),
        1,
    );
    for n in 0..count {
        // The newest entry is what last made the project active.
        let created_at = if n == 0 {
            project.last_activity_at
        } else {
            project.created_at + Span::seconds(rng.gen_range(0..span))
        };
        let is_public = rng.gen_bool(0.9);
        if is_public {
            project.public_updates += 1;
            project.last_public_update_at =
                Ord::max(project.last_public_update_at, Some(created_at));
        }
        let milestone = rng
            .gen_bool(0.3)
            .then(|| rng.gen_range(0..MILESTONES_PER_PROJECT));
        out.push(UpdatePlan {
            project_id: project.id,
            author_id: project.team[rng.gen_range(0..project.team.len())],
            milestone_id: milestone.map(|k| milestone_id(project.id, k)),
            is_public,
            created_at,
        });
    }
}

/// Milestone ids are chosen, not generated, so entries can refer to them.
fn milestone_id(project_id: i32, position: i32) -> i32 {
    (project_id - 1) * MILESTONES_PER_PROJECT + position + 1
}

fn pick<'a>(rng: &mut StdRng, items: &[&'a str]) -> &'a str {
    items[rng.gen_range(0..items.len())]
}

fn weighted<T: Copy>(rng: &mut StdRng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.gen_range(0..total);
    for &(item, weight) in items {
        if roll < weight {
            return item;
        }
        roll -= weight;
    }
    items[0].0
}

/// A paragraph of `sentences` sentences (a count drawn from the range)
/// picked from `pool`.
fn prose(rng: &mut StdRng, pool: &[&str], sentences: RangeInclusive<usize>) -> String {
    let count = rng.gen_range(sentences);
    (0..count)
        .map(|_| pick(rng, pool))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A URL name in the application's style, good enough for generated titles.
fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        let plain = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if plain != '-' || !slug.ends_with('-') {
            slug.push(plain);
        }
    }
    slug.trim_matches('-').to_owned()
}

pub fn whole_second(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(at.timestamp(), 0).expect("a representable time")
}

/// Plans `projects` projects for `now` from the fixed seed and writes them
/// into `conn`, whose programme tables must be empty; returns the plan and
/// the rows written per table.
pub async fn seed_sized(
    conn: &DatabaseConnection,
    now: DateTime<Utc>,
    projects: i32,
) -> Result<(Plan, Vec<(&'static str, usize)>)> {
    let plan = plan_sized(&mut StdRng::seed_from_u64(SEED), now, projects);
    let counts = seed(conn, &plan, &mut StdRng::seed_from_u64(SEED + 1)).await?;
    Ok((plan, counts))
}

// ---------------------------------------------------------------------------
// Writing the plan: multi-row INSERT statements in one transaction, which
// takes seconds where inserting row by row would take minutes.
// ---------------------------------------------------------------------------

/// A value written as an SQL literal. Timestamps and dates take the text
/// form sea-orm gives them on SQLite (RFC 3339 with `+00:00`, `YYYY-MM-DD`),
/// so that they sort and parse like rows the application writes.
pub trait Literal {
    /// The value as SQL text.
    fn sql(&self) -> String;
}

impl Literal for &str {
    fn sql(&self) -> String {
        format!("'{}'", self.replace('\'', "''"))
    }
}

impl Literal for String {
    fn sql(&self) -> String {
        self.as_str().sql()
    }
}

impl Literal for i32 {
    fn sql(&self) -> String {
        self.to_string()
    }
}

impl Literal for bool {
    fn sql(&self) -> String {
        (if *self { "TRUE" } else { "FALSE" }).to_owned()
    }
}

impl Literal for DateTime<Utc> {
    fn sql(&self) -> String {
        format!("'{}'", self.to_rfc3339_opts(SecondsFormat::AutoSi, false))
    }
}

impl Literal for NaiveDate {
    fn sql(&self) -> String {
        format!("'{}'", self.format("%Y-%m-%d"))
    }
}

impl<T: Literal> Literal for Option<T> {
    fn sql(&self) -> String {
        self.as_ref()
            .map_or_else(|| "NULL".to_owned(), Literal::sql)
    }
}

/// One parenthesised row of values.
pub fn row(values: &[&dyn Literal]) -> String {
    let values: Vec<String> = values.iter().map(|v| v.sql()).collect();
    format!("({})", values.join(", "))
}

/// Rows for one table, sent `BATCH_ROWS` at a time.
pub struct Batch<'t> {
    txn: &'t DatabaseTransaction,
    head: String,
    rows: Vec<String>,
    written: usize,
}

impl<'t> Batch<'t> {
    /// Rows for `columns` of `table`, written in `txn`.
    pub fn new(txn: &'t DatabaseTransaction, table: &str, columns: &str) -> Self {
        Batch {
            txn,
            head: format!("INSERT INTO {table} ({columns}) VALUES "),
            rows: Vec::with_capacity(BATCH_ROWS),
            written: 0,
        }
    }

    /// Adds a row (from `row`), sending a statement when the batch is full.
    pub async fn push(&mut self, row: String) -> Result<()> {
        self.rows.push(row);
        if self.rows.len() >= BATCH_ROWS {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let sql = format!("{}{}", self.head, self.rows.join(", "));
        self.txn.execute_unprepared(&sql).await?;
        self.written += self.rows.len();
        self.rows.clear();
        Ok(())
    }

    /// Sends what is left; returns how many rows were written.
    pub async fn finish(mut self) -> Result<usize> {
        self.flush().await?;
        Ok(self.written)
    }
}

/// Writes `plan` into `conn` in one transaction; returns the rows written
/// per table.
pub async fn seed(
    conn: &DatabaseConnection,
    plan: &Plan,
    rng: &mut StdRng,
) -> Result<Vec<(&'static str, usize)>> {
    let txn = conn.begin().await?;
    let counts = vec![
        ("cities", insert_places(&txn, plan).await?),
        ("users", insert_users(&txn, plan, rng).await?),
        ("projects", insert_projects(&txn, plan, rng).await?),
        ("project_stages", insert_stage_history(&txn, plan).await?),
        ("project_members", insert_teams(&txn, plan).await?),
        ("milestones", insert_milestones(&txn, plan, rng).await?),
        ("project_updates", insert_journal(&txn, plan, rng).await?),
        ("check_ins", insert_check_ins(&txn, plan, rng).await?),
        ("meetup_occurrences", insert_meetups(&txn, plan).await?),
        ("rsvps", insert_rsvps(&txn, plan, rng).await?),
        ("mentor_assignments", insert_assignments(&txn, plan).await?),
        ("reviews", insert_reviews(&txn, plan, rng).await?),
        ("email_outbox", insert_outbox(&txn, plan, rng).await?),
        // Last, so that the rows above stay what they were before explainers.
        ("explainers", insert_explainers(&txn, plan, rng).await?),
    ];
    txn.commit().await?;
    if conn.get_database_backend() == DbBackend::Postgres {
        // Rows were given their ids: the sequences start after them, so
        // that rows the application adds next do not collide.
        conn.execute_unprepared(
            "DO $$ DECLARE r record; BEGIN \
             FOR r IN SELECT table_name, column_name FROM information_schema.columns \
             WHERE table_schema = current_schema() \
             AND (column_default LIKE 'nextval%' OR is_identity = 'YES') LOOP \
             EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), \
             COALESCE((SELECT MAX(%I) FROM %I), 0) + 1, false)', \
             r.table_name, r.column_name, r.column_name, r.table_name); \
             END LOOP; END $$",
        )
        .await?;
    }
    Ok(counts)
}

/// The edition and its cities.
async fn insert_places(txn: &DatabaseTransaction, plan: &Plan) -> Result<usize> {
    let created_at = whole_second(plan.now) - Span::days(800);
    let mut editions = Batch::new(
        txn,
        "editions",
        "id, slug, name, starts_on, ends_on, created_at",
    );
    let ends_on = plan.marathon + Span::days(1);
    editions
        .push(row(&[
            &1,
            &"2024",
            &"Nuit du Code Citoyen 2024",
            &plan.marathon,
            &ends_on,
            &created_at,
        ]))
        .await?;
    editions.finish().await?;
    let mut cities = Batch::new(txn, "cities", "id, slug, name, time_zone, created_at");
    let mut links = Batch::new(txn, "edition_cities", "edition_id, city_id");
    for (id, (slug, name, zone)) in (1..).zip(CITIES) {
        cities
            .push(row(&[&id, &slug, &name, &zone, &created_at]))
            .await?;
    }
    let written = cities.finish().await?;
    for id in 1..=CITIES.len() as i32 {
        links.push(row(&[&1, &id])).await?;
    }
    links.finish().await?;
    Ok(written)
}

/// Accounts that cannot log in (no password): they only need to exist.
async fn insert_users(txn: &DatabaseTransaction, plan: &Plan, rng: &mut StdRng) -> Result<usize> {
    let created_at = whole_second(plan.now) - Span::days(790);
    let mut users = Batch::new(
        txn,
        "users",
        "id, email, email_key, name, password_hash, language, time_zone, city_id, skills, bio, is_active, \
         created_at, updated_at",
    );
    // The skills column of each kind of member, as their profiles write it.
    let skill_sets = [
        Skill::join(&[Skill::Developer]),
        Skill::join(&[Skill::Designer]),
        Skill::join(&[Skill::Developer, Skill::Designer]),
        Skill::join(&[Skill::Institution]),
        Skill::join(&[]),
    ];
    let skill_sets: Vec<&str> = skill_sets.iter().map(String::as_str).collect();
    for id in 1..=USERS {
        let email = format!("personne{id}@relais.example");
        let name = format!("{} {}", pick(rng, &FIRST_NAMES), pick(rng, &LAST_NAMES));
        let city_id = rng.gen_range(1..=CITIES.len() as i32);
        let skills = pick(rng, &skill_sets);
        let bio = prose(rng, &PITCHES, 1..=1);
        let no_password: Option<String> = None;
        let no_zone: Option<String> = None;
        users
            .push(row(&[
                &id,
                &email,
                &email,
                &name,
                &no_password,
                &Language::Fr.code(),
                &no_zone,
                &Some(city_id),
                &skills,
                &bio,
                &true,
                &created_at,
                &created_at,
            ]))
            .await?;
    }
    users.finish().await
}

async fn insert_projects(
    txn: &DatabaseTransaction,
    plan: &Plan,
    rng: &mut StdRng,
) -> Result<usize> {
    let mut projects = Batch::new(
        txn,
        "projects",
        "id, slug, title, pitch, description, themes, technical_challenge, licence, repository_url, demo_url, \
         edition_id, city_id, stage, is_public, looking_for_help, \
         help_wanted, archived_at, last_activity_at, last_public_update_at, created_at, updated_at",
    );
    for p in &plan.projects {
        let description = prose(rng, &SENTENCES, 3..=5);
        let challenge = prose(rng, &SENTENCES, 1..=1);
        let themes = themes(rng);
        let licence = pick(rng, &LICENCES);
        let repository = rng
            .gen_bool(0.7)
            .then(|| format!("https://forge.example.org/relais/{}", p.slug));
        let demo = rng
            .gen_bool(0.4)
            .then(|| format!("https://{}.example.org/", p.slug));
        let looking_for_help = rng.gen_bool(0.3);
        let help_wanted = if looking_for_help { HELP_WANTED } else { "" };
        projects
            .push(row(&[
                &p.id,
                &p.slug,
                &p.title,
                &pick(rng, &PITCHES),
                &description,
                &themes,
                &challenge,
                &licence,
                &repository,
                &demo,
                &1,
                &p.city_id,
                &p.stage.code(),
                &p.is_public,
                &looking_for_help,
                &help_wanted,
                &p.archived_at,
                &p.last_activity_at,
                &p.last_public_update_at,
                &p.created_at,
                &p.last_activity_at,
            ]))
            .await?;
    }
    projects.finish().await
}

/// One or two themes, in the stored `,a,b,` form the gallery filter matches.
fn themes(rng: &mut StdRng) -> String {
    let first = rng.gen_range(0..Theme::ALL.len());
    let mut chosen = vec![first];
    if rng.gen_bool(0.4) {
        chosen.push((first + rng.gen_range(1..Theme::ALL.len())) % Theme::ALL.len());
    }
    chosen.sort_unstable();
    let codes: Vec<&str> = chosen.iter().map(|&i| Theme::ALL[i].code()).collect();
    format!(",{},", codes.join(","))
}

/// Each stage on the way to the current one, a few weeks apart.
async fn insert_stage_history(txn: &DatabaseTransaction, plan: &Plan) -> Result<usize> {
    let mut stages = Batch::new(txn, "project_stages", "project_id, stage, reached_at");
    for p in &plan.projects {
        for (weeks, stage) in (0..).zip(stage_path(p.stage)) {
            let reached_at = Ord::min(p.created_at + Span::weeks(weeks * 6), p.last_activity_at);
            stages
                .push(row(&[&p.id, &stage.code(), &reached_at]))
                .await?;
        }
    }
    stages.finish().await
}

async fn insert_teams(txn: &DatabaseTransaction, plan: &Plan) -> Result<usize> {
    let mut members = Batch::new(
        txn,
        "project_members",
        "project_id, user_id, role, joined_at",
    );
    for p in &plan.projects {
        for (n, user_id) in p.team.iter().enumerate() {
            let role = if n == 0 {
                TeamRole::Owner
            } else {
                TeamRole::Member
            };
            members
                .push(row(&[&p.id, user_id, &role.code(), &p.created_at]))
                .await?;
        }
    }
    members.finish().await
}

/// Milestones every three months after the marathon; the early ones are
/// mostly done, the later ones mostly planned.
async fn insert_milestones(
    txn: &DatabaseTransaction,
    plan: &Plan,
    rng: &mut StdRng,
) -> Result<usize> {
    let mut milestones = Batch::new(
        txn,
        "milestones",
        "id, project_id, title, description, due_on, status, done_on, position, weight, created_at, updated_at",
    );
    for p in &plan.projects {
        for position in 0..MILESTONES_PER_PROJECT {
            let due_on = plan.marathon + Span::days(i64::from(position + 1) * 90);
            let status = match (position, rng.gen_range(0..10)) {
                (0..=1, 0..=6) | (2, 0..=3) => Status::Done,
                (_, 0) => Status::Dropped,
                (0..=2, _) => Status::InProgress,
                _ => Status::Planned,
            };
            let done_on =
                (status == Status::Done).then(|| due_on - Span::days(rng.gen_range(0..30)));
            let title = pick(rng, &MILESTONE_TITLES);
            milestones
                .push(row(&[
                    &milestone_id(p.id, position),
                    &p.id,
                    &title,
                    &prose(rng, &SENTENCES, 1..=1),
                    &due_on,
                    &status.code(),
                    &done_on,
                    &(position + 1),
                    &rng.gen_range(1..=5),
                    &p.created_at,
                    &p.created_at,
                ]))
                .await?;
        }
    }
    let written = milestones.finish().await?;
    crate::milestone::refresh_facts(txn, crate::check_in::Projects::All).await?;
    Ok(written)
}

async fn insert_journal(txn: &DatabaseTransaction, plan: &Plan, rng: &mut StdRng) -> Result<usize> {
    let mut updates = Batch::new(
        txn,
        "project_updates",
        "project_id, author_id, body, milestone_id, is_public, created_at, edited_at",
    );
    for u in &plan.updates {
        let body = prose(rng, &NEWS, 1..=3);
        let never_edited: Option<DateTime<Utc>> = None;
        updates
            .push(row(&[
                &u.project_id,
                &Some(u.author_id),
                &body,
                &u.milestone_id,
                &u.is_public,
                &u.created_at,
                &never_edited,
            ]))
            .await?;
    }
    updates.finish().await
}

// ---------------------------------------------------------------------------

/// The first day of each month from the one after the marathon to `now`'s.
fn months_since_marathon(plan: &Plan) -> Vec<NaiveDate> {
    let mut month = plan
        .marathon
        .with_day(1)
        .expect("a first day")
        .checked_add_months(chrono::Months::new(1))
        .expect("a month later");
    let mut months = Vec::new();
    while month <= plan.now.date_naive() {
        months.push(month);
        month = month
            .checked_add_months(chrono::Months::new(1))
            .expect("a month later");
    }
    months
}

/// A monthly check-in for every live project, about two in five answered
/// within the week.
async fn insert_check_ins(
    txn: &DatabaseTransaction,
    plan: &Plan,
    rng: &mut StdRng,
) -> Result<usize> {
    let mut check_ins = Batch::new(
        txn,
        "check_ins",
        "project_id, month, token_hash, sent_at, answered_at",
    );
    let months = months_since_marathon(plan);
    for p in &plan.projects {
        for month in &months {
            let sent_at = month.and_hms_opt(8, 0, 0).expect("a time").and_utc();
            if sent_at > plan.now || p.archived_at.is_some_and(|a| a < sent_at) {
                continue;
            }
            let answered_at = rng
                .gen_bool(0.4)
                .then(|| sent_at + Span::hours(rng.gen_range(1..7 * 24)))
                .filter(|a| *a < plan.now);
            let code = month.format("%Y-%m").to_string();
            check_ins
                .push(row(&[
                    &p.id,
                    &code,
                    &format!("bench-{}-{code}", p.id),
                    &sent_at,
                    &answered_at,
                ]))
                .await?;
        }
    }
    let written = check_ins.finish().await?;
    crate::check_in::refresh_skipped(txn, crate::check_in::Projects::All).await?;
    // Milestones, entries and check-ins are all written by now.
    crate::figures::project_months::rebuild(txn, crate::check_in::Projects::All).await?;
    Ok(written)
}

/// Each city's monthly meetup since the marathon, and two to come.
async fn insert_meetups(txn: &DatabaseTransaction, plan: &Plan) -> Result<usize> {
    let created_at = whole_second(plan.now) - Span::days(780);
    let mut series = Batch::new(
        txn,
        "meetup_series",
        "id, city_id, title, description, ordinal, weekday, start_time, duration_minutes, time_zone, \
         place_address, online_url, audiences, capacity, active, created_by, created_at, updated_at",
    );
    for (id, (_, name, zone)) in (1..).zip(CITIES) {
        let no_url: Option<String> = None;
        let nobody: Option<i32> = None;
        series
            .push(row(&[
                &id,
                &id,
                &format!("Rencontre mensuelle de {name}"),
                &"Développeurs, designers, institutions et entrepreneurs.",
                &Ordinal::Second.code(),
                &DayOfWeek::Thursday.code(),
                &"19:00",
                &120,
                &zone,
                &"Tiers-lieu du centre",
                &no_url,
                &"developer,designer,institution,entrepreneur",
                &60,
                &true,
                &nobody,
                &created_at,
                &created_at,
            ]))
            .await?;
    }
    series.finish().await?;
    let mut occurrences = Batch::new(
        txn,
        "meetup_occurrences",
        "id, series_id, city_id, rule_date, title, description, starts_at, ends_at, place_address, \
         online_url, capacity, status, manual, minutes, sequence, created_at, updated_at",
    );
    for (id, month, city) in meetup_slots(plan) {
        let day = month.with_day(10).expect("the 10th");
        let starts_at = day.and_hms_opt(17, 0, 0).expect("a time").and_utc();
        let no_url: Option<String> = None;
        occurrences
            .push(row(&[
                &id,
                &city,
                &city,
                &Some(day),
                &"Rencontre mensuelle",
                &"",
                &starts_at,
                &(starts_at + Span::hours(2)),
                &"Tiers-lieu du centre",
                &no_url,
                &60,
                &meetup::Status::Scheduled.code(),
                &false,
                &"",
                &0,
                &created_at,
                &created_at,
            ]))
            .await?;
    }
    occurrences.finish().await
}

/// (occurrence id, month, city) of every planned meetup.
fn meetup_slots(plan: &Plan) -> Vec<(i32, NaiveDate, i32)> {
    let mut months = months_since_marathon(plan);
    for _ in 0..2 {
        if let Some(last) = months.last().copied() {
            months.push(
                last.checked_add_months(chrono::Months::new(1))
                    .expect("a month later"),
            );
        }
    }
    let mut slots = Vec::new();
    for city in 1..=CITIES.len() as i32 {
        for month in &months {
            slots.push((slots.len() as i32 + 1, *month, city));
        }
    }
    slots
}

/// About thirty answers per meetup; past meetups have their attendance.
async fn insert_rsvps(txn: &DatabaseTransaction, plan: &Plan, rng: &mut StdRng) -> Result<usize> {
    let mut rsvps = Batch::new(
        txn,
        "rsvps",
        "occurrence_id, user_id, answer, waitlisted, attended, answered_at, updated_at",
    );
    for (id, month, _) in meetup_slots(plan) {
        let starts_at = month
            .with_day(10)
            .expect("the 10th")
            .and_hms_opt(17, 0, 0)
            .expect("a time")
            .and_utc();
        let answered_at = Ord::min(starts_at - Span::days(7), plan.now);
        let mut people: Vec<i32> = (1..=USERS).collect();
        people.shuffle(rng);
        for user_id in people.into_iter().take(rng.gen_range(20..=40)) {
            let answer = weighted(
                rng,
                &[(Answer::Yes, 6), (Answer::Maybe, 2), (Answer::No, 2)],
            );
            let attended =
                (starts_at < plan.now && answer != Answer::No).then(|| rng.gen_bool(0.7));
            rsvps
                .push(row(&[
                    &id,
                    &user_id,
                    &answer.code(),
                    &false,
                    &attended,
                    &answered_at,
                    &answered_at,
                ]))
                .await?;
        }
    }
    rsvps.finish().await
}

/// The mentor of a followed project: one of its city's mentors.
fn mentor_of(p: &ProjectPlan) -> i32 {
    let per_city = MENTORS / CITIES.len() as i32;
    (p.city_id - 1) * per_city + p.id % per_city + 1
}

/// Mentor grants, and a mentor for every third project a month after the
/// marathon.
async fn insert_assignments(txn: &DatabaseTransaction, plan: &Plan) -> Result<usize> {
    let mut roles = Batch::new(txn, "user_roles", "user_id, role, city_id, created_at");
    let per_city = MENTORS / CITIES.len() as i32;
    for mentor in 1..=MENTORS {
        let city = (mentor - 1) / per_city + 1;
        roles
            .push(row(&[
                &mentor,
                &Role::Mentor.code(),
                &Some(city),
                &plan.now,
            ]))
            .await?;
    }
    roles.finish().await?;
    let mut assignments = Batch::new(
        txn,
        "mentor_assignments",
        "id, project_id, mentor_id, assigned_by, started_at, ended_at",
    );
    for p in plan.projects.iter().filter(|p| p.id % ASSIGNED_EVERY == 0) {
        let nobody: Option<i32> = None;
        let ongoing: Option<DateTime<Utc>> = None;
        assignments
            .push(row(&[
                &(p.id / ASSIGNED_EVERY),
                &p.id,
                &mentor_of(p),
                &nobody,
                &(p.created_at + Span::days(30)),
                &ongoing,
            ]))
            .await?;
    }
    assignments.finish().await
}

/// Reviews every six to ten weeks while the mentor keeps up.
async fn insert_reviews(txn: &DatabaseTransaction, plan: &Plan, rng: &mut StdRng) -> Result<usize> {
    let mut reviews = Batch::new(
        txn,
        "reviews",
        "project_id, mentor_id, assignment_id, impact, impact_comment, progress, progress_comment, \
         openness, openness_comment, team_health, team_health_comment, strengths, recommendations, \
         created_at, edited_at, acknowledged_at, response, responded_at, responded_by",
    );
    for p in plan.projects.iter().filter(|p| p.id % ASSIGNED_EVERY == 0) {
        let mut at = p.created_at + Span::days(30);
        for _ in 0..rng.gen_range(0..=8) {
            at += Span::days(rng.gen_range(42..=70));
            if at >= plan.now {
                break;
            }
            let scores: Vec<i32> = (0..4).map(|_| rng.gen_range(1..=5)).collect();
            let never: Option<DateTime<Utc>> = None;
            let nobody: Option<i32> = None;
            reviews
                .push(row(&[
                    &p.id,
                    &Some(mentor_of(p)),
                    &Some(p.id / ASSIGNED_EVERY),
                    &scores[0],
                    &"",
                    &scores[1],
                    &"",
                    &scores[2],
                    &"",
                    &scores[3],
                    &"",
                    &prose(rng, &SENTENCES, 1..=1),
                    &prose(rng, &SENTENCES, 1..=1),
                    &at,
                    &never,
                    &never,
                    &"",
                    &never,
                    &nobody,
                ]))
                .await?;
        }
    }
    reviews.finish().await
}

/// Two years of emails: nearly all sent, a few failed or waiting.
/// An explainer video for a third of the projects (two for some), a
/// transcript of a few sentences each, a quarter of them reviewed.
async fn insert_explainers(
    txn: &DatabaseTransaction,
    plan: &Plan,
    rng: &mut StdRng,
) -> Result<usize> {
    let mut explainers = Batch::new(
        txn,
        "explainers",
        "project_id, title, video_url, language, duration_seconds, transcript, captions_url, \
         reviewed_at, reviewed_by, created_at, updated_at",
    );
    for p in &plan.projects {
        if !rng.gen_bool(0.33) {
            continue;
        }
        let count = if rng.gen_bool(0.1) { 2 } else { 1 };
        for n in 1..=count {
            let created_at = p.created_at + Span::days(rng.gen_range(1..300));
            let created_at = Ord::min(created_at, plan.now);
            let video = format!("https://framatube.org/w/{}{n}", p.slug);
            let reviewed_at = rng.gen_bool(0.25).then_some(created_at);
            let reviewer = reviewed_at.map(|_| 1);
            explainers
                .push(row(&[
                    &p.id,
                    &format!("{} expliqué à ma grand-mère", p.title),
                    &Some(video),
                    &Language::Fr.code(),
                    &Some(rng.gen_range(60..300)),
                    &prose(rng, &SENTENCES, 4..=8),
                    &None::<String>,
                    &reviewed_at,
                    &reviewer,
                    &created_at,
                    &created_at,
                ]))
                .await?;
        }
    }
    explainers.finish().await
}

async fn insert_outbox(txn: &DatabaseTransaction, plan: &Plan, rng: &mut StdRng) -> Result<usize> {
    let mut emails = Batch::new(
        txn,
        "email_outbox",
        "idempotency_key, kind, recipient_email, recipient_user_id, language, payload, state, attempts, \
         next_attempt_at, created_at, sent_at",
    );
    let span = (plan.now
        - plan
            .marathon
            .and_hms_opt(0, 0, 0)
            .expect("a time")
            .and_utc())
    .num_seconds();
    // Two emails per project, as 20,000 are for 10,000.
    let count = EMAILS / PROJECTS * plan.projects.len() as i32;
    for n in 0..count {
        let user = rng.gen_range(1..=USERS);
        let created_at = plan.now - Span::seconds(rng.gen_range(0..span));
        let state = weighted(
            rng,
            &[(State::Sent, 95), (State::Failed, 2), (State::Pending, 3)],
        );
        let sent_at = (state == State::Sent).then(|| created_at + Span::seconds(5));
        emails
            .push(row(&[
                &format!("bench:{n}"),
                &EmailKind::Digest.code(),
                &format!("personne{user}@relais.example"),
                &Some(user),
                &Language::Fr.code(),
                &"{}",
                &state.code(),
                &1,
                &created_at,
                &created_at,
                &sent_at,
            ]))
            .await?;
    }
    emails.finish().await
}
