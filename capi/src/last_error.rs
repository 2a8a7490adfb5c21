//! Which argument failed: the per-thread record of the last failure (`ps_last_error`).
//!
//! A status says why a call failed; the record says where. With the `std` feature
//! (hosted builds) every entry that fails stores, in a record of the calling thread, its
//! status, the 1-based position of the argument at fault in its C signature (and of a
//! second argument involved), the size it needed and its own name; `ps_last_error`
//! copies that record out. Only failures write it (as `errno` and LAPACK's `info`): a
//! success leaves the record of an earlier failure in place; `ps_error_clear` empties
//! it. Bare-metal builds (without `std`) keep no global state: nothing is recorded and
//! `ps_last_error` says so with its status.

use crate::boundary::{guard, name, Arg, Name};
use core::ffi::{c_char, c_int};

/// The last failure of a call on this thread (`ps_last_error`). Plain data of a fixed
/// size, nothing to release.
///
/// Positions count the arguments of the failed function's C signature from 1 (as
/// LAPACKE's `-i`); 0 means that no single argument is at fault (a sector dimension that
/// overflows, a solver that did not converge, a caught panic) or that none is known.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ps_error {
    /// The status the failed call returned (`PS_OK` when nothing is recorded).
    pub status: c_int,
    /// The 1-based position of the argument at fault in the failed function's C
    /// signature, or 0. `PS_NULL_POINTER`, `PS_MISALIGNED`, `PS_INVALID_HANDLE`: the
    /// pointer or handle. `PS_OVERLAP`: the later of the two overlapping buffers (a
    /// handle counts as its block). `PS_WORKSPACE_TOO_SMALL`, `PS_LENGTH_MISMATCH`: the
    /// length argument that is too small (`mem_len`, `work_bytes`, `w_len`, ...; the
    /// buffer itself where the call has no length argument). Kernel statuses: the value
    /// at fault (`n` for `PS_TOO_MANY_SITES`, `n_up` for `PS_INVALID_FILLING`, `edges`
    /// for an invalid edge, the first NaN of `xi`, `jxy`, `jzz`, `hi` for lo > hi, ...).
    pub argument: c_int,
    /// A second argument involved, or 0: the earlier buffer of an overlap, the buffer
    /// that a too-small length describes, the argument that the faulty one contradicts
    /// (`n` for `PS_INVALID_FILLING`, `lo` for lo > hi).
    pub other_argument: c_int,
    /// The size that the failed check needed: the bytes on `PS_WORKSPACE_TOO_SMALL`, the
    /// length in elements on `PS_LENGTH_MISMATCH` (what `*needed` receives, recorded
    /// also where the call has no `needed` argument or it was NULL); 0 otherwise.
    pub needed: usize,
    /// The name of the failed function (`"ps_apply"`), a static NUL-terminated string;
    /// `""` when nothing is recorded. Never NULL, never to be freed.
    pub function: *const c_char,
}

/// The static empty name of an empty record.
#[cfg_attr(not(feature = "std"), allow(dead_code))]
const NO_FUNCTION: &[u8] = b"\0";

impl ps_error {
    /// The empty record: nothing failed (or the record was cleared).
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    const NONE: ps_error = ps_error {
        status: crate::PS_OK,
        argument: 0,
        other_argument: 0,
        needed: 0,
        function: NO_FUNCTION.as_ptr().cast(),
    };
}

#[cfg(feature = "std")]
std::thread_local! {
    /// This thread's last failure (no destructor: usable until the thread ends).
    static LAST: core::cell::Cell<ps_error> = const { core::cell::Cell::new(ps_error::NONE) };
}

/// Records a failure of the entry `name` in this thread's record (with `std`; nothing
/// without it). Never panics (a thread being torn down keeps no record).
pub(crate) fn record(name: Name, status: c_int, argument: Arg, other: Arg, needed: usize) {
    #[cfg(feature = "std")]
    {
        debug_assert_eq!(name.last(), Some(&0), "names are NUL-terminated");
        let e = ps_error {
            status,
            argument: c_int::from(argument),
            other_argument: c_int::from(other),
            needed,
            function: name.as_ptr().cast(),
        };
        let _ = LAST.try_with(|l| l.set(e));
    }
    #[cfg(not(feature = "std"))]
    {
        let _ = (name, status, argument, other, needed);
    }
}

/// Copies the calling thread's record of its last failed call to `*out`: the status it
/// returned, the 1-based position of the argument at fault in its C signature (0: no
/// single argument), a second argument involved, the size it needed and its name.
/// Every function that returns a status (and the ones that return a handle with the
/// status in `*status`) records its failures; a success leaves the record alone (as
/// `errno`), so read it right after the failed call, or call `ps_error_clear` first.
/// An empty record (no failure on this thread since it started or since
/// `ps_error_clear`) has `status` `PS_OK`, positions 0 and `function` `""`. This
/// function returns its own failures (a NULL `out`) without recording them, so the
/// record survives a bad query. Each thread has its own record.
///
/// Bare-metal builds (without the library's `std` feature) keep no global state, so
/// no record: there it returns `PS_CAPACITY_EXCEEDED` (room for no record) and leaves
/// `*out` alone.
///
/// Statuses: `PS_OK`; `PS_NULL_POINTER` (`out` NULL), `PS_MISALIGNED`;
/// `PS_CAPACITY_EXCEEDED` (bare-metal builds); `PS_INTERNAL`.
///
/// # Safety
/// `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_last_error(out: *mut ps_error) -> c_int {
    let name = name!("ps_last_error");
    guard(name, crate::PS_INTERNAL, || {
        if let Err(f) = crate::ffi::check_out(out, 1) {
            return f.code();
        }
        #[cfg(feature = "std")]
        {
            let e = LAST.try_with(|l| l.get()).unwrap_or(ps_error::NONE);
            // SAFETY: non-NULL and aligned (checked); writable by the caller's contract.
            match unsafe { crate::ffi::write(out, e, 1) } {
                Ok(()) => crate::PS_OK,
                Err(f) => f.code(),
            }
        }
        #[cfg(not(feature = "std"))]
        {
            crate::PS_CAPACITY_EXCEEDED
        }
    })
}

/// Empties the calling thread's record of its last failure (`ps_last_error` then gives
/// `status` `PS_OK`); other threads' records are untouched. Nothing to do in
/// bare-metal builds.
#[no_mangle]
pub extern "C" fn ps_error_clear() {
    guard(name!("ps_error_clear"), (), || {
        #[cfg(feature = "std")]
        let _ = LAST.try_with(|l| l.set(ps_error::NONE));
    })
}
