//! Dutch clitics and apostrophes: `camera's` → `camera`, `zo'n` → `zo`, `O'Neill` → `ONeill`.
//!
//! UAX #29 keeps an apostrophe between letters inside the word. In Dutch such an apostrophe
//! mostly marks a plural or genitive `'s` (`baby's`, `auto's`) or a clitic (`zo'n`, `z'n`),
//! whose short tail carries no meaning for search, so a tail of at most two letters is dropped;
//! any other apostrophe is removed so the word is found without it. A leading `'s`
//! (`'s ochtends`) is not part of a word for UAX #29 and becomes the word `s`, which the stop
//! list removes.

use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The longest tail after an apostrophe that is dropped as a clitic (`'s`, `'n`, `'tje` is not).
const MAX_CLITIC_CHARS: usize = 2;

/// Token filter that drops clitic tails (`'s`, `'n`, `'t`) and removes other apostrophes.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApostropheFilter;

impl TokenFilter for ApostropheFilter {
    type Tokenizer<T: Tokenizer> = ApostropheFilterWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ApostropheFilterWrapper<T> {
        ApostropheFilterWrapper {
            inner: tokenizer,
            buffer: String::new(),
        }
    }
}

/// The tokenizer that [`ApostropheFilter`] wraps around another.
#[derive(Debug, Clone)]
pub struct ApostropheFilterWrapper<T> {
    inner: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for ApostropheFilterWrapper<T> {
    type TokenStream<'a> = ApostropheTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ApostropheTokenStream {
            tail: self.inner.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

/// The token stream of [`ApostropheFilter`].
pub struct ApostropheTokenStream<'a, T> {
    tail: T,
    buffer: &'a mut String,
}

impl<T: TokenStream> TokenStream for ApostropheTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if token.text.contains(is_apostrophe) {
            without_apostrophes(&token.text, self.buffer);
            mem::swap(&mut token.text, self.buffer);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Writes `word` without its clitic tail or apostrophes into `out`.
fn without_apostrophes(word: &str, out: &mut String) {
    out.clear();
    let mut kept = word;
    if let Some(at) = word.rfind(is_apostrophe) {
        let tail = &word[at..];
        let tail_chars = tail.chars().count() - 1;
        if (1..=MAX_CLITIC_CHARS).contains(&tail_chars) && at > 0 {
            kept = &word[..at];
        }
    }
    out.extend(kept.chars().filter(|&c| !is_apostrophe(c)));
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};

    use super::*;

    #[test]
    fn clitic_tails_are_dropped_other_apostrophes_removed() {
        let mut analyzer = TextAnalyzer::builder(WhitespaceTokenizer::default())
            .filter(ApostropheFilter)
            .build();
        let cases = [
            ("camera's", "camera"),
            ("baby's", "baby"),
            ("auto’s", "auto"),
            ("zo'n", "zo"),
            ("O'Neill", "ONeill"),
            ("school", "school"),
        ];
        for (input, expected) in cases {
            let mut stream = analyzer.token_stream(input);
            let token = stream.next().map(|token| token.text.clone());
            assert_eq!(token.as_deref(), Some(expected), "{input}");
        }
    }
}
