use super::*;

fn parties() -> ChartData {
    ChartData {
        title: "kinderopvang — per jaar, per partij".to_owned(),
        periods: vec!["2019".to_owned(), "2020".to_owned(), "2021".to_owned()],
        series: vec![
            Series {
                name: "Groen".to_owned(),
                counts: vec![3, 0, 5],
            },
            Series {
                name: "CD&V".to_owned(),
                counts: vec![1, 2, 0],
            },
        ],
        x_label: "Jaar".to_owned(),
        y_label: "Aantal vragen".to_owned(),
        footnote: "Index: 2013-01-07 – 2024-12-16, 8 000 records · raad".to_owned(),
    }
}

fn months(count: usize) -> Vec<String> {
    (0..count)
        .map(|i| format!("{}-{:02}", 2013 + i / 12, i % 12 + 1))
        .collect()
}

/// The texts of an SVG: what a reader sees written.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .map(|t| {
            let body = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
            body.trim().replace("&amp;", "&")
        })
        .collect()
}

/// The filled rectangles of one colour in an SVG, as (x, y, width, height).
fn rects(svg: &str, fill: &str) -> Vec<(i64, i64, i64, i64)> {
    let attribute = |tag: &str, name: &str| -> i64 {
        let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    };
    svg.split("<rect")
        .skip(1)
        .map(|t| &t[..t.find("/>").unwrap()])
        .filter(|t| t.contains(&format!("fill=\"{fill}\"")))
        .map(|t| {
            let get = |name| attribute(t, name);
            (get("x"), get("y"), get("width"), get("height"))
        })
        .collect()
}

const BLUE: &str = "#0072B2";
const ORANGE: &str = "#E69F00";

#[test]
fn svg_shows_title_periods_series_axes_and_footnote() {
    let svg = render_svg(&parties()).unwrap();
    assert!(svg.starts_with(r#"<svg width="1200" height="675" viewBox="0 0 1200 675""#));
    let texts = texts(&svg);
    for expected in [
        "kinderopvang — per jaar, per partij",
        "2019",
        "2020",
        "2021",
        "Groen",
        "CD&V",
        "Jaar",
        "Aantal vragen",
        "Index: 2013-01-07 – 2024-12-16, 8 000 records · raad",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected:?} not in {texts:?}"
        );
    }
    // Names from the data are escaped, not markup.
    assert!(svg.contains(">\nCD&amp;V\n<"));
}

#[test]
fn stacked_bars_stand_on_zero_and_are_as_tall_as_their_counts() {
    // Groen 3, 0, 5 at the bottom; CD&V 1, 2, 0 on top.
    let svg = render_svg(&parties()).unwrap();
    let groen = rects(&svg, BLUE);
    let cdv = rects(&svg, ORANGE);
    // A bar per non-zero count, plus the legend's swatch.
    assert_eq!(groen.len(), 3, "{groen:?}");
    assert_eq!(cdv.len(), 3, "{cdv:?}");
    let (g2019, g2021) = (groen[0], groen[1]);
    let (c2019, c2020) = (cdv[0], cdv[1]);
    let axis = g2019.1 + g2019.3;
    // The first series and a bar with nothing under it start at the axis.
    assert_eq!(g2021.1 + g2021.3, axis);
    assert_eq!(c2020.1 + c2020.3, axis);
    // The second series sits on the first.
    assert_eq!(c2019.1 + c2019.3, g2019.1);
    // Heights in proportion to the counts (from 0: 3, 5, 1, 2), within rounding.
    let unit = g2021.3 as f64 / 5.0;
    for (bar, count) in [(g2019, 3.0), (c2019, 1.0), (c2020, 2.0)] {
        assert!(
            (bar.3 as f64 - count * unit).abs() <= 1.0,
            "{bar:?} {count}"
        );
    }
    // Bars in period order, left to right, the three filling the plot's width.
    assert!(g2019.0 < c2020.0 && c2020.0 < g2021.0);
    let (left, right) = plot_edges(&svg);
    let (before, after) = (g2019.0 - left, right - (g2021.0 + g2021.2));
    assert!(
        before > 0 && (before - after).abs() <= 1,
        "{before} {after}"
    );
}

/// Where the plot's grid lines start and end, left and right.
fn plot_edges(svg: &str) -> (i64, i64) {
    let line = svg
        .split("<line")
        .nth(1)
        .map(|t| &t[..t.find("/>").unwrap()])
        .unwrap();
    let attribute = |name: &str| -> i64 {
        let start = line.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        let end = start + line[start..].find('"').unwrap();
        line[start..end].parse().unwrap()
    };
    (attribute("x1"), attribute("x2"))
}

#[test]
fn the_legend_lists_series_top_down_as_they_stack() {
    let texts = texts(&render_svg(&parties()).unwrap());
    let at = |name: &str| texts.iter().position(|t| t == name).unwrap();
    assert!(at("CD&V") < at("Groen"));
}

#[test]
fn one_series_draws_plain_bars_without_a_legend() {
    let mut data = parties();
    data.series = vec![Series {
        name: "totaal".to_owned(),
        counts: vec![1200, 0, 15000],
    }];
    let svg = render_svg(&data).unwrap();
    assert_eq!(rects(&svg, BLUE).len(), 2);
    let texts = texts(&svg);
    assert!(!texts.iter().any(|t| t == "totaal"), "{texts:?}");
    // Counts on the axis group their thousands.
    assert!(texts.iter().any(|t| t == "10\u{a0}000"), "{texts:?}");
}

#[test]
fn png_is_a_1200_by_675_image() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trend.png");
    write_chart(&path, &parties()).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((frame.width, frame.height), (1200, 675));
    // Not a blank canvas: the bars' blue is there.
    assert!(pixels.chunks(3).any(|p| p == [0x00, 0x72, 0xB2]));
}

#[test]
fn the_extension_chooses_the_format_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("trend.SVG");
    write_chart(&svg, &parties()).unwrap();
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    let png = dir.path().join("trend.Png");
    write_chart(&png, &parties()).unwrap();
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn another_extension_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("trend.pdf");
    let err = write_chart(&pdf, &parties()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: a chart is written as .svg or .png, not .pdf",
            pdf.display()
        )
    );
    assert!(!pdf.exists());
    let bare = dir.path().join("trend");
    let err = write_chart(&bare, &parties()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: a chart is written as .svg or .png, not a file without an extension",
            bare.display()
        )
    );
}

#[test]
fn a_series_without_a_count_per_period_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trend.svg");
    let mut data = parties();
    data.series[1].counts.pop();
    let err = write_chart(&path, &data).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"series "CD&V" has 2 counts for 3 periods"#
    );
    assert!(!path.exists());
}

#[test]
fn a_file_that_cannot_be_written_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("trend.png");
    let err = write_chart(&path, &parties()).unwrap_err();
    assert!(matches!(err, ChartError::Write { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with(&format!("cannot write the chart to {}: ", path.display())),
        "{err}"
    );
}

#[test]
fn all_zero_counts_draw_an_axis_from_zero() {
    let mut data = parties();
    for series in &mut data.series {
        series.counts = vec![0; 3];
    }
    let svg = render_svg(&data).unwrap();
    assert!(rects(&svg, ORANGE).len() == 1, "only the legend's swatch");
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t == "0") && texts.iter().any(|t| t == "1"));
    render_png(&data).unwrap();
}

#[test]
fn no_periods_or_one_period_still_draw() {
    let mut data = parties();
    data.periods.clear();
    for series in &mut data.series {
        series.counts.clear();
    }
    let texts = texts(&render_svg(&data).unwrap());
    assert!(texts
        .iter()
        .any(|t| t == "kinderopvang — per jaar, per partij"));
    render_png(&data).unwrap();
    data.series = Vec::new();
    render_svg(&data).unwrap();
    render_png(&data).unwrap();

    let mut one = parties();
    one.periods.truncate(1);
    for series in &mut one.series {
        series.counts.truncate(1);
    }
    let svg = render_svg(&one).unwrap();
    assert!(texts_of(&svg, "2019"));
    assert!(!texts_of(&svg, "2020"));
    render_png(&one).unwrap();
}

fn texts_of(svg: &str, text: &str) -> bool {
    texts(svg).iter().any(|t| t == text)
}

#[test]
fn a_long_title_is_cut_with_an_ellipsis() {
    let mut data = parties();
    data.title = format!("kinderopvang {}", "OR crèche ".repeat(100));
    let texts = texts(&render_svg(&data).unwrap());
    let title = &texts[0];
    assert!(title.starts_with("kinderopvang OR crèche"), "{title}");
    assert!(title.ends_with('…'), "{title}");
    assert!(title.chars().count() < 150, "{title}");
    render_png(&data).unwrap();
}

#[test]
fn twelve_years_of_months_are_labelled_once_a_year() {
    let mut data = parties();
    data.periods = months(144);
    data.series[0].counts = (0..144).map(|i| i % 7).collect();
    data.series[1].counts = (0..144).map(|i| i % 3).collect();
    let svg = render_svg(&data).unwrap();
    for year in 2013..=2024 {
        assert!(texts_of(&svg, &format!("{year}-01")), "{year}-01");
        assert!(!texts_of(&svg, &format!("{year}-02")), "{year}-02");
    }
    render_png(&data).unwrap();
}

#[test]
fn more_series_than_the_legend_holds_are_counted_not_listed() {
    let mut data = parties();
    data.series = (0..40)
        .map(|i| Series {
            name: format!("series {i}"),
            counts: vec![i, 1, 40 - i],
        })
        .collect();
    let svg = render_svg(&data).unwrap();
    // 21 names fit in the legend's column; the other 19 are counted.
    assert!(texts_of(&svg, "… +19"));
    assert!(texts_of(&svg, "series 0") && texts_of(&svg, "series 20"));
    assert!(!texts_of(&svg, "series 21"));
    render_png(&data).unwrap();
}

#[test]
fn huge_counts_do_not_overflow() {
    let mut data = parties();
    data.series[0].counts = vec![u64::MAX, 0, 1];
    data.series[1].counts = vec![u64::MAX, 1, 0];
    render_svg(&data).unwrap();
    render_png(&data).unwrap();
}
