//! Text analysis: the tokenizer pipelines raad registers with tantivy.
//!
//! The schema refers to pipelines by name; these constants are the only place the names are
//! written, and [`register_analyzers`] is the one function that indexer and searcher both call.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, TokenizerManager,
};

/// The Dutch pipeline for title, question and answer text.
pub const DUTCH: &str = "raad_dutch";
/// The pipeline for names of people and parties: words, lower case, no accents, no stemming.
pub const NAMES: &str = "raad_names";

/// Version of the analyzers. An index written with another version must be rebuilt.
pub const ANALYZER_VERSION: u32 = 1;

/// The Dutch analyzer for council text.
pub fn dutch_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::Dutch))
        .build()
}

/// The analyzer for names.
pub fn names_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers every raad pipeline under its name. Call it on each index before writing or
/// searching: `register_analyzers(index.tokenizers())`.
pub fn register_analyzers(manager: &TokenizerManager) {
    manager.register(DUTCH, dutch_analyzer());
    manager.register(NAMES, names_analyzer());
}
