//! Bytes → text: encodings, byte-order marks, binary detection, line ends.

use std::borrow::Cow;

use encoding_rs::{Encoding, WINDOWS_1252};

use crate::error::ParseErrorKind;

/// How many leading bytes the binary check looks at (as git does, a prefix is enough).
const SNIFF_LEN: usize = 8192;

/// Decodes a file's bytes to text.
///
/// - UTF-16 with a byte-order mark is decoded as such (Notepad's "Unicode").
/// - A UTF-8 byte-order mark is dropped.
/// - Bytes that are not valid UTF-8 are read as Windows-1252, the encoding of files saved by
///   older Windows programs (every byte decodes, so this never fails), unless most of the
///   non-ASCII text is valid UTF-8: then the few bad bytes become U+FFFD.
/// - A NUL byte, or more than 10 % control characters, in the first 8 KiB means binary data:
///   [`ParseErrorKind::NotText`].
/// - No content, or only white space: [`ParseErrorKind::Empty`].
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ParseErrorKind> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            return check_text(text);
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseErrorKind::Empty);
    }
    if looks_binary(&bytes[..bytes.len().min(SNIFF_LEN)]) {
        return Err(ParseErrorKind::NotText);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) if mostly_utf8(bytes) => Ok(String::from_utf8_lossy(bytes)),
        Err(_) => Ok(WINDOWS_1252.decode_without_bom_handling(bytes).0),
    }
}

/// Whether text that is not valid UTF-8 still has more valid multi-byte UTF-8 characters than
/// invalid bytes: a UTF-8 file with a stray byte (which becomes U+FFFD) rather than a
/// Windows-1252 file, where such byte sequences (`Ã©`) are rare.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    valid > invalid
}

/// The checks of [`decode`] for text that came out of a UTF-16 decoder.
fn check_text(text: Cow<'_, str>) -> Result<Cow<'_, str>, ParseErrorKind> {
    if text.trim().is_empty() {
        return Err(ParseErrorKind::Empty);
    }
    let sniff: Vec<u8> = text
        .chars()
        .take(SNIFF_LEN)
        .map(|c| {
            if c.is_control() && (c as u32) < 0x80 {
                c as u8
            } else {
                b'a'
            }
        })
        .collect();
    if looks_binary(&sniff) {
        return Err(ParseErrorKind::NotText);
    }
    Ok(text)
}

fn looks_binary(sample: &[u8]) -> bool {
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    controls * 10 > sample.len()
}

/// The lines of a text with their 1-based numbers; `\n` and `\r\n` both end a line.
pub(crate) fn numbered_lines(text: &str) -> impl Iterator<Item = (u32, &str)> {
    text.split('\n').enumerate().map(|(index, line)| {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        (number, line.strip_suffix('\r').unwrap_or(line))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("één".as_bytes()).unwrap(), "één");
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
    }

    #[test]
    fn windows_1252_fallback() {
        // "coöperatie – ‘x’" in Windows-1252: ö = F6, en dash = 96, quotes = 91/92.
        let bytes = b"co\xF6peratie \x96 \x91x\x92";
        assert_eq!(decode(bytes).unwrap(), "coöperatie – ‘x’");
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        let bytes = b"\xC3\xA9\xC3\xA9n co\xC3\xB6peratie \xFF";
        assert_eq!(decode(bytes).unwrap(), "één coöperatie \u{FFFD}");
        // One valid-looking pair among several Windows-1252 bytes: Windows-1252.
        assert_eq!(decode(b"\xE9\xE9n \xC3\xA9 \xF6").unwrap(), "één Ã© ö");
    }

    #[test]
    fn utf16_with_bom() {
        let bytes = b"\xFF\xFEO\0K\0";
        assert_eq!(decode(bytes).unwrap(), "OK");
    }

    #[test]
    fn empty_and_binary() {
        assert_eq!(decode(b""), Err(ParseErrorKind::Empty));
        assert_eq!(decode(b" \r\n\t"), Err(ParseErrorKind::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(ParseErrorKind::Empty));
        assert_eq!(decode(b"PK\x03\x04\0\0abc"), Err(ParseErrorKind::NotText));
        assert_eq!(
            decode(b"\x01\x02\x03\x04abcdef"),
            Err(ParseErrorKind::NotText)
        );
    }

    #[test]
    fn crlf_lines() {
        let lines: Vec<_> = numbered_lines("a\r\nb\n\r\nc").collect();
        assert_eq!(lines, vec![(1, "a"), (2, "b"), (3, ""), (4, "c")]);
    }
}
