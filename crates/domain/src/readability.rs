//! The plain-language check: a readability score per language, the long
//! sentences, and the jargon a general audience would stumble on.
//!
//! French texts get the Kandel–Moles formula (1958, Flesch adapted to
//! French), English texts Flesch's reading ease. Both read 0 (very hard) to
//! 100 (very easy); 60 is the target. The check advises: nothing is ever
//! refused because of it. Below `MIN_WORDS` a score means little, so none
//! is given and the page says the text is too short to measure.

use crate::Language;
use crate::jargon::{self, Jargon};
use crate::syllable;

/// Below this many words a text is too short to measure.
pub const MIN_WORDS: usize = 30;
/// A sentence with more words than this is flagged as long.
pub const LONG_SENTENCE: usize = 20;
/// The score from which a text is "easy to read".
pub const TARGET: f64 = 60.0;

/// Kandel–Moles: 207 − 1.015 × (words / sentences) − 73.6 × (syllables / words).
pub fn kandel_moles(words: usize, sentences: usize, syllables: usize) -> f64 {
    formula(207.0, 73.6, words, sentences, syllables)
}

/// Flesch reading ease: 206.835 − 1.015 × (words / sentences) − 84.6 × (syllables / words).
pub fn flesch(words: usize, sentences: usize, syllables: usize) -> f64 {
    formula(206.835, 84.6, words, sentences, syllables)
}

fn formula(base: f64, per_syllable: f64, words: usize, sentences: usize, syllables: usize) -> f64 {
    let (w, s, y) = (words as f64, sentences.max(1) as f64, syllables as f64);
    if words == 0 {
        return base;
    }
    base - 1.015 * (w / s) - per_syllable * (y / w)
}

/// How easy a text is to read, from its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Under 50.
    Difficult,
    /// 50 to 60.
    FairlyDifficult,
    /// 60 to 70: the target is met.
    Easy,
    /// 70 and more.
    VeryEasy,
}

impl Level {
    /// The level of a score.
    pub fn of(score: f64) -> Level {
        if score >= 70.0 {
            Level::VeryEasy
        } else if score >= TARGET {
            Level::Easy
        } else if score >= 50.0 {
            Level::FairlyDifficult
        } else {
            Level::Difficult
        }
    }

    /// A stable code, for translation keys and CSS classes.
    pub fn code(self) -> &'static str {
        match self {
            Level::Difficult => "difficult",
            Level::FairlyDifficult => "fairly-difficult",
            Level::Easy => "easy",
            Level::VeryEasy => "very-easy",
        }
    }

    /// Whether the target is met.
    pub fn meets_target(self) -> bool {
        self >= Level::Easy
    }
}

/// A score, or the reason there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Score {
    /// The text has fewer than `MIN_WORDS` words.
    TooShort,
    /// The formula's value, kept between 0 and 100.
    Measured(f64),
}

impl Score {
    /// The level, when measured.
    pub fn level(self) -> Option<Level> {
        match self {
            Score::TooShort => None,
            Score::Measured(s) => Some(Level::of(s)),
        }
    }

    /// The score rounded for people, when measured.
    pub fn rounded(self) -> Option<i64> {
        match self {
            Score::TooShort => None,
            Score::Measured(s) => Some(s.round() as i64),
        }
    }
}

/// One sentence of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence as written (trimmed).
    pub text: String,
    /// Its words.
    pub words: usize,
    /// It opens a paragraph.
    pub starts_paragraph: bool,
}

impl Sentence {
    /// Longer than `LONG_SENTENCE` words.
    pub fn is_long(&self) -> bool {
        self.words > LONG_SENTENCE
    }
}

/// What the check found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The language the text was measured in.
    pub language: Language,
    /// Words counted (tokens with a letter).
    pub words: usize,
    /// Sentences counted.
    pub sentences: usize,
    /// Syllables counted.
    pub syllables: usize,
    /// The score.
    pub score: Score,
    /// Every sentence, in order.
    pub sentence_list: Vec<Sentence>,
    /// Jargon found, in the order of the list.
    pub jargon: Vec<&'static Jargon>,
}

impl Analysis {
    /// The long sentences.
    pub fn long_sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.sentence_list.iter().filter(|s| s.is_long())
    }
}

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: [&str; 12] = [
    "m", "mme", "mlle", "dr", "st", "etc", "ex", "cf", "p", "mr", "mrs", "ms",
];

fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphabetic)
}

/// Characters around a word that are not part of it (punctuation, Markdown).
fn trim_word(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric())
}

fn ends_sentence(token: &str) -> bool {
    let t = token.trim_end_matches(['"', '»', '”', ')', '*', '_', '’', '\'']);
    if t.ends_with(['!', '?', '…']) || t.ends_with("...") {
        return true;
    }
    if let Some(before) = t.strip_suffix('.') {
        let word = trim_word(before).to_lowercase();
        // "M. Dupont", "etc." inside a sentence; a lone initial ("J.") too.
        let initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
        return !(initial || ABBREVIATIONS.contains(&word.as_str()));
    }
    false
}

/// Markdown's list, heading and quote markers open a new sentence.
fn opens_block(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with(['-', '*', '+', '#', '>'])
        || l.split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Splits `text` into sentences: at ".", "!", "?" and "…", at blank lines,
/// and at Markdown list items and headings.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut paragraph = true;
    let flush = |current: &mut Vec<&str>, paragraph: &mut bool, out: &mut Vec<Sentence>| {
        let words = current.iter().filter(|t| is_word(t)).count();
        if words > 0 {
            out.push(Sentence {
                text: current.join(" "),
                words,
                starts_paragraph: *paragraph,
            });
            *paragraph = false;
        }
        current.clear();
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut current, &mut paragraph, &mut out);
            paragraph = true;
            continue;
        }
        if opens_block(line) {
            flush(&mut current, &mut paragraph, &mut out);
        }
        for token in line.split_whitespace() {
            current.push(token);
            if ends_sentence(token) {
                flush(&mut current, &mut paragraph, &mut out);
            }
        }
    }
    flush(&mut current, &mut paragraph, &mut out);
    out
}

/// Measures `text`, written in `lang`.
pub fn analyse(text: &str, lang: Language) -> Analysis {
    let sentence_list = sentences(text);
    let mut words = 0;
    let mut syllables = 0;
    for token in text.split_whitespace().filter(|t| is_word(t)) {
        words += 1;
        syllables += syllable::count(lang, trim_word(token));
    }
    let count = sentence_list.len();
    let score = if words < MIN_WORDS {
        Score::TooShort
    } else {
        let raw = match lang {
            Language::Fr => kandel_moles(words, count, syllables),
            Language::En => flesch(words, count, syllables),
        };
        Score::Measured(raw.clamp(0.0, 100.0))
    };
    Analysis {
        language: lang,
        words,
        sentences: count,
        syllables,
        score,
        sentence_list,
        jargon: jargon::find(text, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str, lang: Language) -> (usize, usize, usize) {
        let a = analyse(text, lang);
        (a.words, a.sentences, a.syllables)
    }

    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 0.01,
            "{actual} is not {expected}"
        );
    }

    // Wikipedia, "Flesch–Kincaid readability tests": "The cat sat on the
    // mat." scores 116; the platypus sentence scores 24.4.
    #[test]
    fn flesch_matches_the_published_examples() {
        let cat = counts("The cat sat on the mat.", Language::En);
        assert_eq!(cat, (6, 1, 6));
        close(flesch(cat.0, cat.1, cat.2), 116.145);
        let platypus = counts(
            "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.",
            Language::En,
        );
        assert_eq!(platypus, (13, 1, 26));
        close(flesch(platypus.0, platypus.1, platypus.2), 24.435);
    }

    // Syllables counted by hand as spoken (mute final "e" and verb "-ent"
    // silent), then the Kandel–Moles formula worked out by hand:
    // Article 1 of the 1789 Declaration: 10 words, 12 syllables, 1 sentence
    // → 207 − 10.15 − 88.32 = 108.53. The opening of "Le Petit Prince":
    // 22 words, 31 syllables → 207 − 22.33 − 103.709 = 80.961.
    #[test]
    fn kandel_moles_matches_hand_counted_references() {
        let article = counts(
            "Les hommes naissent et demeurent libres et égaux en droits.",
            Language::Fr,
        );
        assert_eq!(article, (10, 1, 12));
        close(kandel_moles(article.0, article.1, article.2), 108.53);
        let prince = counts(
            "Lorsque j'avais six ans j'ai vu, une fois, une magnifique image, dans un livre sur la Forêt Vierge qui s'appelait « Histoires vécues ».",
            Language::Fr,
        );
        assert_eq!(prince, (22, 1, 31));
        close(kandel_moles(prince.0, prince.1, prince.2), 80.961);
    }

    #[test]
    fn a_short_text_is_not_measured() {
        let a = analyse("Les hommes naissent et demeurent libres.", Language::Fr);
        assert_eq!(a.score, Score::TooShort);
        assert_eq!(a.score.rounded(), None);
    }

    #[test]
    fn shorter_sentences_score_higher_and_long_ones_are_flagged() {
        let long = "Notre application permet aux habitants du quartier de signaler les problèmes de voirie \
                    qu'ils rencontrent tous les jours en prenant une photo avec leur téléphone et en l'envoyant \
                    directement aux services de la mairie qui peuvent ensuite intervenir rapidement. \
                    C'est simple.";
        let short = "Vous voyez un trou dans la rue ? Prenez une photo avec votre téléphone. \
                     Envoyez-la avec notre application. La mairie la reçoit tout de suite. \
                     Elle peut venir réparer vite. C'est simple.";
        let a = analyse(long, Language::Fr);
        let b = analyse(short, Language::Fr);
        let (Score::Measured(sa), Score::Measured(sb)) = (a.score, b.score) else {
            panic!("both texts are long enough: {a:?} {b:?}");
        };
        assert!(sb > sa + 20.0, "{sb} vs {sa}");
        assert_eq!(a.long_sentences().count(), 1);
        assert_eq!(b.long_sentences().count(), 0);
        assert!(Level::of(sb).meets_target());
        assert!(!Level::of(sa).meets_target());
    }

    #[test]
    fn sentences_end_at_punctuation_blank_lines_and_list_items() {
        let s = sentences(
            "Bonjour M. Dupont, voici l'outil. Il marche !\n\n# Ce qu'il fait\n- il lit les documents\n- il répond\n\nEt voilà…",
        );
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Bonjour M. Dupont, voici l'outil.",
                "Il marche !",
                "# Ce qu'il fait",
                "- il lit les documents",
                "- il répond",
                "Et voilà…",
            ]
        );
        assert!(s[0].starts_paragraph && !s[1].starts_paragraph && s[2].starts_paragraph);
        // "!" alone after a space belongs to the sentence before it.
        assert_eq!(s[1].words, 2);
    }

    #[test]
    fn scores_stay_between_0_and_100_and_levels_follow_the_target() {
        let easy = "Le chat dort. ".repeat(12);
        assert_eq!(analyse(&easy, Language::Fr).score, Score::Measured(100.0));
        assert_eq!(Level::of(59.9), Level::FairlyDifficult);
        assert_eq!(Level::of(60.0), Level::Easy);
        assert_eq!(Level::of(75.0), Level::VeryEasy);
        assert_eq!(Level::of(12.0), Level::Difficult);
    }
}
