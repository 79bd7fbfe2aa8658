//! The words of the "mise en relation" emails (see
//! `relais_domain::relation_email`).

use crate::email::{Parts, plain};
use crate::i18n::{t, t_args};
use relais_domain::Language;
use relais_domain::relation_email::{NeedSummary, RelationEmail};

fn kind(lang: Language, need: &NeedSummary) -> String {
    crate::pages::relation::kind_label(lang, need.kind)
}

fn need_link(base: &str, need: &NeedSummary) -> String {
    format!("{base}/projects/{}/needs/{}", need.slug, need.need_id)
}

/// Subject, paragraphs and button of one relation email.
pub(crate) fn parts(message: &RelationEmail, lang: Language, base: &str) -> Parts {
    match message {
        RelationEmail::Request {
            from,
            from_team,
            need,
            message,
            token,
        } => {
            let args = [
                ("name", from.as_str()),
                ("project", need.project.as_str()),
                ("kind", &kind(lang, need)),
            ];
            let (subject, lead) = if *from_team {
                (
                    "email-intro-request-team-subject",
                    "email-intro-request-team-body",
                )
            } else {
                (
                    "email-intro-request-member-subject",
                    "email-intro-request-member-body",
                )
            };
            let mut paragraphs = vec![t_args(lang, lead, &args)];
            if !need.description.is_empty() {
                paragraphs.push(t_args(
                    lang,
                    "email-intro-need",
                    &[("description", &need.description)],
                ));
            }
            paragraphs.push(t_args(
                lang,
                "email-intro-message",
                &[("name", from), ("message", message)],
            ));
            paragraphs.push(t(lang, "email-intro-request-privacy"));
            Parts {
                subject: t_args(lang, subject, &args),
                greeting_name: None,
                paragraphs: plain(paragraphs),
                action: Some((
                    t(lang, "email-intro-request-button"),
                    format!("{base}/introductions/answer/{token}"),
                )),
                ignore_note: false,
            }
        }
        RelationEmail::Accepted {
            other_name,
            other_email,
            need,
            reader_is_team,
        } => {
            let args = [
                ("name", other_name.as_str()),
                ("email", other_email.as_str()),
                ("project", need.project.as_str()),
                ("kind", &kind(lang, need)),
            ];
            Parts {
                subject: t_args(lang, "email-intro-accepted-subject", &args),
                greeting_name: None,
                paragraphs: plain(vec![
                    t_args(
                        lang,
                        if *reader_is_team {
                            "email-intro-accepted-team"
                        } else {
                            "email-intro-accepted-member"
                        },
                        &args,
                    ),
                    t_args(lang, "email-intro-accepted-address", &args),
                    t(lang, "email-intro-accepted-next"),
                ]),
                action: Some((t(lang, "email-intro-see-need"), need_link(base, need))),
                ignore_note: false,
            }
        }
        RelationEmail::Declined {
            need,
            reader_is_team,
        } => {
            let args = [
                ("project", need.project.as_str()),
                ("kind", &kind(lang, need)),
            ];
            Parts {
                subject: t_args(lang, "email-intro-declined-subject", &args),
                greeting_name: None,
                paragraphs: plain(vec![t_args(
                    lang,
                    if *reader_is_team {
                        "email-intro-declined-team"
                    } else {
                        "email-intro-declined-member"
                    },
                    &args,
                )]),
                action: Some((t(lang, "email-intro-see-more"), format!("{base}/relation"))),
                ignore_note: false,
            }
        }
        RelationEmail::Expired { need } => {
            let args = [
                ("project", need.project.as_str()),
                ("kind", &kind(lang, need)),
            ];
            Parts {
                subject: t_args(lang, "email-intro-expired-subject", &args),
                greeting_name: None,
                paragraphs: plain(vec![t_args(lang, "email-intro-expired-body", &args)]),
                action: Some((t(lang, "email-intro-see-more"), format!("{base}/relation"))),
                ignore_note: false,
            }
        }
        RelationEmail::Closed { need, filled } => {
            let args = [
                ("project", need.project.as_str()),
                ("kind", &kind(lang, need)),
            ];
            Parts {
                subject: t_args(lang, "email-intro-closed-subject", &args),
                greeting_name: None,
                paragraphs: plain(vec![t_args(
                    lang,
                    if *filled {
                        "email-intro-closed-filled"
                    } else {
                        "email-intro-closed-withdrawn"
                    },
                    &args,
                )]),
                action: Some((t(lang, "email-intro-see-more"), format!("{base}/needs"))),
                ignore_note: false,
            }
        }
        RelationEmail::FollowUp {
            other_name,
            need,
            token,
        } => {
            let args = [
                ("name", other_name.as_str()),
                ("project", need.project.as_str()),
            ];
            Parts {
                subject: t_args(lang, "email-follow-up-subject", &args),
                greeting_name: None,
                paragraphs: plain(vec![t_args(lang, "email-follow-up-body", &args)]),
                action: Some((
                    t(lang, "email-follow-up-button"),
                    format!("{base}/follow-up/{token}"),
                )),
                ignore_note: false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::email::{Reader, render};
    use relais_domain::Language;
    use relais_domain::email_message::EmailMessage;
    use relais_domain::relation_email::{NeedSummary, RelationEmail};

    fn base() -> relais_domain::base_url::BaseUrl {
        "https://relais.example".parse().expect("base url")
    }

    fn need() -> NeedSummary {
        NeedSummary {
            project: "Compost <Lyon>".into(),
            slug: "compost".into(),
            need_id: 4,
            kind: relais_domain::help_kind::HelpKind::Designer,
            description: "Revoir le parcours".into(),
        }
    }

    #[test]
    fn a_request_links_to_its_answer_page_and_keeps_addresses_out() {
        let msg = EmailMessage::Relation(RelationEmail::Request {
            from: "Camille".into(),
            from_team: false,
            need: need(),
            message: "Je peux aider <vraiment>.".into(),
            token: "tok".into(),
        });
        let r = render(&msg, &Reader::new(Language::Fr), &base());
        assert!(
            r.text
                .contains("https://relais.example/introductions/answer/tok")
        );
        assert!(r.text.contains("Je peux aider <vraiment>."), "{}", r.text);
        assert!(r.html.contains("Je peux aider &lt;vraiment&gt;."));
        assert!(
            !r.text.contains('@'),
            "no address before acceptance:\n{}",
            r.text
        );
        assert!(r.subject.contains("Camille"), "{}", r.subject);
    }

    #[test]
    fn an_acceptance_gives_the_other_address_in_both_languages() {
        let msg = EmailMessage::Relation(RelationEmail::Accepted {
            other_name: "Camille".into(),
            other_email: "camille@example.org".into(),
            need: need(),
            reader_is_team: true,
        });
        for lang in [Language::Fr, Language::En] {
            let r = render(&msg, &Reader::new(lang), &base());
            assert!(r.text.contains("camille@example.org"), "{}", r.text);
            assert!(r.html.contains("camille@example.org"));
        }
    }
}
