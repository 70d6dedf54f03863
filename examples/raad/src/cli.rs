//! The command line, declared with clap derive. Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use raad_core::TopicSource;

use crate::terminal::ColorWhen;

/// Search the questions and answers of a city council.
///
/// Exit status: 0 when the command did what was asked (records found; everything parsed or
/// indexed), 1 when it ran but found nothing or rejected some input, 2 on an error.
#[derive(Debug, Parser)]
#[command(name = "raad", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// When to colour the output: auto (on a terminal with NO_COLOR unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse record files and print the records (one line each, or JSON Lines with --json).
    ///
    /// Reads .txt and .md files as the "opschrift" text export and .json/.jsonl files as JSON
    /// records; folders are read recursively and other files are listed as skipped.
    /// Rejected files and records are reported on stderr as `rejected: PATH[:LINE]: REASON`.
    ///
    /// Exit status: 0 when nothing was rejected, 1 when some file or record was rejected,
    /// 2 when no input could be read at all.
    Parse(ParseArgs),
    /// Show what the Dutch analyzer makes of a text: one token per line, with position and
    /// byte offsets (why a record matched, or did not).
    Analyze(AnalyzeArgs),
    /// Index record files (upserts by id; unchanged files are skipped on re-runs).
    ///
    /// Ctrl-C (or SIGTERM) stops reading and commits what was read; running the same command
    /// again continues. A second Ctrl-C stops at once.
    ///
    /// Exit status: 0 when every record was indexed, 1 when some input was rejected, 2 on an
    /// error (locked index, unreadable folder, index of another version, full disk), 130 when
    /// interrupted.
    Index(IndexArgs),
    /// Show what an index holds: records, kinds, date range, size, version.
    Stats(StatsArgs),
    /// Print the built-in topic taxonomy: the file format `raad index --topics` and
    /// `--add-topics` read, to copy and edit.
    Topics,
    /// Write a deterministic synthetic corpus of council records (for trying and benchmarking).
    Generate(GenerateArgs),
    /// Search the records. Without an index, searches the built-in demo corpus.
    ///
    /// Exit status: 0 with hits, 1 with none, 2 on an error.
    Search(SearchArgs),
    /// Print whole records by id.
    ///
    /// Exit status: 0 when every id was found, 1 when some was not, 2 on an error.
    Show(ShowArgs),
}

/// Arguments of `raad parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Files or folders to parse.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Print JSON Lines: one record per line, in the record model's field names.
    #[arg(long)]
    pub json: bool,

    /// Extra party aliases: a TSV file of `as written<TAB>canonical name` lines.
    #[arg(long, value_name = "FILE")]
    pub parties: Option<PathBuf>,
}

/// Where the index is: `--index`, else `RAAD_INDEX`, else `./raad-index`.
#[derive(Debug, Args)]
pub struct IndexLocation {
    /// The index folder [default: $RAAD_INDEX, else ./raad-index].
    #[arg(long, value_name = "DIR", env = "RAAD_INDEX")]
    pub index: Option<PathBuf>,
}

/// Output formats of search results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable lines fitted to the terminal.
    Table,
    /// One JSON object (the library's SearchResults).
    Json,
    /// One row per hit with a header row, for spreadsheets.
    Csv,
}

/// `--topic-source`: a source by its name, any case.
fn topic_source(name: &str) -> Result<TopicSource, String> {
    TopicSource::from_name(name)
        .ok_or_else(|| format!("`{name}` is not a topic source; use given, inferred or rules"))
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortArg {
    /// Best match first.
    Relevance,
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
}

/// Arguments of `raad analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The text to analyze.
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,
    /// Print a JSON array of {"text","position","offset_from","offset_to"}.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `raad index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders of records to index.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Start from an empty index (needed after upgrading raad to a new index version).
    #[arg(long)]
    pub rebuild: bool,
    /// Indexing threads [default: the machine's cores].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Memory budget of the index writer in MB [default: sized to the machine].
    #[arg(long, value_name = "MB")]
    pub memory: Option<usize>,
    /// Commit every N records (a killed run restarts from the last commit).
    #[arg(long, value_name = "N")]
    pub commit_every: Option<u64>,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Extra party aliases: a TSV file of `as written<TAB>canonical name` lines.
    #[arg(long, value_name = "FILE")]
    pub parties: Option<PathBuf>,
    /// A topic taxonomy that replaces the built-in one: `TOPIC<TAB>WEIGHT<TAB>keyword, …`
    /// lines (`raad topics` prints the built-in file as an example).
    #[arg(long, value_name = "FILE", conflicts_with = "no_topic_rules")]
    pub topics: Option<PathBuf>,
    /// More taxonomy lines on top of the built-in taxonomy (new topics, or more keywords).
    #[arg(long, value_name = "FILE", conflicts_with = "no_topic_rules")]
    pub add_topics: Vec<PathBuf>,
    /// Give records without topics none by rules.
    #[arg(long)]
    pub no_topic_rules: bool,
    /// Do not infer topics from records whose topics are given (topics inferred by earlier
    /// runs stay as they are).
    #[arg(long)]
    pub no_topic_inference: bool,
}

/// Arguments of `raad stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `raad generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many records to write.
    #[arg(long, value_name = "N")]
    pub records: u64,
    /// The seed: the same seed and count always give the same corpus.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// The folder to write into (created if missing; refused when it holds files, unless
    /// --force).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Write into a folder that holds files (files of the same names are overwritten).
    #[arg(long)]
    pub force: bool,
    /// File format: opschrift (.txt, the council's text export) or jsonl.
    #[arg(long, value_name = "FORMAT", default_value = "opschrift")]
    pub format: String,
}

/// Arguments of `raad search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", -word, OR, field:value (party, alderman, councillor, topic,
    /// kind, id, datum:2016..2018), prefix*, name~ (fuzzy).
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Only records asked by this party (repeat for several: any of them).
    #[arg(long, value_name = "PARTY")]
    pub party: Vec<String>,
    /// Only records answered by this alderman (repeat for several).
    #[arg(long, value_name = "NAME")]
    pub alderman: Vec<String>,
    /// With --alderman: also records where the alderman is only involved.
    #[arg(long)]
    pub involved: bool,
    /// Only records asked by this councillor (repeat for several).
    #[arg(long, value_name = "NAME")]
    pub councillor: Vec<String>,
    /// Only records on this topic (repeat for several).
    #[arg(long, value_name = "TOPIC")]
    pub topic: Vec<String>,
    /// Only records of this kind, e.g. "schriftelijke vraag" (repeat for several).
    #[arg(long, value_name = "KIND")]
    pub kind: Vec<String>,
    /// Only records whose topics came from here: given (in the input), inferred or rules.
    #[arg(long, value_parser = topic_source, value_name = "SOURCE")]
    pub topic_source: Vec<TopicSource>,
    /// Only records on or after this date (YYYY-MM-DD or YYYY).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only records on or before this date (YYYY-MM-DD or YYYY).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only answered records (`--answered`) or unanswered ones (`--unanswered`).
    #[arg(long, conflicts_with = "unanswered")]
    pub answered: bool,
    /// Only records without an answer.
    #[arg(long)]
    pub unanswered: bool,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// How many hits to show, or `all`.
    #[arg(long, value_name = "N|all", default_value = "10")]
    pub limit: String,
    /// Skip this many hits (paging).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,
    /// Show facet counts (party, alderman, topic, councillor, year, kind) after the hits.
    #[arg(long)]
    pub facets: bool,
    /// Treat the query as plain words: no syntax, never an error (for pasted text).
    #[arg(long)]
    pub plain: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Arguments of `raad show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record's id, as written (2016_MV_00146) or typed (2016 mv 146).
    #[arg(value_name = "ID", required = true)]
    pub id: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Output format: table (readable) or json (the record model).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also list up to N similar records (follow-up questions, the same subject again).
    #[arg(long, value_name = "N")]
    pub similar: Option<usize>,
}
