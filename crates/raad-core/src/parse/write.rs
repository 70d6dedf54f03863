//! Records → the opschrift export format, the inverse of the opschrift parser.

use std::fmt::Write as _;

use crate::date::Date;
use crate::record::Record;

/// Writes a record in the opschrift export format, so that parsing the text gives the record
/// back (with `source` set to where it was read, and `code` taken from the id).
///
/// Topics are written under a `Thema's:` label, which the parser reads but the council's export
/// does not have. The text fields are written as they are; the round trip holds for text such
/// as the parser itself produces: single-line titles and names, paragraphs that are not a label
/// on their own (`ANTWOORD`, `OPSCHRIFT`), and whose breaks the paragraph rules keep (a
/// paragraph that ends without punctuation and a next one that starts in lower case would be
/// joined). A record without a question gets `Vraag:` `.`, the export's "nothing here".
pub fn to_opschrift(record: &Record) -> String {
    let mut out = String::with_capacity(
        512 + record.question.as_ref().map_or(0, String::len)
            + record.answer.as_ref().map_or(0, String::len),
    );
    out.push_str("OPSCHRIFT\n\n");
    if let Some(date) = record.date {
        let _ = write!(out, "Vergadering van {}\n\n", Date::to_dutch(date));
    }
    let _ = write!(out, "Nummer: {}\n\n", record.id);
    if record.kind.is_some() || record.title.is_some() {
        out.push_str("Onderwerp:\n\n");
        if let Some(kind) = &record.kind {
            out.push_str(&capitalized(kind));
            let names: Vec<&str> = record.councillors.iter().map(|c| c.name.as_str()).collect();
            out.push_str(if names.len() > 1 {
                " van raadsleden "
            } else {
                " van raadslid "
            });
            out.push_str(&join_names(&names));
            out.push(':');
            if let Some(title) = &record.title {
                out.push(' ');
                out.push_str(title);
            }
        } else if let Some(title) = &record.title {
            out.push_str(title);
        }
        out.push_str("\n\n");
    }
    if !record.councillors.is_empty() {
        out.push_str("Raadslid(-leden):\n\n");
        for councillor in &record.councillors {
            out.push_str(&councillor.name);
            if let Some(party) = councillor
                .party_as_written
                .as_ref()
                .or(councillor.party.as_ref())
            {
                out.push_str(" - ");
                out.push_str(party);
            }
            out.push_str("\n\n");
        }
    }
    if let Some(alderman) = &record.alderman {
        let _ = write!(out, "Bevoegd:\n\n{alderman}\n\n");
    }
    list(&mut out, "Betrokken:", &record.involved_aldermen);
    list(&mut out, "Thema's:", &record.topics);
    out.push_str("OMSCHRIJVING VAN DE VRAAG\n\nToelichting:\n\n.\n\nVraag:\n\n");
    out.push_str(record.question.as_deref().unwrap_or("."));
    out.push_str("\n\n");
    if record.answer.is_some() || record.answer_date.is_some() {
        out.push_str("ANTWOORD\n\n");
        if let Some(date) = record.answer_date {
            let _ = write!(out, "{}\n\n", Date::to_dutch(date));
        }
        if let Some(answer) = &record.answer {
            out.push_str(answer);
            out.push('\n');
        }
    }
    out
}

fn list(out: &mut String, label: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(label);
    out.push_str("\n\n");
    for item in items {
        out.push_str(item);
        out.push('\n');
    }
    out.push('\n');
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `A`, `A en B`, `A, B en C`.
fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} en {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_dates() {
        assert_eq!(join_names(&["A", "B", "C"]), "A, B en C");
        assert_eq!(join_names(&["A", "B"]), "A en B");
        assert_eq!(
            Date::to_dutch(Date::from_ymd(2016, 3, 15).unwrap()),
            "15 maart 2016"
        );
        assert_eq!(capitalized("mondelinge vraag"), "Mondelinge vraag");
    }
}
