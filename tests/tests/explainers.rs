//! Explainer videos over HTTP: the team's form and its plain-language
//! check, captions uploads, the library's filters, privacy of playback, the
//! Content-Security-Policy, the feed, coordinators' review, and who may do
//! what.

use relais_domain::Role;
use relais_tests::{Client, Page, TestApp};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use std::str::FromStr;

/// The PeerTube instance these tests trust, besides YouTube.
const HOSTS: &str = "youtube, video.example.org";

struct Programme {
    app: TestApp,
    spring: String,
    autumn: String,
    lyon: String,
    dakar: String,
}

/// Two editions: Lyon takes part in the spring one, Dakar in both.
async fn programme() -> Programme {
    let app = TestApp::spawn_with_video_hosts(HOSTS).await;
    let spring = app.create_edition("2018", "2018-03-09").await;
    let autumn = app.create_edition("2019", "2019-10-04").await;
    let lyon = app
        .create_city_in("lyon", "Lyon", "Europe/Paris", Some(spring))
        .await;
    let dakar = app
        .create_city_in("dakar", "Dakar", "Africa/Dakar", Some(spring))
        .await;
    relais_domain::entities::edition_city::ActiveModel {
        edition_id: Set(autumn),
        city_id: Set(dakar),
    }
    .insert(&app.ctx.db)
    .await
    .expect("Dakar in the autumn edition");
    for (email, name, role, city) in [
        ("alice@example.org", "Alice", Role::Member, "lyon"),
        ("bob@example.org", "Bob", Role::Member, "lyon"),
        ("fatou@example.org", "Fatou", Role::Member, "dakar"),
        ("lyon.coord@example.org", "Luc", Role::Coordinator, "lyon"),
        ("dakar.coord@example.org", "Awa", Role::Coordinator, "dakar"),
    ] {
        app.create_account(email, name, role, Some(city)).await;
    }
    Programme {
        app,
        spring: spring.to_string(),
        autumn: autumn.to_string(),
        lyon: lyon.to_string(),
        dakar: dakar.to_string(),
    }
}

async fn project(
    client: &Client,
    title: &str,
    theme: &str,
    edition: &str,
    city: &str,
    public: bool,
) -> String {
    let mut fields = vec![
        ("title", title),
        ("pitch", "Un outil pour le quartier."),
        ("themes", theme),
        ("licence", "MIT"),
        ("edition_id", edition),
        ("city_id", city),
    ];
    if public {
        fields.push(("is_public", "on"));
    }
    let page = client.submit("/projects/new", "/projects", &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    page.location.expect("project path")
}

const EASY: &str = "Vous voyez un trou dans la rue ? Prenez une photo avec votre téléphone. \
    Envoyez-la avec notre application. La mairie la reçoit tout de suite. \
    Elle peut venir réparer vite. C'est simple.";

const HARD: &str = "Notre application permet aux habitants du quartier de signaler les problèmes de voirie \
    qu'ils rencontrent tous les jours en prenant une photo avec leur téléphone et en l'envoyant \
    directement aux services de la mairie qui peuvent ensuite intervenir rapidement. C'est simple.";

/// Adds an explainer through the form; returns its id.
async fn explainer(
    client: &Client,
    project: &str,
    title: &str,
    video: &str,
    transcript: &str,
) -> i32 {
    let page = client
        .submit(
            &format!("{project}/explainers/new"),
            &format!("{project}/explainers"),
            &[
                ("title", title),
                ("video_url", video),
                ("language", "fr"),
                ("length", "2:30"),
                ("transcript", transcript),
                ("captions_url", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let location = page.location.expect("location");
    location
        .trim_end_matches("/edit")
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("explainer id in {location}"))
}

fn titles_in(page: &Page, candidates: &[&str]) -> Vec<String> {
    candidates
        .iter()
        .filter(|t| page.body.contains(*t))
        .map(|t| (*t).to_owned())
        .collect()
}

#[tokio::test]
async fn the_library_lists_public_explainers_with_a_video_by_edition_city_and_theme() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let fatou = p.app.logged_in("fatou@example.org").await;
    let fountains = project(
        &alice,
        "Fontaines",
        "environmental",
        &p.spring,
        &p.lyon,
        true,
    )
    .await;
    let lessons = project(&fatou, "Cours du soir", "social", &p.autumn, &p.dakar, true).await;
    let hidden = project(
        &alice,
        "Projet discret",
        "social",
        &p.spring,
        &p.lyon,
        false,
    )
    .await;
    explainer(
        &alice,
        &fountains,
        "Les fontaines expliquées",
        "https://video.example.org/w/abc",
        EASY,
    )
    .await;
    explainer(
        &fatou,
        &lessons,
        "Les cours du soir expliqués",
        "https://youtu.be/dQw4w9WgXcQ",
        HARD,
    )
    .await;
    explainer(
        &alice,
        &hidden,
        "Explication discrète",
        "https://video.example.org/w/def",
        EASY,
    )
    .await;
    explainer(&alice, &fountains, "Script sans vidéo", "", EASY).await;

    let all = [
        "Les fontaines expliquées",
        "Les cours du soir expliqués",
        "Explication discrète",
        "Script sans vidéo",
    ];
    let visitor = p.app.client();
    let library = visitor.get("/videos").await;
    assert_eq!(library.status, StatusCode::OK);
    assert_eq!(
        titles_in(&library, &all),
        ["Les fontaines expliquées", "Les cours du soir expliqués"]
    );
    library.assert_contains("2 vidéos");
    // Each card: its project, its city, its length, its level, the transcript's first lines.
    library.assert_contains("Fontaines");
    library.assert_contains("2 min 30 s");
    library.assert_contains("Très facile à lire");
    library.assert_contains("Assez difficile à lire");
    library.assert_contains("Vous voyez un trou dans la rue");

    for (query, expected) in [
        (
            format!("edition={}", p.autumn),
            "Les cours du soir expliqués",
        ),
        (format!("city={}", p.lyon), "Les fontaines expliquées"),
        ("theme=social".to_owned(), "Les cours du soir expliqués"),
        (
            format!("theme=environmental&edition={}", p.spring),
            "Les fontaines expliquées",
        ),
    ] {
        let page = visitor.get(&format!("/videos?{query}")).await;
        assert_eq!(titles_in(&page, &all), [expected], "{query}");
        page.assert_contains("1 vidéo");
    }
    let none = visitor
        .get(&format!("/videos?city={}&theme=environmental", p.dakar))
        .await;
    assert!(titles_in(&none, &all).is_empty());
    none.assert_contains("Aucune vidéo ne correspond à ces filtres.");

    // The project page lists its explainers, the one without video too.
    let page = visitor.get(&fountains).await;
    page.assert_contains("Script sans vidéo");
    page.assert_contains("Vidéo à venir");
    page.assert_contains("Très facile à lire");
}

fn third_party_references(body: &str, host: &str) -> bool {
    body.contains(&format!("//{host}")) || body.contains(&format!("//www.{host}"))
}

#[tokio::test]
async fn nothing_from_a_video_host_is_in_a_page_until_the_viewer_asks() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = project(
        &alice,
        "Fontaines",
        "environmental",
        &p.spring,
        &p.lyon,
        true,
    )
    .await;
    let peertube = explainer(
        &alice,
        &path,
        "Sur PeerTube",
        "https://video.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
        EASY,
    )
    .await;
    let youtube = explainer(
        &alice,
        &path,
        "Sur YouTube",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        EASY,
    )
    .await;
    let elsewhere = explainer(
        &alice,
        &path,
        "Ailleurs",
        "https://peertube.other.org/w/abc",
        EASY,
    )
    .await;
    let visitor = p.app.client();

    for listing in ["/videos", path.as_str()] {
        let page = visitor.get(listing).await;
        for host in ["video.example.org", "youtube.com", "youtube-nocookie.com"] {
            assert!(
                !third_party_references(&page.body, host),
                "{listing} names {host}:\n{}",
                page.body
            );
        }
        assert!(!page.body.contains("<iframe"), "{listing}");
        page.assert_contains("Lire la vidéo (hébergée par video.example.org)");
        page.assert_contains("Lire la vidéo (hébergée par YouTube)");
    }

    let before = visitor.get(&format!("/videos/{peertube}")).await;
    assert_eq!(before.status, StatusCode::OK);
    assert!(
        !third_party_references(&before.body, "video.example.org"),
        "{}",
        before.body
    );
    assert!(!before.body.contains("<iframe"));
    assert!(
        !before.body.contains("src=\"http"),
        "nothing loads from elsewhere"
    );
    before.assert_contains(&format!("href=\"/videos/{peertube}?play=1#player\""));
    before.assert_contains(
        "Rien n'est chargé depuis video.example.org avant que vous demandiez la vidéo.",
    );
    // The transcript is there to read beside the player.
    before.assert_contains("Vous voyez un trou dans la rue ?");

    let after = visitor.get(&format!("/videos/{peertube}?play=1")).await;
    after.assert_contains(
        "<iframe src=\"https://video.example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d?p2p=0&amp;warningTitle=0\"",
    );
    let after = visitor.get(&format!("/videos/{youtube}?play=1")).await;
    after.assert_contains("<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\"");
    assert!(!after.body.contains("https://www.youtube.com/embed"));

    // A host that is not trusted stays a link, even when asked.
    let link = visitor.get(&format!("/videos/{elsewhere}?play=1")).await;
    assert!(!link.body.contains("<iframe"));
    link.assert_contains("href=\"https://peertube.other.org/w/abc\"");
    link.assert_contains("Voir la vidéo sur peertube.other.org");
}

fn directive(csp: &str, name: &str) -> String {
    csp.split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix(&format!("{name} ")))
        .unwrap_or_else(|| panic!("no {name} in {csp}"))
        .to_owned()
}

#[tokio::test]
async fn the_csp_frames_exactly_the_configured_hosts() {
    let app =
        TestApp::spawn_with_video_hosts("vimeo, video.example.org, tube.example.net:8443").await;
    let page = app.client().get("/videos").await;
    let csp = page.headers["content-security-policy"]
        .to_str()
        .expect("ascii");
    assert_eq!(
        directive(csp, "frame-src"),
        "https://player.vimeo.com https://video.example.org https://tube.example.net:8443"
    );
    assert_eq!(
        directive(csp, "media-src"),
        "'self' https://video.example.org https://tube.example.net:8443"
    );
    assert_eq!(directive(csp, "frame-ancestors"), "'none'");
    assert_eq!(directive(csp, "script-src"), "'self'");

    let defaults = TestApp::spawn().await;
    let page = defaults.client().get("/").await;
    let csp = page.headers["content-security-policy"]
        .to_str()
        .expect("ascii");
    assert_eq!(
        directive(csp, "frame-src"),
        "https://www.youtube-nocookie.com https://player.vimeo.com https://framatube.org"
    );
}

#[tokio::test]
async fn the_plain_language_check_advises_on_what_was_typed_and_never_blocks() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = project(
        &alice,
        "Fontaines",
        "environmental",
        &p.spring,
        &p.lyon,
        true,
    )
    .await;
    let check = |transcript: &'static str| {
        let alice = &alice;
        let path = path.clone();
        async move {
            alice
                .submit(
                    &format!("{path}/explainers/new"),
                    &format!("{path}/explainers"),
                    &[
                        ("title", "Les fontaines"),
                        ("video_url", ""),
                        ("language", "fr"),
                        ("length", ""),
                        ("transcript", transcript),
                        ("captions_url", ""),
                        ("check", "1"),
                    ],
                )
                .await
        }
    };
    let hard = check(HARD).await;
    assert_eq!(hard.status, StatusCode::OK);
    hard.assert_contains("<strong id=\"readability-score\">59</strong>");
    hard.assert_contains("Assez difficile à lire");
    hard.assert_contains("Objectif : facile à lire, 60 et plus.");
    hard.assert_contains("Une phrase longue");
    hard.assert_contains("<mark title=\"39 mots\">Notre application permet");
    // What was typed stays in the form; nothing was saved.
    hard.assert_contains("qu'ils rencontrent tous les jours");
    assert!(
        !p.app
            .client()
            .get(&path)
            .await
            .body
            .contains("Les fontaines</a>")
    );

    let easy = check(EASY).await;
    easy.assert_contains("<strong id=\"readability-score\">85</strong>");
    easy.assert_contains("Très facile à lire");
    assert!(!easy.body.contains("<mark"));

    let short = check("Une carte des fontaines.").await;
    short.assert_contains("Ce texte est trop court pour être mesuré : il faut au moins 30 mots.");
    assert!(
        !short.body.contains("<strong id=\"readability-score\">") && !short.body.contains("<meter"),
        "no number"
    );

    let jargon = check("Notre API lit l'open data de la ville.").await;
    jargon.assert_contains("« api »");
    jargon.assert_contains("un moyen pour deux logiciels d'échanger des informations");
    jargon.assert_contains("« open data »");

    // Hard to read is still saved: the check advises.
    let id = explainer(&alice, &path, "Les fontaines", "", HARD).await;
    let page = alice.get(&format!("{path}/explainers/{id}/edit")).await;
    page.assert_contains("Assez difficile à lire");

    // The transcript is required, length-limited, and errors keep what was typed.
    let long = "Un mot. ".repeat(2_600);
    for (transcript, message) in [
        ("", "Ajoutez la transcription de la vidéo."),
        (long.as_str(), "La transcription dépasse 20 000 caractères."),
    ] {
        let refused = alice
            .submit(
                &format!("{path}/explainers/new"),
                &format!("{path}/explainers"),
                &[
                    ("title", "Sans texte"),
                    ("video_url", "javascript:alert(1)"),
                    ("language", "fr"),
                    ("length", "trois minutes"),
                    ("transcript", transcript),
                    ("captions_url", ""),
                ],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        refused.assert_contains(message);
        refused.assert_contains("Donnez une adresse complète commençant par http:// ou https://.");
        refused.assert_contains("Indiquez la durée en minutes et secondes");
        refused.assert_contains("value=\"Sans texte\"");
        refused.assert_contains("value=\"trois minutes\"");
    }

    // The project form checks the summary the same way, without saving.
    let summary_text = format!("Le résumé. {HARD}");
    let summary = alice
        .submit(
            &format!("{path}/edit"),
            &format!("{path}/edit"),
            &[
                ("title", "Fontaines"),
                ("pitch", "Un outil pour le quartier."),
                ("description", &summary_text),
                ("themes", "environmental"),
                ("licence", "MIT"),
                ("edition_id", &p.spring),
                ("city_id", &p.lyon),
                ("check", "1"),
            ],
        )
        .await;
    assert_eq!(summary.status, StatusCode::OK);
    summary.assert_contains("id=\"readability-score\"");
    summary.assert_contains("Une phrase longue");
    assert!(!p.app.client().get(&path).await.body.contains("Le résumé."));
}

fn vtt(cues: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut text = String::from("WEBVTT\n\n");
    for (start, end, line) in cues {
        text.push_str(&format!("{start} --> {end}\n{line}\n\n"));
    }
    text.into_bytes()
}

#[tokio::test]
async fn captions_are_checked_line_by_line_and_offered_to_the_player() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = project(
        &alice,
        "Fontaines",
        "environmental",
        &p.spring,
        &p.lyon,
        true,
    )
    .await;
    let id = explainer(
        &alice,
        &path,
        "Le fichier",
        "https://video.example.org/static/web-videos/f-720.mp4",
        EASY,
    )
    .await;
    let edit = format!("{path}/explainers/{id}/edit");
    let upload = format!("{path}/explainers/{id}/captions");

    let overlapping = vtt(&[
        ("00:00.000", "00:05.000", "Vous voyez un trou dans la rue ?"),
        ("00:04.000", "00:08.000", "Prenez une photo."),
    ]);
    let refused = alice
        .upload(&edit, &upload, "captions", Some(("f.vtt", overlapping)))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Ligne 6 : cette réplique commence avant la fin de la précédente.");
    let backwards = vtt(&[
        ("00:05.000", "00:06.000", "B"),
        ("00:01.000", "00:02.000", "A"),
    ]);
    let refused = alice
        .upload(&edit, &upload, "captions", Some(("f.vtt", backwards)))
        .await;
    refused.assert_contains(
        "Ligne 6 : cette réplique commence avant la précédente : les horaires doivent croître.",
    );
    let refused = alice
        .upload(
            &edit,
            &upload,
            "captions",
            Some(("f.srt", b"1\n00:00:01,000 --> 00:00:02,000\nA\n".to_vec())),
        )
        .await;
    refused.assert_contains("Ligne 1 : le fichier doit commencer par « WEBVTT ».");
    let big = vtt(&[("00:00.000", "00:01.000", &"a".repeat(110 * 1024))]);
    let refused = alice
        .upload(&edit, &upload, "captions", Some(("big.vtt", big)))
        .await;
    refused.assert_contains("Le fichier dépasse 100 Kio.");
    let refused = alice.upload(&edit, &upload, "captions", None).await;
    refused.assert_contains("Choisissez un fichier de sous-titres.");
    // Beyond what any form sends, the request itself is refused.
    let huge = vec![b'a'; 300 * 1024];
    let refused = alice
        .upload(&edit, &upload, "captions", Some(("huge.vtt", huge)))
        .await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);

    // Someone outside the team may not add captions.
    let bob = p.app.logged_in("bob@example.org").await;
    let good = vtt(&[
        ("00:00.000", "00:03.000", "Vous voyez un trou dans la rue ?"),
        ("00:03.000", "00:06.000", "Prenez une photo."),
    ]);
    let forbidden = bob
        .upload(&path, &upload, "captions", Some(("f.vtt", good.clone())))
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

    let saved = alice
        .upload(&edit, &upload, "captions", Some(("f.vtt", good)))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let visitor = p.app.client();
    let file = visitor.get(&format!("/videos/{id}/captions.vtt")).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.headers["content-type"], "text/vtt; charset=utf-8");
    assert!(
        file.body
            .starts_with("WEBVTT\n\n00:00.000 --> 00:03.000\nVous voyez"),
        "{}",
        file.body
    );

    // A file plays in the page, fetching nothing before "play", with its captions.
    let page = visitor.get(&format!("/videos/{id}")).await;
    page.assert_contains("<video controls preload=\"none\">");
    page.assert_contains(
        "<source src=\"https://video.example.org/static/web-videos/f-720.mp4\" type=\"video/mp4\">",
    );
    page.assert_contains(&format!("<track kind=\"captions\" src=\"/videos/{id}/captions.vtt\" srclang=\"fr\" label=\"Français\" default>"));
    visitor.get("/videos").await.assert_contains("Sous-titres");

    // The transcript downloads as text.
    let text = visitor.get(&format!("/videos/{id}/transcript.txt")).await;
    assert_eq!(text.headers["content-type"], "text/plain; charset=utf-8");
    assert!(
        text.headers["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment;")
    );
    assert!(
        text.body
            .starts_with("Le fichier\n\nVous voyez un trou dans la rue ?")
    );

    let removed = alice.submit(&edit, &format!("{upload}/delete"), &[]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(
        visitor
            .get(&format!("/videos/{id}/captions.vtt"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_feed_of_explainers_parses_with_enclosures_for_files() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = project(
        &alice,
        "Fontaines",
        "environmental",
        &p.spring,
        &p.lyon,
        true,
    )
    .await;
    explainer(
        &alice,
        &path,
        "Sur PeerTube",
        "https://video.example.org/w/abc",
        EASY,
    )
    .await;
    p.app.advance(chrono::Duration::minutes(1));
    let file = explainer(
        &alice,
        &path,
        "En fichier",
        "https://video.example.org/static/f.webm",
        HARD,
    )
    .await;
    explainer(&alice, &path, "Sans vidéo", "", EASY).await;

    let response = p.app.client().get("/videos/feed.atom").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.headers["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let feed = atom_syndication::Feed::from_str(&response.body).expect("valid Atom");
    let titles: Vec<&str> = feed
        .entries
        .iter()
        .map(|e| e.title.value.as_str())
        .collect();
    assert_eq!(titles, ["En fichier", "Sur PeerTube"]);
    let first = &feed.entries[0];
    assert_eq!(
        first.links[0].href,
        format!("{}/videos/{file}", p.app.base_url)
    );
    let enclosure = first
        .links
        .iter()
        .find(|l| l.rel == "enclosure")
        .expect("enclosure");
    assert_eq!(enclosure.href, "https://video.example.org/static/f.webm");
    assert_eq!(enclosure.mime_type.as_deref(), Some("video/webm"));
    assert!(!feed.entries[1].links.iter().any(|l| l.rel == "enclosure"));
    assert_eq!(feed.entries[1].authors[0].name, "Fontaines");
}

#[tokio::test]
async fn coordinators_follow_coverage_and_their_reviews_feature_explainers_on_the_home_page() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let fatou = p.app.logged_in("fatou@example.org").await;
    let fountains = project(
        &alice,
        "Fontaines",
        "environmental",
        &p.spring,
        &p.lyon,
        true,
    )
    .await;
    let gardens = project(
        &alice,
        "Jardins partagés",
        "social",
        &p.spring,
        &p.lyon,
        true,
    )
    .await;
    project(&fatou, "Cours du soir", "social", &p.spring, &p.dakar, true).await;
    let id = explainer(
        &alice,
        &fountains,
        "Les fontaines expliquées",
        "https://video.example.org/w/abc",
        EASY,
    )
    .await;

    let luc = p.app.logged_in("lyon.coord@example.org").await;
    let coverage = luc.get("/admin/explainers").await;
    assert_eq!(coverage.status, StatusCode::OK);
    coverage.assert_contains("Projets sans vidéo explicative : 1");
    coverage.assert_contains("Jardins partagés");
    assert!(
        !coverage.body.contains("Cours du soir"),
        "another city's project"
    );
    coverage.assert_contains("À relire : 1");
    coverage.assert_contains("Les fontaines expliquées");
    assert!(
        !p.app
            .client()
            .get("/")
            .await
            .body
            .contains("Les fontaines expliquées")
    );

    // Neither the team nor another city's coordinator may review.
    for who in [&alice, &p.app.logged_in("dakar.coord@example.org").await] {
        let refused = who
            .submit(
                &format!("/videos/{id}"),
                &format!("/videos/{id}/review"),
                &[("reviewed", "on"), ("next", "/")],
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(
        alice.get("/admin/explainers").await.status,
        StatusCode::FORBIDDEN
    );

    let reviewed = luc
        .submit(
            "/admin/explainers",
            &format!("/videos/{id}/review"),
            &[("reviewed", "on"), ("next", "/admin/explainers")],
        )
        .await;
    assert_eq!(reviewed.status, StatusCode::SEE_OTHER);
    assert_eq!(reviewed.location.as_deref(), Some("/admin/explainers"));
    let coverage = luc.get("/admin/explainers").await;
    coverage.assert_contains("À relire : 0");
    let home = p.app.client().get("/").await;
    home.assert_contains("La technologie expliquée à ma grand-mère");
    home.assert_contains("Les fontaines expliquées");
    home.assert_contains("Relue par la coordination");

    // A new transcript is no longer what was reviewed.
    let edit = format!("{fountains}/explainers/{id}/edit");
    let saved = alice
        .submit(
            &edit,
            &edit,
            &[
                ("title", "Les fontaines expliquées"),
                ("video_url", "https://video.example.org/w/abc"),
                ("language", "fr"),
                ("length", ""),
                ("transcript", HARD),
                ("captions_url", ""),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(
        !p.app
            .client()
            .get("/")
            .await
            .body
            .contains("Les fontaines expliquées")
    );
    luc.get("/admin/explainers")
        .await
        .assert_contains("À relire : 1");

    // An abandoned project needs no explainer any more.
    let abandoned = alice
        .submit(
            &gardens,
            &format!("{gardens}/stage"),
            &[("stage", "abandoned")],
        )
        .await;
    assert_eq!(abandoned.status, StatusCode::SEE_OTHER);
    luc.get("/admin/explainers")
        .await
        .assert_contains("Projets sans vidéo explicative : 0");
}

#[tokio::test]
async fn hidden_projects_keep_their_explainers_hidden() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let hidden = project(
        &alice,
        "Projet discret",
        "social",
        &p.spring,
        &p.lyon,
        false,
    )
    .await;
    let id = explainer(
        &alice,
        &hidden,
        "Explication discrète",
        "https://video.example.org/w/abc",
        EASY,
    )
    .await;
    let visitor = p.app.client();
    for path in [
        format!("/videos/{id}"),
        format!("/videos/{id}/transcript.txt"),
        format!("{hidden}/explainers/{id}/edit"),
        "/videos/nope".to_owned(),
    ] {
        assert_eq!(
            visitor.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        alice.get(&format!("/videos/{id}")).await.status,
        StatusCode::OK
    );
    let bob = p.app.logged_in("bob@example.org").await;
    assert_eq!(
        bob.get(&format!("{hidden}/explainers/new")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn launching_needs_an_explainer_with_its_video() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = project(
        &alice,
        "Fontaines",
        "environmental",
        &p.spring,
        &p.lyon,
        true,
    )
    .await;
    // Only the explainer rule stays for launch in this edition.
    p.app
        .create_account("claire@example.org", "Claire", Role::Coordinator, None)
        .await;
    let coordinator = p.app.logged_in("claire@example.org").await;
    let checklist = format!("/admin/editions/{}/stages", p.spring);
    let adjusted = coordinator
        .submit(&checklist, &checklist, &[("req-launched", "explainer")])
        .await;
    assert_eq!(adjusted.status, StatusCode::SEE_OTHER, "{}", adjusted.body);
    let stage = format!("{path}/stage");
    explainer(&alice, &path, "Script", "", EASY).await;
    let refused = alice.submit(&path, &stage, &[("stage", "launched")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    explainer(
        &alice,
        &path,
        "La vidéo",
        "https://video.example.org/w/abc",
        EASY,
    )
    .await;
    let launched = alice.submit(&path, &stage, &[("stage", "launched")]).await;
    assert_eq!(launched.status, StatusCode::SEE_OTHER, "{}", launched.body);
}
