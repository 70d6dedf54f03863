//! Markdown emphasis left by the PDF-to-text conversion: `**bold**`, `*italic*`, `***both***`.
//!
//! A run of one to three `*` opens emphasis when it is followed by a non-space and not preceded
//! by a letter or digit, and closes it when it is preceded by a non-space and not followed by a
//! letter or digit (CommonMark's flanking rules, stricter inside words). An opening and a
//! closing run of the same length are removed as a pair; every other `*` stays. So `5 * 3`,
//! `5*3`, a bullet `* punt`, a footnote mark `(*)` (punctuation on both sides) and a lone `*`
//! are kept as written. Underscores are not touched: ids such as `2016_MV_00146` are full of
//! them.

use std::borrow::Cow;

/// The text with emphasis markers removed.
pub(crate) fn strip_emphasis(text: &str) -> Cow<'_, str> {
    if !text.contains('*') {
        return Cow::Borrowed(text);
    }
    // Runs of `*`: (start, end) byte ranges.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'*' {
            let start = i;
            while i < bytes.len() && bytes[i] == b'*' {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    let mut removed = vec![false; runs.len()];
    // Open runs waiting for their closer, one stack per run length (1, 2, 3), so that a closer
    // finds its opener at the top of a stack: linear time on any input.
    let mut open: [Vec<usize>; 3] = Default::default();
    for (index, &(start, end)) in runs.iter().enumerate() {
        let len = end - start;
        if len > 3 {
            continue;
        }
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let punctuation =
            |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
        if punctuation(before) && punctuation(after) {
            // `(*)`, `[*]`: a footnote mark, not emphasis.
            continue;
        }
        let can_open = after.is_some_and(|c| !c.is_whitespace())
            && before.is_none_or(|c| !c.is_alphanumeric());
        let can_close = before.is_some_and(|c| !c.is_whitespace())
            && after.is_none_or(|c| !c.is_alphanumeric());
        if can_close {
            if let Some(opener) = open[len - 1].pop() {
                removed[opener] = true;
                removed[index] = true;
                // Openers of other lengths inside the pair stay as written, as in markdown.
                for stack in &mut open {
                    while stack.last().is_some_and(|&i| i > opener) {
                        stack.pop();
                    }
                }
                continue;
            }
        }
        if can_open {
            open[len - 1].push(index);
        }
    }
    if !removed.contains(&true) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (&(start, end), _) in runs.iter().zip(&removed).filter(|(_, &r)| r) {
        out.push_str(&text[copied..start]);
        copied = end;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The text with emphasis removed block by block: a block is a run of non-blank lines, the
/// span markdown emphasis can cover (a blank line ends it). Line breaks stay where they are, so
/// line numbers do not move; emphasis around a label, around part of a value, or opened on one
/// line and closed on the next is removed whole before lines are read.
pub(crate) fn strip_emphasis_by_block(text: &str) -> Cow<'_, str> {
    if !text.contains('*') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut block_start = 0;
    let mut line_start = 0;
    let mut changed = false;
    let mut push_block = |out: &mut String, block: &str| {
        let stripped = strip_emphasis(block);
        changed |= matches!(stripped, Cow::Owned(_));
        out.push_str(&stripped);
    };
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |at| line_start + at + 1);
        if text[line_start..line_end].trim().is_empty() {
            push_block(&mut out, &text[block_start..line_start]);
            out.push_str(&text[line_start..line_end]);
            block_start = line_end;
        }
        line_start = line_end;
    }
    push_block(&mut out, &text[block_start..]);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_removed_per_block_lines_kept() {
        let text =
            "**Onderwerp:**\nVraag: de **Muide\nen Meulestede**\n\n*open\n\ndicht* en 3 * 4\n";
        assert_eq!(
            strip_emphasis_by_block(text),
            "Onderwerp:\nVraag: de Muide\nen Meulestede\n\n*open\n\ndicht* en 3 * 4\n"
        );
        assert!(matches!(
            strip_emphasis_by_block("5 * 3\n\n(*)"),
            Cow::Borrowed(_)
        ));
    }

    #[track_caller]
    fn check(text: &str, expected: &str) {
        assert_eq!(strip_emphasis(text), expected, "{text}");
    }

    #[test]
    fn emphasis_removed() {
        check(
            "is **operationeel sinds 1 april 2014**.",
            "is operationeel sinds 1 april 2014.",
        );
        check(
            "*Welzijn en Gezondheid 2014 – 2019* staat",
            "Welzijn en Gezondheid 2014 – 2019 staat",
        );
        check("***beide***", "beide");
        check("**a *b* c**", "a b c");
        check("een **‘en-en’-verhaal**: we", "een ‘en-en’-verhaal: we");
        check("(*cursief*)", "(cursief)");
    }

    #[test]
    fn other_stars_kept() {
        check("5 * 3 = 15", "5 * 3 = 15");
        check("5*3*4", "5*3*4");
        check("* punt een", "* punt een");
        check("een ster*", "een ster*");
        check("*niet gesloten", "*niet gesloten");
        check("**a*", "**a*");
        check("*****", "*****");
        check(
            "(*) aantal zonder (*) en met",
            "(*) aantal zonder (*) en met",
        );
        check("zie [*] en [*]", "zie [*] en [*]");
        check("", "");
    }
}
