//! Several councils in one corpus: each its own generated council (the same fictional
//! council drawn with another seed) under a real municipality's name, written into a folder of
//! its own with a `raad.toml` naming it. Each council numbers its records from 1 each year,
//! so their ids overlap, as real councils' do.

use std::path::Path;

use raad_core::council::CONFIG_FILE;

use crate::error::Error;
use crate::generator::GeneratorBuilder;
use crate::writer::{write_corpus, CorpusFormat, CorpusSummary};

/// The names councils get, in order; past these, `Gemeente 21`, `Gemeente 22`, ….
const NAMES: [&str; 20] = [
    "Gent",
    "Antwerpen",
    "Brugge",
    "Leuven",
    "Mechelen",
    "Aalst",
    "Kortrijk",
    "Hasselt",
    "Sint-Niklaas",
    "Oostende",
    "Genk",
    "Roeselare",
    "Dendermonde",
    "Turnhout",
    "Beveren",
    "Lokeren",
    "Vilvoorde",
    "Herentals",
    "Geel",
    "Lier",
];

/// The names of `n` councils: Gent, Antwerpen, Brugge, …
pub fn council_names(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| match NAMES.get(i) {
            Some(name) => (*name).to_string(),
            None => format!("Gemeente {}", i + 1),
        })
        .collect()
}

/// The folder a council's files go in: its name in lower case, spaces as `-`.
pub fn council_folder(name: &str) -> String {
    name.to_lowercase().replace(' ', "-")
}

/// Writes `councils` councils (at least one) into `dir`, each in its folder
/// ([`council_folder`]) with a `raad.toml` naming it: `builder`'s records shared out evenly
/// (the first councils take the remainder), council `i` drawn with seed `seed + i`. The
/// records carry their council, so JSON Lines files name it too.
pub fn write_councils(
    dir: &Path,
    format: CorpusFormat,
    builder: &GeneratorBuilder,
    councils: usize,
) -> crate::Result<CorpusSummary> {
    let councils = councils.max(1);
    let mut summary = CorpusSummary {
        files: Vec::new(),
        records: 0,
        bytes: 0,
    };
    let total = builder.record_count();
    for (i, name) in council_names(councils).into_iter().enumerate() {
        let share = total / councils as u64 + u64::from((i as u64) < total % councils as u64);
        let folder = dir.join(council_folder(&name));
        std::fs::create_dir_all(&folder).map_err(|source| Error::Io {
            path: folder.clone(),
            source,
        })?;
        let config = folder.join(CONFIG_FILE);
        let text = format!("council = \"{name}\"\n");
        std::fs::write(&config, &text).map_err(|source| Error::Io {
            path: config.clone(),
            source,
        })?;
        let generator = builder
            .clone()
            .records(share)
            .seed(builder.seed_value().wrapping_add(i as u64))
            .build();
        let records = generator.map(|generated| {
            let mut record = generated.record;
            record.council = Some(name.clone());
            record
        });
        let written = write_corpus(&folder, format, records)?;
        summary.files.push(config);
        summary.files.extend(written.files);
        summary.records += written.records;
        summary.bytes += written.bytes + text.len() as u64;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use raad_core::council::CouncilFolders;
    use std::collections::HashSet;

    use raad_core::parse::{parse_file, ParseOptions};

    use super::*;

    #[test]
    fn councils_get_folders_names_and_overlapping_ids() {
        let dir = tempfile::tempdir().unwrap();
        let mut builder = GeneratorBuilder::new();
        builder.records(301).seed(7);
        let summary = write_councils(dir.path(), CorpusFormat::Opschrift, &builder, 3).unwrap();
        assert_eq!(summary.records, 301);
        assert_eq!(council_names(3), ["Gent", "Antwerpen", "Brugge"]);
        assert_eq!(council_names(21)[20], "Gemeente 21");

        let mut folders = CouncilFolders::new(&[dir.path().to_path_buf()]);
        let mut ids = Vec::new();
        for (name, records) in [("gent", 101), ("antwerpen", 100), ("brugge", 100)] {
            let file = dir
                .path()
                .join(name)
                .join(CorpusFormat::Opschrift.file_name(0));
            let settings = folders.settings_for(&file).unwrap().unwrap();
            let options = ParseOptions {
                council: settings.council.clone(),
                ..ParseOptions::default()
            };
            let parsed = parse_file(&file, &options);
            assert_eq!(parsed.records.len(), records, "{name}");
            assert!(parsed.records.iter().all(|r| r.council == settings.council));
            let set: HashSet<String> = parsed.records.iter().map(|r| r.id.clone()).collect();
            ids.push(set);
        }
        // Each council numbers from 1 each year: their ids overlap.
        assert!(ids[0].intersection(&ids[1]).count() > 10);
        assert!(ids[1].intersection(&ids[2]).count() > 10);
    }
}
