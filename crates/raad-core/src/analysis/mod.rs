//! Text analysis: the tokenizer pipelines raad registers with tantivy.
//!
//! The schema refers to pipelines by name; these constants are the only place the names are
//! written, and [`register_analyzers`] is the one function that indexer and searcher both call,
//! so a text is analyzed the same way when it is indexed and when it is searched for.
//!
//! The Dutch pipeline ([`dutch_analyzer`]), stage by stage:
//!
//! 1. [`WordTokenizer`]: UAX #29 words; sentences glued by the PDF export split
//!    (`verdronken.Kunt`); hyphenated words whole and in parts (`N-VA` → `nva`, `n`, `va`);
//!    thousands without dots (`3.000` → `3000`); ids and decimal numbers whole.
//! 2. [`ApostropheFilter`]: `camera's` → `camera`.
//! 3. tantivy's `RemoveLongFilter` (40 bytes), `LowerCaser` and `AsciiFoldingFilter`
//!    (`coöperatie` → `cooperatie`).
//! 4. tantivy's `StopWordFilter` with [`stopwords::dutch_stop_words`]; positions are kept.
//! 5. [`CompoundFilter`]: compounds followed by their parts at the same position
//!    (`stadsbestuur` → `stadsbestuur`, `stad`, `bestuur`).
//! 6. [`DutchStemmer`]: Snowball Dutch with an exception table (`leden` → `lid`); verb forms
//!    first go back to their infinitive ([`verb_forms`]: `overlegd`, `overlegde` → `overleggen`),
//!    and a stem ends as in a closed syllable (`overleggen` → `overleg`, `brieven` → `brief`);
//!    plurals Snowball leaves whole go to their singular ([`plurals`]: `controles`, `acties`,
//!    `categorieën` → `controle`, `actie`, `categorie`), and a plural in `-sen` gets its
//!    singular's stem (`artsen`, `arts` → `art`); a noun in `-atie` gets its verb's stem
//!    ([`verb_nouns`]: `evaluatie`, `geëvalueerd` → `evaluer`).
//!
//! Stages 2 to 6 run once per distinct word an analyzer meets: it remembers what they made of
//! each word (without digits) and hands that out again, which is what makes indexing council
//! text, where a few thousand words make up most of every record, cheap.
//!
//! ```
//! let words: Vec<String> =
//!     raad_core::analysis::analyze("De fietspaden van N-VA").into_iter().map(|t| t.text).collect();
//! assert_eq!(words, ["fietspad", "fiet", "pad", "nva", "va"]);
//! ```

mod apostrophe_filter;
mod compound_filter;
mod dutch_stemmer;
pub mod lexicon;
mod plurals;
mod pre_analyzed;
pub mod stopwords;
pub mod verb_forms;
mod verb_nouns;
mod word_bounds;
mod word_memo;
mod word_tokenizer;

use serde::Serialize;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, StopWordFilter, TextAnalyzer, TokenFilter,
    Tokenizer, TokenizerManager,
};

pub use apostrophe_filter::{ApostropheFilter, ApostropheFilterWrapper, ApostropheTokenStream};
pub use compound_filter::{
    split_compound, CompoundFilter, CompoundFilterWrapper, CompoundTokenStream,
};
pub use dutch_stemmer::{
    exception_stem, DutchStemmer, DutchStemmerFilter, DutchStemmerTokenStream,
};
pub use pre_analyzed::{
    PreAnalyzed, PreAnalyzedBuilder, PreAnalyzedOr, PreAnalyzedOrStream, ReadTokens,
    PRE_ANALYZED_PREFIX,
};
pub use word_tokenizer::{WordTokenStream, WordTokenizer, SECTION_MARKER};

/// The Dutch pipeline for title, question and answer text.
pub const DUTCH: &str = "raad_dutch";
/// The pipeline for names of people and parties: words, lower case, no accents, no stemming.
pub const NAMES: &str = "raad_names";

/// Version of the analyzers. An index written with another version must be rebuilt.
pub const ANALYZER_VERSION: u32 = 7;

/// Tokens longer than this (in bytes) are dropped: no Dutch word is that long, and such
/// tokens are runs of symbols or glued URLs.
const MAX_TOKEN_LEN: usize = 40;

/// The Dutch analyzer for council text (see the module documentation for its stages). It
/// remembers what each word became (`word_memo`), so a word seen before costs one lookup.
pub fn dutch_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(word_memo::WordMemo::new(
        WordTokenizer::text(),
        dutch_filters(word_memo::PositionWords::default()),
    ))
}

/// The Dutch filters over `words`' tokens, without a box between them: [`WordMemo`] runs them
/// on each word it has not seen yet.
///
/// [`WordMemo`]: word_memo::WordMemo
fn dutch_filters<T: Tokenizer>(words: T) -> impl Tokenizer {
    let words = ApostropheFilter.transform(words);
    let words = RemoveLongFilter::limit(MAX_TOKEN_LEN).transform(words);
    let words = LowerCaser.transform(words);
    let words = AsciiFoldingFilter.transform(words);
    let words = StopWordFilter::remove(stopwords::dutch_stop_words()).transform(words);
    let words = CompoundFilter.transform(words);
    DutchStemmer.transform(words)
}

/// The analyzer of the `body` field, registered as [`DUTCH`]: the Dutch analyzer, which a
/// [`PreAnalyzed`] text (analyzed once already, by the indexer) skips.
pub fn body_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(PreAnalyzedOr::new(dutch_analyzer()))
}

/// The analyzer for names: words with hyphen, dot and `&` groups whole and in parts
/// (`N-VA` → `nva`, `n`, `va`; `sp.a` → `spa`, `sp`, `a`), lower case, no accents.
pub fn names_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::names())
        .filter(ApostropheFilter)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers every raad pipeline under its name. Call it on each index before writing or
/// searching: `register_analyzers(index.tokenizers())`.
pub fn register_analyzers(manager: &TokenizerManager) {
    manager.register(DUTCH, body_analyzer());
    manager.register(NAMES, names_analyzer());
}

/// One token as the Dutch analyzer produces it: what `raad analyze` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnalyzedToken {
    /// The indexed term.
    pub text: String,
    /// The word position; compound parts share the position of their compound.
    pub position: usize,
    /// Byte offset in the input where the token's word starts.
    pub offset_from: usize,
    /// Byte offset in the input just after the token's word.
    pub offset_to: usize,
}

/// Runs the Dutch analyzer over `text` and returns its tokens in order.
pub fn analyze(text: &str) -> Vec<AnalyzedToken> {
    let mut analyzer = dutch_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    stream.process(&mut |token| {
        tokens.push(AnalyzedToken {
            text: token.text.clone(),
            position: token.position,
            offset_from: token.offset_from,
            offset_to: token.offset_to,
        });
    });
    tokens
}
