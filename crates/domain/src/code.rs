//! Codes stored for closed sets of values: a project's stage, a milestone's
//! status, an RSVP's answer, a role, an email's state…
//!
//! Each set is a Rust enum declared with [`stored_code!`], which maps every
//! value to its code and back in one table and lets sea-orm store the enum
//! in a string column. Rows are parsed once, when they are read: a code the
//! enum does not know is a database error, never a silent default, and the
//! rest of the code compares enums, not strings.

use std::fmt;

/// A code that names no value of its set, read from the database or sent
/// by a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    /// What the set is called (`stage`, `milestone status`…).
    pub set: &'static str,
    /// The code as it came.
    pub code: String,
    /// The translation key a form shows for it.
    pub message_key: &'static str,
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} code {:?}", self.set, self.code)
    }
}

impl std::error::Error for UnknownCode {}

/// Forms record an unknown code as its field's message.
impl From<UnknownCode> for &'static str {
    fn from(unknown: UnknownCode) -> Self {
        unknown.message_key
    }
}

/// A closed set of values stored as short codes.
pub trait StoredCode: Copy + Sized + 'static {
    /// What the set is called, for error messages.
    const SET: &'static str;
    /// The translation key for a submitted code that names no value.
    const INVALID: &'static str;
    /// Whether `FR` reads as `fr`: for codes people type (languages).
    const IGNORE_ASCII_CASE: bool = false;

    /// Every value, in the order they are shown.
    fn all() -> &'static [Self];

    /// The stored code.
    fn code(self) -> &'static str;

    /// Parses a stored or submitted code (surrounding blanks ignored).
    fn parse(code: &str) -> Result<Self, UnknownCode> {
        let trimmed = code.trim();
        Self::all()
            .iter()
            .copied()
            .find(|value| {
                if Self::IGNORE_ASCII_CASE {
                    value.code().eq_ignore_ascii_case(trimmed)
                } else {
                    value.code() == trimmed
                }
            })
            .ok_or_else(|| UnknownCode {
                set: Self::SET,
                code: code.to_owned(),
                message_key: Self::INVALID,
            })
    }
}

/// Parses a column that holds several codes separated by commas, in their
/// stored order (empty pieces skipped): a code the set does not know is an
/// error, never dropped.
pub fn parse_list<T: StoredCode>(stored: &str) -> Result<Vec<T>, UnknownCode> {
    stored
        .split(',')
        .filter(|code| !code.trim().is_empty())
        .map(T::parse)
        .collect()
}

/// The column value of several codes: their codes, in order, joined by commas.
pub fn join_list<T: StoredCode>(values: &[T]) -> String {
    values
        .iter()
        .map(|value| value.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// Declares an enum of stored codes: the enum, its `ALL` values, `code()`,
/// `parse()`, `Display`, `FromStr`, [`StoredCode`] and sea-orm's value type
/// (a string column), so that entities can type their columns with it.
/// `ignore_ascii_case = true` after the message key makes `parse` accept
/// codes in either case.
///
/// ```ignore
/// stored_code! {
///     /// Where a project stands.
///     pub enum Stage ("stage", "error-stage-invalid") {
///         /// An idea from the marathon.
///         Idea = "idea",
///         /// Something that runs.
///         Prototype = "prototype",
///     }
/// }
/// ```
#[macro_export]
macro_rules! stored_code {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident (
            $set:literal, $invalid:literal $(, ignore_ascii_case = $ignore_case:literal)?
        ) {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $code:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, sea_orm::DeriveValueType,
        )]
        #[sea_orm(value_type = "String")]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )+
        }

        impl $name {
            /// Every value, in the order they are shown.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The stored code.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// Parses a stored or submitted code (surrounding blanks ignored).
            pub fn parse(code: &str) -> ::std::result::Result<Self, $crate::code::UnknownCode> {
                <$name as $crate::code::StoredCode>::parse(code)
            }
        }

        impl $crate::code::StoredCode for $name {
            const SET: &'static str = $set;
            const INVALID: &'static str = $invalid;
            $(const IGNORE_ASCII_CASE: bool = $ignore_case;)?

            fn all() -> &'static [Self] {
                &$name::ALL
            }

            fn code(self) -> &'static str {
                $name::code(self)
            }
        }

        // A code is never an auto-increment key; this only lets it be part of a primary key.
        impl sea_orm::TryFromU64 for $name {
            fn try_from_u64(_: u64) -> ::std::result::Result<Self, sea_orm::DbErr> {
                Err(sea_orm::DbErr::ConvertFromU64(stringify!($name)))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::code::UnknownCode;

            fn from_str(code: &str) -> ::std::result::Result<Self, Self::Err> {
                $name::parse(code)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    stored_code! {
        /// A set for the tests.
        enum Colour ("colour", "error-choice-invalid") {
            /// Red.
            Red = "red",
            /// Green.
            Green = "green",
        }
    }

    #[test]
    fn every_value_reads_back_from_its_code() {
        for colour in Colour::ALL {
            assert_eq!(Colour::parse(colour.code()), Ok(colour));
            assert_eq!(colour.to_string(), colour.code());
        }
        assert_eq!(Colour::parse(" green "), Ok(Colour::Green));
    }

    stored_code! {
        /// A set whose codes are read in either case.
        enum Shade ("shade", "error-choice-invalid", ignore_ascii_case = true) {
            /// Light.
            Light = "light",
        }
    }

    #[test]
    fn a_set_may_read_codes_in_either_case() {
        assert_eq!(Shade::parse(" LIGHT "), Ok(Shade::Light));
        assert!(Colour::parse("GREEN").is_err());
    }

    #[test]
    fn an_unknown_code_is_an_error_with_the_form_message() {
        let unknown = Colour::parse("blue").expect_err("blue is no colour");
        assert_eq!(unknown.code, "blue");
        assert_eq!(unknown.to_string(), "unknown colour code \"blue\"");
        let key: &'static str = unknown.into();
        assert_eq!(key, "error-choice-invalid");
    }

    #[test]
    fn a_list_of_codes_reads_back_in_order_and_refuses_unknown_codes() {
        let colours = [Colour::Green, Colour::Red];
        assert_eq!(super::join_list(&colours), "green,red");
        assert_eq!(super::parse_list("green,red"), Ok(colours.to_vec()));
        assert_eq!(super::parse_list::<Colour>(""), Ok(vec![]));
        assert_eq!(super::parse_list("red,,"), Ok(vec![Colour::Red]));
        let unknown = super::parse_list::<Colour>("red,blue").expect_err("blue is no colour");
        assert_eq!(unknown.code, "blue");
    }

    #[test]
    fn a_value_goes_to_the_database_as_its_code() {
        assert_eq!(
            sea_orm::Value::from(Colour::Green),
            sea_orm::Value::from("green")
        );
        assert!(
            <Colour as sea_orm::sea_query::ValueType>::try_from(sea_orm::Value::from("blue"))
                .is_err()
        );
    }
}
