//! raad-index: builds tantivy indices of council records from files.
