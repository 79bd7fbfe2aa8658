//! iCalendar (RFC 5545) files: one event per meeting, times in UTC (no
//! floating times, so no VTIMEZONE is needed), stable UIDs and a SEQUENCE
//! that grows with each change, so calendar apps update the event they
//! already have instead of adding a second one.

use chrono::{DateTime, Utc};
use relais_domain::base_url::BaseUrl;

/// A meeting's UID, the same in an invitation's attachment and in every
/// calendar feed, so that a calendar updates the event it has.
pub fn meeting_uid(base: &BaseUrl, meetup_id: i32) -> String {
    format!("meetup-{meetup_id}@{}", base.host())
}

/// A milestone's due day's UID in calendar feeds.
pub fn milestone_uid(base: &BaseUrl, milestone_id: i32) -> String {
    format!("milestone-{milestone_id}@{}", base.host())
}

/// One event.
#[derive(Debug, Clone)]
pub struct CalendarEvent {
    /// For an all-day event (a due date), the day; `start`/`end` are then ignored.
    pub day: Option<chrono::NaiveDate>,
    /// Stable identifier, e.g. `meetup-12@relais.example.org`.
    pub uid: String,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// When this version was made.
    pub stamp: DateTime<Utc>,
    /// Revision number.
    pub sequence: i32,
    /// CONFIRMED, TENTATIVE, or CANCELLED (cancelled events stay in the file).
    pub status: Status,
    /// Title.
    pub summary: String,
    /// Address, or online link.
    pub location: String,
    /// The meeting's page.
    pub url: String,
    /// Plain-text description.
    pub description: String,
}

fn utc(dt: DateTime<Utc>) -> String {
    dt.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a character (§3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// An event's STATUS (RFC 5545 §3.8.1.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// It takes place, and the reader is expected there (answered yes, with a place).
    Confirmed,
    /// It takes place, but the reader may not be there (answered maybe, or waits for a place).
    Tentative,
    /// It does not take place.
    Cancelled,
}

impl Status {
    /// The value of the STATUS property.
    pub fn code(self) -> &'static str {
        match self {
            Status::Confirmed => "CONFIRMED",
            Status::Tentative => "TENTATIVE",
            Status::Cancelled => "CANCELLED",
        }
    }
}

/// What a calendar file asks of the calendar app (RFC 5546).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Here are events (feeds, invitations, changes).
    Publish,
    /// Remove these events (a cancelled meeting).
    Cancel,
}

impl Method {
    /// The value of the METHOD property.
    pub fn code(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Cancel => "CANCEL",
        }
    }
}

/// A VCALENDAR named `name` publishing `events`.
pub fn calendar(name: &str, events: &[CalendarEvent]) -> String {
    calendar_with_method(name, Method::Publish, events)
}

/// A VCALENDAR named `name` holding `events`, with `method`.
pub fn calendar_with_method(name: &str, method: Method, events: &[CalendarEvent]) -> String {
    let mut out = String::new();
    let mut line = |l: String| fold(&l, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//La Nuit du Code Citoyen//Relais//FR".into());
    line("CALSCALE:GREGORIAN".into());
    line(format!("METHOD:{}", method.code()));
    line(format!("X-WR-CALNAME:{}", text(name)));
    for e in events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", text(&e.uid)));
        line(format!("DTSTAMP:{}", utc(e.stamp)));
        match e.day {
            // A date, not a time: the same day everywhere, so no zone needed.
            Some(day) => {
                line(format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")));
                // Without DTEND a date event lasts its one day (RFC 5545
                // 3.6.1): the last representable day needs no next one.
                if let Some(next) = day.succ_opt() {
                    line(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
                }
            }
            None => {
                line(format!("DTSTART:{}", utc(e.start)));
                line(format!("DTEND:{}", utc(e.end)));
            }
        }
        line(format!("SEQUENCE:{}", e.sequence.max(0)));
        line(format!("STATUS:{}", e.status.code()));
        line(format!("SUMMARY:{}", text(&e.summary)));
        if !e.location.is_empty() {
            line(format!("LOCATION:{}", text(&e.location)));
        }
        line(format!("URL:{}", e.url));
        if !e.description.is_empty() {
            line(format!("DESCRIPTION:{}", text(&e.description)));
        }
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "é".repeat(60)), &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        assert_eq!(
            out.replace("\r\n ", "").trim_end(),
            format!("SUMMARY:{}", "é".repeat(60))
        );
    }

    #[test]
    fn text_is_escaped_and_times_are_utc() {
        let at = Utc
            .with_ymd_and_hms(2026, 3, 5, 18, 0, 0)
            .single()
            .expect("time");
        let cal = calendar(
            "Lyon",
            &[CalendarEvent {
                day: None,
                uid: "meetup-1@x".into(),
                start: at,
                end: at,
                stamp: at,
                sequence: 2,
                status: Status::Cancelled,
                summary: "Rencontre; café, code\\".into(),
                location: "1 rue X\nLyon".into(),
                url: "https://x/meetups/1".into(),
                description: String::new(),
            }],
        );
        assert!(cal.contains("DTSTART:20260305T180000Z\r\n"));
        assert!(cal.contains("SUMMARY:Rencontre\\; café\\, code\\\\\r\n"));
        assert!(cal.contains("LOCATION:1 rue X\\nLyon\r\n"));
        assert!(cal.contains("STATUS:CANCELLED\r\n"));
        assert!(cal.contains("SEQUENCE:2\r\n"));
    }

    #[test]
    fn a_due_date_on_the_last_representable_day_does_not_overflow() {
        let at = Utc
            .with_ymd_and_hms(2026, 3, 5, 18, 0, 0)
            .single()
            .expect("time");
        let cal = calendar(
            "Moi",
            &[CalendarEvent {
                day: Some(chrono::NaiveDate::MAX),
                uid: "milestone-1@x".into(),
                start: at,
                end: at,
                stamp: at,
                sequence: 0,
                status: Status::Confirmed,
                summary: "Échéance".into(),
                location: String::new(),
                url: "https://x/projects/p".into(),
                description: String::new(),
            }],
        );
        assert!(cal.contains("DTSTART;VALUE=DATE:"), "{cal}");
        assert!(!cal.contains("DTEND"), "{cal}");
    }
}
