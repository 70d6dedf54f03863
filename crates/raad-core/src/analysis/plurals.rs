//! Plurals Snowball's Dutch stemmer leaves whole: `-s` after a vowel (`controles`, `acties`,
//! `niveaus`) and `-ën` (`categorieën`, folded to `categorieen`). Snowball removes `-s` and
//! `-en` only after a consonant, so these plurals kept a stem of their own (`controles`
//! against `control` of `controle`), and a search for `controle` missed the records that
//! speak of `controles`. The stemmer stems such a plural as its singular.
//!
//! Nouns in `-en` with a plural in `-s` are the opposite case: Snowball removes the `-en` of
//! the singular and only the `-s` of the plural (`examen` → `exam`, `examens` → `examen`;
//! `gegeven`, `gegevens`; `wapen`, `wapens`), so the plural too is stemmed as its singular.

use super::lexicon::Lexicon;

/// Shortest singular considered for an `-s` plural, in bytes: shorter words in a vowel and
/// `s` are mostly words of their own (`reis`, `kies`, `vies`), not plurals.
const MIN_SINGULAR_LEN: usize = 4;

/// Words in `-ens` that are no plurals, though their stem without `-s` is a word: adverbs and
/// prepositions (`volgens` is no plural of `volgen`, `wegens` none of `wegen`).
const NOT_PLURALS_IN_ENS: &[&str] = &[
    "eigens",
    "ergens",
    "meestens",
    "nergens",
    "overigens",
    "tevens",
    "trouwens",
    "volgens",
    "wegens",
];

/// The singular of a plural in `-s` after a vowel or in `-ën`, when `word` (lower-case,
/// ASCII-folded) is one; `None` otherwise.
///
/// - `-ieen`, `-eeen` (`categorieën`, `ideeën`, folded): the `-en` goes; no other Dutch word
///   ends so.
/// - `-s` after an `e` that follows a consonant (`controles`, `zones`), after `ie` (`acties`)
///   or after `eau` (`niveaus`), when what is left is a word the lexicon's corpus counts:
///   `proces`, `adres` and `prinses` are no plurals, as `proce`, `adre` and `prinse` are no
///   words of it. Other vowels take `'s` (`auto's`, which [`super::ApostropheFilter`]
///   handles) and `-us`, `-is` words are mostly singulars (`status`, `crisis`); double vowels
///   (`reis`, `vlees`) take `-en`.
/// - `-ens` of a noun in `-en` (`examens`, `gegevens`), when the singular is a word the
///   lexicon's corpus counts and the word is no adverb ([`NOT_PLURALS_IN_ENS`]).
pub fn singular(word: &str) -> Option<&str> {
    singular_in(Lexicon::embedded(), word)
}

fn singular_in<'w>(lexicon: &Lexicon, word: &'w str) -> Option<&'w str> {
    let bytes = word.as_bytes();
    if word.ends_with("ieen") || word.ends_with("eeen") {
        return Some(&word[..word.len() - 2]);
    }
    if word.len() <= MIN_SINGULAR_LEN || bytes.last() != Some(&b's') {
        return None;
    }
    let singular = &word[..word.len() - 1];
    let plural_of_vowel = match singular.as_bytes() {
        [.., b'i', b'e'] | [.., b'e', b'a', b'u'] => true,
        [.., before, b'e'] => !is_vowel(*before),
        [.., b'e', b'n'] => !NOT_PLURALS_IN_ENS.contains(&word),
        _ => false,
    };
    (plural_of_vowel && lexicon.is_counted(singular.as_bytes())).then_some(singular)
}

fn is_vowel(byte: u8) -> bool {
    matches!(byte, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_in_s_after_a_vowel_and_in_en_after_e_give_their_singular() {
        for (plural, singular_form) in [
            ("controles", "controle"),
            ("zones", "zone"),
            ("acties", "actie"),
            ("organisaties", "organisatie"),
            ("niveaus", "niveau"),
            ("procedures", "procedure"),
            ("categorieen", "categorie"),
            ("ideeen", "idee"),
            ("examens", "examen"),
            ("gegevens", "gegeven"),
            ("wapens", "wapen"),
        ] {
            assert_eq!(singular(plural), Some(singular_form), "{plural}");
        }
    }

    #[test]
    fn singulars_ending_in_s_stay_whole() {
        for word in [
            "proces", "adres", "status", "crisis", "reis", "kies", "vlees", "kruis", "prinses",
            "succes", "controle", "actie", "fietsen", "volgens", "wegens", "trouwens",
        ] {
            assert_eq!(singular(word), None, "{word}");
        }
    }
}
