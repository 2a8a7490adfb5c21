//! The crate's one error type, with stable numeric codes for the C ABI.
//!
//! Every fallible routine returns `Result<_, Error>`. Bad input is always an `Err`,
//! never a panic. The numeric codes returned by [`Error::code`] are pinned: they are
//! part of the C ABI and never change meaning once released (new variants get new codes).

use core::fmt;

/// Result alias used throughout the crate.
pub type Result<T> = core::result::Result<T, Error>;

/// Everything that can go wrong in the kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Error {
    /// The number of sites is 0 or larger than the state type (or 64) allows.
    TooManySites {
        /// Requested number of sites.
        n_sites: usize,
        /// Largest number of sites supported here.
        max: usize,
    },
    /// The number of up spins exceeds the number of sites.
    InvalidFilling {
        /// Number of sites.
        n_sites: usize,
        /// Requested number of up spins.
        n_up: usize,
    },
    /// A dimension or table length does not fit in `usize` on this target.
    DimensionOverflow,
    /// A slice argument has the wrong length.
    LengthMismatch {
        /// Length the routine needs.
        expected: usize,
        /// Length it was given.
        got: usize,
    },
    /// A caller-provided workspace is too short.
    WorkspaceTooSmall {
        /// Length the routine needs (in elements of the workspace type).
        needed: usize,
    },
    /// A parameter or matrix entry is NaN or infinite.
    NonFinite,
    /// An edge refers to a vertex outside `0..n`.
    EdgeOutOfRange {
        /// First endpoint.
        a: usize,
        /// Second endpoint.
        b: usize,
    },
    /// An edge joins a vertex to itself.
    SelfLoop {
        /// The vertex.
        vertex: usize,
    },
    /// The same (unordered) edge appears twice.
    DuplicateEdge {
        /// First endpoint.
        a: usize,
        /// Second endpoint.
        b: usize,
    },
    /// A fixed-capacity container is full.
    CapacityExceeded {
        /// Its capacity.
        capacity: usize,
    },
    /// An argument is outside its domain; the text says which and why.
    InvalidArgument(&'static str),
    /// An index is outside `0..dim`.
    IndexOutOfRange {
        /// The index.
        index: usize,
        /// The dimension.
        dim: usize,
    },
    /// A basis state is not in the sector (wrong popcount or bits above N).
    StateNotInSector,
    /// An input matrix is not symmetric.
    NotSymmetric,
    /// An iterative method stopped before reaching its tolerance.
    NoConvergence {
        /// Iterations (or sweeps) performed.
        iterations: usize,
    },
}

impl Error {
    /// Stable numeric status code, as used by the C ABI (0 is success there).
    pub const fn code(&self) -> i32 {
        match self {
            Error::TooManySites { .. } => 1,
            Error::InvalidFilling { .. } => 2,
            Error::DimensionOverflow => 3,
            Error::LengthMismatch { .. } => 4,
            Error::WorkspaceTooSmall { .. } => 5,
            Error::NonFinite => 6,
            Error::EdgeOutOfRange { .. } => 7,
            Error::SelfLoop { .. } => 8,
            Error::DuplicateEdge { .. } => 9,
            Error::CapacityExceeded { .. } => 10,
            Error::InvalidArgument(_) => 11,
            Error::IndexOutOfRange { .. } => 12,
            Error::StateNotInSector => 13,
            Error::NotSymmetric => 14,
            Error::NoConvergence { .. } => 15,
        }
    }

    /// Short stable name of the status (the C ABI's `ps_status_name`).
    pub const fn name(&self) -> &'static str {
        match self {
            Error::TooManySites { .. } => "too_many_sites",
            Error::InvalidFilling { .. } => "invalid_filling",
            Error::DimensionOverflow => "dimension_overflow",
            Error::LengthMismatch { .. } => "length_mismatch",
            Error::WorkspaceTooSmall { .. } => "workspace_too_small",
            Error::NonFinite => "non_finite",
            Error::EdgeOutOfRange { .. } => "edge_out_of_range",
            Error::SelfLoop { .. } => "self_loop",
            Error::DuplicateEdge { .. } => "duplicate_edge",
            Error::CapacityExceeded { .. } => "capacity_exceeded",
            Error::InvalidArgument(_) => "invalid_argument",
            Error::IndexOutOfRange { .. } => "index_out_of_range",
            Error::StateNotInSector => "state_not_in_sector",
            Error::NotSymmetric => "not_symmetric",
            Error::NoConvergence { .. } => "no_convergence",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Error::TooManySites { n_sites, max } => {
                write!(f, "{n_sites} sites requested; supported are 1..={max}")
            }
            Error::InvalidFilling { n_sites, n_up } => {
                write!(f, "n_up = {n_up} exceeds the number of sites {n_sites}")
            }
            Error::DimensionOverflow => f.write_str("dimension does not fit in usize"),
            Error::LengthMismatch { expected, got } => {
                write!(f, "slice has length {got}, expected {expected}")
            }
            Error::WorkspaceTooSmall { needed } => {
                write!(f, "workspace too small: {needed} elements needed")
            }
            Error::NonFinite => f.write_str("a parameter is NaN or infinite"),
            Error::EdgeOutOfRange { a, b } => write!(f, "edge ({a}, {b}) is out of range"),
            Error::SelfLoop { vertex } => write!(f, "self-loop at vertex {vertex}"),
            Error::DuplicateEdge { a, b } => write!(f, "edge ({a}, {b}) appears twice"),
            Error::CapacityExceeded { capacity } => {
                write!(f, "capacity {capacity} exceeded")
            }
            Error::InvalidArgument(why) => write!(f, "invalid argument: {why}"),
            Error::IndexOutOfRange { index, dim } => {
                write!(f, "index {index} out of range for dimension {dim}")
            }
            Error::StateNotInSector => f.write_str("state is not in the sector"),
            Error::NotSymmetric => f.write_str("matrix is not symmetric"),
            Error::NoConvergence { iterations } => {
                write!(f, "no convergence after {iterations} iterations")
            }
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

/// `Ok(())` when `got == expected`, else [`Error::LengthMismatch`].
#[inline]
pub(crate) fn check_len(got: usize, expected: usize) -> Result<()> {
    if got == expected {
        Ok(())
    } else {
        Err(Error::LengthMismatch { expected, got })
    }
}

/// `Ok(())` when `got >= needed`, else [`Error::WorkspaceTooSmall`].
#[inline]
pub(crate) fn check_work(got: usize, needed: usize) -> Result<()> {
    if got >= needed {
        Ok(())
    } else {
        Err(Error::WorkspaceTooSmall { needed })
    }
}

/// `Ok(())` for a row range `rows` of an operator of dimension `dim` applied to `x`
/// (`dim` long) into `y` (`rows.len()` long): [`Error::LengthMismatch`] for wrong
/// lengths, [`Error::IndexOutOfRange`] for a range outside `0..dim`.
#[inline]
pub(crate) fn check_rows(
    x_len: usize,
    y_len: usize,
    rows: &core::ops::Range<usize>,
    dim: usize,
) -> Result<()> {
    check_len(x_len, dim)?;
    if rows.start > rows.end || rows.end > dim {
        return Err(Error::IndexOutOfRange {
            index: rows.end.max(rows.start),
            dim,
        });
    }
    check_len(y_len, rows.end - rows.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_nonzero() {
        let all = [
            Error::TooManySites { n_sites: 0, max: 0 },
            Error::InvalidFilling {
                n_sites: 0,
                n_up: 0,
            },
            Error::DimensionOverflow,
            Error::LengthMismatch {
                expected: 0,
                got: 0,
            },
            Error::WorkspaceTooSmall { needed: 0 },
            Error::NonFinite,
            Error::EdgeOutOfRange { a: 0, b: 0 },
            Error::SelfLoop { vertex: 0 },
            Error::DuplicateEdge { a: 0, b: 0 },
            Error::CapacityExceeded { capacity: 0 },
            Error::InvalidArgument(""),
            Error::IndexOutOfRange { index: 0, dim: 0 },
            Error::StateNotInSector,
            Error::NotSymmetric,
            Error::NoConvergence { iterations: 0 },
        ];
        for (i, e) in all.iter().enumerate() {
            assert_eq!(e.code(), i as i32 + 1, "{}", e.name());
        }
    }
}
