//! `raad answers`: how fast questions are answered, per alderman (or party, topic, …).

use std::io::{self, Write};

use raad_query::analytics::{AnswerGroup, AnswerOptions, AnswerStats};

use crate::cli::AnswersArgs;
use crate::escape;
use crate::exit_codes::ExitCode;
use crate::matching;
use crate::messages::{self, thousands};
use crate::output::export::{self, CsvOut};
use crate::terminal::{fit, Terminal};

/// Runs `raad answers`.
pub fn run(args: &AnswersArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let request = matching::request(args.words.query.join(" "), &args.matching)?;
    let options = AnswerOptions {
        by: args.by.facet(),
        deadline_days: args.deadline,
        as_of: matching::as_of(args.as_of.as_deref())?,
    };
    let (dir, searcher) = matching::open(&args.location, &args.parties)?;
    let stats = searcher.answer_stats(&request, &options)?;
    messages::search_warnings(&stats.warnings)?;
    let mut err = io::stderr().lock();
    // Never averaged in, and never silent: each is named.
    for early in &stats.answer_before_question {
        writeln!(
            err,
            "note: {} is answered on {} but asked on {}; counted apart, not in the delays",
            escape::controls(&early.id, false),
            early.answer_date.map(|d| d.to_string()).unwrap_or_default(),
            early.date.map(|d| d.to_string()).unwrap_or_default(),
        )?;
    }
    drop(err);
    let provenance = matching::provenance(&request, &dir);
    export::write(
        &args.output,
        &args.provenance,
        &provenance,
        &stats,
        |csv| write_csv(csv, &stats),
        |out| write_table(out, &stats, terminal),
    )?;
    Ok(if stats.all.asked > 0 {
        ExitCode::Success
    } else {
        ExitCode::Partial
    })
}

const HEADER: [&str; 12] = [
    "asked",
    "answered",
    "unanswered",
    "overdue",
    "answered_undated",
    "answer_before_question",
    "median_days",
    "p90_days",
    "within_deadline",
    "within_deadline_share",
    "deadline_days",
    "as_of",
];

/// One row per group, then `(all)`.
fn write_csv(writer: &mut CsvOut<'_>, stats: &AnswerStats) -> anyhow::Result<()> {
    let by = stats.by.map_or("group", |facet| facet.as_str());
    let mut header = vec![by];
    header.extend(HEADER);
    writer.write_record(&header)?;
    let rows = stats.groups.iter().chain(std::iter::once(&stats.all));
    for (n, group) in rows.enumerate() {
        let name = match &group.value {
            Some(value) => value.clone(),
            None if n == stats.groups.len() => "(all)".to_string(),
            None => "(none)".to_string(),
        };
        let number = |value: Option<f64>| value.map(|v| format!("{v}")).unwrap_or_default();
        writer.write_record([
            name,
            group.asked.to_string(),
            group.answered.to_string(),
            group.unanswered.to_string(),
            group.overdue.to_string(),
            group.answered_undated.to_string(),
            group.answer_before_question.to_string(),
            number(group.median_days),
            number(group.p90_days),
            group.within_deadline.to_string(),
            group
                .within_deadline_share
                .map(|share| format!("{share:.4}"))
                .unwrap_or_default(),
            stats.deadline_days.to_string(),
            stats.as_of.to_string(),
        ])?;
    }
    Ok(())
}

fn write_table(out: &mut dyn Write, stats: &AnswerStats, terminal: Terminal) -> anyhow::Result<()> {
    writeln!(
        out,
        "answers as of {}, deadline {} days{}",
        stats.as_of,
        stats.deadline_days,
        stats.by.map(|by| format!(", by {by}")).unwrap_or_default()
    )?;
    let name_width = stats
        .groups
        .iter()
        .filter_map(|g| g.value.as_ref())
        .map(|v| v.chars().count())
        .max()
        .unwrap_or(5)
        .clamp(5, 28);
    writeln!(
        out,
        "{:name_width$}  {:>7} {:>8} {:>10} {:>7} {:>7} {:>5} {:>9}",
        "", "asked", "answered", "unanswered", "overdue", "median", "p90", "on time"
    )?;
    let line = |out: &mut dyn Write, name: &str, group: &AnswerGroup| -> io::Result<()> {
        let days = |value: Option<f64>| value.map(|v| format!("{v}d")).unwrap_or("–".into());
        let share = group
            .within_deadline_share
            .map(|s| format!("{:.0}%", s * 100.0))
            .unwrap_or("–".into());
        let name = fit(&escape::controls(name, false), name_width);
        let row = format!(
            "{name:name_width$}  {:>7} {:>8} {:>10} {:>7} {:>7} {:>5} {:>9}",
            thousands(group.asked as usize),
            thousands(group.answered as usize),
            thousands(group.unanswered as usize),
            thousands(group.overdue as usize),
            days(group.median_days),
            days(group.p90_days),
            share
        );
        match terminal.width {
            Some(width) => writeln!(out, "{}", fit(&row, width)),
            None => writeln!(out, "{row}"),
        }
    };
    for group in &stats.groups {
        line(out, group.value.as_deref().unwrap_or("(none)"), group)?;
    }
    line(out, "(all)", &stats.all)?;
    if stats.all.answered_undated > 0 {
        writeln!(
            out,
            "answered without an answer date (no delay): {}",
            thousands(stats.all.answered_undated as usize)
        )?;
    }
    if stats.all.answer_before_question > 0 {
        writeln!(
            out,
            "answer dated before the question (counted apart, listed on stderr): {}",
            thousands(stats.all.answer_before_question as usize)
        )?;
    }
    Ok(())
}
