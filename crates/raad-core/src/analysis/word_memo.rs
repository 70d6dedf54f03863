//! The Dutch filters' result remembered per word: council text says the same words over and
//! over, and one lookup costs a fraction of what the filters do for a word (apostrophes, lower
//! case, folding, the stop list, the compound splitter's and the stemmer's own lookups).
//!
//! What is remembered is a position: a word, or a hyphenated group's whole and parts, which the
//! tokenizer gives at one position and the compound filter reads together (it does not repeat
//! a part that the group gives already). Filters only copy positions and offsets, never compute
//! them (tantivy's `Token` contract), and none looks beyond a position, so the tokens a
//! position's words become are the same wherever the words stand. The test
//! `remembered_tokens_are_the_filters_tokens` checks it against the filters run on every token.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::word_tokenizer::{WordTokenStream, WordTokenizer};

/// Positions remembered before the memory is cleared (about 10 MB of words and results).
const MEMO_LIMIT: usize = 200_000;

/// What separates the words of one position in a memory key and in the text the filters are
/// run on: no word the tokenizer gives holds a control character.
const SEPARATOR: char = '\0';

/// A tokenizer that gives [`WordTokenizer`]'s words through `filters` (filters around
/// [`PositionWords`]) and remembers what each position's words became. Words with a digit
/// (numbers, dates, ids: most of a corpus's distinct words, each seen a few times) go through
/// the filters every time, so that the memory holds the words that recur.
#[derive(Clone)]
pub struct WordMemo<F> {
    words: WordTokenizer,
    filters: F,
    memo: Memo,
    group: Vec<Token>,
    key: String,
    token: Token,
}

impl<F: Tokenizer> WordMemo<F> {
    /// `words`' tokens through `filters`, which must be token filters around
    /// [`PositionWords`].
    pub fn new(words: WordTokenizer, filters: F) -> WordMemo<F> {
        WordMemo {
            words,
            filters,
            memo: Memo::default(),
            group: Vec::new(),
            key: String::new(),
            token: Token::default(),
        }
    }
}

impl<F: Tokenizer> Tokenizer for WordMemo<F> {
    type TokenStream<'a> = WordMemoStream<'a, F>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordMemoStream<'a, F> {
        if self.memo.index.len() > MEMO_LIMIT {
            self.memo.clear();
        }
        self.memo.forget_passing();
        WordMemoStream {
            words: self.words.token_stream(text),
            filters: &mut self.filters,
            memo: &mut self.memo,
            group: &mut self.group,
            group_len: 0,
            key: &mut self.key,
            next: 0,
            end: 0,
            token: &mut self.token,
        }
    }
}

/// Remembered results: per key (a position's words), a range of `outputs`, each a range of
/// `texts` and the word of the position whose offsets it takes. Kept in three flat buffers so
/// that a hit allocates nothing and a miss allocates only its key. A position that is not
/// remembered puts its outputs after the remembered ones until the next position.
#[derive(Default)]
struct Memo {
    index: rustc_hash::FxHashMap<Box<str>, (u32, u32)>,
    outputs: Vec<Output>,
    texts: String,
    /// The lengths of `outputs` and `texts` that remembered positions fill.
    remembered: (usize, usize),
}

impl Memo {
    fn clear(&mut self) {
        self.index.clear();
        self.outputs.clear();
        self.texts.clear();
        self.remembered = (0, 0);
    }

    /// Drops the outputs of a position that is not remembered.
    fn forget_passing(&mut self) {
        self.outputs.truncate(self.remembered.0);
        self.texts.truncate(self.remembered.1);
    }
}

/// A memory is not copied with its tokenizer: tantivy clones a registered pipeline for each
/// use, and each copy builds the memory of the text it sees.
impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

#[derive(Clone, Copy)]
struct Output {
    from: u32,
    to: u32,
    /// The word of the position (0 for the first) whose offsets the token takes.
    word: u32,
}

/// The token stream of [`WordMemo`].
pub struct WordMemoStream<'a, F> {
    words: WordTokenStream<'a>,
    filters: &'a mut F,
    memo: &'a mut Memo,
    /// The words of the current position when it has several (a hyphenated group); only the
    /// first `group_len` are current, the others keep their buffers for later groups. A
    /// position of one word, nearly all of them, is read where `words` holds it.
    group: &'a mut Vec<Token>,
    group_len: usize,
    key: &'a mut String,
    /// The current position's outputs not handed out yet.
    next: usize,
    end: usize,
    token: &'a mut Token,
}

impl<F: Tokenizer> WordMemoStream<'_, F> {
    /// Reads the next position's words; false at the end of the text.
    fn read_position(&mut self) -> bool {
        self.group_len = 0;
        if !self.words.advance() {
            return false;
        }
        if self.words.next_shares_position() {
            self.push_word();
            while self.words.next_shares_position() && self.words.advance() {
                self.push_word();
            }
        }
        true
    }

    fn push_word(&mut self) {
        let word = self.words.token();
        if self.group.len() == self.group_len {
            self.group.push(word.clone());
        } else {
            let slot = &mut self.group[self.group_len];
            slot.offset_from = word.offset_from;
            slot.offset_to = word.offset_to;
            slot.position = word.position;
            slot.position_length = word.position_length;
            slot.text.clone_from(&word.text);
        }
        self.group_len += 1;
    }

    /// Finds (or makes) what the current position's words become.
    fn look_up(&mut self) {
        let key: &str = if self.group_len == 0 {
            &self.words.token().text
        } else {
            self.key.clear();
            for (i, word) in self.group[..self.group_len].iter().enumerate() {
                if i > 0 {
                    self.key.push(SEPARATOR);
                }
                self.key.push_str(&word.text);
            }
            self.key
        };
        self.memo.forget_passing();
        let remember = !key.bytes().any(|byte| byte.is_ascii_digit());
        if remember {
            if let Some(&(next, end)) = self.memo.index.get(key) {
                (self.next, self.end) = (next as usize, end as usize);
                return;
            }
        }
        let first = self.memo.outputs.len();
        let mut stream = self.filters.token_stream(key);
        while stream.advance() {
            let token = stream.token();
            let from = self.memo.texts.len() as u32;
            self.memo.texts.push_str(&token.text);
            self.memo.outputs.push(Output {
                from,
                to: self.memo.texts.len() as u32,
                word: token.offset_from as u32,
            });
        }
        drop(stream);
        let end = self.memo.outputs.len();
        if remember {
            self.memo
                .index
                .insert(key.into(), (first as u32, end as u32));
            self.memo.remembered = (end, self.memo.texts.len());
        }
        (self.next, self.end) = (first, end);
    }
}

impl<F: Tokenizer> TokenStream for WordMemoStream<'_, F> {
    fn advance(&mut self) -> bool {
        while self.next == self.end {
            if !self.read_position() {
                return false;
            }
            self.look_up();
        }
        let output = self.memo.outputs[self.next];
        self.next += 1;
        let word = match self.group_len {
            0 => self.words.token(),
            // A filter that made more tokens than the position has words is not among raad's;
            // its tokens would take the last word's offsets.
            len => &self.group[(output.word as usize).min(len - 1)],
        };
        self.token.offset_from = word.offset_from;
        self.token.offset_to = word.offset_to;
        self.token.position = word.position;
        self.token.position_length = word.position_length;
        self.token.text.clear();
        self.token
            .text
            .push_str(&self.memo.texts[output.from as usize..output.to as usize]);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The tokenizer under [`WordMemo`]'s filters: the words of one position, separated by NUL,
/// each a token at position 0 whose offsets are its index among them (so that a filter's
/// token, which keeps the offsets of the word it came from, says which word that was).
#[derive(Debug, Clone, Default)]
pub struct PositionWords {
    /// The token handed out, kept from one text to the next: words that are not remembered
    /// (those with digits) come through here one at a time.
    token: Token,
}

impl Tokenizer for PositionWords {
    type TokenStream<'a> = PositionWordsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PositionWordsStream<'a> {
        PositionWordsStream {
            words: text.split(SEPARATOR).enumerate(),
            token: &mut self.token,
        }
    }
}

/// The token stream of [`PositionWords`].
pub struct PositionWordsStream<'a> {
    words: std::iter::Enumerate<std::str::Split<'a, char>>,
    token: &'a mut Token,
}

impl TokenStream for PositionWordsStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((i, word)) = self.words.next() else {
            return false;
        };
        self.token.offset_from = i;
        self.token.offset_to = i;
        self.token.position = 0;
        self.token.position_length = 1;
        self.token.text.clear();
        self.token.text.push_str(word);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;
    use tantivy::tokenizer::TextAnalyzer;

    use super::super::{dutch_analyzer, dutch_filters};
    use super::*;

    /// Every token of `text` as (text, position, offset from, offset to).
    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tokens = Vec::new();
        analyzer.token_stream(text).process(&mut |token| {
            tokens.push((
                token.text.clone(),
                token.position,
                token.offset_from,
                token.offset_to,
            ))
        });
        tokens
    }

    /// The Dutch filters run on every token, as before the memory.
    fn each_word() -> TextAnalyzer {
        TextAnalyzer::from(dutch_filters(WordTokenizer::text()))
    }

    #[test]
    fn a_hyphenated_group_is_remembered_whole() {
        let text = "economie-initiatieven, economie-initiatieven en N-VA; N-VA's fietspaden";
        let mut memo = dutch_analyzer();
        let remembered = tokens(&mut memo, text);
        assert_eq!(remembered, tokens(&mut each_word(), text));
        // The group's parts are not repeated after the compound filter split the whole.
        let first: Vec<&str> = remembered
            .iter()
            .filter(|token| token.1 == 0)
            .map(|token| token.0.as_str())
            .collect();
        assert_eq!(first, ["economieinitiatief", "economie", "initiatief"]);
        // The second occurrence comes from the memory with its own offsets (parts take their
        // compound's).
        let second: Vec<(usize, usize)> = remembered
            .iter()
            .filter(|token| token.1 == 1)
            .map(|token| (token.2, token.3))
            .collect();
        assert_eq!(second, [(23, 44); 3]);
    }

    #[test]
    fn stop_words_leave_their_position_empty() {
        let text = "de vraag van de raad";
        let remembered = tokens(&mut dutch_analyzer(), text);
        let positions: Vec<(&str, usize)> = remembered
            .iter()
            .map(|token| (token.0.as_str(), token.1))
            .collect();
        assert_eq!(positions, [("vrag", 1), ("rad", 4)]);
    }

    #[test]
    fn a_full_memory_is_cleared_between_texts() {
        let mut memo = dutch_analyzer();
        assert_eq!(tokens(&mut memo, "gemeenteraad").len(), 3);
        // Distinct words without digits (which are not remembered): `w`, `wb`, `wc`, …
        let word = |mut i: usize| {
            let mut word = String::from("w");
            while i > 0 {
                word.push(char::from(b'a' + (i % 26) as u8));
                i /= 26;
            }
            word.push(' ');
            word
        };
        let words: String = (0..MEMO_LIMIT + 10).map(word).collect();
        tokens(&mut memo, &words);
        assert_eq!(
            tokens(&mut memo, "gemeenteraad"),
            [
                ("gemeenterad".to_string(), 0, 0, 12),
                ("gemeent".to_string(), 0, 0, 12),
                ("rad".to_string(), 0, 0, 12)
            ]
        );
    }

    #[test]
    fn words_with_digits_leave_nothing_behind() {
        let mut memo = WordMemo::new(
            WordTokenizer::text(),
            dutch_filters(PositionWords::default()),
        );
        for year in 2000..2100 {
            let text = format!("de begroting van {year}");
            let mut stream = memo.token_stream(&text);
            while stream.advance() {}
        }
        // Remembered: `begroting`'s one output (`de` and `van` are stop words, without
        // output); each year's output went when the next text began, the last one's is left
        // until the next text.
        assert_eq!(memo.memo.index.len(), 3);
        assert_eq!(memo.memo.outputs.len(), 2);
        memo.token_stream("");
        assert_eq!(memo.memo.outputs.len(), 1);
    }

    /// The records of the development corpus, when `../shared` is there: every text's tokens
    /// with and without the memory, through one analyzer each (so that the memory is warm).
    #[test]
    fn remembered_tokens_are_the_filters_tokens_on_parliament_text() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/dekamer-dev.jsonl");
        let Ok(corpus) = std::fs::read_to_string(&path) else {
            eprintln!("skipped: {} is absent", path.display());
            return;
        };
        let (mut memo, mut direct) = (dutch_analyzer(), each_word());
        let mut checked = 0;
        for line in corpus.lines().take(600) {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            for field in ["title", "question", "answer"] {
                if let Some(text) = record[field].as_str() {
                    assert_eq!(tokens(&mut memo, text), tokens(&mut direct, text), "{text}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 1_000, "{checked} texts");
    }

    proptest! {
        #[test]
        fn remembered_tokens_are_the_filters_tokens(
            texts in proptest::collection::vec(
                "([A-Za-z]{1,12}|[-.:'’&,_ 0-9]|\u{1F}|\u{0}|é|ë|ĳ|Ö|gemeente|raad|fietspaden|N-VA|economie-initiatieven|'s| ){0,40}",
                1..4,
            )
        ) {
            // Several texts through one analyzer: the memory carries from one to the next.
            let (mut memo, mut direct) = (dutch_analyzer(), each_word());
            for text in &texts {
                prop_assert_eq!(tokens(&mut memo, text), tokens(&mut direct, text));
            }
        }
    }
}
