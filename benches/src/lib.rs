//! Shared helpers of the raad benchmarks and measurement programs.
