//! Where everything goes on the canvas, for SVG and PNG alike: title on top, footnote at the
//! bottom, the legend in a column on the right, and the bars with their axes in between.

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontStyle};

use super::{draw_error, ChartData, ChartError, Series, HEIGHT, WIDTH};

/// The font family charts are drawn in: the embedded DejaVu Sans is registered under this name,
/// and an SVG viewer without DejaVu falls back to its own sans-serif.
pub(super) const FONT: &str = "DejaVu Sans, sans-serif";

/// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), most
/// distinct first, then grey for a ninth series, which callers use for "other".
const PALETTE: [RGBColor; 9] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0xF0, 0xE4, 0x42), // yellow
    RGBColor(0x00, 0x00, 0x00), // black
    RGBColor(0x99, 0x99, 0x99), // grey
];
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);

const PAD: i32 = 24;
const TITLE_HEIGHT: u32 = 64;
const FOOTNOTE_HEIGHT: u32 = 40;
const TITLE_SIZE: f64 = 26.0;
const TEXT_SIZE: f64 = 16.0;
const TICK_SIZE: f64 = 14.0;
const FOOTNOTE_SIZE: f64 = 13.0;
const CHART_MARGIN: u32 = 12;
const X_LABEL_AREA: u32 = 64;
const SWATCH: i32 = 14;
const LEGEND_LINE: i32 = 24;

/// Registers the embedded font with plotters, once per process.
fn font_ready() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let registered = *REGISTERED
        .get_or_init(|| register_font(FONT, FontStyle::Normal, dejavu::sans::regular()).is_ok());
    if registered {
        Ok(())
    } else {
        Err(ChartError::Draw(
            "the embedded font cannot be read".to_owned(),
        ))
    }
}

fn text_style(size: f64, color: &'static RGBColor) -> TextStyle<'static> {
    TextStyle::from((FONT, size).into_font()).color(color)
}

/// How wide `text` is drawn in `style`, in pixels.
fn text_width(text: &str, style: &TextStyle) -> Result<u32, ChartError> {
    let (width, _) = style
        .font
        .box_size(text)
        .map_err(|e| ChartError::Draw(e.to_string()))?;
    Ok(width)
}

/// `text` on one line, cut with "…" to fit `max_width` pixels.
fn fit(text: &str, style: &TextStyle, max_width: u32) -> Result<String, ChartError> {
    // Text comes from the user's query and the data: a line break or tab would draw as a box.
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text_width(&text, style)? <= max_width {
        return Ok(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let cut = |n: usize| -> String {
        let mut s: String = chars[..n].iter().collect::<String>().trim_end().to_owned();
        s.push('…');
        s
    };
    // The longest prefix that fits with its ellipsis (widths grow with the prefix).
    let (mut fits, mut fails) = (0, chars.len());
    while fails - fits > 1 {
        let mid = (fits + fails) / 2;
        if text_width(&cut(mid), style)? <= max_width {
            fits = mid;
        } else {
            fails = mid;
        }
    }
    Ok(cut(fits))
}

/// A count with its thousands grouped by a no-break space ("12 500"), as Dutch and English
/// style guides both accept.
fn grouped(count: u64) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(digit);
    }
    out
}

/// Every `step`-th period is labelled, `step` the smallest that keeps labels `label_width`
/// apart in slots `slot_width` wide; steps are calendar-friendly (months by quarter, half or
/// year; quarters by year).
fn label_step(periods: usize, slot_width: f64, label_width: f64) -> usize {
    const STEPS: [usize; 6] = [1, 2, 3, 4, 6, 12];
    let fits = |step: usize| step as f64 * slot_width >= label_width;
    if let Some(&step) = STEPS.iter().find(|&&step| fits(step)) {
        return step;
    }
    let mut step = 24;
    while step < periods && !fits(step) {
        step *= 2;
    }
    step.max(1)
}

/// The top of the y axis: above the highest bar, so that no bar touches the frame, and never 0
/// (an all-zero chart keeps an axis).
fn y_top(highest: u64) -> u64 {
    highest.saturating_add((highest / 12).max(1))
}

pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    font_ready()?;
    root.fill(&WHITE).map_err(draw_error)?;
    let (title_area, rest) = root.split_vertically(TITLE_HEIGHT);
    let (body, footnote_area) = rest.split_vertically(HEIGHT - TITLE_HEIGHT - FOOTNOTE_HEIGHT);

    let line_width = WIDTH - 2 * PAD as u32;
    let title_style = text_style(TITLE_SIZE, &INK).pos(Pos::new(HPos::Left, VPos::Center));
    let title = fit(&data.title, &title_style, line_width)?;
    title_area
        .draw_text(&title, &title_style, (PAD, TITLE_HEIGHT as i32 / 2))
        .map_err(draw_error)?;
    let footnote_style = text_style(FOOTNOTE_SIZE, &MUTED).pos(Pos::new(HPos::Left, VPos::Center));
    let footnote = fit(&data.footnote, &footnote_style, line_width)?;
    footnote_area
        .draw_text(
            &footnote,
            &footnote_style,
            (PAD, FOOTNOTE_HEIGHT as i32 / 2),
        )
        .map_err(draw_error)?;

    if data.series.len() > 1 {
        let legend_width = legend_width(&data.series)?;
        let (plot, legend) = body.split_horizontally(WIDTH - legend_width);
        draw_bars(&plot, data)?;
        draw_legend(&legend, &data.series)?;
    } else {
        draw_bars(&body, data)?;
    }
    Ok(())
}

fn legend_style() -> TextStyle<'static> {
    text_style(TEXT_SIZE, &INK).pos(Pos::new(HPos::Left, VPos::Center))
}

const LEGEND_MIN: u32 = 120;
const LEGEND_MAX: u32 = 280;

/// The legend column's width: the longest name's, within bounds (longer names are cut).
fn legend_width(series: &[Series]) -> Result<u32, ChartError> {
    let style = legend_style();
    let mut widest = 0;
    for s in series {
        widest = widest.max(text_width(&s.name, &style)?);
        if widest >= LEGEND_MAX {
            break;
        }
    }
    Ok((widest + SWATCH as u32 + 8 + PAD as u32 + 8).clamp(LEGEND_MIN, LEGEND_MAX))
}

/// The legend, top to bottom in the order the bars stack bottom to top, so that each name sits
/// level with its colour; a colour is never the only thing that tells series apart here.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let style = legend_style();
    let (width, height) = area.dim_in_pixel();
    let name_width = width.saturating_sub(SWATCH as u32 + 8 + PAD as u32);
    let room = ((height as i32 - 2 * CHART_MARGIN as i32) / LEGEND_LINE).max(1) as usize;
    // Past the room the column has, the first series (the caller's most important) stay.
    let (shown, hidden) = if series.len() > room {
        (room - 1, series.len() - (room - 1))
    } else {
        (series.len(), 0)
    };
    let mut y = CHART_MARGIN as i32 + LEGEND_LINE / 2;
    if hidden > 0 {
        area.draw_text(&format!("… +{hidden}"), &style, (SWATCH + 8, y))
            .map_err(draw_error)?;
        y += LEGEND_LINE;
    }
    for (index, s) in series[..shown].iter().enumerate().rev() {
        let colour = PALETTE[index % PALETTE.len()];
        area.draw(&Rectangle::new(
            [(0, y - SWATCH / 2), (SWATCH, y + SWATCH / 2)],
            colour.filled(),
        ))
        .map_err(draw_error)?;
        let name = fit(&s.name, &style, name_width)?;
        area.draw_text(&name, &style, (SWATCH + 8, y))
            .map_err(draw_error)?;
        y += LEGEND_LINE;
    }
    Ok(())
}

fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let periods = data.periods.len();
    let totals: Vec<u64> = (0..periods)
        .map(|i| {
            data.series
                .iter()
                .fold(0u64, |sum, s| sum.saturating_add(s.counts[i]))
        })
        .collect();
    let top = y_top(totals.iter().copied().max().unwrap_or(0));

    let tick_style = text_style(TICK_SIZE, &INK);
    let desc_style = text_style(TEXT_SIZE, &INK);
    let y_label_area = text_width(&grouped(top), &tick_style)? + 48;
    let (area_width, area_height) = area.dim_in_pixel();
    let plot_width = area_width.saturating_sub(CHART_MARGIN + PAD as u32 + y_label_area) as f64;
    let plot_height = area_height.saturating_sub(2 * CHART_MARGIN + X_LABEL_AREA);

    // Period labels are cut to a slot of at most 160 px; then thinned so that none overlap.
    let labels: Vec<String> = data
        .periods
        .iter()
        .map(|p| fit(p, &tick_style, 160))
        .collect::<Result<_, _>>()?;
    let mut widest = 0;
    for label in &labels {
        widest = widest.max(text_width(label, &tick_style)?);
    }
    let slot = plot_width / periods.max(1) as f64;
    let step = label_step(periods, slot, f64::from(widest) + 16.0);

    let mut chart = ChartBuilder::on(area)
        .margin(CHART_MARGIN)
        // The same space on the right as the title and footnote keep on the left.
        .margin_right(PAD as u32)
        .x_label_area_size(X_LABEL_AREA)
        .y_label_area_size(y_label_area)
        .build_cartesian_2d(
            // plotters' integer ranges are inclusive: 0..n-1 holds n periods.
            (0..periods.max(1) as u32 - 1).into_segmented(),
            0..top,
        )
        .map_err(draw_error)?;
    let x_desc = fit(&data.x_label, &desc_style, plot_width as u32)?;
    let y_desc = fit(&data.y_label, &desc_style, plot_height)?;
    // Every period gets a tick; every `step`-th its label.
    let period_label = |value: &SegmentValue<u32>| match value {
        SegmentValue::CenterOf(i) | SegmentValue::Exact(i)
            if (*i as usize).is_multiple_of(step) =>
        {
            labels.get(*i as usize).cloned().unwrap_or_default()
        }
        _ => String::new(),
    };
    let count_label = |count: &u64| grouped(*count);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(MUTED)
        .x_labels(periods + 1)
        .y_labels(8)
        .x_label_formatter(&period_label)
        .y_label_formatter(&count_label)
        .label_style(tick_style.clone())
        .axis_desc_style(desc_style)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .draw()
        .map_err(draw_error)?;

    // Gaps between bars, and white lines between stacked segments when bars are wide enough
    // for them to leave colour to see.
    let gap = (slot * 0.2).round().min(24.0) as u32;
    let separated = data.series.len() > 1 && slot - f64::from(gap) >= 8.0;
    let mut bases = vec![0u64; periods];
    for (index, series) in data.series.iter().enumerate() {
        let colour = PALETTE[index % PALETTE.len()];
        let segment = |i: usize, low: u64, high: u64, style: ShapeStyle| {
            let at = i as u32;
            let mut rectangle = Rectangle::new(
                [
                    (SegmentValue::Exact(at), low),
                    (SegmentValue::Exact(at + 1), high),
                ],
                style,
            );
            rectangle.set_margin(0, 0, gap / 2, gap - gap / 2);
            rectangle
        };
        let drawn = || (0..periods).filter(|&i| series.counts[i] > 0);
        chart
            .draw_series(drawn().map(|i| {
                let high = bases[i].saturating_add(series.counts[i]);
                segment(i, bases[i], high, colour.filled())
            }))
            .map_err(draw_error)?;
        if separated && index > 0 {
            chart
                .draw_series(
                    drawn()
                        .filter(|&i| bases[i] > 0)
                        .map(|i| segment(i, bases[i], bases[i], WHITE.stroke_width(2))),
                )
                .map_err(draw_error)?;
        }
        for (base, count) in bases.iter_mut().zip(&series.counts) {
            *base = base.saturating_add(*count);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_their_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(8000), "8\u{a0}000");
        assert_eq!(grouped(1_234_567), "1\u{a0}234\u{a0}567");
    }

    #[test]
    fn labels_are_thinned_to_calendar_steps() {
        // 12 years in 80-px slots: every year.
        assert_eq!(label_step(12, 80.0, 52.0), 1);
        // 48 quarters in 21-px slots, labels 76 px: one a year.
        assert_eq!(label_step(48, 21.0, 76.0), 4);
        // 144 months in 7-px slots, labels 70 px: one a year.
        assert_eq!(label_step(144, 7.0, 70.0), 12);
        // 600 months in 1.6-px slots: every 4 years (24 months would overlap).
        assert_eq!(label_step(600, 1.6, 70.0), 48);
        // No room at all: the first label only.
        assert_eq!(label_step(5, 0.0, 70.0), 24);
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis_to_fit() {
        font_ready().unwrap();
        let style = text_style(TITLE_SIZE, &INK);
        assert_eq!(fit("kinderopvang", &style, 1000).unwrap(), "kinderopvang");
        let long = "kinderopvang".repeat(40);
        let cut = fit(&long, &style, 400).unwrap();
        assert!(cut.starts_with("kinderopvangkinder"), "{cut}");
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, &style).unwrap() <= 400);
        // One character more would not fit.
        let kept = cut.trim_end_matches('…').chars().count();
        let longer: String = long.chars().take(kept + 1).chain(['…']).collect();
        assert!(text_width(&longer, &style).unwrap() > 400, "{longer}");
        // Line breaks and tabs from a query become spaces, not boxes.
        assert_eq!(fit("a\nb\tc", &style, 1000).unwrap(), "a b c");
    }
}
