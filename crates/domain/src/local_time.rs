//! Times of day typed by people, and a day and time read on a city's clock.
//! `<input type="time">` sends `HH:MM`; where a browser offers a plain text
//! box instead, people write `18h30`, `18 h` or `9:05`, and all mean the same.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// A time of day typed as `HH:MM`, `H:MM`, `18h30`, `18 h 30` or `18h`, or
/// the message key to show by its field.
pub fn parse(text: &str) -> Result<NaiveTime, &'static str> {
    let compact: String = text.split_whitespace().collect::<String>().to_lowercase();
    let (hours, minutes) = compact
        .split_once(':')
        .or_else(|| compact.split_once('h'))
        .ok_or("error-time-invalid")?;
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if hours.is_empty()
        || hours.len() > 2
        || minutes.len() > 2
        || (minutes.len() == 1)
        || !all_digits(hours)
        || !all_digits(minutes)
    {
        return Err("error-time-invalid");
    }
    let hours: u32 = hours.parse().map_err(|_| "error-time-invalid")?;
    let minutes: u32 = if minutes.is_empty() {
        0
    } else {
        minutes.parse().map_err(|_| "error-time-invalid")?
    };
    NaiveTime::from_hms_opt(hours, minutes, 0).ok_or("error-time-invalid")
}

/// The instant a person means by `date` at `time` on `zone`'s clock. A time
/// the clock skips (the hour lost when summer time starts) is refused rather
/// than moved, so nobody is invited at an hour they did not choose; in the
/// hour that repeats in autumn, the first one is meant.
pub fn at(zone: Tz, date: NaiveDate, time: NaiveTime) -> Result<DateTime<Utc>, &'static str> {
    zone.from_local_datetime(&date.and_time(time))
        .earliest()
        .map(|local| local.with_timezone(&Utc))
        .ok_or("error-time-skipped")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> Result<NaiveTime, &'static str> {
        NaiveTime::from_hms_opt(h, m, 0).ok_or("no such time")
    }

    #[test]
    fn times_are_read_as_people_write_them() {
        assert_eq!(parse("18:30"), hm(18, 30));
        assert_eq!(parse(" 9:05 "), hm(9, 5));
        assert_eq!(parse("18h30"), hm(18, 30));
        assert_eq!(parse("18 h 30"), hm(18, 30));
        assert_eq!(parse("18H"), hm(18, 0));
        assert_eq!(parse("18 h"), hm(18, 0));
        assert_eq!(parse("00:00"), hm(0, 0));
        for wrong in [
            "",
            "18",
            "24:00",
            "18:60",
            "18:5",
            "h30",
            "18:30:00",
            "-1:00",
            "١٨:٣٠",
            "18h3o",
        ] {
            assert_eq!(parse(wrong), Err("error-time-invalid"), "{wrong:?}");
        }
    }

    #[test]
    fn a_skipped_hour_is_refused_and_a_repeated_one_is_the_first() {
        let paris: Tz = "Europe/Paris".parse().expect("zone");
        let spring = NaiveDate::from_ymd_opt(2027, 3, 28).expect("day");
        assert_eq!(
            at(
                paris,
                spring,
                NaiveTime::from_hms_opt(2, 30, 0).expect("time")
            ),
            Err("error-time-skipped")
        );
        let autumn = NaiveDate::from_ymd_opt(2027, 10, 31).expect("day");
        let first = at(
            paris,
            autumn,
            NaiveTime::from_hms_opt(2, 30, 0).expect("time"),
        );
        assert_eq!(
            first.map(|t| t.to_rfc3339()),
            Ok("2027-10-31T00:30:00+00:00".to_owned())
        );
        let winter = NaiveDate::from_ymd_opt(2027, 1, 14).expect("day");
        assert_eq!(
            at(
                paris,
                winter,
                NaiveTime::from_hms_opt(18, 30, 0).expect("time")
            )
            .map(|t| t.to_rfc3339()),
            Ok("2027-01-14T17:30:00+00:00".to_owned())
        );
    }
}
