//! The coordinators' dashboard and quarterly report in a real headless
//! Chromium with JavaScript turned off: the pages carry no script, their
//! charts are drawn (SVG bars with a size on the screen), and each prints
//! to a PDF on A4 paper through WebDriver's Print command.

use base64::Engine as _;
use fantoccini::Locator;
use fantoccini::wd::WebDriverCompatibleCommand;
use relais_tests::browser::Browser;
use relais_tests::{PASSWORD, programme};

/// WebDriver's "Print Page": the current page as a PDF, on A4 in portrait.
#[derive(Debug)]
struct PrintOnA4;

impl WebDriverCompatibleCommand for PrintOnA4 {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/print", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({
            "orientation": "portrait",
            // Centimetres.
            "page": { "width": 21.0, "height": 29.7 },
            "background": false,
        });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// The width and height in points of every page of `pdf`.
fn page_sizes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    let boxes =
        regex::Regex::new(r"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]").expect("pattern");
    boxes
        .captures_iter(&text)
        .map(|c| (c[1].parse().expect("width"), c[2].parse().expect("height")))
        .collect()
}

/// Checks the page open in `browser`: no script, bars drawn, A4 when printed.
async fn drawn_and_printed_on_a4(browser: &Browser, what: &str) {
    let source = browser.client.source().await.expect("source");
    assert!(!source.contains("<script"), "{what} has a script");
    let charts = browser
        .client
        .find_all(Locator::Css("svg[role=img]"))
        .await
        .expect("charts");
    assert!(!charts.is_empty(), "{what} has no chart");
    let mut drawn = 0;
    for bar in browser
        .client
        .find_all(Locator::Css("svg[role=img] rect"))
        .await
        .expect("bars")
    {
        let (_, _, width, height) = bar.rectangle().await.expect("a bar's box");
        if width > 0.0 && height > 0.0 {
            drawn += 1;
        }
    }
    assert!(drawn > 0, "{what}: no bar drawn on the screen");
    let printed = browser.client.issue_cmd(PrintOnA4).await.expect("print");
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(printed.as_str().expect("base64 PDF"))
        .expect("PDF bytes");
    assert!(pdf.starts_with(b"%PDF-"), "{what} printed no PDF");
    let sizes = page_sizes(&pdf);
    assert!(!sizes.is_empty(), "{what}: no page in the PDF");
    // A4 is 595.3 × 841.9 points.
    for (width, height) in sizes {
        assert!(
            (width - 595.3).abs() < 2.0 && (height - 841.9).abs() < 2.0,
            "{what}: a page of {width} × {height} points"
        );
    }
}

#[tokio::test]
async fn the_dashboard_and_the_report_draw_their_charts_without_javascript_and_print_on_a4() {
    let p = programme::programme().await;
    let browser = Browser::start_without_javascript().await;
    browser
        .log_in(&p.app.base_url, "coord@example.org", PASSWORD)
        .await;

    browser
        .goto(&format!("{}/admin/figures", p.app.base_url))
        .await;
    browser
        .wait_for_text("2 projets sur 7 actifs ce mois-ci.")
        .await;
    drawn_and_printed_on_a4(&browser, "the dashboard").await;

    browser
        .goto(&format!(
            "{}/admin/figures/report?quarter=2024-Q2",
            p.app.base_url
        ))
        .await;
    browser
        .wait_for_text("En juin 2024, 1 projet sur 7 était actif.")
        .await;
    drawn_and_printed_on_a4(&browser, "the quarterly report").await;
    browser.close().await;
}
