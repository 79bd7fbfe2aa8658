//! The gallery's search index: for each project, its title and a body made
//! of its pitch, description, city name and live needs, searched without
//! regard to accents or case. People type "velo" and "ECOLE" for "Vélo"
//! and "école".
//!
//! SQLite: an FTS5 table with the `unicode61 remove_diacritics 2`
//! tokenizer, one row per project (rowid = project id). PostgreSQL: a
//! `tsvector` per project built with `unaccent` and the `simple`
//! configuration (no stemming, the same word-prefix matching as FTS5), the
//! title weighted A, the rest B, under a GIN index.
//!
//! Both are kept in step by triggers, so that every write (the
//! application's, a seed, a bulk import) keeps the index whole without the
//! domain having to remember it. A view, `project_search_source`, says once
//! what is indexed; the triggers re-read one project from it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: &[&str] = &[
    "CREATE VIEW project_search_source AS \
     SELECT p.id AS id, p.city_id AS city_id, p.title AS title, \
     coalesce(p.pitch, '') || ' ' || coalesce(p.description, '') || ' ' || coalesce(c.name, '') || ' ' || \
     coalesce((SELECT group_concat(n.description, ' ') FROM needs n \
               WHERE n.project_id = p.id AND n.state IN ('open', 'in_discussion')), '') AS body \
     FROM projects p LEFT JOIN cities c ON c.id = p.city_id",
    "CREATE VIRTUAL TABLE project_search USING fts5(title, body, \
     tokenize = 'unicode61 remove_diacritics 2')",
    "INSERT INTO project_search (rowid, title, body) \
     SELECT id, title, body FROM project_search_source",
    "CREATE TRIGGER project_search_project_insert AFTER INSERT ON projects BEGIN \
     INSERT INTO project_search (rowid, title, body) \
     SELECT id, title, body FROM project_search_source WHERE id = new.id; \
     END",
    "CREATE TRIGGER project_search_project_update \
     AFTER UPDATE OF title, pitch, description, city_id ON projects BEGIN \
     DELETE FROM project_search WHERE rowid = old.id; \
     INSERT INTO project_search (rowid, title, body) \
     SELECT id, title, body FROM project_search_source WHERE id = new.id; \
     END",
    "CREATE TRIGGER project_search_project_delete AFTER DELETE ON projects BEGIN \
     DELETE FROM project_search WHERE rowid = old.id; \
     END",
    "CREATE TRIGGER project_search_need_insert AFTER INSERT ON needs BEGIN \
     DELETE FROM project_search WHERE rowid = new.project_id; \
     INSERT INTO project_search (rowid, title, body) \
     SELECT id, title, body FROM project_search_source WHERE id = new.project_id; \
     END",
    "CREATE TRIGGER project_search_need_update AFTER UPDATE ON needs BEGIN \
     DELETE FROM project_search WHERE rowid IN (old.project_id, new.project_id); \
     INSERT INTO project_search (rowid, title, body) \
     SELECT id, title, body FROM project_search_source WHERE id IN (old.project_id, new.project_id); \
     END",
    "CREATE TRIGGER project_search_need_delete AFTER DELETE ON needs BEGIN \
     DELETE FROM project_search WHERE rowid = old.project_id; \
     INSERT INTO project_search (rowid, title, body) \
     SELECT id, title, body FROM project_search_source WHERE id = old.project_id; \
     END",
    "CREATE TRIGGER project_search_city_update AFTER UPDATE OF name ON cities BEGIN \
     DELETE FROM project_search WHERE rowid IN (SELECT id FROM projects WHERE city_id = new.id); \
     INSERT INTO project_search (rowid, title, body) \
     SELECT id, title, body FROM project_search_source WHERE city_id = new.id; \
     END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS project_search_city_update",
    "DROP TRIGGER IF EXISTS project_search_need_delete",
    "DROP TRIGGER IF EXISTS project_search_need_update",
    "DROP TRIGGER IF EXISTS project_search_need_insert",
    "DROP TRIGGER IF EXISTS project_search_project_delete",
    "DROP TRIGGER IF EXISTS project_search_project_update",
    "DROP TRIGGER IF EXISTS project_search_project_insert",
    "DROP TABLE IF EXISTS project_search",
    "DROP VIEW IF EXISTS project_search_source",
];

const POSTGRES_UP: &[&str] = &[
    // A trusted extension since PostgreSQL 13: the database's owner may
    // create it. Debian ships it in postgresql-contrib.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE VIEW project_search_source AS \
     SELECT p.id AS id, p.city_id AS city_id, p.title AS title, \
     concat_ws(' ', p.pitch, p.description, c.name, \
               (SELECT string_agg(n.description, ' ') FROM needs n \
                WHERE n.project_id = p.id AND n.state IN ('open', 'in_discussion'))) AS body \
     FROM projects p LEFT JOIN cities c ON c.id = p.city_id",
    "CREATE TABLE project_search (\
     project_id integer PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE, \
     document tsvector NOT NULL)",
    "CREATE INDEX ix_project_search_document ON project_search USING gin (document)",
    "CREATE FUNCTION project_search_refresh(pid integer) RETURNS void LANGUAGE sql AS $body$ \
     DELETE FROM project_search WHERE project_id = pid; \
     INSERT INTO project_search (project_id, document) \
     SELECT id, setweight(to_tsvector('simple', unaccent(coalesce(title, ''))), 'A') \
             || setweight(to_tsvector('simple', unaccent(coalesce(body, ''))), 'B') \
     FROM project_search_source WHERE id = pid; \
     $body$",
    "SELECT project_search_refresh(id) FROM projects",
    "CREATE FUNCTION project_search_on_project() RETURNS trigger LANGUAGE plpgsql AS $body$ \
     BEGIN \
       IF TG_OP = 'DELETE' THEN \
         DELETE FROM project_search WHERE project_id = OLD.id; \
         RETURN OLD; \
       END IF; \
       PERFORM project_search_refresh(NEW.id); \
       RETURN NEW; \
     END $body$",
    "CREATE TRIGGER project_search_on_project \
     AFTER INSERT OR DELETE OR UPDATE OF title, pitch, description, city_id ON projects \
     FOR EACH ROW EXECUTE FUNCTION project_search_on_project()",
    "CREATE FUNCTION project_search_on_need() RETURNS trigger LANGUAGE plpgsql AS $body$ \
     BEGIN \
       IF TG_OP <> 'INSERT' THEN PERFORM project_search_refresh(OLD.project_id); END IF; \
       IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.project_id <> OLD.project_id) THEN \
         PERFORM project_search_refresh(NEW.project_id); \
       END IF; \
       RETURN NULL; \
     END $body$",
    "CREATE TRIGGER project_search_on_need AFTER INSERT OR UPDATE OR DELETE ON needs \
     FOR EACH ROW EXECUTE FUNCTION project_search_on_need()",
    "CREATE FUNCTION project_search_on_city() RETURNS trigger LANGUAGE plpgsql AS $body$ \
     BEGIN \
       PERFORM project_search_refresh(id) FROM projects WHERE city_id = NEW.id; \
       RETURN NULL; \
     END $body$",
    "CREATE TRIGGER project_search_on_city AFTER UPDATE OF name ON cities \
     FOR EACH ROW EXECUTE FUNCTION project_search_on_city()",
];

const POSTGRES_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS project_search_on_city ON cities",
    "DROP TRIGGER IF EXISTS project_search_on_need ON needs",
    "DROP TRIGGER IF EXISTS project_search_on_project ON projects",
    "DROP FUNCTION IF EXISTS project_search_on_city()",
    "DROP FUNCTION IF EXISTS project_search_on_need()",
    "DROP FUNCTION IF EXISTS project_search_on_project()",
    "DROP FUNCTION IF EXISTS project_search_refresh(integer)",
    "DROP TABLE IF EXISTS project_search",
    "DROP VIEW IF EXISTS project_search_source",
    // The extension stays: other schemas may use it, and it holds no data.
];

async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => run(manager, POSTGRES_UP).await,
            _ => run(manager, SQLITE_UP).await,
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => run(manager, POSTGRES_DOWN).await,
            _ => run(manager, SQLITE_DOWN).await,
        }
    }
}
