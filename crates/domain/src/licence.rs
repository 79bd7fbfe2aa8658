//! Open licences a project may be published under, by SPDX identifier.
//! The programme requires one: a project without an open licence is not a
//! commons.

/// What a licence is usually applied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LicenceKind {
    /// Source code.
    Code,
    /// Texts, images, videos.
    Content,
    /// Databases.
    Data,
}

/// An open licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Licence {
    /// SPDX identifier.
    pub spdx: &'static str,
    /// Human name.
    pub name: &'static str,
    /// What it is for.
    pub kind: LicenceKind,
}

/// Every licence offered, code first.
pub const LICENCES: &[Licence] = &[
    Licence {
        spdx: "MIT",
        name: "MIT License",
        kind: LicenceKind::Code,
    },
    Licence {
        spdx: "Apache-2.0",
        name: "Apache License 2.0",
        kind: LicenceKind::Code,
    },
    Licence {
        spdx: "BSD-3-Clause",
        name: "BSD 3-Clause License",
        kind: LicenceKind::Code,
    },
    Licence {
        spdx: "GPL-3.0-or-later",
        name: "GNU GPL v3 or later",
        kind: LicenceKind::Code,
    },
    Licence {
        spdx: "AGPL-3.0-or-later",
        name: "GNU AGPL v3 or later",
        kind: LicenceKind::Code,
    },
    Licence {
        spdx: "LGPL-3.0-or-later",
        name: "GNU LGPL v3 or later",
        kind: LicenceKind::Code,
    },
    Licence {
        spdx: "MPL-2.0",
        name: "Mozilla Public License 2.0",
        kind: LicenceKind::Code,
    },
    Licence {
        spdx: "EUPL-1.2",
        name: "European Union Public Licence 1.2",
        kind: LicenceKind::Code,
    },
    Licence {
        spdx: "CECILL-2.1",
        name: "CeCILL 2.1",
        kind: LicenceKind::Code,
    },
    Licence {
        spdx: "CC0-1.0",
        name: "Creative Commons Zero 1.0",
        kind: LicenceKind::Content,
    },
    Licence {
        spdx: "CC-BY-4.0",
        name: "Creative Commons Attribution 4.0",
        kind: LicenceKind::Content,
    },
    Licence {
        spdx: "CC-BY-SA-4.0",
        name: "Creative Commons Attribution-ShareAlike 4.0",
        kind: LicenceKind::Content,
    },
    Licence {
        spdx: "etalab-2.0",
        name: "Licence Ouverte / Etalab 2.0",
        kind: LicenceKind::Data,
    },
    Licence {
        spdx: "ODbL-1.0",
        name: "Open Database License 1.0",
        kind: LicenceKind::Data,
    },
];

impl Licence {
    /// Finds a licence by its SPDX identifier (case-insensitive).
    pub fn parse(spdx: &str) -> Result<&'static Licence, &'static str> {
        let wanted = spdx.trim();
        if wanted.is_empty() {
            return Err("error-required");
        }
        LICENCES
            .iter()
            .find(|l| l.spdx.eq_ignore_ascii_case(wanted))
            .ok_or("error-licence-unknown")
    }
}

#[cfg(test)]
mod tests {
    use super::Licence;

    #[test]
    fn known_identifiers_parse_and_others_do_not() {
        assert_eq!(
            Licence::parse("agpl-3.0-or-later").map(|l| l.spdx),
            Ok("AGPL-3.0-or-later")
        );
        assert_eq!(
            Licence::parse("Proprietary").err(),
            Some("error-licence-unknown")
        );
        assert_eq!(Licence::parse("").err(), Some("error-required"));
    }
}
