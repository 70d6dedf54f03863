//! Snippets as HTML: the record's text escaped, and only the `<mark>` elements around matched
//! words as markup.

use maud::{html, Markup};
use raad_query::Fragment;

/// The fragment with its matched words in `<mark>`, every character of the record escaped.
pub(crate) fn marked(fragment: &Fragment) -> Markup {
    let mut pieces: Vec<(&str, &str)> = Vec::with_capacity(fragment.highlights.len());
    let mut at = 0;
    for range in &fragment.highlights {
        // As `Fragment::marked`: ranges out of order or off character boundaries are skipped.
        let (Some(gap), Some(word)) = (
            fragment.text.get(at..range.start),
            fragment.text.get(range.clone()),
        ) else {
            continue;
        };
        pieces.push((gap, word));
        at = range.end;
    }
    let rest = fragment.text.get(at..).unwrap_or("");
    html! {
        @for (gap, word) in &pieces { (gap) mark { (word) } }
        (rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_text_is_escaped_and_marks_are_not() {
        let fragment = Fragment {
            text: "<script>alert(1)</script> fietspad \"><img onerror=x> pad".to_string(),
            highlights: vec![26..34, 53..56],
        };
        assert_eq!(
            marked(&fragment).into_string(),
            "&lt;script&gt;alert(1)&lt;/script&gt; <mark>fietspad</mark> \
             &quot;&gt;&lt;img onerror=x&gt; <mark>pad</mark>"
        );
    }
}
