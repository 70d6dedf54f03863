//! The built-in demo corpus: a few thousand council records that ship inside the binary, so
//! that search works on a fresh machine without any data.
//!
//! The compact form of the corpus is the generator itself: [`DEMO_RECORDS`] records from
//! [`GeneratorBuilder`] with the fixed seed [`DEMO_SEED`]. The generator is deterministic (its
//! random numbers come from ChaCha8 with that seed), so every build on every machine produces
//! the same records, and the binary carries a few kilobytes of word lists instead of megabytes
//! of text. The records are fictional: see [the crate docs](crate) for what they hold.
//!
//! Whoever caches an index of the demo keys it by [`DEMO_VERSION`]. A change to the generator
//! changes the demo; the test that pins demo facts then fails, and the fix is to update the
//! pins and bump [`DEMO_VERSION`].
//!
//! ```
//! let first = raad_corpus::demo::demo_records().next().unwrap();
//! assert_eq!(first.id, "2013_MV_00001");
//! ```

use raad_core::Record;

use crate::{Domain, GeneratorBuilder};

/// The seed of the demo corpus.
pub const DEMO_SEED: u64 = 2016;

/// The number of records in the demo corpus.
pub const DEMO_RECORDS: u64 = 3_000;

/// The version of the demo corpus; it changes whenever the records change.
pub const DEMO_VERSION: u32 = 3;

/// The records of the demo corpus, in date order, without topics (topics are assigned when
/// they are indexed, as for any corpus without them).
pub fn demo_records() -> impl ExactSizeIterator<Item = Record> {
    demo_builder().build().map(|generated| generated.record)
}

/// The records of the demo corpus with the policy domain each was written about.
pub fn demo_records_with_domains() -> impl ExactSizeIterator<Item = (Record, Domain)> {
    demo_builder()
        .build()
        .map(|generated| (generated.record, generated.domain))
}

fn demo_builder() -> GeneratorBuilder {
    let mut builder = GeneratorBuilder::new();
    builder.records(DEMO_RECORDS).seed(DEMO_SEED);
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pins the demo corpus. When the generator changes on purpose, update these facts and
    /// bump [`DEMO_VERSION`] so that cached demo indices are rebuilt.
    #[test]
    fn demo_facts_are_pinned() {
        let all: Vec<(Record, Domain)> = demo_records_with_domains().collect();
        assert_eq!(all.len(), 3_000);
        let (first, first_domain) = &all[0];
        assert_eq!(*first_domain, Domain::Veiligheid);
        assert_eq!(first.alderman.as_deref(), Some("Burgemeester"));
        assert_eq!(first.id, "2013_MV_00001");
        assert_eq!(
            first.date.map(|d| d.to_string()).as_deref(),
            Some("2013-01-07")
        );
        assert_eq!(first.councillors[0].name, "Karim De Vos");
        assert_eq!(first.councillors[0].party.as_deref(), Some("N-VA"));
        let (last, last_domain) = &all[all.len() - 1];
        assert_eq!(last.id, "2026_MV_00098");
        assert_eq!(*last_domain, Domain::MilieuKlimaat);
        assert_eq!(last.alderman.as_deref(), Some("Stefaan Roels"));

        let count = |keep: &dyn Fn(&Record, Domain) -> bool| {
            all.iter()
                .filter(|(record, domain)| keep(record, *domain))
                .count()
        };
        assert_eq!(count(&|_, d| d == Domain::Mobiliteit), 545);
        assert_eq!(count(&|r, _| r.answer.is_none()), 311);
        assert_eq!(
            count(&|r, _| r
                .councillors
                .iter()
                .any(|c| c.party.as_deref() == Some("N-VA"))),
            898
        );
        let text_bytes: usize = all
            .iter()
            .flat_map(|(r, _)| [&r.title, &r.question, &r.answer])
            .flatten()
            .map(String::len)
            .sum();
        assert_eq!(text_bytes, TEXT_BYTES);
    }

    const TEXT_BYTES: usize = 2_391_833;

    #[test]
    fn demo_answers_the_searches_of_the_readme() {
        let mentions = |word: &str, domain: Domain| {
            demo_records_with_domains()
                .filter(|(record, d)| {
                    *d == domain
                        && [&record.title, &record.question, &record.answer]
                            .into_iter()
                            .flatten()
                            .any(|text| text.contains(word))
                })
                .count()
        };
        assert!(mentions("fietspaden", Domain::Mobiliteit) >= 20);
        assert!(mentions("kinderopvang", Domain::Onderwijs) >= 20);
        assert!(demo_records().all(|record| record.topics.is_empty()));
    }
}
