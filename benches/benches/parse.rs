//! Parser throughput (MB/s of input) for both record formats.
//!
//! - `opschrift/examples`: the opschrift files of `examples/records` plus the `to_opschrift`
//!   text of its JSON records, repeated to about 4 MB: short Ghent-style records.
//! - `opschrift/dekamer-dev`: the 1,939 records of `../shared/data/dekamer-dev.jsonl` written
//!   with `to_opschrift` (about 6 MB): long question and answer texts.
//! - `jsonl/dekamer-dev`: `../shared/data/dekamer-dev.jsonl` itself; without `../shared`, the
//!   example records as JSON Lines repeated to about 4 MB (`jsonl/examples`).
//!
//! Each iteration parses the whole input from bytes (decoding included) and checks the record
//! count, so the work cannot be optimized away.
//!
//! `cargo bench -p raad-benches --bench parse`

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use raad_core::parse::{discover, parse_bytes, to_opschrift, ParseOptions, RecordFormat};
use raad_core::Record;

/// Size the repeated corpora are grown to.
const TARGET_BYTES: usize = 4 << 20;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The records of `examples/records` and the opschrift text of its `.txt`/`.md` files.
fn examples(options: &ParseOptions) -> (Vec<Record>, String) {
    let discovery = discover(&[workspace().join("examples/records")]);
    let mut records = Vec::new();
    let mut opschrift = String::new();
    for (path, format) in &discovery.files {
        let bytes = std::fs::read(path).expect("examples/records is readable");
        let parsed = parse_bytes(path, &bytes, *format, options);
        assert!(parsed.rejections.is_empty(), "{:?}", parsed.rejections);
        if *format == RecordFormat::Opschrift {
            opschrift.push_str(&String::from_utf8_lossy(&bytes));
            opschrift.push('\n');
        } else {
            for record in &parsed.records {
                opschrift.push_str(&to_opschrift(record));
                opschrift.push('\n');
            }
        }
        records.extend(parsed.records);
    }
    (records, opschrift)
}

fn repeat(unit: &str, records_per_unit: usize) -> (String, usize) {
    let copies = TARGET_BYTES.div_ceil(unit.len().max(1));
    (unit.repeat(copies), records_per_unit * copies)
}

fn dekamer_dev() -> Option<Vec<u8>> {
    let path = workspace().join("../shared/data/dekamer-dev.jsonl");
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            eprintln!(
                "notice: {} is absent; the dekamer-dev inputs are replaced by repeated examples",
                path.display()
            );
            None
        }
    }
}

fn bench_input(
    c: &mut Criterion,
    name: &str,
    bytes: &[u8],
    format: RecordFormat,
    expected: usize,
    options: &ParseOptions,
) {
    let path = Path::new("bench");
    let parsed = parse_bytes(path, bytes, format, options);
    assert_eq!(parsed.records.len(), expected, "{name}");
    assert!(
        parsed.rejections.is_empty(),
        "{name}: {:?}",
        parsed.rejections
    );
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(10);
    group.bench_function(name, |b| {
        b.iter(|| {
            let parsed = parse_bytes(path, bytes, format, options);
            assert_eq!(parsed.records.len(), expected);
            parsed
        })
    });
    group.finish();
}

fn parsers(c: &mut Criterion) {
    let options = ParseOptions::default();
    let (records, opschrift_unit) = examples(&options);

    let (opschrift, count) = repeat(&opschrift_unit, records.len());
    bench_input(
        c,
        "opschrift/examples",
        opschrift.as_bytes(),
        RecordFormat::Opschrift,
        count,
        &options,
    );

    match dekamer_dev() {
        Some(jsonl) => {
            let parsed = parse_bytes(
                Path::new("dekamer-dev.jsonl"),
                &jsonl,
                RecordFormat::JsonLines,
                &options,
            );
            let written: String = parsed.records.iter().map(to_opschrift).collect();
            bench_input(
                c,
                "opschrift/dekamer-dev",
                written.as_bytes(),
                RecordFormat::Opschrift,
                parsed.records.len(),
                &options,
            );
            bench_input(
                c,
                "jsonl/dekamer-dev",
                &jsonl,
                RecordFormat::JsonLines,
                parsed.records.len(),
                &options,
            );
        }
        None => {
            let unit: String = records
                .iter()
                .map(|r| serde_json::to_string(r).expect("records serialize") + "\n")
                .collect();
            let (jsonl, count) = repeat(&unit, records.len());
            bench_input(
                c,
                "jsonl/examples",
                jsonl.as_bytes(),
                RecordFormat::JsonLines,
                count,
                &options,
            );
        }
    }
}

criterion_group!(benches, parsers);
criterion_main!(benches);
