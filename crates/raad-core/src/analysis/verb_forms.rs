//! Dutch verb forms: a participle or finite form back to its infinitive, so that the stemmer
//! gives it the infinitive's stem (`overlegd`, `overlegde`, `overleggen` → `overleg`).
//!
//! Regular forms are recognised by their shape and checked against the lexicon: `gebouwd` is
//! `ge` + `bouw` + `d`, and `bouwen` is a word, so it is a form of `bouwen`. Separable prefixes
//! come before the `ge` (`opgericht` → `oprichten`); verbs with an unstressed prefix take no
//! `ge` (`beslist` → `beslissen`, `verhuisd` → `verhuizen`). Past tense forms end in `-de`,
//! `-te`, `-den` or `-ten` (`bouwde`, `plaatsten`); the third person present in `-t` (`bouwt`).
//! The strong and irregular verbs are a table ([`IRREGULAR`]), also behind separable and
//! unstressed prefixes (`aangenomen` → `aannemen`, `ontving` → `ontvangen`).
//!
//! Words that only look like verb forms stay themselves, decided with the lexicon:
//! - a noun: a word ending in `d` or `t` whose plural in `-en` is more frequent than its form
//!   in `-e` (`gebied`/`gebieden`, `gerecht`, `verband`, `paard`), or a form in `-e` whose
//!   plural in `-es` is a word (`rente`, `ruimte`);
//! - an adjective: a word with a comparative in `-er` (`gezond`, `bekend`, `geschikt`);
//! - a word much more frequent than the verb it would belong to (`best` is not a form of
//!   `bessen`).
//!
//! Nouns that begin with `ge` but do not end like a participle (`gebouw`, `gezin`, `geval`,
//! `gemeente`) are never touched.

use super::lexicon::Lexicon;

/// Strong and irregular verb forms with their infinitive, sorted by form (binary search).
/// `true` marks a form that is a verb form on its own; `false` a form that is one only behind
/// a prefix, because alone it is a more common other word (`namen` are names, `aannamen` is a
/// form of `aannemen`; `sloten` are ditches, `besloten` is a form of `besluiten`).
pub const IRREGULAR: &[(&str, &str, bool)] = &[
    ("bedroeg", "bedragen", true),
    ("bedroegen", "bedragen", true),
    ("begon", "beginnen", true),
    ("begonnen", "beginnen", true),
    ("begreep", "begrijpen", true),
    ("begrepen", "begrijpen", true),
    ("beval", "bevelen", false),
    ("bevolen", "bevelen", true),
    ("bleef", "blijven", true),
    ("bleek", "blijken", true),
    ("bleken", "blijken", true),
    ("bleven", "blijven", true),
    ("boden", "bieden", true),
    ("bood", "bieden", true),
    ("bracht", "brengen", true),
    ("brachten", "brengen", true),
    ("brak", "breken", true),
    ("braken", "breken", false),
    ("dacht", "denken", true),
    ("dachten", "denken", true),
    ("deden", "doen", true),
    ("deed", "doen", true),
    ("doet", "doen", true),
    ("droeg", "dragen", true),
    ("droegen", "dragen", true),
    ("drong", "dringen", true),
    ("drongen", "dringen", true),
    ("dronk", "drinken", true),
    ("dwong", "dwingen", true),
    ("dwongen", "dwingen", true),
    ("gaat", "gaan", true),
    ("gaf", "geven", true),
    ("gaven", "geven", false),
    ("gebleken", "blijken", true),
    ("gebleven", "blijven", true),
    ("geboden", "bieden", true),
    ("gebogen", "buigen", true),
    ("gebonden", "binden", true),
    ("geborgen", "bergen", true),
    ("gebracht", "brengen", true),
    ("gebroken", "breken", true),
    ("gedaan", "doen", true),
    ("gedacht", "denken", true),
    ("gedragen", "dragen", true),
    ("gedrongen", "dringen", true),
    ("gedronken", "drinken", true),
    ("gedwongen", "dwingen", true),
    ("geeft", "geven", true),
    ("gegaan", "gaan", true),
    ("gegeten", "eten", true),
    ("gegeven", "geven", true),
    ("gegolden", "gelden", true),
    ("gegrepen", "grijpen", true),
    ("gehad", "hebben", true),
    ("gehangen", "hangen", true),
    ("geheven", "heffen", true),
    ("geholpen", "helpen", true),
    ("gehouden", "houden", true),
    ("geklonken", "klinken", true),
    ("gekocht", "kopen", true),
    ("gekomen", "komen", true),
    ("gekozen", "kiezen", true),
    ("gekregen", "krijgen", true),
    ("gelaten", "laten", true),
    ("geleden", "lijden", true),
    ("gelegen", "liggen", true),
    ("geleken", "lijken", true),
    ("gelezen", "lezen", true),
    ("gelopen", "lopen", true),
    ("gemeten", "meten", true),
    ("genomen", "nemen", true),
    ("gereden", "rijden", true),
    ("geroepen", "roepen", true),
    ("geschapen", "scheppen", true),
    ("gescheiden", "scheiden", true),
    ("geschenen", "schijnen", true),
    ("geschonken", "schenken", true),
    ("geschoten", "schieten", true),
    ("geschoven", "schuiven", true),
    ("geschreven", "schrijven", true),
    ("geslagen", "slaan", true),
    ("geslapen", "slapen", true),
    ("gesloten", "sluiten", true),
    ("gesneden", "snijden", true),
    ("gesproken", "spreken", true),
    ("gesprongen", "springen", true),
    ("gestaan", "staan", true),
    ("gestegen", "stijgen", true),
    ("gestoken", "steken", true),
    ("gestolen", "stelen", true),
    ("gestorven", "sterven", true),
    ("getreden", "treden", true),
    ("getroffen", "treffen", true),
    ("getrokken", "trekken", true),
    ("gevlogen", "vliegen", true),
    ("gevochten", "vechten", true),
    ("gevonden", "vinden", true),
    ("geweken", "wijken", true),
    ("gewezen", "wijzen", true),
    ("gewogen", "wegen", true),
    ("gewonnen", "winnen", true),
    ("geworden", "worden", true),
    ("geworpen", "werpen", true),
    ("geworven", "werven", true),
    ("gezegd", "zeggen", true),
    ("gezeten", "zitten", true),
    ("gezien", "zien", true),
    ("gezocht", "zoeken", true),
    ("gezonden", "zenden", true),
    ("gezongen", "zingen", true),
    ("gezwegen", "zwijgen", true),
    ("ging", "gaan", true),
    ("gingen", "gaan", true),
    ("gold", "gelden", true),
    ("golden", "gelden", true),
    ("greep", "grijpen", false),
    ("grepen", "grijpen", false),
    ("hadden", "hebben", true),
    ("hebt", "hebben", true),
    ("hief", "heffen", true),
    ("hield", "houden", true),
    ("hielden", "houden", true),
    ("hielp", "helpen", true),
    ("hielpen", "helpen", true),
    ("hieven", "heffen", true),
    ("hing", "hangen", true),
    ("hingen", "hangen", true),
    ("keek", "kijken", true),
    ("keken", "kijken", true),
    ("klonk", "klinken", true),
    ("klonken", "klinken", true),
    ("kocht", "kopen", true),
    ("kochten", "kopen", true),
    ("koos", "kiezen", true),
    ("kozen", "kiezen", true),
    ("kreeg", "krijgen", true),
    ("kregen", "krijgen", true),
    ("kwam", "komen", true),
    ("kwamen", "komen", true),
    ("lag", "liggen", true),
    ("lagen", "liggen", false),
    ("las", "lezen", false),
    ("lazen", "lezen", true),
    ("leed", "lijden", false),
    ("leek", "lijken", false),
    ("leken", "lijken", false),
    ("liep", "lopen", true),
    ("liepen", "lopen", true),
    ("liet", "laten", true),
    ("lieten", "laten", true),
    ("mocht", "mogen", true),
    ("mochten", "mogen", true),
    ("moest", "moeten", true),
    ("moesten", "moeten", true),
    ("nam", "nemen", true),
    ("namen", "nemen", false),
    ("neemt", "nemen", true),
    ("reed", "rijden", true),
    ("riep", "roepen", true),
    ("riepen", "roepen", true),
    ("schonk", "schenken", true),
    ("schonken", "schenken", true),
    ("schoof", "schuiven", true),
    ("schoot", "schieten", false),
    ("schoven", "schuiven", true),
    ("schreef", "schrijven", true),
    ("schreven", "schrijven", true),
    ("sliep", "slapen", true),
    ("sliepen", "slapen", true),
    ("sloeg", "slaan", true),
    ("sloegen", "slaan", true),
    ("sloot", "sluiten", false),
    ("sloten", "sluiten", false),
    ("sneed", "snijden", true),
    ("sprak", "spreken", true),
    ("spraken", "spreken", true),
    ("sproken", "spreken", false),
    ("sprong", "springen", false),
    ("staat", "staan", false),
    ("stak", "steken", true),
    ("steeg", "stijgen", true),
    ("stegen", "stijgen", true),
    ("stond", "staan", true),
    ("stonden", "staan", true),
    ("trad", "treden", true),
    ("traden", "treden", true),
    ("trof", "treffen", true),
    ("troffen", "treffen", true),
    ("trok", "trekken", true),
    ("trokken", "trekken", true),
    ("verdween", "verdwijnen", true),
    ("verdwenen", "verdwijnen", true),
    ("vergat", "vergeten", true),
    ("vergaten", "vergeten", true),
    ("vergeleek", "vergelijken", true),
    ("vergeleken", "vergelijken", true),
    ("verloor", "verliezen", true),
    ("verloren", "verliezen", true),
    ("viel", "vallen", true),
    ("vielen", "vallen", true),
    ("ving", "vangen", true),
    ("vingen", "vangen", true),
    ("vlogen", "vliegen", true),
    ("vloog", "vliegen", true),
    ("vond", "vinden", true),
    ("vonden", "vinden", true),
    ("vroegen", "vragen", true),
    ("wees", "wijzen", false),
    ("weet", "weten", true),
    ("werden", "worden", true),
    ("wezen", "wijzen", false),
    ("wierf", "werven", true),
    ("wierp", "werpen", true),
    ("wierven", "werven", true),
    ("wist", "weten", true),
    ("wisten", "weten", true),
    ("wogen", "wegen", true),
    ("won", "winnen", true),
    ("wonnen", "winnen", true),
    ("woog", "wegen", true),
    ("worpen", "werpen", false),
    ("zag", "zien", true),
    ("zagen", "zien", false),
    ("zaten", "zitten", true),
    ("zei", "zeggen", true),
    ("zeiden", "zeggen", true),
    ("ziet", "zien", true),
    ("zocht", "zoeken", true),
    ("zochten", "zoeken", true),
    ("zond", "zenden", true),
    ("zonden", "zenden", false),
    ("zong", "zingen", true),
    ("zongen", "zingen", true),
    ("zweeg", "zwijgen", true),
    ("zwegen", "zwijgen", true),
];

/// Separable prefixes: `ge` comes after them (`aangevraagd`, `vastgesteld`).
const SEPARABLE: &[&str] = &[
    "aan", "achter", "af", "bekend", "bij", "binnen", "bloot", "buiten", "deel", "door", "gelijk",
    "goed", "in", "kennis", "los", "mede", "mee", "na", "neer", "om", "onder", "op", "open",
    "over", "plaats", "rond", "samen", "stil", "stop", "tegemoet", "tegen", "teleur", "terecht",
    "terug", "teweeg", "tewerk", "toe", "uit", "vast", "voor", "voorop", "voort", "vooruit",
    "vrij", "weer", "weg",
];

/// Unstressed prefixes: their verbs take no `ge` (`besloot`, `vertrokken`).
const UNSTRESSED: &[&str] = &["be", "er", "ge", "her", "ont", "over", "onder", "ver"];

/// A form more frequent than its would-be infinitive by more than this (in centibels, 150 =
/// 30 times) is a word of its own (`best` and `bessen`).
const OWN_WORD_MARGIN_CB: u32 = 150;

/// How much more frequent (in centibels) a verb beginning with `ge` must be than the verb
/// without it for a participle to be its (`geloven` against `loven`).
const GE_VERB_MARGIN_CB: u32 = 100;

/// How much rarer (in centibels) the `-e` form of a word in `-d` or `-t` must be than its
/// plural in `-en` for the word to be a noun (see [`Forms::is_past_noun`]).
const PAST_NOUN_MARGIN_CB: u32 = 100;

/// How much rarer (in centibels) the `-e` form of a word in `-d` or `-t` that does not begin
/// with `ge` must be than its plural in `-en` for the word to be a noun (see
/// [`Forms::is_noun`]).
const NOUN_MARGIN_CB: u32 = 100;

/// An infinitive with its frequency in centibels.
type Candidate = (u32, String);

/// Shortest verb stem considered (in bytes), so that short words are not taken apart.
const MIN_STEM_LEN: usize = 3;

/// The infinitive a verb form belongs to, or `None` when `word` is not a verb form (or is an
/// infinitive already). `word` is lower-case and ASCII-folded.
pub fn infinitive(word: &str) -> Option<String> {
    infinitive_in(Lexicon::embedded(), word)
}

fn infinitive_in(lexicon: &Lexicon, word: &str) -> Option<String> {
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let forms = Forms { lexicon, word };
    if let Some(found) = forms.irregular() {
        return Some(found);
    }
    if word.len() < 4 {
        return None;
    }
    if forms.is_adjective(word) {
        return None;
    }
    if word.ends_with('d') || word.ends_with('t') {
        if forms.is_noun(word) {
            return None;
        }
        return forms.participle(word).or_else(|| forms.present(word));
    }
    forms.past(word)
}

struct Forms<'a> {
    lexicon: &'a Lexicon,
    word: &'a str,
}

impl Forms<'_> {
    fn centibels(&self, word: &str) -> Option<u32> {
        self.lexicon
            .get(word.as_bytes())
            .and_then(|entry| entry.centibels)
            .map(u32::from)
    }

    /// [`Forms::centibels`], or for a word of the word list that the corpus lacks, the
    /// lexicon's estimate of its frequency (rarer than most counted words). The lexicon's
    /// counts are thin: a noun's or verb's rarer forms are often missing, and a missing form
    /// is no evidence that the word is not a noun (`bouwde` is a word, though uncounted).
    fn estimated_centibels(&self, word: &str) -> Option<u32> {
        let entry = self.lexicon.get(word.as_bytes())?;
        entry
            .centibels
            .or(entry.part_centibels.filter(|_| entry.valid_part))
            .map(u32::from)
    }

    fn has(&self, word: &str) -> bool {
        self.centibels(word).is_some()
    }

    /// A word with a plural in `-en` more frequent than its form in `-e` (`gebied`,
    /// `verband`, `paard`). A verb's past tense in `-e` is more frequent than its plural in
    /// `-en` (`besliste`, `beslisten`); the word list also has rare `-e` forms of nouns.
    /// Parliamentary text has many plural subjects, so a verb's past plural may be the more
    /// frequent form there (`werkten`, `veranderden`): a word that does not begin with `ge`,
    /// a present form or the participle of a verb with an unstressed prefix (`verhuisd`), is
    /// a noun only when its plural is [`NOUN_MARGIN_CB`] more frequent; nouns in `ge-` are
    /// many (`gerecht`, `geluid`, `gebied`) and keep no margin.
    fn is_noun(&self, word: &str) -> bool {
        let Some(plural) = self.estimated_centibels(&format!("{word}en")) else {
            return false;
        };
        let margin = if word.starts_with("ge") {
            0
        } else {
            NOUN_MARGIN_CB
        };
        self.estimated_centibels(&format!("{word}e"))
            .is_none_or(|inflected| inflected > plural + margin)
    }

    /// [`Forms::is_noun`] for the base of a past tense, whose `-e` form is the past tense
    /// itself: a noun's `-e` form is much rarer than its plural (`paarde`, `paarden`), a
    /// verb's past singular may be a little rarer than its plural (`investeerde`).
    fn is_past_noun(&self, base: &str) -> bool {
        let Some(plural) = self.estimated_centibels(&format!("{base}en")) else {
            return false;
        };
        self.estimated_centibels(&format!("{base}e"))
            .is_none_or(|inflected| inflected > plural + PAST_NOUN_MARGIN_CB)
    }

    /// A word with a comparative in `-er` that is not a noun of agents (`investeerder`,
    /// `investeerders`).
    fn is_adjective(&self, word: &str) -> bool {
        (word.ends_with('d') || word.ends_with('t'))
            && self.has(&format!("{word}er"))
            && !self.has(&format!("{word}ers"))
    }

    /// `infinitive` when it is a word and not much rarer than the form itself.
    fn accept(&self, infinitive: String) -> Option<Candidate> {
        let verb_cb = self.centibels(&infinitive)?;
        let own_cb = self.centibels(self.word);
        let own_word = own_cb.is_some_and(|cb| cb + OWN_WORD_MARGIN_CB < verb_cb);
        (!own_word && infinitive != self.word).then_some((verb_cb, infinitive))
    }

    /// The most frequent of the infinitives that are words (the first of equals).
    fn most_frequent(&self, infinitives: impl IntoIterator<Item = String>) -> Option<Candidate> {
        infinitives
            .into_iter()
            .filter_map(|infinitive| self.accept(infinitive))
            .reduce(|best, next| if next.0 < best.0 { next } else { best })
    }

    /// A strong or irregular form from the table, alone or behind a prefix.
    fn irregular(&self) -> Option<String> {
        if let Some((infinitive, true)) = lookup(self.word) {
            // Short forms too: `zag`, `gaf`, `won`.
            return Some(infinitive.to_string());
        }
        for prefix in SEPARABLE.iter().chain(UNSTRESSED) {
            let Some(rest) = self.word.strip_prefix(prefix) else {
                continue;
            };
            if let Some((infinitive, _)) = lookup(rest) {
                if let Some((_, found)) = self.accept(format!("{prefix}{infinitive}")) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// A past participle in `-d` or `-t`: `ge` + stem, after a separable prefix or none
    /// (`gebouwd`, `opgericht`), or the stem alone for a verb with an unstressed prefix
    /// (`verhuisd`, `beslist`, `gebruikt`).
    fn participle(&self, word: &str) -> Option<String> {
        let with_ge = std::iter::once(&"").chain(SEPARABLE).find_map(|prefix| {
            let rest = word.strip_prefix(prefix)?.strip_prefix("ge")?;
            self.most_frequent(
                stems(rest)
                    .into_iter()
                    .flat_map(infinitives)
                    .map(|infinitive| format!("{prefix}{infinitive}")),
            )
        });
        // Behind a separable prefix too: `terugbetaald` is `terug` + `betaald`.
        let starts_unstressed = std::iter::once(&"").chain(SEPARABLE).any(|separable| {
            word.strip_prefix(separable).is_some_and(|verb| {
                UNSTRESSED.iter().any(|prefix| {
                    (separable.is_empty() || *prefix != "ge")
                        && verb
                            .strip_prefix(prefix)
                            .is_some_and(|rest| rest.len() > MIN_STEM_LEN)
                })
            })
        });
        let without_ge = if starts_unstressed {
            self.most_frequent(infinitives(&word[..word.len() - 1]))
        } else {
            None
        };
        // `ge` is a prefix of a few verbs (`geloofd` is of `geloven`, not of `loven`): then the
        // verb with `ge` is the much more frequent one.
        match (with_ge, without_ge) {
            (Some(ge), Some(own)) if own.0 + GE_VERB_MARGIN_CB <= ge.0 => Some(own.1),
            (Some(ge), _) => Some(ge.1),
            (None, own) => own.map(|(_, infinitive)| infinitive),
        }
    }

    /// The third person present in `-t` (`bouwt`, `vraagt`, `wordt`).
    fn present(&self, word: &str) -> Option<String> {
        self.of_stem(word.strip_suffix('t')?)
    }

    /// The past tense in `-de`, `-te`, `-den` or `-ten` (`bouwde`, `plaatsten`), and the
    /// inflected participle (`gebouwde`, `opgerichte`).
    fn past(&self, word: &str) -> Option<String> {
        let singular = word.strip_suffix('n').unwrap_or(word);
        let base = singular.strip_suffix('e')?;
        if !(base.ends_with('d') || base.ends_with('t')) {
            return None;
        }
        // A noun in -de or -te has a plural in -s: `rente`, `ruimte`, `ronde`. A plural in
        // -den or -ten of a noun in `ge-` is judged as the noun itself is (`gerechten`).
        let noun = if singular.len() < word.len() && base.starts_with("ge") {
            self.is_noun(base)
        } else {
            self.is_past_noun(base)
        };
        if self.has(&format!("{singular}s")) || noun || self.is_adjective(base) {
            return None;
        }
        if self.has(base) {
            if let Some(found) = self.participle(base) {
                return Some(found);
            }
        }
        self.of_stem(&base[..base.len() - 1])
    }

    fn of_stem(&self, stem: &str) -> Option<String> {
        if stem.len() < MIN_STEM_LEN {
            return None;
        }
        self.most_frequent(infinitives(stem))
            .map(|(_, infinitive)| infinitive)
    }
}

fn lookup(form: &str) -> Option<(&'static str, bool)> {
    IRREGULAR
        .binary_search_by(|(listed, _, _)| listed.cmp(&form))
        .ok()
        .map(|at| (IRREGULAR[at].1, IRREGULAR[at].2))
}

/// The stems a participle's rest (after `ge`) may have: without its final `d` or `t`
/// (`bouwd` → `bouw`), and whole when the stem itself ends in `d` or `t` (`richt`).
fn stems(rest: &str) -> Vec<&str> {
    let mut stems = Vec::new();
    if let Some(stem) = rest.strip_suffix('d').or_else(|| rest.strip_suffix('t')) {
        if stem.len() >= MIN_STEM_LEN {
            stems.push(stem);
        }
    }
    if rest.len() >= MIN_STEM_LEN && (rest.ends_with('d') || rest.ends_with('t')) {
        stems.push(rest);
    }
    stems
}

fn is_vowel(byte: u8) -> bool {
    matches!(byte, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// The infinitives a verb stem may have, most likely first: the spelling rules of an open
/// syllable (`vraag` → `vragen`, `beslis` → `beslissen`, `verhuis` → `verhuizen`,
/// `geloof` → `geloven`).
fn infinitives(stem: &str) -> Vec<String> {
    let bytes = stem.as_bytes();
    let mut found = Vec::new();
    let [.., v1, v2, last] = bytes else {
        return found;
    };
    let last = *last;
    if is_vowel(last) {
        // A stem ends in `ie` or `oe`, whose infinitive adds `n` (`zie`: `zien`), or in a
        // vowel and `i`, which adds `en` (`bloei`: `bloeien`); a single short vowel ends no
        // stem (`bezit` is no form of `bezien`), and `aa` stems are strong verbs, in the
        // table (`staat` is a noun too).
        match (*v2, last) {
            (b'i' | b'o', b'e') => found.push(format!("{stem}n")),
            (v, b'i') if is_vowel(v) => found.push(format!("{stem}en")),
            _ => {}
        }
        return found;
    }
    let head = &stem[..stem.len() - 1];
    let voiced = match last {
        b's' => Some('z'),
        b'f' => Some('v'),
        _ => None,
    };
    // A long vowel written double in a closed syllable is single in an open one.
    if v1 == v2 && matches!(v2, b'a' | b'e' | b'o' | b'u') {
        let short = &head[..head.len() - 1];
        if let Some(voiced) = voiced {
            found.push(format!("{short}{voiced}en"));
        }
        found.push(format!("{short}{}en", last as char));
        return found;
    }
    let single_vowel = is_vowel(*v2) && !is_vowel(*v1);
    if single_vowel {
        // A short vowel keeps its consonant doubled (`zet` → `zetten`); an unstressed one
        // does not (`wandel` → `wandelen`), so both are tried.
        found.push(format!("{stem}{}en", last as char));
    }
    if let Some(voiced) = voiced {
        // After a vowel, `ij`, `l` or `r`: `verhuizen`, `blijven`, `durven`.
        if is_vowel(*v2) || (*v1, *v2) == (b'i', b'j') || matches!(v2, b'l' | b'r') {
            found.push(format!("{head}{voiced}en"));
        }
    }
    found.push(format!("{stem}en"));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn irregular_table_is_sorted_without_duplicates() {
        for pair in IRREGULAR.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{:?} before {:?}", pair[0], pair[1]);
        }
    }

    #[test]
    fn open_syllable_spellings() {
        assert_eq!(infinitives("vraag"), ["vragen"]);
        assert_eq!(infinitives("beslis"), ["beslissen", "beslizen", "beslisen"]);
        assert_eq!(infinitives("verhuis"), ["verhuizen", "verhuisen"]);
        assert_eq!(infinitives("bouw"), ["bouwen"]);
        assert_eq!(infinitives("zet"), ["zetten", "zeten"]);
        assert_eq!(infinitives("leef"), ["leven", "lefen"]);
        assert_eq!(infinitives("schaf"), ["schaffen", "schaven", "schafen"]);
        assert_eq!(infinitives("blijf"), ["blijven", "blijfen"]);
        assert_eq!(infinitives("zie"), ["zien"]);
        assert_eq!(infinitives("bloei"), ["bloeien"]);
        assert!(infinitives("bezi").is_empty());
        assert!(infinitives("staa").is_empty());
    }
}
