//! Dutch stop words: the Snowball list, plus the single letters that clitics leave behind.
//!
//! The Snowball list (BSD licence, as tantivy ships it in `stop_word_filter/stopwords.rs`) is
//! what Dutch search engines commonly drop. Clitics add `s` (`'s ochtends`), `t` (`'t`), `n`
//! (`'n`), `k` (`'k`), `m` (`'m`) and `d` (`d'r`). Removing a stop word keeps the positions of
//! the words around it, so phrase queries still line up.

/// The Snowball Dutch stop words.
#[rustfmt::skip]
pub const SNOWBALL_DUTCH: &[&str] = &[
    "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn", "is",
    "was", "op", "aan", "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan", "zou",
    "of", "wat", "mijn", "men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook", "tot",
    "je", "mij", "uit", "der", "daar", "haar", "naar", "heb", "hoe", "heeft", "hebben", "deze",
    "u", "want", "nog", "zal", "me", "zij", "nu", "ge", "geen", "omdat", "iets", "worden", "toch",
    "al", "waren", "veel", "meer", "doen", "toen", "moet", "ben", "zonder", "kan", "hun", "dus",
    "alles", "onder", "ja", "eens", "hier", "wie", "werd", "altijd", "doch", "wordt", "wezen",
    "kunnen", "ons", "zelf", "tegen", "na", "reeds", "wil", "kon", "niets", "uw", "iemand",
    "geweest", "andere",
];

/// Single letters left by clitics and elisions.
pub const CLITIC_LETTERS: &[&str] = &["s", "t", "n", "k", "m", "d"];

/// Every word raad's Dutch analyzer drops.
pub fn dutch_stop_words() -> impl Iterator<Item = String> {
    SNOWBALL_DUTCH
        .iter()
        .chain(CLITIC_LETTERS)
        .map(|word| (*word).to_string())
}
