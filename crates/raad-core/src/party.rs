//! Party names: one canonical spelling per party for facets, the spelling as written kept beside it.
//!
//! Records write parties in many ways (`Open VLD`, `VB`, `SP.A`, `PVDA+`). Journalists count and
//! filter by party across years, so the parser maps each spelling to a canonical name through a
//! [`PartyTable`]: a built-in alias table that a user can extend with a TSV file.
//!
//! Lookup ignores case and white space (`open  vld`, `OpenVLD` and `Open VLD` are one key).
//! A party that the table does not know is kept as written (trimmed, inner white space folded).
//!
//! Renames and the built-in choices:
//! - `sp.a` (`SP.A`, `spa`) → `Vooruit`: the party renamed itself on 21 March 2021, and a facet
//!   that counts one party across the rename is what journalists compare.
//! - `Open Vld` stays `Open Vld` and `Anders` stays `Anders`: the 2026 rename is recent and
//!   came with a new list, so it is not merged automatically; a user who wants one facet adds
//!   `Anders<TAB>Open Vld` (or the reverse) to an alias file.
//! - Cartels and joint lists (`sp.a-Groen`, `Voor Gent`) are parties of their own: their seats
//!   cannot be split between the members.
//! - `PVDA+` → `PVDA`, `VB` → `Vlaams Belang`; the federal groups of the dekamer data keep their
//!   names (`MR`, `PS`, `Ecolo-Groen`, `PTB-GO!`, `Vuye&Wouters`), with `CDH` → `cdH`,
//!   `DEFI` → `DéFI` and `ONAFH` → `Onafhankelijk`.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;

use crate::error::Error;

/// Built-in aliases: (spelling, canonical). Each canonical name is also an alias of itself.
const BUILT_IN: &[(&str, &str)] = &[
    ("N-VA", "N-VA"),
    ("NVA", "N-VA"),
    ("Groen", "Groen"),
    ("CD&V", "CD&V"),
    ("CDenV", "CD&V"),
    ("Vlaams Belang", "Vlaams Belang"),
    ("VB", "Vlaams Belang"),
    ("PVDA", "PVDA"),
    ("PVDA+", "PVDA"),
    ("Open Vld", "Open Vld"),
    ("VLD", "Open Vld"),
    ("Anders", "Anders"),
    ("Vooruit", "Vooruit"),
    ("sp.a", "Vooruit"),
    ("spa", "Vooruit"),
    ("sp.a-Groen", "sp.a-Groen"),
    ("Voor Gent", "Voor Gent"),
    ("MR", "MR"),
    ("PS", "PS"),
    ("Ecolo-Groen", "Ecolo-Groen"),
    ("Ecolo", "Ecolo"),
    ("cdH", "cdH"),
    ("DéFI", "DéFI"),
    ("DEFI", "DéFI"),
    ("PTB-GO!", "PTB-GO!"),
    ("PTB", "PTB"),
    ("Vuye&Wouters", "Vuye&Wouters"),
    ("ONAFH", "Onafhankelijk"),
    ("Onafhankelijk", "Onafhankelijk"),
];

/// Maps party spellings to canonical names: the built-in aliases plus any the user adds.
///
/// `PartyTable::default()` holds the built-in aliases (see the [module docs](self)).
#[derive(Debug, Clone)]
pub struct PartyTable {
    /// Lookup key (lower-cased, white space removed) → canonical name.
    aliases: HashMap<String, String>,
}

impl PartyTable {
    /// A hash of the table's entries, the same for equal tables in every process (the
    /// indexer re-reads files when the table it parsed them with changes).
    pub fn fingerprint(&self) -> u64 {
        let mut entries: Vec<(&String, &String)> = self.aliases.iter().collect();
        entries.sort_unstable();
        let mut hasher = rustc_hash::FxHasher::default();
        for (alias, canonical) in entries {
            alias.hash(&mut hasher);
            canonical.hash(&mut hasher);
        }
        hasher.finish()
    }
}

impl Default for PartyTable {
    fn default() -> PartyTable {
        let mut table = PartyTable::empty();
        for (alias, canonical) in BUILT_IN {
            table.insert(alias, canonical);
        }
        table
    }
}

impl PartyTable {
    /// A table without any alias: every party is kept as written.
    pub fn empty() -> PartyTable {
        PartyTable {
            aliases: HashMap::new(),
        }
    }

    /// The built-in table extended with the aliases of a TSV file (see [`PartyTable::load_tsv`]).
    pub fn from_tsv(path: &Path) -> crate::Result<PartyTable> {
        let mut table = PartyTable::default();
        table.load_tsv(path)?;
        Ok(table)
    }

    /// The canonical name of a party as written; a party the table does not know is returned
    /// trimmed, with runs of white space folded to one space.
    pub fn canonical(&self, as_written: &str) -> String {
        match self.aliases.get(&key(as_written)) {
            Some(canonical) => canonical.clone(),
            None => fold_spaces(as_written),
        }
    }

    /// Adds (or replaces) an alias; the canonical name becomes an alias of itself too.
    ///
    /// When `alias` is itself a canonical name, its whole group follows: after
    /// `insert("Vooruit", "sp.a")`, `SP.A`, `spa` and `Vooruit` all give `sp.a`.
    pub fn insert(&mut self, alias: &str, canonical: &str) {
        let canonical = fold_spaces(canonical);
        let alias_key = key(alias);
        let renamed = self
            .aliases
            .get(&alias_key)
            .filter(|name| key(name) == alias_key)
            .cloned();
        if let Some(old) = renamed {
            for name in self.aliases.values_mut() {
                if *name == old {
                    name.clone_from(&canonical);
                }
            }
        }
        self.aliases.insert(alias_key, canonical.clone());
        self.aliases.insert(key(&canonical), canonical);
    }

    /// Adds the aliases of a file with one `ALIAS<TAB>CANONICAL` pair per line; blank lines and
    /// lines starting with `#` are ignored. A user alias replaces a built-in one.
    ///
    /// A line without a tab, with an empty side or with more than two columns is an
    /// [`Error::Table`] naming the line; nothing of the file is added then.
    pub fn load_tsv(&mut self, path: &Path) -> crate::Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let pairs = parse_tsv(&text).map_err(|(line, message)| Error::Table {
            path: path.to_path_buf(),
            line,
            message,
        })?;
        for (alias, canonical) in pairs {
            self.insert(alias, canonical);
        }
        Ok(())
    }
}

/// The (alias, canonical) pairs of an alias file, or the 1-based line and message of its first
/// bad line.
fn parse_tsv(text: &str) -> Result<Vec<(&str, &str)>, (u32, String)> {
    let mut pairs = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut columns = line.split('\t');
        let (alias, canonical) = match (columns.next(), columns.next(), columns.next()) {
            (Some(alias), Some(canonical), None) => (alias.trim(), canonical.trim()),
            (_, None, _) => {
                return Err((
                    number,
                    "expected `ALIAS<TAB>CANONICAL`, found no tab".to_string(),
                ))
            }
            _ => {
                return Err((
                    number,
                    "expected two columns `ALIAS<TAB>CANONICAL`, found more".to_string(),
                ))
            }
        };
        if alias.is_empty() || canonical.is_empty() {
            return Err((
                number,
                "both the alias and the canonical name must be non-empty".to_string(),
            ));
        }
        pairs.push((alias, canonical));
    }
    Ok(pairs)
}

/// The lookup key: lower-cased, all white space removed.
fn key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn fold_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_depend_on_the_entries_not_their_order() {
        let mut one = PartyTable::empty();
        one.insert("sp.a", "Vooruit");
        one.insert("Groen!", "Groen");
        let mut other = PartyTable::empty();
        other.insert("Groen!", "Groen");
        other.insert("sp.a", "Vooruit");
        assert_eq!(one.fingerprint(), other.fingerprint());
        other.insert("spirit", "Vooruit");
        assert_ne!(one.fingerprint(), other.fingerprint());
        assert_eq!(
            PartyTable::default().fingerprint(),
            PartyTable::default().fingerprint()
        );
    }

    #[test]
    fn built_in_aliases() {
        let table = PartyTable::default();
        for (written, canonical) in [
            ("Open VLD", "Open Vld"),
            ("open  vld", "Open Vld"),
            ("Open Vld", "Open Vld"),
            ("VB", "Vlaams Belang"),
            ("vb", "Vlaams Belang"),
            ("sp.a", "Vooruit"),
            ("SP.A", "Vooruit"),
            ("PVDA+", "PVDA"),
            ("CDH", "cdH"),
            ("DEFI", "DéFI"),
            ("défi", "DéFI"),
            ("PTB-GO!", "PTB-GO!"),
            ("Vuye & Wouters", "Vuye&Wouters"),
            ("Anders", "Anders"),
            ("sp.a-Groen", "sp.a-Groen"),
            (" N-VA ", "N-VA"),
        ] {
            assert_eq!(table.canonical(written), canonical, "{written}");
        }
    }

    #[test]
    fn unknown_party_kept_as_written_but_trimmed() {
        let table = PartyTable::default();
        assert_eq!(table.canonical("  Lijst  Jansen "), "Lijst Jansen");
        assert_eq!(PartyTable::empty().canonical("sp.a"), "sp.a");
    }

    #[test]
    fn insert_overrides_built_in() {
        let mut table = PartyTable::default();
        table.insert("Anders", "Open Vld");
        assert_eq!(table.canonical("ANDERS"), "Open Vld");
        table.insert("Voor Gent", "Vooruit");
        assert_eq!(table.canonical("voor gent"), "Vooruit");
    }

    #[test]
    fn renaming_a_canonical_name_moves_its_group() {
        let mut table = PartyTable::default();
        table.insert("Vooruit", "sp.a");
        for written in ["SP.A", "spa", "Vooruit", "sp.a"] {
            assert_eq!(table.canonical(written), "sp.a", "{written}");
        }
        table.insert("Open Vld", "Anders");
        for written in ["Open VLD", "VLD", "Anders"] {
            assert_eq!(table.canonical(written), "Anders", "{written}");
        }
        assert_eq!(table.canonical("N-VA"), "N-VA", "other groups stay");
    }

    #[test]
    fn tsv_lines() {
        let pairs = parse_tsv("# comment\n\nAnders\tOpen Vld\r\nLVB\tLijst Van Brussel\n").unwrap();
        assert_eq!(
            pairs,
            vec![("Anders", "Open Vld"), ("LVB", "Lijst Van Brussel")]
        );
        assert_eq!(
            parse_tsv("A\tB\nno tab here\n").unwrap_err().0,
            2,
            "line of the bad row"
        );
        assert_eq!(parse_tsv("A\tB\tC\n").unwrap_err().0, 1);
        assert_eq!(parse_tsv("\n \tB\n").unwrap_err().0, 2);
    }
}
