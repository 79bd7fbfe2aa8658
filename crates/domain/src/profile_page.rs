//! The member's profile page, read in one call: the cities to choose from,
//! and the member's settings kept beside their account (calendar feed,
//! emails turned off, digest frequency).

use crate::city::{self, City};
use crate::digest::{self, Frequency};
use crate::email_preference::{self, Category};
use crate::error::Result;
use crate::{Actor, calendar};
use sea_orm::ConnectionTrait;

/// What the profile page shows beside the account itself.
pub struct ProfilePage {
    /// Every city, by name.
    pub cities: Vec<City>,
    /// Whether the member has a personal calendar feed.
    pub calendar_on: bool,
    /// Email categories the member turned off.
    pub disabled: Vec<Category>,
    /// How often the member gets the digest.
    pub digest: Frequency,
}

/// The profile page of the member `actor` is.
pub async fn load(db: &impl ConnectionTrait, actor: &Actor) -> Result<ProfilePage> {
    Ok(ProfilePage {
        cities: city::list(db).await?,
        calendar_on: calendar::is_on(db, actor).await?,
        disabled: email_preference::disabled(db, actor).await?,
        digest: digest::frequency(db, actor).await?,
    })
}
