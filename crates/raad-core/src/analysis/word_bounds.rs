//! UAX #29 word-bound segments, exactly as `unicode-segmentation`'s `split_word_bound_indices`
//! gives them, with the ASCII stretches of a text segmented here.
//!
//! Full UAX #29 looks every character up in Unicode tables and runs a state machine over it;
//! on council text, which is nearly all ASCII, that was a large share of the analyzer's time
//! (BENCHMARKS.md, "Analyzer throughput").
//!
//! Why handing single segments back and forth is exact: `unicode-segmentation` decides each
//! segment from the text that starts there alone (its forward iterator looks ahead, never back;
//! the category it caches between segments is the next character's own). So the segments of a
//! text are its first segment followed by the segments of the rest, and either side may take
//! any one segment. [`ascii_segment_len`] takes one only when every character the decision
//! looks at is ASCII; for ASCII the rules WB3–WB999 come down to:
//! - CR LF is one segment, and nothing else joins a CR, LF, VT or FF (WB3–WB3b);
//! - spaces run together (WB3d);
//! - letters, digits and `_` run together (WB5, WB8–WB10, WB13a, WB13b), across one `.`, `:`
//!   or `'` between letters (WB6, WB7) and one `.`, `,`, `;` or `'` between digits (WB11, WB12);
//! - any other character stands alone (WB999).
//!
//! The one rule that reaches past ASCII is WB4: an Extend, Format or ZWJ character (all
//! non-ASCII, such as a combining accent or a soft hyphen) joins whatever comes before it. So a
//! segment is only decided here when the byte after it is ASCII too, or the text ends.

use unicode_segmentation::UnicodeSegmentation;

/// The word-bound segments of a text with their byte offsets: the items of
/// `text.split_word_bound_indices()`, in order.
#[derive(Debug, Clone)]
pub(crate) struct WordBounds<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> WordBounds<'a> {
    pub(crate) fn new(text: &'a str) -> WordBounds<'a> {
        WordBounds { text, at: 0 }
    }
}

impl<'a> Iterator for WordBounds<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let rest = self.text.get(self.at..).filter(|rest| !rest.is_empty())?;
        let len = ascii_segment_len(rest.as_bytes())
            .or_else(|| rest.split_word_bounds().next().map(str::len))
            .unwrap_or(rest.len());
        let start = self.at;
        self.at += len;
        Some((start, &rest[..len]))
    }
}

/// The length of the first UAX #29 segment of a non-empty `text`, when ASCII alone decides it.
fn ascii_segment_len(text: &[u8]) -> Option<usize> {
    let len = match *text.first()? {
        b'\r' if text.get(1) == Some(&b'\n') => return Some(2),
        b'\r' | b'\n' | 0x0b | 0x0c => return Some(1),
        b' ' => text.iter().take_while(|&&b| b == b' ').count(),
        b if is_word_byte(b) => word_run_len(text)?,
        b if b.is_ascii() => 1,
        _ => return None,
    };
    match text.get(len) {
        Some(b) if !b.is_ascii() => None,
        _ => Some(len),
    }
}

/// The length of the run of letters, digits and `_` that starts `text`, with the punctuation
/// UAX #29 keeps inside it; `None` when a non-ASCII byte right after that punctuation decides.
fn word_run_len(text: &[u8]) -> Option<usize> {
    let mut len = 1;
    while let Some(&b) = text.get(len) {
        if is_word_byte(b) {
            len += 1;
            continue;
        }
        let before = text[len - 1];
        let may_join = match b {
            b'.' | b'\'' => before.is_ascii_alphanumeric(),
            b':' => before.is_ascii_alphabetic(),
            b',' | b';' => before.is_ascii_digit(),
            _ => false,
        };
        if !may_join {
            break;
        }
        match text.get(len + 1) {
            // A letter (`a.é`) or a combining mark (`a.\u{301}b`, WB4) might continue the word.
            Some(after) if !after.is_ascii() => return None,
            Some(&after) if joins_across(before, after) => len += 2,
            _ => break,
        }
    }
    Some(len)
}

/// Whether a `.`, `:`, `'`, `,` or `;` that may join after `before` joins `before` and `after`:
/// letters to letters (WB6, WB7) and digits to digits (WB11, WB12), never a letter to a digit.
fn joins_across(before: u8, after: u8) -> bool {
    (before.is_ascii_alphabetic() && after.is_ascii_alphabetic())
        || (before.is_ascii_digit() && after.is_ascii_digit())
}

/// ASCII ALetter, Numeric and ExtendNumLet: the bytes that run together into one word.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fast(text: &str) -> Vec<(usize, &str)> {
        WordBounds::new(text).collect()
    }

    fn uax29(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().collect()
    }

    #[test]
    fn ascii_words_numbers_and_punctuation() {
        assert_eq!(
            fast("Vraag:Kunt u 3.000,50 e.g. N-VA's 2016_MV_00146?\r\n"),
            [
                (0, "Vraag:Kunt"),
                (10, " "),
                (11, "u"),
                (12, " "),
                (13, "3.000,50"),
                (21, " "),
                (22, "e.g"),
                (25, "."),
                (26, " "),
                (27, "N"),
                (28, "-"),
                (29, "VA's"),
                (33, " "),
                (34, "2016_MV_00146"),
                (47, "?"),
                (48, "\r\n"),
            ]
        );
    }

    #[test]
    fn non_ascii_neighbours_are_left_to_unicode_segmentation() {
        // A letter after the dot continues the word; a combining accent joins the space before
        // it (WB4); a curly apostrophe is MidNumLet, so it joins letters.
        for text in [
            "a.é",
            "e\u{301}en",
            "a \u{301}b",
            "camera\u{2019}s",
            "één N-VA",
        ] {
            assert_eq!(fast(text), uax29(text), "segments of {text:?}");
        }
        assert_eq!(fast("a.é"), [(0, "a.é")]);
    }

    /// Pieces of text that stress the word-break rules: ASCII letters, digits and punctuation,
    /// CR and LF, Dutch accented letters, a curly apostrophe, a combining accent, a soft hyphen,
    /// ZWJ and an emoji, a Hebrew letter and quote, a regional indicator, wide and no-break
    /// spaces, and katakana.
    fn dutchish_piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a", "Z", "e", "k", "0", "7", "ij", ".", ",", ":", ";", "'", "\u{2019}", "-", "_", "&",
            "/", "\"", "?", " ", "  ", "\n", "\r", "\t", "\r\n", "\u{b}", "é", "ë", "ï", "ö", "ü",
            "É", "😀", "👍", "\u{301}", "\u{200d}", "\u{ad}", "\u{a0}", "\u{2010}", "\u{3000}",
            "\u{5d0}", "\u{5f4}", "🇧", "🇪", "カ", "ー", "€", "–",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        #[test]
        fn same_segments_as_unicode_segmentation_on_any_text(text in any::<String>()) {
            prop_assert_eq!(fast(&text), uax29(&text));
        }

        #[test]
        fn same_segments_as_unicode_segmentation_on_ascii(
            text in prop::collection::vec(0u8..=127, 0..60)
                .prop_map(|bytes| bytes.into_iter().map(char::from).collect::<String>())
        ) {
            prop_assert_eq!(fast(&text), uax29(&text));
        }

        #[test]
        fn same_segments_as_unicode_segmentation_on_dutchish_text(
            text in prop::collection::vec(dutchish_piece(), 0..40).prop_map(|pieces| pieces.concat())
        ) {
            prop_assert_eq!(fast(&text), uax29(&text));
        }
    }
}
