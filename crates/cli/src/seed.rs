//! `relais seed --demo`: the 2018 edition in five francophone cities, with
//! a coordinator per city, mentors and members, all sharing one documented
//! password. Refuses a database that already has accounts.

use anyhow::{Context as _, bail};
use relais_domain::account::{self, NewAccount, ProfileInput};
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
    skills: &'static [&'static str],
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
        skills: &["institution"],
        bio: "Coordonne le programme pour toutes les villes.",
        language: Language::Fr,
    },
    Person {
        email: "paris@relais.demo",
        name: "Julien Moreau",
        role: Role::Coordinator,
        city: Some("paris"),
        skills: &["developer"],
        bio: "Coordonne Paris.",
        language: Language::Fr,
    },
    Person {
        email: "lyon@relais.demo",
        name: "Sophie Bernard",
        role: Role::Coordinator,
        city: Some("lyon"),
        skills: &["designer"],
        bio: "Coordonne Lyon.",
        language: Language::Fr,
    },
    Person {
        email: "bruxelles@relais.demo",
        name: "Thomas Peeters",
        role: Role::Coordinator,
        city: Some("bruxelles"),
        skills: &["entrepreneur"],
        bio: "Coordonne Bruxelles.",
        language: Language::Fr,
    },
    Person {
        email: "montreal@relais.demo",
        name: "Émilie Tremblay",
        role: Role::Coordinator,
        city: Some("montreal"),
        skills: &["developer", "designer"],
        bio: "Coordonne Montréal.",
        language: Language::Fr,
    },
    Person {
        email: "dakar@relais.demo",
        name: "Awa Ndiaye",
        role: Role::Coordinator,
        city: Some("dakar"),
        skills: &["institution", "developer"],
        bio: "Coordonne Dakar.",
        language: Language::Fr,
    },
    Person {
        email: "mentor.data@relais.demo",
        name: "Karim Benali",
        role: Role::Mentor,
        city: Some("paris"),
        skills: &["developer"],
        bio: "Données ouvertes et cartographie.",
        language: Language::Fr,
    },
    Person {
        email: "mentor.design@relais.demo",
        name: "Léa Rousseau",
        role: Role::Mentor,
        city: Some("lyon"),
        skills: &["designer"],
        bio: "Design de services publics.",
        language: Language::Fr,
    },
    Person {
        email: "mentor.funding@relais.demo",
        name: "Moussa Diop",
        role: Role::Mentor,
        city: Some("dakar"),
        skills: &["entrepreneur"],
        bio: "Financement et modèles économiques.",
        language: Language::Fr,
    },
    Person {
        email: "mentor.law@relais.demo",
        name: "Nathalie Gagnon",
        role: Role::Mentor,
        city: Some("montreal"),
        skills: &["institution"],
        bio: "Droit du numérique et marchés publics.",
        language: Language::En,
    },
    Person {
        email: "alice@relais.demo",
        name: "Alice Martin",
        role: Role::Member,
        city: Some("paris"),
        skills: &["developer"],
        bio: "Développeuse Rust et Python.",
        language: Language::Fr,
    },
    Person {
        email: "bastien@relais.demo",
        name: "Bastien Leroy",
        role: Role::Member,
        city: Some("paris"),
        skills: &["designer"],
        bio: "Designer d'interfaces.",
        language: Language::Fr,
    },
    Person {
        email: "chloe@relais.demo",
        name: "Chloé Girard",
        role: Role::Member,
        city: Some("lyon"),
        skills: &["developer", "other"],
        bio: "Étudiante en géomatique.",
        language: Language::Fr,
    },
    Person {
        email: "david@relais.demo",
        name: "David Janssens",
        role: Role::Member,
        city: Some("bruxelles"),
        skills: &["institution"],
        bio: "Agent de la Région bruxelloise.",
        language: Language::Fr,
    },
    Person {
        email: "fatou@relais.demo",
        name: "Fatou Sarr",
        role: Role::Member,
        city: Some("dakar"),
        skills: &["developer"],
        bio: "Développeuse mobile.",
        language: Language::Fr,
    },
    Person {
        email: "gabriel@relais.demo",
        name: "Gabriel Côté",
        role: Role::Member,
        city: Some("montreal"),
        skills: &["entrepreneur"],
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
                skills: person.skills.iter().map(|s| (*s).to_owned()).collect(),
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
    Ok(logins)
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
