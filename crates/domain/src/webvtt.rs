//! WebVTT captions, checked before they are kept: a file that parses, whose
//! cues come in time order without overlapping, under `MAX_BYTES`. A
//! refusal names the line at fault, so a team can fix it in any editor.
//!
//! The rules are the WebVTT format's (W3C), made stricter where players
//! disagree: overlapping cues, which some players stack and others drop,
//! are refused, since captions for one speaker at a time never overlap.

use std::fmt;

/// The largest captions file kept (an hour of dense captions is ~60 KiB).
pub const MAX_BYTES: usize = 100 * 1024;

/// What is wrong with a captions file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Larger than `MAX_BYTES`.
    TooLarge,
    /// Not UTF-8 text.
    NotText,
    /// The first line is not `WEBVTT`.
    Header,
    /// No blank line between the header and the first cue.
    BlankAfterHeader,
    /// A line that should be `00:00:01.000 --> 00:00:04.000`.
    Timing,
    /// A cue that ends before (or when) it starts.
    EndBeforeStart,
    /// A cue that starts before the previous one.
    OutOfOrder,
    /// A cue that starts before the previous one ends.
    Overlap,
    /// Cue text containing `-->`.
    ArrowInText,
    /// No cue at all.
    NoCues,
}

impl Problem {
    /// Translation key of the explanation.
    pub fn key(self) -> &'static str {
        match self {
            Problem::TooLarge => "vtt-too-large",
            Problem::NotText => "vtt-not-text",
            Problem::Header => "vtt-header",
            Problem::BlankAfterHeader => "vtt-blank-after-header",
            Problem::Timing => "vtt-timing",
            Problem::EndBeforeStart => "vtt-end-before-start",
            Problem::OutOfOrder => "vtt-out-of-order",
            Problem::Overlap => "vtt-overlap",
            Problem::ArrowInText => "vtt-arrow-in-text",
            Problem::NoCues => "vtt-no-cues",
        }
    }
}

/// A refusal, with the line (from 1) where it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    /// The line at fault, when there is one.
    pub line: Option<usize>,
    /// What is wrong.
    pub problem: Problem,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.problem.key()),
            None => f.write_str(self.problem.key()),
        }
    }
}

fn refuse(line: usize, problem: Problem) -> Refusal {
    Refusal {
        line: Some(line),
        problem,
    }
}

/// Checked captions: the text (line endings made `\n`) and its cue count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captions {
    text: String,
    cues: usize,
}

/// A cue time in milliseconds, from `[hh:]mm:ss.ttt`.
fn timestamp(text: &str) -> Option<u64> {
    let (clock, millis) = text.split_once('.')?;
    if millis.len() != 3 || !millis.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    let (hours, minutes, seconds) = match parts.as_slice() {
        [m, s] => ("0", *m, *s),
        [h, m, s] if h.len() >= 2 => (*h, *m, *s),
        _ => return None,
    };
    let digits = |s: &str, exact: bool| {
        (!s.is_empty() && (!exact || s.len() == 2) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u64>().ok())
            .flatten()
    };
    let (h, m, s) = (
        digits(hours, false)?,
        digits(minutes, true)?,
        digits(seconds, true)?,
    );
    if m > 59 || s > 59 {
        return None;
    }
    Some(((h * 60 + m) * 60 + s) * 1000 + millis.parse::<u64>().ok()?)
}

/// `start --> end [settings]` as two times.
fn timing(line: &str) -> Option<(u64, u64)> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    Some((timestamp(start.trim())?, timestamp(end)?))
}

fn is_keyword_block(line: &str, keyword: &str) -> bool {
    line.strip_prefix(keyword)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

impl Captions {
    /// Checks an uploaded file.
    pub fn parse(bytes: &[u8]) -> Result<Captions, Refusal> {
        if bytes.len() > MAX_BYTES {
            return Err(Refusal {
                line: None,
                problem: Problem::TooLarge,
            });
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let before = &bytes[..e.valid_up_to()];
            refuse(
                before.iter().filter(|b| **b == b'\n').count() + 1,
                Problem::NotText,
            )
        })?;
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let lines: Vec<&str> = text.split('\n').collect();
        let first = lines.first().copied().unwrap_or("");
        if !is_keyword_block(first, "WEBVTT") {
            return Err(refuse(1, Problem::Header));
        }
        let mut i = 1;
        while i < lines.len() && !lines[i].is_empty() {
            if lines[i].contains("-->") {
                return Err(refuse(i + 1, Problem::BlankAfterHeader));
            }
            i += 1;
        }
        let mut cues = 0;
        let mut previous: Option<(u64, u64)> = None;
        while i < lines.len() {
            if lines[i].is_empty() {
                i += 1;
                continue;
            }
            let block_start = i;
            while i < lines.len() && !lines[i].is_empty() {
                i += 1;
            }
            let block = &lines[block_start..i];
            let head = block[0];
            if ["NOTE", "STYLE", "REGION"]
                .iter()
                .any(|k| is_keyword_block(head, k))
            {
                continue;
            }
            // An optional identifier line comes before the timing line.
            let timing_at = if head.contains("-->") { 0 } else { 1 };
            let line_no = block_start + timing_at + 1;
            let (start, end) = block
                .get(timing_at)
                .and_then(|l| timing(l))
                .ok_or(refuse(line_no, Problem::Timing))?;
            if end <= start {
                return Err(refuse(line_no, Problem::EndBeforeStart));
            }
            if let Some((previous_start, previous_end)) = previous {
                if start < previous_start {
                    return Err(refuse(line_no, Problem::OutOfOrder));
                }
                if start < previous_end {
                    return Err(refuse(line_no, Problem::Overlap));
                }
            }
            if let Some(k) = block[timing_at + 1..]
                .iter()
                .position(|l| l.contains("-->"))
            {
                return Err(refuse(line_no + 1 + k, Problem::ArrowInText));
            }
            previous = Some((start, end));
            cues += 1;
        }
        if cues == 0 {
            return Err(refuse(lines.len(), Problem::NoCues));
        }
        Ok(Captions { text, cues })
    }

    /// The WebVTT text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The number of cues.
    pub fn cues(&self) -> usize {
        self.cues
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> Refusal {
        Captions::parse(text.as_bytes()).expect_err("refused")
    }

    const GOOD: &str = "\u{feff}WEBVTT - Le projet expliqué\r\n\
        Kind: captions\r\n\
        \r\n\
        NOTE écrit par l'équipe\r\n\
        \r\n\
        1\r\n\
        00:00:00.000 --> 00:00:03.500 line:90%\r\n\
        Bonjour !\r\n\
        \r\n\
        00:03.500 --> 00:07.250\r\n\
        <v Awa>Voici notre outil.\r\n\
        Il est simple.\r\n\
        \r\n\
        01:00:00.000 --> 01:00:01.000\r\n\
        Fin.\r\n";

    #[test]
    fn a_well_formed_file_is_kept_with_unix_line_endings() {
        let c = Captions::parse(GOOD.as_bytes()).expect("valid");
        assert_eq!(c.cues(), 3);
        assert!(c.text().starts_with("WEBVTT - Le projet"));
        assert!(!c.text().contains('\r'));
        assert_eq!(Captions::parse(c.text().as_bytes()), Ok(c));
    }

    #[test]
    fn each_problem_is_refused_with_its_line() {
        let cases: [(&str, usize, Problem); 9] = [
            ("WEBVT\n\n00:00.000 --> 00:01.000\nA\n", 1, Problem::Header),
            (
                "WEBVTT\n00:00.000 --> 00:01.000\nA\n",
                2,
                Problem::BlankAfterHeader,
            ),
            (
                "WEBVTT\n\n1\n00:00.000 -> 00:01.000\nA\n",
                4,
                Problem::Timing,
            ),
            ("WEBVTT\n\n00:00.00 --> 00:01.000\nA\n", 3, Problem::Timing),
            ("WEBVTT\n\n00:61.000 --> 01:01.000\nA\n", 3, Problem::Timing),
            (
                "WEBVTT\n\n00:02.000 --> 00:01.000\nA\n",
                3,
                Problem::EndBeforeStart,
            ),
            (
                "WEBVTT\n\n00:05.000 --> 00:06.000\nA\n\n00:01.000 --> 00:02.000\nB\n",
                6,
                Problem::OutOfOrder,
            ),
            (
                "WEBVTT\n\n00:01.000 --> 00:05.000\nA\n\nid\n00:04.000 --> 00:06.000\nB\n",
                7,
                Problem::Overlap,
            ),
            (
                "WEBVTT\n\n00:01.000 --> 00:05.000\nA\nB --> C\n",
                5,
                Problem::ArrowInText,
            ),
        ];
        for (text, line, problem) in cases {
            assert_eq!(
                refused(text),
                Refusal {
                    line: Some(line),
                    problem
                },
                "{text:?}"
            );
        }
        assert_eq!(refused("WEBVTT\n\nNOTE rien\n").problem, Problem::NoCues);
        assert_eq!(
            Captions::parse(b"WEBVTT\n\n00:00.000 --> 00:01.000\n\xff\n").expect_err("bytes"),
            refuse(4, Problem::NotText)
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_parsing() {
        let mut big = String::from("WEBVTT\n\n");
        let mut t = 0;
        while big.len() <= MAX_BYTES {
            big.push_str(&format!(
                "00:{:02}:{:02}.000 --> 00:{:02}:{:02}.500\nUne ligne de sous-titres.\n\n",
                t / 60 % 60,
                t % 60,
                t / 60 % 60,
                t % 60
            ));
            t += 1;
        }
        assert_eq!(
            refused(&big),
            Refusal {
                line: None,
                problem: Problem::TooLarge
            }
        );
    }

    #[test]
    fn cues_may_touch_but_not_overlap() {
        let touching = "WEBVTT\n\n00:00.000 --> 00:02.000\nA\n\n00:02.000 --> 00:03.000\nB";
        assert_eq!(
            Captions::parse(touching.as_bytes()).map(|c| c.cues()),
            Ok(2)
        );
    }
}
