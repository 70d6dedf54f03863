//! The page's languages: Dutch first, English when asked for by `?lang=en` or by the browser's
//! `Accept-Language`, and every text the pages show in both.

use raad_query::{Facet, Sort, TopicSource};

/// A language the pages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// The code in `?lang=` and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// The language of a `?lang=` value.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language an `Accept-Language` header prefers among Dutch and English: the one with
    /// the highest weight, the first listed on a tie; Dutch when it names neither.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let weight = parts
                .filter_map(|part| part.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let Some(lang) = Lang::from_code(primary) else {
                continue;
            };
            if weight > 0.0 && best.is_none_or(|(seen, _)| weight > seen) {
                best = Some((weight, lang));
            }
        }
        best.map_or(Lang::Nl, |(_, lang)| lang)
    }

    /// A date as readers of this language write it: `7 maart 2016`, or `2016-03-07` (ISO, as
    /// in the data) in English.
    pub fn date(self, date: raad_query::Date) -> String {
        match self {
            Lang::Nl => date.to_dutch(),
            Lang::En => date.to_string(),
        }
    }

    /// Every text of the pages in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Nl => &NL,
            Lang::En => &EN,
        }
    }
}

/// The words of the pages in one language.
pub(crate) struct Texts {
    pub title: &'static str,
    pub tagline: &'static str,
    pub search_label: &'static str,
    pub search_button: &'static str,
    pub search_help: &'static str,
    pub any_word: &'static str,
    pub any_word_note: &'static str,
    pub date_from: &'static str,
    pub date_to: &'static str,
    pub date_help: &'static str,
    pub sort_label: &'static str,
    pub filters: &'static str,
    pub remove_filter: &'static str,
    pub clear_filters: &'static str,
    pub record: &'static str,
    pub records: &'static str,
    pub nearest: &'static str,
    pub did_you_mean: &'static str,
    pub unknown_value: &'static str,
    pub closest_values: &'static str,
    pub download: &'static str,
    pub download_csv: &'static str,
    pub download_excel: &'static str,
    pub download_json: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    pub error: &'static str,
    pub column: &'static str,
    pub asked_by: &'static str,
    pub alderman: &'static str,
    pub involved: &'static str,
    pub topics: &'static str,
    pub topic_source: &'static str,
    pub topic_confidence: &'static str,
    pub date: &'static str,
    pub kind: &'static str,
    pub id: &'static str,
    pub answer_date: &'static str,
    pub answer_delay: &'static str,
    pub days: &'static str,
    pub unanswered: &'static str,
    pub source: &'static str,
    pub question: &'static str,
    pub answer: &'static str,
    pub similar: &'static str,
    pub no_similar: &'static str,
    pub cite: &'static str,
    pub as_json: &'static str,
    pub back_to_search: &'static str,
    pub nav_search: &'static str,
    pub other_language: &'static str,
    pub other_language_code: Lang,
    pub untitled: &'static str,
    pub skip_to_results: &'static str,
}

impl Texts {
    /// "1 record", "N records".
    pub fn count(&self, n: usize) -> String {
        format!("{n} {}", if n == 1 { self.record } else { self.records })
    }

    /// A facet's heading.
    pub fn facet(&self, facet: Facet) -> &'static str {
        let nl = std::ptr::eq(self, &NL);
        match (facet, nl) {
            (Facet::Council, true) => "Gemeente",
            (Facet::Council, false) => "Council",
            (Facet::Party, true) => "Partij",
            (Facet::Party, false) => "Party",
            (Facet::Alderman, true) => "Schepen",
            (Facet::Alderman, false) => "Alderman",
            (Facet::Topic, true) => "Thema",
            (Facet::Topic, false) => "Topic",
            (Facet::Councillor, true) => "Raadslid",
            (Facet::Councillor, false) => "Councillor",
            (Facet::Year, true) => "Jaar",
            (Facet::Year, false) => "Year",
            (Facet::Kind, true) => "Soort",
            (Facet::Kind, false) => "Kind",
        }
    }

    /// A sort order's name.
    pub fn sort(&self, sort: Sort) -> &'static str {
        let nl = std::ptr::eq(self, &NL);
        match (sort, nl) {
            (Sort::Relevance, true) => "Best passend",
            (Sort::Relevance, false) => "Best match",
            (Sort::Newest, true) => "Nieuwste eerst",
            (Sort::Newest, false) => "Newest first",
            (Sort::Oldest, true) => "Oudste eerst",
            (Sort::Oldest, false) => "Oldest first",
        }
    }

    /// Where a record's topics came from, worded so that raad's own labels are never taken
    /// for the council's.
    pub fn topic_source_name(&self, source: TopicSource) -> &'static str {
        let nl = std::ptr::eq(self, &NL);
        match (source, nl) {
            (TopicSource::Given, true) => "door de raad gegeven",
            (TopicSource::Given, false) => "given by the council",
            (TopicSource::Inferred, true) => "door raad afgeleid uit gelijkaardige records",
            (TopicSource::Inferred, false) => "inferred by raad from similar records",
            (TopicSource::Rules, true) => "door raad toegekend op trefwoorden",
            (TopicSource::Rules, false) => "assigned by raad from keywords",
        }
    }
}

static NL: Texts = Texts {
    title: "Raadsvragen doorzoeken",
    tagline: "Vragen en antwoorden van de gemeenteraad",
    search_label: "Zoek in vragen en antwoorden",
    search_button: "Zoeken",
    search_help:
        "Alle woorden moeten voorkomen. \"Woorden tussen aanhalingstekens\" als zinsdeel, \
                  -woord om uit te sluiten, partij:Groen om te filteren.",
    any_word: "Elk woord volstaat",
    any_word_note: "ook records met maar een deel van de woorden",
    date_from: "Vanaf",
    date_to: "Tot en met",
    date_help: "2016, 2016-03 of 2016-03-15",
    sort_label: "Volgorde",
    filters: "Filters",
    remove_filter: "Filter verwijderen",
    clear_filters: "Alle filters wissen",
    record: "record",
    records: "records",
    nearest: "Geen record bevat alle woorden. Dit zijn de records die het dichtst in de buurt \
              komen; ze ontbreken:",
    did_you_mean: "Bedoelde u",
    unknown_value: "Geen enkel record heeft deze waarde",
    closest_values: "dichtstbijzijnde waarden",
    download: "Downloaden",
    download_csv: "CSV (alle resultaten)",
    download_excel: "CSV voor Excel",
    download_json: "JSON (deze pagina)",
    previous: "Vorige",
    next: "Volgende",
    page: "Pagina",
    of: "van",
    error: "Fout",
    column: "kolom",
    asked_by: "Gesteld door",
    alderman: "Schepen",
    involved: "Betrokken schepenen",
    topics: "Thema's",
    topic_source: "Herkomst van de thema's",
    topic_confidence: "Zekerheid",
    date: "Datum",
    kind: "Soort",
    id: "Nummer",
    answer_date: "Datum antwoord",
    answer_delay: "Antwoordtermijn",
    days: "dagen",
    unanswered: "nog niet beantwoord",
    source: "Bronbestand",
    question: "Vraag",
    answer: "Antwoord",
    similar: "Gelijkaardige records",
    no_similar: "Geen gelijkaardige records gevonden.",
    cite: "Vaste link om te citeren",
    as_json: "Dit record als JSON",
    back_to_search: "Terug naar zoeken",
    nav_search: "Zoeken",
    other_language: "English",
    other_language_code: Lang::En,
    untitled: "(zonder titel)",
    skip_to_results: "Naar de resultaten",
};

static EN: Texts = Texts {
    title: "Search council questions",
    tagline: "Questions and answers of the city council",
    search_label: "Search questions and answers",
    search_button: "Search",
    search_help: "Every word must occur. \"Words in quotes\" as a phrase, -word to exclude, \
                  partij:Groen to filter.",
    any_word: "Any word will do",
    any_word_note: "also records with only some of the words",
    date_from: "From",
    date_to: "Up to",
    date_help: "2016, 2016-03 or 2016-03-15",
    sort_label: "Order",
    filters: "Filters",
    remove_filter: "Remove filter",
    clear_filters: "Clear all filters",
    record: "record",
    records: "records",
    nearest: "No record holds every word. These records come nearest; they lack:",
    did_you_mean: "Did you mean",
    unknown_value: "No record has this value",
    closest_values: "closest values",
    download: "Download",
    download_csv: "CSV (all results)",
    download_excel: "CSV for Excel",
    download_json: "JSON (this page)",
    previous: "Previous",
    next: "Next",
    page: "Page",
    of: "of",
    error: "Error",
    column: "column",
    asked_by: "Asked by",
    alderman: "Alderman",
    involved: "Involved aldermen",
    topics: "Topics",
    topic_source: "Where the topics come from",
    topic_confidence: "Confidence",
    date: "Date",
    kind: "Kind",
    id: "Number",
    answer_date: "Answer date",
    answer_delay: "Time to answer",
    days: "days",
    unanswered: "not answered yet",
    source: "Source file",
    question: "Question",
    answer: "Answer",
    similar: "Similar records",
    no_similar: "No similar records found.",
    cite: "Permanent link to cite",
    as_json: "This record as JSON",
    back_to_search: "Back to search",
    nav_search: "Search",
    other_language: "Nederlands",
    other_language_code: Lang::Nl,
    untitled: "(untitled)",
    skip_to_results: "Skip to results",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_language_with_the_highest_weight_wins() {
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Lang::En);
        assert_eq!(
            Lang::from_accept_language("fr-BE,nl;q=0.8,en;q=0.7"),
            Lang::Nl
        );
        assert_eq!(
            Lang::from_accept_language("fr, en;q=0.5, nl;q=0.9"),
            Lang::Nl
        );
        assert_eq!(Lang::from_accept_language("de-DE"), Lang::Nl);
        assert_eq!(Lang::from_accept_language("en;q=0"), Lang::Nl);
        assert_eq!(Lang::from_accept_language(""), Lang::Nl);
    }
}
