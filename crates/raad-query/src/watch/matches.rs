//! The records a watch's query matches, with what a watch compares of each: whether it is
//! answered, and its meeting and answer dates, read from fast fields while collecting (no
//! stored record is read for a match that is not reported).

use raad_core::RaadSchema;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// One matching record as a watch sees it before reading it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Matched {
    /// Where it is in the snapshot.
    pub address: DocAddress,
    /// Whether it has an answer.
    pub answered: bool,
    /// Its meeting date.
    pub date: Option<DateTime>,
    /// Its answer date.
    pub answer_date: Option<DateTime>,
}

/// Collects every match of a query (unscored) as [`Matched`].
pub(crate) struct MatchedCollector<'a> {
    pub schema: &'a RaadSchema,
}

impl Collector for MatchedCollector<'_> {
    type Fruit = Vec<Matched>;
    type Child = MatchedSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<MatchedSegment> {
        let schema = &self.schema.schema;
        let fast = reader.fast_fields();
        Ok(MatchedSegment {
            segment,
            answered: fast.bool(schema.get_field_name(self.schema.has_answer))?,
            date: fast.date(schema.get_field_name(self.schema.date))?,
            answer_date: fast.date(schema.get_field_name(self.schema.answer_date))?,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Matched>>) -> tantivy::Result<Vec<Matched>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

/// [`MatchedCollector`] in one segment.
pub(crate) struct MatchedSegment {
    segment: SegmentOrdinal,
    answered: Column<bool>,
    date: Column<DateTime>,
    answer_date: Column<DateTime>,
    found: Vec<Matched>,
}

impl SegmentCollector for MatchedSegment {
    type Fruit = Vec<Matched>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.found.push(Matched {
            address: DocAddress::new(self.segment, doc),
            answered: self.answered.first(doc).unwrap_or(false),
            date: self.date.first(doc),
            answer_date: self.answer_date.first(doc),
        });
    }

    fn harvest(self) -> Vec<Matched> {
        self.found
    }
}
