//! [`LikenessIndex`]: some records of a snapshot (for topic inference, the labelled ones)
//! held in memory as term postings, so that "which of them are most like this record" can be
//! asked tens of thousands of times a second, where a like-query through tantivy answers
//! about a thousand.
//!
//! The likeness is BM25 over the records' `body`, with the statistics of the held records
//! alone (their number, each term's document frequency among them, their average length):
//! what the records are compared with does not depend on the rest of the index, nor on deleted
//! documents that a merge has not yet dropped, so the same records give the same answers on
//! every run. A question is a [`TopicTerms`]: its `query_terms` terms with the highest
//! weighted count × idf are looked up (as a like-query picks its words), and each held record
//! scores the sum of the BM25 scores of those terms in it.
//!
//! Terms held by more than a share of the records ([`LikenessIndex::build`]'s `max_share`) are
//! not kept: they are never among the terms a question picks, and their postings would be most
//! of the memory.

use raad_core::topics::{term_hash, TopicTerms};
use raad_core::RaadSchema;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::postings::BlockSegmentPostings;
use tantivy::schema::IndexRecordOption;
use tantivy::termdict::TermStreamer;
use tantivy::{DocAddress, DocId, InvertedIndexReader, Score, SegmentReader};

use crate::bm25;
use crate::error::Result;
use crate::snapshot::TopicSourceRecords;

/// Terms held by up to this many records are always kept, whatever their share.
const MIN_KEPT_DF: usize = 1_000;

/// Fewest terms worth a range (and a thread) of their own.
const MIN_RANGE: usize = 20_000;

/// A held term: its idf among the held records, and per record holding it, the record's
/// number and the term's BM25 score in it.
#[derive(Debug)]
struct Held {
    idf: Score,
    postings: Vec<(u32, Score)>,
}

/// Some records of a snapshot as in-memory term postings (see the module documentation).
#[derive(Debug)]
pub struct LikenessIndex {
    terms: FxHashMap<u64, Held>,
    /// Each held record's address, by its number (numbers in index order).
    addresses: Vec<DocAddress>,
}

/// How a [`LikenessIndex`] is built.
#[derive(Debug, Clone, Copy)]
pub struct LikenessSettings<'a> {
    /// Terms held by more than this share of the records (0–1) are left out (always kept:
    /// terms of up to 1,000 records).
    pub max_share: f32,
    /// Each term keeps the records where it weighs most, at most this many: a question
    /// then costs at most its terms × this, however large the set (at least 1).
    pub max_postings: usize,
    /// Per record number (the records `among` in address order,
    /// [`TopicSourceRecords::in_order`](crate::TopicSourceRecords::in_order)), a rank that orders records
    /// of equal weight (e.g. by record key), so that which are kept does not depend on the
    /// index's layout; empty: by number.
    pub tie_rank: &'a [u32],
}

/// Per-thread room for [`LikenessIndex::most_like`]: reused from question to question.
#[derive(Debug, Default)]
pub struct LikenessScratch {
    scores: Vec<Score>,
    touched: Vec<u32>,
}

impl LikenessIndex {
    /// Reads the `body` postings of the records `among` (from the snapshot of `searcher`) in
    /// one walk over the term dictionaries, on the current rayon pool (see
    /// [`Snapshot::likeness_index`](crate::Snapshot::likeness_index) for the settings).
    pub(crate) fn build(
        searcher: &tantivy::Searcher,
        schema: &RaadSchema,
        among: &TopicSourceRecords,
        settings: LikenessSettings<'_>,
    ) -> Result<LikenessIndex> {
        let LikenessSettings {
            max_share,
            max_postings,
            tie_rank,
        } = settings;
        let segments = searcher.segment_readers();
        // Record numbers in index order, and each segment's document → number.
        let addresses = among.in_order();
        let mut numbers: Vec<Vec<u32>> = segments
            .iter()
            .map(|segment| vec![u32::MAX; segment.max_doc() as usize])
            .collect();
        let norms = segments
            .iter()
            .map(|segment| segment.get_fieldnorms_reader(schema.body))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let mut length_sum = 0f64;
        for (number, address) in addresses.iter().enumerate() {
            let norms = &norms[address.segment_ord as usize];
            length_sum += f64::from(norms.fieldnorm(address.doc_id));
            numbers[address.segment_ord as usize][address.doc_id as usize] = number as u32;
        }
        let held = addresses.len();
        let average = if held == 0 {
            1.0
        } else {
            (length_sum / held as f64).max(1.0) as Score
        };
        // Small sets keep every term: memory is no concern there, and a share of a few records
        // would drop the words that make records alike.
        let max_df =
            ((held as f64 * f64::from(max_share.clamp(0.0, 1.0))).ceil() as usize).max(MIN_KEPT_DF);

        // Every segment in ranges of its terms, each range walked on its own.
        let mut tasks = Vec::new();
        for (ord, segment) in segments.iter().enumerate() {
            let inverted = segment.inverted_index(schema.body)?;
            let count = inverted.terms().num_terms();
            let parts = rayon::current_num_threads()
                .clamp(1, 64)
                .min(count / MIN_RANGE + 1);
            let mut bounds: Vec<Vec<u8>> = Vec::new();
            for part in 1..parts {
                let mut key = Vec::new();
                if inverted
                    .terms()
                    .ord_to_term((count * part / parts) as u64, &mut key)?
                {
                    bounds.push(key);
                }
            }
            for part in 0..=bounds.len() {
                let first = part.checked_sub(1).and_then(|b| bounds.get(b)).cloned();
                let after = bounds.get(part).cloned();
                tasks.push((ord, first, after));
            }
        }
        let walked = tasks
            .into_par_iter()
            .map(|(ord, first, after)| {
                let segment: &SegmentReader = &segments[ord];
                let inverted = segment.inverted_index(schema.body)?;
                let norms = segment.get_fieldnorms_reader(schema.body)?;
                let mut range = inverted.terms().range();
                if let Some(first) = &first {
                    range = range.ge(first);
                }
                if let Some(after) = &after {
                    range = range.lt(after);
                }
                let walk = RangeWalk {
                    inverted: &inverted,
                    numbers: &numbers[ord],
                    length: &|doc| norms.fieldnorm(doc) as Score,
                    average,
                    max_df,
                };
                walk.run(range.into_stream()?)
            })
            .collect::<Result<Vec<RangeTerms>>>()?;

        let mut too_common: FxHashSet<u64> = FxHashSet::default();
        for (_, dropped) in &walked {
            too_common.extend(dropped.iter().copied());
        }
        let mut terms: FxHashMap<u64, Held> = FxHashMap::default();
        // Tasks come in segment order, so each term's postings stay in number order.
        for (found, _) in walked {
            for (hash, postings) in found {
                if too_common.contains(&hash) {
                    continue;
                }
                terms
                    .entry(hash)
                    .or_insert_with(|| Held {
                        idf: 0.0,
                        postings: Vec::new(),
                    })
                    .postings
                    .extend(postings);
            }
        }
        terms.retain(|_, held| held.postings.len() <= max_df);
        let rank = |number: u32| tie_rank.get(number as usize).copied().unwrap_or(number);
        for held in terms.values_mut() {
            held.idf = bm25::idf(held.postings.len() as u64, addresses.len() as u64);
            if held.postings.len() > max_postings.max(1) {
                // The records where the term weighs most; equal weights by the caller's
                // rank, so that what is kept does not depend on the index's layout.
                held.postings
                    .select_nth_unstable_by(max_postings.max(1) - 1, |a, b| {
                        b.1.total_cmp(&a.1).then_with(|| rank(a.0).cmp(&rank(b.0)))
                    });
                held.postings.truncate(max_postings.max(1));
                // In record order again: a question adds up its terms' postings into one
                // array, and ascending numbers read it ahead of time.
                held.postings.sort_unstable_by_key(|&(number, _)| number);
            }
            // The idf is in every posting, so a question only adds.
            let idf = held.idf;
            for (_, part) in &mut held.postings {
                *part *= idf;
            }
            held.postings.shrink_to_fit();
        }
        Ok(LikenessIndex { terms, addresses })
    }

    /// How many records are held.
    pub fn len(&self) -> usize {
        self.addresses.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.addresses.is_empty()
    }

    /// The address of held record `number`.
    pub fn address(&self, number: u32) -> Option<DocAddress> {
        self.addresses.get(number as usize).copied()
    }

    /// The held records' addresses, by number.
    pub fn addresses(&self) -> &[DocAddress] {
        &self.addresses
    }

    /// Scratch space for [`LikenessIndex::most_like`], one per thread.
    pub fn scratch(&self) -> LikenessScratch {
        LikenessScratch {
            scores: vec![0.0; self.addresses.len()],
            touched: Vec::new(),
        }
    }

    /// The `k` held records most like `terms` (looked up by their `query_terms` best terms),
    /// best first, as (likeness, record number); records of equal likeness are ordered by
    /// `tie_key`, so that the answer does not depend on where records sit in the index.
    pub fn most_like<K: Ord>(
        &self,
        terms: &TopicTerms,
        query_terms: usize,
        k: usize,
        scratch: &mut LikenessScratch,
        tie_key: impl Fn(u32) -> K,
    ) -> Vec<(Score, u32)> {
        if scratch.scores.len() != self.addresses.len() {
            *scratch = self.scratch();
        }
        // The question's terms that some held record has, by weight × idf (ties by hash).
        let mut picked: Vec<(Score, u64, &Held)> = terms
            .iter()
            .filter_map(|(hash, count)| {
                let held = self.terms.get(&hash)?;
                Some(((1.0 + count.max(1.0).ln()) * held.idf, hash, held))
            })
            .collect();
        let by_weight = |a: &(Score, u64, &Held), b: &(Score, u64, &Held)| {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
        };
        if picked.len() > query_terms {
            picked.select_nth_unstable_by(query_terms, by_weight);
            picked.truncate(query_terms);
        }
        let LikenessScratch { scores, touched } = scratch;
        // Without a branch on whether a record was seen (which the processor cannot guess):
        // every number is written, and the end moves on only for a first sighting.
        let postings: usize = picked.iter().map(|(_, _, held)| held.postings.len()).sum();
        touched.clear();
        touched.resize(postings + 1, 0);
        let mut seen = 0usize;
        for (_, _, held) in &picked {
            for &(number, part) in &held.postings {
                let Some(slot) = scores.get_mut(number as usize) else {
                    continue;
                };
                touched[seen] = number;
                seen += usize::from(*slot == 0.0);
                *slot += part;
            }
        }
        touched.truncate(seen);
        // The k best, kept sorted as they come: most records fall below the k-th at once.
        let k = k.max(1);
        let better = |a: &(Score, u32), b: &(Score, u32)| {
            b.0.total_cmp(&a.0)
                .then_with(|| tie_key(a.1).cmp(&tie_key(b.1)))
        };
        let mut found: Vec<(Score, u32)> = Vec::with_capacity(k + 1);
        for number in touched.drain(..) {
            let score = std::mem::take(&mut scores[number as usize]);
            let candidate = (score, number);
            if found.len() == k {
                let last = found[k - 1];
                if score < last.0 || (score == last.0 && better(&candidate, &last).is_ge()) {
                    continue;
                }
            }
            let at = found.partition_point(|kept| better(kept, &candidate).is_lt());
            found.insert(at, candidate);
            found.truncate(k);
        }
        found
    }
}

/// What a range of terms gives: each held term (by hash) with its postings, and the terms
/// found in too many records.
type RangeTerms = (Vec<(u64, Vec<(u32, Score)>)>, FxHashSet<u64>);

/// One range of a segment's terms, walked for the held records' postings.
struct RangeWalk<'a> {
    inverted: &'a InvertedIndexReader,
    /// The segment's documents' record numbers (`u32::MAX`: not held).
    numbers: &'a [u32],
    length: &'a dyn Fn(DocId) -> Score,
    average: Score,
    max_df: usize,
}

impl RangeWalk<'_> {
    /// The held terms of the range with their postings, and the terms found too common.
    fn run(self, mut terms: TermStreamer<'_>) -> Result<RangeTerms> {
        let mut found = Vec::new();
        let mut too_common = FxHashSet::default();
        let mut postings: Option<BlockSegmentPostings> = None;
        let mut current: Vec<(u32, Score)> = Vec::new();
        while terms.advance() {
            let info = terms.value();
            let postings = match &mut postings {
                Some(postings) => {
                    self.inverted
                        .reset_block_postings_from_terminfo(info, postings)?;
                    postings
                }
                None => postings.insert(
                    self.inverted
                        .read_block_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?,
                ),
            };
            current.clear();
            let mut common = false;
            while !postings.docs().is_empty() {
                for (&doc, &tf) in postings.docs().iter().zip(postings.freqs()) {
                    let number = self.numbers.get(doc as usize).copied().unwrap_or(u32::MAX);
                    if number == u32::MAX {
                        continue;
                    }
                    let part = bm25::score(1.0, tf as Score, (self.length)(doc), self.average);
                    current.push((number, part));
                }
                if current.len() > self.max_df {
                    common = true;
                    break;
                }
                postings.advance();
            }
            if current.is_empty() {
                continue;
            }
            let hash = term_hash(terms.key());
            if common {
                too_common.insert(hash);
            } else {
                found.push((hash, current.clone()));
            }
        }
        Ok((found, too_common))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Snapshot;
    use raad_core::{Record, TopicSource};
    use tantivy::indexer::NoMergePolicy;
    use tantivy::Index;

    /// Records (id, title, labelled?) in one segment per batch; labelled ones have topic `T`.
    fn snapshot(batches: &[&[(&str, &str, bool)]]) -> Snapshot {
        let schema = RaadSchema::new();
        let index = Index::create_in_ram(schema.schema.clone());
        raad_core::analysis::register_analyzers(index.tokenizers());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for batch in batches {
            for &(id, title, labelled) in *batch {
                let mut record = Record::new(id);
                record.title = Some(title.to_string());
                if labelled {
                    record.topics = vec!["T".to_string()];
                    record.topic_source = Some(TopicSource::Given);
                }
                writer.add_document(schema.document(&record)).unwrap();
            }
            writer.commit().unwrap();
        }
        Snapshot::of(&index).unwrap()
    }

    fn settings(max_share: f32) -> LikenessSettings<'static> {
        LikenessSettings {
            max_share,
            max_postings: usize::MAX,
            tie_rank: &[],
        }
    }

    fn terms(title: &str) -> TopicTerms {
        let mut record = Record::new("question");
        record.title = Some(title.to_string());
        TopicTerms::of(&record)
    }

    fn ids(snapshot: &Snapshot, index: &LikenessIndex, found: &[(Score, u32)]) -> Vec<String> {
        let addresses: Vec<DocAddress> = found
            .iter()
            .map(|&(_, number)| index.address(number).unwrap())
            .collect();
        snapshot
            .labels(&addresses)
            .unwrap()
            .into_iter()
            .map(|label| label.key)
            .collect()
    }

    #[test]
    fn the_most_like_labelled_records_across_segments_best_first() {
        let snapshot = snapshot(&[
            &[
                ("2019_SV_00001", "Kastanjebomen in het Citadelpark", true),
                ("2019_SV_00002", "Verkeerslichten aan de Dampoortbrug", true),
            ],
            &[
                ("2019_SV_00003", "Zieke kastanjebomen gekapt", true),
                ("2019_SV_00004", "Kastanjebomen in het Citadelpark", false),
            ],
        ]);
        let labelled = snapshot.topic_source_records(TopicSource::Given).unwrap();
        let index = snapshot.likeness_index(&labelled, settings(1.0)).unwrap();
        assert_eq!(index.len(), 3, "the unlabelled record is not held");
        let mut scratch = index.scratch();
        let found = index.most_like(
            &terms("Kastanjebomen in het Citadelpark"),
            30,
            10,
            &mut scratch,
            |n| n,
        );
        assert_eq!(
            ids(&snapshot, &index, &found),
            ["2019_sv_00001", "2019_sv_00003"],
            "the record with both words first; the one without either not at all"
        );
        assert!(found[0].0 > found[1].0);
        // The scratch space is clean for the next question.
        let again = index.most_like(&terms("Dampoortbrug"), 30, 10, &mut scratch, |n| n);
        assert_eq!(ids(&snapshot, &index, &again), ["2019_sv_00002"]);
    }

    #[test]
    fn equal_likeness_is_ordered_by_the_tie_key_and_k_is_kept() {
        let snapshot = snapshot(&[
            &[("2019_SV_00005", "Speeltuin", true)],
            &[("2019_SV_00001", "Speeltuin", true)],
            &[("2019_SV_00003", "Speeltuin", true)],
        ]);
        let labelled = snapshot.topic_source_records(TopicSource::Given).unwrap();
        let index = snapshot.likeness_index(&labelled, settings(1.0)).unwrap();
        let keys: Vec<String> = snapshot
            .labels(index.addresses())
            .unwrap()
            .into_iter()
            .map(|label| label.key)
            .collect();
        let mut scratch = index.scratch();
        let found = index.most_like(&terms("speeltuin"), 30, 2, &mut scratch, |n| {
            keys[n as usize].clone()
        });
        assert_eq!(
            ids(&snapshot, &index, &found),
            ["2019_sv_00001", "2019_sv_00003"]
        );
    }

    #[test]
    fn terms_of_too_many_records_are_left_out_of_large_sets_only() {
        let titles: Vec<(String, String)> = (0..1_200)
            .map(|i| (format!("2019_SV_{i:05}"), format!("Speeltuin nummer{i}")))
            .collect();
        let batch: Vec<(&str, &str, bool)> = titles
            .iter()
            .map(|(id, title)| (id.as_str(), title.as_str(), true))
            .collect();
        let snapshot = snapshot(&[&batch]);
        let labelled = snapshot.topic_source_records(TopicSource::Given).unwrap();
        let found_with = |share| {
            let index = snapshot.likeness_index(&labelled, settings(share)).unwrap();
            let mut scratch = index.scratch();
            index
                .most_like(&terms("speeltuin"), 30, 5, &mut scratch, |n| n)
                .len()
        };
        // `speeltuin` is in all 1,200: over a quarter of them, and over the 1,000 always kept.
        assert_eq!(found_with(0.25), 0);
        assert_eq!(found_with(1.0), 5);
    }
}
