//! The page in a real browser, driven as a journalist uses it: the distribution's Chromium,
//! headless and 360 px wide, steered through the distribution's ChromeDriver (WebDriver)
//! against a server on an ephemeral loopback port. The test types a query into the search
//! box and submits it, checks the exact count and the hits, clicks the N-VA party facet and
//! sees the list and the counts change, opens a record by its title, goes back with the
//! browser's back button, and sees the filtered list again. At each step it saves a
//! screenshot under `target/tmp/raad-serve-browser/`, checks that nothing is wider than the
//! phone's 360 px, and fails on any error or warning in the browser's console (a blocked
//! resource, a Content-Security-Policy violation, a failed load, a script error).
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (`apt-get install chromium
//! chromium-driver`; `.ci/run` installs both); without them the test prints a notice and
//! passes. Run it alone with `cargo test -p raad-serve --test browser -- --nocapture`.

mod common;

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Fixture;
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use raad_serve::Server;
use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How long the whole walk through the pages may take before the test fails.
const JOURNEY_TIMEOUT: Duration = Duration::from_secs(60);

/// The phone the pages must fit.
const WIDTH: u32 = 360;
const HEIGHT: u32 = 800;

/// ChromeDriver on a free loopback port, stopped when the value is dropped (also when an
/// assertion fails), so no driver outlives the test.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start() -> Driver {
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|listener| listener.local_addr())
            .expect("a free loopback port")
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let started = Instant::now();
        while TcpStream::connect(address).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "chromedriver did not listen on {address} within 10 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Headless Chromium with a phone's viewport with its own throw-away profile, asking for Dutch, with the
/// browser's console kept for [`console`].
fn capabilities(profile: &Path) -> Capabilities {
    let args = [
        "--headless".to_string(),
        "--no-sandbox".to_string(),
        "--disable-gpu".to_string(),
        "--disable-background-networking".to_string(),
        "--disable-component-update".to_string(),
        "--disable-sync".to_string(),
        "--no-first-run".to_string(),
        "--hide-scrollbars".to_string(),
        "--lang=nl".to_string(),
        format!("--window-size={WIDTH},{HEIGHT}"),
        format!("--user-data-dir={}", profile.display()),
    ];
    let value = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": args,
            "prefs": {"intl.accept_languages": "nl-BE,nl"},
            // A desktop window is at least 500 px wide; the phone's viewport is emulated.
            "mobileEmulation": {
                "deviceMetrics": {"width": WIDTH, "height": HEIGHT, "pixelRatio": 1},
            },
        },
        "goog:loggingPrefs": {"browser": "ALL"},
    });
    match value {
        Value::Object(map) => map,
        _ => unreachable!("capabilities are an object"),
    }
}

/// ChromeDriver's command for the browser's console entries since the last call
/// (`POST /session/{id}/se/log`), which the WebDriver standard leaves to each driver.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(r#"{"type":"browser"}"#.to_string()),
        )
    }
}

/// The console entries at level warning or error since the last call, as `LEVEL message`.
async fn console(client: &Client) -> Vec<String> {
    let entries = client.issue_cmd(BrowserLog).await.expect("the browser log");
    entries
        .as_array()
        .expect("a list of log entries")
        .iter()
        .filter(|entry| matches!(entry["level"].as_str(), Some("SEVERE" | "WARNING")))
        .map(|entry| format!("{} {}", entry["level"], entry["message"]))
        .collect()
}

/// One step's checks that every page gets: nothing in the console, nothing wider than the
/// phone, and a screenshot of what the journalist sees, scrolled to `show` if given.
async fn settled(client: &Client, dir: &Path, step: &str, show: Option<&str>) {
    let problems = console(client).await;
    assert!(problems.is_empty(), "{step}: console: {problems:#?}");
    let width = client
        .execute("return document.documentElement.scrollWidth;", vec![])
        .await
        .unwrap();
    assert!(
        width
            .as_u64()
            .is_some_and(|width| width <= u64::from(WIDTH)),
        "{step}: the page is {width} px wide on a {WIDTH} px screen"
    );
    if let Some(css) = show {
        client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView();",
                vec![json!(css)],
            )
            .await
            .unwrap();
    }
    let png = client.screenshot().await.unwrap();
    // The width in the PNG header: the page was laid out at phone width.
    assert_eq!(&png[1..4], b"PNG");
    let shot = u32::from_be_bytes(png[16..20].try_into().unwrap());
    assert_eq!(shot, WIDTH, "{step}: screenshot width");
    std::fs::write(dir.join(format!("{step}.png")), png).unwrap();
}

/// Waits until the browser has left `from` (a form submitted, a link followed).
async fn left(client: &Client, from: &url::Url) -> url::Url {
    let started = Instant::now();
    loop {
        let now = client.current_url().await.unwrap();
        if &now != from {
            return now;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still at {from} after 10 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn text(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|error| panic!("no {css}: {error}"))
        .text()
        .await
        .unwrap()
}

/// The record ids of the hits shown, in order.
async fn hit_ids(client: &Client) -> Vec<String> {
    let mut ids = Vec::new();
    for id in client
        .find_all(Locator::Css("article.hit .id"))
        .await
        .unwrap()
    {
        ids.push(id.text().await.unwrap());
    }
    ids
}

/// A party facet value's link, and the `value count` it shows.
async fn party(client: &Client, name: &str) -> (fantoccini::elements::Element, String) {
    let xpath = format!(
        "//aside[contains(@class, 'facets')]//section[h3 = 'Partij']//a[span[@class = 'value'] = '{name}']"
    );
    let link = client
        .find(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|error| panic!("no party facet {name}: {error}"));
    // The box, the value and the count are laid out apart; their words are what counts.
    let shown = link.text().await.unwrap();
    let shown = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    (link, shown)
}

/// What the journalist does and sees, step by step.
async fn journey(client: Client, base: String, dir: PathBuf) {
    // The empty page: a labelled search box, every record counted, in Dutch.
    client.goto(&format!("{base}/")).await.unwrap();
    assert_eq!(
        text(&client, "label[for=q]").await,
        "Zoek in vragen en antwoorden"
    );
    assert_eq!(text(&client, "#total").await, "5 records");
    settled(&client, &dir, "1-home", None).await;

    // Typing `fietspad`, choosing the oldest first, and pressing Enter in the search box.
    let home = client.current_url().await.unwrap();
    client
        .find(Locator::Css("#sort"))
        .await
        .unwrap()
        .select_by_value("oldest")
        .await
        .unwrap();
    let search_box = client.find(Locator::Id("q")).await.unwrap();
    search_box.send_keys("fietspad").await.unwrap();
    search_box
        .send_keys(&char::from(fantoccini::key::Key::Enter).to_string())
        .await
        .unwrap();
    let searched = left(&client, &home).await;
    assert_eq!(searched.path(), "/");
    assert!(
        searched
            .query_pairs()
            .any(|(key, value)| key == "q" && value == "fietspad"),
        "{searched}"
    );
    assert_eq!(text(&client, "#total").await, "4 records");
    assert_eq!(
        hit_ids(&client).await,
        [
            "2016_MV_00146",
            "2016_MV_00150",
            "2017_SV_00012",
            "2018_MV_00001"
        ]
    );
    assert_eq!(
        client
            .find(Locator::Id("q"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("fietspad")
    );
    // The hostile record's title is text in the page, not an element.
    assert!(client
        .find_all(Locator::Css("script"))
        .await
        .unwrap()
        .is_empty());
    let titles = client
        .find_all(Locator::Css("article.hit h3 a"))
        .await
        .unwrap();
    assert_eq!(
        titles[3].text().await.unwrap(),
        "<script>alert(1)</script> fietspad"
    );
    assert_eq!(party(&client, "N-VA").await.1, "☐ N-VA 2");
    assert_eq!(party(&client, "Groen").await.1, "☐ Groen 2");
    settled(&client, &dir, "2-search", Some("ol.hits")).await;

    // Clicking the N-VA party facet: the list and the counts change, and Groen is still
    // offered with its count, to add to the filter (the facet counts are disjunctive).
    let (nva, _) = party(&client, "N-VA").await;
    nva.click().await.unwrap();
    let filtered = left(&client, &searched).await;
    assert_eq!(text(&client, "#total").await, "2 records");
    assert_eq!(hit_ids(&client).await, ["2016_MV_00150", "2017_SV_00012"]);
    assert_eq!(party(&client, "N-VA").await.1, "☑ N-VA 2");
    assert_eq!(party(&client, "Groen").await.1, "☐ Groen 2");
    settled(&client, &dir, "3-party", Some("aside.facets")).await;

    // Opening the first hit by its title: the whole record, at its own URL.
    client
        .find(Locator::LinkText("Fietspad aan het station"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let record = left(&client, &filtered).await;
    assert_eq!(record.path(), "/records/2016_MV_00150");
    assert_eq!(text(&client, "h1").await, "Fietspad aan het station");
    assert!(text(&client, "body")
        .await
        .contains("Komt er een fietspad naast het station?"));
    assert_eq!(text(&client, "#similar").await, "Gelijkaardige records");
    settled(&client, &dir, "4-record", None).await;

    // The browser's back button: the filtered list again, the filter still on.
    client.back().await.unwrap();
    assert_eq!(left(&client, &record).await, filtered);
    assert_eq!(text(&client, "#total").await, "2 records");
    assert_eq!(hit_ids(&client).await, ["2016_MV_00150", "2017_SV_00012"]);
    assert_eq!(party(&client, "N-VA").await.1, "☑ N-VA 2");
    settled(&client, &dir, "5-back", Some("ol.hits")).await;

    // A record in English fits the phone too.
    client
        .goto(&format!("{base}/records/2016_MV_00146?lang=en"))
        .await
        .unwrap();
    assert_eq!(
        text(&client, "h1").await,
        "Gevaarlijke fietspaden aan de Vrijdagmarkt"
    );
    assert!(text(&client, "body").await.contains("Back to search"));
    settled(&client, &dir, "6-record-en", None).await;

    // The console check sees an error when there is one.
    client
        .execute("console.error('probe');", vec![])
        .await
        .unwrap();
    let seen = console(&client).await;
    assert!(
        seen.len() == 1 && seen[0].contains("probe"),
        "the console check missed an error: {seen:?}"
    );
}

fn screenshots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("raad-serve-browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn a_journalist_searches_filters_by_party_opens_a_record_and_goes_back() {
    for program in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(program).exists() {
            eprintln!("skipped: {program} is missing (apt-get install chromium chromium-driver)");
            return;
        }
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

    let driver = Driver::start();
    let profile = tempfile::tempdir().unwrap();
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities(profile.path()))
        .connect(&driver.url)
        .await
        .expect("a WebDriver session with headless Chromium");
    let dir = screenshots_dir();

    // The walk runs as its own task so that a failed assertion still ends the browser
    // session below before the failure is reported.
    let walk = tokio::spawn(journey(client.clone(), base, dir.clone()));
    let outcome = tokio::time::timeout(JOURNEY_TIMEOUT, walk).await;
    client.close().await.unwrap();
    drop(driver);
    stop.send(()).unwrap();
    serving.join().unwrap();
    match outcome {
        Err(_) => panic!("the browser walk took longer than {JOURNEY_TIMEOUT:?}"),
        Ok(Err(failed)) if failed.is_panic() => std::panic::resume_unwind(failed.into_panic()),
        Ok(result) => result.unwrap(),
    }
    eprintln!("screenshots in {}", dir.display());
}
