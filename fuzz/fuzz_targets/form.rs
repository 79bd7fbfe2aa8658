//! A form body as any client may send it, parsed at the edge, then each
//! value through the parsers of what people type (days, times, slugs,
//! addresses, links, tags, zones): refused or read, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relais_domain::{day, email_address, expertise_tag, local_time, slug, time_zone, web_link};
use relais_web::fields::Fields;

fuzz_target!(|body: &[u8]| {
    let fields = Fields::parse(body);
    for (name, value) in fields.pairs_except(&[]) {
        assert!(!name.contains('\0') && !value.contains('\0'), "{value:?}");
        let _ = day::parse(&value);
        let _ = local_time::parse(&value);
        let _ = slug::parse(&value);
        let _ = email_address::EmailAddress::parse(&value);
        let _ = web_link::parse_optional(&value);
        let _ = expertise_tag::parse_list(&value);
        let _ = time_zone::parse(&value);
    }
});
