//! `pseudospin._pseudospin`: the compiled half of the Python package `pseudospin`.
//!
//! The Python modules in `python/pseudospin/` give the public API (argument
//! conversion, SciPy and networkx integration, documentation); this module calls the
//! kernel, allocates its workspaces (the `*_req` size queries) and releases the GIL
//! while it runs. Every kernel error becomes a Python exception (`errors`); a panic
//! (a bug) becomes PyO3's `PanicException` (this crate unwinds), never an abort.

mod cavity;
mod errors;
mod interrupt;
mod operator;
mod stats;

use numpy::PyArray1;
use pseudospin::ed::draw_realization as kernel_draw;
use pseudospin::graph::Graph;
use pyo3::prelude::*;

/// Edges (flat: i0, j0, i1, j1, ...) and fields of an instance.
type Drawn<'py> = (Bound<'py, PyArray1<i64>>, Bound<'py, PyArray1<f64>>);

/// The most edges a simple graph on 64 sites can have.
const MAX_EDGES: usize = 64 * 63 / 2;

/// Realization r of the ensemble with base seed `seed`: a uniformly random simple
/// z-regular graph on n sites and fields uniform on [-w/2, w/2], drawn in that order
/// from realization_seed(seed, r). Returns (edges as a flat int64 array i0, j0, i1,
/// j1, ..., xi).
#[pyfunction]
fn draw_realization<'py>(
    py: Python<'py>,
    n: usize,
    z: usize,
    w: f64,
    seed: u64,
    r: u64,
) -> PyResult<Drawn<'py>> {
    if n == 0 || n > 64 {
        return Err(errors::value(format!(
            "n = {n}: supported are 1..=64 sites"
        )));
    }
    if !(w.is_finite() && w >= 0.0) {
        return Err(errors::value(format!("w = {w}: must be finite and >= 0")));
    }
    let mut xi = vec![0.0f64; n];
    let g: Graph<MAX_EDGES> = py
        .detach(|| kernel_draw(n, z, w, seed, r, &mut xi))
        .map_err(|e| errors::kernel(&format!("N = {n}, Z = {z}"), e))?;
    let flat: Vec<i64> = g
        .edges()
        .iter()
        .flat_map(|e| [e[0] as i64, e[1] as i64])
        .collect();
    Ok((PyArray1::from_vec(py, flat), PyArray1::from_vec(py, xi)))
}

/// The kernel's version (its Cargo package version).
const KERNEL_VERSION: &str = env!("CARGO_PKG_VERSION");

#[pymodule]
fn _pseudospin(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("NoConvergence", m.py().get_type::<errors::NoConvergence>())?;
    m.add("__version__", KERNEL_VERSION)?;
    m.add_class::<operator::Operator>()?;
    m.add_class::<stats::Accumulator_>()?;
    m.add_function(wrap_pyfunction!(draw_realization, m)?)?;
    m.add_function(wrap_pyfunction!(operator::sector_dim, m)?)?;
    m.add_function(wrap_pyfunction!(stats::window_gap_ratios, m)?)?;
    m.add_function(wrap_pyfunction!(cavity::critical_coupling, m)?)?;
    m.add_function(wrap_pyfunction!(cavity::critical_branching, m)?)?;
    m.add_function(wrap_pyfunction!(cavity::tc, m)?)?;
    m.add_function(wrap_pyfunction!(cavity::breaking, m)?)?;
    m.add_function(wrap_pyfunction!(cavity::population_growth, m)?)?;
    m.add_function(wrap_pyfunction!(cavity::tc_population, m)?)?;
    m.add_function(wrap_pyfunction!(cavity::growth_quadrature, m)?)?;
    Ok(())
}
