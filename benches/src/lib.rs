//! Shared helpers of the raad benchmarks and measurement programs.

pub mod relevance;
