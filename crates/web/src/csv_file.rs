//! CSV files that open correctly in LibreOffice and Excel: RFC 4180
//! (fields quoted when they hold a comma, a quote or a line break; quotes
//! doubled; CRLF line ends), UTF-8 without byte-order mark, a header row.
//!
//! A spreadsheet reads a cell beginning with `=`, `+`, `-` or `@` (or a
//! tab or carriage return) as a formula: a project's title could then run
//! code on a coordinator's computer. `relais_domain::csv_cell` writes the
//! file and gives such a cell a leading apostrophe, as OWASP recommends.

use crate::error::{WebError, WebResult};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use relais_domain::csv_cell;
use relais_domain::figures::export::Table;

/// The table as CSV bytes, written by `relais_domain::csv_cell` (the one
/// writer for every CSV Relais makes, open data included).
pub fn write(table: &Table) -> WebResult<Vec<u8>> {
    Ok(csv_cell::write(table.columns, table.rows.iter().cloned())?)
}

fn internal(message: String) -> WebError {
    WebError::Domain(relais_domain::DomainError::Internal(message))
}

/// A CSV download named `file_name`.
pub fn download(table: &Table, file_name: &str) -> WebResult<Response> {
    let bytes = write(table)?;
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
        .map_err(|e| internal(format!("file name: {e}")))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            // Coordinators' data: never kept by a shared cache.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_quoting_follows_rfc_4180() {
        for (cell, expected) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+33 1", "'+33 1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("Café = lieu", "Café = lieu"),
            ("", ""),
        ] {
            assert_eq!(csv_cell::inert(cell), expected, "{cell:?}");
        }
        let table = Table {
            columns: &["title", "pitch"],
            rows: vec![vec!["Vélo, \"partagé\"".into(), "ligne 1\nligne 2".into()]],
        };
        let text = String::from_utf8(write(&table).expect("csv")).expect("utf-8");
        assert_eq!(
            text,
            "title,pitch\r\n\"Vélo, \"\"partagé\"\"\",\"ligne 1\nligne 2\"\r\n"
        );
    }
}
