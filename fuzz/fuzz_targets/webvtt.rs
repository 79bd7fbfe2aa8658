//! Caption files are uploaded by teams: any bytes are refused or read,
//! never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relais_domain::webvtt::Captions;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(captions) = Captions::parse(bytes) {
        let _ = (captions.text(), captions.cues());
    }
});
