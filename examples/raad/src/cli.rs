//! The command line, declared with clap derive. Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use raad_core::TopicSource;

use crate::output::csv::{CsvStyle, HitColumn};
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
        let cli = Cli::from_arg_matches(&command.get_matches()).unwrap_or_else(|err| err.exit());
        if let Some(mistake) = cli
            .command
            .output()
            .and_then(OutputFormat::style_without_csv)
        {
            Cli::command()
                .error(clap::error::ErrorKind::ArgumentConflict, mistake)
                .exit();
        }
        cli
    }
}

impl Command {
    /// The output options of a command that prints data.
    fn output(&self) -> Option<&OutputFormat> {
        match self {
            Command::Parse(args) => Some(&args.output),
            Command::Analyze(args) => Some(&args.output),
            Command::Index(args) => Some(&args.output),
            Command::Stats(args) => Some(&args.output),
            Command::Check(args) => Some(&args.output),
            Command::Search(args) => Some(&args.output),
            Command::Show(args) => Some(&args.output),
            Command::Trend(args) => Some(&args.output),
            Command::Top(args) => Some(&args.output),
            Command::Answers(args) => Some(&args.output),
            Command::Overdue(args) => Some(&args.output),
            Command::Batch(args) => Some(&args.output),
            Command::Topics | Command::Generate(_) | Command::Serve(_) | Command::Watch(_) => None,
        }
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
    /// JSON is one object: the hits, every facet's counts, the total and the timing, with
    /// where they come from: `query`, `filters` (those given), `index` and `generated_at`
    /// (RFC 3339, UTC). CSV has one row per hit, in the --columns asked for; facet counts
    /// and the provenance go to files of their own (--facets-out, --provenance-out), so that
    /// the CSV stays a table a spreadsheet loads.
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
    /// Serve a web page to search the records, and a JSON HTTP API, on this machine.
    ///
    /// Prints the URL to open. Read-only; new commits of `raad index` show without a restart.
    /// Without an index, serves the built-in demo corpus. The API is under /api/v1 (search,
    /// search.csv, records/ID, records/ID/similar, stats). Ctrl-C stops it.
    Serve(ServeArgs),
    /// Count matching records per period (year, quarter, month, legislature), optionally
    /// split by party, alderman, councillor, topic or kind, with empty periods as zeros.
    ///
    /// The table draws a bar per period. `--chart FILE.svg` (or .png) writes a chart to paste
    /// into an article. JSON is one object: the query, filters, index, generated_at and the
    /// trend (`periods` with `label`, `count`, `split`); CSV has a row per period with a
    /// column per split value.
    ///
    /// Exit status: 0 when some record matches, 1 when none does, 2 on an error.
    Trend(TrendArgs),
    /// Who asked most: the values of a facet (councillor, party, alderman, topic, kind, year)
    /// among the matching records, with counts, shares, first and last dates and example ids.
    ///
    /// Exit status: 0 when some record matches, 1 when none does, 2 on an error.
    Top(TopArgs),
    /// Answer statistics per alderman (or party, topic, kind, councillor): asked, answered,
    /// unanswered, overdue, median and 90th-percentile days to answer, and the share answered
    /// within the deadline.
    ///
    /// The share is of the questions that were due: answered ones, and unanswered ones past
    /// the deadline. Answers dated before their question are counted apart and listed on
    /// stderr (in JSON under `answer_before_question`), never averaged in.
    ///
    /// Exit status: 0 when some record matches, 1 when none does, 2 on an error.
    Answers(AnswersArgs),
    /// Unanswered questions older than N days, oldest first, with the alderman responsible.
    ///
    /// Exit status: 0 when some question is overdue, 1 when none is, 2 on an error.
    Overdue(OverdueArgs),
    /// Many queries or names at once, from a file (one per line; `#` starts a comment): per
    /// line the total, the count per year and the count per party.
    ///
    /// CSV has one row per line: line, query, total, a column per year and one per party.
    /// A line with a mistake in its query gets its error in the `error` column; the others
    /// still run.
    ///
    /// Exit status: 0 when every line ran, 1 when some line had a mistake, 2 on an error.
    Batch(BatchArgs),
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
    /// The council of the records (`Gent`): every opschrift record, and the JSON records that
    /// name none.
    #[arg(long, value_name = "NAME")]
    pub council: Option<String>,
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
/// data, with the CSV style options (so every command that writes CSV takes them).
#[derive(Debug, Args)]
pub struct OutputFormat {
    /// Output format [default: table; csv with --excel or --csv-delimiter].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Shorthand for --format json.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    #[command(flatten)]
    pub csv: CsvStyleArgs,
}

impl OutputFormat {
    /// The format asked for, by `--format` or `--json`; CSV when only a CSV style was asked
    /// for.
    pub fn format(&self) -> Format {
        match self.format {
            _ if self.json => Format::Json,
            Some(format) => format,
            None if self.csv.is_given() => Format::Csv,
            None => Format::Table,
        }
    }

    /// How CSV is written (`--excel`, `--csv-delimiter`).
    pub fn csv_style(&self) -> CsvStyle {
        self.csv.style()
    }

    /// The mistake of a CSV style with another format (`--format json --excel`): the style
    /// would be ignored, so it is refused instead.
    fn style_without_csv(&self) -> Option<String> {
        let format = self.format();
        (self.csv.is_given() && format != Format::Csv).then(|| {
            let option = if self.csv.excel {
                "--excel"
            } else {
                "--csv-delimiter"
            };
            let name = match format {
                Format::Json => "json",
                Format::Table | Format::Csv => "table",
            };
            format!("{option} shapes CSV output and cannot be used with --format {name}")
        })
    }
}

/// `--excel` and `--csv-delimiter`: how CSV is written, for every command that writes it.
/// Either one alone also chooses CSV output.
#[derive(Debug, Clone, Args)]
pub struct CsvStyleArgs {
    /// CSV as Dutch and Flemish Excel opens it by a double click: `;` between cells, a UTF-8
    /// byte-order mark first (accents stay accents), CRLF line ends. Implies --format csv.
    #[arg(long, conflicts_with = "json")]
    pub excel: bool,
    /// The character between CSV cells: one ASCII character such as ';' or '|', or `tab`
    /// [default: ',', or ';' with --excel]. Implies --format csv.
    #[arg(long, value_name = "CHAR", value_parser = csv_delimiter, conflicts_with = "json")]
    pub csv_delimiter: Option<u8>,
}

impl CsvStyleArgs {
    /// Whether a CSV style option was given.
    pub fn is_given(&self) -> bool {
        self.excel || self.csv_delimiter.is_some()
    }

    /// The style asked for: `--excel` or the default, with the delimiter of `--csv-delimiter`.
    pub fn style(&self) -> CsvStyle {
        let style = if self.excel {
            CsvStyle::EXCEL
        } else {
            CsvStyle::PLAIN
        };
        CsvStyle {
            delimiter: self.csv_delimiter.unwrap_or(style.delimiter),
            ..style
        }
    }
}

/// `--csv-delimiter`: one ASCII character that can separate cells (not a quote, line end,
/// letter or digit), or `tab`.
fn csv_delimiter(text: &str) -> Result<u8, String> {
    const GIVE: &str = "give one ASCII character such as ';' or ',', or `tab`";
    let mut chars = text.chars();
    let delimiter = match (text, chars.next(), chars.next()) {
        ("tab" | "\\t", _, _) => '\t',
        (_, Some(c), None) => c,
        _ => return Err(format!("`{text}` is not one character; {GIVE}")),
    };
    if !delimiter.is_ascii() || delimiter.is_ascii_alphanumeric() || "\"\r\n".contains(delimiter) {
        return Err(format!("`{text}` cannot separate cells; {GIVE}"));
    }
    Ok(delimiter as u8)
}

/// `--provenance-out`: for every command whose figures may be published.
#[derive(Debug, Clone, Args)]
pub struct ProvenanceArgs {
    /// Write where the output comes from to FILE: the query, the filters given, the index and
    /// generated_at (RFC 3339, UTC), as `key,value` CSV in the CSV style asked for. JSON output
    /// always carries these as its fields `query`, `filters`, `index` and `generated_at`;
    /// CSV on stdout stays a plain table that spreadsheets load.
    #[arg(long, value_name = "FILE")]
    pub provenance_out: Option<PathBuf>,
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
    /// Files or folders of records to index. Without any, an existing index is opened and
    /// left as it is, except that one from before councils (schema 6) is upgraded in place.
    #[arg(value_name = "PATH")]
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
    /// The council of the records (`Gent`): every opschrift record, and the JSON records that
    /// name none. A `raad.toml` in a folder (`council = "Antwerpen"`) names it for the files
    /// under it, and wins.
    #[arg(long, value_name = "NAME")]
    pub council: Option<String>,
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
    /// Write N councils (Gent, Antwerpen, Brugge, …), each in a folder of its own with a
    /// raad.toml naming it, sharing the records; their ids overlap. One council: no folders
    /// and no council on the records.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub councils: u16,
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
    #[command(flatten)]
    pub matching: MatchArgs,
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
    /// CSV on stdout holds the hits only: write the counts with --facets-out.
    #[arg(long)]
    pub facets: bool,
    /// Write every facet's counts to FILE as CSV (`facet,value,count` rows, in the CSV style
    /// asked for), with any --format: how facet counts reach a spreadsheet.
    #[arg(long, value_name = "FILE")]
    pub facets_out: Option<PathBuf>,
    /// The CSV columns, comma-separated, in order [default: id, date, kind, title,
    /// councillors, parties, alderman, topics, topic_source, snippet]. Records carry no URL,
    /// so there is no url column; `source` says where a record was read from.
    #[arg(long, value_name = "LIST", value_enum, value_delimiter = ',')]
    pub columns: Vec<HitColumn>,
    #[command(flatten)]
    pub provenance: ProvenanceArgs,
    /// Say for each hit why it matched: which query words, and how (word, other form,
    /// compound part, parts in a row, phrase, prefix, fuzzy, name, synonym). JSON always has it.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub output: OutputFormat,
    #[command(flatten)]
    pub parties: PartyAliases,
    #[command(flatten)]
    pub synonyms: SynonymTables,
}

/// The synonyms query words are searched with (`raad search`): the built-in table, replaced
/// or extended by files. Synonyms apply when searching: a new table needs no index rebuild.
#[derive(Debug, Args)]
pub struct SynonymTables {
    /// A synonym table that replaces the built-in one: one group per line, its words or
    /// phrases separated by TABs (`LEZ<TAB>lage-emissiezone`); `#` starts a comment line.
    #[arg(long, value_name = "FILE", conflicts_with = "no_synonyms")]
    pub synonyms: Option<PathBuf>,
    /// More synonym groups on top of the built-in table (or of --synonyms); repeatable.
    #[arg(long, value_name = "FILE", conflicts_with = "no_synonyms")]
    pub add_synonyms: Vec<PathBuf>,
    /// Search every word as typed, without synonyms.
    #[arg(long)]
    pub no_synonyms: bool,
}

/// Which records a command counts or lists: the filters and match options of `raad search`,
/// shared by every command that reads a match set (search, trend, top, answers, overdue,
/// batch).
#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Only records of this council, in an index of several (repeat for several: any of
    /// them).
    #[arg(long, value_name = "NAME")]
    pub council: Vec<String>,
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
    /// Treat the query as plain words: no syntax, never an error (for pasted text). Matches
    /// records with any of the words.
    #[arg(long)]
    pub plain: bool,
    /// Match records with any of the words (or any part of a compound word), those with
    /// every word first: for discovery. Totals and facets then count "any word".
    #[arg(long)]
    pub any: bool,
}

/// A facet, as the analytics commands name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FacetArg {
    /// The council (an index of several councils).
    Council,
    /// The party of an asking councillor.
    Party,
    /// The responsible alderman.
    Alderman,
    /// An asking councillor.
    Councillor,
    /// A topic.
    Topic,
    /// The kind of record.
    Kind,
    /// The year of the meeting.
    Year,
}

impl FacetArg {
    /// The library's facet.
    pub fn facet(self) -> raad_query::Facet {
        use raad_query::Facet;
        match self {
            FacetArg::Council => Facet::Council,
            FacetArg::Party => Facet::Party,
            FacetArg::Alderman => Facet::Alderman,
            FacetArg::Councillor => Facet::Councillor,
            FacetArg::Topic => Facet::Topic,
            FacetArg::Kind => Facet::Kind,
            FacetArg::Year => Facet::Year,
        }
    }
}

/// What `raad answers` groups by: a facet, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupArg {
    /// The responsible alderman.
    Alderman,
    /// The party of an asking councillor.
    Party,
    /// An asking councillor.
    Councillor,
    /// A topic.
    Topic,
    /// The kind of record.
    Kind,
    /// The year of the meeting.
    Year,
    /// The council (an index of several councils).
    Council,
    /// One group: all matching records.
    None,
}

impl GroupArg {
    /// The facet grouped by, if any.
    pub fn facet(self) -> Option<raad_query::Facet> {
        let facet = match self {
            GroupArg::Alderman => FacetArg::Alderman,
            GroupArg::Party => FacetArg::Party,
            GroupArg::Councillor => FacetArg::Councillor,
            GroupArg::Topic => FacetArg::Topic,
            GroupArg::Kind => FacetArg::Kind,
            GroupArg::Year => FacetArg::Year,
            GroupArg::Council => FacetArg::Council,
            GroupArg::None => return None,
        };
        Some(facet.facet())
    }
}

/// The span `raad trend` counts per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PeriodArg {
    /// Calendar years.
    Year,
    /// Quarters (2016-Q1).
    Quarter,
    /// Months (2016-03).
    Month,
    /// The council's terms (Ghent's 2013–2018, 2019–2024, 2025–2030, or --legislatures).
    Legislature,
}

/// The language of a chart's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Dutch.
    Nl,
    /// English.
    En,
}

/// The query words of the analytics commands.
#[derive(Debug, Args)]
pub struct QueryWords {
    /// The query, as `raad search` reads it; none counts every record (within the filters).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

/// Arguments of `raad trend`.
#[derive(Debug, Args)]
pub struct TrendArgs {
    #[command(flatten)]
    pub words: QueryWords,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub matching: MatchArgs,
    /// The period counted per.
    #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
    pub by: PeriodArg,
    /// Split each period's count by a facet.
    #[arg(long, value_enum, value_name = "FACET")]
    pub split: Option<FacetArg>,
    /// With --split: at most N values (the most frequent), the rest added up as "other".
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub split_limit: usize,
    /// The council's terms for --by legislature: a file of `FIRST LAST [NAME]` lines (years
    /// or ISO dates), or a council's raad.toml with a `legislatures` list [default: Ghent's].
    #[arg(long, value_name = "FILE")]
    pub legislatures: Option<PathBuf>,
    /// Also write the trend as a chart: FILE.svg or FILE.png (1200×675).
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
    /// The language of the chart's title and axes.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
    #[command(flatten)]
    pub provenance: ProvenanceArgs,
    #[command(flatten)]
    pub output: OutputFormat,
    #[command(flatten)]
    pub parties: PartyAliases,
}

/// Arguments of `raad top`.
#[derive(Debug, Args)]
pub struct TopArgs {
    #[command(flatten)]
    pub words: QueryWords,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub matching: MatchArgs,
    /// The facet whose values are counted.
    #[arg(long, value_enum, value_name = "FACET", default_value_t = FacetArg::Councillor)]
    pub facet: FacetArg,
    /// How many values to list, or `all`.
    #[arg(long, value_name = "N|all", default_value = "10")]
    pub limit: String,
    /// Example record ids per value.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub examples: usize,
    #[command(flatten)]
    pub provenance: ProvenanceArgs,
    #[command(flatten)]
    pub output: OutputFormat,
    #[command(flatten)]
    pub parties: PartyAliases,
}

/// Arguments of `raad answers`.
#[derive(Debug, Args)]
pub struct AnswersArgs {
    #[command(flatten)]
    pub words: QueryWords,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub matching: MatchArgs,
    /// Group by this facet (`none`: one group).
    #[arg(long, value_enum, value_name = "FACET", default_value_t = GroupArg::Alderman)]
    pub by: GroupArg,
    /// Days the college has to answer.
    #[arg(long, value_name = "DAYS", default_value_t = raad_query::analytics::DEFAULT_DEADLINE_DAYS)]
    pub deadline: u32,
    /// The day the figures are as of (an unanswered question is overdue once its deadline
    /// passed before it) [default: today].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub provenance: ProvenanceArgs,
    #[command(flatten)]
    pub output: OutputFormat,
    #[command(flatten)]
    pub parties: PartyAliases,
}

/// Arguments of `raad overdue`.
#[derive(Debug, Args)]
pub struct OverdueArgs {
    #[command(flatten)]
    pub words: QueryWords,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub matching: MatchArgs,
    /// Questions unanswered for more than this many days.
    #[arg(long, value_name = "DAYS", default_value_t = raad_query::analytics::DEFAULT_OVERDUE_DAYS)]
    pub days: u32,
    /// The day counted from [default: today].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// How many to list (the oldest), or `all`; the total counts all.
    #[arg(long, value_name = "N|all", default_value = "all")]
    pub limit: String,
    #[command(flatten)]
    pub provenance: ProvenanceArgs,
    #[command(flatten)]
    pub output: OutputFormat,
    #[command(flatten)]
    pub parties: PartyAliases,
}

/// Arguments of `raad batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The file of queries or names, one per line (`-` reads stdin).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub matching: MatchArgs,
    #[command(flatten)]
    pub provenance: ProvenanceArgs,
    #[command(flatten)]
    pub output: OutputFormat,
    #[command(flatten)]
    pub parties: PartyAliases,
}

/// Arguments of `raad show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record's id, as written (2016_MV_00146) or typed (2016 mv 146); in an index of
    /// several councils, with its council when more than one has the id (Gent/2016_MV_00146).
    #[arg(value_name = "ID", required = true)]
    pub id: Vec<String>,
    /// The council of the ids (any case), in an index of several councils.
    #[arg(long, value_name = "NAME")]
    pub council: Option<String>,
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
    pub matching: MatchArgs,
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
    /// viewer such as `raad serve`: http://127.0.0.1:7700/records/); by default to the record's source file.
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
/// Arguments of `raad serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// The address to listen on. Another address than the loopback one makes the records
    /// reachable from the network (raad warns).
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:7700")]
    pub addr: std::net::SocketAddr,
    #[command(flatten)]
    pub parties: PartyAliases,
}
