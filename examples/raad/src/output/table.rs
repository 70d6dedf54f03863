//! Readable output for a terminal (or a pipe, without colour and without cutting lines).

use std::io::Write;

use raad_core::{Facet, Record, TopicSource};
use raad_query::{Highlight, Hit, HitsFrom, MatchKind, MatchMode, SearchResults, WordMatch};

use crate::escape;
use crate::messages;

use crate::terminal::{fit, Terminal};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Facet values shown per facet in a table; JSON has them all.
const FACET_VALUES_SHOWN: usize = 12;

/// Writes hits, the "N of TOTAL records" line, and facet counts when there are any.
pub fn write_results(
    out: &mut impl Write,
    results: &SearchResults,
    offset: usize,
    terminal: Terminal,
) -> anyhow::Result<()> {
    let nearest = results
        .nearest
        .as_ref()
        .filter(|_| results.hits_from == HitsFrom::Nearest);
    if let Some(nearest) = nearest {
        writeln!(out, "{}:\n", messages::nearest(nearest))?;
    }
    for hit in &results.hits {
        write_hit(out, hit, terminal)?;
    }
    // Which set the figure counts, so that it is never quoted for what it is not.
    let set = match results.matching {
        MatchMode::All => "records",
        MatchMode::Any => "records matching any word",
    };
    let shown = results.hits.len();
    if let Some(nearest) = nearest {
        writeln!(
            out,
            "0 records hold every word; {} of {} hold {}{}",
            shown,
            messages::thousands(nearest.total),
            nearest.words.join(" and "),
            from(offset)
        )?;
    } else if shown == 0 {
        writeln!(out, "0 of {} {set}", results.total)?;
    } else {
        writeln!(
            out,
            "{} of {} {set}{}",
            shown,
            messages::thousands(results.total),
            from(offset)
        )?;
    }
    // In the order users ask for them (party first), not alphabetically.
    for facet in Facet::ALL {
        let Some(counts) = results.facets.get(&facet).filter(|c| !c.is_empty()) else {
            continue;
        };
        // Years are a timeline: all of them, in order, or the trend is lost.
        let shown = if facet == Facet::Year {
            counts.len()
        } else {
            FACET_VALUES_SHOWN
        };
        let mut values: Vec<String> = counts
            .iter()
            .take(shown)
            .map(|c| format!("{} {}", escape::controls(&c.value, false), c.count))
            .collect();
        if counts.len() > shown {
            values.push(format!(
                "… {} more (see --format json)",
                counts.len() - shown
            ));
        }
        let line = format!("{facet}: {}", values.join(", "));
        writeln!(out, "{}", cut(&line, terminal))?;
    }
    Ok(())
}

fn from(offset: usize) -> String {
    if offset > 0 {
        format!(" (from {})", offset + 1)
    } else {
        String::new()
    }
}

/// `matched: fietspaden (other form: fietspad), Dampoort (word)`.
fn matched_line(matched: &[WordMatch]) -> String {
    let each: Vec<String> = matched
        .iter()
        .map(|found| {
            let how = match found.how {
                MatchKind::Word => "word",
                MatchKind::Stem => "other form",
                MatchKind::CompoundPart => "in compound",
                MatchKind::Parts => "parts in a row",
                MatchKind::Phrase => "phrase",
                MatchKind::Prefix => "prefix",
                MatchKind::Fuzzy => "fuzzy",
                MatchKind::Name => "name",
                MatchKind::Synonym => "synonym",
            };
            format!(
                "{} ({how}: {})",
                escape::controls(&found.word, false),
                escape::controls(&found.form, false)
            )
        })
        .collect();
    format!("matched: {}", each.join(", "))
}

fn write_hit(out: &mut impl Write, hit: &Hit, terminal: Terminal) -> anyhow::Result<()> {
    let (bold, dim, reset) = if terminal.color {
        (BOLD, DIM, RESET)
    } else {
        ("", "", "")
    };
    let date = hit.date.map(|d| d.to_string()).unwrap_or_default();
    let who = who(
        hit.councillors
            .iter()
            .map(|c| (c.name.as_str(), c.party.as_deref())),
        hit.alderman.as_deref(),
    );
    // With its council, the id is what `raad show` takes in an index of several councils.
    let qualified = match &hit.council {
        Some(council) => format!("{council}/{}", hit.id),
        None => hit.id.clone(),
    };
    let id = escape::controls(&qualified, false);
    let head = cut(&format!("{id}  {date}  {who}"), terminal);
    // The id is the first thing on the line; bold it so it is easy to copy into `raad show`.
    let rest = head.strip_prefix(id.as_ref()).unwrap_or(&head);
    writeln!(out, "{bold}{id}{reset}{rest}")?;
    if let Some(title) = &hit.title {
        writeln!(
            out,
            "  {}",
            cut(&escape::controls(title, false), terminal.offset(2))
        )?;
    }
    if !hit.snippet.is_empty() {
        // Snippets carry their own markers (ANSI on a colour terminal); they are not cut, since
        // cutting could split a marker, and escaping leaves those markers alone.
        let ansi = Highlight::ansi();
        let markers: &[&str] = if terminal.color {
            &[&ansi.before, &ansi.after]
        } else {
            &[]
        };
        let snippet = hit.snippet.replace('\n', " ");
        writeln!(
            out,
            "  {dim}{}{reset}",
            escape::controls_keeping(&snippet, markers)
        )?;
    }
    if !hit.matched.is_empty() {
        writeln!(
            out,
            "  {}",
            cut(&matched_line(&hit.matched), terminal.offset(2))
        )?;
    }
    writeln!(out)?;
    Ok(())
}

/// "Name (Party), Name (Party) → Alderman": who asked, and who answers (control characters
/// escaped).
pub fn who<'a>(
    askers: impl Iterator<Item = (&'a str, Option<&'a str>)>,
    alderman: Option<&str>,
) -> String {
    let askers: Vec<String> = askers
        .map(|(name, party)| match party {
            Some(party) => format!("{name} ({party})"),
            None => name.to_string(),
        })
        .collect();
    let mut line = askers.join(", ");
    if let Some(alderman) = alderman {
        line.push_str(" → ");
        line.push_str(alderman);
    }
    escape::controls(&line, false).into_owned()
}

fn cut(text: &str, terminal: Terminal) -> String {
    match terminal.width {
        Some(width) => fit(text, width),
        None => text.to_string(),
    }
}

/// Writes a whole record readably: header fields, question, answer.
pub fn write_record(
    out: &mut impl Write,
    record: &Record,
    terminal: Terminal,
) -> anyhow::Result<()> {
    let (bold, reset) = if terminal.color {
        (BOLD, RESET)
    } else {
        ("", "")
    };
    writeln!(
        out,
        "{bold}{}{reset}",
        escape::controls(&record.qualified_id(), false)
    )?;
    let mut field =
        |label: &str, value: &str| writeln!(out, "{label:<12} {}", escape::controls(value, false));
    if let Some(council) = &record.council {
        field("council:", council)?;
    }
    if let Some(kind) = &record.kind {
        field("kind:", kind)?;
    }
    if let Some(date) = record.date {
        field("date:", &date.to_string())?;
    }
    if let Some(title) = &record.title {
        field("title:", title)?;
    }
    for councillor in &record.councillors {
        let party = match (&councillor.party, &councillor.party_as_written) {
            (Some(p), Some(w)) if p != w => format!(" - {p} (written {w})"),
            (Some(p), _) => format!(" - {p}"),
            _ => String::new(),
        };
        field("councillor:", &format!("{}{party}", councillor.name))?;
    }
    if let Some(alderman) = &record.alderman {
        field("alderman:", alderman)?;
    }
    if !record.involved_aldermen.is_empty() {
        field("involved:", &record.involved_aldermen.join(", "))?;
    }
    if !record.topics.is_empty() {
        field("topics:", &topics_line(record))?;
    }
    if let Some(source) = &record.source {
        field("source:", &source.to_string())?;
    }
    if let Some(question) = &record.question {
        let question = escape::controls(question, true);
        writeln!(out, "\n{bold}VRAAG{reset}\n{question}")?;
    }
    let answer = record
        .answer
        .as_deref()
        .map(|answer| escape::controls(answer, true));
    match (answer, record.answer_date) {
        (Some(answer), Some(date)) => writeln!(out, "\n{bold}ANTWOORD{reset} ({date})\n{answer}")?,
        (Some(answer), None) => writeln!(out, "\n{bold}ANTWOORD{reset}\n{answer}")?,
        (None, _) => writeln!(out, "\n(no answer yet)")?,
    }
    Ok(())
}

/// The topics and where they came from, so that an assigned label is never read as the
/// council's own: `mobiliteit (given)`, `wonen (inferred from similar records, 86% of the vote)`.
fn topics_line(record: &Record) -> String {
    let topics = record.topics.join(", ");
    let share = record
        .topic_confidence
        .map(|confidence| (confidence * 100.0).round())
        .unwrap_or_default();
    match record.topic_source {
        Some(TopicSource::Given) | None => format!("{topics} (given)"),
        Some(TopicSource::Inferred) => {
            format!("{topics} (inferred from similar records, {share}% of the vote)")
        }
        Some(TopicSource::Rules) => {
            format!("{topics} (by keyword rules, {share}% of the keyword score)")
        }
    }
}
