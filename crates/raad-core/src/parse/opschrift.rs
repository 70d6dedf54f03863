//! The "opschrift" text export: records that start at `OPSCHRIFT`, labelled header fields, the
//! question and the answer. The rules are in the [parse module docs](super).

use std::path::Path;

use crate::date::Date;
use crate::error::{ParseError, ParseErrorKind};
use crate::parse::dates::{find_date, looks_like_date, parse_dutch_date};
use crate::parse::decode::numbered_lines;
use crate::parse::emphasis::{strip_emphasis, strip_emphasis_by_block};
use crate::parse::paragraphs::{push_folded, Paragraphs};
use crate::parse::{code_for, normalize_kind, source_path, ParseOptions, Parsed};
use crate::record::{Councillor, Record, Source, TopicSource};

/// Parses an opschrift text into `parsed`.
pub(crate) fn parse(path: &Path, text: &str, options: &ParseOptions, parsed: &mut Parsed) {
    // Emphasis first, over whole blocks: a value whose last word is bold
    // (`… en **Meulestede**`) would otherwise lose its closing stars to the trimming of line
    // ends below and keep the opening ones.
    let text = strip_emphasis_by_block(text);
    let text = text.as_ref();
    // Text before the first OPSCHRIFT goes into a provisional record: dropped when an
    // OPSCHRIFT follows (a bulletin's preamble), kept when the file has none but has a number.
    let mut current = Builder::new(1);
    let mut saw_opschrift = false;
    let mut first_text_line = None;
    for (number, line) in numbered_lines(text) {
        let bare = bare(line);
        if bare
            .trim_end_matches([':', ' ', '\t'])
            .eq_ignore_ascii_case("opschrift")
        {
            let previous = std::mem::replace(&mut current, Builder::new(number));
            if saw_opschrift {
                finish(path, previous, options, parsed);
            }
            saw_opschrift = true;
            continue;
        }
        if first_text_line.is_none() && !bare.is_empty() {
            first_text_line = Some(number);
        }
        current.line(number, line, bare);
    }
    if saw_opschrift {
        finish(path, current, options, parsed);
    } else if current.id.is_some() {
        current.start = first_text_line.unwrap_or(1);
        finish(path, current, options, parsed);
    } else {
        parsed
            .rejections
            .push(ParseError::file(path, ParseErrorKind::NoRecord));
    }
}

fn finish(path: &Path, builder: Builder<'_>, options: &ParseOptions, parsed: &mut Parsed) {
    let start = builder.start;
    let record = builder.build(path, options).and_then(|record| {
        crate::limits::check(&record)
            .map(|()| record)
            .map_err(|kind| ParseError::at_line(path, start, kind))
    });
    match record {
        Ok(record) => parsed.records.push(record),
        Err(rejection) => parsed.rejections.push(rejection),
    }
}

/// The line without surrounding white space, markdown heading marks and emphasis stars: what
/// labels are matched against.
fn bare(line: &str) -> &str {
    line.trim()
        .trim_start_matches('#')
        .trim_matches(|c: char| c == '*' || c.is_whitespace())
}

/// Header fields with a label.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Vergadering,
    Nummer,
    Onderwerp,
    Raadsleden,
    Bevoegd,
    Betrokken,
    Themas,
}

/// Labels as written (lower-case, longest spelling first where one is a prefix of another).
const HEADER_LABELS: &[(&str, Field)] = &[
    ("nummer", Field::Nummer),
    ("onderwerp", Field::Onderwerp),
    ("raadslid(-leden)", Field::Raadsleden),
    ("raadslid (-leden)", Field::Raadsleden),
    ("raadslid(leden)", Field::Raadsleden),
    ("raadslid/raadsleden", Field::Raadsleden),
    ("raadsleden", Field::Raadsleden),
    ("raadslid", Field::Raadsleden),
    ("bevoegde schepen", Field::Bevoegd),
    ("bevoegd", Field::Bevoegd),
    ("betrokken schepenen", Field::Betrokken),
    ("betrokken schepen", Field::Betrokken),
    ("betrokken", Field::Betrokken),
    ("thema's", Field::Themas),
    ("themas", Field::Themas),
    ("thema", Field::Themas),
    ("trefwoorden", Field::Themas),
];

/// Where the lines being read go.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Section {
    /// Header, not under a label.
    Header,
    /// Under a header label.
    Field(Field),
    /// Under a label raad does not know: passed over.
    Unknown,
    /// After `OMSCHRIJVING VAN DE VRAAG`, before `Toelichting:` or `Vraag:`.
    Omschrijving,
    Toelichting,
    Vraag,
    Antwoord,
}

/// The value after `label` (any case, optional space and colon), or `None` when the line is
/// not that label. `Label` alone and `Label:` alone give `""`.
fn match_label<'a>(bare: &'a str, label: &str) -> Option<&'a str> {
    // The first byte rules out almost every line before the whole label is compared.
    if !bare
        .as_bytes()
        .first()?
        .eq_ignore_ascii_case(label.as_bytes().first()?)
    {
        return None;
    }
    let head = bare.as_bytes().get(..label.len())?;
    if !head.eq_ignore_ascii_case(label.as_bytes()) {
        return None;
    }
    // The matched bytes are ASCII, so label.len() is a char boundary.
    let rest = bare[label.len()..].trim_start();
    if rest.is_empty() {
        return Some("");
    }
    let value = rest.strip_prefix(':')?;
    Some(value.trim_matches(|c: char| c == '*' || c.is_whitespace()))
}

/// `Vergadering van <date>` (or `Vergadering:` alone): `Some(rest)` with the text after it.
fn vergadering(bare: &str) -> Option<&str> {
    let rest = match_word(bare, "vergadering")?;
    let rest = match_word(rest, "van").unwrap_or(rest);
    Some(rest.trim_start_matches(':').trim())
}

/// The text after a leading word (any case) followed by a space, colon or the end.
fn match_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.as_bytes().get(..word.len())?;
    if !head.eq_ignore_ascii_case(word.as_bytes()) {
        return None;
    }
    let rest = &text[word.len()..];
    (rest.is_empty() || rest.starts_with([' ', '\t', ':'])).then(|| rest.trim_start())
}

/// A line that is a label raad does not know: a few words ending in a colon (`Commissie:`).
fn is_other_label(bare: &str, max_words: usize) -> bool {
    bare.len() > 1
        && bare.ends_with(':')
        && bare.split_whitespace().count() <= max_words
        && bare.chars().next().is_some_and(char::is_alphabetic)
}

/// One record being read.
struct Builder<'a> {
    start: u32,
    section: Section,
    date: Option<Date>,
    /// A date that is written but cannot be read: (line, field, text).
    bad_date: Option<(u32, &'static str, &'a str)>,
    id: Option<&'a str>,
    subject: String,
    councillor_lines: Vec<&'a str>,
    alderman: Option<&'a str>,
    involved_lines: Vec<&'a str>,
    topic_lines: Vec<&'a str>,
    toelichting: Paragraphs,
    vraag: Paragraphs,
    antwoord: Paragraphs,
    answer_date: Option<Date>,
    /// After `ANTWOORD`, until its first non-empty line.
    expect_answer_date: bool,
}

impl<'a> Builder<'a> {
    fn new(start: u32) -> Builder<'a> {
        Builder {
            start,
            section: Section::Header,
            date: None,
            bad_date: None,
            id: None,
            subject: String::new(),
            councillor_lines: Vec::new(),
            alderman: None,
            involved_lines: Vec::new(),
            topic_lines: Vec::new(),
            toelichting: Paragraphs::default(),
            vraag: Paragraphs::default(),
            antwoord: Paragraphs::default(),
            answer_date: None,
            expect_answer_date: false,
        }
    }

    fn line(&mut self, number: u32, line: &'a str, bare: &'a str) {
        if bare.is_empty() {
            match self.section {
                Section::Toelichting => self.toelichting.push_blank(),
                Section::Vraag | Section::Omschrijving => self.vraag.push_blank(),
                Section::Antwoord => self.antwoord.push_blank(),
                _ => {}
            }
            return;
        }
        match self.section {
            Section::Antwoord => self.answer_line(number, line, bare),
            Section::Vraag => {
                if let Some(rest) = match_label(bare, "antwoord") {
                    self.start_answer(number, rest);
                } else {
                    self.vraag.push_line(line);
                }
            }
            Section::Toelichting | Section::Omschrijving => {
                if !self.body_label(number, bare) {
                    if self.section == Section::Toelichting {
                        self.toelichting.push_line(line);
                    } else {
                        self.vraag.push_line(line);
                    }
                }
            }
            Section::Header | Section::Field(_) | Section::Unknown => {
                self.header_line(number, bare)
            }
        }
    }

    /// `Toelichting:`, `Vraag:` and `ANTWOORD`, which switch sections; true when `bare` is one.
    fn body_label(&mut self, number: u32, bare: &'a str) -> bool {
        if let Some(rest) = match_label(bare, "toelichting") {
            self.section = Section::Toelichting;
            self.toelichting.push_line(rest);
        } else if let Some(rest) = match_label(bare, "vraag") {
            self.section = Section::Vraag;
            self.vraag.push_line(rest);
        } else if let Some(rest) = match_label(bare, "antwoord") {
            self.start_answer(number, rest);
        } else {
            return false;
        }
        true
    }

    fn start_answer(&mut self, number: u32, rest: &'a str) {
        self.section = Section::Antwoord;
        self.expect_answer_date = true;
        if !rest.is_empty() {
            self.answer_line(number, rest, rest);
        }
    }

    fn answer_line(&mut self, number: u32, line: &'a str, bare: &'a str) {
        if self.expect_answer_date {
            self.expect_answer_date = false;
            if let Some(date) = parse_dutch_date(bare) {
                self.answer_date = Some(date);
                return;
            }
            if looks_like_date(bare) {
                self.bad_date.get_or_insert((number, "ANTWOORD", bare));
                return;
            }
        }
        self.antwoord.push_line(line);
    }

    fn header_line(&mut self, number: u32, bare: &'a str) {
        if let Some(rest) = vergadering(bare) {
            if rest.is_empty() {
                self.section = Section::Field(Field::Vergadering);
                return;
            }
            if let Some(date) = find_date(rest) {
                self.date = Some(date);
                self.section = Section::Header;
                return;
            }
            if looks_like_date(rest) {
                self.bad_date.get_or_insert((number, "Vergadering", bare));
                self.section = Section::Header;
                return;
            }
        }
        for &(label, field) in HEADER_LABELS {
            if let Some(rest) = match_label(bare, label) {
                self.section = Section::Field(field);
                if !rest.is_empty() {
                    self.field_value(field, number, rest);
                }
                return;
            }
        }
        if self.body_label(number, bare) {
            return;
        }
        if match_word(bare, "omschrijving").is_some() {
            self.section = Section::Omschrijving;
            return;
        }
        // A title may wrap onto a short line ending in a colon; under Onderwerp only a single
        // word (`Commissie:`) is taken as another label.
        let max_words = if self.section == Section::Field(Field::Onderwerp) {
            1
        } else {
            3
        };
        if is_other_label(bare, max_words) {
            self.section = Section::Unknown;
            return;
        }
        match self.section {
            Section::Field(Field::Vergadering) => {
                self.field_value(Field::Vergadering, number, bare)
            }
            // A date line of its own in the header (`ma 12/04/2021 - 19:00`, `Gepubliceerd op
            // 07/07/2021`) is no value of another field; it dates a record that has no date.
            Section::Field(field) => match parse_dutch_date(bare) {
                Some(date) => self.date = self.date.or(Some(date)),
                None => self.field_value(field, number, bare),
            },
            Section::Header => self.date = self.date.or_else(|| parse_dutch_date(bare)),
            _ => {}
        }
    }

    fn field_value(&mut self, field: Field, number: u32, value: &'a str) {
        match field {
            Field::Vergadering => {
                match find_date(value) {
                    Some(date) => self.date = Some(date),
                    None => {
                        self.bad_date.get_or_insert((number, "Vergadering", value));
                    }
                }
                self.section = Section::Header;
            }
            Field::Nummer => {
                if self.id.is_none() {
                    self.id = Some(value);
                }
            }
            Field::Onderwerp => {
                if !self.subject.is_empty() {
                    self.subject.push(' ');
                }
                self.subject.push_str(value);
            }
            Field::Raadsleden => self.councillor_lines.push(value),
            Field::Bevoegd => {
                if self.alderman.is_none() {
                    self.alderman = Some(value);
                }
            }
            Field::Betrokken => self.involved_lines.push(value),
            Field::Themas => self.topic_lines.push(value),
        }
    }

    fn build(self, path: &Path, options: &ParseOptions) -> Result<Record, ParseError> {
        let id = self
            .id
            .map(|id| id.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|id| !id.is_empty() && id != ".")
            .ok_or_else(|| ParseError::at_line(path, self.start, ParseErrorKind::MissingId))?;
        if let Some((line, field, text)) = self.bad_date {
            return Err(ParseError::at_line(
                path,
                line,
                ParseErrorKind::Field {
                    field: field.to_string(),
                    message: format!("`{text}` is not a date (expected e.g. `15 maart 2016`)"),
                },
            ));
        }
        let subject = parse_subject(&self.subject);
        let mut councillors: Vec<Councillor> = self
            .councillor_lines
            .iter()
            .filter_map(|line| councillor(line, options))
            .collect();
        if councillors.is_empty() {
            councillors = subject
                .names
                .iter()
                .map(|name| Councillor {
                    name: name.clone(),
                    party: None,
                    party_as_written: None,
                })
                .collect();
        }
        let involved_aldermen = self
            .involved_lines
            .iter()
            .flat_map(|line| split_names(&clean_value(line)))
            .map(|name| options.alderman(name))
            .collect();
        let topics: Vec<String> = self
            .topic_lines
            .iter()
            .map(|line| clean_value(line))
            .filter(|topic| !topic.is_empty() && topic != ".")
            .collect();
        let question = match (self.toelichting.finish(), self.vraag.finish()) {
            (Some(context), Some(question)) => Some(format!("{context}\n\n{question}")),
            (context, question) => context.or(question),
        };
        let alderman = self
            .alderman
            .map(clean_value)
            .filter(|name| !name.is_empty() && name != ".")
            .map(|name| options.alderman(name));
        Ok(Record {
            council: options.council.clone(),
            kind: subject.kind,
            code: code_for(&id, None),
            date: self.date,
            title: subject.title,
            councillors,
            alderman,
            involved_aldermen,
            topic_source: (!topics.is_empty()).then_some(TopicSource::Given),
            topic_confidence: None,
            topics,
            question,
            answer: self.antwoord.finish(),
            answer_date: self.answer_date,
            source: Some(Source {
                path: source_path(path),
                line: self.start,
            }),
            id,
        })
    }
}

/// A header value without emphasis, white space folded.
fn clean_value(text: &str) -> String {
    let text = strip_emphasis(text);
    let mut out = String::with_capacity(text.len());
    push_folded(&mut out, &text);
    out
}

/// What the `Onderwerp:` value holds.
#[derive(Debug, Default, PartialEq, Eq)]
struct Subject {
    kind: Option<String>,
    names: Vec<String>,
    title: Option<String>,
}

/// `<Kind> van raadslid|raadsleden NAMES: <title>`, `<Kind> vraag: <title>`, or a bare title.
fn parse_subject(text: &str) -> Subject {
    let text = clean_value(text);
    let title = |t: &str| {
        let t = t.trim();
        (!t.is_empty() && t != ".").then(|| t.to_string())
    };
    if let Some(colon) = text.find(':') {
        let prefix = &text[..colon];
        let after = &text[colon + 1..];
        for marker in [" van raadslid(-leden)", " van raadsleden", " van raadslid"] {
            if let Some(at) = find_ascii_ci(prefix, marker) {
                return Subject {
                    kind: normalize_kind(&prefix[..at]),
                    names: split_names(&prefix[at + marker.len()..]),
                    title: title(after),
                };
            }
        }
        let words = prefix.split_whitespace().count();
        if words <= 3 && prefix.trim_end().to_lowercase().ends_with("vraag") {
            return Subject {
                kind: normalize_kind(prefix),
                names: Vec::new(),
                title: title(after),
            };
        }
    }
    Subject {
        kind: None,
        names: Vec::new(),
        title: title(&text),
    }
}

/// The byte offset of an ASCII `needle` in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let (&first, _) = needle.split_first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    // Candidates by their first byte (a fast byte search), then the whole needle.
    hay[..=last_start]
        .iter()
        .enumerate()
        .filter(|(_, b)| b.eq_ignore_ascii_case(&first))
        .map(|(i, _)| i)
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// `A`, `A en B`, `A, B en C` (also `&`) → names.
fn split_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in text.split(',') {
        for name in part.split(" en ").flat_map(|p| p.split(" & ")) {
            let name = name.trim();
            if !name.is_empty() && name != "." {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// `Name - Party` (also with an en or em dash, or `Name (Party)`); `Name` alone has no party.
fn councillor(line: &str, options: &ParseOptions) -> Option<Councillor> {
    let line = clean_value(line);
    // The last dash with a space on both sides: names and parties may hold dashes of their own
    // (`Anne-Marie`, `N-VA`), never a spaced one.
    let separator = line.char_indices().rev().find(|&(at, c)| {
        matches!(c, '-' | '–' | '—')
            && line[..at].ends_with(' ')
            && line[at + c.len_utf8()..].starts_with(' ')
    });
    let (name, party) = separator
        .map(|(at, c)| (line[..at].trim(), Some(line[at + c.len_utf8()..].trim())))
        .or_else(|| {
            let open = line.rfind(" (")?;
            let party = line[open + 2..].strip_suffix(')')?;
            Some((line[..open].trim(), Some(party.trim())))
        })
        .unwrap_or((line.trim(), None));
    if name.is_empty() || name == "." {
        return None;
    }
    let party = party.filter(|p| !p.is_empty());
    Some(Councillor {
        name: name.to_string(),
        party: party.map(|p| options.parties.canonical(p)),
        party_as_written: party.map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(
            match_label("Nummer: 2016_MV_1", "nummer"),
            Some("2016_MV_1")
        );
        assert_eq!(match_label("NUMMER :", "nummer"), Some(""));
        assert_eq!(match_label("nummer", "nummer"), Some(""));
        assert_eq!(match_label("Nummering van", "nummer"), None);
        assert_eq!(match_label("Vraag 1: hoe?", "vraag"), None);
        assert_eq!(
            match_label("Nummer:** 2016_MV_1", "nummer"),
            Some("2016_MV_1")
        );
        assert_eq!(bare("  **Bevoegd:**  "), "Bevoegd:");
        assert_eq!(bare("## OPSCHRIFT"), "OPSCHRIFT");
        assert_eq!(
            vergadering("Vergadering van 15 maart 2016"),
            Some("15 maart 2016")
        );
        assert_eq!(vergadering("Vergaderingen"), None);
    }

    #[test]
    fn subjects() {
        let s = parse_subject("Mondelinge vraag van raadslid Robin De Wulf: Uitwerking: deel 2");
        assert_eq!(s.kind.as_deref(), Some("mondelinge vraag"));
        assert_eq!(s.names, vec!["Robin De Wulf"]);
        assert_eq!(s.title.as_deref(), Some("Uitwerking: deel 2"));
        let s = parse_subject("Schriftelijke vraag van raadsleden A B, C D en E F: Titel");
        assert_eq!(s.kind.as_deref(), Some("schriftelijke vraag"));
        assert_eq!(s.names, vec!["A B", "C D", "E F"]);
        let s = parse_subject("Interpellatie van raadslid(-leden) X: T");
        assert_eq!(s.kind.as_deref(), Some("interpellatie"));
        let s = parse_subject("Luchtkwaliteit en lage-emissiezone: resultaten");
        assert_eq!(s.kind, None);
        assert_eq!(
            s.title.as_deref(),
            Some("Luchtkwaliteit en lage-emissiezone: resultaten")
        );
        let s = parse_subject("Mondelinge vraag: Titel");
        assert_eq!(s.kind.as_deref(), Some("mondelinge vraag"));
        assert_eq!(s.title.as_deref(), Some("Titel"));
    }

    #[test]
    fn councillor_lines() {
        let options = ParseOptions::default();
        let c = councillor("Marc Goossens - sp.a", &options).unwrap();
        assert_eq!(
            (
                c.name.as_str(),
                c.party.as_deref(),
                c.party_as_written.as_deref()
            ),
            ("Marc Goossens", Some("Vooruit"), Some("sp.a"))
        );
        let c = councillor("Anne-Marie Peeters – Open VLD", &options).unwrap();
        assert_eq!(
            (c.name.as_str(), c.party.as_deref()),
            ("Anne-Marie Peeters", Some("Open Vld"))
        );
        let c = councillor("Jan Jansen (VB)", &options).unwrap();
        assert_eq!(
            (c.name.as_str(), c.party.as_deref()),
            ("Jan Jansen", Some("Vlaams Belang"))
        );
        let c = councillor("Jan Jansen", &options).unwrap();
        assert_eq!(c.party, None);
        assert!(councillor(".", &options).is_none());
    }

    #[test]
    fn emphasis_around_part_of_a_value_is_removed_whole() {
        let text = "OPSCHRIFT\n\nNummer: 2016_MV_00001\n\nOnderwerp:\n\n\
                    Mondelinge vraag van raadslid Jan Peeters: Speelpleinen in de Muide en \
                    **Meulestede**\n\nBevoegd: *Schepen* **Jan De Smet**\n\n\
                    OMSCHRIJVING VAN DE VRAAG\n\nVraag:\n\nIs 3 * 4 = 12 een *antwoord*?\n";
        let mut parsed = Parsed::default();
        parse(
            Path::new("a.txt"),
            text,
            &ParseOptions::default(),
            &mut parsed,
        );
        let record = &parsed.records[0];
        assert_eq!(
            record.title.as_deref(),
            Some("Speelpleinen in de Muide en Meulestede")
        );
        assert_eq!(record.alderman.as_deref(), Some("Schepen Jan De Smet"));
        assert_eq!(
            record.question.as_deref(),
            Some("Is 3 * 4 = 12 een antwoord?")
        );
    }

    #[test]
    fn names() {
        assert_eq!(
            split_names("Marijke De Baets en Jorn Vandenbussche"),
            vec!["Marijke De Baets", "Jorn Vandenbussche"]
        );
        assert_eq!(split_names("A, B en C"), vec!["A", "B", "C"]);
    }
}
