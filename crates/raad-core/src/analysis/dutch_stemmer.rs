//! Dutch stemming: rust-stemmers' Snowball (Porter) Dutch stemmer, after an exception table
//! for the plurals it gets wrong and the verb forms of [`super::verb_forms`].
//!
//! A verb form is stemmed as its infinitive (`gebouwd` → `bouwen` → `bouw`). Snowball
//! undoubles only `kk`, `dd` and `tt` when it removes an ending, so `beslissen` → `besliss`
//! and `verhuizen` → `verhuiz` kept apart from `beslis`, `verhuis`; a stem is therefore
//! written as the word ends in a closed syllable: other doubled consonants single, `z` and
//! `v` as `s` and `f` (`brieven` → `brief`, `huizen` → `huis`).
//!
//! Snowball strips regular endings only, so irregular plurals (`leden`, `steden`, `kinderen`,
//! Latin `centra`) keep a stem that differs from the singular's, and for a few words singular
//! and plural land on different stems (`mens` → `men`, `mensen` → `mens`). The table maps
//! every listed form, singular included, to one stem. Tokens with a digit or an underscore
//! (numbers, ids) are not stemmed.
//!
//! rust-stemmers was chosen over tantivy 0.27's own Dutch stemmer (Snowball 3, which strips
//! `ge-`: `gemeente` → `meen`) by measurement; see BENCHMARKS.md.

use std::mem;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::{plurals, verb_forms, verb_nouns};

/// Forms whose stem Snowball gets wrong, each with the stem every form of the word shares.
/// Sorted by form (binary search).
const EXCEPTIONS: &[(&str, &str)] = &[
    ("bladeren", "blad"),
    ("centra", "centrum"),
    ("centrum", "centrum"),
    ("centrums", "centrum"),
    ("criteria", "criterium"),
    ("criterium", "criterium"),
    ("eieren", "ei"),
    ("gemeenten", "gemeent"),
    ("goederen", "goed"),
    ("initiatief", "initiatief"),
    ("initiatieven", "initiatief"),
    ("kinderen", "kind"),
    ("leden", "lid"),
    ("lid", "lid"),
    ("liederen", "lied"),
    ("mens", "mens"),
    ("mensen", "mens"),
    ("musea", "museum"),
    ("museum", "museum"),
    ("pad", "pad"),
    ("paden", "pad"),
    ("politici", "politicus"),
    ("politicus", "politicus"),
    ("schepen", "schepen"),
    ("schepenen", "schepen"),
    ("stad", "stad"),
    ("steden", "stad"),
    // Snowball makes `vlam` (a flame) of `vlaams` once it removes the `-s`.
    ("vlaams", "vlaams"),
    ("vlaamse", "vlaams"),
    ("volkeren", "volk"),
];

/// The stem of a form listed in the exception table.
pub fn exception_stem(form: &str) -> Option<&'static str> {
    EXCEPTIONS
        .binary_search_by(|(listed, _)| listed.cmp(&form))
        .ok()
        .map(|at| EXCEPTIONS[at].1)
}

/// Writes the stem of `word` into `out`: the exception table's, or Snowball's of the word's
/// infinitive when it is a verb form (`gebouwd` → `bouwen` → `bouw`) or of its singular when
/// it is a plural Snowball leaves whole ([`plurals::singular`]: `controles` → `controle`), with
/// the stem's end spelled as in a closed syllable when an ending was removed
/// ([`closed_syllable`], [`devoice`], [`singular_s`]); a noun of a verb gets the verb's
/// stem ([`verb_nouns::verb_stem`]: `evaluatie` → `evaluer`, `deelname` → `deelnem`).
fn stem_word(stemmer: &Stemmer, word: &str, out: &mut String) {
    if let Some(stem) = exception_stem(word) {
        out.push_str(stem);
        return;
    }
    if let Some((head, stem)) = compound_exception(word) {
        out.push_str(head);
        out.push_str(stem);
        return;
    }
    let infinitive = verb_forms::infinitive(word);
    let word = infinitive.as_deref().unwrap_or(word);
    if let Some(stem) = exception_stem(word) {
        out.push_str(stem);
        return;
    }
    // A plural Snowball would leave whole is stemmed as its singular (`controles`).
    let word = plurals::singular(word).unwrap_or(word);
    let stem = stemmer.stem(word);
    let start = out.len();
    if stem.len() < word.len() {
        out.push_str(closed_syllable(&stem));
        devoice(out);
        singular_s(out);
    } else {
        out.push_str(&stem);
    }
    if let Some(verb) = verb_nouns::verb_stem(&out[start..]) {
        out.truncate(start);
        out.push_str(&verb);
    }
}

/// A compound whose last part is in the exception table gets that part's stem after its
/// head (`raadsleden` → `raads` + `lid`, as `raadslid`; `woonzorgcentra` → `woonzorgcentrum`),
/// so that the whole word, not only its parts, matches across singular and plural. Only when
/// the compound splitter cuts the word there: `geleden` (ago) is no compound of `leden`.
fn compound_exception(word: &str) -> Option<(&str, &'static str)> {
    let (form, stem) = EXCEPTIONS.iter().find(|(form, _)| {
        word.len() >= form.len() + super::compound_filter::MIN_PART_LEN && word.ends_with(form)
    })?;
    let parts = super::compound_filter::split_compound(word)?;
    let head = &word[..word.len() - form.len()];
    (parts.last() == Some(form)).then_some((head, *stem))
}

/// Snowball undoubles only `kk`, `dd` and `tt` after removing an ending; the other doubled
/// consonants of an open syllable are undoubled here too (`beslissen` → `besliss` → `beslis`,
/// `overleggen` → `overleg`, `plannen` → `plan`), so a stem ends as the word does in a closed
/// syllable.
fn closed_syllable(stem: &str) -> &str {
    match stem.as_bytes() {
        [.., before, a, b] if a == b && !is_vowel(*a) && !is_vowel(*before) => stem,
        [.., a, b] if a == b && !is_vowel(*a) => &stem[..stem.len() - 1],
        _ => stem,
    }
}

/// Dutch writes a final `z` as `s` and `v` as `f` (`verhuizen` → `verhuis`, `brieven` →
/// `brief`); only for stems an ending was removed from, so words are not respelt.
fn devoice(stem: &mut String) {
    let devoiced = match stem.as_bytes().last() {
        Some(b'z') => 's',
        Some(b'v') => 'f',
        _ => return,
    };
    if stem.len() > 2 {
        stem.pop();
        stem.push(devoiced);
    }
}

/// A stem that ends in `s` after a consonant other than `j` loses it, as Snowball removes it
/// from a word (`fiets` → `fiet`); so the stem of `fietsen`, `fiets` once `-en` is removed,
/// becomes the singular's (`artsen` and `arts`, `grenzen` and `grens`, `kansen` and `kans`).
fn singular_s(stem: &mut String) {
    if let [.., before, b's'] = stem.as_bytes() {
        if stem.len() >= 4 && !is_vowel(*before) && !matches!(before, b'j' | b's') {
            stem.pop();
        }
    }
}

fn is_vowel(byte: u8) -> bool {
    matches!(byte, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Token filter that stems Dutch words (lower-cased, folded) with the exception table first.
#[derive(Debug, Clone, Copy, Default)]
pub struct DutchStemmer;

impl TokenFilter for DutchStemmer {
    type Tokenizer<T: Tokenizer> = DutchStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DutchStemmerFilter<T> {
        DutchStemmerFilter {
            inner: tokenizer,
            stems: FxHashMap::default(),
        }
    }
}

/// Stems remembered before the memory is cleared. Council text uses a small vocabulary over
/// and over, and a lookup is several times cheaper than running Snowball again.
const STEM_CACHE_LIMIT: usize = 200_000;

/// The tokenizer that [`DutchStemmer`] wraps around another.
#[derive(Debug, Clone)]
pub struct DutchStemmerFilter<T> {
    inner: T,
    stems: FxHashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for DutchStemmerFilter<T> {
    type TokenStream<'a> = DutchStemmerTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.stems.len() > STEM_CACHE_LIMIT {
            self.stems.clear();
        }
        DutchStemmerTokenStream {
            tail: self.inner.token_stream(text),
            stemmer: Stemmer::create(Algorithm::Dutch),
            stems: &mut self.stems,
            buffer: String::new(),
        }
    }
}

/// The token stream of [`DutchStemmer`].
pub struct DutchStemmerTokenStream<'a, T> {
    tail: T,
    stemmer: Stemmer,
    stems: &'a mut FxHashMap<String, String>,
    buffer: String,
}

impl<T: TokenStream> TokenStream for DutchStemmerTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if token.text.bytes().any(|b| b.is_ascii_digit() || b == b'_') {
            return true;
        }
        self.buffer.clear();
        match self.stems.get(&token.text) {
            Some(stem) => self.buffer.push_str(stem),
            None => {
                stem_word(&self.stemmer, &token.text, &mut self.buffer);
                self.stems.insert(token.text.clone(), self.buffer.clone());
            }
        }
        mem::swap(&mut token.text, &mut self.buffer);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &str) -> String {
        let mut out = String::new();
        stem_word(&Stemmer::create(Algorithm::Dutch), word, &mut out);
        out
    }

    #[test]
    fn plural_and_singular_share_a_stem() {
        for (singular, plural) in [
            ("controle", "controles"),
            ("zone", "zones"),
            ("actie", "acties"),
            ("niveau", "niveaus"),
            ("categorie", "categorieen"),
            ("arts", "artsen"),
            ("fiets", "fietsen"),
            ("grens", "grenzen"),
            ("kans", "kansen"),
            ("fonds", "fondsen"),
            ("prijs", "prijzen"),
            ("reis", "reizen"),
            ("les", "lessen"),
            ("examen", "examens"),
            ("wapen", "wapens"),
            ("gerecht", "gerechten"),
            ("raadslid", "raadsleden"),
            ("woonzorgcentrum", "woonzorgcentra"),
            ("binnenstad", "binnensteden"),
            ("medemens", "medemensen"),
        ] {
            assert_eq!(stem(singular), stem(plural), "{singular} / {plural}");
        }
    }

    #[test]
    fn a_noun_in_atie_and_its_verb_share_a_stem() {
        for (noun, verb) in [
            ("evaluatie", "geevalueerd"),
            ("evaluaties", "evalueren"),
            ("registratie", "registreert"),
        ] {
            assert_eq!(stem(noun), stem(verb), "{noun} / {verb}");
        }
    }

    #[test]
    fn words_that_only_look_alike_keep_their_stems() {
        // A word in a vowel and `s` is no plural of the word without the `s`.
        for (one, other) in [
            ("reis", "rei"),
            ("eis", "ei"),
            ("proces", "proce"),
            ("status", "statu"),
            // Flemish is no flame; an adverb in `-ens` no plural.
            ("vlaams", "vlam"),
            ("vlaamse", "vlammen"),
            ("volgens", "volgen"),
            ("wegens", "wegen"),
        ] {
            assert_ne!(stem(one), stem(other), "{one} / {other}");
        }
    }

    #[test]
    fn exception_table_is_sorted_without_duplicates() {
        for pair in EXCEPTIONS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{:?} before {:?}", pair[0], pair[1]);
        }
    }
}
