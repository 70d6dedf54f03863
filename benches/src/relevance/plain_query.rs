//! Plain-mode queries: the query text is only words, analyzed like the index, OR'ed and ranked.
//!
//! This is the one place the harness turns text into a tantivy query, so that it can be
//! replaced by raad-query's plain mode.

use raad_core::RaadSchema;
use tantivy::query::{BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

/// How the text fields are scored together.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldSetup {
    /// Score one BM25 over the combined `body` field (`true`), or sum per-field BM25 scores
    /// of title, question and answer (`false`).
    pub combined_body: bool,
    /// Weight of matches in the title, added to the body's (0 = title not searched on its
    /// own).
    pub title_boost: f32,
    /// Weight of a term at the same position as the one before it: a compound part or a
    /// hyphenated word's part, which says less about the query than the word itself.
    pub part_weight: f32,
    /// Weight of question matches added to the body's (0 = question not scored on its own).
    pub question_boost: f32,
    /// Weight of a bonus for each pair of successive query words found near each other
    /// (within `pair_slop` positions) in the body; 0 turns it off.
    pub pair_weight: f32,
    /// How far apart the two words of a pair may be, beyond their distance in the query.
    pub pair_slop: u32,
}

impl Default for FieldSetup {
    /// The setup measured best on the development sets (see BENCHMARKS.md).
    fn default() -> FieldSetup {
        FieldSetup {
            combined_body: true,
            title_boost: 0.5,
            part_weight: 0.5,
            question_boost: 0.6,
            pair_weight: 0.0,
            pair_slop: 2,
        }
    }
}

/// The harness's own title, question and answer fields (raad indexes them only inside
/// `body`).
#[derive(Debug, Clone, Copy)]
pub struct SectionFields {
    /// The title alone.
    pub title: Field,
    /// The question alone.
    pub question: Field,
    /// The answer alone.
    pub answer: Field,
}

/// The query for `text`: every analyzed term in every searched field, OR'ed; question and
/// answer in the harness's own fields.
pub fn plain_query(
    schema: &RaadSchema,
    sections: SectionFields,
    analyzer: &mut TextAnalyzer,
    text: &str,
    setup: FieldSetup,
) -> Box<dyn Query> {
    let mut terms: Vec<(String, f32)> = Vec::new();
    // The first term at each position: the query's words, without their parts.
    let mut words: Vec<(usize, String)> = Vec::new();
    let mut previous_position = None;
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        let weight = if previous_position == Some(token.position) {
            setup.part_weight
        } else {
            words.push((token.position, token.text.clone()));
            1.0
        };
        previous_position = Some(token.position);
        terms.push((token.text.clone(), weight));
    }
    let mut fields: Vec<(Field, f32)> = if setup.combined_body {
        vec![(schema.body, 1.0)]
    } else {
        vec![(sections.question, 1.0), (sections.answer, 1.0)]
    };
    if !setup.combined_body {
        let boost = if setup.title_boost > 0.0 {
            setup.title_boost
        } else {
            1.0
        };
        fields.push((sections.title, boost));
    } else {
        if setup.title_boost > 0.0 {
            fields.push((sections.title, setup.title_boost));
        }
        if setup.question_boost > 0.0 {
            fields.push((sections.question, setup.question_boost));
        }
    }
    let mut clauses = term_clauses(&fields, &terms);
    if setup.pair_weight > 0.0 {
        for pair in words.windows(2) {
            let [(first_at, first), (second_at, second)] = pair else {
                continue;
            };
            let phrase = PhraseQuery::new_with_offset_and_slop(
                vec![
                    (0, Term::from_field_text(schema.body, first)),
                    (
                        second_at - first_at,
                        Term::from_field_text(schema.body, second),
                    ),
                ],
                setup.pair_slop,
            );
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(phrase), setup.pair_weight)),
            ));
        }
    }
    if clauses.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Every term in every field as a SHOULD clause, boosted by field weight times term weight.
/// A boost of 1 is left out, and a boosted term query is still a term scorer to tantivy, so
/// block-max WAND applies either way.
pub(super) fn term_clauses(
    fields: &[(Field, f32)],
    terms: &[(String, f32)],
) -> Vec<(Occur, Box<dyn Query>)> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for &(field, field_weight) in fields {
        for (term, weight) in terms {
            let query = TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            );
            let boost = field_weight * weight;
            let query: Box<dyn Query> = if (boost - 1.0).abs() < f32::EPSILON {
                Box::new(query)
            } else {
                Box::new(BoostQuery::new(Box::new(query), boost))
            };
            clauses.push((Occur::Should, query));
        }
    }
    clauses
}
