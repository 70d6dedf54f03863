//! [`ReaderDirectory`]: an index folder as tantivy sees it, opened so that reading needs no
//! write access.
//!
//! tantivy's `MmapDirectory` takes its meta lock (held while a reader opens the segment files,
//! so that a writer's garbage collection cannot delete them meanwhile) by opening
//! `.tantivy-meta.lock` for writing, creating it when missing. In a folder the user may only
//! read (an index shared read-only, a mounted snapshot) that open fails, and a search fails
//! with a lock error although it writes nothing. This wrapper takes the same lock through a
//! read-only handle (an advisory lock needs no write access), and goes without when the lock
//! file cannot be created: then no writer can be at work in the folder either.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fs4::fs_std::FileExt;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, META_LOCK,
};

/// tantivy's [`MmapDirectory`] over `path`, whose meta lock needs no write access (see the
/// module documentation). Every other operation is the mmap directory's own.
#[derive(Clone, Debug)]
pub(crate) struct ReaderDirectory {
    inner: MmapDirectory,
    path: PathBuf,
}

impl ReaderDirectory {
    /// Opens the folder `path`.
    pub fn open(path: &Path) -> tantivy::Result<ReaderDirectory> {
        let inner = MmapDirectory::open(path).map_err(tantivy::TantivyError::from)?;
        Ok(ReaderDirectory {
            inner,
            path: path.to_path_buf(),
        })
    }

    /// The index in the folder `path`, opened for reading only.
    pub fn open_index(path: &Path) -> tantivy::Result<tantivy::Index> {
        tantivy::Index::open(ReaderDirectory::open(path)?)
    }

    fn meta_lock(&self) -> Result<DirectoryLock, LockError> {
        let lock_path = self.path.join(&META_LOCK.filepath);
        match File::open(&lock_path) {
            Ok(file) => {
                FileExt::lock_exclusive(&file).map_err(LockError::wrap_io_error)?;
                // Dropping the handle releases the lock.
                Ok(DirectoryLock::from(Box::new(file)))
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                match OpenOptions::new()
                    .write(true)
                    .create(true)
                    .truncate(false)
                    .open(&lock_path)
                {
                    Ok(file) => {
                        FileExt::lock_exclusive(&file).map_err(LockError::wrap_io_error)?;
                        Ok(DirectoryLock::from(Box::new(file)))
                    }
                    // A folder nobody may write into has no writer to guard against.
                    Err(err) if cannot_write(&err) => Ok(DirectoryLock::from(Box::new(()))),
                    Err(err) => Err(LockError::wrap_io_error(err)),
                }
            }
            Err(err) => Err(LockError::wrap_io_error(err)),
        }
    }
}

/// Whether `err` says the folder cannot be written to.
fn cannot_write(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

impl Directory for ReaderDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        if lock.filepath == META_LOCK.filepath {
            self.meta_lock()
        } else {
            self.inner.acquire_lock(lock)
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}
