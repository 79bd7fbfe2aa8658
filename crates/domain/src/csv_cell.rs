//! CSV files people open in a spreadsheet: RFC 4180 quoting (the `csv`
//! crate's), and every cell that a spreadsheet would read as a formula
//! made inert. This is the one place that does it, for every CSV Relais
//! writes (exports, open data).
//!
//! A cell beginning with `=`, `+`, `-` or `@` (or a tab or carriage
//! return, which some spreadsheets skip before looking) is a formula to
//! LibreOffice and Excel: a project titled `=HYPERLINK(…)` would run in a
//! coordinator's spreadsheet. Such a cell gets a leading apostrophe, which
//! spreadsheets show as text and do not display, as OWASP recommends. The
//! numbers Relais writes are never negative, so no number is changed.

use crate::error::{DomainError, Result};
use std::borrow::Cow;

/// First characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` as it may be written to a CSV file opened in a spreadsheet.
pub fn inert(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV file: `header`, then `rows`, each cell made inert, quoted as
/// RFC 4180 says (CRLF line ends, quotes doubled), in UTF-8 without BOM.
pub fn write<R, C>(header: &[&str], rows: R) -> Result<Vec<u8>>
where
    R: IntoIterator<Item = Vec<C>>,
    C: AsRef<str>,
{
    let failed = |e: csv::Error| DomainError::Internal(format!("CSV not written: {e}"));
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(header).map_err(failed)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|c| inert(c.as_ref()).into_owned()))
            .map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|e| DomainError::Internal(format!("CSV not written: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_made_text() {
        for formula in ["=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "\r=1"] {
            assert_eq!(inert(formula), format!("'{formula}"));
        }
        for plain in ["Vélo", "12", "0.5", "2024-03-10", "", "a=b", " =x"] {
            assert_eq!(inert(plain), plain);
        }
    }

    #[test]
    fn quotes_commas_and_line_breaks_are_quoted_as_rfc_4180_says() {
        let bytes = write(
            &["title", "pitch"],
            [vec!["Le \"Vélo\"", "un, deux\ntrois"], vec!["=cmd", "ok"]],
        )
        .expect("csv");
        assert_eq!(
            String::from_utf8(bytes).expect("utf-8"),
            "title,pitch\r\n\"Le \"\"Vélo\"\"\",\"un, deux\ntrois\"\r\n'=cmd,ok\r\n"
        );
    }
}
