//! The synonym table `raad search` searches with: the built-in one, replaced by `--synonyms`,
//! extended by `--add-synonyms`, or none with `--no-synonyms`.

use anyhow::Context;
use raad_query::Synonyms;

use crate::cli::SynonymTables;

/// The synonyms the options ask for. A bad file's error names its path and line.
pub fn load_synonyms(tables: &SynonymTables) -> anyhow::Result<Synonyms> {
    if tables.no_synonyms {
        return Ok(Synonyms::empty());
    }
    let mut synonyms = match &tables.synonyms {
        Some(path) => Synonyms::from_file(path)
            .with_context(|| format!("cannot use the synonyms in {}", path.display()))?,
        None => Synonyms::built_in(),
    };
    for path in &tables.add_synonyms {
        synonyms
            .extend_from_file(path)
            .with_context(|| format!("cannot use the synonyms in {}", path.display()))?;
    }
    Ok(synonyms)
}
