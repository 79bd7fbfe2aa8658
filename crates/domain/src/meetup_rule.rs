//! The monthly rule of a meetup series: the Nth (or last) weekday of the
//! month, at a local time, for a duration, in a time zone.
//!
//! Only "first" to "fourth" and "last" exist: a "fifth Monday" falls in
//! only some months, and a monthly meeting that silently skips months is a
//! meeting people miss. Coordinators who want the end of the month choose
//! "last".
//!
//! Wall times are computed here with chrono-tz, not by the scheduler, so
//! that 19:00 in Paris stays 19:00 across daylight-saving changes. A local
//! time that does not exist (the spring gap) moves forward by the gap; an
//! ambiguous one (the autumn repeat) takes the first of the two instants.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
    Weekday,
};
use chrono_tz::Tz;

crate::stored_code! {
    /// Which occurrence of the weekday in the month.
    pub enum Ordinal ("ordinal", "error-choice-invalid") {
        /// The first.
        First = "first",
        /// The second.
        Second = "second",
        /// The third.
        Third = "third",
        /// The fourth.
        Fourth = "fourth",
        /// The last (the fourth or the fifth).
        Last = "last",
    }
}

impl Ordinal {
    /// Parses a submitted code; "fifth" is refused with a message pointing
    /// to "last".
    pub fn from_form(code: &str) -> Result<Self, &'static str> {
        match code.trim() {
            "fifth" => Err("error-ordinal-fifth"),
            c => Ordinal::parse(c).map_err(Into::into),
        }
    }
}

crate::stored_code! {
    /// A weekday as a series stores it; the rule computes with chrono's
    /// `Weekday`, which this crate cannot map to a column itself.
    pub enum DayOfWeek ("weekday", "error-choice-invalid") {
        /// Monday.
        Monday = "mon",
        /// Tuesday.
        Tuesday = "tue",
        /// Wednesday.
        Wednesday = "wed",
        /// Thursday.
        Thursday = "thu",
        /// Friday.
        Friday = "fri",
        /// Saturday.
        Saturday = "sat",
        /// Sunday.
        Sunday = "sun",
    }
}

impl DayOfWeek {
    /// The stored code of chrono's weekday.
    pub fn of(day: Weekday) -> DayOfWeek {
        match day {
            Weekday::Mon => DayOfWeek::Monday,
            Weekday::Tue => DayOfWeek::Tuesday,
            Weekday::Wed => DayOfWeek::Wednesday,
            Weekday::Thu => DayOfWeek::Thursday,
            Weekday::Fri => DayOfWeek::Friday,
            Weekday::Sat => DayOfWeek::Saturday,
            Weekday::Sun => DayOfWeek::Sunday,
        }
    }

    /// The weekday for chrono's calendar.
    pub fn weekday(self) -> Weekday {
        match self {
            DayOfWeek::Monday => Weekday::Mon,
            DayOfWeek::Tuesday => Weekday::Tue,
            DayOfWeek::Wednesday => Weekday::Wed,
            DayOfWeek::Thursday => Weekday::Thu,
            DayOfWeek::Friday => Weekday::Fri,
            DayOfWeek::Saturday => Weekday::Sat,
            DayOfWeek::Sunday => Weekday::Sun,
        }
    }
}

/// Longest meeting a rule may describe.
pub const MAX_DURATION_MINUTES: u32 = 24 * 60;

/// A monthly rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthlyRule {
    /// Which weekday of the month.
    pub ordinal: Ordinal,
    /// The weekday.
    pub weekday: Weekday,
    /// Local start time.
    pub start: NaiveTime,
    /// Length in minutes (1 to 24 h).
    pub duration_minutes: u32,
    /// The zone the local time is in.
    pub zone: Tz,
}

impl MonthlyRule {
    /// Builds a rule, checking the duration.
    pub fn new(
        ordinal: Ordinal,
        weekday: Weekday,
        start: NaiveTime,
        duration_minutes: u32,
        zone: Tz,
    ) -> Result<Self, &'static str> {
        if duration_minutes == 0 || duration_minutes > MAX_DURATION_MINUTES {
            return Err("error-duration-invalid");
        }
        Ok(MonthlyRule {
            ordinal,
            weekday,
            start,
            duration_minutes,
            zone,
        })
    }

    /// The local date the rule designates in a month.
    pub fn date_in(&self, year: i32, month: u32) -> Option<NaiveDate> {
        let n = match self.ordinal {
            Ordinal::First => 1,
            Ordinal::Second => 2,
            Ordinal::Third => 3,
            Ordinal::Fourth => 4,
            Ordinal::Last => 5,
        };
        NaiveDate::from_weekday_of_month_opt(year, month, self.weekday, n).or_else(|| {
            (self.ordinal == Ordinal::Last)
                .then(|| NaiveDate::from_weekday_of_month_opt(year, month, self.weekday, 4))
                .flatten()
        })
    }

    /// The start and end instants of the meeting on `date`, in UTC.
    pub fn instants_on(&self, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        let start = resolve_local(self.zone, date.and_time(self.start));
        (
            start,
            start + Duration::minutes(i64::from(self.duration_minutes)),
        )
    }

    /// Every (rule date, start, end) whose date lies in `from..=until`.
    pub fn between(
        &self,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Vec<(NaiveDate, DateTime<Utc>, DateTime<Utc>)> {
        let mut out = Vec::new();
        let (mut year, mut month) = (from.year(), from.month());
        while NaiveDate::from_ymd_opt(year, month, 1).is_some_and(|first| first <= until) {
            if let Some(date) = self.date_in(year, month)
                && date >= from
                && date <= until
            {
                let (start, end) = self.instants_on(date);
                out.push((date, start, end));
            }
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
        out
    }
}

/// The instant of a local wall time in `zone`: the first of two when the
/// clock repeats; when it skips, the wall time read with the offset in force
/// just before the gap, which lands as far past the gap as it was into it.
pub fn resolve_local(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    if let Some(first) = zone.from_local_datetime(&local).earliest() {
        return first.with_timezone(&Utc);
    }
    let offset_before = zone
        .from_local_datetime(&(local - Duration::hours(3)))
        .earliest()
        .map_or(0, |before| before.offset().fix().local_minus_utc());
    Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(offset_before))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(ordinal: Ordinal, weekday: Weekday, hh: u32, mm: u32, zone: &str) -> MonthlyRule {
        MonthlyRule::new(
            ordinal,
            weekday,
            NaiveTime::from_hms_opt(hh, mm, 0).expect("time"),
            150,
            zone.parse().expect("zone"),
        )
        .expect("rule")
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn local_times(r: &MonthlyRule, from: &str, until: &str) -> Vec<String> {
        r.between(d(from), d(until))
            .into_iter()
            .map(|(_, start, _)| {
                start
                    .with_timezone(&r.zone)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn first_thursday_at_seven_in_paris_stays_at_seven_across_both_dst_changes() {
        let r = rule(Ordinal::First, Weekday::Thu, 19, 0, "Europe/Paris");
        let got = local_times(&r, "2026-01-01", "2027-12-31");
        let expected = [
            "2026-01-01",
            "2026-02-05",
            "2026-03-05",
            "2026-04-02",
            "2026-05-07",
            "2026-06-04",
            "2026-07-02",
            "2026-08-06",
            "2026-09-03",
            "2026-10-01",
            "2026-11-05",
            "2026-12-03",
            "2027-01-07",
            "2027-02-04",
            "2027-03-04",
            "2027-04-01",
            "2027-05-06",
            "2027-06-03",
            "2027-07-01",
            "2027-08-05",
            "2027-09-02",
            "2027-10-07",
            "2027-11-04",
            "2027-12-02",
        ];
        assert_eq!(
            got,
            expected
                .iter()
                .map(|d| format!("{d} 19:00"))
                .collect::<Vec<_>>()
        );
        // And the UTC instant moves by an hour when summer time starts.
        let march = r.instants_on(d("2026-03-05")).0;
        let april = r.instants_on(d("2026-04-02")).0;
        assert_eq!(march.format("%H:%M").to_string(), "18:00");
        assert_eq!(april.format("%H:%M").to_string(), "17:00");
    }

    #[test]
    fn last_sunday_lands_on_the_dst_weekends_and_skips_nothing() {
        // The last Sundays of March and October are the change days in Europe.
        let r = rule(Ordinal::Last, Weekday::Sun, 10, 0, "Europe/Paris");
        let got = local_times(&r, "2026-01-01", "2026-12-31");
        let expected = [
            "2026-01-25",
            "2026-02-22",
            "2026-03-29",
            "2026-04-26",
            "2026-05-31",
            "2026-06-28",
            "2026-07-26",
            "2026-08-30",
            "2026-09-27",
            "2026-10-25",
            "2026-11-29",
            "2026-12-27",
        ];
        assert_eq!(
            got,
            expected
                .iter()
                .map(|d| format!("{d} 10:00"))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_time_inside_the_spring_gap_moves_forward_and_a_repeated_one_takes_the_first() {
        let spring = rule(Ordinal::Last, Weekday::Sun, 2, 30, "Europe/Paris");
        let (start, _) = spring.instants_on(d("2026-03-29"));
        assert_eq!(
            start
                .with_timezone(&spring.zone)
                .format("%H:%M")
                .to_string(),
            "03:30"
        );
        let autumn = rule(Ordinal::Last, Weekday::Sun, 2, 30, "Europe/Paris");
        let (start, _) = autumn.instants_on(d("2026-10-25"));
        assert_eq!(
            start.format("%H:%M").to_string(),
            "00:30",
            "02:30 CEST, the first of the two"
        );
    }

    #[test]
    fn other_zones_keep_their_own_wall_time() {
        // Dakar has no daylight saving; Montréal changes on other dates.
        let dakar = rule(Ordinal::Second, Weekday::Sat, 10, 0, "Africa/Dakar");
        assert_eq!(
            local_times(&dakar, "2026-01-01", "2026-04-30"),
            [
                "2026-01-10 10:00",
                "2026-02-14 10:00",
                "2026-03-14 10:00",
                "2026-04-11 10:00"
            ]
        );
        let montreal = rule(Ordinal::Second, Weekday::Tue, 18, 30, "America/Montreal");
        let got = montreal.between(d("2026-02-01"), d("2026-04-30"));
        let utc: Vec<String> = got
            .iter()
            .map(|(_, s, _)| s.format("%Y-%m-%d %H:%M").to_string())
            .collect();
        // Summer time starts on 8 March 2026 in Montréal: 23:30Z before, 22:30Z after.
        assert_eq!(
            utc,
            ["2026-02-10 23:30", "2026-03-10 22:30", "2026-04-14 22:30"]
        );
    }

    #[test]
    fn each_stored_weekday_is_its_chrono_weekday() {
        for day in DayOfWeek::ALL {
            assert_eq!(DayOfWeek::of(day.weekday()), day);
        }
        assert_eq!(DayOfWeek::of(Weekday::Thu).code(), "thu");
    }

    #[test]
    fn fifth_is_refused_and_durations_are_bounded() {
        assert_eq!(Ordinal::from_form("fifth"), Err("error-ordinal-fifth"));
        assert_eq!(Ordinal::parse("last"), Ok(Ordinal::Last));
        let t = NaiveTime::from_hms_opt(19, 0, 0).expect("time");
        assert!(MonthlyRule::new(Ordinal::First, Weekday::Mon, t, 0, chrono_tz::UTC).is_err());
        assert!(
            MonthlyRule::new(Ordinal::First, Weekday::Mon, t, 24 * 60 + 1, chrono_tz::UTC).is_err()
        );
        assert!(MonthlyRule::new(Ordinal::First, Weekday::Mon, t, 24 * 60, chrono_tz::UTC).is_ok());
    }
}
