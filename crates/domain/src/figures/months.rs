//! Periods of local days and their instants: calendar months and quarters
//! for the dashboard and the report, and the months after a marathon for
//! continuity.
//!
//! A period is a run of days in one time zone. Timestamps (journal entries,
//! answers) are compared with the UTC instants where those days begin;
//! dates (a milestone's done day, already in its city's calendar) with the
//! days themselves.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Days `first_day..=last_day` in a zone, and the instants they span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub first_day: NaiveDate,
    /// The last day (included).
    pub last_day: NaiveDate,
    /// The instant the first day begins.
    pub starts_at: DateTime<Utc>,
    /// The instant the day after the last one begins (excluded).
    pub ends_at: DateTime<Utc>,
}

impl Period {
    /// The days `first_day..=last_day` in `zone`.
    pub fn of_days(zone: Tz, first_day: NaiveDate, last_day: NaiveDate) -> Period {
        Period {
            first_day,
            last_day,
            starts_at: start_of_day(zone, first_day),
            ends_at: start_of_day(zone, last_day + Days::new(1)),
        }
    }

    /// The calendar month containing `day`.
    pub fn month_of(zone: Tz, day: NaiveDate) -> Period {
        let first = day.with_day(1).unwrap_or(day);
        let next = first + Months::new(1);
        Period::of_days(zone, first, next - Days::new(1))
    }

    /// The calendar month of `zone` that the instant `at` falls in, with
    /// the bounds `month_of` gives (a day beginning after a gap at
    /// midnight, a month beginning at its first day's start).
    pub fn month_at(zone: Tz, at: DateTime<Utc>) -> Period {
        let month = Period::month_of(zone, at.with_timezone(&zone).date_naive());
        if at < month.starts_at {
            Period::month_of(zone, month.first_day - Months::new(1))
        } else if at >= month.ends_at {
            Period::month_of(zone, month.first_day + Months::new(1))
        } else {
            month
        }
    }

    /// Where `now` stands against the period.
    pub fn progress(&self, now: DateTime<Utc>) -> Progress {
        if now < self.starts_at {
            Progress::NotStarted
        } else if now < self.ends_at {
            Progress::Running
        } else {
            Progress::Over
        }
    }
}

/// Where the present stands against a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// It has not begun: nothing can be said yet.
    NotStarted,
    /// It is under way: figures so far.
    Running,
    /// It is over: figures are final.
    Over,
}

/// The instant `day` begins in `zone`. Where midnight falls in a
/// daylight-saving gap (a few zones change their clocks at midnight), the
/// day begins at the end of the gap.
pub fn start_of_day(zone: Tz, day: NaiveDate) -> DateTime<Utc> {
    let mut local = day.and_time(NaiveTime::MIN);
    for _ in 0..4 {
        if let Some(at) = zone.from_local_datetime(&local).earliest() {
            return at.with_timezone(&Utc);
        }
        local += chrono::Duration::minutes(30);
    }
    Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN))
}

/// The `count` calendar months up to and including the one of `now` in
/// `zone`, oldest first.
pub fn last_months(zone: Tz, now: DateTime<Utc>, count: u32) -> Vec<Period> {
    let today = now.with_timezone(&zone).date_naive();
    let this_month = Period::month_of(zone, today).first_day;
    (0..count)
        .rev()
        .map(|back| Period::month_of(zone, this_month - Months::new(back)))
        .collect()
}

/// A calendar quarter: `year` and 1 to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quarter {
    /// The year.
    pub year: i32,
    /// 1 to 4.
    pub number: u32,
}

impl Quarter {
    /// The quarter containing `day`.
    pub fn of(day: NaiveDate) -> Quarter {
        Quarter {
            year: day.year(),
            number: day.month0() / 3 + 1,
        }
    }

    /// Parses `2026-T4` or `2026-Q4` (French and English spellings).
    pub fn parse(text: &str) -> Result<Quarter, &'static str> {
        let (year, number) = text
            .trim()
            .split_once(['-'])
            .ok_or("error-quarter-invalid")?;
        let number = number
            .strip_prefix(['Q', 'T', 'q', 't'])
            .ok_or("error-quarter-invalid")?;
        match (year.parse::<i32>(), number.parse::<u32>()) {
            (Ok(year), Ok(number))
                if (1..=4).contains(&number) && (2000..=2200).contains(&year) =>
            {
                Ok(Quarter { year, number })
            }
            _ => Err("error-quarter-invalid"),
        }
    }

    /// `2026-Q4`, the form used in links.
    pub fn code(self) -> String {
        format!("{}-Q{}", self.year, self.number)
    }

    /// The quarter before this one.
    pub fn previous(self) -> Quarter {
        if self.number == 1 {
            Quarter {
                year: self.year - 1,
                number: 4,
            }
        } else {
            Quarter {
                year: self.year,
                number: self.number - 1,
            }
        }
    }

    /// The first day of the quarter.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.number - 1) * 3 + 1, 1).unwrap_or_default()
    }

    /// Its three months in `zone`.
    pub fn months(self, zone: Tz) -> Vec<Period> {
        (0..3)
            .map(|k| Period::month_of(zone, self.first_day() + Months::new(k)))
            .collect()
    }

    /// The whole quarter in `zone`.
    pub fn period(self, zone: Tz) -> Period {
        let first = self.first_day();
        Period::of_days(zone, first, first + Months::new(3) - Days::new(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("test instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn a_month_spans_its_days_in_the_zone() {
        let march = Period::month_of(chrono_tz::America::Montreal, day("2026-03-17"));
        assert_eq!(march.first_day, day("2026-03-01"));
        assert_eq!(march.last_day, day("2026-03-31"));
        assert_eq!(march.starts_at, at("2026-03-01T05:00:00Z"));
        // Montréal is on summer time by the end of March.
        assert_eq!(march.ends_at, at("2026-04-01T04:00:00Z"));
    }

    #[test]
    fn an_instant_falls_in_its_month_in_the_zone() {
        let zone = chrono_tz::America::Montreal;
        // 03:30 UTC on 1 April is still 31 March in Montréal.
        let march = Period::month_at(zone, at("2026-04-01T03:30:00Z"));
        assert_eq!(march.first_day, day("2026-03-01"));
        let april = Period::month_at(zone, at("2026-04-01T04:00:00Z"));
        assert_eq!(april.first_day, day("2026-04-01"));
        assert_eq!(
            april.progress(at("2026-04-01T04:00:00Z")),
            Progress::Running
        );
    }

    #[test]
    fn the_last_months_end_with_the_current_one_in_the_zone() {
        // 23:30 UTC on 31 January is already February in Paris.
        let months = last_months(chrono_tz::Europe::Paris, at("2026-01-31T23:30:00Z"), 3);
        let firsts: Vec<NaiveDate> = months.iter().map(|p| p.first_day).collect();
        assert_eq!(
            firsts,
            [day("2025-12-01"), day("2026-01-01"), day("2026-02-01")]
        );
    }

    #[test]
    fn a_day_starting_in_a_gap_starts_when_the_gap_ends() {
        // Santiago moved its clocks from 00:00 to 01:00 on 2022-09-11.
        let start = start_of_day(chrono_tz::America::Santiago, day("2022-09-11"));
        assert_eq!(start, at("2022-09-11T04:00:00Z"));
    }

    #[test]
    fn quarters_parse_in_both_spellings_and_refuse_the_rest() {
        assert_eq!(
            Quarter::parse("2026-T4"),
            Ok(Quarter {
                year: 2026,
                number: 4
            })
        );
        assert_eq!(
            Quarter::parse("2026-Q1").map(Quarter::code),
            Ok("2026-Q1".into())
        );
        for bad in [
            "2026-Q5", "2026-Q0", "2026", "Q4-2026", "abcd-Q1", "2026-X1",
        ] {
            assert!(Quarter::parse(bad).is_err(), "{bad}");
        }
        let q1 = Quarter::of(day("2026-02-10"));
        assert_eq!(q1.code(), "2026-Q1");
        assert_eq!(q1.previous().code(), "2025-Q4");
        let period = q1.period(chrono_tz::UTC);
        assert_eq!(
            (period.first_day, period.last_day),
            (day("2026-01-01"), day("2026-03-31"))
        );
        assert_eq!(q1.months(chrono_tz::UTC).len(), 3);
    }
}
