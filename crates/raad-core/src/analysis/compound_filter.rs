//! Compound splitting: a Dutch compound is indexed whole and as its parts, at one position.
//!
//! `stadsbestuur` → `stadsbestuur`, `stad`, `bestuur`; so a search for `bestuur` finds it, and
//! a search for `stadsbestuur` still ranks the exact word first. Splits are chosen the way
//! Koehn & Knight (2003) do: among the ways to cut the word into known words, with the linking
//! letters `s`, `e` or `en` between parts, take the one whose parts are most frequent
//! (geometric mean of their frequencies) and split only if that is not much rarer than the
//! word itself (the lexicon counts parliamentary text, where a subject's compounds are nearly
//! as frequent as their parts: see [`WHOLE_MARGIN_CB`]). A part's frequency is that of its
//! inflection family (`huis` with `huizen`), so that a thin count is not mistaken for a rare
//! word. A word that merely looks like a compound stays whole: a cut where a consonant meets a
//! vowel needs more evidence (`kantoren` is not `kant` + `oren`), and function words and
//! affixes are never parts (`overleg` is not `over` + `leg`, `aanvraag` not `aan` + `vraag`,
//! `belangrijk` not `belang` + `rijk`). Inflection comes before composition: an inflected word
//! is split as its base form is, its ending left on the last part (`fietspaden` → `fiets`,
//! `paden`), so a plural ending is never taken for a word (`vennootschappen` stays whole).
//!
//! Frequencies are in centibels (see [`crate::analysis::lexicon`]), where the geometric mean of
//! frequencies is the arithmetic mean of centibels.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::dutch_stemmer::exception_stem;
use super::lexicon::{Entry, Lexicon};
use super::stopwords::SNOWBALL_DUTCH;

/// Shortest word that is tried (in bytes; compounds shorter than this are rare).
const MIN_WORD_LEN: usize = 7;
/// Shortest part.
pub(super) const MIN_PART_LEN: usize = 3;
/// Most parts in one split.
const MAX_PARTS: usize = 3;
/// Frequency given to a word of the word list that the corpus lacks (rarer than every
/// counted word).
const UNLISTED_CB: u32 = 850;
/// How much rarer (in centibels) than the whole word the parts of a split may be on average.
/// The frequencies are counted in parliamentary text, where the compounds of its subjects are
/// about as frequent as their parts (`grensarbeiders`, `ziekenhuizen`); in general text they
/// are much rarer. Words that only look like compounds are kept whole by the boundary
/// penalties below and by [`NOT_PARTS`] rather than by their frequency alone.
const WHOLE_MARGIN_CB: u32 = 100;
/// Frequency given to a word the lexicon lacks altogether.
const ABSENT_CB: u32 = 900;
/// Extra cost of a boundary where a part ending in a consonant meets a part starting with a
/// vowel (`kant|oren`): Dutch syllables take that consonant into the next syllable, so such a
/// cut is usually not a word boundary, and needs more frequency evidence.
const VOWEL_HEAD_CB: u32 = 100;
/// Extra cost of each part beyond two: the mean frequency of many short words is high, and
/// without it `dinsdagnamiddag` would rather be `din` + `dag` + `namiddag`.
const EXTRA_PART_CB: u32 = 50;
/// Extra cost of a part of the shortest length: many three-letter strings are words by
/// chance (`best|rij|ding`, `pand|mie`), so they need more evidence.
const SHORT_PART_CB: u32 = 50;
/// Linking elements allowed after a part that is not the last, with their extra cost: since
/// the 1995 spelling reform `-e-` links few compounds, and it makes spurious cuts of plurals
/// in `-en` (`schep|e|nen`).
const LINKS: [(&[u8], u32); 4] = [(b"", 0), (b"s", 0), (b"en", 0), (b"e", 50)];
/// Affixes and particles that are words in the lexicon but never a part of a compound; `rijk`
/// is mostly the adjective suffix (`belangrijk`, `talrijk`, `kansrijk`).
const NOT_PARTS: &[&str] = &[
    "aar", "aars", "achter", "atie", "aties", "baar", "bare", "binnen", "boven", "buiten", "den",
    "des", "eer", "end", "ende", "ers", "erij", "heden", "heid", "her", "ing", "ingen", "isch",
    "ische", "lijk", "lijke", "ling", "lingen", "mee", "neer", "ont", "rijk", "rijke", "rond",
    "samen", "schap", "sinds", "teit", "ten", "ter", "terug", "tig", "tje", "tjes", "toe", "ver",
    "voort",
];
/// Splits remembered by one filter before its memory is cleared.
const CACHE_LIMIT: usize = 100_000;

/// One part of a compound, as a byte range of the word.
type Part = (u8, u8);

/// The parts of `word` (lower-case ASCII letters) as slices of it, linking letters excluded,
/// or `None` when it stays whole.
pub fn split_compound(word: &str) -> Option<Vec<&str>> {
    let parts = best_split(Lexicon::embedded(), word.as_bytes())?;
    Some(
        parts
            .iter()
            .map(|&(from, to)| &word[from as usize..to as usize])
            .collect(),
    )
}

fn best_split(lexicon: &Lexicon, word: &[u8]) -> Option<Vec<Part>> {
    if word.len() < MIN_WORD_LEN || word.len() > usize::from(u8::MAX) {
        return None;
    }
    if !word.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    // The stemmer's exception table lists simple words with irregular forms (`goederen`).
    if std::str::from_utf8(word).is_ok_and(|word| exception_stem(word).is_some()) {
        return None;
    }
    // Morphology before decompounding: an inflected form is split as its base form is, the
    // ending staying on the last part (`fietspaden` as `fietspad`: `fiets`, `paden`), so
    // that a plural ending is never taken for a part (`vennootschap` + `pen`).
    let Inflection { whole_cb, base } = inflection(lexicon, word);
    let Some(base) = base else {
        let mut parts = split_whole(lexicon, word, whole_cb)?;
        keep_plural_s(lexicon, word, &mut parts);
        return Some(parts);
    };
    let shared = base.iter().zip(word).take_while(|(a, b)| a == b).count();
    let mut parts = split_whole(lexicon, &base, whole_cb)?;
    let last = parts.last_mut()?;
    if usize::from(last.0) > shared {
        return None;
    }
    last.1 = word.len() as u8;
    keep_plural_s(lexicon, word, &mut parts);
    Some(parts)
}

/// A part in `-en` before a linking `s` keeps the `s` when it is a word with it: the plural
/// noun `gegevens` heads `gegevensbescherming`, not the participle `gegeven` (which the
/// stemmer takes for a form of `geven`). Other such parts stem alike with and without it
/// (`levens|duur`, `leven`: see [`super::plurals`]).
fn keep_plural_s(lexicon: &Lexicon, word: &[u8], parts: &mut [Part]) {
    for at in 1..parts.len() {
        let (from, to) = parts[at - 1];
        let (from, to) = (usize::from(from), usize::from(to));
        let linked_by_s = usize::from(parts[at].0) == to + 1 && word.get(to) == Some(&b's');
        if linked_by_s && word[from..to].ends_with(b"en") && lexicon.is_counted(&word[from..=to]) {
            parts[at - 1].1 += 1;
        }
    }
}

/// What the lexicon says about a word as a whole.
struct Inflection {
    /// The frequency of the word as a whole: its own, or that of its base form when that is
    /// more frequent. An inflected form is rarer than its base form and should not lose to a
    /// chance split because of it: `gevangenissen` is not `gevangenis` + `sen`, `kantoren`
    /// (of `kantoor`) not `kant` + `oren`.
    whole_cb: u32,
    /// The base form of an inflected word (`fietspaden` → `fietspad`, `kantoren` →
    /// `kantoor`), when the word list has it.
    base: Option<Vec<u8>>,
}

fn inflection(lexicon: &Lexicon, word: &[u8]) -> Inflection {
    let cb = |entry: Option<Entry>| match entry {
        Some(entry) => entry.centibels.map_or(UNLISTED_CB, u32::from),
        None => ABSENT_CB,
    };
    let mut whole_cb = cb(lexicon.get(word));
    let mut base = None;
    for ending in [&b"en"[..], b"s", b"e"] {
        let Some(stem) = word.strip_suffix(ending) else {
            continue;
        };
        for form in base_forms(stem) {
            let entry = lexicon.get(&form);
            whole_cb = whole_cb.min(cb(entry));
            if base.is_none() && entry.is_some_and(|entry| entry.valid_part) {
                base = Some(form);
            }
        }
    }
    Inflection { whole_cb, base }
}

/// The best split of a word taken as it is, if its parts are more frequent than `whole_cb`.
fn split_whole(lexicon: &Lexicon, word: &[u8], whole_cb: u32) -> Option<Vec<Part>> {
    let mut search = Search {
        lexicon,
        word,
        parts: Vec::new(),
        best: None,
    };
    search.extend(0, 0);
    let (cost, parts) = search.best?;
    (cost < whole_cb + WHOLE_MARGIN_CB).then_some(parts)
}

/// The spellings a word's stem may have once an ending is removed: as it is, with a doubled
/// consonant made single (`gevangeniss` → `gevangenis`), with `z`/`v` back to `s`/`f`
/// (`huiz` → `huis`, `briev` → `brief`), and with the long vowel that Dutch spells single in
/// an open syllable written double (`kantor` → `kantoor`).
fn base_forms(base: &[u8]) -> Vec<Vec<u8>> {
    let mut forms = vec![base.to_vec()];
    let [.., before, last] = base else {
        return forms;
    };
    if before == last && !is_vowel(*last) {
        forms.push(base[..base.len() - 1].to_vec());
        return forms;
    }
    let devoiced = match last {
        b'z' => b's',
        b'v' => b'f',
        other => *other,
    };
    let mut stem = base[..base.len() - 1].to_vec();
    stem.push(devoiced);
    if devoiced != *last {
        forms.push(stem.clone());
    }
    if matches!(before, b'a' | b'e' | b'o' | b'u') && !is_vowel(*last) {
        stem.insert(stem.len() - 1, *before);
        forms.push(stem);
    }
    forms
}

fn is_vowel(byte: u8) -> bool {
    matches!(byte, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Depth-first search over the ways to cut a word; keeps the cheapest complete split.
struct Search<'a> {
    lexicon: &'a Lexicon,
    word: &'a [u8],
    /// Parts chosen so far, with the centibels of each and the penalty of the boundary
    /// before it.
    parts: Vec<(Part, u32, u32)>,
    /// The cheapest split found: mean centibels per part plus boundary penalties, and its
    /// parts.
    best: Option<(u32, Vec<Part>)>,
}

impl Search<'_> {
    fn extend(&mut self, start: usize, penalty: u32) {
        let rest = &self.word[start..];
        let mut candidates: Vec<(usize, Entry)> = Vec::new();
        self.lexicon
            .for_each_prefix(rest, |len, entry| candidates.push((len, entry)));
        for (len, entry) in candidates {
            // A part's frequency is that of its inflection family, estimated for the words of
            // the word list that the corpus lacks; other words are no parts.
            let Some(cb) = entry.part_centibels.map(u32::from) else {
                continue;
            };
            if len < MIN_PART_LEN || !entry.valid_part || !is_part(&rest[..len]) {
                continue;
            }
            let end = start + len;
            let short = if len == MIN_PART_LEN {
                SHORT_PART_CB
            } else {
                0
            };
            self.parts
                .push(((start as u8, end as u8), cb, penalty + short));
            if end == self.word.len() {
                if self.parts.len() > 1 {
                    self.consider();
                }
            } else if self.parts.len() < MAX_PARTS {
                for (link, link_cb) in LINKS {
                    if self.word[end..].starts_with(link) && end + link.len() < self.word.len() {
                        let next = end + link.len();
                        let penalty =
                            link_cb + boundary_penalty(self.word[next - 1], self.word[next]);
                        self.extend(next, penalty);
                    }
                }
            }
            self.parts.pop();
        }
    }

    fn consider(&mut self) {
        let total: u32 = self.parts.iter().map(|(_, cb, _)| cb).sum();
        let penalties: u32 = self.parts.iter().map(|(_, _, penalty)| penalty).sum();
        let extra_parts = self.parts.len().saturating_sub(2) as u32;
        let cost = total / self.parts.len() as u32 + penalties + extra_parts * EXTRA_PART_CB;
        if self.best.as_ref().is_none_or(|(best, _)| cost < *best) {
            self.best = Some((cost, self.parts.iter().map(|(part, _, _)| *part).collect()));
        }
    }
}

fn boundary_penalty(last: u8, first: u8) -> u32 {
    if !is_vowel(last) && is_vowel(first) {
        VOWEL_HEAD_CB
    } else {
        0
    }
}

/// Whether a word of the lexicon may be a part: not an affix, particle or stop word.
fn is_part(part: &[u8]) -> bool {
    static EXCLUDED: OnceLock<FxHashSet<&'static [u8]>> = OnceLock::new();
    let excluded = EXCLUDED.get_or_init(|| {
        NOT_PARTS
            .iter()
            .chain(SNOWBALL_DUTCH)
            .map(|word| word.as_bytes())
            .collect()
    });
    !excluded.contains(part)
}

/// Token filter that follows each compound by its parts, at the same position and offsets.
#[derive(Debug, Clone, Copy, Default)]
pub struct CompoundFilter;

impl TokenFilter for CompoundFilter {
    type Tokenizer<T: Tokenizer> = CompoundFilterWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CompoundFilterWrapper<T> {
        CompoundFilterWrapper {
            inner: tokenizer,
            cache: FxHashMap::default(),
        }
    }
}

/// The tokenizer that [`CompoundFilter`] wraps around another. It remembers the splits of
/// the words it has seen, since council text repeats its long words often.
#[derive(Clone)]
pub struct CompoundFilterWrapper<T> {
    inner: T,
    cache: FxHashMap<String, Option<Vec<Part>>>,
}

impl<T: Tokenizer> Tokenizer for CompoundFilterWrapper<T> {
    type TokenStream<'a> = CompoundTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.cache.len() > CACHE_LIMIT {
            self.cache.clear();
        }
        CompoundTokenStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
            part: Token::default(),
            on_part: false,
            whole: String::new(),
            parts: Vec::new(),
            emitted: String::new(),
            emitted_ends: Vec::new(),
            split_position: usize::MAX,
            next_part: 0,
        }
    }
}

/// The token stream of [`CompoundFilter`].
pub struct CompoundTokenStream<'a, T> {
    tail: T,
    cache: &'a mut FxHashMap<String, Option<Vec<Part>>>,
    /// The current token when it is a part.
    part: Token,
    /// Whether the current token is `part` rather than the tail's token.
    on_part: bool,
    /// The tail's current token as it came, before later filters changed it in place.
    whole: String,
    /// Parts of `whole` still to hand out.
    parts: Vec<Part>,
    /// Parts already handed out at `split_position`: a hyphenated word's parts come again
    /// from the tokenizer after the split of the whole, and are not repeated. They are kept
    /// one after the other in `emitted`, their ends in `emitted_ends`: no allocation per part.
    emitted: String,
    emitted_ends: Vec<usize>,
    split_position: usize,
    next_part: usize,
}

impl<T: TokenStream> TokenStream for CompoundTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        if let Some(&(from, to)) = self.parts.get(self.next_part) {
            self.next_part += 1;
            let whole = self.tail.token();
            self.part.offset_from = whole.offset_from;
            self.part.offset_to = whole.offset_to;
            self.part.position = whole.position;
            self.part.position_length = whole.position_length;
            self.part.text.clear();
            self.part
                .text
                .push_str(&self.whole[usize::from(from)..usize::from(to)]);
            self.on_part = true;
            return true;
        }
        loop {
            if !self.tail.advance() {
                return false;
            }
            let token = self.tail.token();
            if token.position != self.split_position {
                self.emitted.clear();
                self.emitted_ends.clear();
                break;
            }
            if !was_emitted(&self.emitted, &self.emitted_ends, &token.text) {
                break;
            }
        }
        self.parts.clear();
        self.next_part = 0;
        let text = &self.tail.token().text;
        if text.len() >= MIN_WORD_LEN {
            let split = match self.cache.get(text) {
                Some(split) => split,
                None => {
                    let split = best_split(Lexicon::embedded(), text.as_bytes());
                    self.cache.entry(text.clone()).or_insert(split)
                }
            };
            if let Some(split) = split {
                self.whole.clone_from(text);
                self.split_position = self.tail.token().position;
                for &part in split {
                    let part_text = &text[usize::from(part.0)..usize::from(part.1)];
                    if !was_emitted(&self.emitted, &self.emitted_ends, part_text) {
                        self.emitted.push_str(part_text);
                        self.emitted_ends.push(self.emitted.len());
                        self.parts.push(part);
                    }
                }
            }
        }
        // The whole word comes first: it is the tail's own token.
        self.on_part = false;
        true
    }

    fn token(&self) -> &Token {
        if self.on_part {
            &self.part
        } else {
            self.tail.token()
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        if self.on_part {
            &mut self.part
        } else {
            self.tail.token_mut()
        }
    }
}

/// Whether `text` is one of the parts written one after the other in `emitted`, ending at
/// `ends`.
fn was_emitted(emitted: &str, ends: &[usize], text: &str) -> bool {
    let mut start = 0;
    ends.iter().any(|&end| {
        let part = &emitted[start..end];
        start = end;
        part == text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_split_into_frequent_parts_with_linking_letters() {
        let cases: &[(&str, &[&str])] = &[
            ("stadsbestuur", &["stad", "bestuur"]),
            ("verkeersveiligheid", &["verkeer", "veiligheid"]),
            ("fietspaden", &["fiets", "paden"]),
            ("bedrijvenoverleg", &["bedrijven", "overleg"]),
            ("ziekenhuizen", &["ziek", "huizen"]),
            ("grensarbeiders", &["grens", "arbeiders"]),
            ("politiezones", &["politie", "zones"]),
            // The plural noun keeps its `s`; a part that is no word without it does not.
            ("gegevensbescherming", &["gegevens", "bescherming"]),
            ("levensduur", &["levens", "duur"]),
        ];
        for (word, parts) in cases {
            assert_eq!(split_compound(word).as_deref(), Some(*parts), "{word}");
        }
    }

    #[test]
    fn words_that_only_look_like_compounds_stay_whole() {
        for word in [
            "regering",
            "vergadering",
            "verzekering",
            "kantoren",
            "overleg",
            "belangrijk",
            "aanvraag",
            "gemeente",
            "gemeenten",
            "gevangenissen",
            "vennootschappen",
            "betrokken",
            "vreemdelingen",
            "pandemie",
            "goederen",
        ] {
            assert_eq!(split_compound(word), None, "{word}");
        }
    }
}
