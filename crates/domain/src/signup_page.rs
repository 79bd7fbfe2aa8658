//! The sign-up form, read in one call: the cities to choose from, and
//! either the invitation its link carries or whether sign-up is open.

use crate::account;
use crate::city::{self, City};
use crate::context::Context;
use crate::error::Result;
use crate::settings::{self, RegistrationMode};

/// What the sign-up form needs.
pub struct SignUpPage {
    /// Every city, by name.
    pub cities: Vec<City>,
    /// The invited address, when the form came from an invitation.
    pub invited_email: Option<String>,
    /// Sign-up is by invitation only and there is none.
    pub closed: bool,
}

/// The sign-up form, with `invitation` the token its link carried, if
/// any (an unusable one is the error `account::invitation` gives).
pub async fn load(ctx: &Context, invitation: Option<&str>) -> Result<SignUpPage> {
    let mut page = SignUpPage {
        cities: city::list(&ctx.db).await?,
        invited_email: None,
        closed: false,
    };
    match invitation {
        Some(token) => page.invited_email = Some(account::invitation(ctx, token).await?.email),
        None => {
            page.closed =
                settings::registration_mode(&ctx.db).await? == RegistrationMode::InvitationOnly;
        }
    }
    Ok(page)
}
