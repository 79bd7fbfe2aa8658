//! Accessible form parts: every field has a label, its hint and error are
//! tied to it with `aria-describedby`, and a summary at the top links to
//! each field in error. Submitted values are written back, so nothing typed
//! is lost when a form comes back with errors.

use crate::i18n::{t, t_args, t_count, t_opt};
use crate::layout::PageContext;
use maud::{Markup, html};
use relais_domain::{FieldErrors, Language};
use std::collections::HashMap;

/// A form's submitted values and the problems found with them.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    values: HashMap<String, Vec<String>>,
    /// Problems by field.
    pub errors: FieldErrors,
    /// Set on one of several forms of a page that share field names, to
    /// keep their elements' ids apart (see [`FormState::scoped`]).
    scope: Option<String>,
}

impl FormState {
    /// An empty form (first display).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a field's value.
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Self {
        self.values.insert(name.to_owned(), vec![value.into()]);
        self
    }

    /// Sets a multi-valued field (checkboxes).
    pub fn with_all(mut self, name: &str, values: Vec<String>) -> Self {
        self.values.insert(name.to_owned(), values);
        self
    }

    /// Attaches errors.
    pub fn with_errors(mut self, errors: FieldErrors) -> Self {
        self.errors = errors;
        self
    }

    /// The same form with its ids under `scope` (`field-{scope}-{name}`
    /// rather than `field-{name}`), for a page with several forms sharing
    /// field names: ids must be unique for labels and links to find their
    /// field.
    pub fn scoped(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// The id of a part of field `name` (`field`, `hint`, `error`…).
    fn id(&self, part: &str, name: &str) -> String {
        match &self.scope {
            Some(scope) => format!("{part}-{scope}-{name}"),
            None => format!("{part}-{name}"),
        }
    }

    /// The submitted value of `name`, or "".
    pub fn value(&self, name: &str) -> &str {
        self.values
            .get(name)
            .and_then(|v| v.first())
            .map_or("", String::as_str)
    }

    /// Every submitted value of `name`, in order (repeated fields).
    pub fn values(&self, name: &str) -> &[String] {
        self.values.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether `value` is among the submitted values of `name`.
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.values
            .get(name)
            .is_some_and(|v| v.iter().any(|x| x == value))
    }
}

/// The hidden CSRF field every state-changing form carries.
pub fn csrf(ctx: &PageContext) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(ctx.csrf_token); }
}

/// The message for a problem with `field`, naming the field: a generic key
/// such as `error-required` is first looked up as `error-required-<field>`
/// ("Indiquez votre nom." rather than "Ce champ est obligatoire." three
/// times over), and the generic text is used only when no such key exists.
pub fn field_message(lang: Language, field: &str, key: &str) -> String {
    t_opt(lang, &format!("{key}-{}", field.replace('_', "-"))).unwrap_or_else(|| t(lang, key))
}

/// The summary of a form's problems (the GOV.UK pattern): how many there
/// are, then each one linking to its field. It opens the form, so that a
/// page which lands on the form (by its fragment) shows it first.
pub fn error_summary(lang: Language, form: &FormState) -> Markup {
    let count = form.errors.iter().count() as u64;
    html! {
        @if !form.errors.is_empty() {
            div.error-summary role="alert" tabindex="-1" aria-labelledby=(form.id("error-summary", "title")) {
                h2 id=(form.id("error-summary", "title")) { (t_count(lang, "form-errors-count", "count", count)) }
                ul {
                    @for (field, key) in form.errors.iter() {
                        li { a href={ "#" (form.id("field", field)) } { (field_message(lang, field, key)) } }
                    }
                }
            }
        }
    }
}

/// A text-like input field.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Submitted name.
    pub name: &'a str,
    /// Translation key of the label.
    pub label: &'a str,
    /// `text`, `email`, `password`, `date`…
    pub kind: &'a str,
    /// The `autocomplete` token.
    pub autocomplete: &'a str,
    /// Whether the field is required.
    pub required: bool,
    /// Translation key of a hint, if any.
    pub hint: Option<&'a str>,
}

impl<'a> Input<'a> {
    /// A required text field.
    pub fn text(name: &'a str, label: &'a str) -> Self {
        Input {
            name,
            label,
            kind: "text",
            autocomplete: "off",
            required: true,
            hint: None,
        }
    }

    /// Same field with another type.
    pub fn kind(mut self, kind: &'a str) -> Self {
        self.kind = kind;
        self
    }

    /// Same field with an autocomplete token.
    pub fn autocomplete(mut self, token: &'a str) -> Self {
        self.autocomplete = token;
        self
    }

    /// Same field, optional.
    pub fn optional(mut self) -> Self {
        self.required = false;
        self
    }

    /// Same field with a hint.
    pub fn hint(mut self, key: &'a str) -> Self {
        self.hint = Some(key);
        self
    }
}

fn described_by(form: &FormState, name: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(form.id("hint", name));
    }
    if has_error {
        ids.push(form.id("error", name));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn label_text(lang: Language, key: &str, required: bool) -> Markup {
    html! {
        (t(lang, key))
        @if required { " " span.muted { "(" (t(lang, "form-required")) ")" } }
    }
}

fn hint_and_error(
    lang: Language,
    form: &FormState,
    name: &str,
    hint: Option<&str>,
    error: Option<&str>,
) -> Markup {
    html! {
        @if let Some(hint) = hint { span.hint id=(form.id("hint", name)) { (t(lang, hint)) } }
        @if let Some(error) = error { span.error id=(form.id("error", name)) { (field_message(lang, name, error)) } }
    }
}

/// Renders an input field with its label, hint and error.
pub fn input(lang: Language, form: &FormState, field: Input<'_>) -> Markup {
    let error = form.errors.get(field.name);
    // Passwords are never written back into the page.
    let value = if field.kind == "password" {
        ""
    } else {
        form.value(field.name)
    };
    html! {
        div.field.has-error[error.is_some()] {
            label for=(form.id("field", field.name)) { (label_text(lang, field.label, field.required)) }
            (hint_and_error(lang, form, field.name, field.hint, error))
            input id=(form.id("field", field.name)) name=(field.name) type=(field.kind) value=(value)
                autocomplete=(field.autocomplete) required[field.required]
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[described_by(form, field.name, field.hint.is_some(), error.is_some())];
        }
    }
}

/// Renders a multi-line text field.
pub fn textarea(
    lang: Language,
    form: &FormState,
    name: &str,
    label: &str,
    hint: Option<&str>,
) -> Markup {
    let error = form.errors.get(name);
    html! {
        div.field.has-error[error.is_some()] {
            label for=(form.id("field", name)) { (t(lang, label)) }
            (hint_and_error(lang, form, name, hint, error))
            textarea id=(form.id("field", name)) name=(name)
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[described_by(form, name, hint.is_some(), error.is_some())] { (form.value(name)) }
        }
    }
}

/// Renders a drop-down list; `options` are (value, label) pairs.
pub fn select(
    lang: Language,
    form: &FormState,
    name: &str,
    label: &str,
    options: &[(String, String)],
) -> Markup {
    let error = form.errors.get(name);
    let current = form.value(name);
    html! {
        div.field.has-error[error.is_some()] {
            label for=(form.id("field", name)) { (t(lang, label)) }
            (hint_and_error(lang, form, name, None, error))
            select id=(form.id("field", name)) name=(name)
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[described_by(form, name, false, error.is_some())] {
                @for (value, text) in options {
                    option value=(value) selected[value == current] { (text) }
                }
            }
        }
    }
}

/// Options under headings (`<optgroup>`): (heading, [(value, label)]).
pub type OptionGroups = [(String, Vec<(String, String)>)];

/// Renders a select whose options are grouped under headings, after a
/// first option without a group (`first`, e.g. "none"); a value in two
/// groups is selected in the first only.
pub fn select_grouped(
    lang: Language,
    form: &FormState,
    name: &str,
    label: &str,
    hint: Option<&str>,
    first: (String, String),
    groups: &OptionGroups,
) -> Markup {
    let error = form.errors.get(name);
    let current = form.value(name);
    let mut selected = false;
    let mut pick = |value: &str| {
        let now = !selected && value == current;
        selected |= now;
        now
    };
    html! {
        div.field.has-error[error.is_some()] {
            label for=(form.id("field", name)) { (t(lang, label)) }
            (hint_and_error(lang, form, name, hint, error))
            select id=(form.id("field", name)) name=(name)
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[described_by(form, name, hint.is_some(), error.is_some())] {
                option value=(first.0) selected[pick(&first.0)] { (first.1) }
                @for (heading, options) in groups {
                    optgroup label=(heading) {
                        @for (value, text) in options {
                            option value=(value) selected[pick(value)] { (text) }
                        }
                    }
                }
            }
        }
    }
}

/// Renders a group of checkboxes; `options` are (value, label) pairs.
pub fn checkboxes(
    lang: Language,
    form: &FormState,
    name: &str,
    legend: &str,
    options: &[(String, String)],
) -> Markup {
    let error = form.errors.get(name);
    html! {
        fieldset.field.has-error[error.is_some()] id=(form.id("field", name)) {
            legend { (t(lang, legend)) }
            (hint_and_error(lang, form, name, None, error))
            @for (value, text) in options {
                label {
                    input type="checkbox" name=(name) value=(value) checked[form.has(name, value)];
                    (text)
                }
            }
        }
    }
}

/// Repeated lines of a date and a time input under one legend, for a field
/// that takes several moments at once (a poll's slots).
#[derive(Debug, Clone, Copy)]
pub struct DateTimeRows<'a> {
    /// The field the errors are reported on (and the group's id).
    pub name: &'a str,
    /// Translation key of the legend.
    pub legend: &'a str,
    /// Translation key of the hint.
    pub hint: &'a str,
    /// Submitted name of each line's date input.
    pub date: &'a str,
    /// Submitted name of each line's time input.
    pub time: &'a str,
    /// Translation keys of each line's date and time labels, given `$n`.
    pub labels: (&'a str, &'a str),
    /// How many lines to show.
    pub rows: usize,
}

/// Renders `rows.rows` lines of native date and time inputs, each labelled
/// with its line number and keeping what was typed in it.
pub fn date_time_rows(lang: Language, form: &FormState, rows: DateTimeRows<'_>) -> Markup {
    let error = form.errors.get(rows.name);
    let typed = |name: &str, i: usize| form.values(name).get(i).map_or("", String::as_str);
    html! {
        fieldset.field.rows.has-error[error.is_some()] id=(form.id("field", rows.name))
            aria-describedby=[described_by(form, rows.name, true, error.is_some())] {
            legend { (t(lang, rows.legend)) }
            (hint_and_error(lang, form, rows.name, Some(rows.hint), error))
            @for i in 0..rows.rows {
                @let n = (i + 1).to_string();
                div.row {
                    label {
                        span { (t_args(lang, rows.labels.0, &[("n", n.as_str())])) }
                        input type="date" name=(rows.date) value=(typed(rows.date, i))
                            min="2000-01-01" max="2100-12-31" aria-invalid=[error.map(|_| "true")];
                    }
                    label {
                        span { (t_args(lang, rows.labels.1, &[("n", n.as_str())])) }
                        input type="time" name=(rows.time) value=(typed(rows.time, i))
                            aria-invalid=[error.map(|_| "true")];
                    }
                }
            }
        }
    }
}

/// Renders a single checkbox with its label.
pub fn checkbox(lang: Language, form: &FormState, name: &str, label: &str) -> Markup {
    html! {
        div.checkbox {
            input id=(form.id("field", name)) type="checkbox" name=(name) value="on" checked[form.value(name) == "on"];
            label for=(form.id("field", name)) { (t(lang, label)) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scoped_form_s_ids_and_links_are_its_own() {
        let mut errors = FieldErrors::default();
        errors.add("description", "error-required");
        let form = FormState::new().with_errors(errors).scoped("need");
        let html = (html! {
            (error_summary(Language::Fr, &form))
            (textarea(Language::Fr, &form, "description", "need-description", Some("markdown-hint")))
        })
        .into_string();
        for part in [
            r##"href="#field-need-description""##,
            r#"for="field-need-description""#,
            r#"id="field-need-description""#,
            r#"id="hint-need-description""#,
            r#"id="error-need-description""#,
            r#"aria-describedby="hint-need-description error-need-description""#,
            r#"id="error-summary-need-title""#,
        ] {
            assert!(html.contains(part), "no {part} in {html}");
        }
        assert!(!html.contains(r#""field-description""#), "{html}");
    }

    #[test]
    fn a_field_in_error_keeps_its_value_and_ties_the_message_to_the_input() {
        let mut errors = FieldErrors::default();
        errors.add("email", "error-email-invalid");
        let form = FormState::new()
            .with("email", "not-an-address")
            .with_errors(errors);
        let html = input(
            Language::En,
            &form,
            Input::text("email", "signup-email").kind("email"),
        )
        .into_string();
        assert!(html.contains(r#"value="not-an-address""#), "{html}");
        assert!(html.contains(r#"aria-invalid="true""#));
        assert!(html.contains(r#"aria-describedby="error-email""#));
        assert!(html.contains(r#"id="error-email""#));
        assert!(html.contains("This is not a valid email address."));
    }

    #[test]
    fn the_summary_counts_the_problems_and_names_each_field() {
        let mut errors = FieldErrors::default();
        errors.add("name", "error-required");
        errors.add("email", "error-required");
        errors.add("password", "error-required");
        let form = FormState::new().with_errors(errors);
        let html = error_summary(Language::Fr, &form).into_string();
        assert!(html.contains("Il y a 3 erreurs"), "{html}");
        assert!(
            html.contains(r##"<a href="#field-name">Indiquez votre nom.</a>"##),
            "{html}"
        );
        assert!(html.contains("Indiquez votre adresse e-mail."), "{html}");
        assert!(!html.contains("Ce champ est obligatoire."), "{html}");
        let mut one = FieldErrors::default();
        one.add("team_health", "error-required");
        let form = FormState::new().with_errors(one);
        let html = error_summary(Language::En, &form).into_string();
        assert!(html.contains("There is 1 problem"), "{html}");
        assert!(
            html.contains("Give a score for the team's health, from 1 to 5."),
            "{html}"
        );
        // A field without its own message keeps the generic one.
        assert_eq!(
            field_message(Language::Fr, "colour", "error-required"),
            "Ce champ est obligatoire."
        );
    }

    #[test]
    fn passwords_are_never_echoed_back() {
        let form = FormState::new().with("password", "secret-secret");
        let html = input(
            Language::Fr,
            &form,
            Input::text("password", "signup-password").kind("password"),
        )
        .into_string();
        assert!(!html.contains("secret-secret"));
    }

    #[test]
    fn typed_markup_is_escaped() {
        let form = FormState::new().with("name", "<script>alert(1)</script>");
        let html = input(Language::Fr, &form, Input::text("name", "signup-name")).into_string();
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
    }
}
