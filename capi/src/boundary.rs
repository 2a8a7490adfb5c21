//! The boundary's own failure reasons, the failed argument's position, the per-thread
//! record of the last failure and the panic guard.
//!
//! Every exported function runs its body through [`run`] (or [`guard`] for the ones that
//! return a handle or a value): the body returns a [`CResult`], whose error, a
//! [`Fail`], holds the [`Reason`] (the kernel's [`Error`], with its pinned code, or one
//! that only the boundary can find: NULL, misaligned or overlapping pointers, invalid
//! handles, each with a status of its own) and, where one is known, the 1-based
//! position of the argument at fault in the entry's C signature (and of a second one:
//! the other buffer of an overlap, the buffer that a too-small length describes).
//! The ffi helpers take the position of the pointer they check; kernel errors get
//! theirs at the entry with [`At::arg`] or [`At::blame`].
//!
//! Last failure: with the `std` feature every failing entry stores its status, the
//! positions, the size needed (if any) and its own name in a thread-local record that
//! `ps_last_error` copies out (successes leave it alone, as `errno`). Bare-metal builds
//! (no `std`) keep no global state: recording does nothing there.
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

/// The 1-based position of an argument in the C signature of an entry; 0: no single
/// argument (or none known).
pub(crate) type Arg = u8;

/// The NUL-terminated name of an entry, as [`name!`] makes it (`ps_error::function`).
pub(crate) type Name = &'static [u8];

/// The NUL-terminated name of an entry: `name!("ps_apply")` is `b"ps_apply\0"`.
macro_rules! name {
    ($s:literal) => {
        concat!($s, "\0").as_bytes()
    };
}
pub(crate) use name;

/// Why an entry failed: the kernel's reason, or one that the boundary finds itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reason {
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

/// A failure: its reason and the positions of the arguments at fault (0: none known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fail {
    /// Why.
    pub(crate) reason: Reason,
    /// The argument at fault (for an overlap, the later of the two buffers; for a
    /// length too small, the length).
    pub(crate) arg: Arg,
    /// A second argument involved (the earlier buffer of an overlap, the buffer that
    /// a too-small length describes, the bound that another one contradicts).
    pub(crate) other: Arg,
}

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail::new(Reason::Kernel(e), 0)
    }
}

impl Fail {
    /// `reason` at argument `arg`.
    pub(crate) const fn new(reason: Reason, arg: Arg) -> Fail {
        Fail {
            reason,
            arg,
            other: 0,
        }
    }

    /// `PS_NULL_POINTER` at `arg`.
    pub(crate) const fn null(arg: Arg) -> Fail {
        Fail::new(Reason::NullPointer, arg)
    }

    /// `PS_MISALIGNED` at `arg`.
    pub(crate) const fn misaligned(arg: Arg) -> Fail {
        Fail::new(Reason::Misaligned, arg)
    }

    /// `PS_INVALID_HANDLE` at `arg`.
    pub(crate) const fn invalid_handle(arg: Arg) -> Fail {
        Fail::new(Reason::InvalidHandle, arg)
    }

    /// `PS_OVERLAP` of the buffers at `a` and `b`: the later one (the larger position)
    /// is the argument, the earlier the other.
    pub(crate) fn overlap(a: Arg, b: Arg) -> Fail {
        Fail {
            reason: Reason::Overlap,
            arg: a.max(b),
            other: a.min(b),
        }
    }

    /// The status code.
    pub(crate) fn code(&self) -> c_int {
        match self.reason {
            Reason::Kernel(e) => e.code(),
            Reason::NullPointer => PS_NULL_POINTER,
            Reason::Misaligned => PS_MISALIGNED,
            Reason::Overlap => PS_OVERLAP,
            Reason::InvalidHandle => PS_INVALID_HANDLE,
        }
    }

    /// The size the failed check needs: the bytes of `PS_WORKSPACE_TOO_SMALL`, the
    /// elements of `PS_LENGTH_MISMATCH`; `None` for the other reasons.
    pub(crate) fn needed(&self) -> Option<usize> {
        match self.reason {
            Reason::Kernel(
                Error::WorkspaceTooSmall { needed: n } | Error::LengthMismatch { expected: n, .. },
            ) => Some(n),
            _ => None,
        }
    }

    /// This failure at `arg` and `other`, unless it already has a position (the
    /// innermost, most precise one is kept).
    pub(crate) fn at(self, arg: Arg, other: Arg) -> Fail {
        if self.arg == 0 {
            Fail { arg, other, ..self }
        } else {
            self
        }
    }
}

/// Positions for the errors of a result (the kernel's, or a [`Fail`] without one).
pub(crate) trait At<T> {
    /// The error, when it has no position yet, at `arg`.
    fn arg(self, arg: Arg) -> CResult<T>;
    /// The error, when it has no position yet, at `arg` with the second argument
    /// `other`.
    fn args(self, arg: Arg, other: Arg) -> CResult<T>;
    /// A kernel error without a position at the `(argument, other)` that `who` finds
    /// for it (`(0, 0)`: none); the error itself (its status) is unchanged.
    fn blame(self, who: impl FnOnce(&Error) -> (Arg, Arg)) -> CResult<T>;
}

impl<T, E: Into<Fail>> At<T> for core::result::Result<T, E> {
    fn arg(self, arg: Arg) -> CResult<T> {
        self.map_err(|e| e.into().at(arg, 0))
    }

    fn args(self, arg: Arg, other: Arg) -> CResult<T> {
        self.map_err(|e| e.into().at(arg, other))
    }

    fn blame(self, who: impl FnOnce(&Error) -> (Arg, Arg)) -> CResult<T> {
        self.map_err(|e| {
            let f: Fail = e.into();
            match f.reason {
                Reason::Kernel(k) if f.arg == 0 => {
                    let (arg, other) = who(&k);
                    f.at(arg, other)
                }
                _ => f,
            }
        })
    }
}

/// The result of an entry's body.
pub(crate) type CResult<T> = core::result::Result<T, Fail>;

/// Records the failure `f` of the entry `name` (with `std`: in this thread's record,
/// for `ps_last_error`) and returns its status.
pub(crate) fn failed(name: Name, f: &Fail) -> c_int {
    crate::last_error::record(name, f.code(), f.arg, f.other, f.needed().unwrap_or(0));
    f.code()
}

/// The status of a body's result (a failure recorded as the entry `name`'s).
pub(crate) fn status(name: Name, r: CResult<()>) -> c_int {
    match r {
        Ok(()) => PS_OK,
        Err(e) => failed(name, &e),
    }
}

/// Runs `body` inside the panic boundary: its value, or `on_panic` when it panics (with
/// `std`, recording `PS_INTERNAL` as the failure of the entry `name`; without it there
/// is no unwinding, see the module's documentation).
pub(crate) fn guard<R>(name: Name, on_panic: R, body: impl FnOnce() -> R) -> R {
    #[cfg(feature = "std")]
    {
        let body = move || {
            inject::maybe_panic();
            body()
        };
        // AssertUnwindSafe: after a caught panic nothing the body touched is used again
        // by the library; the caller is told by PS_INTERNAL that the outputs (and an
        // accumulator being updated) are unspecified.
        std::panic::catch_unwind(core::panic::AssertUnwindSafe(body)).unwrap_or_else(|_| {
            crate::last_error::record(name, PS_INTERNAL, 0, 0, 0);
            on_panic
        })
    }
    #[cfg(not(feature = "std"))]
    {
        let _ = (name, on_panic);
        body()
    }
}

/// [`guard`] for the entries that return a status: the body's status, `PS_INTERNAL`
/// when it panics; a failure is recorded as the entry `name`'s.
pub(crate) fn run(name: Name, body: impl FnOnce() -> CResult<()>) -> c_int {
    guard(name, PS_INTERNAL, || status(name, body()))
}

/// [`run`] for the entries with a `size_t *needed` out-parameter: when the body fails
/// with `PS_WORKSPACE_TOO_SMALL` (bytes) or `PS_LENGTH_MISMATCH` (an output's length in
/// its elements), the size it needs is written to `*needed` (when `needed` is not NULL
/// and aligned). Every body raises these two only from its own size checks, made after
/// its overlap check (which lists `needed`), so `needed` is known to be disjoint from
/// the other buffers when it is written.
pub(crate) fn run_sized(
    name: Name,
    needed: *mut usize,
    body: impl FnOnce() -> CResult<()>,
) -> c_int {
    guard(name, PS_INTERNAL, || {
        let r = body();
        if let Err(Some(n)) = r.map_err(|f| f.needed()) {
            // SAFETY: the entry's contract: `needed` NULL or writable (NULL and
            // misaligned are skipped by the check).
            let _ = unsafe { crate::ffi::write(needed, n, 0) };
        }
        status(name, r)
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
