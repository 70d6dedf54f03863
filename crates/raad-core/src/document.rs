//! Record → tantivy document: the only place that fills index fields from record fields.

use tantivy::schema::Facet;
use tantivy::{DateTime, TantivyDocument};

use crate::analysis::WordTokenizer;
use crate::date::Date;
use crate::id::id_key;
use crate::record::Record;
use crate::schema::RaadSchema;

impl RaadSchema {
    /// The tantivy document for a record.
    pub fn document(&self, record: &Record) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        doc.add_text(self.id, id_key(&record.id));
        if let Some(code) = &record.code {
            doc.add_text(self.code, code.to_ascii_uppercase());
        }
        let json = serde_json::to_string(record).expect("a Record always serializes");
        doc.add_text(self.record, json);

        // Title, question and answer in this order; `question_span` says where each is.
        let mut body = String::new();
        for text in [&record.title, &record.question, &record.answer]
            .into_iter()
            .flatten()
        {
            if !body.is_empty() {
                body.push_str(BODY_SEPARATOR);
            }
            body.push_str(text);
        }
        if !body.is_empty() {
            doc.add_text(self.body, body);
        }
        let (start, end) = question_span(record);
        doc.add_u64(
            self.question_span,
            (u64::from(start) << 32) | u64::from(end),
        );

        // Each name once: a party as written is mostly the canonical name again, and the
        // repeat would only add tokens (a tenth of all indexed tokens on generated records).
        let mut names = String::new();
        let mut pushed: Vec<&str> = Vec::with_capacity(8);
        let mut push_name = |name| {
            if pushed.iter().any(|seen| seen.eq_ignore_ascii_case(name)) {
                return;
            }
            pushed.push(name);
            names.push_str(name);
            names.push('\n');
        };
        for councillor in &record.councillors {
            push_name(&councillor.name);
            if let Some(party) = &councillor.party {
                push_name(party);
            }
            if let Some(written) = &councillor.party_as_written {
                push_name(written);
            }
        }
        for alderman in record.alderman.iter().chain(&record.involved_aldermen) {
            push_name(alderman);
        }
        if !names.is_empty() {
            doc.add_text(self.names, names);
        }

        if let Some(date) = record.date {
            doc.add_date(self.date, to_datetime(date));
            doc.add_facet(self.year, Facet::from_path([date.year().to_string()]));
        }
        if let Some(answer_date) = record.answer_date {
            doc.add_date(self.answer_date, to_datetime(answer_date));
            if let Some(date) = record.date {
                let delay = answer_date.days_since_epoch() - date.days_since_epoch();
                doc.add_i64(self.answer_delay_days, delay);
            }
        }
        doc.add_bool(self.has_answer, record.answer.is_some());
        if let Some(source) = &record.source {
            doc.add_text(self.source_path, &source.path);
        }

        for councillor in &record.councillors {
            doc.add_facet(self.councillor, facet(&councillor.name));
            if let Some(party) = &councillor.party {
                doc.add_facet(self.party, facet(party));
            }
        }
        if let Some(alderman) = &record.alderman {
            doc.add_facet(self.alderman, facet(alderman));
        }
        for alderman in record.alderman.iter().chain(&record.involved_aldermen) {
            doc.add_facet(self.aldermen_any, facet(alderman));
        }
        for topic in &record.topics {
            doc.add_facet(self.topic, facet(topic));
        }
        if let Some(source) = record.topic_source {
            doc.add_text(self.topic_source, source.as_str());
        }
        if let Some(kind) = &record.kind {
            doc.add_facet(self.kind, facet(kind));
        }
        doc
    }
}

/// What joins title, question and answer in `body`.
pub const BODY_SEPARATOR: &str = "\n\n";

/// The word positions of the question in `body`: from its first word up to (not including)
/// the position after its last; `(n, n)` for a record without a question. Positions are
/// counted by the Dutch analyzer's tokenizer, which gives every word a position of its own
/// (stop words included, compound parts sharing their word's), so the title's words come
/// first and the question's follow. Saturates at `u32::MAX` for texts of over 4 billion words.
pub fn question_span(record: &Record) -> (u32, u32) {
    let start = record.title.as_deref().map_or(0, word_positions);
    let end = start.saturating_add(record.question.as_deref().map_or(0, word_positions));
    (start, end)
}

/// How many word positions the Dutch analyzer gives `text`.
fn word_positions(text: &str) -> u32 {
    u32::try_from(WordTokenizer::text().positions(text)).unwrap_or(u32::MAX)
}

/// The one-level facet `/<value>`; a `/` inside the value stays part of the value.
pub fn facet(value: &str) -> Facet {
    Facet::from_path([value])
}

/// Midnight UTC of a date, the form date fields are indexed in.
pub fn to_datetime(date: Date) -> DateTime {
    DateTime::from_timestamp_secs(date.days_since_epoch() * 86_400)
}
