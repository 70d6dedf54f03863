//! [`App`]: what every request handler shares — the searcher, the index folder, the limits.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use raad_query::{index_stats, IndexStats, QueryError, Searcher};

use crate::limits::Limits;

/// The state behind the routes: cheap to clone (one `Arc`).
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    searcher: Searcher,
    index_dir: PathBuf,
    limits: Limits,
    /// The statistics of the last commit asked about, by its opstamp: reading them checks the
    /// index's files, too much work to repeat for every request.
    stats: Mutex<Option<(u64, IndexStats)>>,
}

impl App {
    /// Serves `searcher`, opened on the index in `index_dir`, with the default [`Limits`].
    pub fn new(searcher: Searcher, index_dir: impl Into<PathBuf>) -> App {
        App::with_limits(searcher, index_dir, Limits::default())
    }

    /// Serves `searcher` with other limits.
    pub fn with_limits(searcher: Searcher, index_dir: impl Into<PathBuf>, limits: Limits) -> App {
        App {
            inner: Arc::new(Inner {
                searcher,
                index_dir: index_dir.into(),
                limits,
                stats: Mutex::new(None),
            }),
        }
    }

    /// The searcher.
    pub fn searcher(&self) -> &Searcher {
        &self.inner.searcher
    }

    /// The index folder.
    pub fn index_dir(&self) -> &Path {
        &self.inner.index_dir
    }

    /// The limits requests are held to.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// What the index holds now, read again only after a new commit.
    pub(crate) fn stats(&self) -> Result<IndexStats, QueryError> {
        let opstamp = self
            .inner
            .searcher
            .index()
            .load_metas()
            .map(|meta| meta.opstamp)
            .ok();
        let cached = |stats: &Option<(u64, IndexStats)>| match (stats, opstamp) {
            (Some((seen, stats)), Some(now)) if *seen == now => Some(stats.clone()),
            _ => None,
        };
        if let Some(stats) = cached(&self.lock_stats()) {
            return Ok(stats);
        }
        let stats = index_stats(&self.inner.index_dir)?;
        if let Some(now) = opstamp {
            *self.lock_stats() = Some((now, stats.clone()));
        }
        Ok(stats)
    }

    fn lock_stats(&self) -> std::sync::MutexGuard<'_, Option<(u64, IndexStats)>> {
        // A panic while holding the lock leaves a cache that is at worst stale: keep using it.
        self.inner
            .stats
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl App {
    /// Runs `read` on the searcher on tokio's blocking pool: searches are CPU work and must not
    /// hold up the threads that serve other connections.
    pub(crate) async fn read<T: Send + 'static>(
        &self,
        read: impl FnOnce(&Searcher) -> Result<T, QueryError> + Send + 'static,
    ) -> Result<T, crate::error::ApiError> {
        let app = self.clone();
        tokio::task::spawn_blocking(move || read(app.searcher()))
            .await
            .map_err(crate::error::ApiError::task_failed)?
            .map_err(Into::into)
    }
}
