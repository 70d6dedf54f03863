//! raad-serve: a local web page for journalists and a JSON HTTP API over a raad index, behind
//! `raad serve`.
//!
//! Build an [`App`] from an open [`raad_query::Searcher`], then either mount [`router`] in an
//! axum application of your own, or let [`Server`] bind an address and serve it until Ctrl-C.
//! Every endpoint reads; none writes the index. The searcher picks up the indexer's new
//! commits by itself, so a running server shows them without a restart.
//!
//! ```no_run
//! use raad_query::Searcher;
//! use raad_serve::{App, Server};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let app = App::new(Searcher::open("raad-index")?, "raad-index");
//! let server = Server::bind("127.0.0.1:7700".parse()?, app)?;
//! println!("http://{}/", server.local_addr());
//! server.run_until_ctrl_c()?;
//! # Ok(())
//! # }
//! ```
//!
//! The routes: `/` (the search page), `/records/{id}` (a record page), `/static/raad.css`,
//! and the API under `/api/v1`: `search`, `search.csv`, `records/{id}`,
//! `records/{id}/similar`, `stats`, and their OpenAPI description, `openapi.json`. Errors of the API are JSON
//! (`{"error":{"message":…,"column":…}}`) with 400 for a bad query or parameter, 404 for an
//! unknown id and 503 for a damaged index.

mod api;
mod csv_export;
mod error;
mod lang;
mod limits;
mod marked;
mod openapi;
mod pages;
mod params;
mod routes;
mod server;
mod state;
mod urls;

pub use limits::Limits;
pub use routes::router;
pub use server::{ServeError, Server};
pub use state::App;
