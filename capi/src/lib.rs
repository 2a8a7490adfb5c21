//! # pseudospin-capi
//!
//! The C ABI of the [`pseudospin`] kernel: `extern "C"` functions `ps_*`, built as a
//! static library (and a shared one on hosted targets), described by the generated
//! header `include/pseudospin.h`.
//!
//! Conventions of the whole surface:
//! - every function that can fail returns a status (`int`): `PS_OK` (0), the kernel's
//!   pinned [`pseudospin::Error::code`] (1 to 15), or one of the boundary's own (16 to
//!   20); [`ps_status_name`] names it;
//! - a NULL pointer where data is needed is `PS_NULL_POINTER`, a pointer not aligned for
//!   its type `PS_MISALIGNED`; a pointer with length 0 may be NULL;
//! - no two buffers of one call may overlap when the call writes either of them (inputs
//!   may overlap each other): every pair is checked, each buffer counted at the length
//!   the call is given (a handle at its block), and an overlap is `PS_OVERLAP`, found
//!   before anything is read into or written to an output;
//! - a pointer that is not a live handle of the expected type at its own address (a
//!   copied, moved or wiped block, the other precision's handle) is
//!   `PS_INVALID_HANDLE`; so is `ps_hamiltonian_free` of a handle the library did not
//!   allocate;
//! - `PS_INVALID_ARGUMENT` is left for values outside their domain;
//! - outputs are written only on success unless a function says otherwise;
//! - nothing allocates (except the hosted `ps_hamiltonian_create`); scratch memory
//!   comes from the caller with a `*_work_size` query, as in the kernel;
//! - no panic crosses the boundary: every entry runs inside a panic boundary of its own
//!   (`catch_unwind` with the `std` feature: a panic, a bug, returns `PS_INTERNAL`,
//!   whatever the caller's build profile; bare-metal builds never unwind, their panic
//!   handler stops), and every entry checks its arguments and returns a status.
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

mod boundary;
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

use boundary::guard;
use core::ffi::{c_char, c_int};

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
/// A value is outside its domain (NULL, misaligned and overlapping pointers and
/// invalid handles have statuses of their own, 16 to 19).
pub const PS_INVALID_ARGUMENT: c_int = 11;
/// An index is outside 0..dim.
pub const PS_INDEX_OUT_OF_RANGE: c_int = 12;
/// A basis state is not in the sector.
pub const PS_STATE_NOT_IN_SECTOR: c_int = 13;
/// A matrix is not symmetric.
pub const PS_NOT_SYMMETRIC: c_int = 14;
/// An iterative method did not reach its tolerance.
pub const PS_NO_CONVERGENCE: c_int = 15;
/// A pointer that must point at data is NULL.
pub const PS_NULL_POINTER: c_int = 16;
/// A pointer is not aligned for its type (or a block for its `PS_*_ALIGN`).
pub const PS_MISALIGNED: c_int = 17;
/// Two buffers of one call overlap and the call writes at least one of them; nothing
/// was computed.
pub const PS_OVERLAP: c_int = 18;
/// Not a live handle of the expected type at this address (a copied, moved or wiped
/// block, a handle of the other precision), or `ps_hamiltonian_free` of a handle that
/// the library did not allocate (which it leaves alone).
pub const PS_INVALID_HANDLE: c_int = 19;
/// A bug in the library: a panic caught at the boundary. The outputs (and an
/// accumulator being updated) are unspecified; please report it.
pub const PS_INTERNAL: c_int = 20;

/// The library version as one number: `MAJOR * 10000 + MINOR * 100 + PATCH`.
#[no_mangle]
pub extern "C" fn ps_version_number() -> c_int {
    guard(-1, || {
        PS_VERSION_MAJOR * 10000 + PS_VERSION_MINOR * 100 + PS_VERSION_PATCH
    })
}

/// The short stable name of a status code (`"ok"`, `"too_many_sites"`, ...), a static
/// NUL-terminated string; `"unknown"` for a code that is not a status.
#[no_mangle]
pub extern "C" fn ps_status_name(status: c_int) -> *const c_char {
    guard(b"unknown\0".as_ptr().cast(), || status_name(status))
}

fn status_name(status: c_int) -> *const c_char {
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
        PS_NULL_POINTER => b"null_pointer\0",
        PS_MISALIGNED => b"misaligned\0",
        PS_OVERLAP => b"overlap\0",
        PS_INVALID_HANDLE => b"invalid_handle\0",
        PS_INTERNAL => b"internal\0",
        _ => b"unknown\0",
    };
    name.as_ptr().cast()
}

#[cfg(all(not(feature = "std"), not(test)))]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    // Bare metal: the panic boundary of every entry. No unwinding and nowhere to
    // report: stop here (the `panic = "abort"` behaviour), never return into C.
    loop {
        core::hint::spin_loop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ffi::CStr;
    use pseudospin::Error;

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

    /// The boundary's own statuses follow the kernel's 15, in a pinned order, with
    /// their names.
    #[test]
    fn boundary_statuses_follow_the_kernels() {
        use boundary::Fail;
        let own = [
            (Fail::NullPointer, PS_NULL_POINTER, "null_pointer"),
            (Fail::Misaligned, PS_MISALIGNED, "misaligned"),
            (Fail::Overlap, PS_OVERLAP, "overlap"),
            (Fail::InvalidHandle, PS_INVALID_HANDLE, "invalid_handle"),
        ];
        for (i, (fail, code, name)) in own.iter().enumerate() {
            assert_eq!(fail.code(), *code);
            assert_eq!(*code, 16 + i as c_int);
            // SAFETY: ps_status_name returns a static NUL-terminated string.
            let got = unsafe { CStr::from_ptr(ps_status_name(*code)) };
            assert_eq!(got.to_str().unwrap(), *name);
        }
        assert_eq!(PS_INTERNAL, 20);
        // SAFETY: as above.
        let got = unsafe { CStr::from_ptr(ps_status_name(PS_INTERNAL)) };
        assert_eq!(got.to_str().unwrap(), "internal");
        // SAFETY: as above.
        let got = unsafe { CStr::from_ptr(ps_status_name(21)) };
        assert_eq!(got.to_str().unwrap(), "unknown");
        assert_eq!(Fail::from(Error::NonFinite).code(), PS_NON_FINITE);
    }
}
