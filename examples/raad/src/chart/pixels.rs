//! The PNG side of charts: plotters' bitmap backend with text drawn here, and the encoder.
//!
//! plotters (0.3.7) draws ab_glyph text without each glyph's left side bearing and with its
//! position cut to whole pixels, so narrow letters drift ("part ij"). [`CrispText`] hands every
//! shape to the bitmap backend unchanged and draws text itself: each glyph outlined at its exact
//! place on the baseline, as plotters measures it (advances and kerning), so layout is unchanged.

use ab_glyph::{point, Font, FontRef, ScaleFont};
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

use super::ChartError;

/// A bitmap backend over an RGB buffer whose text is drawn with the embedded font.
pub(super) struct CrispText<'a> {
    pixels: BitMapBackend<'a>,
    font: FontRef<'static>,
}

impl<'a> CrispText<'a> {
    /// A backend drawing into `buffer`, RGB rows of `size.0` pixels.
    pub(super) fn new(buffer: &'a mut [u8], size: (u32, u32)) -> Result<Self, ChartError> {
        let font = FontRef::try_from_slice(dejavu::sans::regular())
            .map_err(|_| ChartError::Draw("the embedded font cannot be read".to_owned()))?;
        Ok(Self {
            pixels: BitMapBackend::with_buffer(buffer, size),
            font,
        })
    }
}

type Error<'a> = DrawingErrorKind<<BitMapBackend<'a> as DrawingBackend>::ErrorType>;

impl<'a> DrawingBackend for CrispText<'a> {
    type ErrorType = <BitMapBackend<'a> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.pixels.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), Error<'a>> {
        self.pixels.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), Error<'a>> {
        self.pixels.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error<'a>> {
        self.pixels.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error<'a>> {
        self.pixels.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error<'a>> {
        self.pixels.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error<'a>> {
        self.pixels.draw_path(path, style)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Result<(), Error<'a>> {
        self.pixels.fill_polygon(vertices, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), Error<'a>> {
        self.pixels.blit_bitmap(pos, size, src)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Error<'a>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let font = self.font.as_scaled(style.size() as f32);
        let mut caret = 0.0f32;
        let mut previous = None;
        let mut glyphs = Vec::with_capacity(text.len());
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(previous) = previous {
                caret += font.kern(previous, id);
            }
            glyphs.push((id, caret));
            caret += font.h_advance(id);
            previous = Some(id);
        }
        // The anchor as plotters' SVG backend places it: start, middle or end of the advance;
        // the top of the ascent, the middle of the line, or the bottom of the descent.
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Center => -caret / 2.0,
            HPos::Right => -caret,
        };
        let baseline = match anchor.v_pos {
            VPos::Top => font.ascent(),
            VPos::Center => (font.ascent() + font.descent()) / 2.0,
            VPos::Bottom => font.descent(),
        };
        let transform = style.transform();
        let pixels = &mut self.pixels;
        for (id, x) in glyphs {
            let glyph = id.with_scale_and_position(font.scale(), point(x + dx, baseline));
            let Some(outline) = font.outline_glyph(glyph) else {
                continue; // a space
            };
            let bounds = outline.px_bounds();
            let mut drawn = Ok(());
            outline.draw(|x, y, coverage| {
                if drawn.is_err() || coverage <= 0.0 {
                    return;
                }
                let (x, y) = transform.transform(
                    bounds.min.x as i32 + x as i32,
                    bounds.min.y as i32 + y as i32,
                );
                let ink = BackendColor {
                    alpha: color.alpha * f64::from(coverage.min(1.0)),
                    rgb: color.rgb,
                };
                drawn = pixels.draw_pixel((pos.0 + x, pos.1 + y), ink);
            });
            drawn?;
        }
        Ok(())
    }
}

/// RGB pixels, `size.0` by `size.1`, as a PNG file's bytes.
pub(super) fn encode_png(pixels: &[u8], size: (u32, u32)) -> Result<Vec<u8>, ChartError> {
    let encode_error = |e: png::EncodingError| ChartError::Draw(e.to_string());
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, size.0, size.1);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(encode_error)?;
    writer.write_image_data(pixels).map_err(encode_error)?;
    writer.finish().map_err(encode_error)?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use plotters::style::text_anchor::Pos;

    use super::*;
    use crate::chart::layout::FONT;

    /// The first and last columns `text` inks, drawn 40 px high at x = 100 with `h_pos`.
    fn ink_columns(text: &str, h_pos: HPos) -> (usize, usize) {
        let (width, height) = (200usize, 60usize);
        let mut buffer = vec![255u8; width * height * 3];
        {
            let mut backend = CrispText::new(&mut buffer, (200, 60)).unwrap();
            let style = TextStyle::from((FONT, 40.0).into_font())
                .color(&BLACK)
                .pos(Pos::new(h_pos, VPos::Center));
            backend.draw_text(text, &style, (100, 30)).unwrap();
        }
        let inked: Vec<usize> = (0..width)
            .filter(|x| (0..height).any(|y| buffer[(y * width + x) * 3] < 128))
            .collect();
        (inked[0], inked[inked.len() - 1])
    }

    #[test]
    fn glyphs_keep_their_side_bearings() {
        // An "l" starts right of its origin, by its left side bearing.
        let (left, _) = ink_columns("l", HPos::Left);
        assert!((101..=105).contains(&left), "{left}");
        // A centred "H" (equal bearings) is inked evenly either side of the anchor.
        let (left, right) = ink_columns("H", HPos::Center);
        assert!((100 - left).abs_diff(right - 100) <= 1, "{left} {right}");
    }
}
