//! CSV: one row per hit with a header row, ready for a spreadsheet.

use std::io::Write;

use raad_query::Hit;

/// The header row.
pub const HEADER: [&str; 10] = [
    "id",
    "date",
    "kind",
    "title",
    "councillors",
    "parties",
    "alderman",
    "topics",
    "topic_source",
    "snippet",
];

/// Writes the header and one row per hit; lists inside a cell are joined with "; ".
pub fn write_hits(out: impl Write, hits: &[Hit]) -> anyhow::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for hit in hits {
        let names: Vec<&str> = hit.councillors.iter().map(|c| c.name.as_str()).collect();
        let parties: Vec<&str> = hit
            .councillors
            .iter()
            .filter_map(|c| c.party.as_deref())
            .collect();
        writer.write_record([
            hit.id.as_str(),
            &hit.date.map(|d| d.to_string()).unwrap_or_default(),
            hit.kind.as_deref().unwrap_or(""),
            hit.title.as_deref().unwrap_or(""),
            &names.join("; "),
            &parties.join("; "),
            hit.alderman.as_deref().unwrap_or(""),
            &hit.topics.join("; "),
            hit.topic_source.map_or("", |source| source.as_str()),
            &hit.fragment.text,
        ])?;
    }
    writer.flush()?;
    Ok(())
}
