//! Defaults sized to the machine: indexing threads and the writer's memory budget.

/// tantivy's minimum memory budget per indexing thread.
pub const MIN_BUDGET_PER_THREAD: usize = 15_000_000;

/// tantivy's maximum number of indexing threads.
pub const MAX_THREADS: usize = 8;

/// The largest default memory budget: beyond it, segments get larger but indexing is not
/// faster, and the machine is shared with the searches.
const MAX_DEFAULT_BUDGET: usize = 1 << 30;

/// The default number of indexing threads: the available cores, at most 8 (tantivy's limit).
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, MAX_THREADS)
}

/// The default memory budget of the index writer, over all its threads: a quarter of the
/// memory available now, at most 1 GiB, at least what `threads` threads need. Where available
/// memory cannot be read (outside Linux), the budget is 1 GiB.
pub fn default_memory_budget(threads: usize) -> usize {
    let available = available_memory().unwrap_or(4 * MAX_DEFAULT_BUDGET as u64);
    let quarter = usize::try_from(available / 4).unwrap_or(usize::MAX);
    quarter
        .min(MAX_DEFAULT_BUDGET)
        .max(MIN_BUDGET_PER_THREAD * threads.max(1))
}

/// `MemAvailable` from /proc/meminfo, in bytes.
fn available_memory() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_covers_every_thread_and_stays_under_a_gibibyte() {
        for threads in 1..=MAX_THREADS {
            let budget = default_memory_budget(threads);
            assert!(
                budget >= MIN_BUDGET_PER_THREAD * threads,
                "{threads}: {budget}"
            );
            assert!(budget <= MAX_DEFAULT_BUDGET.max(MIN_BUDGET_PER_THREAD * threads));
        }
    }

    #[test]
    fn threads_are_capped() {
        assert!((1..=MAX_THREADS).contains(&default_threads()));
    }
}
