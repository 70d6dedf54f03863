//! `raad serve` latency: `/api/v1/search` with every facet over loopback HTTP, against the
//! library's own `Searcher::search` for the same requests, in the same run.
//!
//! ```text
//! cargo run --release -p raad-benches --bin serve_latency -- --index /tmp/raad-bench-1m
//! ```
//!
//! The index must exist (`search_latency --index DIR --records 1000000` builds one). The
//! server runs in this process on an ephemeral loopback port, with raad-serve's default
//! limits; each client is a thread sending one request per connection (HTTP/1.1,
//! `Connection: close`), the query mix round-robin. First the library alone with as many
//! threads as there are clients (the baseline: both queue for the same cores), then the HTTP
//! API with 1, 2 and 8 clients. Every request must answer 200.
//! Output: a Markdown table on stdout; progress on stderr.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use raad_query::{Facet, Highlight, SearchRequest, Searcher};
use raad_serve::{App, Server};

/// Measures the HTTP API's search latency against the library's.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// The index to serve.
    #[arg(long, env = "RAAD_BENCH_INDEX")]
    index: PathBuf,
    /// Queries in the mix (URL-encoded as the API takes `q`).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "school,fietspad,belastingen,\"openbaar vervoer\",veilig*,Janssens~"
    )]
    queries: Vec<String>,
    /// Requests per client at each concurrency (and library searches for the baseline).
    #[arg(long, default_value_t = 200)]
    requests: usize,
    /// Concurrent clients, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1,2,8")]
    clients: Vec<usize>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("serve_latency: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let searcher = Searcher::open(&args.index)?;
    let records = searcher.num_records();
    // The request the API builds from `?q=…` (every facet, ten hits, snippets); the HTML
    // markers are made after the search and cost little.
    let requests: Vec<SearchRequest> = args
        .queries
        .iter()
        .map(|q| {
            SearchRequest::new(q.clone())
                .facets(Facet::ALL)
                .highlight(Highlight::none())
        })
        .collect();
    for request in &requests {
        searcher.search(request)?; // warm-up
    }
    // The server gets its own searcher on the same index; this one stays for the baseline.
    let served = Searcher::open(&args.index)?;
    let server = Server::bind("127.0.0.1:0".parse()?, App::new(served, &args.index))?;
    let addr = server.local_addr();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = std::thread::spawn(move || {
        server.run_until(async {
            let _ = stopped.await;
        })
    });
    let paths: Vec<String> = args
        .queries
        .iter()
        .map(|q| {
            let query: String = form_urlencoded::Serializer::new(String::new())
                .append_pair("q", q)
                .finish();
            format!("/api/v1/search?{query}")
        })
        .collect();
    for path in &paths {
        get(addr, path)?; // warm-up
    }
    println!(
        "{records} records, {} queries, {} requests per client\n",
        paths.len(),
        args.requests,
    );
    println!(
        "| clients | requests | errors | library p50 | library p99 | HTTP p50 | HTTP p99 \
         | HTTP p50 / library p50 | requests/s |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for &clients in &args.clients {
        // The library at the same concurrency as the HTTP clients, just before them, so that
        // both queue for the same cores: on a 2-core machine the fair baseline for 8 clients
        // is 8 threads, not one.
        eprintln!("library: {clients} threads");
        let baseline = &library_times(&searcher, &requests, clients, args.requests)?;
        let base_p50 = percentile(baseline, 50.0);
        eprintln!("HTTP: {clients} clients");
        let started = Instant::now();
        let results: Vec<(Vec<f64>, usize)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..clients)
                .map(|client| {
                    let paths = &paths;
                    scope.spawn(move || {
                        let mut times = Vec::with_capacity(args.requests);
                        let mut errors = 0;
                        for i in 0..args.requests {
                            let path = &paths[(client + i) % paths.len()];
                            let sent = Instant::now();
                            match get(addr, path) {
                                Ok(200) => times.push(micros(sent.elapsed())),
                                _ => errors += 1,
                            }
                        }
                        (times, errors)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let elapsed = started.elapsed();
        let times: Vec<f64> = results
            .iter()
            .flat_map(|(t, _)| t.iter().copied())
            .collect();
        let errors: usize = results.iter().map(|(_, e)| e).sum();
        let p50 = percentile(&times, 50.0);
        println!(
            "| {clients} | {} | {errors} | {} | {} | {} | {} | {:.2}× | {:.0} |",
            times.len() + errors,
            ms(base_p50),
            ms(percentile(baseline, 99.0)),
            ms(p50),
            ms(percentile(&times, 99.0)),
            p50 / base_p50,
            (times.len() + errors) as f64 / elapsed.as_secs_f64()
        );
    }
    let _ = stop.send(());
    serving.join().map_err(|_| "the server thread panicked")??;
    Ok(())
}

/// The latency of each of `per_thread` searches on each of `threads` threads at once, the
/// request mix round-robin as the HTTP clients send it.
fn library_times(
    searcher: &Searcher,
    requests: &[SearchRequest],
    threads: usize,
    per_thread: usize,
) -> Result<Vec<f64>, raad_query::QueryError> {
    let results: Vec<Result<Vec<f64>, raad_query::QueryError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|thread| {
                scope.spawn(move || {
                    (0..per_thread)
                        .map(|i| {
                            let started = Instant::now();
                            searcher
                                .search(&requests[(thread + i) % requests.len()])
                                .map(|_| micros(started.elapsed()))
                        })
                        .collect()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut times = Vec::with_capacity(threads * per_thread);
    for result in results {
        times.extend(result?);
    }
    Ok(times)
}

/// One GET on a new connection; the status code.
fn get(addr: SocketAddr, path: &str) -> std::io::Result<u16> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply)?;
    let status = reply
        .get(9..12)
        .and_then(|code| std::str::from_utf8(code).ok())
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    Ok(status)
}

fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}

fn ms(micros: f64) -> String {
    format!("{:.2} ms", micros / 1000.0)
}

fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}
