//! A server-drawn SVG chart of milestones done over time, readable without
//! JavaScript, followed by the same data as a table for screen readers and
//! browsers that do not draw SVG.
//!
//! Colours and sizes are SVG presentation attributes (`fill`, `stroke`,
//! `font-size`…), never `style=`: the Content-Security-Policy forbids inline
//! styles, while presentation attributes are plain attributes it allows.
//! SVG shapes are written with an explicit end tag (`line … {}`), never
//! maud's `;`: in HTML, `<line>` is not void, so an unclosed one would
//! swallow everything after it and nothing would be drawn.

use crate::dates;
use chrono::NaiveDate;
use maud::{Markup, html};
use relais_domain::Language;

/// One point: on `date`, `done` milestones were done out of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgressPoint {
    /// The day of the count.
    pub date: NaiveDate,
    /// Milestones done by the end of that day (cumulative).
    pub done: u32,
}

/// The chart's texts, already translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartLabels {
    /// Short name of the chart (SVG `<title>` and table caption).
    pub title: String,
    /// One-sentence summary of what it shows (SVG `<desc>`).
    pub description: String,
    /// Shown instead of the chart when there is nothing to draw.
    pub empty: String,
    /// Header of the table's date column.
    pub date_heading: String,
    /// Header of the table's count column.
    pub done_heading: String,
    /// The language dates are written in.
    pub lang: Language,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;
const PLOT_WIDTH: f64 = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT: f64 = HEIGHT - TOP - BOTTOM;
// The site's palette (static/style.css); CSS variables cannot be used in
// presentation attributes.
pub(crate) const ACCENT: &str = "#0b6e4f";
pub(crate) const INK: &str = "#1d2330";
pub(crate) const MUTED: &str = "#5a6272";
pub(crate) const LINE: &str = "#dcd8cf";

/// The smallest 1, 2 or 5 × 10ⁿ step that draws `max` in at most five steps.
fn tick_step(max: u64) -> u64 {
    let raw = max.div_ceil(5).max(1);
    let mut magnitude = 1;
    while magnitude * 10 <= raw {
        magnitude *= 10;
    }
    [1, 2, 5, 10]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&step| step >= raw)
        .unwrap_or(10 * magnitude)
}

/// Round ticks from 0, then `max` itself so the top of the axis is labelled.
pub(crate) fn y_ticks(max: u32) -> Vec<u32> {
    let max = u64::from(max);
    let step = tick_step(max);
    let mut ticks: Vec<u64> = (0..).map(|k| k * step).take_while(|&t| t < max).collect();
    // A round tick just under `max` would print on top of it.
    if ticks.len() > 1 && ticks.last().is_some_and(|&last| (max - last) * 2 < step) {
        ticks.pop();
    }
    ticks.push(max);
    ticks
        .into_iter()
        .map(|t| u32::try_from(t).unwrap_or(u32::MAX))
        .collect()
}

/// One decimal is finer than a pixel, and keeps the markup short.
pub(crate) fn coord(value: f64) -> String {
    format!("{value:.1}")
}

/// Maps days and counts to SVG coordinates.
struct Scale {
    start: NaiveDate,
    days: f64,
    max: f64,
}

impl Scale {
    fn x(&self, date: NaiveDate) -> f64 {
        let offset = (date - self.start).num_days() as f64;
        LEFT + offset / self.days * PLOT_WIDTH
    }

    fn y(&self, count: u32) -> f64 {
        TOP + PLOT_HEIGHT - f64::from(count) / self.max * PLOT_HEIGHT
    }
}

/// Renders the chart and its data table, or `labels.empty` when there is no
/// data. `points` are cumulative counts; they are drawn in date order up to
/// `today`.
pub fn milestones_done(
    points: &[ProgressPoint],
    total: u32,
    today: NaiveDate,
    labels: &ChartLabels,
) -> Markup {
    let mut points = points.to_vec();
    points.sort_by_key(|p| p.date);
    let (Some(first), Some(last)) = (points.first().copied(), points.last().copied()) else {
        return empty(labels);
    };
    if total == 0 {
        return empty(labels);
    }
    // A count above the total (data being edited) must stay inside the chart.
    let max = points.iter().map(|p| p.done).fold(total, u32::max);
    // A clock behind the last point must not cut the line short.
    let end = today.max(last.date);
    let span = (end - first.date).num_days();
    let scale = Scale {
        start: first.date,
        // A single day is drawn at the left edge rather than divided by zero.
        days: span.max(1) as f64,
        max: f64::from(max),
    };

    let mut line = format!("M{:.1} {:.1}", scale.x(first.date), scale.y(first.done));
    for p in &points[1..] {
        line.push_str(&format!(" H{:.1} V{:.1}", scale.x(p.date), scale.y(p.done)));
    }
    line.push_str(&format!(" H{:.1}", scale.x(end)));

    let middle = (span >= 2).then(|| first.date + chrono::Days::new(span.unsigned_abs() / 2));
    let axis_y = scale.y(0);
    let label_y = axis_y + 22.0;
    let date = |d: NaiveDate| dates::date(labels.lang, d);

    html! {
        div.chart {
            svg role="img" viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } width="100%"
                preserveAspectRatio="xMidYMid meet" {
                title { (labels.title) }
                desc { (labels.description) }
                @for tick in y_ticks(max) {
                    line x1=(LEFT) x2=(WIDTH - RIGHT) y1=(coord(scale.y(tick)))
                        y2=(coord(scale.y(tick))) stroke=(LINE) stroke-width="1" {}
                    text x=(LEFT - 8.0) y=(coord(scale.y(tick))) text-anchor="end"
                        dominant-baseline="middle" font-size="12" fill=(MUTED) { (tick) }
                }
                line x1=(LEFT) x2=(LEFT) y1=(TOP) y2=(coord(axis_y))
                    stroke=(INK) stroke-width="1" {}
                line x1=(LEFT) x2=(WIDTH - RIGHT) y1=(coord(axis_y))
                    y2=(coord(axis_y)) stroke=(INK) stroke-width="1" {}
                text x=(LEFT) y=(label_y) text-anchor="start" font-size="12" fill=(MUTED) {
                    (date(first.date))
                }
                @if let Some(middle) = middle {
                    text x=(coord(scale.x(middle))) y=(label_y) text-anchor="middle"
                        font-size="12" fill=(MUTED) { (date(middle)) }
                }
                @if span > 0 {
                    text x=(WIDTH - RIGHT) y=(label_y) text-anchor="end" font-size="12"
                        fill=(MUTED) { (date(end)) }
                }
                path d=(line) fill="none" stroke=(ACCENT) stroke-width="2.5"
                    stroke-linejoin="round" {}
                @for p in &points {
                    circle cx=(coord(scale.x(p.date)))
                        cy=(coord(scale.y(p.done))) r="4" fill=(ACCENT) {
                        // A hover tooltip that needs no script.
                        title { (date(p.date))  ": "  (p.done) " / " (total) }
                    }
                }
            }
            table.chart-data {
                caption { (labels.title) }
                thead {
                    tr {
                        th scope="col" { (labels.date_heading) }
                        th scope="col" { (labels.done_heading) }
                    }
                }
                tbody {
                    @for p in &points {
                        tr {
                            th scope="row" { (dates::date_tag(labels.lang, p.date)) }
                            td { (p.done) " / " (total) }
                        }
                    }
                }
            }
        }
    }
}

fn empty(labels: &ChartLabels) -> Markup {
    html! { p.muted { (labels.empty) } }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("test dates are valid")
    }

    fn labels() -> ChartLabels {
        ChartLabels {
            title: "Jalons terminés".into(),
            description: "Nombre de jalons terminés <au fil> du temps".into(),
            empty: "Pas encore de jalon.".into(),
            date_heading: "Date".into(),
            done_heading: "Terminés".into(),
            lang: Language::Fr,
        }
    }

    fn point(date: &str, done: u32) -> ProgressPoint {
        ProgressPoint {
            date: day(date),
            done,
        }
    }

    /// The text of every `<text>` element, in order.
    fn texts(svg: &str) -> Vec<&str> {
        svg.split("<text ")
            .skip(1)
            .filter_map(|rest| rest.split_once('>'))
            .filter_map(|(_, rest)| rest.split_once("</text>"))
            .map(|(text, _)| text)
            .collect()
    }

    #[test]
    fn no_points_or_no_milestones_show_the_empty_message() {
        let today = day("2025-03-01");
        for out in [
            milestones_done(&[], 5, today, &labels()),
            milestones_done(&[point("2025-01-01", 0)], 0, today, &labels()),
        ] {
            let out = out.into_string();
            assert_eq!(out, r#"<p class="muted">Pas encore de jalon.</p>"#);
        }
    }

    #[test]
    fn three_points_draw_three_dots_an_axis_up_to_the_total_and_a_table() {
        let points = [
            point("2025-01-01", 1),
            point("2025-01-15", 2),
            point("2025-02-01", 4),
        ];
        let out = milestones_done(&points, 7, day("2025-03-01"), &labels()).into_string();
        assert!(
            out.contains(r#"<svg role="img" viewBox="0 0 640 240" width="100%""#),
            "{out}"
        );
        assert!(out.contains("<title>Jalons terminés</title>"), "{out}");
        assert!(out.contains("<desc>Nombre de jalons terminés &lt;au fil&gt; du temps</desc>"));
        assert_eq!(out.matches("<circle ").count(), 3, "{out}");
        let texts = texts(&out);
        let ticks: Vec<u32> = texts.iter().filter_map(|t| t.parse().ok()).collect();
        assert_eq!(ticks.first(), Some(&0));
        assert_eq!(ticks.last(), Some(&7));
        assert!(texts.contains(&"1er janvier 2025"), "{texts:?}");
        assert!(texts.contains(&"1er mars 2025"), "{texts:?}");
        let table = out
            .split(r#"<table class="chart-data">"#)
            .nth(1)
            .expect("a table");
        assert_eq!(table.matches("<tr>").count(), 4, "{table}");
        assert!(table.contains(
            r#"<th scope="row"><time datetime="2025-01-15">15 janvier 2025</time></th><td>2 / 7</td>"#
        ));
        assert!(!out.contains("style="), "{out}");
    }

    #[test]
    fn every_svg_shape_is_closed() {
        let points = [point("2025-01-01", 1), point("2025-02-01", 3)];
        let out = milestones_done(&points, 3, day("2025-03-01"), &labels()).into_string();
        for shape in ["line", "path", "circle", "text"] {
            let opened = out.matches(&format!("<{shape} ")).count();
            assert!(opened > 0, "no {shape} in {out}");
            assert_eq!(
                opened,
                out.matches(&format!("</{shape}>")).count(),
                "{shape}: {out}"
            );
        }
    }

    #[test]
    fn the_step_line_runs_on_to_today() {
        let points = [point("2025-01-01", 1), point("2025-01-11", 2)];
        let out = milestones_done(&points, 2, day("2025-01-21"), &labels()).into_string();
        // 0 → 10 → 20 days over 576 px starting at x = 48.
        assert!(
            out.contains(r#"d="M48.0 110.0 H336.0 V16.0 H624.0""#),
            "{out}"
        );
    }

    #[test]
    fn a_chart_starting_today_does_not_divide_by_zero() {
        let today = day("2025-03-01");
        let out = milestones_done(&[point("2025-03-01", 2)], 3, today, &labels()).into_string();
        assert!(!out.contains("NaN") && !out.contains("inf"), "{out}");
        assert_eq!(out.matches("<circle ").count(), 1);
        assert_eq!(out.matches("1er mars 2025</text>").count(), 1, "{out}");
    }

    #[test]
    fn large_totals_keep_few_round_ticks() {
        for total in [1, 2, 3, 7, 11, 99, 1000, 12_345, 1_000_001, u32::MAX] {
            let ticks = y_ticks(total);
            assert!(ticks.len() <= 7, "{total}: {ticks:?}");
            assert_eq!(ticks.first(), Some(&0), "{total}: {ticks:?}");
            assert_eq!(ticks.last(), Some(&total), "{total}: {ticks:?}");
            assert!(ticks.windows(2).all(|w| w[0] < w[1]), "{total}: {ticks:?}");
        }
        let out = milestones_done(
            &[point("2025-01-01", 5)],
            12_345,
            day("2025-02-01"),
            &labels(),
        )
        .into_string();
        let tick_labels = texts(&out)
            .iter()
            .filter(|t| t.parse::<u32>().is_ok())
            .count();
        assert!(tick_labels <= 7, "{out}");
    }

    #[test]
    fn counts_above_the_total_stay_inside_the_chart() {
        let out = milestones_done(&[point("2025-01-01", 9)], 3, day("2025-01-05"), &labels())
            .into_string();
        assert!(out.contains(r#"cy="16.0""#), "{out}");
    }
}
