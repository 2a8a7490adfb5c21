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
//! - which argument failed: with the `std` feature every failing call records, per
//!   thread, a [`ps_error`] that [`ps_last_error`] copies out: the status, the 1-based
//!   position of the argument at fault in the function's C signature (LAPACKE's `-i`;
//!   0 when no single argument is), a second argument involved (the earlier buffer of
//!   an overlap, whose later one is the argument; the buffer that a too-small length
//!   describes), the size needed (bytes or elements) and the function's name. Only
//!   failures write it (as `errno`; [`ps_error_clear`] empties it); bare-metal builds
//!   keep no global state and no record (`ps_last_error` returns
//!   `PS_CAPACITY_EXCEEDED`);
//! - threads: no global state but the per-thread error record, so any number of
//!   threads may call any functions at once on distinct buffers; a Hamiltonian handle
//!   is read-only after init and may be used by any number of threads at once (not
//!   while it is initialized or freed); an accumulator is written by push and merge,
//!   one thread at a time (one per thread, merged in a fixed order, gives the bits of
//!   one pass); workspaces and outputs belong to one call at a time; the library starts
//!   no threads of its own except `ps_realization_gap_ratios` with planned slices on
//!   several workers (hosted builds: scoped threads, joined before it returns);
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
mod last_error;
mod realization;
mod sector;
mod solvers;
mod stats;
mod status;

pub use cavity::*;
pub use hamiltonian::*;
pub use last_error::*;
pub use realization::*;
pub use sector::*;
pub use solvers::*;
pub use stats::*;
pub use status::*;

use boundary::{guard, name};
use core::ffi::{c_char, c_int};

/// Major version of the library (`PS_VERSION_MAJOR`).
pub const PS_VERSION_MAJOR: c_int = 0;
/// Minor version of the library.
pub const PS_VERSION_MINOR: c_int = 1;
/// Patch version of the library.
pub const PS_VERSION_PATCH: c_int = 0;

/// Alignment of every caller workspace (the `void *work` of the solvers): 8 bytes, that
/// of `double`; `malloc`'s alignment suffices.
pub const PS_WORK_ALIGN: usize = 8;

/// The library version as one number: `MAJOR * 10000 + MINOR * 100 + PATCH`.
#[no_mangle]
pub extern "C" fn ps_version_number() -> c_int {
    guard(name!("ps_version_number"), -1, || {
        PS_VERSION_MAJOR * 10000 + PS_VERSION_MINOR * 100 + PS_VERSION_PATCH
    })
}

/// The short stable name of a status code (`"ok"`, `"too_many_sites"`, ...), a static
/// NUL-terminated string; `"unknown"` for a code that is not a status.
#[no_mangle]
pub extern "C" fn ps_status_name(status: c_int) -> *const c_char {
    guard(name!("ps_status_name"), UNKNOWN.as_ptr().cast(), || {
        text(&status::NAMES, status)
    })
}

/// The one-line meaning of a status code (`"Success."`, ...), a static NUL-terminated
/// string; `"unknown"` for a code that is not a status.
#[no_mangle]
pub extern "C" fn ps_status_message(status: c_int) -> *const c_char {
    guard(name!("ps_status_message"), UNKNOWN.as_ptr().cast(), || {
        text(&status::MESSAGES, status)
    })
}

const UNKNOWN: &[u8] = b"unknown\0";

/// Entry `status` of a table of NUL-terminated strings by code, or `"unknown"`.
fn text(table: &[&'static [u8]; status::COUNT], status: c_int) -> *const c_char {
    let s = usize::try_from(status)
        .ok()
        .and_then(|i| table.get(i))
        .copied()
        .unwrap_or(UNKNOWN);
    s.as_ptr().cast()
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

    /// Names and messages are the table's, every code; others are "unknown".
    #[test]
    fn names_and_messages_are_the_tables() {
        for &(code, name, meaning) in Error::STATUSES {
            // SAFETY: static NUL-terminated strings.
            let (n, m) = unsafe {
                (
                    CStr::from_ptr(ps_status_name(code)),
                    CStr::from_ptr(ps_status_message(code)),
                )
            };
            assert_eq!(n.to_str().unwrap(), name);
            assert_eq!(m.to_str().unwrap(), meaning);
        }
        for code in [-1, 21, c_int::MIN, c_int::MAX] {
            // SAFETY: as above.
            let (n, m) = unsafe {
                (
                    CStr::from_ptr(ps_status_name(code)),
                    CStr::from_ptr(ps_status_message(code)),
                )
            };
            assert_eq!(
                (n.to_str().unwrap(), m.to_str().unwrap()),
                ("unknown", "unknown")
            );
        }
    }

    /// The boundary's own statuses follow the kernel's 15, in a pinned order, with
    /// their names.
    #[test]
    fn boundary_statuses_follow_the_kernels() {
        use boundary::{Fail, Reason};
        let own = [
            (Reason::NullPointer, PS_NULL_POINTER, "null_pointer"),
            (Reason::Misaligned, PS_MISALIGNED, "misaligned"),
            (Reason::Overlap, PS_OVERLAP, "overlap"),
            (Reason::InvalidHandle, PS_INVALID_HANDLE, "invalid_handle"),
        ];
        for (i, (reason, code, name)) in own.iter().enumerate() {
            assert_eq!(Fail::new(*reason, 0).code(), *code);
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
