//! The domain's one error type.
//!
//! Validation failures carry message *keys* (looked up in the translation
//! files by `templates`), not sentences: the domain decides what is wrong,
//! the view decides how to say it in the reader's language.

use std::collections::BTreeMap;

/// Result alias used throughout the domain.
pub type Result<T> = std::result::Result<T, DomainError>;

/// Why a use case refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// The thing asked for does not exist (or the actor may not know it exists).
    #[error("not found")]
    NotFound,
    /// The actor is known but may not do this.
    #[error("forbidden")]
    Forbidden,
    /// No one is logged in, and the action needs someone to be.
    #[error("authentication required")]
    Unauthenticated,
    /// Input that does not satisfy the rules, field by field.
    #[error("invalid input: {0:?}")]
    Invalid(FieldErrors),
    /// Too many attempts; the caller should wait.
    #[error("too many attempts")]
    RateLimited,
    /// A database failure the user cannot fix.
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// Anything else that is our fault, with its cause for the logs.
    #[error("internal: {0}")]
    Internal(String),
}

/// A stored code the programme does not know is a corrupt row, our fault.
impl From<crate::code::UnknownCode> for DomainError {
    fn from(unknown: crate::code::UnknownCode) -> Self {
        DomainError::Internal(unknown.to_string())
    }
}

impl DomainError {
    /// An `Invalid` error with a single field message.
    pub fn field(field: &'static str, message_key: impl Into<&'static str>) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, message_key.into());
        DomainError::Invalid(errors)
    }
}

/// Messages keyed by form field; the value is a translation key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<&'static str, &'static str>);

impl FieldErrors {
    /// Records a problem with `field`; the first one recorded wins.
    pub fn add(&mut self, field: &'static str, message_key: &'static str) {
        self.0.entry(field).or_insert(message_key);
    }

    /// The message key for `field`, if it has a problem.
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.get(field).copied()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// All (field, message key) pairs, in field order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.0.iter().map(|(f, m)| (*f, *m))
    }

    /// `Ok(())` when empty, else the errors as `DomainError::Invalid`.
    pub fn into_result(self) -> Result<()> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(DomainError::Invalid(self))
        }
    }

    /// Keeps the parsed value, or records the field's message and gives `None`.
    pub fn check<T, E: Into<&'static str>>(
        &mut self,
        field: &'static str,
        parsed: std::result::Result<T, E>,
    ) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(key) => {
                self.add(field, key.into());
                None
            }
        }
    }

    /// Like `check`, for a value the validated command needs: the answer
    /// can only be read back through `finish`.
    pub fn checked<T, E: Into<&'static str>>(
        &mut self,
        field: &'static str,
        parsed: std::result::Result<T, E>,
    ) -> Checked<T> {
        Checked(self.check(field, parsed))
    }

    /// The checked values when every field passed, or these errors. A value
    /// is missing only when its check recorded a message, so a form that
    /// fails always says why.
    pub fn finish<T: AllChecked>(self, values: T) -> Result<T::Values> {
        match values.values() {
            Some(values) if self.is_empty() => Ok(values),
            _ => Err(DomainError::Invalid(self)),
        }
    }
}

/// A value that passed its check, or nothing when the check recorded its
/// field's message. Only `FieldErrors::checked` makes one.
#[derive(Debug)]
#[must_use]
pub struct Checked<T>(Option<T>);

impl<T> Checked<T> {
    /// The value, if it passed, for rules across fields.
    pub fn get(&self) -> Option<&T> {
        self.0.as_ref()
    }

    /// The value made into another (a date into the moment it starts…).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Checked<U> {
        Checked(self.0.map(f))
    }
}

/// A tuple of `Checked` values, read back all at once by `FieldErrors::finish`.
pub trait AllChecked {
    /// The values themselves.
    type Values;
    /// Every value, if every one passed.
    fn values(self) -> Option<Self::Values>;
}

impl<A> AllChecked for Checked<A> {
    type Values = A;
    fn values(self) -> Option<A> {
        self.0
    }
}

macro_rules! all_checked {
    ($($t:ident $v:ident),+) => {
        impl<$($t),+> AllChecked for ($(Checked<$t>,)+) {
            type Values = ($($t,)+);
            fn values(self) -> Option<Self::Values> {
                let ($($v,)+) = self;
                Some(($($v.0?,)+))
            }
        }
    };
}

all_checked!(A a, B b);
all_checked!(A a, B b, C c);
all_checked!(A a, B b, C c, D d);
all_checked!(A a, B b, C c, D d, E e);
