//! Control characters from the data, made visible before they reach a terminal.
//!
//! A record field or a file name may hold escape sequences (`\u{1b}]0;PWNED\u{7}` retitles a
//! terminal) or carriage returns that overwrite what was printed. Table output and every
//! stderr message show them escaped, as ripgrep and ls do: `\x1b`, `\x07`, `\r`, `\u{85}`,
//! and the bidirectional overrides that reorder text on screen as `\u{202e}`. JSON and CSV keep
//! the data exact: they are read by programs, and escape what their format needs.

use std::borrow::Cow;
use std::fmt::{self, Display, Write as _};

/// Whether `c` must not reach a terminal as it is. Tab and line feed are left to the caller
/// (see [`controls`]).
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    let _ = match c {
        '\n' => out.write_str("\\n"),
        '\r' => out.write_str("\\r"),
        '\t' => out.write_str("\\t"),
        c if u32::from(c) < 0x80 => write!(out, "\\x{:02x}", u32::from(c)),
        c => write!(out, "\\u{{{:x}}}", u32::from(c)),
    };
}

/// `text` with control characters escaped; line feeds and tabs too unless `keep_lines` (for
/// the paragraphs of a question or answer, whose lines are meant).
pub fn controls(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let escaped = |c: char| is_unsafe(c) && !(keep_lines && matches!(c, '\n' | '\t'));
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with control characters escaped except inside the `markers` raad put there itself
/// (the ANSI highlight around matched words in a snippet).
pub fn controls_keeping<'a>(text: &'a str, markers: &[&str]) -> Cow<'a, str> {
    let markers: Vec<&str> = markers.iter().copied().filter(|m| !m.is_empty()).collect();
    if markers.is_empty() {
        return controls(text, false);
    }
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(marker) = markers.iter().find(|m| rest.starts_with(**m)) {
            out.push_str(marker);
            rest = &rest[marker.len()..];
            continue;
        }
        if is_unsafe(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// A value shown in a message with its control characters escaped (line feeds included: a
/// message is one line).
pub struct Escaped<T>(pub T);

impl<T: Display> Display for Escaped<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0.to_string();
        f.write_str(&controls(&text, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_ripgrep() {
        assert_eq!(controls("\u{1b}]0;PWNED\u{7}", false), "\\x1b]0;PWNED\\x07");
        assert_eq!(controls("a\r\nb\tc\u{85}", false), "a\\r\\nb\\tc\\u{85}");
        assert_eq!(controls("a\nb\tc\r", true), "a\nb\tc\\r");
        assert_eq!(controls("abc\u{202e}cba", false), "abc\\u{202e}cba");
        assert!(matches!(
            controls("Fietspaden – één", false),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn keeps_own_markers() {
        let text = "\u{1b}[1mfiets\u{1b}[0m en \u{1b}]0;x\u{7}";
        assert_eq!(
            controls_keeping(text, &["\u{1b}[1m", "\u{1b}[0m"]),
            "\u{1b}[1mfiets\u{1b}[0m en \\x1b]0;x\\x07"
        );
        assert_eq!(Escaped("a\u{1b}b").to_string(), "a\\x1bb");
    }
}
