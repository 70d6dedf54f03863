//! Nouns in `-atie` and their verbs in `-eren`: a title speaks of `evaluatie` and
//! `registratie`, the text often says `geëvalueerd` and `registreren`. Snowball stems the verb
//! forms to `evaluer`, `registrer` and leaves the nouns whole, so the noun is given its verb's
//! stem when the lexicon's corpus counts the verb.

use super::lexicon::Lexicon;

/// Shortest part before `-atie` considered, in bytes: `natie` and `gratie` are no nouns of a
/// verb.
const MIN_BASE_LEN: usize = 3;

/// The stem of the verb a stem in `-atie` is the noun of (`evaluatie` → `evaluer`, as
/// `evalueren` is stemmed), or `None`.
pub fn verb_stem(stem: &str) -> Option<String> {
    verb_stem_in(Lexicon::embedded(), stem)
}

fn verb_stem_in(lexicon: &Lexicon, stem: &str) -> Option<String> {
    let base = stem.strip_suffix("atie")?;
    if base.len() < MIN_BASE_LEN {
        return None;
    }
    let infinitive = format!("{base}eren");
    lexicon
        .get(infinitive.as_bytes())
        .is_some_and(|entry| entry.centibels.is_some())
        .then(|| format!("{base}er"))
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
        ] {
            assert_eq!(verb_stem(noun).as_deref(), Some(verb), "{noun}");
        }
    }

    #[test]
    fn other_words_keep_their_stem() {
        for word in ["natie", "gratie", "evaluer", "actie", "controle"] {
            assert_eq!(verb_stem(word), None, "{word}");
        }
    }
}
