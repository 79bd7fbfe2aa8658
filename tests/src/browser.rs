//! Headless Chromium through chromedriver (Debian's `chromium` and
//! `chromium-driver`, installed by `scripts/install-test-tools`).

use fantoccini::{Client, ClientBuilder, Locator};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A chromedriver process and a browser session on it.
pub struct Browser {
    /// The WebDriver client.
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with a fresh profile.
    pub async fn start() -> Browser {
        Browser::start_with(true, false).await
    }

    /// The same as a phone shows pages: a 390 × 844 viewport (CSS pixels),
    /// touch, the mobile layout.
    pub async fn start_phone() -> Browser {
        Browser::start_with(true, true).await
    }

    /// The same with JavaScript turned off in the browser, to show that a
    /// page needs none.
    pub async fn start_without_javascript() -> Browser {
        Browser::start_with(false, false).await
    }

    async fn start_with(javascript: bool, phone: bool) -> Browser {
        let driver_path =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned());
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
        assert!(
            std::path::Path::new(&driver_path).exists() && std::path::Path::new(&chromium).exists(),
            "Chromium and chromedriver are needed for the browser tests: run scripts/install-test-tools (scripts/test does)"
        );
        let port = free_port();
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir().expect("profile dir");
        let mut caps = serde_json::Map::new();
        let mut options = serde_json::json!({
            "binary": chromium,
            // Our users browse in French first.
            "prefs": {
                "intl.accept_languages": "fr-FR,fr",
                // 1 allows, 2 blocks.
                "profile.managed_default_content_settings.javascript": if javascript { 1 } else { 2 },
            },
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1200,900", "--lang=fr-FR",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        });
        if phone {
            options["mobileEmulation"] = serde_json::json!({
                "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 3.0, "mobile": true, "touch": true }
            });
        }
        caps.insert("goog:chromeOptions".to_owned(), options);
        let url = format!("http://127.0.0.1:{port}");
        // Several TLS back-ends are linked in; the WebDriver connection
        // (plain HTTP on loopback) needs one chosen all the same.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut last_error = String::new();
        for _ in 0..50 {
            match ClientBuilder::rustls()
                .expect("tls roots")
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Browser {
                        client,
                        driver,
                        _profile: profile,
                    };
                }
                Err(e) => {
                    last_error = e.to_string();
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        panic!("could not start a browser session: {last_error}");
    }

    /// Opens `url`.
    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("goto");
    }

    /// Logs in through the log-in form at `base_url` and waits for the
    /// welcome.
    pub async fn log_in(&self, base_url: &str, email: &str, password: &str) {
        self.goto(&format!("{base_url}/login")).await;
        self.fill("email", email).await;
        self.fill("password", password).await;
        self.click("form[action^='/login'] button[type=submit]")
            .await;
        self.wait_for_text("Vous êtes connecté·e.").await;
    }

    /// Creates a project with the form at `base_url`: its title, pitch,
    /// one theme and city; waits for the confirmation.
    pub async fn create_project(
        &self,
        base_url: &str,
        title: &str,
        pitch: &str,
        theme: &str,
        city_id: i32,
    ) {
        self.goto(&format!("{base_url}/projects/new")).await;
        self.fill("title", title).await;
        self.fill("pitch", pitch).await;
        self.click(&format!("input[name=themes][value={theme}]"))
            .await;
        self.choose("city_id", &city_id.to_string()).await;
        self.click("form[action='/projects'] button[type=submit]")
            .await;
        self.wait_for_text("Projet créé.").await;
    }

    /// Creates a monthly series with the coordinators' form at
    /// `base_url`: Lyon's meeting on the first Thursday at 19:00 at the
    /// Hôtel de Ville, lasting `minutes`, for `capacity` people; waits for
    /// the confirmation.
    pub async fn create_lyon_series(&self, base_url: &str, minutes: &str, capacity: &str) {
        self.goto(&format!("{base_url}/admin/meetups")).await;
        self.fill("title", "Rencontre de Lyon").await;
        self.choose("ordinal", "first").await;
        self.choose("weekday", "thu").await;
        self.set_value("start_time", "19:00").await;
        self.fill("duration_minutes", minutes).await;
        self.fill("place_address", "Hôtel de Ville, Lyon").await;
        self.fill("capacity", capacity).await;
        self.click("form[action='/admin/meetups'] button[type=submit]")
            .await;
        self.wait_for_text("Série créée").await;
    }

    /// Logs out with the layout's button and waits for the farewell.
    pub async fn log_out(&self) {
        self.click("form[action='/logout'] button").await;
        self.wait_for_text("Vous êtes déconnecté·e.").await;
    }

    /// Types `text` into the field with id `field-{name}`, replacing what was there.
    pub async fn fill(&self, name: &str, text: &str) {
        let field = self
            .client
            .wait()
            .for_element(Locator::Id(&format!("field-{name}")))
            .await
            .unwrap_or_else(|e| panic!("field {name}: {e}"));
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    /// Chooses `value` in the drop-down with id `field-{name}`.
    pub async fn choose(&self, name: &str, value: &str) {
        self.client
            .wait()
            .for_element(Locator::Id(&format!("field-{name}")))
            .await
            .unwrap_or_else(|e| panic!("select {name}: {e}"))
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("select {name}={value}: {e}"));
    }

    /// Sets a field's value directly: date inputs take typed keys in the
    /// browser's locale order, which a test should not depend on.
    pub async fn set_value(&self, name: &str, value: &str) {
        self.client
            .execute(
                "document.getElementById(arguments[0]).value = arguments[1];",
                vec![
                    serde_json::json!(format!("field-{name}")),
                    serde_json::json!(value),
                ],
            )
            .await
            .unwrap_or_else(|e| panic!("set {name}: {e}"));
    }

    /// Clicks the element matched by a CSS selector.
    pub async fn click(&self, css: &str) {
        self.client
            .wait()
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("element {css}: {e}"))
            .click()
            .await
            .expect("click");
    }

    /// The visible text of the page body ("" while a page is loading),
    /// [`crate::as_read`].
    pub async fn text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(body) => crate::as_read(&body.text().await.unwrap_or_default()),
            Err(_) => String::new(),
        }
    }

    /// Waits until the body's text contains `needle`.
    pub async fn wait_for_text(&self, needle: &str) {
        for _ in 0..50 {
            if self.text().await.contains(needle) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "page never showed {needle:?}; it shows:\n{}",
            self.text().await
        );
    }

    /// Whether the first element matched by a CSS selector is shown whole
    /// on the screen as it is now, without scrolling (false when missing,
    /// or hidden, as in a closed `<details>`).
    pub async fn on_screen(&self, css: &str) -> bool {
        self.client
            .execute(
                "const e = document.querySelector(arguments[0]);
                 if (!e || !e.checkVisibility()) return false;
                 const r = e.getBoundingClientRect();
                 return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight
                     && r.left >= 0 && r.right <= window.innerWidth;",
                vec![serde_json::json!(css)],
            )
            .await
            .unwrap_or_else(|e| panic!("where is {css}: {e}"))
            .as_bool()
            .unwrap_or(false)
    }

    /// The current path.
    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("url")
            .path()
            .to_owned()
    }

    /// Ends the browser session.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}
