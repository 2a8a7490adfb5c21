//! Eigensolvers: dense eigenvalues of a sector, the lowest levels by Lanczos, every level
//! in a window by spectrum slicing.

use crate::boundary::run;
use crate::ffi::{self, Span};
use crate::hamiltonian::{get, ps_hamiltonian, ps_hamiltonian_f32, Handle, Inner};
use core::ffi::c_int;
use pseudospin::basis::Sector;
use pseudospin::linalg::{
    lanczos_lowest, lanczos_lowest_req, polfed_window, polfed_window_req, sym_eigenvalues,
    sym_eigenvalues_req, LanczosOptions, PolfedOptions,
};
use pseudospin::model::{Coupling, Model};
use pseudospin::{Error, Real, Result, WorkReq, WorkStack};

/// Workspace of the dense path: the matrix and the eigensolver's scratch.
fn dense_req(n: usize, n_up: usize) -> Result<(usize, WorkReq)> {
    let dim = Sector::<u64>::new(n, n_up)?.dim();
    Ok((
        dim,
        WorkReq::array(dim, dim)?.and(sym_eigenvalues_req(dim)?)?,
    ))
}

/// Doubles of workspace that `ps_sector_eigenvalues` needs for the sector (n, n_up),
/// written to `*len`: `D^2` for the matrix plus the dense eigensolver's scratch
/// (`D = C(n, n_up)`).
///
/// Statuses: those of `ps_sector_dim` (`PS_NULL_POINTER`, `PS_MISALIGNED`: `len`).
///
/// # Safety
/// `len` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_sector_eigenvalues_work_size(
    n: usize,
    n_up: usize,
    len: *mut usize,
) -> c_int {
    run(|| {
        let (_, req) = dense_req(n, n_up)?;
        // SAFETY: caller's contract for `len`.
        unsafe { ffi::write(len, req.len()) }
    })
}

/// # Safety
/// As `ps_sector_eigenvalues`.
#[allow(clippy::too_many_arguments)]
unsafe fn sector_eigenvalues<T: Real>(
    n: usize,
    n_up: usize,
    edges: *const u8,
    n_edges: usize,
    xi: *const T,
    jxy: T,
    jzz: T,
    w_out: *mut T,
    w_len: usize,
    work: *mut T,
    work_len: usize,
) -> c_int {
    run(|| {
        // n and n_up first: no view of `xi` is formed for an n beyond 64.
        let sector = Sector::<u64>::new(n, n_up)?;
        let (edges_ptr, xi_ptr) = (edges, xi);
        // SAFETY: caller's contract for `edges`.
        let edges = unsafe { ffi::edges(edges, n_edges)? };
        // SAFETY: caller's contract for `xi`.
        let xi = unsafe { ffi::slice(xi, n)? };
        let model = Model::new(n, edges, xi, Coupling::Uniform(jxy), Coupling::Uniform(jzz))?;
        let (dim, req) = dense_req(n, n_up)?;
        if w_len < dim {
            return Err(Error::LengthMismatch {
                expected: dim,
                got: w_len,
            }
            .into());
        }
        req.check(work_len)?;
        // Every pair but the two inputs: the model reads `edges` and `xi` while the
        // matrix is filled into `work` and the levels into `w_out`.
        ffi::disjoint(&[
            Span::read(edges_ptr.cast::<[u8; 2]>(), n_edges)?,
            Span::read(xi_ptr, n)?,
            Span::write(w_out, w_len)?,
            Span::write(work, work_len)?,
        ])?;
        // SAFETY: caller's contract for `w_out`; disjoint from the other three (checked).
        // The levels go to its first D entries.
        let w = unsafe { ffi::slice_mut(w_out, dim)? };
        // SAFETY: caller's contract for `work`; disjoint from the other three (checked).
        let work = unsafe { ffi::slice_mut(work, work_len)? };
        let mut ws = WorkStack::new(work);
        let a = ws.take(dim * dim)?;
        model.on_sector(&sector, &sector)?.fill_dense(a)?;
        Ok(sym_eigenvalues(a, dim, w, ws.into_rest())?)
    })
}

/// Every eigenvalue, ascending, of the Hamiltonian of `ps_hamiltonian_init_static` (same
/// parameters and conventions) on the sector with `n_up` up spins, by the dense solver
/// (blocked Householder + QL/QR, as LAPACK `dsyev`): `w_out` receives the `D` levels
/// (`w_len` >= D; the entries past D are left alone). Bit for bit the Rust API's `sym_eigenvalues` on
/// `SectorHamiltonian::fill_dense`. Meant for D up to a few thousand (the work is D^2).
///
/// Statuses: those of `ps_sector_dim` and of the model (`PS_EDGE_OUT_OF_RANGE`,
/// `PS_SELF_LOOP`, `PS_DUPLICATE_EDGE`, `PS_NON_FINITE`); `PS_LENGTH_MISMATCH` (w_len
/// < D); `PS_WORKSPACE_TOO_SMALL` (work_len below `ps_sector_eigenvalues_work_size`);
/// `PS_NO_CONVERGENCE`; `PS_NULL_POINTER` (an array NULL), `PS_MISALIGNED`;
/// `PS_OVERLAP` (`w_out` or `work` overlaps any other of the four arrays: `edges` (2
/// n_edges bytes), `xi` (n), `w_out` (w_len), `work` (work_len)); `PS_INTERNAL`.
///
/// # Safety
/// Every pointer NULL or valid for its length: `edges` 2 n_edges bytes, `xi` n doubles,
/// `w_out` w_len doubles, `work` work_len doubles.
#[no_mangle]
pub unsafe extern "C" fn ps_sector_eigenvalues(
    n: usize,
    n_up: usize,
    edges: *const u8,
    n_edges: usize,
    xi: *const f64,
    jxy: f64,
    jzz: f64,
    w_out: *mut f64,
    w_len: usize,
    work: *mut f64,
    work_len: usize,
) -> c_int {
    // SAFETY: the caller's contracts, passed on.
    unsafe {
        sector_eigenvalues(
            n, n_up, edges, n_edges, xi, jxy, jzz, w_out, w_len, work, work_len,
        )
    }
}

/// `ps_sector_eigenvalues` in single precision (`float` fields, couplings, levels and
/// workspace; the workspace length in floats is that of
/// `ps_sector_eigenvalues_work_size`).
///
/// # Safety
/// As `ps_sector_eigenvalues`, with `float` arrays.
#[no_mangle]
pub unsafe extern "C" fn ps_sector_eigenvalues_f32(
    n: usize,
    n_up: usize,
    edges: *const u8,
    n_edges: usize,
    xi: *const f32,
    jxy: f32,
    jzz: f32,
    w_out: *mut f32,
    w_len: usize,
    work: *mut f32,
    work_len: usize,
) -> c_int {
    // SAFETY: the caller's contracts, passed on.
    unsafe {
        sector_eigenvalues(
            n, n_up, edges, n_edges, xi, jxy, jzz, w_out, w_len, work, work_len,
        )
    }
}

/// Lanczos options of the C API: the kernel's defaults with the given tolerance
/// (`<= 0`: the default) and step limit (0: the default).
fn lanczos_opts<T: Real>(tol: T, max_steps: usize) -> Result<LanczosOptions<T>> {
    if tol.is_nan() || tol.is_infinite() {
        return Err(Error::NonFinite);
    }
    let opts = LanczosOptions::new();
    let opts = if max_steps > 0 {
        opts.max_steps(max_steps)
    } else {
        opts
    };
    Ok(if tol > T::default() {
        opts.tol(tol)
    } else {
        opts
    })
}

/// # Safety
/// As `ps_lowest_work_size`.
unsafe fn lowest_work_size<H: Handle>(
    h: *const H,
    k: usize,
    max_steps: usize,
    with_vectors: c_int,
    len: *mut usize,
) -> c_int {
    run(|| {
        // SAFETY: caller's contract for `h`.
        let (h, block) = unsafe { get(h)? };
        ffi::disjoint(&[block, Span::write(len, 1)?])?;
        let opts = lanczos_opts(H::T::default(), max_steps)?;
        let req = lanczos_lowest_req(h.op().dim(), k, &opts)?;
        // Enough with and without a `vectors` array (`with_vectors` is not needed).
        let _ = with_vectors;
        let n = req.work.len().max(req.work_without_vectors.len());
        // SAFETY: caller's contract for `len`, outside the block (checked).
        unsafe { ffi::write(len, n) }
    })
}

/// # Safety
/// As `ps_lowest`.
#[allow(clippy::too_many_arguments)]
unsafe fn lowest<H: Handle>(
    h: *const H,
    k: usize,
    tol: H::T,
    max_steps: usize,
    values: *mut H::T,
    residuals: *mut H::T,
    vectors: *mut H::T,
    work: *mut H::T,
    work_len: usize,
) -> c_int {
    run(|| {
        // SAFETY: caller's contract for `h`.
        let (h, block) = unsafe { get(h)? };
        let dim = h.op().dim();
        let opts = lanczos_opts(tol, max_steps)?;
        if k == 0 || k > dim {
            return Err(Error::InvalidArgument("k must be in 1..=dim").into());
        }
        let req = lanczos_lowest_req(dim, k, &opts)?;
        let need = if vectors.is_null() {
            req.work_without_vectors
        } else {
            req.work
        };
        need.check(work_len)?;
        let n_vec = if vectors.is_null() {
            0
        } else {
            req.vectors.len()
        };
        ffi::disjoint(&[
            block,
            Span::write(values, k)?,
            Span::write(residuals, k)?,
            Span::write(vectors, n_vec)?,
            Span::write(work, work_len)?,
        ])?;
        // SAFETY: caller's contracts; the four arrays are disjoint from each other and
        // from the handle's block (checked).
        let vals = unsafe { ffi::slice_mut(values, k)? };
        // SAFETY: as above.
        let res = unsafe { ffi::slice_mut(residuals, k)? };
        // SAFETY: as above.
        let work = unsafe { ffi::slice_mut(work, work_len)? };
        let vecs = if vectors.is_null() {
            None
        } else {
            // SAFETY: as above.
            Some(unsafe { ffi::slice_mut(vectors, n_vec)? })
        };
        let rep = lanczos_lowest(h.op(), &opts, vals, res, vecs, work)?;
        if rep.converged {
            Ok(())
        } else {
            Err(Error::NoConvergence {
                iterations: rep.steps,
            }
            .into())
        }
    })
}

/// Doubles of workspace that `ps_lowest` needs on the handle for `k` levels and at most
/// `max_steps` Lanczos steps per level (0: the default, 2000), written to `*len`:
/// `3 D + 8 max_steps + 2 k`, plus `k D` when k > 1 (room for the deflation's k vectors
/// when `ps_lowest` is given no `vectors` array). The size is enough for `ps_lowest`
/// with and without a `vectors` array; `with_vectors` is ignored (kept for
/// compatibility; with vectors and k > 1 a workspace `k D` shorter suffices). The step
/// storage dominates for small sectors: a firmware that needs few steps saves memory
/// with a small `max_steps`, passed to `ps_lowest` too.
///
/// Statuses: `PS_NULL_POINTER` (`h` or `len` NULL), `PS_MISALIGNED`,
/// `PS_INVALID_HANDLE` (not a live handle of this type at this address), `PS_OVERLAP`
/// (`len` inside the handle's block), `PS_DIMENSION_OVERFLOW`, `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle; `len` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_lowest_work_size(
    h: *const ps_hamiltonian,
    k: usize,
    max_steps: usize,
    with_vectors: c_int,
    len: *mut usize,
) -> c_int {
    // SAFETY: the caller's contracts, passed on.
    unsafe { lowest_work_size(h, k, max_steps, with_vectors, len) }
}

/// `ps_lowest_work_size` for a single-precision handle (a length in floats).
///
/// # Safety
/// As `ps_lowest_work_size`.
#[no_mangle]
pub unsafe extern "C" fn ps_lowest_work_size_f32(
    h: *const ps_hamiltonian_f32,
    k: usize,
    max_steps: usize,
    with_vectors: c_int,
    len: *mut usize,
) -> c_int {
    // SAFETY: the caller's contracts, passed on.
    unsafe { lowest_work_size(h, k, max_steps, with_vectors, len) }
}

/// The `k` lowest eigenvalues of the handle's operator by Lanczos (the kernel's
/// `lanczos_lowest`: no reorthogonalization, two passes, deflation; default options,
/// start vectors from the fixed seed 0x5EED, so results are reproducible bit for bit):
/// `values` and `residuals` (k doubles each) receive the eigenvalues ascending and
/// their residual norms ||H v - lambda v||; `vectors` (NULL, or k * D doubles) the unit
/// eigenvectors, vector j at `vectors[j * D ..]`. `tol` is the relative residual
/// tolerance (`<= 0` selects the default max(1e-10, 16 eps)); `max_steps` the most
/// Lanczos steps per level (0 selects the default, 2000), the value given to
/// `ps_lowest_work_size`.
///
/// Statuses: `PS_INVALID_ARGUMENT` (k = 0 or k > D); `PS_NON_FINITE` (tol NaN or
/// infinite); `PS_WORKSPACE_TOO_SMALL` (work_len below `ps_lowest_work_size` for this
/// `max_steps`); `PS_NULL_POINTER` (`h`, `values`, `residuals` or `work` NULL),
/// `PS_MISALIGNED`, `PS_INVALID_HANDLE` (not a live handle of this type at this
/// address); `PS_OVERLAP` (any two of `values` (k), `residuals` (k), `vectors` (k D,
/// when not NULL) and `work` (work_len) overlap, or one overlaps the handle's block);
/// `PS_NO_CONVERGENCE` when not every pair met the tolerance within `max_steps` (the
/// outputs then hold the best estimates); `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle; `values`, `residuals` k doubles, `vectors` NULL or k * D
/// doubles, `work` work_len doubles.
#[no_mangle]
pub unsafe extern "C" fn ps_lowest(
    h: *const ps_hamiltonian,
    k: usize,
    tol: f64,
    max_steps: usize,
    values: *mut f64,
    residuals: *mut f64,
    vectors: *mut f64,
    work: *mut f64,
    work_len: usize,
) -> c_int {
    // SAFETY: the caller's contracts, passed on.
    unsafe {
        lowest(
            h, k, tol, max_steps, values, residuals, vectors, work, work_len,
        )
    }
}

/// `ps_lowest` in single precision on a `ps_hamiltonian_f32` (`float` arrays; `tol <= 0`
/// selects the default max(1e-10, 16 eps) = 16 FLT_EPSILON).
///
/// # Safety
/// As `ps_lowest`, with `float` arrays.
#[no_mangle]
pub unsafe extern "C" fn ps_lowest_f32(
    h: *const ps_hamiltonian_f32,
    k: usize,
    tol: f32,
    max_steps: usize,
    values: *mut f32,
    residuals: *mut f32,
    vectors: *mut f32,
    work: *mut f32,
    work_len: usize,
) -> c_int {
    // SAFETY: the caller's contracts, passed on.
    unsafe {
        lowest(
            h, k, tol, max_steps, values, residuals, vectors, work, work_len,
        )
    }
}

/// Workspace of the window solver on `h`: (reals, u32 indices).
fn window_req(h: &Inner<f64>) -> Result<(WorkReq, WorkReq, usize)> {
    let model = h.model()?;
    let sector = h.sector()?;
    let csr = model.csr_req(&sector)?.storage;
    let polfed = polfed_window_req(sector.dim(), &PolfedOptions::<f64>::new())?;
    Ok((csr.reals.and(polfed.work)?, csr.indices, sector.dim()))
}

/// Workspace of `ps_window_eigenvalues` on the handle: `*len` doubles and `*ilen`
/// `uint32_t` (the sector's CSR matrix, built from the handle's parameters, and the
/// slicing solver's scratch). This sweeps the sector once to count the matrix's
/// entries. No simple formula: for Z = 3 graphs at half filling it is, in all, 13 KiB
/// at D = 6, 2.4 MiB at D = 252, 28 MiB at D = 924, 54 MiB at D = 3432, 132 MiB at
/// D = 12870 and 424 MiB at D = 48620.
///
/// Statuses: `PS_NULL_POINTER` (`h`, `len` or `ilen` NULL), `PS_MISALIGNED`,
/// `PS_INVALID_HANDLE` (not a live handle of this type at this address), `PS_OVERLAP`
/// (`len`, `ilen` and the handle's block not disjoint), `PS_DIMENSION_OVERFLOW`,
/// `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle; `len`, `ilen` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_window_eigenvalues_work_size(
    h: *const ps_hamiltonian,
    len: *mut usize,
    ilen: *mut usize,
) -> c_int {
    run(|| {
        // SAFETY: caller's contract for `h`.
        let (h, block) = unsafe { get(h)? };
        ffi::disjoint(&[block, Span::write(len, 1)?, Span::write(ilen, 1)?])?;
        let (re, ix, _) = window_req(h)?;
        // SAFETY: caller's contract for `len`; disjoint from `ilen` and the block.
        unsafe { ffi::write(len, re.len())? };
        // SAFETY: caller's contract for `ilen`; disjoint from `len` and the block.
        unsafe { ffi::write(ilen, ix.len()) }
    })
}

/// Every eigenvalue of the handle's Hamiltonian in the closed window [lo, hi] (bounds
/// may be infinite), ascending in `out[0 .. *count]`, by the kernel's spectrum-slicing
/// solver `polfed_window` (default options) on the sector's CSR matrix built in `iwork`
/// and `work`. The list is certified complete, or the call fails; `out_len` may be
/// less than D when the window's levels fit. When `out` is too short
/// (`PS_LENGTH_MISMATCH`) `*count` receives the window's level count, the length
/// `out` needs.
///
/// Statuses: `PS_NON_FINITE` (lo or hi NaN, or a matrix entry that overflows:
/// parameters near the largest double); `PS_INVALID_ARGUMENT` (lo > hi);
/// `PS_NULL_POINTER` (`h`, `count`, `work` or `iwork` NULL, `out` NULL with
/// out_len > 0), `PS_MISALIGNED`, `PS_INVALID_HANDLE` (not a live handle of this type
/// at this address); `PS_WORKSPACE_TOO_SMALL` (work_len or iwork_len below
/// `ps_window_eigenvalues_work_size`); `PS_OVERLAP` (any two of `out` (out_len),
/// `count`, `work` (work_len) and `iwork` (iwork_len) overlap, or one overlaps the
/// handle's block); `PS_LENGTH_MISMATCH` (out_len below the window's level count,
/// written to `*count`);
/// `PS_NO_CONVERGENCE` (a window that could not be certified); `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle; `out`, `work`, `iwork`, `count` NULL or valid for their
/// lengths.
#[no_mangle]
pub unsafe extern "C" fn ps_window_eigenvalues(
    h: *const ps_hamiltonian,
    lo: f64,
    hi: f64,
    out: *mut f64,
    out_len: usize,
    count: *mut usize,
    work: *mut f64,
    work_len: usize,
    iwork: *mut u32,
    iwork_len: usize,
) -> c_int {
    run(|| {
        // SAFETY: caller's contract for `h`.
        let (h, block) = unsafe { get(h)? };
        if lo.is_nan() || hi.is_nan() {
            return Err(Error::NonFinite.into());
        }
        if lo > hi {
            return Err(Error::InvalidArgument("window has lo > hi").into());
        }
        ffi::check_out(count)?;
        let (re, ix, _) = window_req(h)?;
        re.check(work_len)?;
        ix.check(iwork_len)?;
        ffi::disjoint(&[
            block,
            Span::write(out, out_len)?,
            Span::write(count, 1)?,
            Span::write(work, work_len)?,
            Span::write(iwork, iwork_len)?,
        ])?;
        // SAFETY: caller's contracts; the arrays are disjoint from each other and from
        // the handle's block (checked).
        let out = unsafe { ffi::slice_mut(out, out_len)? };
        // SAFETY: as above.
        let work = unsafe { ffi::slice_mut(work, work_len)? };
        // SAFETY: as above.
        let iwork = unsafe { ffi::slice_mut(iwork, iwork_len)? };
        let model = h.model()?;
        let sector = h.sector()?;
        let csr_req = model.csr_req(&sector)?.storage;
        let mut ws = WorkStack::new(work);
        let reals = ws.take_req(csr_req.reals)?;
        let a = model.csr(&sector, iwork, reals)?;
        let r = polfed_window(&a, lo, hi, &PolfedOptions::new(), out, ws.into_rest());
        let n = match r {
            Ok(rep) => rep.count,
            // `out` too short: the level count is the length it needs.
            Err(Error::LengthMismatch { expected, .. }) => expected,
            Err(e) => return Err(e.into()),
        };
        // SAFETY: caller's contract for `count` (checked writable and disjoint above).
        unsafe { ffi::write(count, n)? };
        r.map(|_| ()).map_err(Into::into)
    })
}
