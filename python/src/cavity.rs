//! Bethe-lattice cavity recursions by quadrature and population dynamics
//! (`pseudospin::cavity`), in the kernel's convention: branching K,
//! H = 2 sum xi_i s^z_i - (g/K) sum (s^x s^x + s^y s^y), xi uniform on [-1, 1].

use pseudospin::cavity::{
    breaking_parameter, critical_branching as kernel_critical_branching,
    critical_coupling as kernel_critical_coupling, growth_rate, growth_rate_req,
    order_parameter_growth, tc_population as kernel_tc_population, tc_population_req,
    tc_replica_symmetric, tc_rsb, CriticalOptions, Normalization, OrderParameter, RunConfig,
};
use pseudospin::rng::{SeedableRng, Xoshiro256StarStar};
use pyo3::prelude::*;

use crate::errors::{kernel, vec_of};

/// The zero-temperature critical coupling g_c(K): g e^(1/(e g)) = K on g <= 1/e.
#[pyfunction]
pub fn critical_coupling(py: Python<'_>, k: f64) -> PyResult<f64> {
    py.detach(|| kernel_critical_coupling(k))
        .map_err(|e| kernel(&format!("critical_coupling(K = {k})"), e))
}

/// K_c(g) = g e^(1/(e g)): the branching above which coupling g orders at T = 0.
#[pyfunction]
pub fn critical_branching(g: f64) -> PyResult<f64> {
    kernel_critical_branching(g).map_err(|e| kernel(&format!("critical_branching(g = {g})"), e))
}

/// (T_c^RS, T_c^RSB) of coupling g at branching K.
#[pyfunction]
pub fn tc(py: Python<'_>, g: f64, k: f64) -> PyResult<(f64, f64)> {
    let what = format!("tc(g = {g}, K = {k})");
    py.detach(|| Ok((tc_replica_symmetric(g)?, tc_rsb(g, k)?)))
        .map_err(|e| kernel(&what, e))
}

/// m = 1 - e g, the replica-symmetry-breaking parameter on the critical line.
#[pyfunction]
pub fn breaking(g: f64) -> f64 {
    breaking_parameter(g)
}

/// The linearized (or full) order-parameter recursion's growth rate per generation by
/// population dynamics: (mean, std_err, samples).
#[pyfunction]
#[pyo3(signature = (g, k, temperature, population=10_000, run=(300, 40, 100), normalization="typical", linearized=true, seed=1))]
#[allow(clippy::too_many_arguments)]
pub fn population_growth(
    py: Python<'_>,
    g: f64,
    k: f64,
    temperature: f64,
    population: usize,
    run: (usize, usize, usize),
    normalization: &str,
    linearized: bool,
    seed: u64,
) -> PyResult<(f64, f64, usize)> {
    let what = format!("population_growth(g = {g}, K = {k}, T = {temperature})");
    let norm = normalization_from(normalization)?;
    let cfg = RunConfig::new(run.0, run.1, run.2);
    let rec = if linearized {
        OrderParameter::linearized(g, k, temperature)
    } else {
        OrderParameter::new(g, k, temperature)
    }
    .map_err(|e| kernel(&what, e))?;
    let len = growth_rate_req(population, 1)
        .map_err(|e| kernel(&what, e))?
        .len();
    let mut work = vec_of(&what, len, 0.0f64)?;
    let est = py
        .detach(|| {
            let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
            growth_rate(&rec, population, cfg, norm, &mut work, &mut rng)
        })
        .map_err(|e| kernel(&what, e))?;
    Ok((est.mean, est.std_err, est.samples))
}

/// T_c(g, K) from population runs of the linearized order parameter (K a positive
/// integer), searched in `bracket` (temperatures): (value, std_err, rate mean, rate
/// std_err, slope d rate / d ln T, evaluations).
#[pyfunction]
#[pyo3(signature = (g, k, bracket, population=10_000, run=(300, 40, 100), normalization="typical", tol=1e-3, seed=1))]
#[allow(clippy::too_many_arguments)]
pub fn tc_population(
    py: Python<'_>,
    g: f64,
    k: f64,
    bracket: (f64, f64),
    population: usize,
    run: (usize, usize, usize),
    normalization: &str,
    tol: f64,
    seed: u64,
) -> PyResult<(f64, f64, f64, f64, f64, usize)> {
    let what = format!("tc_population(g = {g}, K = {k})");
    let opts = CriticalOptions::new()
        .bracket(bracket.0, bracket.1)
        .population(population)
        .run(RunConfig::new(run.0, run.1, run.2))
        .normalization(normalization_from(normalization)?)
        .tol(tol);
    let len = tc_population_req(&opts)
        .map_err(|e| kernel(&what, e))?
        .len();
    let mut work = vec_of(&what, len, 0.0f64)?;
    let cp = py
        .detach(|| {
            let rng = Xoshiro256StarStar::seed_from_u64(seed);
            kernel_tc_population(g, k, &opts, &mut work, &rng)
        })
        .map_err(|e| kernel(&what, e))?;
    Ok((
        cp.value,
        cp.std_err,
        cp.rate.mean,
        cp.rate.std_err,
        cp.slope,
        cp.evaluations,
    ))
}

fn normalization_from(name: &str) -> PyResult<Normalization> {
    match name {
        "typical" => Ok(Normalization::Typical),
        "mean" => Ok(Normalization::Mean),
        other => Err(crate::errors::value(format!(
            "normalization {other:?}: expected 'typical' or 'mean'"
        ))),
    }
}

/// Typical (RSB) and annealed (RS) growth rates of the linearized order parameter at
/// (g, K, T) by quadrature: (rate, annealed_rate, x_star, frozen).
#[pyfunction]
pub fn growth_quadrature(g: f64, k: f64, temperature: f64) -> PyResult<(f64, f64, f64, bool)> {
    let p = order_parameter_growth(g, k, temperature).map_err(|e| {
        kernel(
            &format!("growth_quadrature(g = {g}, K = {k}, T = {temperature})"),
            e,
        )
    })?;
    Ok((p.rate, p.annealed_rate, p.x_star, p.frozen))
}
