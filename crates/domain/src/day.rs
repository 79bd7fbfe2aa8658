//! Calendar days typed by people, parsed once and kept within the years the
//! platform deals with, so that no later date arithmetic (reminders, feeds,
//! "due in N days") can overflow or land in year 262142.

use chrono::{Datelike, NaiveDate};

/// The first year a typed date may fall in.
pub const FIRST_YEAR: i32 = 2000;
/// The last year a typed date may fall in.
pub const LAST_YEAR: i32 = 2100;

/// A day typed as `YYYY-MM-DD` (what `<input type="date">` sends) or, as
/// people write it where the browser offers no date picker, `JJ/MM/AAAA`;
/// or the message key to show by its field.
pub fn parse(text: &str) -> Result<NaiveDate, &'static str> {
    let text = text.trim();
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .map_err(|_| "error-date-invalid")?;
    within_range(day)
}

/// The day itself if it falls between `FIRST_YEAR` and `LAST_YEAR`.
pub fn within_range(day: NaiveDate) -> Result<NaiveDate, &'static str> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&day.year()) {
        Ok(day)
    } else {
        Err("error-date-out-of-range")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_parse_within_the_platforms_years_only() {
        assert_eq!(
            parse(" 2026-12-03 "),
            NaiveDate::from_ymd_opt(2026, 12, 3).ok_or("no such day")
        );
        assert_eq!(parse("2000-01-01").map(|d| d.year()), Ok(2000));
        assert_eq!(parse("2100-12-31").map(|d| d.year()), Ok(2100));
        assert_eq!(parse("1999-12-31"), Err("error-date-out-of-range"));
        assert_eq!(parse("2101-01-01"), Err("error-date-out-of-range"));
        assert!(parse("+262142-01-01").is_err());
        assert!(parse("262142-01-01").is_err());
        assert_eq!(parse("03/12/2026").map(|d| d.month()), Ok(12));
        assert_eq!(parse("3/1/2027").map(|d| (d.day(), d.month())), Ok((3, 1)));
        assert_eq!(parse("12/31/2026"), Err("error-date-invalid"));
        assert_eq!(parse("03/12/26"), Err("error-date-out-of-range"));
        assert_eq!(parse("3 décembre"), Err("error-date-invalid"));
        assert_eq!(parse(""), Err("error-date-invalid"));
    }
}
