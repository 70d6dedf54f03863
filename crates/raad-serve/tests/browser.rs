//! The page in a real browser: the distribution's Chromium, headless, against a server on an
//! ephemeral loopback port. It opens the search page, submits a query as the form does,
//! follows a party facet, opens a record and goes back, checks what each page shows, saves
//! screenshots at 360 px wide under `target/tmp/raad-serve-browser/`, and fails on any
//! message in the browser's console (a blocked resource, a Content-Security-Policy
//! violation, a failed load).
//!
//! Needs `/usr/bin/chromium` (`apt-get install chromium`; `.ci/run` installs it); without it
//! the test prints a notice and passes. Run it alone with
//! `cargo test -p raad-serve --test browser -- --nocapture`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Fixture;
use raad_serve::Server;

const CHROMIUM: &str = "/usr/bin/chromium";

/// How long one browser run may take before it is stopped.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(90);

struct Browser {
    profile: tempfile::TempDir,
    base: String,
}

/// What one page load left: the DOM as rendered, and the console lines.
struct Load {
    dom: String,
    console: Vec<String>,
}

impl Browser {
    /// Runs Chromium headless on `path` with `action` (`--dump-dom` or `--screenshot=…`).
    fn run(&self, path: &str, action: &[String]) -> Load {
        let url = format!("{}{path}", self.base);
        let mut child = Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--enable-logging=stderr",
                "--v=0",
                "--lang=nl",
                "--accept-lang=nl-BE,nl",
            ])
            .arg(format!("--user-data-dir={}", self.profile.path().display()))
            .args(action)
            .arg(&url)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > BROWSER_TIMEOUT {
                let _ = child.kill();
                panic!("chromium did not finish {url} within {BROWSER_TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        Load {
            dom: String::from_utf8_lossy(&output.stdout).into_owned(),
            console: stderr
                .lines()
                .filter(|line| line.contains(":CONSOLE"))
                .map(str::to_string)
                .collect(),
        }
    }

    /// The page as the browser rendered it; fails on any console message.
    fn open(&self, path: &str) -> String {
        let load = self.run(path, &["--dump-dom".to_string()]);
        assert!(
            load.console.is_empty(),
            "{path}: console: {:#?}",
            load.console
        );
        assert!(
            load.dom.contains("</html>"),
            "{path}: no page: {}",
            load.dom
        );
        load.dom
    }

    /// A screenshot 360 px wide; fails on any console message.
    fn screenshot(&self, path: &str, file: &Path) {
        let load = self.run(
            path,
            &[
                "--window-size=360,800".to_string(),
                "--hide-scrollbars".to_string(),
                format!("--screenshot={}", file.display()),
            ],
        );
        assert!(
            load.console.is_empty(),
            "{path}: console: {:#?}",
            load.console
        );
        let png = std::fs::read(file).expect("chromium wrote the screenshot");
        // The width in the PNG header: the page was laid out at 360 px.
        assert_eq!(&png[1..4], b"PNG");
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert_eq!(width, 360, "{}", file.display());
    }
}

/// The `href` of the link whose markup holds `inside`, as a path to open.
fn link_to(dom: &str, inside: &str) -> String {
    let at = dom
        .find(inside)
        .unwrap_or_else(|| panic!("no {inside:?} in the page"));
    let start = dom[..at].rfind("<a ").expect("a link around it");
    let href = &dom[start..at];
    let value = href
        .split("href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the link has an href");
    value.replace("&amp;", "&")
}

/// The exact count the page shows (`N records`).
fn total(dom: &str) -> String {
    let at = dom.find("id=\"total\">").expect("a total") + "id=\"total\">".len();
    dom[at..].split('<').next().unwrap().to_string()
}

fn screenshots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("raad-serve-browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_journalist_searches_filters_by_party_opens_a_record_and_goes_back() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("skipped: {CHROMIUM} is missing (apt-get install chromium)");
        return;
    }
    let fixture = Fixture::new();
    let server = Server::bind("127.0.0.1:0".parse().unwrap(), fixture.app()).unwrap();
    let base = format!("http://{}", server.local_addr());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = std::thread::spawn(move || {
        server
            .run_until(async {
                let _ = stopped.await;
            })
            .unwrap();
    });
    let browser = Browser {
        profile: tempfile::tempdir().unwrap(),
        base,
    };

    // The empty page: a labelled search box in a GET form to `/`, every record counted.
    let home = browser.open("/");
    assert!(home.contains(r#"<form class="search" role="search" method="get" action="/">"#));
    assert!(home.contains(r#"<label for="q">Zoek in vragen en antwoorden</label>"#));
    assert!(home.contains(r#"<input id="q" type="search" name="q""#));
    assert_eq!(total(&home), "5 records");

    // Typing `fietspad` and submitting the form opens the URL the form builds.
    let search = browser.open("/?q=fietspad&sort=oldest");
    assert_eq!(total(&search), "4 records");
    assert_eq!(search.matches(r#"<article class="hit">"#).count(), 4);
    assert!(search.contains("<mark>fietspad</mark>"));
    // The hostile record's title is text in the page, not an element.
    assert!(search.contains("&lt;script&gt;alert(1)&lt;/script&gt; fietspad"));
    assert!(!search.contains("<script"));

    // Clicking the N-VA party facet: the list and the counts change, Groen stays countable.
    let nva = link_to(&search, r#"<span class="value">N-VA</span>"#);
    let filtered = browser.open(&nva);
    assert_eq!(total(&filtered), "2 records");
    assert_eq!(filtered.matches(r#"<article class="hit">"#).count(), 2);
    assert!(filtered.contains(r#"<span class="value">N-VA</span> <span class="count">2</span>"#));
    assert!(filtered.contains(r#"<span class="value">Groen</span> <span class="count">2</span>"#));
    assert!(filtered.contains("Partij: N-VA"));

    // Opening the first hit: the whole record, at its own URL.
    let first = link_to(&filtered, "Fietspad aan het station</a>");
    assert_eq!(first, "/records/2016_MV_00150");
    let record = browser.open(&first);
    assert!(record.contains("<h1>Fietspad aan het station</h1>"));
    assert!(record.contains("Komt er een fietspad naast het station?"));
    assert!(record.contains(r#"<h2 id="similar">Gelijkaardige records</h2>"#));

    // And back to searching.
    let back = link_to(&record, "Terug naar zoeken");
    assert_eq!(total(&browser.open(&back)), "5 records");

    // At 360 px wide, in both languages.
    let dir = screenshots_dir();
    browser.screenshot(&nva, &dir.join("search-360.png"));
    browser.screenshot(
        "/records/2016_MV_00146?lang=en",
        &dir.join("record-360.png"),
    );
    eprintln!("screenshots in {}", dir.display());

    stop.send(()).unwrap();
    serving.join().unwrap();
}
