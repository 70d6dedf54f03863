//! The command line, declared with clap derive. Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
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
    /// Works with every command, before or after its name.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses the command line (exiting with clap's message on a mistake).
    ///
    /// `--color` is global, so clap would repeat it in every subcommand's help; it is
    /// documented once, in `raad --help`. Each subcommand gets a hidden copy instead (clap
    /// copies a global option only into subcommands without one), so that it still works after
    /// the subcommand's name.
    pub fn parse_args() -> Cli {
        let mut command = Cli::command();
        let color = command
            .get_arguments()
            .find(|arg| arg.get_id() == "color")
            .cloned();
        if let Some(color) = color {
            command =
                command.mut_subcommands(|subcommand| subcommand.arg(color.clone().hide(true)));
        }
        Cli::from_arg_matches(&command.get_matches()).unwrap_or_else(|err| err.exit())
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse record files and print the records (one line each, JSON Lines, or CSV).
    ///
    /// Reads .txt and .md files as the "opschrift" text export and .json/.jsonl files as JSON
    /// records; folders are read recursively and other files are listed as skipped.
    /// Rejected files and records are reported on stderr as
    /// `rejected: PATH[:LINE[:COLUMN]]: REASON`. JSON prints the records in the record model's
    /// field names, one per line; CSV has the columns of `raad show`'s CSV.
    ///
    /// Exit status: 0 when nothing was rejected, 1 when some file or record was rejected,
    /// 2 when no input could be read at all.
    Parse(ParseArgs),
    /// Show what the Dutch analyzer makes of a text: one token per line, with position and
    /// byte offsets (why a record matched, or did not).
    ///
    /// JSON is an array of {"text","position","offset_from","offset_to"}; CSV has those
    /// columns and the word they come from.
    Analyze(AnalyzeArgs),
    /// Index record files (upserts by id; unchanged files are skipped on re-runs).
    ///
    /// Rejected files and records are reported on stderr as `raad parse` reports them. The
    /// summary goes to stderr as a table, or to stdout with --format json or csv.
    ///
    /// Ctrl-C (or SIGTERM) stops reading and commits what was read; running the same command
    /// again continues. A second Ctrl-C stops at once.
    ///
    /// Exit status: 0 when every input was read (repeated and duplicate ids are reported, not
    /// errors), 1 when some input was rejected, 2 on an error (locked index, unreadable folder,
    /// index of another version, full disk), 130 when interrupted.
    Index(IndexArgs),
    /// Show what an index holds: records, kinds, date range, size, version.
    ///
    /// CSV has a `key,value` row per figure, keyed by the JSON field names (`kinds.KIND`).
    Stats(StatsArgs),
    /// Check that an index is whole: every file against its checksum, raad's versions,
    /// tantivy's document counts, the manifest, and every stored record read back.
    ///
    /// Prints what is damaged and what to do (rebuild the index from its files). JSON is one
    /// object: `whole`, the counts verified and `findings` (`file`, `problem`, details); CSV has
    /// a `file,problem` row per finding.
    ///
    /// Exit status: 0 when the index is whole, 1 when something is damaged, 2 when the check
    /// cannot run (no index there).
    Check(CheckArgs),
    /// Print the built-in topic taxonomy: the file format `raad index --topics` and
    /// `--add-topics` read, to copy and edit.
    Topics,
    /// Write a deterministic synthetic corpus of council records (for trying and benchmarking).
    Generate(GenerateArgs),
    /// Search the records. Without an index, searches the built-in demo corpus.
    ///
    /// JSON is one object: the hits, every facet's counts, the total and the timing. CSV has
    /// one row per hit.
    ///
    /// Exit status: 0 with hits, 1 with none, 2 on an error.
    Search(SearchArgs),
    /// Print whole records by id.
    ///
    /// JSON prints each record in the record model's field names, one per line. CSV has the
    /// columns of `raad search`'s CSV (without the snippet) and the rest of the record.
    ///
    /// Exit status: 0 when every id was found, 1 when some was not, 2 on an error.
    Show(ShowArgs),
    /// Follow subjects: saved searches ("watches") that report new records and answers that
    /// arrived since their last run. Cron-friendly: `raad watch run` exits 0 when something
    /// is new, 1 when nothing is, 2 on an error.
    ///
    /// Watches and what each has reported live in `raad-watches.json` in the index folder,
    /// keyed by record id, so they survive re-indexing and `raad index --rebuild`.
    Watch(WatchArgs),
}

/// Arguments of `raad parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Files or folders to parse.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputFormat,
    #[command(flatten)]
    pub parties: PartyAliases,
    #[command(flatten)]
    pub input: InputOptions,
}

/// `--max-file-size` and `--follow`: how `raad parse` and `raad index` read their paths.
#[derive(Debug, Args)]
pub struct InputOptions {
    /// The largest file read, in bytes or with a unit (500MB, 2GB); larger files are
    /// rejected unread [default: 1GB].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,
    /// Follow symbolic links in folders wherever they lead (by default only links to places
    /// inside the paths given are followed).
    #[arg(long)]
    pub follow: bool,
}

/// A size as `--max-file-size` takes it: a number of bytes, or a number with kB, MB, GB or
/// TB (decimal; `k`, `M`, `G`, `T` alone and a trailing `B` are optional, in any case).
fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let unit = unit.trim().to_ascii_lowercase();
    let factor: u64 = match unit.strip_suffix('b').unwrap_or(&unit) {
        "" => 1,
        "k" => 1_000,
        "m" => 1_000_000,
        "g" => 1_000_000_000,
        "t" => 1_000_000_000_000,
        _ => return Err(format!("`{unit}` is not a unit: use kB, MB, GB or TB")),
    };
    let value: f64 = number.parse().map_err(|_| {
        format!("`{text}` is not a size: give bytes, or a number and a unit (500MB)")
    })?;
    let bytes = value * factor as f64;
    if !(1.0..=u64::MAX as f64).contains(&bytes) {
        return Err("the size must be at least 1 byte".to_string());
    }
    Ok(bytes as u64)
}

/// `--parties`: read the same way by `raad parse`, `raad index` and `raad search` (whose
/// party filters take the aliases the records were read with).
#[derive(Debug, Args)]
pub struct PartyAliases {
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

/// `--format` and its shorthand `--json`: the one output option of every command that prints
/// data.
#[derive(Debug, Args)]
pub struct OutputFormat {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Shorthand for --format json.
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

impl OutputFormat {
    /// The format asked for, by `--format` or `--json`.
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            self.format
        }
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable lines fitted to the terminal.
    Table,
    /// JSON in the library's field names (records one per line: JSON Lines).
    Json,
    /// A header row and one row per record, hit or figure, for spreadsheets.
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
    #[command(flatten)]
    pub output: OutputFormat,
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
    #[command(flatten)]
    pub output: OutputFormat,
    #[command(flatten)]
    pub parties: PartyAliases,
    #[command(flatten)]
    pub input: InputOptions,
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
    #[command(flatten)]
    pub output: OutputFormat,
}

/// Arguments of `raad check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub output: OutputFormat,
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
    /// Only records on or after this date: 2016-03-01, or from the first day of 2016-03 or
    /// 2016 (as datum:2016-03..).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only records on or before this date: 2016-03-31, or through the last day of 2016-03 or
    /// 2016 (as datum:..2016-03).
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
    /// Treat the query as plain words: no syntax, never an error (for pasted text). Matches
    /// records with any of the words.
    #[arg(long)]
    pub plain: bool,
    /// Match records with any of the words (or any part of a compound word), those with
    /// every word first: for discovery. Totals and facets then count "any word".
    #[arg(long)]
    pub any: bool,
    /// Say for each hit why it matched: which query words, and how (word, other form,
    /// compound part, parts in a row, phrase, prefix, fuzzy, name). JSON always has it.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub output: OutputFormat,
    #[command(flatten)]
    pub parties: PartyAliases,
}

/// Arguments of `raad show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record's id, as written (2016_MV_00146) or typed (2016 mv 146).
    #[arg(value_name = "ID", required = true)]
    pub id: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub output: OutputFormat,
    /// Also list up to N similar records (follow-up questions, the same subject again) in the
    /// table.
    #[arg(long, value_name = "N")]
    pub similar: Option<usize>,
}

/// Arguments of `raad watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// What to do with watches.
    #[command(subcommand)]
    pub command: WatchCommand,
}

/// The subcommands of `raad watch`.
#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Save a watch: a name, a query and the filters of `raad search`. Its first run reports
    /// every record that matches then.
    Add(WatchAddArgs),
    /// List the watches of an index: name, query, records recorded, last run.
    ///
    /// JSON has one object per watch per line; CSV a row per watch.
    List(WatchListArgs),
    /// Show one watch: its query, filters, what it reports, and what it has recorded.
    Show(WatchNameArgs),
    /// Delete a watch and what it recorded.
    Rm(WatchNameArgs),
    /// Run watches (all, or those named): print the records that are new since each last
    /// ran, with the reason (new, answered, changed), and record them as reported.
    ///
    /// JSON has one object per reported record per line (`watch`, `reason`, `record`); CSV a
    /// row per record; `--format atom` writes one Atom feed per watch into `--out DIR`
    /// (NAME.atom, the newest entries first, earlier entries kept up to 200).
    ///
    /// Exit status: 0 when something is new, 1 when nothing is, 2 on an error.
    Run(WatchRunArgs),
}

/// The filters of `raad search`, as a watch keeps them.
#[derive(Debug, Args)]
pub struct FilterArgs {
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
    /// Only records on or after this date (2016-03-01, 2016-03 or 2016).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only records on or before this date (2016-03-31, 2016-03 or 2016).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only answered records.
    #[arg(long, conflicts_with = "unanswered")]
    pub answered: bool,
    /// Only records without an answer (their answers are still reported when they arrive).
    #[arg(long)]
    pub unanswered: bool,
    /// Treat the query as plain words (matches records with any of them).
    #[arg(long)]
    pub plain: bool,
    /// Match records with any of the words.
    #[arg(long)]
    pub any: bool,
}

/// Arguments of `raad watch add`.
#[derive(Debug, Args)]
pub struct WatchAddArgs {
    /// The watch's name (letters, digits, `-`, `_` and `.`): also its Atom feed's file name.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The query, as `raad search` takes it.
    #[arg(value_name = "QUERY", required = true)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Report only answers: records it follows whose answer arrived, not new records (they
    /// are recorded, to be reported when answered).
    #[arg(long)]
    pub answers: bool,
    /// Also report records whose dates, people or text changed since it recorded them.
    #[arg(long)]
    pub changes: bool,
    /// Replace a watch of the same name (what it recorded is kept).
    #[arg(long)]
    pub replace: bool,
    #[command(flatten)]
    pub location: IndexLocation,
}

/// Arguments of `raad watch list`.
#[derive(Debug, Args)]
pub struct WatchListArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub output: OutputFormat,
}

/// Arguments of `raad watch show` and `raad watch rm`.
#[derive(Debug, Args)]
pub struct WatchNameArgs {
    /// The watch's name.
    #[arg(value_name = "NAME")]
    pub name: String,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub output: OutputFormat,
}

/// Arguments of `raad watch run`.
#[derive(Debug, Args)]
pub struct WatchRunArgs {
    /// The watches to run [default: all].
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
    /// Report without recording: the next run reports the same again.
    #[arg(long)]
    pub dry_run: bool,
    /// Report as of this date instead of the last run: records of a meeting on or after it,
    /// and answers dated on or after it (2016-03-01, 2016-03 or 2016). Records what it
    /// reports as a run does (add --dry-run to only look).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = WatchFormat::Table)]
    pub format: WatchFormat,
    /// Shorthand for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// With --format atom: the folder to write one feed per watch into (NAME.atom).
    #[arg(long, value_name = "DIR", required_if_eq("format", "atom"))]
    pub out: Option<PathBuf>,
    /// With --format atom: each entry links here followed by the record's id (for a web
    /// viewer such as `raad serve`); by default to the record's source file.
    #[arg(long, value_name = "URL")]
    pub link_base: Option<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub parties: PartyAliases,
}

impl WatchRunArgs {
    /// The format asked for, by `--format` or `--json`.
    pub fn format(&self) -> WatchFormat {
        if self.json {
            WatchFormat::Json
        } else {
            self.format
        }
    }
}

/// Output formats of `raad watch run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WatchFormat {
    /// Readable lines, one per record, under each watch's name.
    Table,
    /// One object per reported record per line (JSON Lines).
    Json,
    /// A header row and one row per reported record.
    Csv,
    /// One Atom feed per watch, written into --out DIR.
    Atom,
}
