//! Sectors, rank / unrank, realization seeds and the disorder ensemble.

use crate::boundary::{guard, name, run, run_sized, Arg, At, CResult};
use crate::ffi::{self, Span};
use core::ffi::c_int;
use pseudospin::basis::Sector;
use pseudospin::graph::{Graph, MAX_VERTICES};
use pseudospin::{ed, rng, Error, Result};

/// Most edges a graph on `N <= 64` vertices can have: `64 * 63 / 2`.
const MAX_EDGES: usize = MAX_VERTICES * (MAX_VERTICES - 1) / 2;

/// The graph buffer of a draw with at most this many edges: every z <= 4 graph of up to
/// 64 vertices (the random-graph ensembles of the model, Z = 3 among them) and every graph
/// of up to 16 vertices.
const SMALL_EDGES: usize = 128;

/// Who is at fault for an error of `Sector::new(n, n_up)`, with `n` and `n_up` at the
/// positions given: `n` for too many sites or none, `n_up` (against `n`) for a filling
/// above `n`; none for a dimension that overflows (the pair).
pub(crate) fn sector_blame(n: Arg, n_up: Arg) -> impl FnOnce(&Error) -> (Arg, Arg) {
    move |e| match e {
        Error::TooManySites { .. } | Error::InvalidArgument(_) => (n, 0),
        Error::InvalidFilling { .. } => (n_up, n),
        _ => (0, 0),
    }
}

/// The dimension C(n, n_up) of the sector of `n` sites with `n_up` up spins, written to
/// `*dim`.
///
/// Statuses: `PS_TOO_MANY_SITES` (n > 64), `PS_INVALID_ARGUMENT` (n = 0),
/// `PS_INVALID_FILLING` (n_up > n), `PS_DIMENSION_OVERFLOW` (C(n, n_up) does not fit in
/// `size_t`), `PS_NULL_POINTER` (`dim` NULL), `PS_MISALIGNED`, `PS_INTERNAL`.
///
/// # Safety
/// `dim` is NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn ps_sector_dim(n: usize, n_up: usize, dim: *mut usize) -> c_int {
    run(name!("ps_sector_dim"), || {
        let s = Sector::<u64>::new(n, n_up).blame(sector_blame(1, 2))?;
        // SAFETY: caller's contract for `dim`.
        unsafe { ffi::write(dim, s.dim(), 3) }
    })
}

/// The index (rank) of the basis state `state` in the sector (n, n_up), written to
/// `*index`. States are ordered as integers; bit i set means s^z_i = +1/2.
///
/// Statuses: those of `ps_sector_dim`; `PS_STATE_NOT_IN_SECTOR` (wrong number of set
/// bits, or bits at or above n); `PS_NULL_POINTER` (`index` NULL).
///
/// # Safety
/// `index` is NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn ps_rank(n: usize, n_up: usize, state: u64, index: *mut usize) -> c_int {
    run(name!("ps_rank"), || {
        let s = Sector::<u64>::new(n, n_up).blame(sector_blame(1, 2))?;
        let i = s.rank(state).ok_or(Error::StateNotInSector).arg(3)?;
        // SAFETY: caller's contract for `index`.
        unsafe { ffi::write(index, i, 4) }
    })
}

/// The basis state of index `index` in the sector (n, n_up), written to `*state`.
///
/// Statuses: those of `ps_sector_dim`; `PS_INDEX_OUT_OF_RANGE` (index >= dimension);
/// `PS_NULL_POINTER` (`state` NULL).
///
/// # Safety
/// `state` is NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn ps_unrank(n: usize, n_up: usize, index: usize, state: *mut u64) -> c_int {
    run(name!("ps_unrank"), || {
        let s = Sector::<u64>::new(n, n_up).blame(sector_blame(1, 2))?;
        let st = s.unrank(index).arg(3)?;
        // SAFETY: caller's contract for `state`.
        unsafe { ffi::write(state, st, 4) }
    })
}

/// The seed of realization `r` of a run with base seed `base` (SplitMix64 of the pair):
/// a function of (base, r) only, so any split of realizations over threads or ranks
/// reproduces a serial run. Never fails (its body, wrapping integer arithmetic, cannot
/// panic; were it to, 0 would come back).
#[no_mangle]
pub extern "C" fn ps_realization_seed(base: u64, r: u64) -> u64 {
    guard(name!("ps_realization_seed"), 0, || {
        rng::realization_seed(base, r)
    })
}

/// Realization `r` of the exact-diagonalization ensemble with base seed `base_seed`,
/// exactly as the Rust API's `ed::draw_realization`: a uniformly random simple
/// `z`-regular graph on `n` vertices, then the fields xi_i uniform on [-w/2, w/2], from
/// one xoshiro256** stream seeded by `ps_realization_seed(base_seed, r)`.
///
/// Outputs: `edges_out` receives the n z / 2 edges as pairs of vertex indices
/// in its first n z bytes (`edges_len` >= n z), `xi_out` the n fields in its first n
/// entries (`xi_len` >= n); the rest of each buffer is left alone. The edge list feeds
/// `ps_hamiltonian_init_static` and `ps_sector_eigenvalues` unchanged. When an output
/// is too short (`PS_LENGTH_MISMATCH`), the length it needs goes to `*needed` (when not
/// NULL): n z for `edges_out`, checked first, else n for `xi_out`.
///
/// Statuses: `PS_TOO_MANY_SITES` (n > 64); `PS_INVALID_ARGUMENT` (n = 0, no simple
/// z-regular graph on n vertices, e.g. n z odd or z >= n); `PS_NULL_POINTER` (NULL
/// outputs); `PS_MISALIGNED` (`xi_out`, `needed`); `PS_NON_FINITE` /
/// `PS_INVALID_ARGUMENT` (w NaN, infinite or negative); `PS_LENGTH_MISMATCH`
/// (`edges_len` or `xi_len` short); `PS_OVERLAP` (any two of the outputs and `needed`
/// overlap); `PS_INTERNAL`. Nothing but `*needed` is written on failure.
///
/// Stack: about 5 KiB on a Cortex-M4F for a graph of at most 128 edges (every z <= 4
/// graph up to 64 vertices), about 26 KiB above (examples/firmware/README.md).
///
/// # Safety
/// `edges_out` valid for `edges_len` byte writes and `xi_out` for `xi_len` doubles
/// (or NULL); `needed` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_draw_realization(
    n: usize,
    z: usize,
    w: f64,
    base_seed: u64,
    r: u64,
    edges_out: *mut u8,
    edges_len: usize,
    xi_out: *mut f64,
    xi_len: usize,
    needed: *mut usize,
) -> c_int {
    run_sized(name!("ps_draw_realization"), needed, || {
        draw(
            n, z, w, base_seed, r, edges_out, edges_len, xi_out, xi_len, needed,
        )
    })
}

#[allow(clippy::too_many_arguments)]
fn draw(
    n: usize,
    z: usize,
    w: f64,
    base_seed: u64,
    r: u64,
    edges_out: *mut u8,
    edges_len: usize,
    xi_out: *mut f64,
    xi_len: usize,
    needed: *mut usize,
) -> CResult<()> {
    // Positions in the C signature of ps_draw_realization.
    const N: Arg = 1;
    const Z: Arg = 2;
    const W: Arg = 3;
    const EDGES_OUT: Arg = 6;
    const EDGES_LEN: Arg = 7;
    const XI_OUT: Arg = 8;
    const XI_LEN: Arg = 9;
    const NEEDED: Arg = 10;
    if n == 0 {
        return Err(Error::InvalidArgument("a graph needs at least one vertex")).arg(N);
    }
    if n > MAX_VERTICES {
        return Err(Error::TooManySites {
            n_sites: n,
            max: MAX_VERTICES,
        })
        .arg(N);
    }
    // NULL outputs before the lengths (as before the split of the statuses).
    ffi::check_out(edges_out, EDGES_OUT)?;
    ffi::check_out(xi_out, XI_OUT)?;
    let want = n.checked_mul(z).ok_or(Error::DimensionOverflow).arg(Z)?;
    ffi::disjoint(&[
        Span::write(edges_out, edges_len, EDGES_OUT)?,
        Span::write(xi_out, xi_len, XI_OUT)?,
        Span::write_opt(needed, NEEDED)?,
    ])?;
    ffi::check_out_len(edges_len, want, EDGES_LEN, EDGES_OUT)?;
    ffi::check_out_len(xi_len, n, XI_LEN, XI_OUT)?;
    // SAFETY: non-NULL (checked above), the first n z of `edges_len >= n z` bytes
    // (caller's contract), disjoint from the fields (checked above).
    let e = unsafe { ffi::slice_mut(edges_out, want, EDGES_OUT)? };
    // SAFETY: as above for the first n of `xi_len >= n` doubles.
    let x = unsafe { ffi::slice_mut(xi_out, n, XI_OUT)? };
    // The graph is drawn before the fields: an impossible degree (against n) before a
    // bad bandwidth w.
    let who = |e: &Error| match e {
        Error::InvalidArgument(_) if z >= n || !(n * z).is_multiple_of(2) => (Z, N),
        Error::InvalidArgument(_) | Error::NonFinite => (W, 0),
        _ => (0, 0),
    };
    // The draw returns its `Graph<CAP>` by value through a few frames, so the capacity,
    // not n, sets the stack: about 26 KiB at MAX_EDGES on a Cortex-M4F, about 5 KiB at
    // SMALL_EDGES (examples/firmware/README.md). Both draw the same graph.
    if want / 2 <= SMALL_EDGES {
        draw_into::<SMALL_EDGES>(n, z, w, base_seed, r, e, x).blame(who)?;
    } else {
        draw_into::<MAX_EDGES>(n, z, w, base_seed, r, e, x).blame(who)?;
    }
    Ok(())
}

/// `draw` after its checks, in a graph buffer of `CAP` edges (`CAP >= n z / 2`): the
/// edges into `e` (n z bytes) and the fields into `x` (n values), both only once the
/// draw has succeeded.
fn draw_into<const CAP: usize>(
    n: usize,
    z: usize,
    w: f64,
    base_seed: u64,
    r: u64,
    e: &mut [u8],
    x: &mut [f64],
) -> Result<()> {
    let mut xi = [0.0f64; MAX_VERTICES];
    let g: Graph<CAP> = ed::draw_realization(n, z, w, base_seed, r, &mut xi[..n])?;
    if g.n_edges() * 2 != e.len() {
        return Err(Error::LengthMismatch {
            expected: g.n_edges() * 2,
            got: e.len(),
        });
    }
    for (dst, src) in e.chunks_exact_mut(2).zip(g.edges()) {
        dst.copy_from_slice(src);
    }
    x.copy_from_slice(&xi[..n]);
    Ok(())
}
