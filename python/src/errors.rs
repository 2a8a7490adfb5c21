//! The kernel's errors as Python exceptions, and allocations that fail as `MemoryError`
//! instead of aborting the interpreter.
//!
//! | kernel error | Python exception |
//! |---|---|
//! | `NoConvergence` | `pseudospin.NoConvergence` (a `RuntimeError`) |
//! | `DimensionOverflow` | `MemoryError` (a size that cannot be allocated) |
//! | `WorkspaceTooSmall` | `RuntimeError` (a bug here: every workspace is sized by its query) |
//! | every other (bad input: lengths, sites, fillings, edges, NaN, domains) | `ValueError` |
//!
//! The message is the kernel's own text, prefixed with what was being done.

use pseudospin::Error;
use pyo3::exceptions::{PyMemoryError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;

pyo3::create_exception!(
    pseudospin,
    NoConvergence,
    PyRuntimeError,
    "An iterative solver (Lanczos, spectrum slicing) stopped before reaching its \
     tolerance. A subclass of RuntimeError; the message says how many steps it took."
);

/// The Python exception for a kernel error during `what`.
pub fn kernel(what: &str, e: Error) -> PyErr {
    let msg = format!("{what}: {e}");
    match e {
        Error::NoConvergence { .. } => NoConvergence::new_err(msg),
        Error::DimensionOverflow => PyMemoryError::new_err(msg),
        Error::WorkspaceTooSmall { .. } => {
            PyRuntimeError::new_err(format!("{msg} (a bug in pseudospin: please report it)"))
        }
        _ => PyValueError::new_err(msg),
    }
}

/// `ValueError(msg)`.
pub fn value(msg: impl Into<String>) -> PyErr {
    PyValueError::new_err(msg.into())
}

/// `MemAvailable` of /proc/meminfo in bytes (`None` where there is no such file).
fn available() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024.0)
}

/// Bytes as `12.3 GiB`.
fn human(bytes: f64) -> String {
    const UNITS: [&str; 7] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut v = bytes;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    format!("{v:.1} {}", UNITS[u])
}

/// `MemoryError` when `bytes` (for `what`) exceed the memory the machine has available
/// now. On Linux an allocation larger than that may succeed and then get the process
/// killed when its pages are touched; this refuses it first.
pub fn check_memory(what: &str, bytes: f64) -> PyResult<()> {
    if !bytes.is_finite() || bytes > isize::MAX as f64 {
        return Err(PyMemoryError::new_err(format!(
            "{what} needs about {} of memory: more than can be addressed",
            human(bytes)
        )));
    }
    if let Some(avail) = available() {
        if bytes > avail {
            return Err(PyMemoryError::new_err(format!(
                "{what} needs about {} of memory, but only {} is available",
                human(bytes),
                human(avail)
            )));
        }
    }
    Ok(())
}

/// A vector of `len` copies of `fill`, or `MemoryError` when it cannot be allocated.
pub fn vec_of<T: Clone>(what: &str, len: usize, fill: T) -> PyResult<Vec<T>> {
    let bytes = (len as f64) * std::mem::size_of::<T>() as f64;
    check_memory(what, bytes)?;
    let mut v = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| PyMemoryError::new_err(format!("{what}: cannot allocate {}", human(bytes))))?;
    v.resize(len, fill);
    Ok(v)
}
