//! The analyzers the harness compares, by name.

use std::fmt;
use std::str::FromStr;

use raad_core::analysis::{self, ApostropheFilter, CompoundFilter, DutchStemmer, WordTokenizer};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer,
};

use super::HarnessError;

/// An analyzer for the Dutch text fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnalyzerChoice {
    /// raad's Dutch analyzer, as indexes use it.
    Raad,
    /// What a Rust developer assembles from tantivy's own pieces: SimpleTokenizer,
    /// RemoveLongFilter(40), LowerCaser, AsciiFoldingFilter, StopWordFilter(Dutch),
    /// Stemmer(Dutch).
    TantivyDutch,
    /// tantivy's `default` analyzer: SimpleTokenizer, RemoveLongFilter(40), LowerCaser.
    TantivyDefault,
    /// raad's analyzer with tantivy's Dutch stemmer (Snowball 3) instead of rust-stemmers and
    /// its exception table: the measurement behind the stemmer choice.
    RaadSnowball3,
    /// raad's analyzer without compound splitting.
    RaadNoCompounds,
}

impl AnalyzerChoice {
    /// Every choice, in the order `--help` lists them.
    pub const ALL: [AnalyzerChoice; 5] = [
        AnalyzerChoice::Raad,
        AnalyzerChoice::TantivyDutch,
        AnalyzerChoice::TantivyDefault,
        AnalyzerChoice::RaadSnowball3,
        AnalyzerChoice::RaadNoCompounds,
    ];

    /// The name used on the command line and in the result line.
    pub fn name(self) -> &'static str {
        match self {
            AnalyzerChoice::Raad => "raad",
            AnalyzerChoice::TantivyDutch => "tantivy-dutch",
            AnalyzerChoice::TantivyDefault => "tantivy-default",
            AnalyzerChoice::RaadSnowball3 => "raad-snowball3",
            AnalyzerChoice::RaadNoCompounds => "raad-nocompounds",
        }
    }

    /// A fresh analyzer of this choice.
    pub fn analyzer(self) -> TextAnalyzer {
        match self {
            AnalyzerChoice::Raad => analysis::dutch_analyzer(),
            AnalyzerChoice::TantivyDutch => tantivy_dutch(),
            AnalyzerChoice::TantivyDefault => TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .build(),
            AnalyzerChoice::RaadSnowball3 => raad_front()
                .filter(CompoundFilter)
                .filter(Stemmer::new(Language::Dutch))
                .build(),
            AnalyzerChoice::RaadNoCompounds => raad_front().filter(DutchStemmer).build(),
        }
    }
}

/// The tantivy-dutch baseline pipeline.
pub fn tantivy_dutch() -> TextAnalyzer {
    let stop_words =
        StopWordFilter::new(Language::Dutch).unwrap_or_else(|| StopWordFilter::remove(Vec::new()));
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(stop_words)
        .filter(Stemmer::new(Language::Dutch))
        .build()
}

/// raad's pipeline up to and including the stop words.
fn raad_front() -> tantivy::tokenizer::TextAnalyzerBuilder<impl tantivy::tokenizer::Tokenizer> {
    TextAnalyzer::builder(WordTokenizer::text())
        .filter(ApostropheFilter)
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            analysis::stopwords::dutch_stop_words(),
        ))
}

impl fmt::Display for AnalyzerChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for AnalyzerChoice {
    type Err = HarnessError;

    fn from_str(given: &str) -> Result<AnalyzerChoice, HarnessError> {
        AnalyzerChoice::ALL
            .into_iter()
            .find(|choice| choice.name() == given)
            .ok_or_else(|| HarnessError::UnknownChoice {
                what: "analyzer",
                given: given.to_string(),
                valid: AnalyzerChoice::ALL.map(AnalyzerChoice::name).join(", "),
            })
    }
}
