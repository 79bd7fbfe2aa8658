//! Monthly rules ("the last Thursday, 19:00, Europe/Paris") as a coordinator
//! types them, over any span of months: dates fall on the rule's weekday,
//! in order, and the arithmetic never overflows.
#![no_main]

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;
use relais_domain::meetup_rule::{MonthlyRule, Ordinal, parse_weekday};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // ordinal|weekday|HH:MM|minutes|zone|from|until
    let parts: Vec<&str> = text.split('|').collect();
    let [ordinal, weekday, time, minutes, zone, from, until] = parts[..] else {
        return;
    };
    let (Ok(ordinal), Ok(weekday), Ok(start), Ok(zone)) = (
        Ordinal::parse(ordinal),
        parse_weekday(weekday),
        relais_domain::local_time::parse(time),
        relais_domain::time_zone::parse(zone),
    ) else {
        return;
    };
    let Ok(minutes) = minutes.parse::<u32>() else {
        return;
    };
    let Ok(rule) = MonthlyRule::new(ordinal, weekday, start, minutes, zone) else {
        return;
    };
    let (Ok(from), Ok(until)) = (relais_domain::day::parse(from), relais_domain::day::parse(until))
    else {
        return;
    };
    let dates = rule.between(from, until.min(from + chrono::Duration::days(3_700)));
    for pair in dates.windows(2) {
        assert!(pair[0].0 < pair[1].0 && pair[0].1 < pair[1].1, "{pair:?}");
    }
    for (date, start, end) in dates {
        assert_eq!(date.weekday(), weekday);
        assert!(date >= from && end > start);
    }
});
