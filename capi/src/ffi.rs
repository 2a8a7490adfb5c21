//! Checked conversions of C pointers into slices and references.
//!
//! Each helper checks what can be checked (NULL, alignment, a byte length that fits in
//! `isize`) and returns an error instead of dereferencing. What cannot be checked (that
//! a non-NULL pointer really points at `len` valid elements, and that they live and are
//! not written by anyone else during the call) is the caller's documented contract.

use crate::BAD_POINTER;
use core::mem::{align_of, size_of};
use pseudospin::{Error, Result};

/// `ptr` with `len` elements passes the checks that need no dereference.
fn check<T>(ptr: *const T, len: usize) -> Result<()> {
    if ptr.is_null() || (ptr as usize) % align_of::<T>() != 0 {
        return Err(BAD_POINTER);
    }
    match len.checked_mul(size_of::<T>()) {
        Some(bytes) if bytes <= isize::MAX as usize => Ok(()),
        _ => Err(Error::DimensionOverflow),
    }
}

/// The `len` elements at `ptr` (an empty slice for `len == 0`, even with NULL).
///
/// # Safety
/// A non-NULL `ptr` must be valid for reads of `len` elements of `T` for `'a`, and not
/// be written during `'a`.
pub(crate) unsafe fn slice<'a, T>(ptr: *const T, len: usize) -> Result<&'a [T]> {
    if len == 0 {
        return Ok(&[]);
    }
    check(ptr, len)?;
    // SAFETY: non-NULL, aligned, byte length within isize (checked above); validity
    // and lifetime are the caller's contract.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// The `len` elements at `ptr`, writable (an empty slice for `len == 0`).
///
/// # Safety
/// A non-NULL `ptr` must be valid for reads and writes of `len` elements of `T` for
/// `'a` and not be accessed through any other pointer during `'a`.
pub(crate) unsafe fn slice_mut<'a, T>(ptr: *mut T, len: usize) -> Result<&'a mut [T]> {
    if len == 0 {
        return Ok(&mut []);
    }
    check(ptr, len)?;
    // SAFETY: as in `slice`, plus exclusivity, the caller's contract.
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr, len) })
}

/// The edge list at `edges`: `n_edges` pairs of `uint8_t` vertex indices.
///
/// # Safety
/// As [`slice`] for `2 n_edges` bytes.
pub(crate) unsafe fn edges<'a>(edges: *const u8, n_edges: usize) -> Result<&'a [[u8; 2]]> {
    // SAFETY: `[u8; 2]` has size 2 and alignment 1, so the pairs are exactly the
    // `2 n_edges` bytes of the caller's contract.
    unsafe { slice(edges.cast::<[u8; 2]>(), n_edges) }
}

/// Writes `value` to `out`.
///
/// # Safety
/// A non-NULL `out` must be valid for a write of `T`.
pub(crate) unsafe fn write<T>(out: *mut T, value: T) -> Result<()> {
    check(out, 1)?;
    // SAFETY: non-NULL and aligned (checked); valid for writes (caller's contract).
    unsafe { out.write(value) };
    Ok(())
}

/// `Err` when `out` cannot be written (NULL or misaligned); checks before any work.
pub(crate) fn check_out<T>(out: *mut T) -> Result<()> {
    check(out.cast_const(), 1)
}

/// `Err` when the byte ranges of `a` (`a_len` elements) and `b` (`b_len`) overlap.
pub(crate) fn disjoint<T, U>(a: *const T, a_len: usize, b: *const U, b_len: usize) -> Result<()> {
    let (a0, b0) = (a as usize, b as usize);
    let a1 = a0.saturating_add(a_len.saturating_mul(size_of::<T>()));
    let b1 = b0.saturating_add(b_len.saturating_mul(size_of::<U>()));
    if a_len == 0 || b_len == 0 || a1 <= b0 || b1 <= a0 {
        Ok(())
    } else {
        Err(BAD_POINTER)
    }
}

/// `usize` from `size_t`-like inputs of `uint64_t` type.
pub(crate) fn to_usize(x: u64) -> Result<usize> {
    usize::try_from(x).map_err(|_| Error::DimensionOverflow)
}
