//! The watches of an index and what each has reported, kept in `raad-watches.json` in the
//! index folder ([`raad_query::WATCHES_FILE`]). One `raad watch` at a time holds the lock
//! beside it while it reads, runs and writes; the file is replaced whole (a temporary file,
//! synced, renamed over it), so a kill at any moment leaves the old file or the new one.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use fs4::fs_std::FileExt;
use raad_query::{Watch, WatchState, WATCHES_FILE, WATCHES_LOCK};
use serde::{Deserialize, Serialize};

/// The version of the file's layout; a file of a later one is refused, not overwritten.
/// 2: states as two sorted id lists ([`WatchState`]'s compact form); 1 (one object per id)
/// is read and written back as 2.
const VERSION: u32 = 2;

/// How long a `raad watch` waits for another to finish with the file.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// The contents of the watches file.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Watches {
    /// The layout's version.
    pub version: u32,
    /// The watches, in the order they were added.
    pub watches: Vec<Entry>,
}

/// One watch and what it remembers.
#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    /// The saved search.
    pub watch: Watch,
    /// When it last ran and recorded (RFC 3339, UTC), if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_run: Option<String>,
    /// What it has recorded.
    #[serde(default)]
    pub state: WatchState,
}

impl Watches {
    /// The watch named `name`, to change.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Entry> {
        self.watches
            .iter_mut()
            .find(|entry| entry.watch.name == name)
    }
}

/// The watches file of one index, locked for this process until dropped.
pub struct WatchFile {
    path: PathBuf,
    dir: PathBuf,
    /// Held open: the lock lasts as long as the handle.
    _lock: File,
}

impl WatchFile {
    /// Locks the watches file of the index in `dir`, waiting while another `raad watch`
    /// holds it. The folder must exist: a watch of a removed index says so.
    pub fn lock(dir: &Path) -> anyhow::Result<WatchFile> {
        anyhow::ensure!(
            dir.is_dir(),
            "no index at {}: the folder is gone, and its watches with it",
            dir.display()
        );
        let lock_path = dir.join(WATCHES_LOCK);
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("cannot open {}", lock_path.display()))?;
        let deadline = Instant::now() + LOCK_WAIT;
        while !FileExt::try_lock_exclusive(&lock)
            .with_context(|| format!("cannot lock {}", lock_path.display()))?
        {
            anyhow::ensure!(
                Instant::now() < deadline,
                "another raad watch has held {} for {} s; try again when it is done",
                lock_path.display(),
                LOCK_WAIT.as_secs()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(WatchFile {
            path: dir.join(WATCHES_FILE),
            dir: dir.to_path_buf(),
            _lock: lock,
        })
    }

    /// The watches (none when the file does not exist yet).
    pub fn read(&self) -> anyhow::Result<Watches> {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Watches {
                    version: VERSION,
                    watches: Vec::new(),
                })
            }
            Err(err) => {
                return Err(err).with_context(|| format!("cannot read {}", self.path.display()))
            }
        };
        let mut watches: Watches = serde_json::from_str(&text)
            .with_context(|| format!("{} is damaged", self.path.display()))?;
        anyhow::ensure!(
            watches.version <= VERSION,
            "{} was written by a later raad (version {}); upgrade raad to use it",
            self.path.display(),
            watches.version
        );
        // Read in any earlier layout, written back in this one.
        watches.version = VERSION;
        Ok(watches)
    }

    /// Replaces the file with `watches`: written to a temporary file in the same folder,
    /// synced, renamed over the old one, and the folder synced.
    pub fn write(&self, watches: &Watches) -> anyhow::Result<()> {
        let context = || format!("cannot write {}", self.path.display());
        let mut temporary = tempfile::Builder::new()
            .prefix(".raad-watches-")
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .with_context(context)?;
        let mut json = serde_json::to_vec(watches)?;
        json.push(b'\n');
        temporary.write_all(&json).with_context(context)?;
        temporary.as_file().sync_all().with_context(context)?;
        temporary
            .persist(&self.path)
            .map_err(|err| err.error)
            .with_context(context)?;
        // The rename itself lasts only once the folder is synced (not possible everywhere).
        if let Ok(dir) = File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}
