//! Nouns of verbs that Snowball stems apart from the verb, given the verb's stem when the
//! lexicon's corpus counts the verb:
//! - nouns in `-atie` and their verbs in `-eren`: a title speaks of `evaluatie` and
//!   `registratie`, the text often says `geëvalueerd` and `registreren`. Snowball stems the
//!   verb forms to `evaluer`, `registrer` and leaves the nouns whole;
//! - nouns in `-name` and `-gave` of `nemen` and `geven` behind a prefix: `deelname` and
//!   `deelnemen`, `toename` and `toegenomen`, `uitgave` and `uitgeven`. Their plurals in `-en`
//!   are also past tenses of the verb (`deelnamen`, `uitgaven`), which [`super::verb_forms`]
//!   stems as the verb, so without this a singular and its plural would not meet.

use super::lexicon::Lexicon;

/// Shortest part before `-atie` considered, in bytes: `natie` and `gratie` are no nouns of a
/// verb.
const MIN_BASE_LEN: usize = 3;

/// Shortest prefix before `-name` or `-gave` considered, in bytes (`op`, `af`).
const MIN_PREFIX_LEN: usize = 2;

/// The stem of the verb a stem in `-atie`, `-nam` or `-gaf` is the noun of (`evaluatie` →
/// `evaluer`, as `evalueren` is stemmed; `deelnam` → `deelnem`; `uitgaf` → `uitgef`), or
/// `None`.
pub fn verb_stem(stem: &str) -> Option<String> {
    verb_stem_in(Lexicon::embedded(), stem)
}

fn verb_stem_in(lexicon: &Lexicon, stem: &str) -> Option<String> {
    let counted = |word: String| lexicon.is_counted(word.as_bytes());
    if let Some(base) = stem.strip_suffix("atie") {
        return (base.len() >= MIN_BASE_LEN && counted(format!("{base}eren")))
            .then(|| format!("{base}er"));
    }
    // The noun's stem, the verb's infinitive and stem, each after the prefix.
    const STRONG: [(&str, &str, &str); 2] = [("nam", "nemen", "nem"), ("gaf", "geven", "gef")];
    STRONG.iter().find_map(|(noun, infinitive, verb)| {
        let prefix = stem.strip_suffix(noun)?;
        (prefix.len() >= MIN_PREFIX_LEN && counted(format!("{prefix}{infinitive}")))
            .then(|| format!("{prefix}{verb}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_in_atie_get_their_verbs_stem() {
        for (noun, verb) in [
            ("evaluatie", "evaluer"),
            ("registratie", "registrer"),
            ("regularisatie", "regulariser"),
            ("renovatie", "renover"),
            ("deelnam", "deelnem"),
            ("toenam", "toenem"),
            ("uitgaf", "uitgef"),
        ] {
            assert_eq!(verb_stem(noun).as_deref(), Some(verb), "{noun}");
        }
    }

    #[test]
    fn other_words_keep_their_stem() {
        for word in [
            "natie", "gratie", "evaluer", "actie", "controle", "nam", "gaf", "enam",
        ] {
            assert_eq!(verb_stem(word), None, "{word}");
        }
    }
}
