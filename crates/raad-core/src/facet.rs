//! [`Facet`]: the seven record fields a search counts values of.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A field whose values a search counts over its matches, and the index field of the same
/// name ([`crate::RaadSchema::facet_field`]). Written in lower case in JSON (`"party"`), as
/// requests name the facets to count and results key their counts.
///
/// Facets compare by name, so a map keyed by facet lists its keys alphabetically: the order of
/// the `facets` object in search results as JSON. [`Facet::ALL`] is the order to show them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Facet {
    /// The council of the record (an index of several councils).
    Council,
    /// The canonical party of an asking councillor.
    Party,
    /// The responsible alderman.
    Alderman,
    /// A topic of the record.
    Topic,
    /// An asking councillor.
    Councillor,
    /// The year of the meeting date.
    Year,
    /// The kind of record (`mondelinge vraag`, `schriftelijke vraag`, …).
    Kind,
}

impl Facet {
    /// Every facet, in the order `raad search --facets` shows them: which council, who asked, who answered,
    /// about what, then the finer and the formal ones.
    pub const ALL: [Facet; 7] = [
        Facet::Council,
        Facet::Party,
        Facet::Alderman,
        Facet::Topic,
        Facet::Councillor,
        Facet::Year,
        Facet::Kind,
    ];

    /// The lower-case name, as in JSON and the index: `council`, `party`, `alderman`, `topic`,
    /// `councillor`, `year` or `kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Facet::Party => "party",
            Facet::Alderman => "alderman",
            Facet::Topic => "topic",
            Facet::Councillor => "councillor",
            Facet::Year => "year",
            Facet::Kind => "kind",
            Facet::Council => "council",
        }
    }

    /// The facet named `name` (any case, surrounding white space ignored), if there is one.
    pub fn from_name(name: &str) -> Option<Facet> {
        Facet::ALL
            .into_iter()
            .find(|facet| facet.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for Facet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Ord for Facet {
    /// By name (see the type's documentation for why).
    fn cmp(&self, other: &Facet) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Facet {
    fn partial_cmp(&self, other: &Facet) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A facet name that is none of [`Facet::ALL`]; the message lists the valid ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown facet `{0}`; valid facets are: {names}", names = Facet::ALL.map(Facet::as_str).join(", "))]
pub struct UnknownFacet(pub String);

impl FromStr for Facet {
    type Err = UnknownFacet;

    fn from_str(name: &str) -> Result<Facet, UnknownFacet> {
        Facet::from_name(name).ok_or_else(|| UnknownFacet(name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn names_round_trip_through_text_and_json() {
        for facet in Facet::ALL {
            assert_eq!(facet.as_str().parse::<Facet>(), Ok(facet));
            assert_eq!(facet.to_string(), facet.as_str());
            assert_eq!(
                serde_json::to_string(&facet).unwrap(),
                format!("\"{}\"", facet.as_str())
            );
            assert_eq!(
                serde_json::from_str::<Facet>(&format!("\"{facet}\"")).unwrap(),
                facet
            );
        }
        assert_eq!(" Party ".parse::<Facet>(), Ok(Facet::Party));
    }

    #[test]
    fn an_unknown_name_lists_the_valid_ones() {
        let error = "colour".parse::<Facet>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown facet `colour`; valid facets are: council, party, alderman, topic, councillor, year, kind"
        );
        assert!(serde_json::from_str::<Facet>("\"colour\"").is_err());
    }

    #[test]
    fn a_map_keyed_by_facet_serializes_its_keys_alphabetically() {
        let counts: BTreeMap<Facet, u32> = Facet::ALL.into_iter().zip(1..).collect();
        let json = serde_json::to_string(&counts).unwrap();
        assert_eq!(
            json,
            r#"{"alderman":3,"council":1,"councillor":5,"kind":7,"party":2,"topic":4,"year":6}"#
        );
        assert_eq!(
            serde_json::from_str::<BTreeMap<Facet, u32>>(&json).unwrap(),
            counts
        );
    }
}
