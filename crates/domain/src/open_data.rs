//! Open data (issue 15): the public projects of an edition as a
//! Frictionless Tabular Data Package — a `datapackage.json` describing CSV
//! tables with their Table Schema — under the licence the operator chose,
//! with the edition's continuity figures as one of its tables.
//!
//! Only what the public pages show goes in (public, live projects, their
//! milestones and how many needs they have open), plus continuity, which
//! counts every project of the edition but shows no project by name.

use crate::csv_cell;
use crate::entities::{city, edition, milestone, need, project};
use crate::error::{DomainError, Result};
use crate::figures::{continuity, months::Progress, scope};
use crate::licence::Licence;
use crate::milestone::Status;
use crate::need::NeedState;
use crate::theme::Theme;
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{Value, json};

/// The licence open data is published under (`RELAIS_OPEN_DATA_LICENCE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataLicence {
    /// Open Data Commons Open Database License 1.0: share-alike.
    #[default]
    Odbl,
    /// Licence Ouverte / Open Licence 2.0 (Etalab): attribution only, the
    /// French public sector's licence.
    Etalab,
}

impl DataLicence {
    /// Parses `odbl` or `etalab-2.0` (case-insensitive; SPDX-like names too).
    pub fn parse(text: &str) -> std::result::Result<DataLicence, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "odbl" | "odbl-1.0" => Ok(DataLicence::Odbl),
            "etalab" | "etalab-2.0" => Ok(DataLicence::Etalab),
            _ => Err(format!("expected odbl or etalab-2.0, got {text:?}")),
        }
    }

    /// Its identifier.
    pub fn id(self) -> &'static str {
        match self {
            DataLicence::Odbl => "ODbL-1.0",
            DataLicence::Etalab => "etalab-2.0",
        }
    }

    /// Its full name.
    pub fn title(self) -> &'static str {
        match self {
            DataLicence::Odbl => "Open Data Commons Open Database License 1.0",
            DataLicence::Etalab => "Licence Ouverte / Open Licence version 2.0",
        }
    }

    /// Where its text is.
    pub fn url(self) -> &'static str {
        match self {
            DataLicence::Odbl => "https://opendatacommons.org/licenses/odbl/1-0/",
            DataLicence::Etalab => "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        }
    }
}

/// A column of a table, as Table Schema describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Its name, the CSV header.
    pub name: &'static str,
    /// Table Schema type: string, integer, number, date or datetime.
    pub kind: &'static str,
    /// What it holds.
    pub description: &'static str,
    /// Never empty.
    pub required: bool,
}

const fn field(name: &'static str, kind: &'static str, description: &'static str) -> Field {
    Field {
        name,
        kind,
        description,
        required: true,
    }
}

const fn optional(name: &'static str, kind: &'static str, description: &'static str) -> Field {
    Field {
        name,
        kind,
        description,
        required: false,
    }
}

/// The projects table.
pub const PROJECT_FIELDS: [Field; 14] = [
    field("slug", "string", "URL name, unique"),
    field("title", "string", "Title"),
    field("pitch", "string", "One-line pitch"),
    field("city", "string", "City (URL name)"),
    field(
        "stage",
        "string",
        "Stage: idea, prototype, demo, pilot, launched, paused or abandoned",
    ),
    field("themes", "string", "Themes, separated by spaces"),
    field("licence", "string", "Open licence (SPDX identifier)"),
    optional("repository_url", "string", "Source repository"),
    optional("demo_url", "string", "Demo or site"),
    optional(
        "progress",
        "number",
        "Weighted share (0 to 1) of milestones done",
    ),
    field("milestones", "integer", "Milestones, dropped ones included"),
    field("milestones_done", "integer", "Milestones done"),
    field("open_needs", "integer", "Needs still open"),
    field(
        "last_activity_at",
        "datetime",
        "Last activity of the team (UTC)",
    ),
];

/// The milestones table.
pub const MILESTONE_FIELDS: [Field; 5] = [
    field("project", "string", "The project (slug)"),
    field("title", "string", "Title"),
    field("due_on", "date", "Due date, in the city's calendar"),
    field("status", "string", "planned, in_progress, done or dropped"),
    optional(
        "done_on",
        "date",
        "When it was done, in the city's calendar",
    ),
];

/// The continuity table.
pub const CONTINUITY_FIELDS: [Field; 6] = [
    field(
        "scope",
        "string",
        "`edition` for all its projects, else a city (URL name)",
    ),
    field("month", "integer", "Month after the marathon, from 1 to 12"),
    field(
        "progress",
        "string",
        "over, running (figures so far) or not_started",
    ),
    field("projects", "integer", "Projects counted"),
    field(
        "active",
        "integer",
        "Projects active in the month: a public journal entry, a milestone done or a check-in answered",
    ),
    optional(
        "share",
        "number",
        "active / projects, from 0 to 1; empty before the month begins",
    ),
];

/// One CSV table of the package.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Resource name, and file name without `.csv`.
    pub name: &'static str,
    /// What it holds.
    pub title: &'static str,
    /// Its columns.
    pub fields: &'static [Field],
    /// Its rows, each as many cells as columns.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The table as a CSV file.
    pub fn csv(&self) -> Result<Vec<u8>> {
        let header: Vec<&str> = self.fields.iter().map(|f| f.name).collect();
        csv_cell::write(&header, self.rows.iter().cloned())
    }

    /// Its file name.
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }
}

/// An edition's open data.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// The edition's URL name.
    pub edition_slug: String,
    /// The edition's name.
    pub edition_name: String,
    /// The licence.
    pub licence: DataLicence,
    /// The tables: projects, milestones, continuity.
    pub tables: Vec<Table>,
}

impl Package {
    /// The table named `name` (`projects`, `milestones`, `continuity`).
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// `datapackage.json`: the package's descriptor; the tables' paths are
    /// relative to it.
    pub fn descriptor(&self, homepage: &str) -> Value {
        let resources: Vec<Value> = self
            .tables
            .iter()
            .map(|t| {
                let fields: Vec<Value> = t
                    .fields
                    .iter()
                    .map(|f| {
                        json!({
                            "name": f.name,
                            "type": f.kind,
                            "description": f.description,
                            "constraints": { "required": f.required },
                        })
                    })
                    .collect();
                let mut schema = json!({ "fields": fields, "missingValues": [""] });
                match t.name {
                    "projects" => schema["primaryKey"] = json!(["slug"]),
                    "milestones" => {
                        schema["foreignKeys"] = json!([{
                            "fields": ["project"],
                            "reference": { "resource": "projects", "fields": ["slug"] },
                        }]);
                    }
                    "continuity" => schema["primaryKey"] = json!(["scope", "month"]),
                    _ => {}
                }
                json!({
                    "name": t.name,
                    "path": t.file_name(),
                    "title": t.title,
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "header": true },
                    "schema": schema,
                })
            })
            .collect();
        json!({
            "profile": "tabular-data-package",
            "name": format!("relais-{}", self.edition_slug.to_ascii_lowercase()),
            "title": format!("{} — projets publics", self.edition_name),
            "description": "Les projets publics de l'édition, leurs jalons et la continuité \
                            (part des projets encore actifs 1 à 12 mois après le marathon). \
                            Public projects of the edition, their milestones, and continuity.",
            "homepage": homepage,
            "licenses": [{
                "name": self.licence.id(),
                "title": self.licence.title(),
                "path": self.licence.url(),
            }],
            "resources": resources,
        })
    }
}

fn machine_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Ids of the public, live projects of `edition_id`, as a subquery.
fn public_projects(edition_id: i32) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(project::Column::Id)
        .from(project::Entity)
        .and_where(Expr::col(project::Column::EditionId).eq(edition_id))
        .and_where(Expr::col(project::Column::IsPublic).eq(true))
        .and_where(Expr::col(project::Column::ArchivedAt).is_null())
        .to_owned()
}

/// The open data of the edition `slug` at `now`; `NotFound` if there is
/// no such edition. A handful of queries, however many projects.
pub async fn package(
    db: &impl ConnectionTrait,
    slug: &str,
    licence: DataLicence,
    programme_zone: Tz,
    now: DateTime<Utc>,
) -> Result<Package> {
    let edition = edition::Entity::find()
        .filter(edition::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let projects = project::Entity::find()
        .filter(project::Column::Id.in_subquery(public_projects(edition.id)))
        .order_by_asc(project::Column::Slug)
        .all(db)
        .await?;
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::ProjectId.in_subquery(public_projects(edition.id)))
        .order_by_asc(milestone::Column::ProjectId)
        .order_by_asc(milestone::Column::Position)
        .order_by_asc(milestone::Column::Id)
        .all(db)
        .await?;
    let needs: Vec<(i32, i64)> = need::Entity::find()
        .select_only()
        .column(need::Column::ProjectId)
        .column_as(need::Column::Id.count(), "n")
        .filter(need::Column::ProjectId.in_subquery(public_projects(edition.id)))
        .filter(need::Column::State.eq(NeedState::Open))
        .group_by(need::Column::ProjectId)
        .into_tuple()
        .all(db)
        .await?;
    let cities = city::Entity::find().all(db).await?;

    let corrupt = |what: &str, id: i32, value: &str| {
        DomainError::Internal(format!("{what} {id} holds an unknown value {value:?}"))
    };
    let mut project_rows = Vec::with_capacity(projects.len());
    let mut milestone_rows = Vec::with_capacity(milestones.len());
    for p in &projects {
        let stage = p.stage;
        let licence_id = Licence::parse(&p.licence)
            .map_err(|_| corrupt("project", p.id, &p.licence))?
            .spdx;
        let city = cities
            .iter()
            .find(|c| c.id == p.city_id)
            .ok_or_else(|| corrupt("project city", p.id, &p.city_id.to_string()))?;
        let own: Vec<crate::milestone::Milestone> = milestones
            .iter()
            .filter(|m| m.project_id == p.id)
            .cloned()
            .map(crate::milestone::Milestone::from)
            .collect();
        for m in &own {
            milestone_rows.push(vec![
                p.slug.clone(),
                m.title.clone(),
                m.due_on.to_string(),
                m.status.code().to_owned(),
                m.done_on.map(|d| d.to_string()).unwrap_or_default(),
            ]);
        }
        project_rows.push(vec![
            p.slug.clone(),
            p.title.clone(),
            p.pitch.clone(),
            city.slug.clone(),
            stage.code().to_owned(),
            Theme::parse_list(&p.themes)?
                .iter()
                .map(|t| t.code())
                .collect::<Vec<_>>()
                .join(" "),
            licence_id.to_owned(),
            p.repository_url.clone().unwrap_or_default(),
            p.demo_url.clone().unwrap_or_default(),
            crate::milestone::progress(&own)
                .map(|share| format!("{share:.3}"))
                .unwrap_or_default(),
            own.len().to_string(),
            own.iter()
                .filter(|m| m.status == Status::Done)
                .count()
                .to_string(),
            needs
                .iter()
                .find(|(id, _)| *id == p.id)
                .map_or(0, |(_, n)| *n)
                .to_string(),
            machine_time(p.last_activity_at),
        ]);
    }

    let edition_model = crate::edition::Edition::from(edition.clone());
    let scope = scope::public(db, Some(edition_model), None, programme_zone).await?;
    let figures = continuity::of_scope(db, &scope, now).await?;
    let mut continuity_rows = Vec::new();
    for figure in &figures {
        let lines = std::iter::once(("edition".to_owned(), &figure.all))
            .chain(figure.cities.iter().map(|(c, l)| (c.slug.clone(), l)));
        for (scope, line) in lines {
            for m in &line.months {
                continuity_rows.push(vec![
                    scope.clone(),
                    m.month.to_string(),
                    match m.progress {
                        Progress::Over => "over",
                        Progress::Running => "running",
                        Progress::NotStarted => "not_started",
                    }
                    .to_owned(),
                    m.projects.to_string(),
                    m.active.to_string(),
                    line.share(m.month)
                        .map(|s| format!("{s:.3}"))
                        .unwrap_or_default(),
                ]);
            }
        }
    }

    Ok(Package {
        edition_slug: edition.slug,
        edition_name: edition.name,
        licence,
        tables: vec![
            Table {
                name: "projects",
                title: "Projets publics / Public projects",
                fields: &PROJECT_FIELDS,
                rows: project_rows,
            },
            Table {
                name: "milestones",
                title: "Jalons / Milestones",
                fields: &MILESTONE_FIELDS,
                rows: milestone_rows,
            },
            Table {
                name: "continuity",
                title: "Continuité / Continuity",
                fields: &CONTINUITY_FIELDS,
                rows: continuity_rows,
            },
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_licence_is_odbl_or_etalab() {
        assert_eq!(DataLicence::parse("ODbL"), Ok(DataLicence::Odbl));
        assert_eq!(DataLicence::parse(" etalab-2.0 "), Ok(DataLicence::Etalab));
        assert!(DataLicence::parse("cc-by").is_err());
        assert_eq!(DataLicence::default().id(), "ODbL-1.0");
    }
}
