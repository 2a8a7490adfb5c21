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

/// The status table of the C ABI, defined once: every status's code, short stable name
/// and one-line meaning. It generates [`Error::code`] and [`Error::name`] (the kernel's
/// rows), [`Error::STATUSES`] (every row: success, the kernel's, the boundary's), and,
/// through `capi/gen-header.sh`, the C ABI's `PS_*` constants, `ps_status_name`,
/// `ps_status_message`, the header and the Fortran parameters.
///
/// Rows: `code name meaning`, the kernel's with the `Error` variant they stand for.
/// Codes are pinned and never change meaning once released. 16 to 20 are reserved for
/// the C boundary's own reasons (no kernel error may take them: the codes are checked
/// distinct at compile time); a new kernel error takes the next free code, 21 on.
macro_rules! status_table {
    (
        success: $ok_code:literal $ok_name:ident $ok_doc:literal;
        kernel: { $( $code:literal $name:ident $variant:ident $( { $dots:tt } )? $( ( $us:tt ) )? => $doc:literal; )* }
        boundary: { $( $b_code:literal $b_name:ident $b_doc:literal; )* }
    ) => {
        impl Error {
            /// Every status of the C ABI as `(code, name, meaning)`, in code order:
            /// success (0), the kernel's errors (1 to 15), then the codes reserved for
            /// the C boundary's own reasons (16 to 20: NULL, misaligned and overlapping
            /// pointers, invalid handles, a caught panic). The one source of the status
            /// table (`capi/gen-header.sh` renders the C and Fortran constants from it).
            pub const STATUSES: &'static [(i32, &'static str, &'static str)] = &[
                ($ok_code, stringify!($ok_name), $ok_doc),
                $( ($code, stringify!($name), $doc), )*
                $( ($b_code, stringify!($b_name), $b_doc), )*
            ];

            /// Stable numeric status code, as used by the C ABI (0 is success there).
            pub const fn code(&self) -> i32 {
                match self {
                    $( Error::$variant $( { $dots } )? $( ( $us ) )? => $code, )*
                }
            }

            /// Short stable name of the status (the C ABI's `ps_status_name`).
            pub const fn name(&self) -> &'static str {
                match self {
                    $( Error::$variant $( { $dots } )? $( ( $us ) )? => stringify!($name), )*
                }
            }

            /// The one-line meaning of the status (the C ABI's `ps_status_message`).
            pub const fn meaning(&self) -> &'static str {
                match self {
                    $( Error::$variant $( { $dots } )? $( ( $us ) )? => $doc, )*
                }
            }
        }

        // Codes are distinct and in order (0, 1, 2, ...): a kernel row cannot take a
        // boundary code, nor any other row's.
        const _: () = {
            let t = Error::STATUSES;
            let mut i = 0;
            while i < t.len() {
                assert!(t[i].0 == i as i32, "status codes must be 0, 1, 2, ... in order");
                i += 1;
            }
        };
    };
}

status_table! {
    success: 0 ok "Success.";
    kernel: {
        1 too_many_sites TooManySites { .. } => "N is larger than the routine supports (64 for bases, 36 for the blocked operator); N = 0 is invalid_argument.";
        2 invalid_filling InvalidFilling { .. } => "The number of up spins n_up exceeds the number of sites N.";
        3 dimension_overflow DimensionOverflow => "A dimension or size does not fit in size_t (or in 32-bit indices where needed).";
        4 length_mismatch LengthMismatch { .. } => "An array has the wrong length, or an output is shorter than needed (the length it needs is reported).";
        5 workspace_too_small WorkspaceTooSmall { .. } => "A workspace or caller-provided memory block is too small (the bytes it needs are reported).";
        6 non_finite NonFinite => "A parameter is NaN or infinite.";
        7 edge_out_of_range EdgeOutOfRange { .. } => "An edge refers to a vertex outside 0..N.";
        8 self_loop SelfLoop { .. } => "An edge joins a vertex to itself.";
        9 duplicate_edge DuplicateEdge { .. } => "The same edge appears twice.";
        10 capacity_exceeded CapacityExceeded { .. } => "A fixed capacity is exceeded.";
        11 invalid_argument InvalidArgument(_) => "A value is outside its domain (NULL, misaligned and overlapping pointers and invalid handles have statuses of their own, 16 to 19).";
        12 index_out_of_range IndexOutOfRange { .. } => "An index is outside 0..dim.";
        13 state_not_in_sector StateNotInSector => "A basis state is not in the sector.";
        14 not_symmetric NotSymmetric => "A matrix is not symmetric.";
        15 no_convergence NoConvergence { .. } => "An iterative method did not reach its tolerance.";
    }
    boundary: {
        16 null_pointer "A pointer that must point at data is NULL (a pointer with length 0 may be NULL).";
        17 misaligned "A pointer is not aligned for its type (or a block for its PS_*_ALIGN).";
        18 overlap "Two buffers of one call overlap and the call writes at least one of them; nothing was computed.";
        19 invalid_handle "Not a live handle of the expected type at its own address (a copied, moved or wiped block, the other precision's handle), or ps_hamiltonian_free of a handle the library did not allocate (left alone).";
        20 internal "A bug in the library: a panic caught at the boundary; the outputs (and an accumulator being updated) are unspecified. Please report it.";
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
            let row = Error::STATUSES[i + 1];
            assert_eq!((row.0, row.1, row.2), (e.code(), e.name(), e.meaning()));
        }
    }

    /// 16 to 20 belong to the C boundary: no kernel error has them.
    #[test]
    fn boundary_codes_are_reserved() {
        let t = Error::STATUSES;
        assert_eq!(t.len(), 21);
        let names: [&str; 5] = core::array::from_fn(|i| t[16 + i].1);
        assert_eq!(
            names,
            [
                "null_pointer",
                "misaligned",
                "overlap",
                "invalid_handle",
                "internal"
            ]
        );
        assert_eq!((t[0].0, t[0].1), (0, "ok"));
    }
}
