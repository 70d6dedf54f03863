//! Every endpoint over HTTP requests to the router: statuses, exact counts and ids, the error
//! shapes, escaping of hostile records, and the limits.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use common::Fixture;
use raad_serve::{router, Limits};
use serde_json::Value;
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

async fn get(app: &Router, uri: &str) -> Reply {
    request(app, Method::GET, uri, &[]).await
}

async fn request(app: &Router, method: Method, uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut builder = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(builder.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// Fails showing the text around where `needle` was expected, not the whole page.
#[track_caller]
fn has(text: &str, needle: &str) {
    assert!(
        text.contains(needle),
        "missing {needle:?} in {} bytes: {}",
        text.len(),
        text.get(..text.len().min(400)).unwrap_or(text)
    );
}

fn ids(results: &Value) -> Vec<&str> {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_str().unwrap())
        .collect()
}

fn counts(results: &Value, facet: &str) -> Vec<(String, u64)> {
    results["facets"][facet]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["value"].as_str().unwrap().to_string(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn search_counts_every_match_and_facets_stay_disjunctive() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    let all = get(&app, "/api/v1/search?q=fietspad&sort=oldest").await;
    assert_eq!(all.status, StatusCode::OK);
    let all = all.json();
    assert_eq!(all["total"], 4);
    assert_eq!(all["matching"], "all");
    assert_eq!(
        ids(&all),
        [
            "2016_MV_00146",
            "2016_MV_00150",
            "2017_SV_00012",
            "2018_MV_00001"
        ]
    );
    assert_eq!(
        counts(&all, "party"),
        [("Groen".to_string(), 2), ("N-VA".to_string(), 2)]
    );

    let groen = get(&app, "/api/v1/search?q=fietspad&party=Groen&sort=oldest")
        .await
        .json();
    assert_eq!(groen["total"], 2);
    assert_eq!(ids(&groen), ["2016_MV_00146", "2018_MV_00001"]);
    // Choosing Groen still shows how many matches N-VA has.
    assert_eq!(
        counts(&groen, "party"),
        [("Groen".to_string(), 2), ("N-VA".to_string(), 2)]
    );
    assert_eq!(
        counts(&groen, "year"),
        [("2016".to_string(), 1), ("2018".to_string(), 1)]
    );

    let paged = get(
        &app,
        "/api/v1/search?q=fietspad&sort=oldest&offset=1&limit=2&facets=none",
    )
    .await
    .json();
    assert_eq!(paged["total"], 4);
    assert_eq!(ids(&paged), ["2016_MV_00150", "2017_SV_00012"]);
    assert_eq!(paged["facets"], serde_json::json!({}));

    let dated = get(&app, "/api/v1/search?from=2017&to=2017-06&facets=none")
        .await
        .json();
    assert_eq!(ids(&dated), ["2017_SV_00012"]);

    // Any word: parking joins.
    let any = get(&app, "/api/v1/search?q=fietspad+parkeerplaatsen&match=any")
        .await
        .json();
    assert_eq!(any["total"], 5);
    assert_eq!(any["matching"], "any");
}

#[tokio::test]
async fn snippet_markers_are_chosen_and_html_ones_escape_the_record() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    let snippet = |results: Value| results["hits"][0]["snippet"].as_str().unwrap().to_string();
    let html = get(&app, "/api/v1/search?q=fietspad+script").await.json();
    assert_eq!(ids(&html), ["2018_MV_00001"]);
    let html = snippet(html);
    assert_eq!(
        html,
        "Het <mark>fietspad</mark> &lt;i&gt;ook&lt;/i&gt;. \
         &lt;<mark>script</mark>&gt;alert(3)&lt;/<mark>script</mark>&gt;"
    );
    let markdown = snippet(
        get(&app, "/api/v1/search?q=vrijdagmarkt&markers=markdown")
            .await
            .json(),
    );
    assert_eq!(
        markdown,
        "Wanneer wordt het fietspad aan de **Vrijdagmarkt** hersteld? Het fietspad wordt in \
         april hersteld. De werken duren twee weken."
    );
    let none = snippet(
        get(&app, "/api/v1/search?q=vrijdagmarkt&markers=none")
            .await
            .json(),
    );
    assert_eq!(
        none,
        "Wanneer wordt het fietspad aan de Vrijdagmarkt hersteld? Het fietspad wordt in april \
         hersteld. De werken duren twee weken."
    );
}

#[tokio::test]
async fn records_by_any_spelling_similar_and_stats() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    let record = get(&app, "/api/v1/records/2016%20mv%20146").await;
    assert_eq!(record.status, StatusCode::OK);
    let record = record.json();
    assert_eq!(record["id"], "2016_MV_00146");
    assert_eq!(record["answer_date"], "2016-03-21");
    assert_eq!(record["councillors"][0]["party"], "Groen");

    let similar = get(&app, "/api/v1/records/2016_MV_00146/similar?limit=2")
        .await
        .json();
    assert_eq!(similar["id"], "2016_MV_00146");
    let similar_ids = ids(&similar);
    assert_eq!(similar_ids.len(), 2);
    assert!(!similar_ids.contains(&"2016_MV_00146"), "{similar_ids:?}");

    let stats = get(&app, "/api/v1/stats").await.json();
    assert_eq!(stats["records"], 5);
    assert_eq!(stats["answered"], 3);
    assert_eq!(stats["first_date"], "2016-03-07");
    assert_eq!(stats["kinds"]["schriftelijke vraag"], 1);
}

#[tokio::test]
async fn errors_are_json_with_status_and_column() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    let syntax = get(&app, "/api/v1/search?q=fietspad+%22open").await;
    assert_eq!(syntax.status, StatusCode::BAD_REQUEST);
    assert_eq!(syntax.headers[header::CONTENT_TYPE], "application/json");
    let error = syntax.json();
    assert_eq!(error["error"]["column"], 10);
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("quote"),
        "{error}"
    );

    let field = get(&app, "/api/v1/search?q=kleur:rood").await.json();
    assert_eq!(field["error"]["column"], 1);
    assert!(field["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("unknown field `kleur`"));

    let missing = get(&app, "/api/v1/records/2099_MV_00001").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(
        missing.json(),
        serde_json::json!({"error": {"message": "no record with id `2099_MV_00001`"}})
    );
    let unknown_param = get(&app, "/api/v1/search?partij=Groen").await;
    assert_eq!(unknown_param.status, StatusCode::BAD_REQUEST);
    assert!(unknown_param.json()["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("unknown parameter `partij`"));
    assert_eq!(
        get(&app, "/api/v1/nothing").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/api/v1/nothing").await.json()["error"]["message"],
        "no such page or endpoint"
    );
    // Read-only: only GET and HEAD.
    let post = request(&app, Method::POST, "/api/v1/search?q=fietspad", &[]).await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    let head = request(&app, Method::HEAD, "/api/v1/stats", &[]).await;
    assert_eq!(head.status, StatusCode::OK);
    assert_eq!(head.body, "");
}

#[tokio::test]
async fn a_damaged_index_answers_503() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    // Every segment file overwritten with zeros: the stored records cannot be read back.
    for entry in std::fs::read_dir(&fixture.index).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".store") {
            // In place, never shorter: the searcher has the file mapped.
            let len = std::fs::metadata(&path).unwrap().len() as usize;
            let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
            std::io::Write::write_all(&mut file, &vec![0u8; len]).unwrap();
        }
    }
    let reply = get(&app, "/api/v1/records/2016_MV_00146").await;
    assert_eq!(
        reply.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        reply.body
    );
    assert!(
        reply.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("damaged"),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn limits_refuse_what_costs_too_much() {
    let fixture = Fixture::new();
    let limits = Limits {
        max_query_chars: 20,
        max_limit: 3,
        max_offset: 10,
        max_facet_limit: 5,
        ..Limits::default()
    };
    let app = router(fixture.app_with(limits));
    let message = |reply: Reply| {
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
        reply.json()["error"]["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        message(get(&app, "/api/v1/search?q=fietspad+fietspad+fietspad").await),
        "parameter `q`: the query is longer than 20 characters"
    );
    assert_eq!(
        message(get(&app, "/api/v1/search?limit=4").await),
        "parameter `limit`: is at most 3"
    );
    assert_eq!(
        message(get(&app, "/api/v1/search?offset=11").await),
        "parameter `offset`: is at most 10"
    );
    assert_eq!(
        message(get(&app, "/api/v1/search?facet_limit=6").await),
        "parameter `facet_limit`: is at most 5"
    );
    assert_eq!(
        message(get(&app, "/api/v1/records/2016_MV_00146/similar?limit=4").await),
        "parameter `limit`: takes a number up to 3"
    );
    // Within the limits, the same requests are served.
    let served = get(
        &app,
        "/api/v1/search?q=fietspad&limit=3&offset=1&facet_limit=1",
    )
    .await;
    assert_eq!(served.status, StatusCode::OK);
    let served = served.json();
    assert_eq!(served["hits"].as_array().unwrap().len(), 3);
    assert_eq!(served["facets"]["party"].as_array().unwrap().len(), 1);
    // The page refuses too, as a page.
    let page = get(&app, "/?limit=4").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    has(&page.body, "parameter `limit`: is at most 3");
}

#[tokio::test]
async fn csv_has_every_match_and_an_excel_variant() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    let csv = get(&app, "/api/v1/search.csv?q=fietspad&sort=oldest&limit=1").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(
        lines[0],
        "id,council,date,kind,title,councillors,parties,alderman,topics,topic_source,snippet"
    );
    // Every match, not the page size asked for the page.
    let first_cells: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        first_cells,
        [
            "2016_MV_00146",
            "2016_MV_00150",
            "2017_SV_00012",
            "2018_MV_00001"
        ]
    );
    assert!(lines[1].starts_with(
        "2016_MV_00146,,2016-03-07,mondelinge vraag,Gevaarlijke fietspaden aan de Vrijdagmarkt,Anne Coddens,Groen,Filip Watteeuw,mobiliteit,given,"
    ), "{}", lines[1]);

    let excel = get(&app, "/api/v1/search.csv?q=parkeerplaatsen&excel=true").await;
    assert!(
        excel
            .body
            .starts_with("\u{feff}id;council;date;kind;title;"),
        "{}",
        excel.body
    );
    has(
        &excel.body,
        "\r\n2017_MV_00031;;2017-09-18;mondelinge vraag;",
    );

    let bad = get(&app, "/api/v1/search.csv?q=%22open").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.json()["error"]["column"], 1);
    let nothing = get(&app, "/api/v1/search.csv?q=fietspad+kerstmarkt").await;
    assert_eq!(
        nothing.body.lines().count(),
        1,
        "nearest records are not matches: {}",
        nothing.body
    );
}

#[tokio::test]
async fn the_page_shows_count_hits_facets_chips_and_downloads() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    let page = get(&app, "/?q=fietspad&party=Groen&sort=oldest").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.headers[header::CONTENT_TYPE],
        "text/html; charset=utf-8"
    );
    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        csp.starts_with("default-src 'none'; style-src 'self';"),
        "{csp}"
    );
    let html = page.body.as_str();
    has(html, r#"<html lang="nl">"#);
    has(html, r#"<h2 class="total" id="total">2 records"#);
    // Hits link to their stable pages, snippets mark words.
    has(
        html,
        r#"<a href="/records/2016_MV_00146">Gevaarlijke fietspaden aan de Vrijdagmarkt</a>"#,
    );
    has(html, "<mark>fietspad</mark>");
    // The party filter as a removable chip, and N-VA still countable beside it.
    has(
        html,
        r#"<a class="chip" href="/?q=fietspad&amp;sort=oldest" aria-label="Filter verwijderen: Partij: Groen">"#,
    );
    has(
        html,
        r#"<a href="/?q=fietspad&amp;sort=oldest" class="active" aria-current="true">"#,
    );
    has(
        html,
        r#"<a href="/?q=fietspad&amp;party=Groen&amp;party=N-VA&amp;sort=oldest"><span class="box" aria-hidden="true">☐</span> <span class="value">N-VA</span> <span class="count">2</span></a>"#,
    );
    // The year facet is a date range.
    has(
        html,
        r#"href="/?q=fietspad&amp;party=Groen&amp;from=2016&amp;to=2016&amp;sort=oldest""#,
    );
    // Downloads of the same search.
    has(
        html,
        r#"href="/api/v1/search.csv?q=fietspad&amp;party=Groen&amp;sort=oldest""#,
    );
    has(
        html,
        r#"href="/api/v1/search.csv?q=fietspad&amp;party=Groen&amp;sort=oldest&amp;excel=true""#,
    );
    // The any-word toggle, labelled, and the filter kept in the form.
    has(
        html,
        r#"<input id="any" type="checkbox" name="match" value="any">"#,
    );
    has(html, r#"<label for="any">Elk woord volstaat"#);
    has(html, r#"<input type="hidden" name="party" value="Groen">"#);
}

#[tokio::test]
async fn the_page_speaks_english_when_asked_and_suggests_and_warns() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    let by_browser = request(
        &app,
        Method::GET,
        "/?q=fietspad",
        &[("accept-language", "en-GB,en;q=0.9")],
    )
    .await;
    has(&by_browser.body, r#"<html lang="en">"#);
    has(&by_browser.body, ">4 records");
    let by_url = get(&app, "/?q=fietspad&lang=en").await.body;
    has(&by_url, r#"<html lang="en">"#);
    // Links keep the language the URL asked for.
    has(&by_url, r#"href="/records/2016_MV_00146?lang=en""#);

    let typo = get(&app, "/?q=fietspad+vrijdagmrkt").await.body;
    has(
        &typo,
        r#"Bedoelde u: <a href="/?q=fietspad+vrijdagmarkt">vrijdagmarkt</a> (1 record)?"#,
    );
    let unknown = get(&app, "/?q=fietspad&party=Groene").await.body;
    has(&unknown, "Partij “Groene”: Geen enkel record heeft deze waarde; dichtstbijzijnde waarden: <a href=\"/?q=fietspad&amp;party=Groen\">Groen (2)</a>.");

    let bad = get(&app, "/?q=fietspad+%22open").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    has(&bad.body, "(kolom 10)");
    has(&bad.body, r#"value="fietspad &quot;open""#);
}

#[tokio::test]
async fn the_record_page_has_the_whole_record_at_one_url() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    let page = get(&app, "/records/2016_MV_00146").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.body.as_str();
    has(html, "<h1>Gevaarlijke fietspaden aan de Vrijdagmarkt</h1>");
    has(html, "<dt>Antwoordtermijn</dt><dd>14 dagen</dd>");
    has(
        html,
        r#"<dt>Datum antwoord</dt><dd><time datetime="2016-03-21">21 maart 2016</time></dd>"#,
    );
    has(
        html,
        "<dt>Herkomst van de thema's</dt><dd>door de raad gegeven</dd>",
    );
    has(
        html,
        "<p>Het fietspad wordt in april hersteld.</p><p>De werken duren twee weken.</p>",
    );
    has(html, r#"<h2 id="similar">Gelijkaardige records</h2>"#);
    has(html, r#"href="/api/v1/records/2016_MV_00146""#);
    // Another spelling of the id leads to the one URL.
    let other = get(&app, "/records/2016%20mv%20146?lang=en").await;
    assert_eq!(other.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        other.headers[header::LOCATION],
        "/records/2016_MV_00146?lang=en"
    );
    let missing = get(&app, "/records/2099_MV_00001").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    has(&missing.body, "no record with id `2099_MV_00001`");
    let traversal = get(&app, "/records/..%2F..%2Fetc%2Fpasswd").await;
    assert_eq!(traversal.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&app, "/static/../Cargo.toml").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn hostile_record_text_shows_as_text() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    for uri in [
        "/?q=fietspad",
        "/records/2018_MV_00001",
        "/?q=fietspad+script",
    ] {
        let html = get(&app, uri).await.body;
        assert!(!html.contains("<script"), "{uri}: {html}");
        assert!(!html.contains("<img"), "{uri}: {html}");
        assert!(
            !html.contains("<b>") && !html.contains("<i>"),
            "{uri}: {html}"
        );
    }
    let record = get(&app, "/records/2018_MV_00001").await.body;
    has(
        &record,
        "<h1>&lt;script&gt;alert(1)&lt;/script&gt; fietspad</h1>",
    );
    has(
        &record,
        "&quot;&gt;&lt;img src=x onerror=alert(2)&gt; (Groen)",
    );
    has(
        &record,
        "Is dit &lt;b&gt;vet&lt;/b&gt; &amp; &quot;veilig&quot;?",
    );
    // A query echoed back is escaped too.
    let echoed = get(&app, "/?q=%22%3E%3Cscript%3Ealert(4)%3C%2Fscript%3E")
        .await
        .body;
    assert!(!echoed.contains("<script"), "{echoed}");
}

#[tokio::test]
async fn new_commits_show_without_a_restart() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    let before = get(&app, "/api/v1/search?q=fietspad&facets=none")
        .await
        .json();
    assert_eq!(before["total"], 4);
    assert_eq!(get(&app, "/api/v1/stats").await.json()["records"], 5);
    fixture.add_records(
        "later.jsonl",
        r#"{"id": "2019_MV_00007", "kind": "mondelinge vraag", "date": "2019-02-04", "title": "Fietspad langs de Leie"}"#,
    );
    fixture.index_records();
    // The searcher follows the index's commits by itself, shortly after they land.
    let mut total = Value::Null;
    for _ in 0..100 {
        total = get(&app, "/api/v1/search?q=fietspad&facets=none")
            .await
            .json()["total"]
            .clone();
        if total == 5 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(total, 5);
    assert_eq!(get(&app, "/api/v1/stats").await.json()["records"], 6);
    let page = get(&app, "/records/2019_MV_00007").await;
    assert_eq!(page.status, StatusCode::OK);
}

#[tokio::test]
async fn the_api_describes_itself_in_openapi() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    let reply = get(&app, "/api/v1/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    let doc = reply.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."), "{doc}");
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        paths,
        [
            "/api/v1/answers",
            "/api/v1/openapi.json",
            "/api/v1/overdue",
            "/api/v1/records/{id}",
            "/api/v1/records/{id}/similar",
            "/api/v1/search",
            "/api/v1/search.csv",
            "/api/v1/stats",
            "/api/v1/top",
            "/api/v1/trend",
        ]
    );
    let schemas = &doc["components"]["schemas"];
    // From the types: the fields the JSON has, in their serde names.
    let results = &schemas["SearchResults"]["properties"];
    for field in [
        "total",
        "matching",
        "hits",
        "facets",
        "took_ms",
        "suggestions",
        "warnings",
    ] {
        assert!(results.get(field).is_some(), "{field}: {results}");
    }
    assert_eq!(
        schemas["Record"]["properties"]["date"]["oneOf"][0]["$ref"],
        "#/components/schemas/Date"
    );
    assert_eq!(schemas["Date"]["format"], "date", "{}", schemas["Date"]);
    // Every schema referred to is described.
    let text = doc.to_string();
    for reference in text.split("\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap();
        assert!(
            schemas.get(name).is_some(),
            "{name} is referred to but not described"
        );
    }
    assert_eq!(
        schemas["ErrorDetail"]["required"],
        serde_json::json!(["message"])
    );
}

// The clock is paused, so the timer fires as soon as the runtime waits (for the search, in
// a blocking task): with the clock running, a fast search could finish before the timer
// driver's next turn and be answered 200.
#[tokio::test(start_paused = true)]
async fn a_request_past_the_timeout_is_answered_503() {
    let fixture = Fixture::new();
    let limits = Limits {
        timeout: std::time::Duration::ZERO,
        ..Limits::default()
    };
    let app = router(fixture.app_with(limits));
    let reply = get(&app, "/api/v1/search?q=fietspad").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    // The security headers go on every answer, this one too.
    assert!(reply.headers.contains_key(header::CONTENT_SECURITY_POLICY));
}

#[tokio::test]
async fn the_trend_counts_per_year_and_splits_by_party() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    let reply = get(&app, "/api/v1/trend?q=fietspad&split=party").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let trend = reply.json();
    assert_eq!(trend["total"], 4);
    let periods: Vec<(String, u64, Vec<u64>)> = trend["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["label"].as_str().unwrap().to_string(),
                p["count"].as_u64().unwrap(),
                p["split"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_u64().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(trend["split_values"], serde_json::json!(["Groen", "N-VA"]));
    assert_eq!(
        periods,
        [
            ("2016".to_string(), 2, vec![1, 1]),
            ("2017".to_string(), 1, vec![0, 1]),
            ("2018".to_string(), 1, vec![1, 0]),
        ]
    );
    // The same filters as a search: only N-VA's.
    let nva = get(&app, "/api/v1/trend?q=fietspad&party=N-VA")
        .await
        .json();
    assert_eq!(nva["total"], 2);
    let wrong = get(&app, "/api/v1/trend?q=fietspad&by=week").await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    has(&wrong.body, "by");

    let page = get(&app, "/trend?q=fietspad&split=councillor").await;
    assert_eq!(page.status, StatusCode::OK);
    has(&page.body, "<meter min=\"0\" max=\"2\" value=\"2\">");
    has(&page.body, "<th scope=\"row\">2017</th>");
    // A councillor's hostile name is a column header, escaped.
    has(&page.body, "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
    assert!(
        !page.body.contains("<img src=x"),
        "unescaped name in the trend page"
    );
}

#[tokio::test]
async fn answer_statistics_top_values_and_overdue_questions() {
    let fixture = Fixture::new();
    let app = router(fixture.app());
    let stats = get(&app, "/api/v1/answers?as_of=2018-03-01").await;
    assert_eq!(stats.status, StatusCode::OK, "{}", stats.body);
    let stats = stats.json();
    let watteeuw = &stats["groups"][0];
    assert_eq!(watteeuw["value"], "Filip Watteeuw");
    // Answered after 14 and 59 days, one answered without a date, one overdue.
    assert_eq!(
        (
            &watteeuw["asked"],
            &watteeuw["answered"],
            &watteeuw["overdue"]
        ),
        (
            &serde_json::json!(4),
            &serde_json::json!(3),
            &serde_json::json!(1)
        )
    );
    assert_eq!(watteeuw["median_days"], 36.5);
    assert_eq!(watteeuw["answered_undated"], 1);
    assert_eq!(stats["groups"][1]["value"], "Sofie Bracke");
    assert_eq!(stats["all"]["asked"], 5);

    let top = get(&app, "/api/v1/top?q=fietspad&facet=councillor&limit=1")
        .await
        .json();
    assert_eq!(top["values"][0]["value"], "Els Roegiers");
    assert_eq!(top["values"][0]["count"], 2);
    assert_eq!(top["distinct"], 3);

    let overdue = get(&app, "/api/v1/overdue?as_of=2018-03-01&days=60")
        .await
        .json();
    assert_eq!(overdue["total"], 2);
    assert_eq!(overdue["records"][0]["id"], "2016_MV_00150");
    assert_eq!(overdue["records"][1]["id"], "2017_MV_00031");

    let page = get(&app, "/answers?as_of=2018-03-01&lang=en").await;
    assert_eq!(page.status, StatusCode::OK);
    has(&page.body, "<th scope=\"row\">Filip Watteeuw</th>");
    has(&page.body, "href=\"/trend?lang=en\"");
    let wrong = get(&app, "/api/v1/answers?as_of=maart").await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    has(&wrong.body, "as_of");
}

#[tokio::test]
async fn an_id_of_several_councils_is_a_conflict_listing_them() {
    let fixture = Fixture::new();
    fixture.add_records(
        "gent.jsonl",
        r#"{"id": "2020_MV_00001", "council": "Gent", "title": "Fietspad aan de Coupure"}"#,
    );
    fixture.add_records(
        "antwerpen.jsonl",
        r#"{"id": "2020_MV_00001", "council": "Antwerpen", "title": "Fietspad aan de Leien"}"#,
    );
    fixture.index_records();
    let app = router(fixture.app());

    let conflict = get(&app, "/api/v1/records/2020_MV_00001").await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert_eq!(
        conflict.json()["error"]["candidates"],
        serde_json::json!(["Antwerpen/2020_MV_00001", "Gent/2020_MV_00001"])
    );
    let picked = get(&app, "/api/v1/records/2020_MV_00001?council=gent").await;
    assert_eq!(picked.status, StatusCode::OK);
    assert_eq!(picked.json()["title"], "Fietspad aan de Coupure");
    let qualified = get(&app, "/api/v1/records/Antwerpen%2F2020_MV_00001").await;
    assert_eq!(qualified.status, StatusCode::OK);
    assert_eq!(qualified.json()["council"], "Antwerpen");
    let unknown = get(&app, "/api/v1/records/2020_MV_00001?council=Brugge").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    let search = get(&app, "/api/v1/search?q=fietspad&council=Antwerpen")
        .await
        .json();
    assert_eq!(search["total"], 1);
    assert_eq!(search["hits"][0]["council"], "Antwerpen");
    let all = get(&app, "/api/v1/search?q=fietspad&facets=council")
        .await
        .json();
    assert_eq!(
        all["facets"]["council"],
        serde_json::json!([{"value": "Antwerpen", "count": 1}, {"value": "Gent", "count": 1}])
    );

    let page = get(&app, "/records/Antwerpen%2F2020_MV_00001?lang=en").await;
    assert_eq!(page.status, StatusCode::OK);
    has(&page.body, "<dt>Council</dt><dd>Antwerpen</dd>");
    let results = get(&app, "/?q=fietspad&lang=en").await;
    has(&results.body, "<h3>Council</h3>");
    has(
        &results.body,
        "href=\"/records/Gent%2F2020_MV_00001?lang=en\"",
    );
}
