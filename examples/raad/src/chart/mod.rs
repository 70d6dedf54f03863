//! Charts of counts per period, as `raad trend --chart FILE` writes them: stacked bars per period
//! with a legend when there are several series, plain bars for one, on a 1200×675 canvas (16:9,
//! the shape an article takes), as SVG or PNG by the file's extension.
//!
//! Text is measured, and in a PNG drawn, with DejaVu Sans embedded in the binary, so that a chart
//! comes out the same on a machine without any fonts. The chart is drawn in memory and written
//! only when whole: a failure leaves no half-drawn file.
//!
//! `layout.rs` places everything on the canvas, for both formats; `pixels.rs` is the PNG side.

mod layout;
mod pixels;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use plotters::prelude::*;

/// What a chart shows: counts per period, one series per split value (or one series "total").
#[derive(Debug, Clone)]
pub struct ChartData {
    /// The line on top: the query and its filters, e.g. "kinderopvang — per jaar, per partij".
    pub title: String,
    /// The x labels in order: "2013", "2014", … or "2019 Q1", "2019-03", "2019–2024".
    pub periods: Vec<String>,
    /// The bars: one count per period in each series, stacked in this order from the axis up.
    pub series: Vec<Series>,
    /// The words under the x axis ("Jaar", "Year").
    pub x_label: String,
    /// The words beside the y axis ("Aantal vragen", "Records").
    pub y_label: String,
    /// The line at the bottom: the index's date range and record count.
    pub footnote: String,
}

/// One series of a chart: a name for the legend and a count per period.
#[derive(Debug, Clone)]
pub struct Series {
    /// The name the legend shows (a party, an alderman, … or "total").
    pub name: String,
    /// One count per period of [`ChartData::periods`], in the same order.
    pub counts: Vec<u64>,
}

/// Why a chart was not written.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The file's extension names no format a chart is written in.
    #[error("{}: a chart is written as .svg or .png, not {}", .path.display(), shown_extension(.extension))]
    UnsupportedFormat {
        /// The file asked for.
        path: PathBuf,
        /// Its extension as given, without the dot; `None` when it has none.
        extension: Option<String>,
    },
    /// A series has not one count per period.
    #[error("series {name:?} has {counts} counts for {periods} periods")]
    LengthMismatch {
        /// The series' name.
        name: String,
        /// How many counts it has.
        counts: usize,
        /// How many periods the chart has.
        periods: usize,
    },
    /// Drawing or encoding failed (the embedded font unreadable, the encoder refused).
    #[error("cannot draw the chart: {0}")]
    Draw(String),
    /// The finished chart could not be written.
    #[error("cannot write the chart to {}: {source}", .path.display())]
    Write {
        /// The file written to.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
}

fn shown_extension(extension: &Option<String>) -> String {
    match extension {
        Some(extension) => format!(".{extension}"),
        None => "a file without an extension".to_owned(),
    }
}

/// Width of every chart in pixels (and of the SVG viewBox).
pub const WIDTH: u32 = 1200;
/// Height of every chart in pixels: 16:9 with [`WIDTH`].
pub const HEIGHT: u32 = 675;

/// Writes `data` as a chart to `path`: SVG for `.svg`, PNG for `.png` (any case).
pub fn write_chart(path: &Path, data: &ChartData) -> Result<(), ChartError> {
    let bytes = match Format::of(path)? {
        Format::Svg => render_svg(data)?.into_bytes(),
        Format::Png => render_png(data)?,
    };
    std::fs::write(path, bytes).map_err(|source| ChartError::Write {
        path: path.to_owned(),
        source,
    })
}

/// The file formats a chart is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Svg,
    Png,
}

impl Format {
    fn of(path: &Path) -> Result<Self, ChartError> {
        let extension = path.extension().map(|e| e.to_string_lossy().into_owned());
        match extension.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("svg") => Ok(Self::Svg),
            Some("png") => Ok(Self::Png),
            _ => Err(ChartError::UnsupportedFormat {
                path: path.to_owned(),
                extension,
            }),
        }
    }
}

/// The chart as an SVG document.
fn render_svg(data: &ChartData) -> Result<String, ChartError> {
    check(data)?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        layout::draw(&root, data)?;
        root.present().map_err(draw_error)?;
    }
    Ok(svg)
}

/// The chart as a PNG file's bytes.
fn render_png(data: &ChartData) -> Result<Vec<u8>, ChartError> {
    check(data)?;
    let mut pixels = vec![0u8; WIDTH as usize * HEIGHT as usize * 3];
    {
        let backend = pixels::CrispText::new(&mut pixels, (WIDTH, HEIGHT))?;
        let root = backend.into_drawing_area();
        layout::draw(&root, data)?;
        root.present().map_err(draw_error)?;
    }
    pixels::encode_png(&pixels, (WIDTH, HEIGHT))
}

fn check(data: &ChartData) -> Result<(), ChartError> {
    let periods = data.periods.len();
    match data.series.iter().find(|s| s.counts.len() != periods) {
        Some(series) => Err(ChartError::LengthMismatch {
            name: series.name.clone(),
            counts: series.counts.len(),
            periods,
        }),
        None => Ok(()),
    }
}

fn draw_error<E: std::error::Error + Send + Sync>(error: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(error.to_string())
}
