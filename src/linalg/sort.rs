//! Panic-free ascending sorts for eigenvalues, with and without their vectors.
//!
//! `core`'s slice sorts may panic on comparators that are not total orders, so the
//! kernel carries its own: an in-place heapsort (J. W. J. Williams 1964; O(n log n),
//! no workspace) for eigenvalues alone, and LAPACK `dsteqr`'s selection sort (O(n^2)
//! comparisons, at most n - 1 swaps of whole vectors) when each value owns a vector
//! stored as the contiguous slice `z[j*n..(j+1)*n]`. Values are compared with `<`, so
//! the order is total for the finite inputs the callers guarantee.

use crate::Real;

/// Sorts `x` ascending in place (heapsort).
pub(crate) fn sort_ascending<T: Real>(x: &mut [T]) {
    let n = x.len();
    if n < 2 {
        return;
    }
    // Build a max-heap, then repeatedly move the maximum to the end.
    let mut start = n / 2;
    while start > 0 {
        start -= 1;
        sift_down(x, start, n);
    }
    let mut end = n;
    while end > 1 {
        end -= 1;
        x.swap(0, end);
        sift_down(x, 0, end);
    }
}

/// Restores the heap property of `x[..end]` below `root`.
fn sift_down<T: Real>(x: &mut [T], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && x[child] < x[child + 1] {
            child += 1;
        }
        if x[root] < x[child] {
            x.swap(root, child);
            root = child;
        } else {
            return;
        }
    }
}

/// Sorts `d` ascending, permuting the vectors `z[j*n..(j+1)*n]` along (selection sort).
/// Requires `z.len() >= d.len() * n`.
pub(crate) fn sort_with_vectors<T: Real>(d: &mut [T], z: &mut [T], n: usize) {
    let m = d.len();
    for i in 0..m {
        let mut k = i;
        let mut p = d[i];
        for (j, &dj) in d.iter().enumerate().skip(i + 1) {
            if dj < p {
                k = j;
                p = dj;
            }
        }
        if k != i {
            d[k] = d[i];
            d[i] = p;
            swap_rows(z, n, i, k);
        }
    }
}

/// Swaps the contiguous rows `i < k` of length `n` of `z`.
fn swap_rows<T: Real>(z: &mut [T], n: usize, i: usize, k: usize) {
    let (lo, hi) = z.split_at_mut(k * n);
    if let (Some(a), Some(b)) = (lo.get_mut(i * n..i * n + n), hi.get_mut(..n)) {
        a.swap_with_slice(b);
    }
}
