//! Dates and times for people, in both languages, for pages and emails.
//!
//! Month and weekday names live in the Fluent files (read once, then kept);
//! how they are put together (French "1er", "19 h 00", the English 12-hour
//! clock) is grammar, written here per language. A time is always shown in
//! the zone of the place it belongs to (a meeting's city); the zone is named
//! only when the reader's own clock would read differently at that moment.
//! Machine formats (`<time datetime>`, feeds) use RFC 3339 with seconds.

use crate::i18n::{t, t_args, t_count};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, SecondsFormat, Timelike, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};
use relais_domain::Language;
use std::sync::OnceLock;

/// A no-break space: keeps "19 h 00" and "3 déc." on one line.
const NBSP: char = '\u{a0}';

/// A zone as people name it: the zone, and the place that names it
/// ("Lyon" in "heure de Lyon").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedZone {
    /// The IANA zone.
    pub zone: Tz,
    /// The place it is named after, usually the city.
    pub place: String,
}

impl NamedZone {
    /// The zone of a named place (a city).
    pub fn new(zone: Tz, place: &str) -> NamedZone {
        NamedZone {
            zone,
            place: place.to_owned(),
        }
    }

    /// A zone named after its own IANA city ("America/Montreal" → "Montreal").
    pub fn of_zone(zone: Tz) -> NamedZone {
        let name = zone.name();
        let place = name.rsplit('/').next().unwrap_or(name).replace('_', " ");
        NamedZone { zone, place }
    }
}

struct Names {
    weekdays: [String; 7],
    months: [String; 12],
    months_short: [String; 12],
}

fn names(lang: Language) -> &'static Names {
    static FR: OnceLock<Names> = OnceLock::new();
    static EN: OnceLock<Names> = OnceLock::new();
    let cell = match lang {
        Language::Fr => &FR,
        Language::En => &EN,
    };
    cell.get_or_init(|| Names {
        weekdays: std::array::from_fn(|i| t(lang, &format!("date-weekday-{}", i + 1))),
        months: std::array::from_fn(|i| t(lang, &format!("date-month-{}", i + 1))),
        months_short: std::array::from_fn(|i| t(lang, &format!("date-month-short-{}", i + 1))),
    })
}

fn weekday(lang: Language, date: NaiveDate) -> &'static str {
    &names(lang).weekdays[date.weekday().num_days_from_monday() as usize]
}

fn month(lang: Language, date: NaiveDate) -> &'static str {
    &names(lang).months[date.month0() as usize]
}

fn day(lang: Language, date: NaiveDate) -> String {
    match (lang, date.day()) {
        (Language::Fr, 1) => "1er".to_owned(),
        (_, d) => d.to_string(),
    }
}

/// "3 décembre 2026" / "3 December 2026".
pub fn date(lang: Language, date: NaiveDate) -> String {
    format!("{} {} {}", day(lang, date), month(lang, date), date.year())
}

/// "jeudi 3 décembre 2026" / "Thursday 3 December 2026".
pub fn date_long(lang: Language, date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        weekday(lang, date),
        day(lang, date),
        month(lang, date),
        date.year()
    )
}

/// "décembre 2026" / "December 2026": the month of `date`.
pub fn month_of_year(lang: Language, date: NaiveDate) -> String {
    format!("{} {}", month(lang, date), date.year())
}

/// "3 déc." / "3 Dec" (the year is the reader's to infer).
pub fn date_short(lang: Language, date: NaiveDate) -> String {
    format!(
        "{}{NBSP}{}",
        day(lang, date),
        names(lang).months_short[date.month0() as usize]
    )
}

/// "19 h 00" / "7:00 pm".
pub fn time(lang: Language, at: NaiveTime) -> String {
    match lang {
        Language::Fr => format!("{}{NBSP}h{NBSP}{:02}", at.hour(), at.minute()),
        Language::En => {
            let (pm, hour) = at.hour12();
            format!(
                "{hour}:{:02}{NBSP}{}",
                at.minute(),
                if pm { "pm" } else { "am" }
            )
        }
    }
}

/// "(heure de Lyon)" / "(Lyon time)" when a reader in `reader` would read
/// another wall time than `zone` at `at`; `None` when the clocks agree or
/// the reader's zone is unknown (a visitor reads the place's time).
pub fn zone_note(
    lang: Language,
    at: DateTime<Utc>,
    zone: &NamedZone,
    reader: Option<Tz>,
) -> Option<String> {
    use chrono::Offset;
    let reader = reader?;
    let theirs = at.with_timezone(&zone.zone).offset().fix();
    let mine = at.with_timezone(&reader).offset().fix();
    if theirs == mine {
        return None;
    }
    let initial = zone.place.chars().next().unwrap_or('x');
    let sound = if "AEIOUYÂÉÈÊÎÔaeiouyâéèêîô".contains(initial) {
        "vowel"
    } else {
        "consonant"
    };
    Some(t_args(
        lang,
        "date-zone-of",
        &[("place", &zone.place), ("sound", sound)],
    ))
}

/// "jeudi 3 décembre 2026 à 19 h 00 (heure de Lyon)" /
/// "Thursday 3 December 2026, 7:00 pm (Lyon time)": a moment in its
/// place's zone, named when it is not the reader's.
pub fn moment(lang: Language, at: DateTime<Utc>, zone: &NamedZone, reader: Option<Tz>) -> String {
    let local = at.with_timezone(&zone.zone);
    let text = t_args(
        lang,
        "date-at-time",
        &[
            ("date", &date_long(lang, local.date_naive())),
            ("time", &time(lang, local.time())),
        ],
    );
    match zone_note(lang, at, zone, reader) {
        Some(note) => format!("{text} ({note})"),
        None => text,
    }
}

/// "3 déc., 19 h 00" / "3 Dec, 7:00 pm": the same, for lists.
pub fn moment_short(
    lang: Language,
    at: DateTime<Utc>,
    zone: &NamedZone,
    reader: Option<Tz>,
) -> String {
    let local = at.with_timezone(&zone.zone);
    let text = format!(
        "{}, {}",
        date_short(lang, local.date_naive()),
        time(lang, local.time())
    );
    match zone_note(lang, at, zone, reader) {
        Some(note) => format!("{text} ({note})"),
        None => text,
    }
}

/// "dans 3 jours", "il y a 2 semaines" / "in 3 days", "2 weeks ago".
pub fn relative(lang: Language, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (at - now).num_seconds();
    let future = seconds > 0;
    let span = seconds.unsigned_abs();
    if span < 60 {
        return t(lang, "date-relative-now");
    }
    let (unit, count) = match span {
        s if s < 3_600 => ("minutes", s / 60),
        s if s < 86_400 => ("hours", s / 3_600),
        s if s < 7 * 86_400 => ("days", s / 86_400),
        s if s < 35 * 86_400 => ("weeks", s / (7 * 86_400)),
        s if s < 365 * 86_400 => ("months", (s / (30 * 86_400)).max(1)),
        s => ("years", s / (365 * 86_400)),
    };
    let direction = if future { "future" } else { "past" };
    t_count(
        lang,
        &format!("date-relative-{unit}-{direction}"),
        "count",
        count,
    )
}

/// A calendar day seen from `today`: "aujourd'hui", "demain", "hier",
/// "dans 3 jours", "il y a 2 semaines" / "today", "in 3 days"… Counted in
/// whole days of the calendar, so midnight and a change of clock do not
/// shift it.
pub fn day_relative(lang: Language, day: NaiveDate, today: NaiveDate) -> String {
    match (day - today).num_days() {
        0 => t(lang, "date-today"),
        1 => t(lang, "date-tomorrow"),
        -1 => t(lang, "date-yesterday"),
        days => {
            // Whole days as noon-to-noon spans: the instant forms' units.
            let noon = |d: NaiveDate| d.and_hms_opt(12, 0, 0).map(|n| n.and_utc());
            match (noon(day), noon(today)) {
                (Some(at), Some(now)) => relative(lang, at, now),
                _ => t_count(
                    lang,
                    "date-relative-days-future",
                    "count",
                    days.unsigned_abs(),
                ),
            }
        }
    }
}

/// "9 – 10 mars 2018": a span of days, saying its month and year once;
/// a single day reads as that day.
pub fn date_range(lang: Language, start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        return date(lang, start);
    }
    let first = if start.year() != end.year() {
        date(lang, start)
    } else if start.month() != end.month() {
        format!("{} {}", day(lang, start), month(lang, start))
    } else {
        day(lang, start)
    };
    format!("{first}{NBSP}–{NBSP}{}", date(lang, end))
}

/// "3 décembre 2026 à 19 h 00" / "3 December 2026, 7:00 pm": a moment on a
/// place's clock without the weekday, for histories and journals.
pub fn date_and_time(lang: Language, at: DateTime<Utc>, zone: Tz) -> String {
    let local = at.with_timezone(&zone);
    t_args(
        lang,
        "date-at-time",
        &[
            ("date", &date(lang, local.date_naive())),
            ("time", &time(lang, local.time())),
        ],
    )
}

/// "3 déc., 19 h 00" on `zone`'s clock, the zone never named: for lists
/// that say their place once (a city's meetings, a poll's slots).
pub fn moment_in(lang: Language, at: DateTime<Utc>, zone: Tz) -> String {
    moment_short(lang, at, &NamedZone::of_zone(zone), None)
}

/// RFC 3339 in UTC with whole seconds, for `datetime` attributes and feeds.
pub fn machine(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A `<time>` element: the moment for people, RFC 3339 for machines.
pub fn time_tag(lang: Language, at: DateTime<Utc>, zone: &NamedZone, reader: Option<Tz>) -> Markup {
    html! { time datetime=(machine(at)) { (moment(lang, at, zone, reader)) } }
}

/// A `<time>` element for a calendar date.
pub fn date_tag(lang: Language, day: NaiveDate) -> Markup {
    html! { time datetime=(day.format("%Y-%m-%d").to_string()) { (date(lang, day)) } }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::{America, Europe};

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("valid")
    }

    fn plain(s: &str) -> String {
        s.replace(NBSP, " ")
    }

    #[test]
    fn long_dates_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
        assert_eq!(date_long(Language::Fr, d), "jeudi 3 décembre 2026");
        assert_eq!(date_long(Language::En, d), "Thursday 3 December 2026");
        let first = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        assert_eq!(date_long(Language::Fr, first), "mardi 1er décembre 2026");
        assert_eq!(date(Language::En, first), "1 December 2026");
        assert_eq!(plain(&date_short(Language::Fr, d)), "3 déc.");
        assert_eq!(plain(&date_short(Language::En, d)), "3 Dec");
        assert_eq!(month_of_year(Language::Fr, d), "décembre 2026");
        assert_eq!(month_of_year(Language::En, first), "December 2026");
    }

    #[test]
    fn times_follow_each_language() {
        let evening = NaiveTime::from_hms_opt(19, 0, 0).expect("time");
        assert_eq!(time(Language::Fr, evening), "19\u{a0}h\u{a0}00");
        assert_eq!(time(Language::En, evening), "7:00\u{a0}pm");
        let midnight = NaiveTime::from_hms_opt(0, 5, 0).expect("time");
        assert_eq!(plain(&time(Language::Fr, midnight)), "0 h 05");
        assert_eq!(plain(&time(Language::En, midnight)), "12:05 am");
        let noon = NaiveTime::from_hms_opt(12, 30, 0).expect("time");
        assert_eq!(plain(&time(Language::En, noon)), "12:30 pm");
    }

    #[test]
    fn a_meeting_in_lyon_read_in_lyon_and_from_montreal() {
        let lyon = NamedZone::new(Europe::Paris, "Lyon");
        // 19:00 in Lyon (UTC+1 in December).
        let at = utc(2026, 12, 3, 18, 0);
        assert_eq!(
            plain(&moment(Language::Fr, at, &lyon, Some(Europe::Paris))),
            "jeudi 3 décembre 2026 à 19 h 00"
        );
        assert_eq!(
            plain(&moment(Language::Fr, at, &lyon, Some(America::Montreal))),
            "jeudi 3 décembre 2026 à 19 h 00 (heure de Lyon)"
        );
        assert_eq!(
            plain(&moment(Language::En, at, &lyon, Some(America::Montreal))),
            "Thursday 3 December 2026, 7:00 pm (Lyon time)"
        );
        // A visitor reads the place's time, unnamed.
        assert_eq!(
            plain(&moment(Language::En, at, &lyon, None)),
            "Thursday 3 December 2026, 7:00 pm"
        );
    }

    #[test]
    fn the_zone_is_named_only_when_the_clocks_differ_at_that_moment() {
        let dakar = NamedZone::new(chrono_tz::Africa::Dakar, "Dakar");
        let london = Some(Europe::London);
        // Winter: London and Dakar both read UTC.
        assert_eq!(
            zone_note(Language::Fr, utc(2026, 1, 15, 18, 0), &dakar, london),
            None
        );
        // Summer: London is an hour ahead of Dakar.
        assert_eq!(
            zone_note(Language::Fr, utc(2026, 7, 15, 18, 0), &dakar, london).as_deref(),
            Some("heure de Dakar")
        );
        let abidjan = NamedZone::new(chrono_tz::Africa::Abidjan, "Abidjan");
        assert_eq!(
            zone_note(Language::Fr, utc(2026, 7, 15, 18, 0), &abidjan, london).as_deref(),
            Some("heure d'Abidjan")
        );
    }

    #[test]
    fn across_midnight_and_dst_the_place_s_calendar_wins() {
        let montreal = NamedZone::new(America::Montreal, "Montréal");
        // 23:30 in Montréal on Saturday 28 March 2026 is already Sunday in Paris,
        // the night Europe moves its clocks forward.
        let at = utc(2026, 3, 29, 3, 30);
        assert_eq!(
            plain(&moment(Language::Fr, at, &montreal, Some(Europe::Paris))),
            "samedi 28 mars 2026 à 23 h 30 (heure de Montréal)"
        );
        // Paris after the change: 05:30 local.
        let paris = NamedZone::new(Europe::Paris, "Paris");
        assert_eq!(
            plain(&moment_short(Language::Fr, at, &paris, Some(Europe::Paris))),
            "29 mars, 5 h 30"
        );
    }

    #[test]
    fn relative_forms_in_both_languages() {
        let now = utc(2026, 11, 26, 12, 0);
        assert_eq!(
            relative(Language::Fr, now + chrono::Duration::days(3), now),
            "dans 3 jours"
        );
        assert_eq!(
            relative(Language::Fr, now - chrono::Duration::days(14), now),
            "il y a 2 semaines"
        );
        assert_eq!(
            relative(Language::En, now - chrono::Duration::hours(1), now),
            "1 hour ago"
        );
        assert_eq!(
            relative(Language::En, now + chrono::Duration::days(1), now),
            "in 1 day"
        );
        assert_eq!(relative(Language::Fr, now, now), "à l'instant");
    }

    #[test]
    fn calendar_days_relative_to_today() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        let today = d(2026, 11, 20);
        assert_eq!(day_relative(Language::Fr, today, today), "aujourd'hui");
        assert_eq!(day_relative(Language::Fr, d(2026, 11, 21), today), "demain");
        assert_eq!(
            day_relative(Language::En, d(2026, 11, 19), today),
            "yesterday"
        );
        assert_eq!(
            day_relative(Language::Fr, d(2026, 11, 23), today),
            "dans 3 jours"
        );
        assert_eq!(
            day_relative(Language::Fr, d(2026, 11, 6), today),
            "il y a 2 semaines"
        );
        assert_eq!(
            day_relative(Language::En, d(2026, 11, 30), today),
            "in 1 week"
        );
        // Across the night Europe's clocks go back: still whole days.
        let sunday = d(2026, 10, 25);
        assert_eq!(
            day_relative(Language::Fr, d(2026, 10, 27), sunday),
            "dans 2 jours"
        );
        assert_eq!(
            day_relative(Language::En, d(2026, 10, 24), sunday),
            "yesterday"
        );
    }

    #[test]
    fn spans_of_days_say_the_month_and_year_once() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert_eq!(
            plain(&date_range(Language::Fr, d(2018, 3, 9), d(2018, 3, 10))),
            "9 – 10 mars 2018"
        );
        assert_eq!(
            plain(&date_range(Language::Fr, d(2018, 2, 28), d(2018, 3, 1))),
            "28 février – 1er mars 2018"
        );
        assert_eq!(
            plain(&date_range(Language::En, d(2018, 12, 31), d(2019, 1, 1))),
            "31 December 2018 – 1 January 2019"
        );
        assert_eq!(
            date_range(Language::En, d(2018, 3, 9), d(2018, 3, 9)),
            "9 March 2018"
        );
    }

    #[test]
    fn moments_on_a_place_s_clock_across_midnight() {
        // 23:30 UTC on 31 December is already New Year in Paris.
        let at = utc(2026, 12, 31, 23, 30);
        assert_eq!(
            plain(&date_and_time(Language::Fr, at, Europe::Paris)),
            "1er janvier 2027 à 0 h 30"
        );
        assert_eq!(
            plain(&date_and_time(Language::En, at, America::Montreal)),
            "31 December 2026, 6:30 pm"
        );
        assert_eq!(
            plain(&moment_in(Language::Fr, at, Europe::Paris)),
            "1er janv., 0 h 30"
        );
    }

    #[test]
    fn machine_times_are_rfc3339_with_seconds() {
        let at = utc(2026, 12, 3, 18, 0) + chrono::Duration::nanoseconds(123_456);
        assert_eq!(machine(at), "2026-12-03T18:00:00Z");
    }
}
