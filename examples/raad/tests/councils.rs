//! Several councils in one index, as a user runs raad: a folder per council with its
//! raad.toml, one `raad index`, searches filtered and counted per council, `raad show` of an
//! id that two councils have.

use std::path::Path;

mod common;
use common::{raad_in, stderr, stdout};

/// One opschrift record: `id`, asked by `councillor` (`Name - Party`), about `title`.
fn opschrift(id: &str, councillor: &str, title: &str) -> String {
    format!(
        "OPSCHRIFT\n\nVergadering van 15 maart 2016\n\nNummer: {id}\n\nOnderwerp:\n\n\
         Mondelinge vraag van raadslid {name}: {title}\n\nRaadslid(-leden):\n\n{councillor}\n\n\
         Bevoegd:\n\nJan Janssens\n",
        name = councillor.split(" - ").next().unwrap()
    )
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `in/gent` (two records about fietspaden), `in/antwerpen` (one, with Ghent's first id) and
/// `in/brugge` (one, not about fietspaden), indexed in one run into `index`.
fn three_councils(dir: &Path) {
    write(&dir.join("in/gent/raad.toml"), "council = \"Gent\"\n");
    write(
        &dir.join("in/gent/2016.txt"),
        &[
            opschrift("2016_MV_00146", "An Peeters - sp.a", "Fietspaden Dampoort"),
            opschrift("2016_MV_00147", "Bart Claes - Groen", "Fietspaden Muide"),
        ]
        .join("\n"),
    );
    write(
        &dir.join("in/antwerpen/raad.toml"),
        "council = \"Antwerpen\"\n",
    );
    write(
        &dir.join("in/antwerpen/2016.txt"),
        &opschrift("2016_MV_00146", "Els Maes - N-VA", "Fietspaden Linkeroever"),
    );
    write(&dir.join("in/brugge/raad.toml"), "council = \"Brugge\"\n");
    write(
        &dir.join("in/brugge/2016.txt"),
        &opschrift("2016_MV_00146", "Jan Vos - CD&V", "Verlichting Markt"),
    );
    let out = raad_in(dir, &["index", "--index", "index", "in"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn search_counts_each_council_given() {
    let work = tempfile::tempdir().unwrap();
    three_councils(work.path());
    let out = raad_in(
        work.path(),
        &[
            "search",
            "--index",
            "index",
            "--council",
            "Gent",
            "--council",
            "Antwerpen",
            "fietspaden",
            "--facets",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("council: Gent 2, Antwerpen 1\n"), "{text}");
    // Each hit's id with its council: what `raad show` takes.
    assert!(
        text.contains("Antwerpen/2016_MV_00146  2016-03-15"),
        "{text}"
    );
    assert!(text.contains("Gent/2016_MV_00147  2016-03-15"), "{text}");
    assert!(!text.contains("Brugge"), "{text}");

    let json = raad_in(
        work.path(),
        &["search", "--index", "index", "gemeente:brugge", "--json"],
    );
    let first: serde_json::Value =
        serde_json::from_str(stdout(&json).lines().next().unwrap()).unwrap();
    assert_eq!(first["total"], 1, "{first}");
    assert_eq!(first["hits"][0]["council"], "Brugge", "{first}");
}

#[test]
fn show_of_an_id_several_councils_have_lists_them() {
    let work = tempfile::tempdir().unwrap();
    three_councils(work.path());
    let out = raad_in(work.path(), &["show", "--index", "index", "2016_MV_00146"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "raad: id `2016_MV_00146` is in 3 councils: Antwerpen/2016_MV_00146, \
         Brugge/2016_MV_00146, Gent/2016_MV_00146; name one, as in `raad show \
         Antwerpen/2016_MV_00146` (or --council)\n"
    );

    let picked = raad_in(
        work.path(),
        &["show", "--index", "index", "gent/2016 mv 146"],
    );
    assert_eq!(picked.status.code(), Some(0), "{}", stderr(&picked));
    let text = stdout(&picked);
    assert!(
        text.starts_with("Gent/2016_MV_00146\ncouncil:     Gent\n"),
        "{text}"
    );
    assert!(text.contains("Fietspaden Dampoort"), "{text}");

    let flag = raad_in(
        work.path(),
        &[
            "show",
            "--index",
            "index",
            "--council",
            "BRUGGE",
            "2016_MV_00146",
            "--json",
        ],
    );
    assert_eq!(flag.status.code(), Some(0), "{}", stderr(&flag));
    let record: serde_json::Value = serde_json::from_str(stdout(&flag).trim()).unwrap();
    assert_eq!(record["council"], "Brugge");
    assert_eq!(record["title"], "Verlichting Markt");

    // An id one council has needs no council.
    let single = raad_in(work.path(), &["show", "--index", "index", "2016_MV_00147"]);
    assert_eq!(single.status.code(), Some(0), "{}", stderr(&single));
}

#[test]
fn a_file_without_council_beside_councils_is_reported() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    write(&dir.join("in/gent/raad.toml"), "council = \"Gent\"\n");
    write(
        &dir.join("in/gent/a.txt"),
        &opschrift("2016_MV_00146", "An Peeters - sp.a", "Fietspaden"),
    );
    write(
        &dir.join("in/los.txt"),
        &opschrift("2016_MV_00150", "Bart Claes - Groen", "Verlichting"),
    );
    let out = raad_in(dir, &["index", "--index", "index", "in"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let messages = stderr(&out);
    assert!(
        messages.contains(
            "no council: in/los.txt: 1 record has no council while other records do; indexed \
             without one (name it with --council, a raad.toml in the folder, or \"council\" in \
             the records)\n"
        ),
        "{messages}"
    );

    // `--council` names it for files under no raad.toml.
    let out = raad_in(
        dir,
        &["index", "--index", "index2", "--council", "Gent", "in"],
    );
    assert!(!stderr(&out).contains("no council"), "{}", stderr(&out));
    let show = raad_in(
        dir,
        &["show", "--index", "index2", "Gent/2016_MV_00150", "--json"],
    );
    assert_eq!(show.status.code(), Some(0), "{}", stderr(&show));
}

#[test]
fn a_generated_corpus_of_three_councils_indexes_in_one_run() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let generated = raad_in(
        dir,
        &[
            "generate",
            "--records",
            "300",
            "--councils",
            "3",
            "--out",
            "corpus",
        ],
    );
    assert_eq!(generated.status.code(), Some(0), "{}", stderr(&generated));
    for folder in ["gent", "antwerpen", "brugge"] {
        assert!(dir.join("corpus").join(folder).join("raad.toml").is_file());
    }
    let out = raad_in(dir, &["index", "--index", "index", "corpus", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    // Overlapping ids, yet every record is its own.
    assert_eq!(report["records_in_index"], 300, "{report}");
    assert_eq!(report["duplicates"], serde_json::json!([]));

    let counts = raad_in(
        dir,
        &["top", "--index", "index", "--facet", "council", "--json"],
    );
    assert_eq!(counts.status.code(), Some(0), "{}", stderr(&counts));
    let text = stdout(&counts);
    for (council, records) in [("Gent", 100), ("Antwerpen", 100), ("Brugge", 100)] {
        assert!(
            text.contains(&format!("\"value\":\"{council}\",\"count\":{records}")),
            "{text}"
        );
    }
    let trend = raad_in(
        dir,
        &[
            "trend", "--index", "index", "--split", "council", "--format", "csv",
        ],
    );
    assert_eq!(trend.status.code(), Some(0), "{}", stderr(&trend));
    assert!(
        stdout(&trend).lines().next().unwrap().contains("Gent"),
        "{}",
        stdout(&trend)
    );
}

#[test]
fn parse_names_the_council_given() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    write(
        &dir.join("a.txt"),
        &opschrift("2016_MV_00146", "An Peeters - sp.a", "Fietspaden"),
    );
    let out = raad_in(dir, &["parse", "--council", "Gent", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Gent/2016_MV_00146 2016-03-15"),
        "{}",
        stdout(&out)
    );
    let json = raad_in(dir, &["parse", "--council", "Gent", "a.txt", "--json"]);
    let record: serde_json::Value =
        serde_json::from_str(stdout(&json).lines().next().unwrap()).unwrap();
    assert_eq!(record["council"], "Gent");
}

/// An index from before councils (its raad.json says schema 6; the library's tests build one
/// of schema 6's fields): readers say in one line what changed and the command that upgrades
/// it, and `raad index --index DIR`, with no files, upgrades it keeping its records.
#[test]
fn an_index_from_before_councils_is_upgraded_by_raad_index() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    write(
        &dir.join("in/2016.txt"),
        &[
            opschrift("2016_MV_00146", "An Peeters - sp.a", "Fietspaden Dampoort"),
            opschrift("2016_MV_00147", "Bart Claes - Groen", "Fietspaden Muide"),
        ]
        .join("\n"),
    );
    let out = raad_in(dir, &["index", "--index", "index", "in"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    write(
        &dir.join("index/raad.json"),
        r#"{"schema_version": 6, "analyzer_version": 2}"#,
    );

    let search = raad_in(dir, &["search", "--index", "index", "fietspaden"]);
    assert_eq!(search.status.code(), Some(2));
    assert_eq!(
        stderr(&search),
        format!(
            "raad: error: the index at index was built with schema 6, analyzer 2 (before \
             councils: its records have no council, and the same id in two councils would be \
             one record); this version reads schema 7, analyzer {}: index it again to upgrade \
             it in place, keeping its records; run `raad index --index index` to upgrade it\n",
            raad_core::analysis::ANALYZER_VERSION
        )
    );

    let check = raad_in(dir, &["check", "--index", "index"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).ends_with("; run `raad index --index index` to upgrade it\n"),
        "{}",
        stderr(&check)
    );

    let upgrade = raad_in(dir, &["index", "--index", "index"]);
    assert_eq!(upgrade.status.code(), Some(0), "{}", stderr(&upgrade));
    let said = stderr(&upgrade);
    assert!(
        said.starts_with(
            "upgraded 2 records from schema 6 to schema 7, analyzed anew; none has a council\n"
        ),
        "{said}"
    );
    let search = raad_in(dir, &["search", "--index", "index", "--json", "fietspaden"]);
    assert_eq!(search.status.code(), Some(0), "{}", stderr(&search));
    let results: serde_json::Value = serde_json::from_str(&stdout(&search)).unwrap();
    assert_eq!(results["total"], 2);

    // Without files, only an existing index is opened.
    let nothing = raad_in(dir, &["index", "--index", "elsewhere"]);
    assert_eq!(nothing.status.code(), Some(2));
    assert_eq!(
        stderr(&nothing),
        "raad: error: elsewhere holds no raad index: give the files or folders to index, \
         `raad index --index elsewhere PATH...`\n"
    );
    assert!(!dir.join("elsewhere").exists());
}
