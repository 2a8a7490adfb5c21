//! The boundary's own failure reasons and its panic guard.
//!
//! Every exported function runs its body through [`run`] (or [`guard`] for the ones that
//! return a handle): the body returns a [`CResult`], whose error is either the kernel's
//! [`Error`] (its pinned code) or one of the reasons only the boundary can find (NULL,
//! misaligned or overlapping pointers, invalid handles), each with a status of its own.
//!
//! Panic boundary: with the `std` feature the body runs inside `catch_unwind`, so a
//! panic (a bug: public functions are meant never to panic) becomes `PS_INTERNAL` in
//! every profile that unwinds, the test profile included, and never crosses
//! `extern "C"`. Where panics abort (`panic = "abort"`, this workspace's release
//! profile) the process stops at the panic. Bare-metal builds (no `std`) have no
//! unwinding at all: the crate's own `#[panic_handler]` stops there.

use crate::{PS_INTERNAL, PS_INVALID_HANDLE, PS_MISALIGNED, PS_NULL_POINTER, PS_OK, PS_OVERLAP};
use core::ffi::c_int;
use pseudospin::Error;

/// Why an entry failed: the kernel's reason, or one that the boundary finds itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fail {
    /// The kernel's error, with its pinned code.
    Kernel(Error),
    /// A pointer that must point at data is NULL (`PS_NULL_POINTER`).
    NullPointer,
    /// A pointer is not aligned for its type (`PS_MISALIGNED`).
    Misaligned,
    /// Two buffers of one call overlap and the call writes one of them (`PS_OVERLAP`).
    Overlap,
    /// Not a live handle of this type at this address, or not one this call accepts
    /// (`PS_INVALID_HANDLE`).
    InvalidHandle,
}

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail::Kernel(e)
    }
}

impl Fail {
    /// The status code.
    pub(crate) fn code(self) -> c_int {
        match self {
            Fail::Kernel(e) => e.code(),
            Fail::NullPointer => PS_NULL_POINTER,
            Fail::Misaligned => PS_MISALIGNED,
            Fail::Overlap => PS_OVERLAP,
            Fail::InvalidHandle => PS_INVALID_HANDLE,
        }
    }
}

/// The result of an entry's body.
pub(crate) type CResult<T> = core::result::Result<T, Fail>;

/// The status of a body's result.
pub(crate) fn status(r: CResult<()>) -> c_int {
    match r {
        Ok(()) => PS_OK,
        Err(e) => e.code(),
    }
}

/// Runs `body` inside the panic boundary: its value, or `on_panic` when it panics (with
/// `std`; without it there is no unwinding, see the module's documentation).
pub(crate) fn guard<R>(on_panic: R, body: impl FnOnce() -> R) -> R {
    #[cfg(feature = "std")]
    {
        let body = move || {
            inject::maybe_panic();
            body()
        };
        // AssertUnwindSafe: after a caught panic nothing the body touched is used again
        // by the library; the caller is told by PS_INTERNAL that the outputs (and an
        // accumulator being updated) are unspecified.
        std::panic::catch_unwind(core::panic::AssertUnwindSafe(body)).unwrap_or(on_panic)
    }
    #[cfg(not(feature = "std"))]
    {
        let _ = on_panic;
        body()
    }
}

/// [`guard`] for the entries that return a status: the body's status, `PS_INTERNAL`
/// when it panics.
pub(crate) fn run(body: impl FnOnce() -> CResult<()>) -> c_int {
    guard(PS_INTERNAL, || status(body()))
}

/// [`run`] for the entries with a `size_t *needed` out-parameter: when the body fails
/// with `PS_WORKSPACE_TOO_SMALL` (bytes) or `PS_LENGTH_MISMATCH` (an output's length in
/// its elements), the size it needs is written to `*needed` (when `needed` is not NULL
/// and aligned). Every body raises these two only from its own size checks, made after
/// its overlap check (which lists `needed`), so `needed` is known to be disjoint from
/// the other buffers when it is written.
pub(crate) fn run_sized(needed: *mut usize, body: impl FnOnce() -> CResult<()>) -> c_int {
    guard(PS_INTERNAL, || {
        let r = body();
        if let Err(Fail::Kernel(
            Error::WorkspaceTooSmall { needed: n } | Error::LengthMismatch { expected: n, .. },
        )) = r
        {
            // SAFETY: the entry's contract: `needed` NULL or writable (NULL and
            // misaligned are skipped by the check).
            let _ = unsafe { crate::ffi::write(needed, n) };
        }
        status(r)
    })
}

/// A panic on demand inside the boundary, for the tests of the boundary itself
/// (`inject::panic_in_next_call`); absent from every non-test build.
#[cfg(feature = "std")]
pub(crate) mod inject {
    #[cfg(test)]
    std::thread_local! {
        static NEXT: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
    }

    /// Makes the next entry called on this thread panic inside its boundary.
    #[cfg(test)]
    pub(crate) fn panic_in_next_call() {
        NEXT.with(|n| n.set(true));
    }

    /// Panics when a panic was asked for on this thread (tests only; a no-op otherwise).
    #[inline(always)]
    pub(super) fn maybe_panic() {
        #[cfg(test)]
        if NEXT.with(|n| n.replace(false)) {
            panic!("panic injected by a test of the C ABI's panic boundary");
        }
    }
}

#[cfg(all(test, feature = "std"))]
mod tests;
