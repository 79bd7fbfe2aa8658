//! IANA time zones, checked once at the edge.

use chrono_tz::Tz;

/// The programme's default zone when neither city nor member names one.
pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::Europe::Paris;

/// The regions people choose a zone in, in the order a list shows them.
pub const REGIONS: [&str; 9] = [
    "Europe",
    "Africa",
    "America",
    "Asia",
    "Atlantic",
    "Indian",
    "Pacific",
    "Australia",
    "Antarctica",
];

/// The region of a zone ("Europe" for `Europe/Paris`), if it is a place in
/// one of [`REGIONS`] rather than an alias such as `US/Eastern` or `Etc/GMT+3`.
pub fn region(zone: Tz) -> Option<&'static str> {
    let (region, _) = zone.name().split_once('/')?;
    REGIONS.iter().copied().find(|r| *r == region)
}

/// Every zone a person may choose, by region (in [`REGIONS`] order), each
/// region's zones by name.
pub fn choices() -> Vec<(&'static str, Vec<Tz>)> {
    REGIONS
        .iter()
        .map(|r| {
            let mut zones: Vec<Tz> = chrono_tz::TZ_VARIANTS
                .iter()
                .copied()
                .filter(|z| region(*z) == Some(*r))
                .collect();
            zones.sort_by_key(|z| z.name());
            (*r, zones)
        })
        .collect()
}

/// A zone chosen from the list of [`choices`]: any other name, even one
/// the IANA database knows as an alias, is refused.
pub fn choose(name: &str) -> Result<Tz, &'static str> {
    parse(name)
        .ok()
        .filter(|zone| region(*zone).is_some())
        .ok_or("error-time-zone-not-listed")
}

/// Parses an IANA name such as `Europe/Paris` or `Africa/Dakar`.
pub fn parse(name: &str) -> Result<Tz, &'static str> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| "error-time-zone-invalid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_places_in_a_region_may_be_chosen() {
        assert_eq!(choose("Africa/Dakar"), Ok(chrono_tz::Africa::Dakar));
        assert_eq!(choose("America/Montreal"), Ok(chrono_tz::America::Montreal));
        assert_eq!(choose("US/Eastern"), Err("error-time-zone-not-listed"));
        assert_eq!(choose("Etc/GMT+3"), Err("error-time-zone-not-listed"));
        assert_eq!(choose("Mars/Olympus"), Err("error-time-zone-not-listed"));
        let all = choices();
        assert_eq!(all[0].0, "Europe");
        assert!(all[0].1.contains(&chrono_tz::Europe::Paris));
        assert!(all.iter().all(|(_, zones)| !zones.is_empty()));
    }
}
