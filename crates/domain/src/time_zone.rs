//! IANA time zones, checked once at the edge.

use chrono_tz::Tz;

/// The programme's default zone when neither city nor member names one.
pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::Europe::Paris;

/// Parses an IANA name such as `Europe/Paris` or `Africa/Dakar`.
pub fn parse(name: &str) -> Result<Tz, &'static str> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| "error-time-zone-invalid")
}
