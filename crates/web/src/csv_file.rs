//! CSV files that open correctly in LibreOffice and Excel: RFC 4180
//! (fields quoted when they hold a comma, a quote or a line break; quotes
//! doubled; CRLF line ends), UTF-8 without byte-order mark, a header row.
//!
//! A spreadsheet reads a cell beginning with `=`, `+`, `-` or `@` (or a
//! tab or carriage return) as a formula: a project's title could then run
//! code on a coordinator's computer. Such a cell gets a leading apostrophe,
//! which spreadsheets show as text, as OWASP recommends.

use crate::error::{WebError, WebResult};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use relais_domain::figures::export::Table;
use std::borrow::Cow;

fn internal(message: String) -> WebError {
    WebError::Domain(relais_domain::DomainError::Internal(message))
}

/// `cell`, made inert if a spreadsheet would read it as a formula.
pub fn inert(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The table as CSV bytes.
pub fn write(table: &Table) -> WebResult<Vec<u8>> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let failed = |e: csv::Error| internal(format!("writing CSV: {e}"));
    out.write_record(table.columns).map_err(failed)?;
    for row in &table.rows {
        out.write_record(row.iter().map(|cell| inert(cell).into_owned()))
            .map_err(failed)?;
    }
    out.into_inner()
        .map_err(|e| internal(format!("writing CSV: {e}")))
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
            assert_eq!(inert(cell), expected, "{cell:?}");
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
