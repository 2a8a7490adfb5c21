//! Eigensolvers: dense eigenvalues of a sector, the lowest levels by Lanczos (minimal
//! memory, or thick restart with certified multiplets), every level in a window by
//! spectrum slicing.
//!
//! Sizes (the header's table): every workspace is a `void *work` of `work_bytes` bytes,
//! aligned to `PS_WORK_ALIGN`, sized by a query that returns bytes; a workspace too
//! small is `PS_WORKSPACE_TOO_SMALL` with the bytes it needs in `*needed`, an output too
//! short `PS_LENGTH_MISMATCH` with the length it needs (in its elements).

use crate::boundary::{name, run, run_sized, Arg, At, CResult, Fail, Name};
use crate::ffi::{self, Span};
use crate::hamiltonian::{
    get, ps_hamiltonian, ps_hamiltonian_f32, Handle, Inner, ModelArgs, ModelIn,
};
use crate::sector::sector_blame;
use core::ffi::{c_int, c_void};
use core::mem::size_of;
use pseudospin::basis::Sector;
use pseudospin::linalg::{
    lanczos_lowest, lanczos_lowest_req, polfed_window, polfed_window_req, sym_eigenvalues,
    sym_eigenvalues_req, trlan_lowest, trlan_lowest_req, LanczosOptions, PolfedOptions,
};
use pseudospin::{Error, Real, Result, WorkReq, WorkStack};

/// Workspace of the dense path: the matrix and the eigensolver's scratch, in elements.
fn dense_req(n: usize, n_up: usize) -> Result<(usize, WorkReq)> {
    let dim = Sector::<u64>::new(n, n_up)?.dim();
    Ok((
        dim,
        WorkReq::array(dim, dim)?.and(sym_eigenvalues_req(dim)?)?,
    ))
}

/// The body of the dense size queries, in precision `T`.
///
/// # Safety
/// As `ps_sector_eigenvalues_work_size`.
unsafe fn dense_work_size<T: Real>(name: Name, n: usize, n_up: usize, bytes: *mut usize) -> c_int {
    run(name, || {
        let (_, req) = dense_req(n, n_up).blame(sector_blame(1, 2))?;
        let b = ffi::bytes_of::<T>(req.len())?;
        // SAFETY: caller's contract for `bytes`.
        unsafe { ffi::write(bytes, b, 3) }
    })
}

/// Bytes of workspace that `ps_sector_eigenvalues` needs for the sector (n, n_up),
/// written to `*bytes`: `8 (D^2 + s)` for the matrix and the dense eigensolver's scratch
/// of s doubles (`D = C(n, n_up)`).
///
/// Statuses: those of `ps_sector_dim` (`PS_NULL_POINTER`, `PS_MISALIGNED`: `bytes`).
///
/// # Safety
/// `bytes` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_sector_eigenvalues_work_size(
    n: usize,
    n_up: usize,
    bytes: *mut usize,
) -> c_int {
    let name = name!("ps_sector_eigenvalues_work_size");
    // SAFETY: the caller's contract, passed on.
    unsafe { dense_work_size::<f64>(name, n, n_up, bytes) }
}

/// `ps_sector_eigenvalues_work_size` for `ps_sector_eigenvalues_f32` (half the bytes).
///
/// # Safety
/// As `ps_sector_eigenvalues_work_size`.
#[no_mangle]
pub unsafe extern "C" fn ps_sector_eigenvalues_work_size_f32(
    n: usize,
    n_up: usize,
    bytes: *mut usize,
) -> c_int {
    let name = name!("ps_sector_eigenvalues_work_size_f32");
    // SAFETY: the caller's contract, passed on.
    unsafe { dense_work_size::<f32>(name, n, n_up, bytes) }
}

/// # Safety
/// As `ps_sector_eigenvalues`.
unsafe fn sector_eigenvalues<T: Real>(
    name: Name,
    m: &ModelIn<T>,
    w_out: *mut T,
    w_len: usize,
    work: *mut c_void,
    work_bytes: usize,
    needed: *mut usize,
) -> c_int {
    // Positions in the C signature.
    const AT: ModelArgs = ModelArgs::from(1);
    const W_OUT: Arg = 10;
    const W_LEN: Arg = 11;
    const WORK: Arg = 12;
    const WORK_BYTES: Arg = 13;
    const NEEDED: Arg = 14;
    run_sized(name, needed, || {
        // n and n_up first: no view of `xi` is formed for an n beyond 64.
        let sector = m.sector(AT)?;
        // SAFETY: caller's contracts for the inputs.
        let model = unsafe { m.model(AT)? };
        let (dim, req) = dense_req(m.n, m.n_up).blame(sector_blame(AT.n, AT.n_up))?;
        // Every pair but two inputs: the model reads the inputs while the matrix is
        // filled into `work` and the levels into `w_out`.
        let [e, x, jxe, jze] = m.spans(AT)?;
        ffi::disjoint(&[
            e,
            x,
            jxe,
            jze,
            Span::write(w_out, w_len, W_OUT)?,
            ffi::work_span(work, work_bytes, WORK)?,
            Span::write_opt(needed, NEEDED)?,
        ])?;
        ffi::check_out_len(w_len, dim, W_LEN, W_OUT)?;
        ffi::check_bytes(work_bytes, ffi::bytes_of::<T>(req.len())?, WORK_BYTES, WORK)?;
        // SAFETY: caller's contract for `w_out`; disjoint from the others (checked).
        // The levels go to its first D entries.
        let w = unsafe { ffi::slice_mut(w_out, dim, W_OUT)? };
        // SAFETY: caller's contract for `work` (at least the needed bytes, checked);
        // disjoint from the others (checked).
        let work = unsafe { ffi::work_slice::<T>(work, 0, req.len(), WORK)? };
        let mut ws = WorkStack::new(work);
        let a = ws.take(dim * dim)?;
        model.on_sector(&sector, &sector)?.fill_dense(a)?;
        Ok(sym_eigenvalues(a, dim, w, ws.into_rest())?)
    })
}

/// Every eigenvalue, ascending, of the Hamiltonian of `ps_hamiltonian_init_static` (same
/// parameters and conventions, couplings per edge included) on the sector with `n_up`
/// up spins, by the dense solver (blocked Householder + QL/QR, as LAPACK `dsyev`):
/// `w_out` receives the `D` levels (`w_len` >= D doubles; the entries past D are left
/// alone), `work` is a workspace of `work_bytes` bytes
/// (`ps_sector_eigenvalues_work_size`, `PS_WORK_ALIGN`-aligned). On
/// `PS_LENGTH_MISMATCH` `*needed` receives D, on `PS_WORKSPACE_TOO_SMALL` the bytes
/// (when `needed` is not NULL). Bit for bit the Rust API's `sym_eigenvalues` on
/// `SectorHamiltonian::fill_dense`. Meant for D up to a few thousand (the work is D^2).
///
/// Statuses: those of `ps_sector_dim` and of the model (`PS_EDGE_OUT_OF_RANGE`,
/// `PS_SELF_LOOP`, `PS_DUPLICATE_EDGE`, `PS_NON_FINITE`); `PS_LENGTH_MISMATCH` (w_len
/// < D); `PS_WORKSPACE_TOO_SMALL` (work_bytes below the query's size);
/// `PS_NO_CONVERGENCE`; `PS_NULL_POINTER` (an array NULL), `PS_MISALIGNED`;
/// `PS_OVERLAP` (`w_out`, `work` or `needed` overlaps any other of `edges` (2 n_edges
/// bytes), `xi` (n), `jxy_edges`, `jzz_edges` (n_edges each, when not NULL), `w_out`
/// (w_len), `work` (work_bytes), `needed`); `PS_INTERNAL`.
///
/// # Safety
/// Every pointer NULL or valid for its length: `edges` 2 n_edges bytes, `xi` n doubles,
/// `jxy_edges`, `jzz_edges` n_edges doubles, `w_out` w_len doubles, `work` work_bytes
/// bytes, `needed` one `size_t`.
#[no_mangle]
pub unsafe extern "C" fn ps_sector_eigenvalues(
    n: usize,
    n_up: usize,
    edges: *const u8,
    n_edges: usize,
    xi: *const f64,
    jxy: f64,
    jzz: f64,
    jxy_edges: *const f64,
    jzz_edges: *const f64,
    w_out: *mut f64,
    w_len: usize,
    work: *mut c_void,
    work_bytes: usize,
    needed: *mut usize,
) -> c_int {
    let name = name!("ps_sector_eigenvalues");
    let m = ModelIn {
        n,
        n_up,
        edges,
        n_edges,
        xi,
        jxy,
        jzz,
        jxy_edges,
        jzz_edges,
    };
    // SAFETY: the caller's contracts, passed on.
    unsafe { sector_eigenvalues(name, &m, w_out, w_len, work, work_bytes, needed) }
}

/// `ps_sector_eigenvalues` in single precision (`float` fields, couplings and levels; the
/// workspace sized by `ps_sector_eigenvalues_work_size_f32`).
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
    jxy_edges: *const f32,
    jzz_edges: *const f32,
    w_out: *mut f32,
    w_len: usize,
    work: *mut c_void,
    work_bytes: usize,
    needed: *mut usize,
) -> c_int {
    let name = name!("ps_sector_eigenvalues_f32");
    let m = ModelIn {
        n,
        n_up,
        edges,
        n_edges,
        xi,
        jxy,
        jzz,
        jxy_edges,
        jzz_edges,
    };
    // SAFETY: the caller's contracts, passed on.
    unsafe { sector_eigenvalues(name, &m, w_out, w_len, work, work_bytes, needed) }
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

/// Elements of workspace of `ps_lowest` for `k` levels on a sector of dimension `dim`,
/// with or without a `vectors` array.
fn lowest_len<T: Real>(
    dim: usize,
    k: usize,
    opts: &LanczosOptions<T>,
    with_vectors: bool,
) -> Result<usize> {
    let req = lanczos_lowest_req(dim, k, opts)?;
    Ok(if with_vectors {
        req.work.len()
    } else {
        req.work_without_vectors.len()
    })
}

/// # Safety
/// As `ps_lowest_work_size`.
unsafe fn lowest_work_size<H: Handle>(
    name: Name,
    h: *const H,
    k: usize,
    max_steps: usize,
    with_vectors: c_int,
    bytes: *mut usize,
) -> c_int {
    run(name, || {
        // SAFETY: caller's contract for `h`.
        let (h, block) = unsafe { get(h)? };
        ffi::disjoint(&[block, Span::write(bytes, 1, 5)?])?;
        let opts = lanczos_opts(H::T::default(), max_steps)?;
        let len = lowest_len(h.op().dim(), k, &opts, with_vectors != 0)?;
        let b = ffi::bytes_of::<H::T>(len)?;
        // SAFETY: caller's contract for `bytes`, outside the block (checked).
        unsafe { ffi::write(bytes, b, 5) }
    })
}

/// # Safety
/// As `ps_lowest`.
#[allow(clippy::too_many_arguments)]
unsafe fn lowest<H: Handle>(
    name: Name,
    h: *const H,
    k: usize,
    tol: H::T,
    max_steps: usize,
    values: *mut H::T,
    residuals: *mut H::T,
    vectors: *mut H::T,
    work: *mut c_void,
    work_bytes: usize,
    needed: *mut usize,
) -> c_int {
    // Positions in the C signature.
    const K: Arg = 2;
    const TOL: Arg = 3;
    // values, residuals, vectors, work, work_bytes, needed: positions 5 to 10.
    const VALUES: Arg = 5;
    run_sized(name, needed, || {
        // SAFETY: caller's contract for `h`.
        let (h, block) = unsafe { get(h)? };
        let dim = h.op().dim();
        let opts = lanczos_opts(tol, max_steps).arg(TOL)?;
        if k == 0 || k > dim {
            return Err(Error::InvalidArgument("k must be in 1..=dim")).arg(K);
        }
        let with_vectors = !vectors.is_null();
        let len = lowest_len(dim, k, &opts, with_vectors)?;
        let n_vec = if with_vectors {
            lanczos_lowest_req(dim, k, &opts)?.vectors.len()
        } else {
            0
        };
        let at = OutArgs::from(VALUES);
        let bufs = Outputs {
            values,
            residuals,
            vectors,
            work,
            work_bytes,
            needed,
        };
        // SAFETY: the caller's contracts for the buffers, passed on.
        let out = unsafe { outputs::<H::T>(block, k, n_vec, len, bufs, &at)? };
        let rep = lanczos_lowest(
            h.op(),
            &opts,
            out.values,
            out.residuals,
            out.vectors,
            out.work,
        )?;
        converged(rep.converged, rep.steps)
    })
}

/// The caller's output and workspace pointers of a lowest-levels entry.
struct Outputs<T> {
    values: *mut T,
    residuals: *mut T,
    vectors: *mut T,
    work: *mut c_void,
    work_bytes: usize,
    needed: *mut usize,
}

/// Their positions in the entry's C signature.
struct OutArgs {
    values: Arg,
    residuals: Arg,
    vectors: Arg,
    work: Arg,
    work_bytes: Arg,
    needed: Arg,
}

impl OutArgs {
    /// The positions of six consecutive arguments from `values` on (the order of every
    /// lowest-levels entry).
    fn from(values: Arg) -> Self {
        Self {
            values,
            residuals: values + 1,
            vectors: values + 2,
            work: values + 3,
            work_bytes: values + 4,
            needed: values + 5,
        }
    }
}

/// The checked output arrays (`k` values and residuals, `n_vec` vector entries, none
/// when `n_vec` is 0) and `len` workspace elements.
struct Checked<'a, T> {
    values: &'a mut [T],
    residuals: &'a mut [T],
    vectors: Option<&'a mut [T]>,
    work: &'a mut [T],
}

/// Checks the buffers of a lowest-levels entry against each other and the handle's
/// `block` (overlap), the workspace's size (`len` elements), and makes the slices.
///
/// # Safety
/// The entry's contract for each pointer: NULL or valid for its length.
unsafe fn outputs<'a, T>(
    block: Span,
    k: usize,
    n_vec: usize,
    len: usize,
    b: Outputs<T>,
    at: &OutArgs,
) -> CResult<Checked<'a, T>> {
    ffi::disjoint(&[
        block,
        Span::write(b.values, k, at.values)?,
        Span::write(b.residuals, k, at.residuals)?,
        Span::write(b.vectors, n_vec, at.vectors)?,
        ffi::work_span(b.work, b.work_bytes, at.work)?,
        Span::write_opt(b.needed, at.needed)?,
    ])?;
    ffi::check_bytes(
        b.work_bytes,
        ffi::bytes_of::<T>(len)?,
        at.work_bytes,
        at.work,
    )?;
    // SAFETY: caller's contracts; the arrays are disjoint from each other and from the
    // handle's block (checked).
    let values = unsafe { ffi::slice_mut(b.values, k, at.values)? };
    // SAFETY: as above.
    let residuals = unsafe { ffi::slice_mut(b.residuals, k, at.residuals)? };
    // SAFETY: as above; `work` holds at least `len` elements (checked).
    let work = unsafe { ffi::work_slice::<T>(b.work, 0, len, at.work)? };
    let vectors = if n_vec > 0 {
        // SAFETY: as above.
        Some(unsafe { ffi::slice_mut(b.vectors, n_vec, at.vectors)? })
    } else {
        None
    };
    Ok(Checked {
        values,
        residuals,
        vectors,
        work,
    })
}

/// `Ok` for a converged run, else `PS_NO_CONVERGENCE` with its steps.
fn converged(ok: bool, steps: usize) -> CResult<()> {
    if ok {
        Ok(())
    } else {
        Err(Error::NoConvergence { iterations: steps }.into())
    }
}

/// Bytes of workspace that `ps_lowest` needs on the handle for `k` levels, at most
/// `max_steps` Lanczos steps per level (0: the default, 2000), with (`with_vectors` not
/// 0) or without (0) a `vectors` array, written to `*bytes`: `8 (3 D + 8 max_steps +
/// 2 k)`, plus `8 k D` without vectors when k > 1 (room for the deflation's k vectors).
/// The three arguments are those of the `ps_lowest` call it sizes (a size for vectors
/// is too small for a call without them when k > 1: `PS_WORKSPACE_TOO_SMALL`). The step
/// storage dominates for small sectors: a firmware that needs few steps saves memory
/// with a small `max_steps`.
///
/// Statuses: `PS_NULL_POINTER` (`h` or `bytes` NULL), `PS_MISALIGNED`,
/// `PS_INVALID_HANDLE` (not a live handle of this type at this address), `PS_OVERLAP`
/// (`bytes` inside the handle's block), `PS_DIMENSION_OVERFLOW`, `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle; `bytes` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_lowest_work_size(
    h: *const ps_hamiltonian,
    k: usize,
    max_steps: usize,
    with_vectors: c_int,
    bytes: *mut usize,
) -> c_int {
    let name = name!("ps_lowest_work_size");
    // SAFETY: the caller's contracts, passed on.
    unsafe { lowest_work_size(name, h, k, max_steps, with_vectors, bytes) }
}

/// `ps_lowest_work_size` for a single-precision handle (`4` bytes per element).
///
/// # Safety
/// As `ps_lowest_work_size`.
#[no_mangle]
pub unsafe extern "C" fn ps_lowest_work_size_f32(
    h: *const ps_hamiltonian_f32,
    k: usize,
    max_steps: usize,
    with_vectors: c_int,
    bytes: *mut usize,
) -> c_int {
    let name = name!("ps_lowest_work_size_f32");
    // SAFETY: the caller's contracts, passed on.
    unsafe { lowest_work_size(name, h, k, max_steps, with_vectors, bytes) }
}

/// The `k` lowest eigenvalues of the handle's operator by Lanczos (the kernel's
/// `lanczos_lowest`: no reorthogonalization, two passes, deflation; default options,
/// start vectors from the fixed seed 0x5EED, so results are reproducible bit for bit):
/// `values` and `residuals` (k doubles each) receive the eigenvalues ascending and
/// their residual norms ||H v - lambda v||; `vectors` (NULL, or k * D doubles) the unit
/// eigenvectors, vector j at `vectors[j * D ..]`. `tol` is the relative residual
/// tolerance (`<= 0` selects the default max(1e-10, 16 eps)); `max_steps` the most
/// Lanczos steps per level (0 selects the default, 2000). `work` is a workspace of
/// `work_bytes` bytes (`PS_WORK_ALIGN`-aligned), at least `ps_lowest_work_size` for the
/// same k, max_steps and with_vectors = (vectors != NULL); when it is smaller, the
/// bytes it needs go to `*needed` (when not NULL).
///
/// Statuses: `PS_INVALID_ARGUMENT` (k = 0 or k > D); `PS_NON_FINITE` (tol NaN or
/// infinite); `PS_WORKSPACE_TOO_SMALL`; `PS_NULL_POINTER` (`h`, `values`, `residuals`
/// or `work` NULL), `PS_MISALIGNED`, `PS_INVALID_HANDLE` (not a live handle of this type
/// at this address); `PS_OVERLAP` (any two of `values` (k), `residuals` (k), `vectors`
/// (k D, when not NULL), `work` (work_bytes) and `needed` overlap, or one overlaps the
/// handle's block); `PS_NO_CONVERGENCE` when not every pair met the tolerance within
/// `max_steps` (the outputs then hold the best estimates); `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle; `values`, `residuals` k doubles, `vectors` NULL or k * D
/// doubles, `work` work_bytes bytes, `needed` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_lowest(
    h: *const ps_hamiltonian,
    k: usize,
    tol: f64,
    max_steps: usize,
    values: *mut f64,
    residuals: *mut f64,
    vectors: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
    needed: *mut usize,
) -> c_int {
    let name = name!("ps_lowest");
    // SAFETY: the caller's contracts, passed on.
    unsafe {
        lowest(
            name, h, k, tol, max_steps, values, residuals, vectors, work, work_bytes, needed,
        )
    }
}

/// `ps_lowest` in single precision on a `ps_hamiltonian_f32` (`float` arrays; `tol <= 0`
/// selects the default max(1e-10, 16 eps) = 16 FLT_EPSILON; the workspace sized by
/// `ps_lowest_work_size_f32`).
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
    work: *mut c_void,
    work_bytes: usize,
    needed: *mut usize,
) -> c_int {
    let name = name!("ps_lowest_f32");
    // SAFETY: the caller's contracts, passed on.
    unsafe {
        lowest(
            name, h, k, tol, max_steps, values, residuals, vectors, work, work_bytes, needed,
        )
    }
}

/// The basis size of `ps_trlan_lowest` for `k` levels on dimension `dim`: `ncv` as
/// given, or for 0 the default `2 k + 20` capped at `dim` (at least `k + 3`, the
/// smallest basis the method works with).
fn trlan_ncv(dim: usize, k: usize, ncv: usize) -> usize {
    if ncv > 0 {
        ncv
    } else {
        k.saturating_mul(2)
            .saturating_add(20)
            .min(dim)
            .max(k.saturating_add(3))
    }
}

/// Elements of `ps_trlan_lowest`'s workspace on a sector of dimension `dim`: the basis
/// (`ncv * dim`, first) and the driver's scratch; with the basis size. `k` outside
/// `1..=dim` is `PS_INVALID_ARGUMENT` at `k`, a given `ncv` below `k + 3` at `ncv`.
fn trlan_len(dim: usize, k: usize, ncv: usize) -> core::result::Result<(usize, usize), Fail> {
    // Positions in the C signatures (the size query's and the call's).
    const K: Arg = 2;
    const NCV: Arg = 3;
    if k == 0 || k > dim {
        return Err(Error::InvalidArgument("k must be in 1..=dim")).arg(K);
    }
    let ncv = trlan_ncv(dim, k, ncv);
    let req = trlan_lowest_req(dim, k, ncv).blame(|e| match e {
        Error::InvalidArgument(_) => (NCV, K),
        _ => (0, 0),
    })?;
    let len = req.basis.and(req.work)?.len();
    Ok((len, req.basis.len()))
}

/// # Safety
/// As `ps_trlan_lowest_work_size`.
unsafe fn trlan_work_size<H: Handle>(
    name: Name,
    h: *const H,
    k: usize,
    ncv: usize,
    bytes: *mut usize,
) -> c_int {
    run(name, || {
        // SAFETY: caller's contract for `h`.
        let (h, block) = unsafe { get(h)? };
        ffi::disjoint(&[block, Span::write(bytes, 1, 4)?])?;
        let (len, _) = trlan_len(h.op().dim(), k, ncv)?;
        let b = ffi::bytes_of::<H::T>(len)?;
        // SAFETY: caller's contract for `bytes`, outside the block (checked).
        unsafe { ffi::write(bytes, b, 4) }
    })
}

/// # Safety
/// As `ps_trlan_lowest`.
#[allow(clippy::too_many_arguments)]
unsafe fn trlan<H: Handle>(
    name: Name,
    h: *const H,
    k: usize,
    ncv: usize,
    tol: H::T,
    max_steps: usize,
    values: *mut H::T,
    residuals: *mut H::T,
    vectors: *mut H::T,
    work: *mut c_void,
    work_bytes: usize,
    needed: *mut usize,
) -> c_int {
    // Positions in the C signature.
    const TOL: Arg = 4;
    // values, residuals, vectors, work, work_bytes, needed: positions 6 to 11.
    const VALUES: Arg = 6;
    run_sized(name, needed, || {
        // SAFETY: caller's contract for `h`.
        let (h, block) = unsafe { get(h)? };
        let dim = h.op().dim();
        let opts = lanczos_opts(tol, max_steps).arg(TOL)?;
        let (len, n_basis) = trlan_len(dim, k, ncv)?;
        let n_vec = if vectors.is_null() { 0 } else { k * dim };
        let at = OutArgs::from(VALUES);
        let bufs = Outputs {
            values,
            residuals,
            vectors,
            work,
            work_bytes,
            needed,
        };
        // SAFETY: the caller's contracts for the buffers, passed on.
        let out = unsafe { outputs::<H::T>(block, k, n_vec, len, bufs, &at)? };
        let (basis, scratch) = out.work.split_at_mut(n_basis);
        let rep = trlan_lowest(h.op(), &opts, out.values, out.residuals, basis, scratch)?;
        if let Some(vecs) = out.vectors {
            vecs.copy_from_slice(&basis[..n_vec]);
        }
        converged(rep.converged && rep.certified, rep.steps)
    })
}

/// Bytes of workspace that `ps_trlan_lowest` needs on the handle for `k` levels with a
/// basis of `ncv` vectors (0: the default, `2 k + 20` capped at D, at least `k + 3`),
/// written to `*bytes`: `8 (ncv D + D + 3 ncv^2 + 6 ncv + min(D, 2048) ncv + s)`, the
/// basis and the driver's scratch (s: the dense eigensolver's for order ncv). The same
/// with or without a `vectors` array, for every `tol` and `max_steps`.
///
/// Statuses: `PS_INVALID_ARGUMENT` (k = 0 or k > D; ncv not 0 and below k + 3);
/// `PS_NULL_POINTER` (`h` or `bytes` NULL), `PS_MISALIGNED`, `PS_INVALID_HANDLE` (not a
/// live handle of this type at this address), `PS_OVERLAP` (`bytes` inside the
/// handle's block), `PS_DIMENSION_OVERFLOW`, `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle; `bytes` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_trlan_lowest_work_size(
    h: *const ps_hamiltonian,
    k: usize,
    ncv: usize,
    bytes: *mut usize,
) -> c_int {
    let name = name!("ps_trlan_lowest_work_size");
    // SAFETY: the caller's contracts, passed on.
    unsafe { trlan_work_size(name, h, k, ncv, bytes) }
}

/// `ps_trlan_lowest_work_size` for a single-precision handle (`4` bytes per element).
///
/// # Safety
/// As `ps_trlan_lowest_work_size`.
#[no_mangle]
pub unsafe extern "C" fn ps_trlan_lowest_work_size_f32(
    h: *const ps_hamiltonian_f32,
    k: usize,
    ncv: usize,
    bytes: *mut usize,
) -> c_int {
    let name = name!("ps_trlan_lowest_work_size_f32");
    // SAFETY: the caller's contracts, passed on.
    unsafe { trlan_work_size(name, h, k, ncv, bytes) }
}

/// The `k` lowest eigenvalues of the handle's operator, exact multiplets included, by
/// thick-restart Lanczos (the kernel's `trlan_lowest`: full reorthogonalization,
/// locking, and certification restarts from fresh random vectors until one finds no
/// eigenvalue below the k-th; default options, start vectors from the fixed seed
/// 0x5EED, so results are reproducible bit for bit). `values` and `residuals` (k
/// doubles each) receive the eigenvalues ascending, with their multiplicities, and
/// their residual norms ||H v - lambda v||; `vectors` (NULL, or k * D doubles) the
/// orthonormal eigenvectors, vector j at `vectors[j * D ..]`. `ncv` is the basis size
/// (0: the default `2 k + 20` capped at D, at least `k + 3`; more converges in fewer
/// products), `tol` the relative residual tolerance (`<= 0` selects the default
/// max(1e-10, 16 eps)), `max_steps` the most basis expansions (products) in all (0
/// selects the default, 2000). `work` is a workspace of `work_bytes` bytes
/// (`PS_WORK_ALIGN`-aligned), at least `ps_trlan_lowest_work_size` for the same k and
/// ncv; when it is smaller, the bytes it needs go to `*needed` (when not NULL).
/// Compared with `ps_lowest`: more memory (the ncv * D basis), far fewer products on
/// clustered spectra, and every copy of a degenerate level.
///
/// Statuses: `PS_INVALID_ARGUMENT` (k = 0 or k > D; ncv not 0 and below k + 3);
/// `PS_NON_FINITE` (tol NaN or infinite); `PS_WORKSPACE_TOO_SMALL`; `PS_NULL_POINTER`
/// (`h`, `values`, `residuals` or `work` NULL), `PS_MISALIGNED`, `PS_INVALID_HANDLE`
/// (not a live handle of this type at this address); `PS_OVERLAP` (any two of
/// `values` (k), `residuals` (k), `vectors` (k D, when not NULL), `work` (work_bytes)
/// and `needed` overlap, or one overlaps the handle's block); `PS_NO_CONVERGENCE` when
/// `max_steps` ran out before every pair met the tolerance and the certification run
/// found nothing below the k-th (the outputs then hold the best estimates; a slot with
/// no estimate holds NaN with an infinite residual); `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle; `values`, `residuals` k doubles, `vectors` NULL or k * D
/// doubles, `work` work_bytes bytes, `needed` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_trlan_lowest(
    h: *const ps_hamiltonian,
    k: usize,
    ncv: usize,
    tol: f64,
    max_steps: usize,
    values: *mut f64,
    residuals: *mut f64,
    vectors: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
    needed: *mut usize,
) -> c_int {
    let name = name!("ps_trlan_lowest");
    // SAFETY: the caller's contracts, passed on.
    unsafe {
        trlan(
            name, h, k, ncv, tol, max_steps, values, residuals, vectors, work, work_bytes, needed,
        )
    }
}

/// `ps_trlan_lowest` in single precision on a `ps_hamiltonian_f32` (`float` arrays;
/// `tol <= 0` selects the default max(1e-10, 16 eps) = 16 FLT_EPSILON; the workspace
/// sized by `ps_trlan_lowest_work_size_f32`).
///
/// # Safety
/// As `ps_trlan_lowest`, with `float` arrays.
#[no_mangle]
pub unsafe extern "C" fn ps_trlan_lowest_f32(
    h: *const ps_hamiltonian_f32,
    k: usize,
    ncv: usize,
    tol: f32,
    max_steps: usize,
    values: *mut f32,
    residuals: *mut f32,
    vectors: *mut f32,
    work: *mut c_void,
    work_bytes: usize,
    needed: *mut usize,
) -> c_int {
    let name = name!("ps_trlan_lowest_f32");
    // SAFETY: the caller's contracts, passed on.
    unsafe {
        trlan(
            name, h, k, ncv, tol, max_steps, values, residuals, vectors, work, work_bytes, needed,
        )
    }
}

/// The window solver's workspace on `h`: the doubles (the CSR values, the window's
/// levels (D, staged there so that `out` is written only on success) and the slicing
/// solver's scratch), then the `u32` CSR indices, in one block of `bytes` bytes.
struct WindowWork {
    reals: usize,
    indices: usize,
    bytes: usize,
}

fn window_work(h: &Inner<f64>) -> core::result::Result<WindowWork, Fail> {
    let model = h.model()?;
    let sector = h.sector()?;
    let csr = model.csr_req(&sector)?.storage;
    let polfed = polfed_window_req(sector.dim(), &PolfedOptions::<f64>::new())?;
    let reals = csr.reals.and(polfed.out)?.and(polfed.work)?.len();
    let indices = csr.indices.len();
    // The doubles come first, so the indices start 8-aligned.
    let bytes = ffi::bytes_of::<f64>(reals)?
        .checked_add(ffi::bytes_of::<u32>(indices)?)
        .ok_or(Error::DimensionOverflow)?;
    Ok(WindowWork {
        reals,
        indices,
        bytes,
    })
}

/// Bytes of workspace that `ps_window_eigenvalues` needs on the handle, written to
/// `*bytes`: the sector's CSR matrix (built from the handle's parameters: doubles and
/// `uint32_t` indices), room for D levels and the slicing solver's scratch, in one
/// block. This sweeps the sector once to count the matrix's entries. No simple formula:
/// for Z = 3 graphs at half filling it is 13 KiB at D = 6, 2.4 MiB at D = 252, 28 MiB
/// at D = 924, 54 MiB at D = 3432, 132 MiB at D = 12870 and 424 MiB at D = 48620.
///
/// Statuses: `PS_NULL_POINTER` (`h` or `bytes` NULL), `PS_MISALIGNED`,
/// `PS_INVALID_HANDLE` (not a live handle of this type at this address), `PS_OVERLAP`
/// (`bytes` inside the handle's block), `PS_DIMENSION_OVERFLOW`, `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle; `bytes` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_window_eigenvalues_work_size(
    h: *const ps_hamiltonian,
    bytes: *mut usize,
) -> c_int {
    run(name!("ps_window_eigenvalues_work_size"), || {
        // SAFETY: caller's contract for `h`.
        let (h, block) = unsafe { get(h)? };
        ffi::disjoint(&[block, Span::write(bytes, 1, 2)?])?;
        let w = window_work(h)?;
        // SAFETY: caller's contract for `bytes`; outside the block (checked).
        unsafe { ffi::write(bytes, w.bytes, 2) }
    })
}

/// Every eigenvalue of the handle's Hamiltonian in the closed window [lo, hi] (bounds
/// may be infinite), ascending in `out[0 .. *count]`, by the kernel's spectrum-slicing
/// solver `polfed_window` (default options) on the sector's CSR matrix built in the
/// workspace `work` of `work_bytes` bytes (`ps_window_eigenvalues_work_size`,
/// `PS_WORK_ALIGN`-aligned). The list is certified complete, or the call fails;
/// `out_len` may be less than D when the window's levels fit. When `out` is too short
/// (`PS_LENGTH_MISMATCH`) `*count` and `*needed` (when not NULL) receive the window's
/// level count, the length `out` needs, and `out` is left alone (the levels are found
/// in the workspace and copied to `out` on success only); when `work` is too small
/// (`PS_WORKSPACE_TOO_SMALL`) `*needed` receives the bytes it needs.
///
/// Statuses: `PS_NON_FINITE` (lo or hi NaN, or a matrix entry that overflows:
/// parameters near the largest double); `PS_INVALID_ARGUMENT` (lo > hi);
/// `PS_NULL_POINTER` (`h`, `count` or `work` NULL, `out` NULL with out_len > 0),
/// `PS_MISALIGNED`, `PS_INVALID_HANDLE` (not a live handle of this type at this
/// address); `PS_WORKSPACE_TOO_SMALL`; `PS_OVERLAP` (any two of `out` (out_len),
/// `count`, `work` (work_bytes) and `needed` overlap, or one overlaps the handle's
/// block); `PS_LENGTH_MISMATCH`; `PS_NO_CONVERGENCE` (a window that could not be
/// certified); `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle; `out`, `work`, `count`, `needed` NULL or valid for their
/// lengths.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ps_window_eigenvalues(
    h: *const ps_hamiltonian,
    lo: f64,
    hi: f64,
    out: *mut f64,
    out_len: usize,
    count: *mut usize,
    work: *mut c_void,
    work_bytes: usize,
    needed: *mut usize,
) -> c_int {
    // Positions in the C signature.
    const LO: Arg = 2;
    const HI: Arg = 3;
    const OUT: Arg = 4;
    const OUT_LEN: Arg = 5;
    const COUNT: Arg = 6;
    const WORK: Arg = 7;
    const WORK_BYTES: Arg = 8;
    const NEEDED: Arg = 9;
    run_sized(name!("ps_window_eigenvalues"), needed, || {
        // SAFETY: caller's contract for `h`.
        let (h, block) = unsafe { get(h)? };
        if lo.is_nan() || hi.is_nan() {
            return Err(Error::NonFinite).arg(if lo.is_nan() { LO } else { HI });
        }
        if lo > hi {
            return Err(Error::InvalidArgument("window has lo > hi")).args(HI, LO);
        }
        ffi::check_out(count, COUNT)?;
        ffi::disjoint(&[
            block,
            Span::write(out, out_len, OUT)?,
            Span::write(count, 1, COUNT)?,
            ffi::work_span(work, work_bytes, WORK)?,
            Span::write_opt(needed, NEEDED)?,
        ])?;
        let ww = window_work(h)?;
        ffi::check_bytes(work_bytes, ww.bytes, WORK_BYTES, WORK)?;
        // SAFETY: caller's contracts; the arrays are disjoint from each other and from
        // the handle's block (checked); the doubles are the workspace's first
        // `8 reals` bytes.
        let reals = unsafe { ffi::work_slice::<f64>(work, 0, ww.reals, WORK)? };
        // SAFETY: as above; the indices follow the doubles (an offset that is a
        // multiple of 8), inside the `ww.bytes` checked above.
        let iwork =
            unsafe { ffi::work_slice::<u32>(work, ww.reals * size_of::<f64>(), ww.indices, WORK)? };
        let model = h.model()?;
        let sector = h.sector()?;
        let csr_req = model.csr_req(&sector)?.storage;
        let mut ws = WorkStack::new(reals);
        let values = ws.take_req(csr_req.reals)?;
        let a = model.csr(&sector, iwork, values)?;
        // The levels go to the workspace (room for all D), so that a too-short `out`
        // is refused without a byte of it written.
        let levels = ws.take(sector.dim())?;
        let opts = PolfedOptions::new();
        let n = polfed_window(&a, lo, hi, &opts, levels, ws.into_rest())?.count;
        // SAFETY: caller's contract for `count` (checked writable and disjoint above).
        unsafe { ffi::write(count, n, COUNT)? };
        // `out` too short: its length `out_len` is at fault.
        ffi::check_out_len(out_len, n, OUT_LEN, OUT)?;
        // SAFETY: caller's contracts; `out` is disjoint from the other buffers and from
        // the handle's block (checked); its first n of `out_len >= n` values.
        let out = unsafe { ffi::slice_mut(out, n, OUT)? };
        out.copy_from_slice(&levels[..n]);
        Ok(())
    })
}
