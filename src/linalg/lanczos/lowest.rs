//! Minimal-memory Lanczos for the lowest eigenvalues of a symmetric operator: three
//! vectors plus the tridiagonal coefficients; eigenvectors by a second pass that
//! regenerates the same Lanczos vectors from the same deterministic start vector.
//!
//! Origin: C. Lanczos, J. Res. Nat. Bur. Standards 45 (1950); the behaviour without
//! reorthogonalization after C. C. Paige, J. Inst. Math. Appl. 10 (1972) and J. Cullum,
//! R. A. Willoughby, "Lanczos Algorithms for Large Symmetric Eigenvalue Computations"
//! (1985), whose two-pass scheme gives the eigenvectors; the k lowest eigenvalues by
//! successive deflation against the converged (locked) vectors as in Y. Saad,
//! "Numerical Methods for Large Eigenvalue Problems" (2011), sec. 4.2.
//!
//! Math: run `j = 0, 1, .., k-1` starts from a random vector `v_1` (the stream of
//! `realization_seed(seed, j)`), orthogonalized against the vectors `x_0 .. x_{j-1}`
//! found so far, and builds
//!
//! ```text
//! w = H v_i,  alpha_i = v_i . w,  w <- P (w - alpha_i v_i - beta_{i-1} v_{i-1}),
//! beta_i = ||w||,  v_{i+1} = w / beta_i,         P = I - sum_{l<j} x_l x_l^T
//! ```
//!
//! with no reorthogonalization among the `v_i`. The lowest eigenvalue `theta` of the
//! tridiagonal `T_m` (bisection) and the bottom entry `s_m` of its eigenvector (inverse
//! iteration) give the residual estimate `beta_m |s_m|`; the run stops when it is
//! `<= tol * ||T_m||` (the lowest eigenvalue converges first, before Paige's loss of
//! orthogonality can produce copies of it), on an invariant subspace (`beta_m` at
//! rounding level: `theta` is then exact), or when `j + m` reaches the dimension. The
//! second pass repeats the same arithmetic (bit for bit: every reduction has a fixed
//! order; a difference in any `alpha_i`, `beta_i` is reported as an error) and
//! accumulates `x_j = sum_i s_i v_i`. Because each run starts from a fresh random vector
//! in the complement of the vectors already found, run `j` finds the lowest eigenvalue
//! of that complement, so exact degeneracies come out with their multiplicities (one
//! copy per run). Results are sorted at the end.
//!
//! Limitation: nothing checks the `k` pairs afterwards, so the report is never
//! `certified`. A run stops as soon as its lowest Ritz pair meets the tolerance, and a
//! start vector with almost no weight on the eigenvector of a lower eigenvalue (below
//! about `tol ||H|| / gap` in amplitude, where `gap` separates the two) lets a higher
//! eigenpair meet it first: that run then returns a true eigenpair, converged, but not
//! the lowest of its complement. With a random start this is rare for well-separated
//! levels and likelier inside a tight cluster (the fuzzer found one: a level 4.7e-7
//! below a six-fold zero at `||H|| = 11`, skipped for a zero). [`super::trlan_lowest`]
//! certifies its result with a further random start.
//!
//! Accuracy: the reported residuals are true residuals `||H x_j - theta_j x_j||` (one
//! extra product per vector); without vectors (`k = 1`) the estimate `beta_m |s_m|`.
//!
//! Cost per run: `m` products and `~7 dim` flops per step for the first pass, `m - 1`
//! products for the second, one for the residual; `j` dot products and updates per step
//! for the deflation. Convergence checks cost `O(m)` and are spaced so that they stay
//! below the cost of the steps. Workspace ([`lanczos_lowest_req`]): three vectors, the
//! tridiagonal coefficients and the Ritz vector's scratch, `3 dim + 8 max_steps + 2 k`
//! elements; the `k * dim` vectors (the caller's output, or for `k > 1` without one,
//! more of the workspace: the deflation needs them).
//!
//! Layout: this file holds the public drivers, their size queries and the loop over
//! runs; [`super::first_pass`], [`super::second_pass`] and [`super::order`] hold the
//! three stages of a call, [`super::recurrence`] the recurrence both passes share.

use super::first_pass::FirstPass;
use super::options::{check_common, LanczosOptions, LanczosReport};
use super::order::sort_ascending_pairs;
use super::recurrence::Recurrence;
use super::state::{Lanczos, Scratch};
use crate::error::check_len;
use crate::linalg::LinearOperator;
use crate::work::{WorkReq, WorkStack};
#[cfg(doc)]
use crate::Error;
use crate::{Real, Result};

/// The sizes of the slices of [`lanczos_lowest`] (from [`lanczos_lowest_req`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct LanczosLowestReq {
    /// The `vectors` output, when given: `k * dim`.
    pub vectors: WorkReq,
    /// `work` when `vectors` is given (`Some`): `3 dim + 8 max_steps + 2 k`.
    pub work: WorkReq,
    /// `work` when `vectors` is `None`: for `k > 1` the `k` vectors the deflation needs
    /// (carved first) and then [`work`](Self::work); for `k == 1` just `work`.
    pub work_without_vectors: WorkReq,
}

/// The sizes of the slices of [`lanczos_lowest_stored`] (from
/// [`lanczos_lowest_stored_req`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct LanczosLowestStoredReq {
    /// The `vectors` output: `k * dim`.
    pub vectors: WorkReq,
    /// `basis` to store `stored` Lanczos vectors: `stored * dim`.
    pub basis: WorkReq,
    /// `work`: as [`LanczosLowestReq::work`].
    pub work: WorkReq,
}

/// Sizes of the slices of [`lanczos_lowest`] for an operator of order `dim`, `k` wanted
/// eigenvalues and the options `opts` (which fix `max_steps`).
///
/// # Errors
/// [`Error::DimensionOverflow`] when a length does not fit in `usize`.
///
/// # Example
/// ```
/// use pseudospin::linalg::{lanczos_lowest_req, LanczosOptions};
/// let opts = LanczosOptions::<f64>::new().max_steps(300);
/// let req = lanczos_lowest_req(1000, 3, &opts)?;
/// assert_eq!(req.vectors.len(), 3 * 1000);
/// assert_eq!(req.work.len(), 3 * 1000 + 8 * 300 + 2 * 3);
/// assert_eq!(req.work_without_vectors.len(), req.work.len() + 3 * 1000);
/// assert!(lanczos_lowest_req(usize::MAX, 1, &opts).is_err());
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn lanczos_lowest_req<T: Real>(
    dim: usize,
    k: usize,
    opts: &LanczosOptions<T>,
) -> Result<LanczosLowestReq> {
    let vectors = WorkReq::array(k, dim)?;
    let work = Scratch::<T>::req(dim, k, opts.max_steps)?;
    let deflation = if k > 1 { vectors } else { WorkReq::EMPTY };
    Ok(LanczosLowestReq {
        vectors,
        work,
        work_without_vectors: deflation.and(work)?,
    })
}

/// Sizes of the slices of [`lanczos_lowest_stored`] for an operator of order `dim`, `k`
/// wanted eigenvalues, room for `stored` Lanczos vectors and the options `opts`.
///
/// # Errors
/// [`Error::DimensionOverflow`] when a length does not fit in `usize`.
pub fn lanczos_lowest_stored_req<T: Real>(
    dim: usize,
    k: usize,
    stored: usize,
    opts: &LanczosOptions<T>,
) -> Result<LanczosLowestStoredReq> {
    let req = lanczos_lowest_req(dim, k, opts)?;
    Ok(LanczosLowestStoredReq {
        vectors: req.vectors,
        basis: WorkReq::array(stored, dim)?,
        work: req.work,
    })
}

/// The `k = values.len()` lowest eigenvalues of the symmetric operator `op` by
/// minimal-memory Lanczos (see the module notes), with optional eigenvectors.
///
/// - `values` (length `k >= 1`, `k <= dim`): the eigenvalues, ascending.
/// - `residuals` (length `k`): `||H x - theta x||` of each returned pair (when vectors
///   are built, i.e. with `vectors` or `k > 1`), else the Lanczos estimate
///   `beta_m |s_m|`.
/// - `vectors`: `Some` of length `k * dim` (vector `j` in `vectors[j*dim..(j+1)*dim]`,
///   unit norm) or `None`. For `k > 1` the deflation needs the vectors anyway: without
///   an output for them they are built in `work`, so `None` saves nothing but a slice
///   to pass; for `k == 1` `None` skips the second pass (half the products).
/// - `work`: with `req = `[`lanczos_lowest_req`]`(dim, k, opts)?`, at least
///   `req.work.len()` elements with `vectors`, `req.work_without_vectors.len()` without.
///
/// A run that reaches `opts.max_steps` without meeting the tolerance still returns its
/// best Ritz pair; the report says which converged. The operator must be deterministic
/// (the second pass checks this).
///
/// Not certified (`report.certified` is `false`): every converged pair is a true
/// eigenpair to its residual, but a run whose random start vector has almost no weight
/// on the eigenvector of a lower level (rare; likelier for a level a tiny gap below a
/// cluster) can return the higher level in its place. [`super::trlan_lowest`] checks
/// its `k` pairs with a further random start.
///
/// # Errors
/// [`Error::InvalidArgument`] for `dim == 0`, `k == 0`, `k > dim`, `max_steps == 0`, a
/// bad `tol`, or a non-deterministic operator;
/// [`Error::LengthMismatch`], [`Error::WorkspaceTooSmall`]; [`Error::NonFinite`] when
/// the recurrence overflows or the operator returns NaN; any error of `op.apply`.
///
/// # Example
/// ```
/// use pseudospin::linalg::{lanczos_lowest, lanczos_lowest_req, DenseSymmetric, LanczosOptions};
/// // tridiag(-1, 2, -1) of order 50: lowest eigenvalue 2 - 2 cos(pi / 51).
/// let n = 50;
/// let mut a = vec![0.0; n * n];
/// for i in 0..n {
///     a[i * n + i] = 2.0;
///     if i + 1 < n {
///         a[i * n + i + 1] = -1.0;
///         a[(i + 1) * n + i] = -1.0;
///     }
/// }
/// let op = DenseSymmetric::new(&a, n)?;
/// let opts = LanczosOptions::new();
/// let (mut e0, mut res, mut x) = ([0.0], [0.0], vec![0.0; n]);
/// let mut work = vec![0.0; lanczos_lowest_req(n, 1, &opts)?.work.len()];
/// let report = lanczos_lowest(&op, &opts, &mut e0, &mut res, Some(&mut x), &mut work)?;
/// let exact = 2.0 - 2.0 * (std::f64::consts::PI / 51.0).cos();
/// assert!(report.converged && (e0[0] - exact).abs() < 1e-12 && res[0] < 1e-8);
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn lanczos_lowest<T: Real, O: LinearOperator<T> + ?Sized>(
    op: &O,
    opts: &LanczosOptions<T>,
    values: &mut [T],
    residuals: &mut [T],
    vectors: Option<&mut [T]>,
    work: &mut [T],
) -> Result<LanczosReport> {
    lanczos_impl(op, opts, values, residuals, vectors, &mut [], work)
}

/// [`lanczos_lowest`] trading memory for products: the first pass also keeps its
/// Lanczos vectors in `basis` (room for `c = basis.len() / dim` of them), and the second
/// pass takes the first `c` from there instead of regenerating them, so a run of `m`
/// steps costs `m + max(0, m - c) + 1` products instead of `2m` (with `c >= m`, one pass
/// and the residual product). The results are bit for bit those of [`lanczos_lowest`]
/// with the same options: the stored vectors are the first pass's own, and a second
/// pass that must regenerate the rest resumes the recurrence from the last two stored
/// ones. Each stored vector costs one copy per step.
///
/// Arguments and errors as for [`lanczos_lowest`], except that `vectors` is required
/// (this mode exists to build them); `basis` may have any length (a `basis` shorter
/// than `2 dim` stores nothing and is the two-pass mode;
/// [`lanczos_lowest_stored_req`] sizes it for a number of vectors).
///
/// # Example
/// ```
/// use pseudospin::linalg::{
///     lanczos_lowest, lanczos_lowest_stored, lanczos_lowest_stored_req, DenseSymmetric,
///     LanczosOptions,
/// };
/// let n = 40;
/// let a: Vec<f64> = (0..n * n)
///     .map(|k| if k / n == k % n { (k / n) as f64 } else { 0.01 })
///     .collect();
/// let op = DenseSymmetric::new(&a, n)?;
/// let opts = LanczosOptions::new();
/// let req = lanczos_lowest_stored_req(n, 1, 64, &opts)?; // room for 64 Lanczos vectors
/// let mut work = vec![0.0; req.work.len()];
/// let (mut e1, mut r1, mut x1) = ([0.0], [0.0], vec![0.0; n]);
/// let rep1 = lanczos_lowest(&op, &opts, &mut e1, &mut r1, Some(&mut x1), &mut work)?;
/// let mut basis = vec![0.0; req.basis.len()];
/// let (mut e2, mut r2, mut x2) = ([0.0], [0.0], vec![0.0; n]);
/// let rep2 = lanczos_lowest_stored(&op, &opts, &mut e2, &mut r2, &mut x2, &mut basis, &mut work)?;
/// assert_eq!((e1, x1), (e2, x2)); // the same numbers
/// assert!(rep2.matvecs < rep1.matvecs); // fewer products
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn lanczos_lowest_stored<T: Real, O: LinearOperator<T> + ?Sized>(
    op: &O,
    opts: &LanczosOptions<T>,
    values: &mut [T],
    residuals: &mut [T],
    vectors: &mut [T],
    basis: &mut [T],
    work: &mut [T],
) -> Result<LanczosReport> {
    lanczos_impl(op, opts, values, residuals, Some(vectors), basis, work)
}

/// Both drivers: `basis` holds `basis.len() / dim` first-pass vectors (possibly none).
/// Without `vectors` and with `k > 1`, the vectors are carved from `work` (the
/// deflation needs them).
fn lanczos_impl<T: Real, O: LinearOperator<T> + ?Sized>(
    op: &O,
    opts: &LanczosOptions<T>,
    values: &mut [T],
    residuals: &mut [T],
    vectors: Option<&mut [T]>,
    basis: &mut [T],
    work: &mut [T],
) -> Result<LanczosReport> {
    let dim = op.dim();
    let k = values.len();
    let tol = check_common(dim, k, opts, residuals)?;
    let req = lanczos_lowest_req(dim, k, opts)?;
    let mut stack = WorkStack::new(work);
    let mut vectors = match vectors {
        Some(v) => {
            check_len(v.len(), req.vectors.len())?;
            req.work.check(stack.remaining())?;
            Some(v)
        }
        None if k > 1 => {
            req.work_without_vectors.check(stack.remaining())?;
            Some(stack.take_req(req.vectors)?)
        }
        None => {
            req.work.check(stack.remaining())?;
            None
        }
    };
    let (vecs, sc) = Scratch::carve(&mut stack, dim, k, opts.max_steps)?;

    // Stored first-pass vectors: none unless there is room for two (the resume point
    // needs a vector and its predecessor), and never when there is no second pass.
    let cap = match vectors {
        Some(_) if basis.len() / dim >= 2 => basis.len() / dim,
        _ => 0,
    };
    let mut run = Lanczos {
        op,
        rec: Recurrence::new(vecs, dim),
        sc,
        basis,
        cap,
        dim,
        max_steps: opts.max_steps,
        seed: opts.seed,
        tol,
        hnorm: T::zero(),
        report: LanczosReport::default(),
    };
    let mut all_converged = true;
    for j in 0..k {
        run.report.runs += 1;
        let locked: &[T] = match vectors.as_deref() {
            Some(v) => &v[..j * dim],
            None => &[],
        };
        let fp: FirstPass<T> = run.first_pass(j, locked)?;
        values[j] = fp.theta;
        residuals[j] = fp.res_est;
        run.hnorm = run.hnorm.max(fp.anorm);
        let mut converged = fp.converged;
        if let Some(vs) = vectors.as_deref_mut() {
            let (residual, ok) = run.second_pass(j, vs, &fp)?;
            residuals[j] = residual;
            converged &= ok;
        }
        all_converged &= converged;
        run.report.n_converged += usize::from(converged);
    }
    sort_ascending_pairs(values, Some(residuals), vectors, dim);
    run.report.converged = all_converged;
    // No further run checks the pairs (module notes, "Limitation").
    run.report.certified = false;
    Ok(run.report)
}
