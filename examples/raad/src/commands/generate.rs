//! `raad generate`: a deterministic synthetic corpus.

use anyhow::Context;
use raad_corpus::{write_corpus, write_councils, CorpusFormat, GeneratorBuilder};

use crate::cli::GenerateArgs;
use crate::exit_codes::ExitCode;

/// Runs `raad generate`.
pub fn run(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    let format: CorpusFormat = args
        .format
        .parse()
        .map_err(|_| anyhow::anyhow!("unknown format `{}`: use opschrift or jsonl", args.format))?;
    let holds_files =
        std::fs::read_dir(&args.out).is_ok_and(|mut entries| entries.next().is_some());
    anyhow::ensure!(
        args.force || !holds_files,
        "{} is not empty: give a new or empty folder, or --force to write into it (files of \
         the same names are overwritten)",
        args.out.display()
    );
    let mut builder = GeneratorBuilder::new();
    builder.records(args.records).seed(args.seed);
    let summary = if args.councils > 1 {
        write_councils(&args.out, format, &builder, usize::from(args.councils))
    } else {
        write_corpus(
            &args.out,
            format,
            builder.build().map(|generated| generated.record),
        )
    }
    .with_context(|| format!("cannot write the corpus to {}", args.out.display()))?;
    eprintln!(
        "wrote {} records in {} files ({:.1} MB) to {}",
        summary.records,
        summary.files.len(),
        summary.bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(ExitCode::Success)
}
