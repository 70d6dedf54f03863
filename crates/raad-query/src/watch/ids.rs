//! Which record id each document of a segment holds: the `id` field is indexed, not fast,
//! so its term dictionary is walked once per segment and run, and the table shared by every
//! watch of the run. A watch then names its matches by id key without reading one stored
//! record.

use raad_core::RaadSchema;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, SegmentReader, TERMINATED};

use crate::error::Result;

/// The id key of every document of one segment.
pub(crate) struct SegmentIds {
    /// The keys, one after the other.
    bytes: Vec<u8>,
    /// Per document, the byte range of its key in `bytes` (`u32::MAX` starts: no id).
    spans: Vec<(u32, u32)>,
}

impl SegmentIds {
    /// Reads the ids of every document of `segment` (deleted ones too: their ids cost
    /// nothing and no match is a deleted document).
    pub fn read(segment: &SegmentReader, schema: &RaadSchema) -> Result<SegmentIds> {
        let inverted = segment.inverted_index(schema.id)?;
        let mut spans = vec![(u32::MAX, u32::MAX); segment.max_doc() as usize];
        let mut bytes = Vec::new();
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let start = bytes.len();
            bytes.extend_from_slice(terms.key());
            // Beyond 4 GB of ids a key cannot be addressed; such an index is refused below.
            let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(bytes.len())) else {
                return Err(tantivy::TantivyError::InternalError(
                    "more than 4 GB of record ids in one segment".to_string(),
                )
                .into());
            };
            let mut postings =
                inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if let Some(span) = spans.get_mut(doc as usize) {
                    *span = (start, end);
                }
                doc = postings.advance();
            }
        }
        Ok(SegmentIds { bytes, spans })
    }

    /// The id key of `doc`, if it has one.
    pub fn key(&self, doc: DocId) -> Option<&str> {
        let &(start, end) = self.spans.get(doc as usize)?;
        let bytes = self.bytes.get(start as usize..end as usize)?;
        std::str::from_utf8(bytes).ok()
    }
}
