//! Server-drawn grouped bar charts (continuity, the dashboard, the
//! quarterly report): SVG with no script, each followed by its numbers in a
//! table, and readable once printed in black and white — series differ in
//! lightness, every bar carries its value, and a legend names the series.
//!
//! As in [`crate::chart`], colours are presentation attributes (the
//! Content-Security-Policy forbids inline styles) and every shape has an
//! explicit end tag.

use crate::chart::{INK, LINE, MUTED, coord, y_ticks};
use maud::{Markup, html};

/// One bar: its height on the axis, the short label drawn on it, and the
/// fuller text of the table. A cell without a value draws nothing and
/// shows its text ("à venir").
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Height on the axis (a percentage, or a count), if there is a bar.
    pub value: Option<f64>,
    /// Drawn above the bar ("57 %", "12").
    pub label: String,
    /// Shown in the table ("4 / 7 (57 %)").
    pub text: String,
}

impl Cell {
    /// A count drawn as itself.
    pub fn count(count: u64) -> Cell {
        Cell {
            value: Some(count as f64),
            label: count.to_string(),
            text: count.to_string(),
        }
    }

    /// No bar; `text` in the table.
    pub fn none(text: String) -> Cell {
        Cell {
            value: None,
            label: String::new(),
            text,
        }
    }
}

/// One group of bars (a month), one cell per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Under the group, and heading its table row.
    pub label: String,
    /// One per series, in the series' order.
    pub cells: Vec<Cell>,
}

/// What the axis measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// 0 to 100 %.
    Percent,
    /// 0 to the largest value.
    Count,
}

/// A grouped bar chart and its table, texts already translated.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    /// SVG `<title>` and table caption.
    pub title: String,
    /// SVG `<desc>`: what the chart shows, in a sentence.
    pub description: String,
    /// Heading of the table's first column (what a group is).
    pub group_heading: String,
    /// The series' names (legend and table columns).
    pub series: Vec<String>,
    /// The groups, left to right.
    pub groups: Vec<Group>,
    /// What the axis measures.
    pub axis: Axis,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 32.0;
const PLOT_WIDTH: f64 = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT: f64 = HEIGHT - TOP - BOTTOM;
/// Bars narrower than this carry no label: it would overlap its neighbours.
const LABELLED_WIDTH: f64 = 18.0;
/// Fills alternating dark and light, so that neighbours stay apart in grey.
const FILLS: [&str; 6] = [
    "#0b6e4f", "#b9dccb", "#1d2330", "#e6e2d8", "#5a8f7b", "#8a8f99",
];

fn fill(series: usize) -> &'static str {
    FILLS[series % FILLS.len()]
}

/// The chart and its table.
pub fn bars(chart: &Bars) -> Markup {
    let (max, ticks): (f64, Vec<(f64, String)>) = match chart.axis {
        Axis::Percent => (
            100.0,
            [0, 25, 50, 75, 100]
                .into_iter()
                .map(|t| (f64::from(t), format!("{t} %")))
                .collect(),
        ),
        Axis::Count => {
            let largest = chart
                .groups
                .iter()
                .flat_map(|g| g.cells.iter().filter_map(|c| c.value))
                .fold(0.0, f64::max);
            // At least 1, so that an all-zero chart still has an axis.
            let top = u32::try_from(largest.ceil() as u64)
                .unwrap_or(u32::MAX)
                .max(1);
            (
                f64::from(top),
                y_ticks(top)
                    .into_iter()
                    .map(|t| (f64::from(t), t.to_string()))
                    .collect(),
            )
        }
    };
    let y = |value: f64| TOP + PLOT_HEIGHT - value.clamp(0.0, max) / max * PLOT_HEIGHT;
    let series = chart.series.len().max(1);
    let groups = chart.groups.len().max(1);
    let slot = PLOT_WIDTH / groups as f64;
    // Bars take 70 % of their group's slot, the rest separates the groups.
    let bar = slot * 0.7 / series as f64;
    let x =
        |group: usize, index: usize| LEFT + slot * group as f64 + slot * 0.15 + bar * index as f64;
    let axis_y = y(0.0);
    html! {
        div.chart.bars {
            svg role="img" viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } width="100%"
                preserveAspectRatio="xMidYMid meet" {
                title { (chart.title) }
                desc { (chart.description) }
                @for (value, text) in &ticks {
                    line x1=(LEFT) x2=(WIDTH - RIGHT) y1=(coord(y(*value)))
                        y2=(coord(y(*value))) stroke=(LINE) stroke-width="1" {}
                    text x=(LEFT - 6.0) y=(coord(y(*value))) text-anchor="end"
                        dominant-baseline="middle" font-size="11" fill=(MUTED) { (text) }
                }
                @if chart.series.len() > 1 {
                    @for (index, name) in chart.series.iter().enumerate() {
                        @let left = LEFT + (PLOT_WIDTH / chart.series.len() as f64) * index as f64;
                        rect x=(coord(left)) y="8" width="12" height="12" fill=(fill(index))
                            stroke=(INK) stroke-width="0.75" {}
                        text x=(coord(left + 16.0)) y="18" font-size="12" fill=(INK) { (name) }
                    }
                }
                @for (g, group) in chart.groups.iter().enumerate() {
                    @for (index, cell) in group.cells.iter().enumerate() {
                        @if let Some(value) = cell.value {
                            @let top = y(value);
                            rect x=(coord(x(g, index))) y=(coord(top)) width=(coord(bar))
                                height=(coord(axis_y - top)) fill=(fill(index))
                                stroke=(INK) stroke-width="0.75" {
                                title {
                                    (group.label) " · "
                                    @if let Some(name) = chart.series.get(index) { (name) " · " }
                                    (cell.text)
                                }
                            }
                            @if bar >= LABELLED_WIDTH && !cell.label.is_empty() {
                                text x=(coord(x(g, index) + bar / 2.0)) y=(coord(top - 4.0))
                                    text-anchor="middle" font-size="11" fill=(INK) { (cell.label) }
                            }
                        }
                    }
                    text x=(coord(LEFT + slot * (g as f64 + 0.5))) y=(coord(axis_y + 20.0))
                        text-anchor="middle" font-size="12" fill=(MUTED) { (group.label) }
                }
                line x1=(LEFT) x2=(WIDTH - RIGHT) y1=(coord(axis_y)) y2=(coord(axis_y))
                    stroke=(INK) stroke-width="1" {}
            }
            table.chart-data {
                caption { (chart.title) }
                thead {
                    tr {
                        th scope="col" { (chart.group_heading) }
                        @for name in &chart.series { th scope="col" { (name) } }
                    }
                }
                tbody {
                    @for group in &chart.groups {
                        tr {
                            th scope="row" { (group.label) }
                            @for cell in &group.cells { td { (cell.text) } }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(axis: Axis, groups: Vec<Group>, series: &[&str]) -> Bars {
        Bars {
            title: "Continuité".into(),
            description: "Part des projets <actifs>".into(),
            group_heading: "Mois".into(),
            series: series.iter().map(|s| (*s).to_owned()).collect(),
            groups,
            axis,
        }
    }

    fn percent(value: f64) -> Cell {
        Cell {
            value: Some(value),
            label: format!("{value:.0} %"),
            text: format!("{value:.0} % du total"),
        }
    }

    #[test]
    fn each_value_draws_a_labelled_bar_and_a_table_cell() {
        let out = bars(&chart(
            Axis::Percent,
            vec![
                Group {
                    label: "1 mois".into(),
                    cells: vec![percent(60.0), percent(50.0)],
                },
                Group {
                    label: "3 mois".into(),
                    cells: vec![percent(40.0), Cell::none("à venir".into())],
                },
            ],
            &["Paris", "Montréal"],
        ))
        .into_string();
        // Two legend squares and three bars.
        assert_eq!(out.matches("<rect ").count(), 5, "{out}");
        assert!(out.contains("<desc>Part des projets &lt;actifs&gt;</desc>"));
        assert!(out.contains(">60 %</text>") && out.contains(">40 %</text>"));
        assert!(out.contains("<td>à venir</td>"), "{out}");
        assert!(out.contains(r#"<th scope="col">Montréal</th>"#));
        assert!(out.contains(r#"<th scope="row">3 mois</th><td>40 % du total</td>"#));
        // 100 % reaches the top of the plot, 0 % its axis.
        assert!(out.contains(">100 %</text>"));
        assert!(!out.contains("style="), "{out}");
        for shape in ["line", "rect", "text"] {
            assert_eq!(
                out.matches(&format!("<{shape} ")).count(),
                out.matches(&format!("</{shape}>")).count(),
                "{shape}: {out}"
            );
        }
    }

    #[test]
    fn counts_scale_to_the_largest_and_zeros_keep_an_axis() {
        let out = bars(&chart(
            Axis::Count,
            vec![Group {
                label: "mars".into(),
                cells: vec![Cell::count(7)],
            }],
            &["Réponses"],
        ))
        .into_string();
        assert!(out.contains(">7</text>"), "{out}");
        // One series: no legend.
        assert_eq!(out.matches("<rect ").count(), 1, "{out}");
        let zeros = bars(&chart(
            Axis::Count,
            vec![Group {
                label: "mars".into(),
                cells: vec![Cell::count(0)],
            }],
            &["Réponses"],
        ))
        .into_string();
        assert!(!zeros.contains("NaN") && !zeros.contains("inf"), "{zeros}");
    }

    #[test]
    fn bars_never_leave_the_plot() {
        let out = bars(&chart(
            Axis::Percent,
            vec![Group {
                label: "1".into(),
                cells: vec![percent(140.0), percent(-5.0)],
            }],
            &["a", "b"],
        ))
        .into_string();
        assert!(!out.contains("height=\"-"), "{out}");
        assert!(!out.contains(" y=\"-"), "{out}");
    }
}
