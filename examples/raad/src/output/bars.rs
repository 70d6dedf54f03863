//! Bars of Unicode blocks for counts on a terminal: a chart in a table, no colour needed.

/// Eighths of a block, from one eighth to seven.
const PARTIAL: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// A bar `count / max` of `width` columns, in eighths of a column; a count above zero gets
/// at least one eighth, so that it never looks like none.
pub fn bar(count: u64, max: u64, width: usize) -> String {
    if count == 0 || max == 0 || width == 0 {
        return String::new();
    }
    let eighths = (count as f64 / max as f64 * (width * 8) as f64).round() as usize;
    let eighths = eighths.clamp(1, width * 8);
    let mut bar = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        bar.push(PARTIAL[eighths % 8 - 1]);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional_in_eighths() {
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██");
        assert_eq!(bar(9, 16, 1), "▋");
        assert_eq!(bar(1, 1000, 4), "▏", "a count above zero shows");
        assert_eq!(bar(0, 10, 4), "");
        assert_eq!(bar(3, 0, 4), "");
    }
}
