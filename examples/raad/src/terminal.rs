//! What the terminal allows: colour, width. Decided once per run.

use std::io::IsTerminal;

use clap::ValueEnum;

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Facts about stdout that decide how data is printed.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    /// Whether to print ANSI colours.
    pub color: bool,
    /// The width to fit lines into; `None` when not a terminal (never truncate data in a pipe).
    pub width: Option<usize>,
}

impl Terminal {
    /// Looks at stdout and the environment once.
    pub fn detect(when: ColorWhen) -> Terminal {
        let is_tty = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => is_tty && !no_color,
        };
        let width = is_tty.then(|| {
            terminal_size::terminal_size().map_or(100, |(terminal_size::Width(w), _)| w as usize)
        });
        Terminal { color, width }
    }
}

impl Terminal {
    /// The same terminal with `columns` fewer columns (for indented lines).
    pub fn offset(self, columns: usize) -> Terminal {
        Terminal {
            width: self.width.map(|w| w.saturating_sub(columns).max(10)),
            ..self
        }
    }
}

/// Shortens `text` to at most `width` characters, ending with `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_ellipsis() {
        assert_eq!(fit("kinderopvang", 20), "kinderopvang");
        assert_eq!(fit("kinderopvang", 6), "kinde…");
        assert_eq!(fit("één", 3), "één");
    }
}
