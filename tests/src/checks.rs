//! Checks a page must pass whoever reads it: valid HTML by the Nu HTML
//! Checker (`vnu.jar`, the W3C validator's engine) and WCAG 2.1 A and AA by
//! axe-core in Chromium. Both come from npm through
//! `scripts/install-test-tools`, which puts them in [`tools_dir`].

use crate::browser::Browser;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Where `scripts/install-test-tools` installs the npm tools:
/// `$RELAIS_TEST_TOOLS`, else `$XDG_CACHE_HOME/relais-test-tools`, else
/// `~/.cache/relais-test-tools` (the script reads the same variables).
pub fn tools_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("RELAIS_TEST_TOOLS") {
        return dir.into();
    }
    let cache = std::env::var("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").expect("HOME")).join(".cache"));
    cache.join("relais-test-tools")
}

/// A file of an installed npm package.
fn tool(package_file: &str) -> PathBuf {
    let path = tools_dir().join("node_modules").join(package_file);
    assert!(
        path.exists(),
        "{} is missing: run scripts/install-test-tools (scripts/test does)",
        path.display()
    );
    path
}

/// Checks every page with the Nu HTML Checker in one run (one Java start)
/// and returns each error as "label, line N: message (extract)"; `pages`
/// are (label, HTML).
pub fn html_errors(pages: &[(String, String)]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("pages dir");
    let files: Vec<PathBuf> = pages
        .iter()
        .enumerate()
        .map(|(i, (_, html))| {
            let file = dir.path().join(format!("page-{i}.html"));
            std::fs::write(&file, html).expect("write page");
            file
        })
        .collect();
    let out = Command::new("java")
        .arg("-jar")
        .arg(tool("vnu-jar/build/dist/vnu.jar"))
        .args(["--errors-only", "--format", "json", "--exit-zero-always"])
        .args(&files)
        .stdin(Stdio::null())
        .output()
        .expect("run java (scripts/install-test-tools installs it)");
    // The checker writes its report to standard error.
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "the checker's report is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let messages = report["messages"].as_array().expect("messages");
    messages
        .iter()
        .map(|m| {
            let url = m["url"].as_str().unwrap_or_default();
            let page = files
                .iter()
                .position(|f| {
                    url.ends_with(&format!("/{}", f.file_name().expect("name").display()))
                })
                .map_or(url, |i| pages[i].0.as_str());
            format!(
                "{page}, line {}: {} ({})",
                m["lastLine"],
                m["message"].as_str().unwrap_or_default(),
                m["extract"].as_str().unwrap_or_default().trim()
            )
        })
        .collect()
}

/// Runs axe-core on the browser's current page against WCAG 2.0 and 2.1,
/// levels A and AA, and returns each violation as "rule (impact): what it
/// asks, at: elements".
pub async fn accessibility_violations(browser: &Browser) -> Vec<String> {
    static AXE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let axe = AXE.get_or_init(|| {
        std::fs::read_to_string(tool("axe-core/axe.min.js")).expect("read axe.min.js")
    });
    // Injected on every page: a navigation forgets it.
    browser
        .client
        .execute(axe, vec![])
        .await
        .expect("inject axe-core");
    let found = browser
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            axe.run(document, {
              runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
              resultTypes: ["violations"],
            }).then(
              (r) => done(r.passes.length === 0 ? ["axe-core checked nothing"] : r.violations.map((v) =>
                `${v.id} (${v.impact}): ${v.help}, at: ` +
                v.nodes.slice(0, 5).map((n) => n.target.join(" ") +
                  (n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, " ")}]` : "")).join("; ") +
                (v.nodes.length > 5 ? ` and ${v.nodes.length - 5} more` : ""))),
              (e) => done([`axe-core failed: ${e}`]),
            );"#,
            vec![],
        )
        .await
        .expect("run axe-core");
    found
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .collect()
}
