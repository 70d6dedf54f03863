//! The URLs the pages link to: record pages by id, and searches by their parameters.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::lang::Lang;

/// Everything but letters, digits and `-._~` is encoded in a path segment: ids are data, and
/// a `/` or `?` in one must not change which page a link opens.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The id as one path segment.
pub(crate) fn segment(id: &str) -> String {
    utf8_percent_encode(id, SEGMENT).to_string()
}

/// The stable page of a record: `/records/{id}`.
pub(crate) fn record_page(id: &str, lang: Option<Lang>) -> String {
    with_query(format!("/records/{}", segment(id)), &lang_pair(lang))
}

/// The record as JSON: `/api/v1/records/{id}`.
pub(crate) fn record_json(id: &str) -> String {
    format!("/api/v1/records/{}", segment(id))
}

/// `?lang=…` when the language was asked for in the URL (the browser's choice needs none).
pub(crate) fn lang_pair(lang: Option<Lang>) -> Vec<(&'static str, String)> {
    lang.map(|lang| ("lang", lang.code().to_string()))
        .into_iter()
        .collect()
}

/// `path` with the pairs as its query string (none when there are no pairs).
pub(crate) fn with_query(path: impl Into<String>, pairs: &[(&str, String)]) -> String {
    let mut url = path.into();
    if !pairs.is_empty() {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in pairs {
            query.append_pair(name, value);
        }
        url.push('?');
        url.push_str(&query.finish());
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_stay_one_segment() {
        assert_eq!(record_page("2016_MV_00146", None), "/records/2016_MV_00146");
        assert_eq!(
            record_page("a/../b?c", Some(Lang::En)),
            "/records/a%2F..%2Fb%3Fc?lang=en"
        );
        assert_eq!(
            with_query("/", &[("q", "fiets & pad".to_string())]),
            "/?q=fiets+%26+pad"
        );
    }
}
