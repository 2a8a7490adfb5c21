//! Checked conversions of C pointers into slices and references, and the one overlap
//! check of every call.
//!
//! Each helper checks what can be checked (NULL, alignment, a byte length that fits in
//! `isize`, and that no buffer a call writes shares a byte with another of its buffers)
//! and returns an error instead of dereferencing; each takes the 1-based position of
//! its pointer in the entry's C signature ([`Arg`]), which the error carries. What
//! cannot be checked (that a non-NULL pointer really points at `len` valid elements,
//! and that they live and are not written by anyone else during the call) is the
//! caller's documented contract.

use crate::boundary::{Arg, At, CResult, Fail};
use crate::PS_WORK_ALIGN;
use core::mem::{align_of, size_of};
use pseudospin::Error;

/// `ptr` (argument `arg`) with `len` elements passes the checks that need no
/// dereference.
fn check<T>(ptr: *const T, len: usize, arg: Arg) -> CResult<()> {
    if ptr.is_null() {
        return Err(Fail::null(arg));
    }
    if !(ptr as usize).is_multiple_of(align_of::<T>()) {
        return Err(Fail::misaligned(arg));
    }
    match len.checked_mul(size_of::<T>()) {
        Some(bytes) if bytes <= isize::MAX as usize => Ok(()),
        _ => Err(Error::DimensionOverflow).arg(arg),
    }
}

/// The `len` elements at `ptr`, argument `arg` (an empty slice for `len == 0`, even
/// with NULL).
///
/// # Safety
/// A non-NULL `ptr` must be valid for reads of `len` elements of `T` for `'a`, and not
/// be written during `'a`.
pub(crate) unsafe fn slice<'a, T>(ptr: *const T, len: usize, arg: Arg) -> CResult<&'a [T]> {
    if len == 0 {
        return Ok(&[]);
    }
    check(ptr, len, arg)?;
    // SAFETY: non-NULL, aligned, byte length within isize (checked above); validity
    // and lifetime are the caller's contract.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// The `len` elements at `ptr`, argument `arg`, writable (an empty slice for
/// `len == 0`).
///
/// # Safety
/// A non-NULL `ptr` must be valid for reads and writes of `len` elements of `T` for
/// `'a` and not be accessed through any other pointer during `'a` (for the call's
/// other buffers: [`disjoint`] checked first).
pub(crate) unsafe fn slice_mut<'a, T>(ptr: *mut T, len: usize, arg: Arg) -> CResult<&'a mut [T]> {
    if len == 0 {
        return Ok(&mut []);
    }
    check(ptr, len, arg)?;
    // SAFETY: as in `slice`, plus exclusivity, the caller's contract.
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr, len) })
}

/// The edge list at `edges` (argument `arg`): `n_edges` pairs of `uint8_t` vertex
/// indices.
///
/// # Safety
/// As [`slice`] for `2 n_edges` bytes.
pub(crate) unsafe fn edges<'a>(
    edges: *const u8,
    n_edges: usize,
    arg: Arg,
) -> CResult<&'a [[u8; 2]]> {
    // SAFETY: `[u8; 2]` has size 2 and alignment 1, so the pairs are exactly the
    // `2 n_edges` bytes of the caller's contract.
    unsafe { slice(edges.cast::<[u8; 2]>(), n_edges, arg) }
}

/// Writes `value` to `out` (argument `arg`).
///
/// # Safety
/// A non-NULL `out` must be valid for a write of `T`.
pub(crate) unsafe fn write<T>(out: *mut T, value: T, arg: Arg) -> CResult<()> {
    check(out, 1, arg)?;
    // SAFETY: non-NULL and aligned (checked); valid for writes (caller's contract).
    unsafe { out.write(value) };
    Ok(())
}

/// `Err` when `out` (argument `arg`) cannot be written (NULL or misaligned); checks
/// before any work.
pub(crate) fn check_out<T>(out: *mut T, arg: Arg) -> CResult<()> {
    check(out.cast_const(), 1, arg)
}

/// One buffer of a call, as the overlap check sees it: its byte range, whether the
/// call writes it and its position in the call's C signature. Made only through the
/// constructors, which check the pointer first (NULL with a nonzero length, alignment,
/// a byte length within `isize`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    start: usize,
    bytes: usize,
    written: bool,
    arg: Arg,
}

impl Span {
    fn new<T>(ptr: *const T, len: usize, written: bool, arg: Arg) -> CResult<Span> {
        if len == 0 {
            return Ok(Span {
                start: ptr as usize,
                bytes: 0,
                written,
                arg,
            });
        }
        check(ptr, len, arg)?;
        Ok(Span {
            start: ptr as usize,
            // Cannot overflow: checked above.
            bytes: len * size_of::<T>(),
            written,
            arg,
        })
    }

    /// `len` elements at `ptr`, argument `arg`, that the call only reads (empty for
    /// `len == 0`).
    pub(crate) fn read<T>(ptr: *const T, len: usize, arg: Arg) -> CResult<Span> {
        Span::new(ptr, len, false, arg)
    }

    /// `len` elements at `ptr`, argument `arg`, that the call writes (empty for
    /// `len == 0`).
    pub(crate) fn write<T>(ptr: *mut T, len: usize, arg: Arg) -> CResult<Span> {
        Span::new(ptr.cast_const(), len, true, arg)
    }

    /// An optional single output (`status`), argument `arg`: empty when `ptr` is NULL.
    pub(crate) fn write_opt<T>(ptr: *mut T, arg: Arg) -> CResult<Span> {
        Span::write(ptr, usize::from(!ptr.is_null()), arg)
    }

    /// `true` when the two ranges share a byte (never for an empty one).
    fn meets(&self, other: &Span) -> bool {
        // Differences, not ends: no overflow for ranges near the top of the address space.
        if self.start <= other.start {
            other.start - self.start < self.bytes && other.bytes > 0
        } else {
            self.start - other.start < other.bytes && self.bytes > 0
        }
    }
}

/// `PS_OVERLAP` when two of the call's buffers `spans` share a byte and the call writes
/// at least one of the two (read-only inputs may overlap each other), at the later of
/// the two in the C signature (the earlier one the other argument). Every entry with
/// more than one buffer lists all of them here (inputs, outputs, the handle's block)
/// before it forms any slice of them.
pub(crate) fn disjoint(spans: &[Span]) -> CResult<()> {
    for (i, a) in spans.iter().enumerate() {
        for b in &spans[i + 1..] {
            if (a.written || b.written) && a.meets(b) {
                return Err(Fail::overlap(a.arg, b.arg));
            }
        }
    }
    Ok(())
}

/// `count` elements of `T` in bytes (the C ABI's one size unit).
pub(crate) fn bytes_of<T>(count: usize) -> CResult<usize> {
    count
        .checked_mul(size_of::<T>())
        .filter(|&b| b <= isize::MAX as usize)
        .ok_or_else(|| Error::DimensionOverflow.into())
}

/// `Err(PS_WORKSPACE_TOO_SMALL)` with the `needed` bytes when `got < needed`, at the
/// length argument `len_arg` (the block it describes at `buf_arg`).
pub(crate) fn check_bytes(got: usize, needed: usize, len_arg: Arg, buf_arg: Arg) -> CResult<()> {
    if got >= needed {
        Ok(())
    } else {
        Err(Error::WorkspaceTooSmall { needed }).args(len_arg, buf_arg)
    }
}

/// `Err(PS_LENGTH_MISMATCH)` with the `needed` length (in the buffer's elements) when an
/// output is shorter (`got < needed`), at the length argument `len_arg` (the output at
/// `buf_arg`); longer outputs are accepted.
pub(crate) fn check_out_len(got: usize, needed: usize, len_arg: Arg, buf_arg: Arg) -> CResult<()> {
    if got >= needed {
        Ok(())
    } else {
        Err(Error::LengthMismatch {
            expected: needed,
            got,
        })
        .args(len_arg, buf_arg)
    }
}

/// The caller's workspace `work` (argument `arg`) of `bytes` bytes as a span: NULL with
/// `bytes > 0` is `PS_NULL_POINTER`, an address not a multiple of [`PS_WORK_ALIGN`]
/// `PS_MISALIGNED`.
pub(crate) fn work_span(work: *mut core::ffi::c_void, bytes: usize, arg: Arg) -> CResult<Span> {
    if bytes > 0 && !work.is_null() && !(work as usize).is_multiple_of(PS_WORK_ALIGN) {
        return Err(Fail::misaligned(arg));
    }
    Span::write(work.cast::<u8>(), bytes, arg)
}

/// The first `count` elements of `T` of the caller's workspace `work`, argument `arg`
/// (`count * size_of::<T>()` bytes, checked against its length by the caller; aligned
/// to [`PS_WORK_ALIGN`], checked by [`work_span`]), starting `offset` bytes in.
///
/// # Safety
/// `work` valid for reads and writes of `offset + count * size_of::<T>()` bytes, not
/// accessed through any other pointer during `'a`; `offset` a multiple of
/// `align_of::<T>()`.
pub(crate) unsafe fn work_slice<'a, T>(
    work: *mut core::ffi::c_void,
    offset: usize,
    count: usize,
    arg: Arg,
) -> CResult<&'a mut [T]> {
    if count == 0 {
        return Ok(&mut []);
    }
    if work.is_null() {
        return Err(Fail::null(arg));
    }
    // SAFETY: within the caller's buffer (the contract above).
    let at = unsafe { work.cast::<u8>().add(offset) }.cast::<T>();
    // SAFETY: the caller's contract, passed on (`slice_mut` checks alignment again).
    unsafe { slice_mut(at, count, arg) }
}

/// `count` copies of `fill` written into the caller's workspace `work` (argument
/// `arg`) from byte `offset` on, as a slice (for element types that not every byte
/// pattern is a valid value of: they are written before the slice is formed).
///
/// # Safety
/// As [`work_slice`].
pub(crate) unsafe fn work_filled<'a, T: Copy>(
    work: *mut core::ffi::c_void,
    offset: usize,
    count: usize,
    fill: T,
    arg: Arg,
) -> CResult<&'a mut [T]> {
    if count == 0 {
        return Ok(&mut []);
    }
    if work.is_null() {
        return Err(Fail::null(arg));
    }
    // SAFETY: within the caller's buffer (the contract above).
    let at = unsafe { work.cast::<u8>().add(offset) }.cast::<T>();
    check(at.cast_const(), count, arg)?;
    for i in 0..count {
        // SAFETY: `count` elements from `at`, aligned (checked), writable (the contract).
        unsafe { at.add(i).write(fill) };
    }
    // SAFETY: the caller's contract, passed on; every element was written above.
    unsafe { slice_mut(at, count, arg) }
}

/// `usize` from `size_t`-like inputs of `uint64_t` type.
pub(crate) fn to_usize(x: u64) -> CResult<usize> {
    usize::try_from(x).map_err(|_| Error::DimensionOverflow.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, bytes: usize, written: bool, arg: Arg) -> Span {
        Span {
            start,
            bytes,
            written,
            arg,
        }
    }

    #[test]
    fn overlap_needs_a_shared_byte_and_a_write() {
        let w = |s, b, a| span(s, b, true, a);
        let r = |s, b, a| span(s, b, false, a);
        // PS_OVERLAP at the later of the two positions, the earlier one the other.
        let overlap = |a, b| Err(Fail::overlap(a, b));
        assert!(disjoint(&[w(8, 8, 1), w(16, 8, 2)]).is_ok(), "adjacent");
        assert_eq!(disjoint(&[w(8, 8, 1), w(15, 8, 2)]), overlap(1, 2));
        assert_eq!(disjoint(&[w(15, 8, 1), w(8, 8, 2)]), overlap(1, 2));
        assert_eq!(
            disjoint(&[r(0, 100, 3), w(40, 1, 5)]),
            overlap(3, 5),
            "inside"
        );
        assert!(disjoint(&[r(0, 100, 1), r(40, 8, 2)]).is_ok(), "two inputs");
        assert!(disjoint(&[w(0, 0, 1), w(0, 8, 2)]).is_ok(), "empty");
        assert!(disjoint(&[w(8, 0, 1), w(0, 16, 2)]).is_ok(), "empty inside");
        // the third pair of three
        assert_eq!(
            disjoint(&[r(0, 8, 1), w(100, 8, 2), r(96, 8, 3)]),
            overlap(2, 3)
        );
        // listed out of signature order: still the later position first
        assert_eq!(
            disjoint(&[w(100, 8, 7), r(96, 8, 2)]),
            Err(Fail {
                reason: crate::boundary::Reason::Overlap,
                arg: 7,
                other: 2
            })
        );
        // near the top of the address space: no overflow
        assert!(disjoint(&[w(usize::MAX - 7, 8, 1), w(0, 8, 2)]).is_ok());
        assert_eq!(
            disjoint(&[w(usize::MAX - 7, 8, 1), r(usize::MAX, 1, 2)]),
            overlap(1, 2)
        );
    }
}
