//! Reading the corpus (JSON Lines records) and the query sets (`query<TAB>id,id,...`).

use std::path::Path;

use raad_core::Record;

use super::HarnessError;

/// One query with the ids of the records relevant to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    /// The query text, as a user would type it.
    pub text: String,
    /// Ids of the relevant records.
    pub relevant: Vec<String>,
}

fn read(path: &Path) -> Result<String, HarnessError> {
    std::fs::read_to_string(path).map_err(|source| HarnessError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// The records of a JSON Lines file (blank lines skipped).
pub fn read_records(path: &Path) -> Result<Vec<Record>, HarnessError> {
    let text = read(path)?;
    let mut records = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record = serde_json::from_str(line).map_err(|error| HarnessError::Record {
            path: path.to_path_buf(),
            line: index + 1,
            message: error.to_string(),
        })?;
        records.push(record);
    }
    Ok(records)
}

/// The queries of a `query<TAB>id,id,...` file.
pub fn read_queries(path: &Path) -> Result<Vec<Judged>, HarnessError> {
    let text = read(path)?;
    let mut queries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || HarnessError::Query {
            path: path.to_path_buf(),
            line: index + 1,
        };
        let (query, ids) = line.split_once('\t').ok_or_else(bad)?;
        let relevant: Vec<String> = ids
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(String::from)
            .collect();
        if query.trim().is_empty() || relevant.is_empty() {
            return Err(bad());
        }
        queries.push(Judged {
            text: query.to_string(),
            relevant,
        });
    }
    Ok(queries)
}
