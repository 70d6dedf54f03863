//! What a watch remembers between runs, and its compact JSON form: the recorded ids in two
//! sorted lists (answered, unanswered) and the fingerprints apart, since a watch of a broad
//! subject records hundreds of thousands of ids and reading them back is part of every run.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a watch remembers between runs: every record it has recorded, by id key.
///
/// In JSON: `{"answered": [ids…], "unanswered": [ids…], "hashes": {id: fingerprint}}`, the
/// lists sorted; the form `{"records": {id: {"answered": …, "hash": …}}}` of raad 0.1's
/// first watches is read too.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WatchState {
    /// Per record key ([`raad_core::council::record_key`]; the id key
    /// [`raad_core::id::id_key`] for a record without council): how the record stood when
    /// last recorded. The same id in two councils is two records here.
    pub records: BTreeMap<String, Seen>,
}

/// How a record stood when a watch last recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Seen {
    /// Whether it had an answer.
    pub answered: bool,
    /// The fingerprint of its content ([`super::content_hash`]), kept by watches that report
    /// changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
}

/// The JSON form written.
#[derive(Serialize)]
struct Written<'a> {
    answered: Vec<&'a str>,
    unanswered: Vec<&'a str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    hashes: BTreeMap<&'a str, &'a str>,
}

/// The JSON forms read.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Read {
    answered: Vec<String>,
    unanswered: Vec<String>,
    hashes: BTreeMap<String, String>,
    /// The first form: one object per id.
    records: Option<BTreeMap<String, Seen>>,
}

impl Serialize for WatchState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut written = Written {
            answered: Vec::new(),
            unanswered: Vec::new(),
            hashes: BTreeMap::new(),
        };
        for (key, seen) in &self.records {
            if seen.answered {
                written.answered.push(key);
            } else {
                written.unanswered.push(key);
            }
            if let Some(hash) = &seen.hash {
                written.hashes.insert(key, hash);
            }
        }
        written.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for WatchState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<WatchState, D::Error> {
        let mut read = Read::deserialize(deserializer)?;
        let mut records = read.records.take().unwrap_or_default();
        let mut listed: Vec<(String, Seen)> =
            Vec::with_capacity(read.answered.len() + read.unanswered.len());
        for (keys, answered) in [(read.answered, true), (read.unanswered, false)] {
            listed.extend(keys.into_iter().map(|key| {
                let hash = read.hashes.remove(&key);
                (key, Seen { answered, hash })
            }));
        }
        // Written sorted, so the sort is a check; a hand-edited file is sorted here.
        listed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        if records.is_empty() {
            records = listed.into_iter().collect();
        } else {
            records.extend(listed);
        }
        Ok(WatchState { records })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(answered: bool, hash: Option<&str>) -> Seen {
        Seen {
            answered,
            hash: hash.map(str::to_string),
        }
    }

    #[test]
    fn writes_two_sorted_lists_and_the_fingerprints_apart() {
        let mut state = WatchState::default();
        state
            .records
            .insert("2016_MV_00146".into(), seen(false, None));
        state
            .records
            .insert("2015_SV_00001".into(), seen(true, Some("00ff")));
        state
            .records
            .insert("2017_SV_00002".into(), seen(true, None));
        let json = serde_json::to_string(&state).unwrap();
        assert_eq!(
            json,
            r#"{"answered":["2015_SV_00001","2017_SV_00002"],"unanswered":["2016_MV_00146"],"hashes":{"2015_SV_00001":"00ff"}}"#
        );
        let back: WatchState = serde_json::from_str(&json).unwrap();
        assert_eq!(back, state);
    }

    #[test]
    fn reads_the_first_form_of_one_object_per_id() {
        let json = r#"{"records":{"2016_MV_00146":{"answered":false},"2015_SV_00001":{"answered":true,"hash":"00ff"}}}"#;
        let state: WatchState = serde_json::from_str(json).unwrap();
        assert_eq!(state.records.len(), 2);
        assert_eq!(state.records["2016_MV_00146"], seen(false, None));
        assert_eq!(state.records["2015_SV_00001"], seen(true, Some("00ff")));
    }

    #[test]
    fn an_empty_object_is_an_empty_state() {
        let state: WatchState = serde_json::from_str("{}").unwrap();
        assert!(state.records.is_empty());
    }
}
