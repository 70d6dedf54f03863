//! The party alias table records are read with, for `raad parse` and `raad index` alike: a
//! file parsed with one and indexed with the other gives the same parties. `raad search`
//! reads its party filters (`--party`, `party:`) with the same table.

use anyhow::Context;
use raad_core::party::PartyTable;

use crate::cli::PartyAliases;

/// The built-in aliases, extended by the `--parties` file when one is given.
pub fn load_parties(aliases: &PartyAliases) -> anyhow::Result<PartyTable> {
    match &aliases.parties {
        Some(path) => PartyTable::from_tsv(path)
            .with_context(|| format!("cannot use the party aliases in {}", path.display())),
        None => Ok(PartyTable::default()),
    }
}
