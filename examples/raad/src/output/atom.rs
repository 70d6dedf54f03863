//! One Atom feed per watch (`raad watch run --format atom --out DIR`): `DIR/NAME.atom`, the
//! records of this run first, then the entries of earlier runs the file held, up to
//! [`MAX_ENTRIES`]. A feed reader or a chat bot polls the file.
//!
//! Ids and links:
//! - the feed's id is the `file:` URL of the index's watches file with the watch's name as
//!   fragment (`file:///data/raad-index/raad-watches.json#fietsen`): one per watch per index;
//! - an entry's id is `raad:record/ID_KEY` for a new record, with `/answer` for its answer
//!   and `/changed/HASH` for a change, so each event is one entry however often it is written;
//! - an entry's link is `--link-base` followed by the record's id (percent-encoded), for a
//!   web viewer; else the `file:` URL of the record's source file (made absolute from the
//!   current folder when it was indexed by a relative path); else its `raad:record/` id.

use std::fs::{self, File};
use std::io::{BufReader, Write};
use std::path::Path;

use anyhow::Context;
use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use raad_query::{content_hash, Found, Reason, Watch};

/// Entries a feed keeps: this run's and the latest of earlier runs.
pub const MAX_ENTRIES: usize = 200;

/// What is percent-encoded in a path or id put into a URL: controls, space and the
/// characters URLs reserve for delimiting.
const URL_UNSAFE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Where a feed's links point.
pub struct Links<'a> {
    /// The watches file, whose URL names the feeds.
    pub watches_file: &'a Path,
    /// `--link-base`.
    pub base: Option<&'a str>,
}

/// Writes (or extends) `dir/NAME.atom` with `found`, at `now`.
pub fn write_feed(
    dir: &Path,
    watch: &Watch,
    found: &[Found],
    links: &Links<'_>,
    now: FixedDateTime,
) -> anyhow::Result<()> {
    let path = dir.join(format!("{}.atom", watch.name));
    let mut entries: Vec<Entry> = found.iter().map(|found| entry(found, links, now)).collect();
    // The entries of earlier runs, unless this run wrote the same event again.
    if let Ok(file) = File::open(&path) {
        if let Ok(earlier) = Feed::read_from(BufReader::new(file)) {
            let earlier = earlier
                .entries
                .into_iter()
                .filter(|old| !entries.iter().any(|new| new.id == old.id))
                .collect::<Vec<_>>();
            entries.extend(earlier);
        }
    }
    entries.truncate(MAX_ENTRIES);
    let feed = Feed {
        title: Text::plain(format!("raad: {} ({})", watch.name, watch.query)),
        id: format!("{}#{}", file_url(links.watches_file), encoded(&watch.name)),
        updated: now,
        authors: vec![Person {
            name: "raad".to_string(),
            ..Person::default()
        }],
        entries,
        ..Feed::default()
    };
    let mut bytes = Vec::new();
    feed.write_to(&mut bytes)
        .with_context(|| format!("cannot write the feed {}", path.display()))?;
    let context = || format!("cannot write the feed {}", path.display());
    let mut temporary = tempfile::Builder::new()
        .prefix(".raad-feed-")
        .tempfile_in(dir)
        .with_context(context)?;
    temporary.write_all(&bytes).with_context(context)?;
    temporary.as_file().sync_all().with_context(context)?;
    temporary
        .persist(&path)
        .map_err(|err| err.error)
        .with_context(context)?;
    Ok(())
}

/// The entry of one reported record.
fn entry(found: &Found, links: &Links<'_>, now: FixedDateTime) -> Entry {
    let record = &found.record;
    let key = record.key();
    let id = match found.reason {
        Reason::New => format!("raad:record/{}", encoded(&key)),
        Reason::Answered => format!("raad:record/{}/answer", encoded(&key)),
        Reason::Changed => format!(
            "raad:record/{}/changed/{}",
            encoded(&key),
            content_hash(record)
        ),
    };
    let href = match (links.base, &record.source) {
        (Some(base), _) => format!("{base}{}", encoded(&record.id)),
        (None, Some(source)) => file_url(Path::new(&source.path)),
        (None, None) => format!("raad:record/{}", encoded(&key)),
    };
    let label = match found.reason {
        Reason::New => "new",
        Reason::Answered => "answered",
        Reason::Changed => "changed",
    };
    let title = record.title.as_deref().unwrap_or("(no title)");
    let mut text = String::new();
    if let Some(question) = &record.question {
        text.push_str(question);
    }
    if let Some(answer) = &record.answer {
        text.push_str("\n\nAntwoord");
        if let Some(date) = record.answer_date {
            text.push_str(&format!(" ({date})"));
        }
        text.push_str(":\n");
        text.push_str(answer);
    }
    let published = record.date.and_then(|date| {
        chrono::NaiveDate::from_ymd_opt(date.year(), date.month(), date.day())
            .and_then(|day| day.and_hms_opt(0, 0, 0))
            .map(|midnight| midnight.and_utc().fixed_offset())
    });
    Entry {
        title: Text::plain(format!("[{label}] {} ({})", title, record.id)),
        id,
        updated: now,
        published,
        authors: record
            .councillors
            .iter()
            .map(|councillor| Person {
                name: match &councillor.party {
                    Some(party) => format!("{} ({party})", councillor.name),
                    None => councillor.name.clone(),
                },
                ..Person::default()
            })
            .collect(),
        links: vec![Link {
            href,
            rel: "alternate".to_string(),
            ..Link::default()
        }],
        content: (!text.is_empty()).then(|| Content {
            value: Some(text),
            content_type: Some("text".to_string()),
            ..Content::default()
        }),
        ..Entry::default()
    }
}

/// `file://` and the absolute path, percent-encoded.
fn file_url(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy();
    let text = text.replace('\\', "/");
    let slash = if text.starts_with('/') { "" } else { "/" };
    format!("file://{slash}{}", utf8_percent_encode(&text, URL_UNSAFE))
}

fn encoded(text: &str) -> String {
    utf8_percent_encode(text, URL_UNSAFE).to_string()
}

/// The time now, as feeds write it.
pub fn now() -> FixedDateTime {
    chrono::Utc::now().fixed_offset()
}

/// Creates the feeds' folder.
pub fn create_dir(dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_file_urls() {
        assert_eq!(
            file_url(Path::new("/data/raad index/vragen #2.txt")),
            "file:///data/raad%20index/vragen%20%232.txt"
        );
    }
}
