//! Which index a command uses: the one asked for, the default one, or the built-in demo.

use std::path::{Path, PathBuf};

use anyhow::Context;
use raad_corpus::{write_corpus, CorpusFormat};
use raad_index::{IndexerBuilder, NoProgress};

use crate::cli::IndexLocation;
use crate::messages;

/// The index folder used when neither `--index` nor `RAAD_INDEX` is given.
pub const DEFAULT_INDEX: &str = "raad-index";

/// The index a command writes to: `--index`, `RAAD_INDEX`, else `./raad-index`.
pub fn for_writing(location: &IndexLocation) -> PathBuf {
    location
        .index
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
}

/// The index a search reads: the one asked for; else `./raad-index` when it exists; else the
/// built-in demo corpus, indexed once into the user's cache folder.
pub fn for_reading(location: &IndexLocation) -> anyhow::Result<PathBuf> {
    if let Some(dir) = &location.index {
        return Ok(dir.clone());
    }
    let default = PathBuf::from(DEFAULT_INDEX);
    if default.exists() {
        return Ok(default);
    }
    demo_index()
}

/// The demo index in the cache folder, built on first use. Its name carries every version that
/// changes its content, so an upgraded raad builds a fresh one instead of refusing an old one.
fn demo_index() -> anyhow::Result<PathBuf> {
    let cache = dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("raad");
    let dir = cache.join(format!(
        "demo-v{}-schema{}-analyzer{}",
        raad_corpus::demo::DEMO_VERSION,
        raad_core::schema::SCHEMA_VERSION,
        raad_core::analysis::ANALYZER_VERSION
    ));
    if dir.join(raad_core::index_meta::META_FILE).exists() {
        messages::note(format_args!(
            "no index given and none at ./{DEFAULT_INDEX}: searching the built-in demo corpus \
             of {} fictional records ({})",
            raad_corpus::demo::DEMO_RECORDS,
            dir.display()
        ));
        return Ok(dir);
    }
    messages::note(format_args!(
        "no index given and none at ./{DEFAULT_INDEX}: building the built-in demo corpus of \
         {} fictional records once, into {}",
        raad_corpus::demo::DEMO_RECORDS,
        dir.display()
    ));
    build_demo(&cache, &dir)?;
    Ok(dir)
}

/// Writes the demo records as files in the cache (so that `raad show` can name a file that
/// exists), then indexes them into a fresh folder beside the target and renames it into place:
/// an interrupted run never leaves a half-built demo index that later runs would trust.
fn build_demo(cache: &Path, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(cache)
        .with_context(|| format!("cannot create the cache folder {}", cache.display()))?;
    // The generator is deterministic, so rewriting after an interrupted run gives the same files.
    let records_dir = cache.join(format!("demo-records-v{}", raad_corpus::demo::DEMO_VERSION));
    write_corpus(
        &records_dir,
        CorpusFormat::Jsonl,
        raad_corpus::demo::demo_records(),
    )
    .with_context(|| format!("cannot write the demo records to {}", records_dir.display()))?;
    let work = tempfile::Builder::new()
        .prefix("demo-build-")
        .tempdir_in(cache)
        .with_context(|| format!("cannot create a folder in {}", cache.display()))?;
    let index_dir = work.path().join("index");
    IndexerBuilder::new(&index_dir)
        .progress(std::sync::Arc::new(NoProgress))
        .build()?
        .run(&[records_dir])?;
    match std::fs::rename(&index_dir, dir) {
        Ok(()) => Ok(()),
        // Another raad built it at the same moment: theirs is as good as ours.
        Err(_) if dir.join(raad_core::index_meta::META_FILE).exists() => Ok(()),
        Err(err) => {
            Err(err).with_context(|| format!("cannot move the demo index to {}", dir.display()))
        }
    }
}
