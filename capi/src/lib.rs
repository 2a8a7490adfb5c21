//! # pseudospin-capi
//!
//! The C ABI of the [`pseudospin`] kernel: `extern "C"` functions `ps_*`, built as a
//! static library (and a shared one on hosted targets), described by the generated
//! header `include/pseudospin.h`.
//!
//! Conventions of the whole surface:
//! - every function that can fail returns a status (`int`): `PS_OK` (0) or the kernel's
//!   pinned [`pseudospin::Error::code`]; [`ps_status_name`] names it;
//! - a NULL pointer where data is needed, a misaligned pointer or overlapping input
//!   and output arrays are `PS_INVALID_ARGUMENT`; a pointer with length 0 may be NULL;
//! - outputs are written only on success unless a function says otherwise;
//! - nothing allocates (except the hosted `ps_hamiltonian_create`); scratch memory
//!   comes from the caller with a `*_work_size` query, as in the kernel;
//! - no panic crosses the boundary: the libraries are built with `panic = "abort"`, and
//!   every entry checks its arguments and returns a status.
//!
//! This crate is `no_std`. With its default `std` feature it links the kernel's `std`
//! and adds the hosted conveniences; without it, it brings its own panic handler for
//! bare-metal targets.
#![no_std]
#![deny(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]
#![allow(non_camel_case_types)]

#[cfg(feature = "std")]
extern crate std;

mod cavity;
mod ffi;
mod hamiltonian;
mod sector;
mod solvers;
mod stats;

pub use cavity::*;
pub use hamiltonian::*;
pub use sector::*;
pub use solvers::*;
pub use stats::*;

use core::ffi::{c_char, c_int};
use pseudospin::Error;

/// Major version of the library (`PS_VERSION_MAJOR`).
pub const PS_VERSION_MAJOR: c_int = 0;
/// Minor version of the library.
pub const PS_VERSION_MINOR: c_int = 1;
/// Patch version of the library.
pub const PS_VERSION_PATCH: c_int = 0;

/// Success.
pub const PS_OK: c_int = 0;
/// N is larger than the routine supports (64 for bases, 36 for the blocked operator);
/// N = 0 is `PS_INVALID_ARGUMENT`.
pub const PS_TOO_MANY_SITES: c_int = 1;
/// n_up > N.
pub const PS_INVALID_FILLING: c_int = 2;
/// A dimension or size does not fit in `size_t` (or in 32-bit indices where needed).
pub const PS_DIMENSION_OVERFLOW: c_int = 3;
/// An array has the wrong length.
pub const PS_LENGTH_MISMATCH: c_int = 4;
/// A workspace or caller-provided memory block is too small.
pub const PS_WORKSPACE_TOO_SMALL: c_int = 5;
/// A parameter is NaN or infinite.
pub const PS_NON_FINITE: c_int = 6;
/// An edge refers to a vertex outside 0..N.
pub const PS_EDGE_OUT_OF_RANGE: c_int = 7;
/// An edge joins a vertex to itself.
pub const PS_SELF_LOOP: c_int = 8;
/// The same edge appears twice.
pub const PS_DUPLICATE_EDGE: c_int = 9;
/// A fixed capacity is exceeded.
pub const PS_CAPACITY_EXCEEDED: c_int = 10;
/// An argument is outside its domain, or a pointer is NULL, misaligned or aliased.
pub const PS_INVALID_ARGUMENT: c_int = 11;
/// An index is outside 0..dim.
pub const PS_INDEX_OUT_OF_RANGE: c_int = 12;
/// A basis state is not in the sector.
pub const PS_STATE_NOT_IN_SECTOR: c_int = 13;
/// A matrix is not symmetric.
pub const PS_NOT_SYMMETRIC: c_int = 14;
/// An iterative method did not reach its tolerance.
pub const PS_NO_CONVERGENCE: c_int = 15;

/// The library version as one number: `MAJOR * 10000 + MINOR * 100 + PATCH`.
#[no_mangle]
pub extern "C" fn ps_version_number() -> c_int {
    PS_VERSION_MAJOR * 10000 + PS_VERSION_MINOR * 100 + PS_VERSION_PATCH
}

/// The short stable name of a status code (`"ok"`, `"too_many_sites"`, ...), a static
/// NUL-terminated string; `"unknown"` for a code that is not a status.
#[no_mangle]
pub extern "C" fn ps_status_name(status: c_int) -> *const c_char {
    let name: &'static [u8] = match status {
        PS_OK => b"ok\0",
        PS_TOO_MANY_SITES => b"too_many_sites\0",
        PS_INVALID_FILLING => b"invalid_filling\0",
        PS_DIMENSION_OVERFLOW => b"dimension_overflow\0",
        PS_LENGTH_MISMATCH => b"length_mismatch\0",
        PS_WORKSPACE_TOO_SMALL => b"workspace_too_small\0",
        PS_NON_FINITE => b"non_finite\0",
        PS_EDGE_OUT_OF_RANGE => b"edge_out_of_range\0",
        PS_SELF_LOOP => b"self_loop\0",
        PS_DUPLICATE_EDGE => b"duplicate_edge\0",
        PS_CAPACITY_EXCEEDED => b"capacity_exceeded\0",
        PS_INVALID_ARGUMENT => b"invalid_argument\0",
        PS_INDEX_OUT_OF_RANGE => b"index_out_of_range\0",
        PS_STATE_NOT_IN_SECTOR => b"state_not_in_sector\0",
        PS_NOT_SYMMETRIC => b"not_symmetric\0",
        PS_NO_CONVERGENCE => b"no_convergence\0",
        _ => b"unknown\0",
    };
    name.as_ptr().cast()
}

/// The status of a kernel result.
pub(crate) fn status(r: pseudospin::Result<()>) -> c_int {
    match r {
        Ok(()) => PS_OK,
        Err(e) => e.code(),
    }
}

/// The error for a NULL, misaligned or aliased pointer.
pub(crate) const BAD_POINTER: Error = Error::InvalidArgument("NULL, misaligned or aliased pointer");

#[cfg(all(not(feature = "std"), not(test)))]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    // Bare metal: no unwinding and nowhere to report; stop here.
    loop {
        core::hint::spin_loop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ffi::CStr;

    #[test]
    fn version_matches_the_package() {
        let v = env!("CARGO_PKG_VERSION");
        let want = [PS_VERSION_MAJOR, PS_VERSION_MINOR, PS_VERSION_PATCH];
        for (part, w) in v.split('.').zip(want) {
            assert_eq!(part.parse::<c_int>().unwrap(), w);
        }
        assert_eq!(ps_version_number(), 100);
    }

    #[test]
    fn status_names_are_the_kernels() {
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
            assert_eq!(e.code(), i as c_int + 1);
            // SAFETY: ps_status_name returns a static NUL-terminated string.
            let name = unsafe { CStr::from_ptr(ps_status_name(e.code())) };
            assert_eq!(name.to_str().unwrap(), e.name());
        }
        // SAFETY: as above.
        let ok = unsafe { CStr::from_ptr(ps_status_name(0)) };
        assert_eq!(ok.to_str().unwrap(), "ok");
    }
}
