//! The plot of a sweep: <r~> against Jxy (log axis), one panel per window, one curve per
//! N with standard-error bars, and the Poisson and GOE reference lines; as SVG and PNG.
//! Text is set in DejaVu Sans, shipped in cli/assets/ (its license beside it), so the
//! plot renders the same on a machine without fonts.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};
use pseudospin::stats::reference::{GOE_R, POISSON_R};

use crate::levels::{Manifest, Marks};
use crate::summary::{Average, Summary};
use crate::CliResult;

static FONT: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");

const PANEL: (u32, u32) = (560, 480);
const LEGEND_H: u32 = 36;

/// The reference lines: value, legend text, colour.
const REFERENCES: [(f64, &str, RGBColor); 2] = [
    (POISSON_R, "Poisson 0.386", RGBColor(120, 120, 120)),
    (GOE_R, "GOE 0.531", BLACK),
];

/// Tick values 1, 2, 5 per decade inside [lo, hi].
fn key_points(lo: f64, hi: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let mut decade = 10f64.powf(lo.log10().floor());
    while decade <= hi {
        for k in [1.0, 2.0, 5.0] {
            let x = k * decade;
            if x >= lo && x <= hi {
                out.push(x);
            }
        }
        decade *= 10.0;
    }
    out
}

/// A tick label with at most three significant digits and no trailing zeros.
fn short(x: f64) -> String {
    let digits = (2 - x.abs().log10().floor() as i32).max(0) as usize;
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The colour of `--mark`'s lines.
const MARK: RGBColor = RGBColor(140, 20, 170);

/// One row of legend entries across the top: the sizes, the references, then the marks.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    m: &Manifest,
    marks: &Marks,
) -> DrawResult<DB::ErrorType> {
    let font = ("sans-serif", 16).into_font().color(&BLACK);
    let mut entries: Vec<(String, ShapeStyle, bool)> =
        m.n.iter()
            .enumerate()
            .map(|(i, n)| (format!("N = {n}"), colour(i).stroke_width(2), false))
            .collect();
    for (_, name, c) in REFERENCES {
        entries.push((name.to_string(), c.stroke_width(1), true));
    }
    if !marks.at.is_empty() {
        entries.push((marks.label.clone(), MARK.stroke_width(2), true));
    }
    let (mut x, y) = (70i32, (LEGEND_H / 2) as i32);
    for (text, style, dashed) in entries {
        if dashed {
            area.draw(&PathElement::new([(x, y), (x + 8, y)], style))?;
            area.draw(&PathElement::new([(x + 14, y), (x + 22, y)], style))?;
            area.draw(&PathElement::new([(x + 28, y), (x + 30, y)], style))?;
        } else {
            area.draw(&PathElement::new([(x, y), (x + 30, y)], style))?;
            area.draw(&Circle::new((x + 15, y), 3, style.color.filled()))?;
        }
        area.draw(&Text::new(text.clone(), (x + 36, y - 8), font.clone()))?;
        x += 36 + 9 * text.len() as i32 + 28;
    }
    Ok(())
}

fn colour(i: usize) -> RGBColor {
    const C: [RGBColor; 8] = [
        RGBColor(31, 119, 180),
        RGBColor(214, 39, 40),
        RGBColor(44, 160, 44),
        RGBColor(148, 103, 189),
        RGBColor(255, 127, 14),
        RGBColor(23, 190, 207),
        RGBColor(140, 86, 75),
        RGBColor(227, 119, 194),
    ];
    C[i % C.len()]
}

/// Draws one figure twice, as DIR/NAME.svg and DIR/NAME.png, with the bundled font:
/// `$draw` is called with the drawing area of each backend in turn.
macro_rules! svg_and_png {
    ($dir:expr, $name:literal, $size:expr, |$root:ident| $draw:expr) => {{
        register_font("sans-serif", FontStyle::Normal, FONT)
            .map_err(|_| "the bundled font does not load".to_string())?;
        let svg = $dir.join(concat!($name, ".svg"));
        {
            let $root = SVGBackend::new(&svg, $size).into_drawing_area();
            $draw.map_err(|e| format!("cannot draw {}: {e}", svg.display()))?;
        }
        let png = $dir.join(concat!($name, ".png"));
        let $root = BitMapBackend::new(&png, $size).into_drawing_area();
        $draw.map_err(|e| format!("cannot draw {}: {e}", png.display()))
    }};
}

/// Writes DIR/levels.svg and DIR/levels.png (the mean over realizations), and
/// DIR/levels-pooled.svg and DIR/levels-pooled.png (every ratio pooled).
/// `marks`: reference couplings drawn as dotted vertical lines in their windows' panels.
pub fn levels(dir: &Path, m: &Manifest, s: &Summary, marks: &Marks) -> CliResult<()> {
    let size = (PANEL.0 * m.windows.len() as u32, PANEL.1 + LEGEND_H);
    let avg = Average::Realizations;
    svg_and_png!(dir, "levels", size, |root| draw(&root, m, s, marks, avg))?;
    let avg = Average::Pooled;
    svg_and_png!(dir, "levels-pooled", size, |root| draw(
        &root, m, s, marks, avg
    ))
}

type DrawResult<E> = Result<(), DrawingAreaErrorKind<E>>;

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    m: &Manifest,
    s: &Summary,
    marks: &Marks,
    avg: Average,
) -> DrawResult<DB::ErrorType> {
    root.fill(&WHITE)?;
    let (x0, x1) = (m.jxy[0], m.jxy[m.jxy.len() - 1]);
    let (x0, x1) = if x0 < x1 {
        (x0 / 1.2, x1 * 1.2)
    } else {
        (x0 / 2.0, x0 * 2.0)
    };
    // The y range holds both references and every error bar.
    let (mut y0, mut y1) = (POISSON_R - 0.02, GOE_R + 0.02);
    for r in &s.summary {
        if let (Some(v), e) = avg.row(r) {
            let e = e.unwrap_or(0.0);
            y0 = y0.min(v - e - 0.01);
            y1 = y1.max(v + e + 0.01);
        }
    }
    let (legend, body) = root.split_vertically(LEGEND_H);
    draw_legend(&legend, m, marks)?;
    let panels = body.split_evenly((1, m.windows.len()));
    let mut ticks = key_points(x0, x1);
    if ticks.len() < 2 {
        ticks = m.jxy.clone();
    }
    for (spec, area) in m.windows.iter().zip(&panels) {
        let title = format!("{}: {}", spec.name, spec.describe());
        let mut chart = ChartBuilder::on(area)
            .caption(title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(42)
            .y_label_area_size(56)
            .build_cartesian_2d((x0..x1).log_scale().with_key_points(ticks.clone()), y0..y1)?;
        chart
            .configure_mesh()
            .x_label_formatter(&|x| short(*x))
            .light_line_style(RGBColor(240, 240, 240))
            .x_desc("Jxy")
            .y_desc(avg.y_desc())
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 16))
            .draw()?;
        for (value, _, c) in REFERENCES {
            chart.draw_series(DashedLineSeries::new(
                [(x0, value), (x1, value)],
                6,
                4,
                c.stroke_width(1),
            ))?;
        }
        for (i, &n) in m.n.iter().enumerate() {
            let c = colour(i);
            let pts: Vec<(f64, f64, f64)> = s
                .summary
                .iter()
                .filter(|r| r.n == n && r.window == spec.name)
                .filter_map(|r| {
                    let (v, e) = avg.row(r);
                    Some((r.jxy, v?, e.unwrap_or(0.0)))
                })
                .collect();
            chart.draw_series(LineSeries::new(
                pts.iter().map(|&(x, y, _)| (x, y)),
                c.stroke_width(2),
            ))?;
            chart.draw_series(
                pts.iter()
                    .map(|&(x, y, e)| ErrorBar::new_vertical(x, y - e, y, y + e, c.filled(), 6)),
            )?;
            chart.draw_series(
                pts.iter()
                    .map(|&(x, y, _)| Circle::new((x, y), 3, c.filled())),
            )?;
        }
        draw_crossings(&mut chart, m, s, &spec.name, (x0, x1), y0, avg)?;
        for &(_, x) in marks.at.iter().filter(|(w, _)| *w == spec.name) {
            if x > x0 && x < x1 {
                chart.draw_series(DashedLineSeries::new(
                    [(x, y0), (x, y1)],
                    3,
                    3,
                    MARK.stroke_width(2),
                ))?;
            }
        }
    }
    root.present()
}

/// The crossings of consecutive sizes in window `name`, along the bottom of its panel:
/// a triangle at the crossing in the larger size's colour, its bootstrap error as a
/// horizontal bar, and the sizes as a label (`10/12`).
fn draw_crossings<DB: DrawingBackend, CT: CoordTranslate<From = (f64, f64)>>(
    chart: &mut ChartContext<'_, DB, CT>,
    m: &Manifest,
    s: &Summary,
    name: &str,
    (x0, x1): (f64, f64),
    y0: f64,
    avg: Average,
) -> DrawResult<DB::ErrorType> {
    let crossings = s.crossings.iter().filter(|c| c.window == name);
    for (row, c) in crossings.enumerate() {
        let (Some(x), e) = avg.crossing(c) else {
            continue;
        };
        let i = m.n.iter().position(|&n| n == c.n2).unwrap_or(0);
        let col = colour(i);
        let y = y0 + 0.012 * (row as f64 + 1.0);
        let e = e.unwrap_or(0.0);
        // Clamped to the axis (a log axis has no room at or below 0).
        let (lo, hi) = ((x - e).max(x0).min(x), (x + e).min(x1).max(x));
        chart.draw_series([ErrorBar::new_horizontal(
            y,
            lo,
            x,
            hi,
            col.stroke_width(2),
            6,
        )])?;
        chart.draw_series([TriangleMarker::new((x, y), 5, col.filled())])?;
        chart.draw_series([Text::new(
            format!("{}/{}", c.n1, c.n2),
            (hi, y),
            ("sans-serif", 12).into_font().color(&col),
        )])?;
    }
    Ok(())
}

/// Writes DIR/tc.svg and DIR/tc.png: T_c^RS and T_c^RSB against g (log T axis; zero
/// T_c^RSB points left out) and the line g = g_c(K).
pub fn tc(
    dir: &Path,
    k: f64,
    g_c: f64,
    pts: &[(f64, f64, f64)],
    mark: Option<(f64, f64, f64)>,
) -> CliResult<()> {
    svg_and_png!(dir, "tc", PANEL, |root| draw_tc(&root, k, g_c, pts, mark))
}

fn draw_tc<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    k: f64,
    g_c: f64,
    pts: &[(f64, f64, f64)],
    mark: Option<(f64, f64, f64)>,
) -> DrawResult<DB::ErrorType> {
    root.fill(&WHITE)?;
    let positive = pts
        .iter()
        .flat_map(|&(_, a, b)| [a, b])
        .filter(|&t| t > 0.0);
    let t0 = positive.clone().fold(f64::INFINITY, f64::min);
    let t1 = positive.fold(0.0, f64::max);
    let (t0, t1) = if t0 < t1 {
        (t0 / 1.5, t1 * 1.5)
    } else {
        (1e-3, 1.0)
    };
    let g0 = pts
        .iter()
        .map(|p| p.0)
        .fold(f64::INFINITY, f64::min)
        .min(g_c);
    let g1 = pts.iter().map(|p| p.0).fold(0.0, f64::max).max(g_c);
    let pad = 0.03 * (g1 - g0).max(1e-3);
    let mut chart = ChartBuilder::on(root)
        .caption(format!("Bethe lattice, K = {k}"), ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(42)
        .y_label_area_size(64)
        .build_cartesian_2d(g0 - pad..g1 + pad, (t0..t1).log_scale())?;
    chart
        .configure_mesh()
        .x_desc("g")
        .y_desc("T_c")
        .y_label_formatter(&|t| format!("{t:.0e}"))
        .light_line_style(RGBColor(240, 240, 240))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 16))
        .draw()?;
    let rs = colour(0);
    let rsb = colour(1);
    chart
        .draw_series(LineSeries::new(
            pts.iter().map(|p| (p.0, p.1)),
            rs.stroke_width(2),
        ))?
        .label("T_c replica symmetric")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], rs.stroke_width(2)));
    chart
        .draw_series(LineSeries::new(
            pts.iter().filter(|p| p.2 > 0.0).map(|p| (p.0, p.2)),
            rsb.stroke_width(2),
        ))?
        .label("T_c with RSB")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], rsb.stroke_width(2)));
    chart
        .draw_series(DashedLineSeries::new(
            [(g_c, t0), (g_c, t1)],
            6,
            4,
            BLACK.stroke_width(1),
        ))?
        .label(format!("g_c = {g_c:.4}"))
        .legend(|(x, y)| PathElement::new([(x, y), (x + 18, y)], BLACK.stroke_width(1)));
    if let Some((g, rs, rsb)) = mark {
        let dots = [rs, rsb]
            .into_iter()
            .filter(|&t| t > 0.0)
            .map(move |t| (g, t));
        chart
            .draw_series(dots.map(|p| Circle::new(p, 6, BLACK.stroke_width(2))))?
            .label(format!("g = {g}"))
            .legend(|(x, y)| Circle::new((x + 9, y), 5, BLACK.stroke_width(2)));
    }
    series_labels(&mut chart, SeriesLabelPosition::LowerRight)?;
    root.present()
}

/// DIR/gc.svg and DIR/gc.png: the critical line g_c(K), with an optional marked (K, g).
pub fn gc_line(dir: &Path, pts: &[(f64, f64)], mark: Option<(f64, f64)>) -> CliResult<()> {
    svg_and_png!(dir, "gc", PANEL, |root| draw_gc(&root, pts, mark))
}

fn draw_gc<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    pts: &[(f64, f64)],
    mark: Option<(f64, f64)>,
) -> DrawResult<DB::ErrorType> {
    root.fill(&WHITE)?;
    let k1 = pts.iter().map(|p| p.0).fold(1.0, f64::max);
    let g1 = pts
        .iter()
        .map(|p| p.1)
        .chain(mark.map(|m| m.1))
        .fold(0.0, f64::max)
        * 1.1;
    let mut chart = ChartBuilder::on(root)
        .caption(
            "Bethe lattice: zero-temperature critical line",
            ("sans-serif", 20),
        )
        .margin(12)
        .x_label_area_size(42)
        .y_label_area_size(64)
        .build_cartesian_2d(1.0..k1, 0.0..g1)?;
    chart
        .configure_mesh()
        .x_desc("branching K")
        .y_desc("g_c(K)")
        .light_line_style(RGBColor(240, 240, 240))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 16))
        .draw()?;
    let c = colour(0);
    chart
        .draw_series(LineSeries::new(pts.iter().copied(), c.stroke_width(2)))?
        .label("g_c(K): g e^(1/(e g)) = K (ordered above)")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], c.stroke_width(2)));
    if let Some((k, g)) = mark {
        chart
            .draw_series([Circle::new((k, g), 6, BLACK.stroke_width(2))])?
            .label(format!("K = {k}, g = {g}"))
            .legend(|(x, y)| Circle::new((x + 9, y), 5, BLACK.stroke_width(2)));
    }
    series_labels(&mut chart, SeriesLabelPosition::UpperRight)?;
    root.present()
}

/// The legend box of the one-panel figures.
fn series_labels<'a, DB: DrawingBackend + 'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    at: SeriesLabelPosition,
) -> DrawResult<DB::ErrorType> {
    chart
        .configure_series_labels()
        .label_font(("sans-serif", 14))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .position(at)
        .draw()
}
