//! The exit statuses of `raad`, in one place so that `--help` and the code agree.

use std::process;

/// What a `raad` run ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Everything went as asked: records found, files parsed or indexed without rejections.
    Success,
    /// The run worked but found nothing (search), some input was rejected (parse, index), or
    /// the index is damaged (check).
    Partial,
    /// An error stopped the run: bad arguments, a missing index, an unreadable file.
    Error,
    /// Ctrl-C or SIGTERM stopped the run (128 + SIGINT, as shells report it).
    Interrupted,
}

impl ExitCode {
    /// The numeric status given to the operating system.
    pub fn code(self) -> u8 {
        match self {
            ExitCode::Success => 0,
            ExitCode::Partial => 1,
            ExitCode::Error => 2,
            ExitCode::Interrupted => 130,
        }
    }
}

impl From<ExitCode> for process::ExitCode {
    fn from(code: ExitCode) -> process::ExitCode {
        process::ExitCode::from(code.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        assert_eq!(ExitCode::Success.code(), 0);
        assert_eq!(ExitCode::Partial.code(), 1);
        assert_eq!(ExitCode::Error.code(), 2);
        assert_eq!(ExitCode::Interrupted.code(), 130);
    }
}
