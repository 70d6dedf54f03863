//! Record ids: the code inside them, and the normalized key that lookups and upserts use.
//!
//! Councils write ids as `2016_MV_00146` (year, code, five-digit number) or `NR. 217/14`
//! (number/two-digit year); users type them as `2016 mv 146`. [`id_key`] maps all spellings of
//! one id to one key.

/// The code of an id of the form `YYYY_CODE_NNNNN` (`MV`, `SV`, `MC`, or any other letters),
/// upper-cased; `None` for ids without one.
pub fn code_of(id: &str) -> Option<String> {
    parse_coded(id).map(|(_, code, _)| code.to_ascii_uppercase())
}

/// The normalized key of an id: `2016_MV_00146`, `2016 mv 146` and `2016-MV-146` all give
/// `2016_mv_00146`; `NR. 217/14` and `nr 217/14` give `nr. 217/14`; anything else is
/// lower-cased with runs of white space folded to one space.
pub fn id_key(id: &str) -> String {
    if let Some((year, code, number)) = parse_coded(id) {
        return format!("{year}_{}_{number:05}", code.to_ascii_lowercase());
    }
    let lower = id.trim().to_lowercase();
    let folded: Vec<&str> = lower.split_whitespace().collect();
    let folded = folded.join(" ");
    if let Some(rest) = folded.strip_prefix("nr") {
        let rest = rest.trim_start_matches('.').trim_start();
        if let Some((number, year)) = rest.split_once('/') {
            let (number, year) = (number.trim(), year.trim());
            if is_digits(number) && is_digits(year) {
                let number = number.trim_start_matches('0');
                return format!(
                    "nr. {}/{year}",
                    if number.is_empty() { "0" } else { number }
                );
            }
        }
    }
    folded
}

/// Splits `YYYY<sep>CODE<sep>NUMBER` where sep is `_`, `-`, space or nothing.
fn parse_coded(id: &str) -> Option<(&str, &str, u64)> {
    let id = id.trim();
    let year = id.get(..4).filter(|y| is_digits(y))?;
    let rest = id[4..].trim_start_matches(['_', '-', ' ']);
    let code_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    if code_len == 0 || code_len > 8 {
        return None;
    }
    let code = &rest[..code_len];
    let number = rest[code_len..].trim_start_matches(['_', '-', ' ']);
    if !is_digits(number) || number.len() > 12 {
        return None;
    }
    Some((year, code, number.parse().ok()?))
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(code_of("2016_MV_00146").as_deref(), Some("MV"));
        assert_eq!(code_of("2015_MC_00353").as_deref(), Some("MC"));
        assert_eq!(code_of("2020_SV_00280").as_deref(), Some("SV"));
        assert_eq!(code_of("2022_IA_00007").as_deref(), Some("IA"));
        assert_eq!(code_of("NR. 217/14"), None);
        assert_eq!(code_of("dekamer-184501"), None);
    }

    #[test]
    fn keys_of_typed_forms_match() {
        for typed in [
            "2016_MV_00146",
            "2016 mv 146",
            "2016-MV-146",
            " 2016_mv_146 ",
            "2016MV00146",
        ] {
            assert_eq!(id_key(typed), "2016_mv_00146", "{typed}");
        }
        for typed in ["NR. 217/14", "nr 217/14", "Nr.217/14", "NR.  0217/14"] {
            assert_eq!(id_key(typed), "nr. 217/14", "{typed}");
        }
        assert_eq!(id_key("Dekamer-184501"), "dekamer-184501");
        assert_eq!(id_key("a  b"), "a b");
    }
}
