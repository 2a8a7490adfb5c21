//! The last step of the Lanczos drivers: eigenpairs in ascending order.
//!
//! Math: selection sort on the values (strict `<`, so equal values keep their order),
//! carrying the residuals and the vectors along: at most `k - 1` vector swaps, which is
//! what matters when a vector is long. Cost: `O(k^2)` comparisons and `O(k dim)` moves.
//! Workspace: none.

use super::vec::swap_columns;
use crate::Real;

/// Sorts `values` ascending, applying the same swaps to `residuals` (when given) and to
/// the columns `basis[j*dim..(j+1)*dim]`, `j < values.len()`, of `vectors` (when given).
pub(crate) fn sort_ascending_pairs<T: Real>(
    values: &mut [T],
    mut residuals: Option<&mut [T]>,
    mut vectors: Option<&mut [T]>,
    dim: usize,
) {
    let k = values.len();
    for a in 0..k {
        let mut best = a;
        for b in a + 1..k {
            if values[b] < values[best] {
                best = b;
            }
        }
        if best != a {
            values.swap(a, best);
            if let Some(r) = residuals.as_deref_mut() {
                r.swap(a, best);
            }
            if let Some(vs) = vectors.as_deref_mut() {
                swap_columns(vs, dim, a, best);
            }
        }
    }
}
