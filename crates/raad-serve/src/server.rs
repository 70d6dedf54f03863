//! [`Server`]: the app on a bound address, served until Ctrl-C (or another signal) with a
//! graceful shutdown.

use std::future::Future;
use std::net::{SocketAddr, TcpListener};

use crate::routes::router;
use crate::state::App;

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The address is taken, not local, or not allowed.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The async runtime could not start, or serving failed.
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// The application listening on an address, not yet serving.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    runtime: tokio::runtime::Runtime,
    app_router: axum::Router,
    /// Ctrl-C, listened for from the bind on: a Ctrl-C that comes right after the address is
    /// printed (a script that starts the server and stops it at once) is not lost.
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
}

impl Server {
    /// Binds `addr` (port 0 picks a free port; [`Server::local_addr`] tells which).
    pub fn bind(addr: SocketAddr, app: App) -> Result<Server, ServeError> {
        let listener =
            TcpListener::bind(addr).map_err(|source| ServeError::Bind { addr, source })?;
        listener
            .set_nonblocking(true)
            .map_err(|source| ServeError::Bind { addr, source })?;
        let local = listener
            .local_addr()
            .map_err(|source| ServeError::Bind { addr, source })?;
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            // Searches run on the blocking pool; as many at once as the cores can work on,
            // twice over, and the rest wait (within the request timeout).
            .max_blocking_threads(2 * cores)
            .build()?;
        #[cfg(unix)]
        let interrupt = {
            let _context = runtime.enter();
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()).ok()
        };
        Ok(Server {
            listener,
            addr: local,
            runtime,
            app_router: router(app),
            #[cfg(unix)]
            interrupt,
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until Ctrl-C, then finishes the requests under way and returns.
    #[cfg(unix)]
    pub fn run_until_ctrl_c(mut self) -> Result<(), ServeError> {
        let interrupt = self.interrupt.take();
        self.run_until(async move {
            match interrupt {
                Some(mut interrupt) => {
                    interrupt.recv().await;
                }
                // Without a signal handler the server runs until it is killed, as any server.
                None => std::future::pending::<()>().await,
            }
        })
    }

    /// Serves until Ctrl-C, then finishes the requests under way and returns.
    #[cfg(not(unix))]
    pub fn run_until_ctrl_c(self) -> Result<(), ServeError> {
        self.run_until(async {
            // Without a signal handler the server runs until it is killed, as any server.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
    }

    /// Serves until `shutdown` completes, then finishes the requests under way and returns.
    pub fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServeError> {
        let Server {
            listener,
            runtime,
            app_router,
            ..
        } = self;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            axum::serve(listener, app_router)
                .with_graceful_shutdown(shutdown)
                .await
        })?;
        Ok(())
    }
}
