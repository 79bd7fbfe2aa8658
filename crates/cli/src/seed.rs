//! `relais seed --demo`: the 2018 edition in five francophone cities, with
//! a coordinator per city, mentors and members, all sharing one documented
//! password. Refuses a database that already has accounts.

use anyhow::{Context as _, bail};
use relais_domain::account::{self, NewAccount, ProfileInput};
use relais_domain::entities as rows;
use relais_domain::explainer::{self, ExplainerInput};
use relais_domain::help_kind::HelpKind;
use relais_domain::journal::{self, EntryInput};
use relais_domain::milestone::{self, MilestoneInput, Status};
use relais_domain::project::{self, ProjectInput};
use relais_domain::sea_orm::sea_query::{Expr, Func};
use relais_domain::sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use relais_domain::skill::Skill;
use relais_domain::stage::Stage;
use relais_domain::theme::Theme;
use relais_domain::webvtt::Captions;
use relais_domain::{Context, Language, Role, city, edition};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "relais-demo-2018";

/// A demo log-in, printed at the end of the seed.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    /// Address to log in with.
    pub email: String,
    /// Who it is.
    pub description: String,
}

struct Person {
    email: &'static str,
    name: &'static str,
    role: Role,
    city: Option<&'static str>,
    skills: &'static [Skill],
    bio: &'static str,
    language: Language,
}

const CITIES: [(&str, &str, &str); 5] = [
    ("paris", "Paris", "Europe/Paris"),
    ("lyon", "Lyon", "Europe/Paris"),
    ("bruxelles", "Bruxelles", "Europe/Brussels"),
    ("montreal", "Montréal", "America/Montreal"),
    ("dakar", "Dakar", "Africa/Dakar"),
];

const PEOPLE: &[Person] = &[
    Person {
        email: "coordination@relais.demo",
        name: "Claire Dubois",
        role: Role::Coordinator,
        city: None,
        skills: &[Skill::Institution],
        bio: "Coordonne le programme pour toutes les villes.",
        language: Language::Fr,
    },
    Person {
        email: "paris@relais.demo",
        name: "Julien Moreau",
        role: Role::Coordinator,
        city: Some("paris"),
        skills: &[Skill::Developer],
        bio: "Coordonne Paris.",
        language: Language::Fr,
    },
    Person {
        email: "lyon@relais.demo",
        name: "Sophie Bernard",
        role: Role::Coordinator,
        city: Some("lyon"),
        skills: &[Skill::Designer],
        bio: "Coordonne Lyon.",
        language: Language::Fr,
    },
    Person {
        email: "bruxelles@relais.demo",
        name: "Thomas Peeters",
        role: Role::Coordinator,
        city: Some("bruxelles"),
        skills: &[Skill::Entrepreneur],
        bio: "Coordonne Bruxelles.",
        language: Language::Fr,
    },
    Person {
        email: "montreal@relais.demo",
        name: "Émilie Tremblay",
        role: Role::Coordinator,
        city: Some("montreal"),
        skills: &[Skill::Developer, Skill::Designer],
        bio: "Coordonne Montréal.",
        language: Language::Fr,
    },
    Person {
        email: "dakar@relais.demo",
        name: "Awa Ndiaye",
        role: Role::Coordinator,
        city: Some("dakar"),
        skills: &[Skill::Institution, Skill::Developer],
        bio: "Coordonne Dakar.",
        language: Language::Fr,
    },
    Person {
        email: "mentor.data@relais.demo",
        name: "Karim Benali",
        role: Role::Mentor,
        city: Some("paris"),
        skills: &[Skill::Developer],
        bio: "Données ouvertes et cartographie.",
        language: Language::Fr,
    },
    Person {
        email: "mentor.design@relais.demo",
        name: "Léa Rousseau",
        role: Role::Mentor,
        city: Some("lyon"),
        skills: &[Skill::Designer],
        bio: "Design de services publics.",
        language: Language::Fr,
    },
    Person {
        email: "mentor.funding@relais.demo",
        name: "Moussa Diop",
        role: Role::Mentor,
        city: Some("dakar"),
        skills: &[Skill::Entrepreneur],
        bio: "Financement et modèles économiques.",
        language: Language::Fr,
    },
    Person {
        email: "mentor.law@relais.demo",
        name: "Nathalie Gagnon",
        role: Role::Mentor,
        city: Some("montreal"),
        skills: &[Skill::Institution],
        bio: "Droit du numérique et marchés publics.",
        language: Language::En,
    },
    Person {
        email: "alice@relais.demo",
        name: "Alice Martin",
        role: Role::Member,
        city: Some("paris"),
        skills: &[Skill::Developer],
        bio: "Développeuse Rust et Python.",
        language: Language::Fr,
    },
    Person {
        email: "bastien@relais.demo",
        name: "Bastien Leroy",
        role: Role::Member,
        city: Some("paris"),
        skills: &[Skill::Designer],
        bio: "Designer d'interfaces.",
        language: Language::Fr,
    },
    Person {
        email: "chloe@relais.demo",
        name: "Chloé Girard",
        role: Role::Member,
        city: Some("lyon"),
        skills: &[Skill::Developer, Skill::Other],
        bio: "Étudiante en géomatique.",
        language: Language::Fr,
    },
    Person {
        email: "david@relais.demo",
        name: "David Janssens",
        role: Role::Member,
        city: Some("bruxelles"),
        skills: &[Skill::Institution],
        bio: "Agent de la Région bruxelloise.",
        language: Language::Fr,
    },
    Person {
        email: "fatou@relais.demo",
        name: "Fatou Sarr",
        role: Role::Member,
        city: Some("dakar"),
        skills: &[Skill::Developer],
        bio: "Développeuse mobile.",
        language: Language::Fr,
    },
    Person {
        email: "gabriel@relais.demo",
        name: "Gabriel Côté",
        role: Role::Member,
        city: Some("montreal"),
        skills: &[Skill::Entrepreneur],
        bio: "Fondateur d'une coopérative.",
        language: Language::En,
    },
];

/// Seeds the demo data; returns the log-ins to print.
pub async fn demo(ctx: &Context) -> anyhow::Result<Vec<DemoLogin>> {
    if account::count(&ctx.db).await? > 0 {
        bail!("the database already has accounts: the demo seed only fills an empty database");
    }
    let mut logins = Vec::new();
    // The programme coordinator comes first: the editions and cities are
    // created in their name, through the same rules as in the interface.
    let first = &PEOPLE[0];
    let (coordinator_id, _) = account::create_account(ctx, new_account(first))
        .await
        .context("demo coordinator")?;
    let coordinator = account::load(&ctx.db, coordinator_id)
        .await?
        .context("demo coordinator vanished")?
        .actor();
    let edition = edition::create(
        ctx,
        &coordinator,
        "2018",
        "La Nuit du Code Citoyen 2018",
        "2018-03-09",
        "2018-03-10",
    )
    .await
    .context("demo edition")?;
    for (slug, name, zone) in CITIES {
        city::create(ctx, &coordinator, slug, name, zone, Some(edition.id))
            .await
            .with_context(|| format!("demo city {slug}"))?;
    }
    for (i, person) in PEOPLE.iter().enumerate() {
        let user_id = if i == 0 {
            coordinator_id
        } else {
            account::create_account(ctx, new_account(person))
                .await
                .with_context(|| format!("demo account {}", person.email))?
                .0
        };
        let me = account::load(&ctx.db, user_id)
            .await?
            .context("demo account vanished")?;
        account::update_profile(
            ctx,
            &me.actor(),
            user_id,
            ProfileInput {
                name: person.name.to_owned(),
                language: person.language.code().to_owned(),
                time_zone: String::new(),
                city_id: me.city_id.map(|c| c.to_string()).unwrap_or_default(),
                skills: person.skills.iter().map(|s| s.code().to_owned()).collect(),
                bio: person.bio.to_owned(),
            },
        )
        .await
        .with_context(|| format!("demo profile {}", person.email))?;
        logins.push(DemoLogin {
            email: person.email.to_owned(),
            description: format!(
                "{} — {}{}",
                person.name,
                person.role.code(),
                person
                    .city
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_else(|| " (whole programme)".to_owned())
            ),
        });
    }
    projects(ctx, &coordinator, edition.id)
        .await
        .context("demo projects")?;
    mentoring(ctx, &coordinator)
        .await
        .context("demo mentoring")?;
    meetups(ctx, &coordinator).await.context("demo meetups")?;
    relation(ctx).await.context("demo introductions")?;
    // The demo dates its entries and milestones back by hand: their months
    // are counted again from the rows.
    relais_domain::figures::project_months::rebuild(
        &ctx.db,
        relais_domain::check_in::Projects::All,
    )
    .await
    .context("demo months")?;
    Ok(logins)
}

struct DemoProject {
    title: &'static str,
    pitch: &'static str,
    city: &'static str,
    owner: &'static str,
    teammate: Option<&'static str>,
    themes: &'static [Theme],
    licence: &'static str,
    stage: Stage,
    public: bool,
    /// A need: (kind, description, tags, remote).
    help: Option<(HelpKind, &'static str, &'static str, bool)>,
    quiet: bool,
}

const fn demo_project(
    title: &'static str,
    pitch: &'static str,
    city: &'static str,
    owner: &'static str,
    themes: &'static [Theme],
    licence: &'static str,
    stage: Stage,
) -> DemoProject {
    DemoProject {
        title,
        pitch,
        city,
        owner,
        teammate: None,
        themes,
        licence,
        stage,
        public: true,
        help: None,
        quiet: false,
    }
}

const PROJECTS: &[DemoProject] = &[
    DemoProject {
        teammate: Some("bastien@relais.demo"),
        help: Some((
            HelpKind::Designer,
            "Un·e designer pour les tests utilisateurs.",
            "ux, tests utilisateurs",
            false,
        )),
        ..demo_project(
            "Carte des fontaines",
            "Trouver une fontaine d'eau potable près de chez soi.",
            "paris",
            "alice@relais.demo",
            &[Theme::Environmental, Theme::Social],
            "AGPL-3.0-or-later",
            Stage::Pilot,
        )
    },
    demo_project(
        "Budget participatif ouvert",
        "Suivre chaque projet voté jusqu'à sa réalisation.",
        "paris",
        "bastien@relais.demo",
        &[Theme::Democratic],
        "MIT",
        Stage::Demo,
    ),
    DemoProject {
        quiet: true,
        ..demo_project(
            "Réemploi des meubles scolaires",
            "Donner une seconde vie au mobilier des écoles.",
            "paris",
            "alice@relais.demo",
            &[Theme::Environmental, Theme::Educational],
            "GPL-3.0-or-later",
            Stage::Prototype,
        )
    },
    demo_project(
        "Délibérations lisibles",
        "Les délibérations municipales résumées en langage simple.",
        "paris",
        "bastien@relais.demo",
        &[Theme::Democratic, Theme::Educational],
        "CC-BY-SA-4.0",
        Stage::Idea,
    ),
    DemoProject {
        teammate: Some("alice@relais.demo"),
        ..demo_project(
            "Vélo-école",
            "Réserver un créneau d'apprentissage du vélo pour adultes.",
            "lyon",
            "chloe@relais.demo",
            &[Theme::Social, Theme::Environmental],
            "MPL-2.0",
            Stage::Launched,
        )
    },
    demo_project(
        "Qualité de l'air des crèches",
        "Des capteurs ouverts dans les crèches de la métropole.",
        "lyon",
        "chloe@relais.demo",
        &[Theme::Environmental],
        "Apache-2.0",
        Stage::Demo,
    ),
    DemoProject {
        quiet: true,
        help: Some((
            HelpKind::Developer,
            "Des développeuses et développeurs Python.",
            "python, données ouvertes",
            true,
        )),
        ..demo_project(
            "Annuaire des tiers-lieux",
            "Tous les tiers-lieux de la région sur une carte.",
            "lyon",
            "chloe@relais.demo",
            &[Theme::Social],
            "ODbL-1.0",
            Stage::Prototype,
        )
    },
    DemoProject {
        public: false,
        ..demo_project(
            "Cantine sans gaspillage",
            "Prévoir le nombre de repas pour réduire les restes.",
            "lyon",
            "chloe@relais.demo",
            &[Theme::Environmental, Theme::Educational],
            "EUPL-1.2",
            Stage::Idea,
        )
    },
    demo_project(
        "Conseil communal en direct",
        "Suivre les votes du conseil communal séance par séance.",
        "bruxelles",
        "david@relais.demo",
        &[Theme::Democratic],
        "AGPL-3.0-or-later",
        Stage::Pilot,
    ),
    DemoProject {
        help: Some((
            HelpKind::Legal,
            "Une juriste pour relire les conditions d'utilisation.",
            "cgu, rgpd, licences",
            true,
        )),
        ..demo_project(
            "Primes énergie simplifiées",
            "Savoir en trois questions à quelles primes on a droit.",
            "bruxelles",
            "david@relais.demo",
            &[Theme::Social, Theme::Environmental],
            "EUPL-1.2",
            Stage::Demo,
        )
    },
    DemoProject {
        quiet: true,
        ..demo_project(
            "Bibliothèque d'outils",
            "Emprunter une perceuse à ses voisins.",
            "bruxelles",
            "david@relais.demo",
            &[Theme::Social],
            "GPL-3.0-or-later",
            Stage::Paused,
        )
    },
    demo_project(
        "Plages horaires des maisons médicales",
        "Les horaires de garde des maisons médicales, à jour.",
        "bruxelles",
        "david@relais.demo",
        &[Theme::Social],
        "MIT",
        Stage::Prototype,
    ),
    DemoProject {
        teammate: Some("fatou@relais.demo"),
        ..demo_project(
            "Alerte inondation",
            "Prévenir les quartiers inondables par SMS.",
            "dakar",
            "fatou@relais.demo",
            &[Theme::Environmental, Theme::Social],
            "AGPL-3.0-or-later",
            Stage::Pilot,
        )
    },
    demo_project(
        "Cours du soir numériques",
        "Des cours de code gratuits le soir, près de chez soi.",
        "dakar",
        "fatou@relais.demo",
        &[Theme::Educational],
        "CC-BY-4.0",
        Stage::Launched,
    ),
    DemoProject {
        help: Some((
            HelpKind::Communication,
            "Des traducteurs en wolof.",
            "wolof, traduction",
            true,
        )),
        ..demo_project(
            "État civil en ligne",
            "Demander un extrait d'acte de naissance sans se déplacer.",
            "dakar",
            "fatou@relais.demo",
            &[Theme::Democratic, Theme::Social],
            "AGPL-3.0-or-later",
            Stage::Prototype,
        )
    },
    DemoProject {
        quiet: true,
        ..demo_project(
            "Marchés de quartier",
            "Les prix du jour sur les marchés de Dakar.",
            "dakar",
            "fatou@relais.demo",
            &[Theme::Social],
            "ODbL-1.0",
            Stage::Abandoned,
        )
    },
    demo_project(
        "Déneigement en temps réel",
        "Savoir quand la déneigeuse passera dans ma rue.",
        "montreal",
        "gabriel@relais.demo",
        &[Theme::Social],
        "MIT",
        Stage::Launched,
    ),
    demo_project(
        "Jardins communautaires",
        "Trouver une parcelle libre dans un jardin communautaire.",
        "montreal",
        "gabriel@relais.demo",
        &[Theme::Environmental, Theme::Social],
        "CC-BY-SA-4.0",
        Stage::Demo,
    ),
    DemoProject {
        help: Some((
            HelpKind::Designer,
            "Un·e spécialiste de l'accessibilité.",
            "accessibilité, ux",
            true,
        )),
        ..demo_project(
            "Consultations citoyennes accessibles",
            "Des consultations publiques lisibles par tous, y compris au lecteur d'écran.",
            "montreal",
            "gabriel@relais.demo",
            &[Theme::Democratic],
            "AGPL-3.0-or-later",
            Stage::Prototype,
        )
    },
    demo_project(
        "Sentiers scolaires sûrs",
        "Cartographier les trajets à pied vers l'école.",
        "montreal",
        "gabriel@relais.demo",
        &[Theme::Educational, Theme::Social],
        "ODbL-1.0",
        Stage::Idea,
    ),
];

/// A demo explainer video: every way a video can be played (PeerTube,
/// YouTube, Vimeo, a file, a host that is not trusted, none yet), every
/// level of the plain-language check (about 95, 90, 87, 64, 56 and 26), one
/// too short to measure, one in English.
struct DemoExplainer {
    project: &'static str,
    title: &'static str,
    video_url: &'static str,
    language: Language,
    length: &'static str,
    transcript: &'static str,
    captions: bool,
    reviewed: bool,
}

const EXPLAINERS: &[DemoExplainer] = &[
    DemoExplainer {
        project: "Cours du soir numériques",
        title: "Apprendre à coder le soir, expliqué à ma grand-mère",
        video_url: "https://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv",
        language: Language::Fr,
        length: "2:40",
        transcript: "Le soir, après le travail, on peut apprendre une chose nouvelle. Nous ouvrons des salles dans les quartiers de Dakar. Des bénévoles y donnent des cours. On apprend à faire un site, pas à pas. C'est gratuit. Il suffit de venir avec sa curiosité. Pas besoin d'ordinateur : nous en prêtons un. Chaque mois, une nouvelle classe commence.",
        captions: false,
        reviewed: true,
    },
    DemoExplainer {
        project: "Déneigement en temps réel",
        title: "La déneigeuse passe quand ? Expliqué à ma grand-mère",
        video_url: "https://framatube.org/static/web-videos/deneigement-720.mp4",
        language: Language::Fr,
        length: "1:12",
        transcript: "Quand il neige beaucoup, la ville envoie des déneigeuses dans chaque rue. Mais personne ne sait quand elles vont passer. Alors on ne sait pas quand déplacer sa voiture. Notre carte montre où sont les déneigeuses en ce moment. Elle prévient par message une heure avant leur passage dans votre rue. Ainsi, vous déplacez votre voiture au bon moment, et la rue est dégagée plus vite.",
        captions: true,
        reviewed: true,
    },
    DemoExplainer {
        project: "Vélo-école",
        title: "Apprendre le vélo à 60 ans",
        video_url: "https://vimeo.com/76979871",
        language: Language::Fr,
        length: "3:05",
        transcript: "Beaucoup d'adultes n'ont jamais appris à faire du vélo et n'osent pas l'avouer, parce qu'ils pensent qu'il est trop tard pour commencer. Notre plateforme de réservation permet de choisir un créneau d'apprentissage avec un moniteur bénévole, dans un parc proche de son domicile, au moment qui convient le mieux. Les vélos et les casques sont prêtés gratuitement. Après quatre séances, la plupart des participants circulent seuls et certains utilisent désormais le vélo pour leurs déplacements quotidiens.",
        captions: false,
        reviewed: true,
    },
    DemoExplainer {
        project: "Conseil communal en direct",
        title: "Le conseil communal en direct",
        video_url: "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        language: Language::Fr,
        length: "4:30",
        transcript: "Notre plateforme agrège en temps réel, grâce à l'API du secrétariat communal, les délibérations ainsi que les votes nominatifs, puis les publie en open data sous forme de jeux de données structurés, interopérables et réutilisables par l'ensemble des acteurs de l'écosystème civique bruxellois. L'algorithme de rapprochement identifie automatiquement les mandataires concernés par chaque délibération.",
        captions: false,
        reviewed: false,
    },
    DemoExplainer {
        project: "Jardins communautaires",
        title: "Community gardens, explained to my grandmother",
        video_url: "https://youtu.be/aqz-KE-bpKQ",
        language: Language::En,
        length: "2:10",
        transcript: "Many people in Montreal would like to grow vegetables. The city has gardens for that, but the waiting lists are long. Our map shows which gardens have a free plot today. You pick a garden near your home. You send one message. The garden team calls you back within a week.",
        captions: false,
        reviewed: false,
    },
    DemoExplainer {
        project: "Qualité de l'air des crèches",
        title: "Ce que respirent les bébés",
        video_url: "https://framatube.org/w/qualite-air-creches",
        language: Language::Fr,
        length: "2:20",
        transcript: "Nous mesurons en continu la concentration de particules fines dans les établissements d'accueil du jeune enfant de la métropole grâce à des capteurs connectés. Les parents consultent les mesures sur leur téléphone. Lorsque la qualité de l'air se dégrade, l'équipe éducative adapte l'aération des salles ou privilégie les activités à l'intérieur.",
        captions: false,
        reviewed: false,
    },
    DemoExplainer {
        project: "Budget participatif ouvert",
        title: "Où va l'argent que nous avons voté ?",
        video_url: "",
        language: Language::Fr,
        length: "",
        transcript: "Chaque année, les habitants votent pour des projets de quartier. Un banc, un jardin, une piste cyclable. Mais ensuite, on ne sait pas ce qu'ils deviennent. Notre site suit chaque projet voté, étape par étape, jusqu'au jour où il est fini. La vidéo sera tournée au printemps.",
        captions: false,
        reviewed: false,
    },
    DemoExplainer {
        project: "Plages horaires des maisons médicales",
        title: "Les gardes des maisons médicales",
        video_url: "https://tube.example.be/w/maisons-medicales",
        language: Language::Fr,
        length: "0:45",
        transcript: "Les horaires de garde de toutes les maisons médicales de Bruxelles, à jour.",
        captions: false,
        reviewed: false,
    },
];

/// Captions for the demo explainer played from a file.
const DEMO_CAPTIONS: &str = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.000\nQuand il neige beaucoup, la ville envoie des déneigeuses.\n\n2\n00:00:04.000 --> 00:00:08.500\nMais personne ne sait quand elles vont passer.\n\n3\n00:00:08.500 --> 00:00:14.000\nNotre carte montre où sont les déneigeuses en ce moment.\n\n4\n00:00:14.000 --> 00:00:20.000\nElle prévient par message une heure avant leur passage.\n";

/// The demo explainers of `project`, created as its team would, captions
/// uploaded and reviews given by the programme's coordinator.
async fn explainers(
    ctx: &Context,
    coordinator: &relais_domain::Actor,
    project: &project::Project,
) -> anyhow::Result<()> {
    for d in EXPLAINERS.iter().filter(|d| d.project == project.row.title) {
        let input = ExplainerInput {
            title: d.title.to_owned(),
            video_url: d.video_url.to_owned(),
            language: d.language.code().to_owned(),
            length: d.length.to_owned(),
            transcript: d.transcript.to_owned(),
            captions_url: String::new(),
        };
        let id = explainer::create(ctx, project, &input).await?;
        if d.captions {
            let captions = Captions::parse(DEMO_CAPTIONS.as_bytes())
                .map_err(|r| anyhow::anyhow!("demo captions: {r}"))?;
            explainer::set_captions(ctx, project, id, &captions).await?;
        }
        if d.reviewed {
            explainer::set_reviewed(ctx, coordinator, id, true).await?;
        }
    }
    Ok(())
}

async fn actor_for(ctx: &Context, email: &str) -> anyhow::Result<(relais_domain::Actor, i32)> {
    let user = rows::user::Entity::find()
        .filter(rows::user::Column::EmailKey.eq(email))
        .one(&ctx.db)
        .await?
        .context("demo owner")?;
    let account = account::load(&ctx.db, user.id)
        .await?
        .context("demo owner account")?;
    Ok((account.actor(), user.id))
}

/// The demo projects: every stage, milestones in every state, journal
/// entries spread over past months, some quiet, one private.
async fn projects(
    ctx: &Context,
    coordinator: &relais_domain::Actor,
    edition_id: i32,
) -> anyhow::Result<()> {
    let cities = city::of_edition(&ctx.db, edition_id).await?;
    for (i, p) in PROJECTS.iter().enumerate() {
        let (owner, _) = actor_for(ctx, p.owner).await?;
        let loaded = create_project(ctx, &owner, edition_id, &cities, i, p).await?;
        explainers(ctx, coordinator, &loaded)
            .await
            .with_context(|| format!("explainers of {}", p.title))?;
        team_and_need(ctx, &owner, &loaded, p).await?;
        walk_stages(ctx, &owner, &loaded, p).await?;
        plan_milestones(ctx, &loaded, i, p).await?;
        write_journal(ctx, &owner, &loaded, p).await?;
        date_back(ctx, &loaded, i, p).await?;
    }
    Ok(())
}

/// Creates demo project `i` in its city, as its owner would with the form.
async fn create_project(
    ctx: &Context,
    owner: &relais_domain::Actor,
    edition_id: i32,
    cities: &[city::City],
    i: usize,
    p: &DemoProject,
) -> anyhow::Result<project::Project> {
    let city_id = cities
        .iter()
        .find(|c| c.slug == p.city)
        .context("demo project city")?
        .id;
    let advanced = p.stage >= Stage::Demo && p.stage != Stage::Paused;
    let input = ProjectInput {
        title: p.title.to_owned(),
        slug: String::new(),
        pitch: p.pitch.to_owned(),
        description: format!(
            "## Le problème\n\n{}\n\n## Ce que nous construisons\n\nUn service **libre**, publié sous licence {}, conçu avec les personnes concernées.\n\n- des données ouvertes\n- une interface simple\n- un code réutilisable par d'autres villes",
            p.pitch, p.licence
        ),
        themes: p.themes.iter().map(|t| t.code().to_owned()).collect(),
        technical_challenge: "Rendre des données publiques hétérogènes utilisables sur un téléphone d'entrée de gamme, hors ligne.".to_owned(),
        licence: p.licence.to_owned(),
        repository_url: if advanced { format!("https://git.example.org/relais-demo/projet-{i}") } else { String::new() },
        demo_url: if advanced { format!("https://demo.example.org/projet-{i}") } else { String::new() },
        edition_id: edition_id.to_string(),
        city_id: city_id.to_string(),
        is_public: p.public,
    };
    let slug = project::create(ctx, owner, &input)
        .await
        .with_context(|| format!("project {}", p.title))?;
    let loaded = project::by_slug(ctx, owner, &slug).await?;
    Ok(loaded)
}

/// A teammate for projects that have one, and the help they ask for.
async fn team_and_need(
    ctx: &Context,
    owner: &relais_domain::Actor,
    loaded: &project::Project,
    p: &DemoProject,
) -> anyhow::Result<()> {
    let now = ctx.now();
    if let Some(mate) = p.teammate {
        let (_, mate_id) = actor_for(ctx, mate).await?;
        if mate_id != loaded.team[0].user_id {
            rows::project_member::ActiveModel {
                project_id: Set(loaded.row.id),
                user_id: Set(mate_id),
                role: Set(project::TeamRole::Member),
                joined_at: Set(now),
            }
            .insert(&ctx.db)
            .await?;
        }
    }
    if let Some((kind, description, tags, remote)) = p.help {
        relais_domain::need::create(
            ctx,
            owner,
            loaded,
            &relais_domain::need::NeedInput {
                kind: kind.code().to_owned(),
                tags: tags.to_owned(),
                description: description.to_owned(),
                remote,
                languages: vec!["fr".to_owned()],
            },
        )
        .await
        .with_context(|| format!("need of {}", p.title))?;
    }
    Ok(())
}

/// Moves the project through the stages up to its own, one at a time.
async fn walk_stages(
    ctx: &Context,
    owner: &relais_domain::Actor,
    loaded: &project::Project,
    p: &DemoProject,
) -> anyhow::Result<()> {
    let path = [Stage::Prototype, Stage::Demo, Stage::Pilot, Stage::Launched];
    for stage in path
        .iter()
        .filter(|s| **s <= p.stage && p.stage <= Stage::Launched)
    {
        project::set_stage(ctx, owner, loaded.row.id, *stage)
            .await
            .with_context(|| format!("stage of {}", p.title))?;
    }
    if matches!(p.stage, Stage::Paused | Stage::Abandoned) {
        project::set_stage(ctx, owner, loaded.row.id, p.stage).await?;
    }
    Ok(())
}

/// Five milestones around today, fewer of them done for every fourth project.
async fn plan_milestones(
    ctx: &Context,
    loaded: &project::Project,
    i: usize,
    p: &DemoProject,
) -> anyhow::Result<()> {
    let now = ctx.now();
    let today = now.date_naive();
    let offsets: [(&str, i64, Status); 5] = [
        ("Atelier avec les usagers", -120, Status::Done),
        ("Premier prototype en ligne", -60, Status::Done),
        ("Tests avec 20 habitants", -10, Status::InProgress),
        ("Ouverture des données", 10, Status::Planned),
        ("Partenariat avec la mairie", 90, Status::Dropped),
    ];
    for (j, (title, days, status)) in offsets.iter().enumerate() {
        // Earlier projects get more milestones done, so the gallery shows a range.
        let status = if i % 4 == 3 && *status == Status::Done {
            Status::InProgress
        } else {
            *status
        };
        milestone::create(
            ctx,
            loaded,
            &MilestoneInput {
                title: (*title).to_owned(),
                description: String::new(),
                due_on: (today + chrono::Duration::days(*days)).to_string(),
                status: status.code().to_owned(),
                weight: if j == 1 {
                    "2".to_owned()
                } else {
                    String::new()
                },
                position: String::new(),
            },
        )
        .await
        .with_context(|| format!("milestone of {}", p.title))?;
    }
    Ok(())
}

/// Four journal entries, one of them for the team only, dated back over
/// the months since the marathon (further back for a quiet project).
async fn write_journal(
    ctx: &Context,
    owner: &relais_domain::Actor,
    loaded: &project::Project,
    p: &DemoProject,
) -> anyhow::Result<()> {
    let now = ctx.now();
    let entries = [
        (
            -150,
            "Nous sortons du marathon avec une maquette et beaucoup d'envie. Merci à toutes les personnes venues nous voir !",
            true,
        ),
        (
            -90,
            "Premier atelier avec les usagers : trois parcours retenus, deux abandonnés.",
            true,
        ),
        (
            -40,
            "Point d'équipe : qui prend quoi pendant l'été ?",
            false,
        ),
        (
            -12,
            "Le prototype tourne en ligne. Retours bienvenus.",
            true,
        ),
    ];
    for (days, body, public) in entries {
        let entry_id = journal::post(
            ctx,
            owner,
            loaded,
            &EntryInput {
                body: body.to_owned(),
                milestone_id: String::new(),
                is_public: public,
                completes_milestone: false,
            },
        )
        .await?;
        // A quiet project's last public news is older than 30 days.
        let days = if p.quiet { days - 40 } else { days };
        rows::project_update::Entity::update_many()
            .col_expr(
                rows::project_update::Column::CreatedAt,
                Expr::value(now + chrono::Duration::days(days)),
            )
            .filter(rows::project_update::Column::Id.eq(entry_id))
            .exec(&ctx.db)
            .await?;
    }
    Ok(())
}

/// Dates the project, its milestones and its stages back, as if it had
/// lived since the marathon.
async fn date_back(
    ctx: &Context,
    loaded: &project::Project,
    i: usize,
    p: &DemoProject,
) -> anyhow::Result<()> {
    let now = ctx.now();
    // Done milestones were done on their due date; stages were reached
    // over the months after the marathon.
    rows::milestone::Entity::update_many()
        .col_expr(
            rows::milestone::Column::DoneOn,
            Expr::col(rows::milestone::Column::DueOn),
        )
        .filter(rows::milestone::Column::ProjectId.eq(loaded.row.id))
        .filter(rows::milestone::Column::Status.eq(Status::Done))
        .exec(&ctx.db)
        .await?;
    let stages = rows::project_stage::Entity::find()
        .filter(rows::project_stage::Column::ProjectId.eq(loaded.row.id))
        .all(&ctx.db)
        .await?;
    for (k, stage) in stages.iter().enumerate() {
        rows::project_stage::Entity::update_many()
            .col_expr(
                rows::project_stage::Column::ReachedAt,
                Expr::value(now - chrono::Duration::days(200 - 35 * k as i64)),
            )
            .filter(rows::project_stage::Column::Id.eq(stage.id))
            .exec(&ctx.db)
            .await?;
    }
    let last_public = if p.quiet {
        now - chrono::Duration::days(52)
    } else {
        now - chrono::Duration::days(12)
    };
    rows::project::Entity::update_many()
        .col_expr(
            rows::project::Column::CreatedAt,
            Expr::value(now - chrono::Duration::days(200)),
        )
        .col_expr(
            rows::project::Column::LastPublicUpdateAt,
            Expr::value(last_public),
        )
        .col_expr(
            rows::project::Column::LastActivityAt,
            Expr::value(last_public - chrono::Duration::hours(i as i64)),
        )
        .filter(rows::project::Column::Id.eq(loaded.row.id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// Each city's mentor follows the city's first projects; two have
/// already written a review, one project has asked for another.
async fn mentoring(ctx: &Context, coordinator: &relais_domain::Actor) -> anyhow::Result<()> {
    let pairs = [
        ("mentor.data@relais.demo", "carte-des-fontaines", true),
        (
            "mentor.data@relais.demo",
            "budget-participatif-ouvert",
            false,
        ),
        ("mentor.design@relais.demo", "velo-ecole", true),
        ("mentor.funding@relais.demo", "alerte-inondation", false),
        ("mentor.law@relais.demo", "deneigement-en-temps-reel", false),
    ];
    for (mentor_email, slug, reviewed) in pairs {
        let (mentor_actor, mentor_id) = actor_for(ctx, mentor_email).await?;
        let project = project::by_slug(ctx, coordinator, slug)
            .await
            .with_context(|| format!("project {slug}"))?;
        relais_domain::mentor::assign(ctx, coordinator, project.row.id, mentor_id).await?;
        if reviewed {
            let project = project::by_slug(ctx, &mentor_actor, slug).await?;
            relais_domain::review::write(
                ctx,
                &mentor_actor,
                &project,
                &relais_domain::review::ReviewInput {
                    impact: "4".into(),
                    impact_comment: "Un vrai besoin, bien documenté.".into(),
                    progress: "3".into(),
                    progress_comment: "Un jalon en retard, rien d'inquiétant.".into(),
                    openness: "5".into(),
                    openness_comment: "Licence libre, README clair.".into(),
                    team_health: "4".into(),
                    team_health_comment: String::new(),
                    strengths: "Une équipe à l'écoute des usagers.".into(),
                    recommendations: "Mesurer l'usage réel avant d'ajouter des fonctions.".into(),
                    next_steps:
                        "Publier les statistiques d'usage\nRencontrer le service des espaces verts"
                            .into(),
                },
            )
            .await?;
        } else {
            let (owner, _) = actor_for(
                ctx,
                if slug == "alerte-inondation" {
                    "fatou@relais.demo"
                } else {
                    "bastien@relais.demo"
                },
            )
            .await?;
            let project = project::by_slug(ctx, &owner, slug).await?;
            if relais_domain::review::rights(&owner, &project, false).respond() {
                relais_domain::review::request(
                    ctx,
                    &owner,
                    &project,
                    "Pouvez-vous relire notre plan de financement ?",
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// A monthly series in every city, each in its own rhythm; a few answers
/// and a project on the next Paris agenda.
async fn meetups(ctx: &Context, coordinator: &relais_domain::Actor) -> anyhow::Result<()> {
    use relais_domain::meetup_rule::{DayOfWeek, Ordinal};
    let rules = [
        (
            "paris",
            Ordinal::First,
            DayOfWeek::Thursday,
            "19:00",
            "La Fabrique, 12 rue de la Roquette",
        ),
        (
            "lyon",
            Ordinal::First,
            DayOfWeek::Thursday,
            "19:00",
            "Hôtel de la Métropole, 20 rue du Lac",
        ),
        (
            "bruxelles",
            Ordinal::Second,
            DayOfWeek::Wednesday,
            "18:30",
            "BeCentral, Cantersteen 12",
        ),
        (
            "montreal",
            Ordinal::Second,
            DayOfWeek::Tuesday,
            "18:30",
            "Maison du développement durable",
        ),
        (
            "dakar",
            Ordinal::Last,
            DayOfWeek::Saturday,
            "10:00",
            "Jokkolabs, Sacré-Cœur 3",
        ),
    ];
    for (slug, ordinal, weekday, time, place) in rules {
        let city = city::list(&ctx.db)
            .await?
            .into_iter()
            .find(|c| c.slug == slug)
            .context("demo city")?;
        let series = relais_domain::meetup::create_series(
            ctx,
            coordinator,
            city.id,
            &relais_domain::meetup::SeriesInput {
                title: format!("Rencontre mensuelle — {}", city.name),
                description: "Développeurs, designers, institutions et entrepreneurs : les projets font le point, on se rencontre, on s'entraide.".into(),
                ordinal: ordinal.code().into(),
                weekday: weekday.code().into(),
                start_time: time.into(),
                duration_minutes: "150".into(),
                place_address: place.into(),
                online_url: String::new(),
                audiences: vec![],
                capacity: "40".into(),
            },
        )
        .await
        .with_context(|| format!("series in {slug}"))?;
        let next = relais_domain::meetup::upcoming(&ctx.db, Some(city.id), ctx.now(), 1)
            .await?
            .into_iter()
            .find(|o| o.series_id == Some(series));
        if let (Some(next), "paris") = (next, slug) {
            for email in [
                "alice@relais.demo",
                "bastien@relais.demo",
                "mentor.data@relais.demo",
            ] {
                let (member, _) = actor_for(ctx, email).await?;
                relais_domain::rsvp::answer(
                    ctx,
                    &member,
                    next.id,
                    relais_domain::rsvp::Answer::Yes,
                )
                .await?;
            }
            let fountains = project::by_slug(ctx, coordinator, "carte-des-fontaines").await?;
            relais_domain::agenda::add(
                ctx,
                coordinator,
                next.id,
                relais_domain::agenda::Kind::Project,
                Some(fountains.row.id),
                "",
            )
            .await?;
        }
    }
    Ok(())
}

fn new_account(person: &Person) -> NewAccount {
    NewAccount {
        email: person.email.to_owned(),
        name: person.name.to_owned(),
        role: person.role,
        city: person.city.map(str::to_owned),
        password: Some(DEMO_PASSWORD.to_owned()),
        language: person.language,
    }
}

/// Prints the demo log-ins.
pub fn print_logins(logins: &[DemoLogin]) {
    println!("Demo accounts (password for all: {DEMO_PASSWORD}):");
    for login in logins {
        println!("  {:<30} {}", login.email, login.description);
    }
}

/// An offer of help in the demo.
struct DemoOffer {
    email: &'static str,
    kinds: &'static [HelpKind],
    tags: &'static str,
    city: &'static str,
    remote: bool,
    public: bool,
    description: &'static str,
}

/// Offers of help from members and mentors.
const OFFERS: &[DemoOffer] = &[];

/// Mise en relation: offers, an accepted and a pending introduction, and
/// an expertise question with answers, one marked as helpful.
async fn relation(ctx: &Context) -> anyhow::Result<()> {
    use relais_domain::{expertise_question, introduction, need, offer};
    let cities = city::list(&ctx.db).await?;
    for o in OFFERS {
        let (actor, _) = actor_for(ctx, o.email).await?;
        let city_id = cities
            .iter()
            .find(|c| c.slug == o.city)
            .map(|c| c.id.to_string())
            .unwrap_or_default();
        offer::save(
            ctx,
            &actor,
            &offer::OfferInput {
                kinds: o.kinds.iter().map(|k| k.code().to_owned()).collect(),
                tags: o.tags.to_owned(),
                themes: vec![
                    Theme::Social.code().to_owned(),
                    Theme::Environmental.code().to_owned(),
                ],
                languages: vec!["fr".to_owned()],
                city_id,
                remote: o.remote,
                description: o.description.to_owned(),
                introductions_per_month: "3".to_owned(),
                contactable: true,
                is_public: o.public,
            },
        )
        .await
        .with_context(|| format!("offer of {}", o.email))?;
    }
    let first_need = |project: &project::Project| {
        let project = project.clone();
        async move {
            need::of_project(&ctx.db, &project)
                .await?
                .into_iter()
                .next()
                .context("demo need")
        }
    };
    // Alice offered to help the Lyon team with Python; Chloé accepted.
    let (alice, _) = actor_for(ctx, "alice@relais.demo").await?;
    let (chloe, _) = actor_for(ctx, "chloe@relais.demo").await?;
    let python = need_project(ctx, &alice, "Annuaire des tiers-lieux").await?;
    let python_need = first_need(&python).await?;
    let asked = introduction::offer_help(
        ctx,
        &alice,
        &python,
        python_need.id,
        "Bonjour ! Je code en Python depuis dix ans et j'aime les données ouvertes. Je peux aider le mardi soir.",
    )
    .await?;
    introduction::answer(
        ctx,
        introduction::Responder::Actor(&chloe),
        Some(asked),
        introduction::Answer::Accept,
    )
    .await?;
    // Bastien offered his accessibility skills to Montréal: still waiting.
    let (bastien, _) = actor_for(ctx, "bastien@relais.demo").await?;
    let access = need_project(ctx, &bastien, "Consultations citoyennes accessibles").await?;
    let access_need = first_need(&access).await?;
    introduction::offer_help(
        ctx,
        &bastien,
        &access,
        access_need.id,
        "J'ai rendu accessibles plusieurs sites de mairies (RGAA). Je peux relire vos écrans à distance.",
    )
    .await?;
    // The Brussels team asks which licence suits its data.
    let (david, _) = actor_for(ctx, "david@relais.demo").await?;
    let legal = need_project(ctx, &david, "Primes énergie simplifiées").await?;
    let legal_need = first_need(&legal).await?;
    let question = expertise_question::ask(
        ctx,
        &david,
        &legal,
        legal_need.id,
        "Quelle licence pour nos données ?",
        true,
    )
    .await?;
    let (law, _) = actor_for(ctx, "mentor.law@relais.demo").await?;
    let helpful = expertise_question::answer(
        ctx,
        &law,
        &legal,
        question,
        None,
        "Pour des données publiques, la Licence Ouverte 2.0 (Etalab) ou l'ODbL si vous voulez que les réutilisations restent ouvertes.",
    )
    .await?;
    let (data, _) = actor_for(ctx, "mentor.data@relais.demo").await?;
    expertise_question::answer(
        ctx,
        &data,
        &legal,
        question,
        None,
        "Regardez ce que publie déjà votre Région : reprendre la même licence simplifie la vie de tout le monde.",
    )
    .await?;
    expertise_question::answer(
        ctx,
        &david,
        &legal,
        question,
        Some(helpful),
        "Merci ! Nous partons sur l'ODbL.",
    )
    .await?;
    expertise_question::mark_helpful(ctx, &legal, question, helpful).await?;
    Ok(())
}

/// The demo project titled `title`, as `actor` sees it.
async fn need_project(
    ctx: &Context,
    actor: &relais_domain::Actor,
    title: &str,
) -> anyhow::Result<project::Project> {
    let slug = relais_domain::slug::from_title(title);
    Ok(project::by_slug(ctx, actor, &slug).await?)
}

/// The coordinator of a scaled programme (`relais seed --scale`), with the
/// demo password.
pub const SCALE_COORDINATOR: &str = "coordination@relais.example";

/// A member of a few of the scaled programme's projects, with the demo
/// password: the member dashboard and a team's project page as they look
/// at scale.
pub const SCALE_MEMBER: &str = "membre@relais.example";

/// A mentor of the scaled programme, with the demo password: the mentor
/// dashboard as it looks with the assignments of a mentor at scale.
pub const SCALE_MENTOR: &str = "mentor@relais.example";

/// Projects [`SCALE_MEMBER`] is on the team of.
const SCALE_MEMBER_PROJECTS: i32 = 3;

/// Seeds `projects` projects of `relais_domain::scale` for `now`, with a
/// coordinator and a member who can log in; returns the rows written per
/// table. Refuses a database that already has accounts.
pub async fn scale(
    ctx: &Context,
    projects: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<Vec<(&'static str, usize)>> {
    if projects < 1 {
        bail!("--scale: expected a number of projects of at least 1");
    }
    if account::count(&ctx.db).await? > 0 {
        bail!("the database already has accounts: the scale seed only fills an empty database");
    }
    let now = relais_domain::scale::whole_second(now);
    let (plan, counts) = relais_domain::scale::seed_sized(&ctx.db, now, projects)
        .await
        .context("scale seed")?;
    scale_log_ins(ctx, &plan).await?;
    relais_domain::db::analyze(&ctx.db)
        .await
        .context("analyze after the scale seed")?;
    Ok(counts)
}

/// The accounts of a scaled programme that can log in, with
/// [`DEMO_PASSWORD`]: [`SCALE_COORDINATOR`], [`SCALE_MEMBER`] on the teams
/// of the busiest visible projects of `plan`, and [`SCALE_MENTOR`].
pub async fn scale_log_ins(ctx: &Context, plan: &relais_domain::scale::Plan) -> anyhow::Result<()> {
    let login = |email: &str, name: &str, role: Role| NewAccount {
        email: email.to_owned(),
        name: name.to_owned(),
        role,
        city: None,
        password: Some(DEMO_PASSWORD.to_owned()),
        language: Language::Fr,
    };
    account::create_account(
        ctx,
        login(SCALE_COORDINATOR, "Coordination", Role::Coordinator),
    )
    .await
    .context("scale coordinator")?;
    let (member_id, _) =
        account::create_account(ctx, login(SCALE_MEMBER, "Membre d'équipes", Role::Member))
            .await
            .context("scale member")?;
    let (mentor_id, _) =
        account::create_account(ctx, login(SCALE_MENTOR, "Mentor de projets", Role::Mentor))
            .await
            .context("scale mentor")?;
    // The mentor takes over the projects and reviews of the scale seed's
    // busiest mentor, so the mentor dashboard shows what a mentor of the
    // programme sees at its fullest.
    let busiest = rows::mentor_assignment::Entity::find()
        .select_only()
        .column(rows::mentor_assignment::Column::MentorId)
        .group_by(rows::mentor_assignment::Column::MentorId)
        .order_by_desc(Func::count(Expr::col(rows::mentor_assignment::Column::Id)))
        .order_by_asc(rows::mentor_assignment::Column::MentorId)
        .into_tuple::<i32>()
        .one(&ctx.db)
        .await
        .context("scale seed's busiest mentor")?
        .context("the scale seed assigned no mentor")?;
    rows::mentor_assignment::Entity::update_many()
        .col_expr(
            rows::mentor_assignment::Column::MentorId,
            Expr::value(mentor_id),
        )
        .filter(rows::mentor_assignment::Column::MentorId.eq(busiest))
        .exec(&ctx.db)
        .await
        .context("scale mentor's assignments")?;
    rows::review::Entity::update_many()
        .col_expr(rows::review::Column::MentorId, Expr::value(mentor_id))
        .filter(rows::review::Column::MentorId.eq(busiest))
        .exec(&ctx.db)
        .await
        .context("scale mentor's reviews")?;
    // The member joins the busiest visible projects' teams.
    let mut visible: Vec<_> = plan.projects.iter().filter(|p| p.is_visible()).collect();
    visible.sort_by_key(|p| std::cmp::Reverse(p.public_updates));
    for p in visible.iter().take(SCALE_MEMBER_PROJECTS as usize) {
        rows::project_member::ActiveModel {
            project_id: Set(p.id),
            user_id: Set(member_id),
            role: Set(project::TeamRole::Member),
            joined_at: Set(p.created_at),
        }
        .insert(&ctx.db)
        .await
        .context("scale member's teams")?;
    }
    Ok(())
}

/// Prints what the scale seed wrote and who can log in.
pub fn print_scale(counts: &[(&'static str, usize)]) {
    let counts: Vec<String> = counts
        .iter()
        .map(|(table, n)| format!("{n} {table}"))
        .collect();
    println!("rows: {}", counts.join(", "));
    println!("Accounts (password: {DEMO_PASSWORD}):");
    println!("  {SCALE_COORDINATOR:<30} coordinator of the whole programme");
    println!("  {SCALE_MEMBER:<30} member of {SCALE_MEMBER_PROJECTS} project teams");
    println!("  {SCALE_MENTOR:<30} mentor of the busiest mentor's projects");
}
