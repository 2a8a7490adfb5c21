//! Bethe-lattice cavity recursions by quadrature (`pseudospin::cavity`), in the kernel's
//! convention: branching K, H = 2 sum xi_i s^z_i - (g/K) sum (s^x s^x + s^y s^y), xi
//! uniform on [-1, 1].

use pseudospin::cavity::{
    breaking_parameter, critical_branching as kernel_critical_branching,
    critical_coupling as kernel_critical_coupling, tc_replica_symmetric, tc_rsb,
};
use pyo3::prelude::*;

use crate::errors::kernel;

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
