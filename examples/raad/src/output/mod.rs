//! Output formats for search results and records. Data goes to stdout only.

pub mod csv;
pub mod table;
