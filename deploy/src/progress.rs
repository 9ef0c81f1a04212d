//! A long run reports: a progress bar on a terminal, and on stderr one line
//! for everything skipped (above the bar, as it happens). Where stderr is
//! not a terminal (CI, cron) there is no bar: the lines and the run's
//! closing summary are the log.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar on stderr when it is a terminal, none otherwise.
    pub fn new() -> Progress {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        if let Ok(style) = ProgressStyle::with_template(
            "{prefix} [{bar:30}] {pos}/{len} {msg} ({per_sec}, {eta} left)",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.enable_steady_tick(Duration::from_millis(250));
        Progress { bar }
    }

    /// A bar that never draws (tests, library callers).
    pub fn hidden() -> Progress {
        Progress {
            bar: ProgressBar::hidden(),
        }
    }

    /// Starts counting `len` steps of `what`.
    pub fn start(&self, prefix: &'static str, len: usize, what: &'static str) {
        self.bar.set_prefix(prefix);
        self.bar.set_length(len as u64);
        self.bar.set_position(0);
        self.bar.set_message(what);
    }

    pub fn step(&self) {
        self.bar.inc(1);
    }

    /// A line on stderr, above the bar.
    pub fn say(&self, line: &str) {
        if self.bar.is_hidden() {
            eprintln!("{line}");
        } else {
            self.bar.println(line);
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}
