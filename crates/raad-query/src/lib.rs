//! raad-query: ranked search with filters, facets and snippets over a raad index.
