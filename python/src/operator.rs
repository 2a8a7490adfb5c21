//! `Operator`: the Hamiltonian of one instance on one sector, built once into memory the
//! extension owns, with every solver the program's `eig` runs on it.
//!
//! The matrix-free blocked form (`Model::blocked`, the kernel's recommended operator) is
//! built at construction for N <= 36 (a few hundred KiB at N = 24); above that, the CSR
//! form (`Model::csr`). Each solver call mirrors `cli/src/eig.rs`, so the numbers are
//! bit for bit the program's on the same instance:
//! - `eigvalsh`: the dense matrix (`SectorHamiltonian::fill_dense`) and
//!   `sym_eigenvalues` (the program's `eig`);
//! - `lowest`: `lanczos_lowest` on the blocked form with the driver's Lanczos options
//!   (`tol = 1e-12`, 2000 steps; the program's `eig --lowest K`);
//! - `window`: `polfed_window` on a CSR matrix built for the call, with the driver's
//!   slicing options (the program's `eig --window A B`).
//!
//! Every call releases the GIL while the kernel runs; `lowest` and `window` stop at
//! their next product on Ctrl-C (`interrupt`).

use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1, PyReadonlyArray2};
use pseudospin::basis::{binomial, BitState, Sector};
use pseudospin::ed::{
    realization_gap_ratios, realization_gap_ratios_req, Method, RealizationOptions, SlicingOperator,
};
use pseudospin::graph::Edge;
use pseudospin::linalg::{
    lanczos_lowest, lanczos_lowest_req, polfed_window, polfed_window_req, sym_eigen, sym_eigen_req,
    sym_eigenvalues, sym_eigenvalues_req, LinearOperator, SparseSymmetric, Threaded,
};
use pseudospin::model::{BlockedHamiltonian, Coupling, Model, BLOCKED_MAX_SITES};
use pseudospin::stats::{RealizationStats, Window};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::errors::{self, check_memory, kernel, vec_of};
use crate::interrupt::{self, Interruptible};

/// A coupling owned by the operator: one value, or one per edge.
#[derive(Debug, Clone)]
enum OwnedCoupling {
    Uniform(f64),
    PerEdge(Vec<f64>),
}

impl OwnedCoupling {
    fn kernel(&self) -> Coupling<'_, f64> {
        match self {
            OwnedCoupling::Uniform(v) => Coupling::Uniform(*v),
            OwnedCoupling::PerEdge(v) => Coupling::PerEdge(v),
        }
    }

    /// A float, or a one-dimensional float64 array (one value per edge).
    fn extract(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(v) = obj.extract::<f64>() {
            return Ok(OwnedCoupling::Uniform(v));
        }
        let arr = obj.extract::<PyReadonlyArray1<'_, f64>>().map_err(|_| {
            errors::value(format!(
                "{name} must be a number or a one-dimensional float64 array (one value per edge)"
            ))
        })?;
        Ok(OwnedCoupling::PerEdge(arr.as_array().to_vec()))
    }
}

/// Memory of a built form, owned through raw pointers so that the form's `'static`
/// borrows of it stay valid for as long as the `Operator` lives (the blocks are freed
/// in `Drop`, after the form that borrows them is gone: see `Built`). The blocks are
/// written only while the form is built and read only through the form afterwards.
struct Storage {
    indices: *mut [u32],
    reals: *mut [f64],
}

// SAFETY: the raw pointers are the unique owners of two heap blocks that are never
// written after construction; sharing or sending them is sharing or sending `&[T]`.
unsafe impl Send for Storage {}
// SAFETY: as above.
unsafe impl Sync for Storage {}

impl Storage {
    fn new(what: &str, indices: usize, reals: usize) -> PyResult<Self> {
        let i = vec_of(what, indices, 0u32)?.into_boxed_slice();
        let r = vec_of(what, reals, 0.0f64)?.into_boxed_slice();
        Ok(Storage {
            indices: Box::into_raw(i),
            reals: Box::into_raw(r),
        })
    }

    /// The two blocks, for building a form into them.
    ///
    /// # Safety
    /// Call once, and keep the form that borrows the blocks no longer than `self` (in
    /// `Built`, declared before the storage, so dropped first).
    unsafe fn blocks(&mut self) -> (&'static mut [u32], &'static mut [f64]) {
        (&mut *self.indices, &mut *self.reals)
    }
}

impl Drop for Storage {
    fn drop(&mut self) {
        // SAFETY: both pointers came from `Box::into_raw` in `Storage::new` and are
        // freed only here; the form borrowing them was dropped before (field order of
        // `Built`) and has no `Drop` of its own.
        unsafe {
            drop(Box::from_raw(self.indices));
            drop(Box::from_raw(self.reals));
        }
    }
}

/// The operator form built at construction.
enum Form {
    Blocked(BlockedHamiltonian<'static, f64, u64>),
    Csr(SparseSymmetric<'static, f64>),
}

/// A form and its storage. Field order matters: `form` (which borrows `storage`) is
/// dropped first.
struct Built {
    form: Form,
    _storage: Storage,
}

/// Runs `$body` with `$op` bound to the built form, whichever it is.
macro_rules! on_form {
    ($built:expr, $op:ident => $body:expr) => {
        match &$built.form {
            Form::Blocked($op) => $body,
            Form::Csr($op) => $body,
        }
    };
}

/// The sector Hamiltonian of one instance (see the Python class `Hamiltonian`).
#[pyclass(module = "pseudospin._pseudospin", frozen)]
pub struct Operator {
    n: usize,
    n_up: usize,
    edges: Vec<Edge>,
    xi: Vec<f64>,
    jxy: OwnedCoupling,
    jzz: OwnedCoupling,
    sector: Sector<u64>,
    built: Built,
}

/// Largest sector where `lowest` falls back to the dense solver when Lanczos does not
/// converge (a tiny sector can exhaust the recurrence before the tolerance).
const DENSE_FALLBACK_MAX: usize = 1024;

/// `lowest`'s result: values, residuals, vectors as (k, D), steps, products, method.
type LowestResult<'py> = (
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Option<Bound<'py, PyAny>>,
    usize,
    usize,
    &'static str,
);

/// The options of the program's per-realization driver (`RealizationOptions::new()`),
/// whose Lanczos and slicing settings `eig` uses too.
fn driver_options() -> RealizationOptions<f64> {
    RealizationOptions::new()
}

impl Operator {
    fn model(&self) -> PyResult<Model<'_, f64>> {
        Model::new(
            self.n,
            &self.edges,
            &self.xi,
            self.jxy.kernel(),
            self.jzz.kernel(),
        )
        .map_err(|e| kernel("invalid instance", e))
    }

    fn what(&self, job: &str) -> String {
        format!(
            "{job} at N = {}, n_up = {} (sector dimension {})",
            self.n,
            self.n_up,
            self.sector.dim()
        )
    }

    /// Builds the CSR form of the model into fresh storage.
    fn build_csr(model: &Model<'_, f64>, sector: &Sector<u64>, what: &str) -> PyResult<Built> {
        let dim = sector.dim() as f64;
        // Bound before the counting sweep: one column per edge and row, the diagonal,
        // the row pointers, values for a per-edge Jxy.
        let per_row = 4.0 * (model.edges().len() as f64 + 1.0) + 8.0 * 2.0;
        check_memory(what, dim * per_row)?;
        let req = model.csr_req(sector).map_err(|e| kernel(what, e))?.storage;
        let mut storage = Storage::new(what, req.indices.len(), req.reals.len())?;
        // SAFETY: called once; the form lives in `Built` beside the storage.
        let (idx, re) = unsafe { storage.blocks() };
        let op = model.csr(sector, idx, re).map_err(|e| kernel(what, e))?;
        Ok(Built {
            form: Form::Csr(op),
            _storage: storage,
        })
    }

    fn build(model: &Model<'_, f64>, sector: &Sector<u64>) -> PyResult<Built> {
        if model.n_sites() <= BLOCKED_MAX_SITES {
            let what = "building the blocked operator";
            let req = model.blocked_req(sector).map_err(|e| kernel(what, e))?;
            let mut storage = Storage::new(what, req.indices.len(), req.reals.len())?;
            // SAFETY: called once; the form lives in `Built` beside the storage.
            let (idx, re) = unsafe { storage.blocks() };
            let op = model
                .blocked(sector, idx, re)
                .map_err(|e| kernel(what, e))?;
            Ok(Built {
                form: Form::Blocked(op),
                _storage: storage,
            })
        } else {
            Self::build_csr(model, sector, "building the CSR operator")
        }
    }

    /// The `k` lowest levels (and vectors) by the dense solver: `lowest`'s fallback for
    /// small sectors where Lanczos does not reach its tolerance.
    fn lowest_dense<'py>(
        &self,
        py: Python<'py>,
        k: usize,
        vectors: bool,
    ) -> PyResult<LowestResult<'py>> {
        let what = self.what("dense diagonalization");
        let dim = self.sector.dim();
        let wreq = sym_eigen_req(dim).map_err(|e| kernel(&what, e))?.len();
        let model = self.model()?;
        let mut m = vec_of(&what, dim * dim, 0.0f64)?;
        let mut w = vec_of(&what, dim, 0.0f64)?;
        let mut v = vec_of(&what, if vectors { dim * dim } else { 0 }, 0.0f64)?;
        let mut work = vec_of(&what, wreq, 0.0f64)?;
        py.detach(|| -> pseudospin::Result<()> {
            model
                .on_sector(&self.sector, &self.sector)?
                .fill_dense(&mut m)?;
            if vectors {
                sym_eigen(&mut m, dim, &mut w, &mut v, &mut work)
            } else {
                sym_eigenvalues(&mut m, dim, &mut w, &mut work)
            }
        })
        .map_err(|e| kernel(&what, e))?;
        w.truncate(k);
        v.truncate(if vectors { k * dim } else { 0 });
        let vecs = if vectors {
            Some(PyArray1::from_vec(py, v).reshape([k, dim])?.into_any())
        } else {
            None
        };
        let zeros = vec![0.0f64; k];
        Ok((
            PyArray1::from_vec(py, w),
            PyArray1::from_vec(py, zeros),
            vecs,
            0,
            0,
            "dense",
        ))
    }

    fn check_threads(threads: usize) -> PyResult<()> {
        if threads == 0 {
            return Err(errors::value("threads must be at least 1"));
        }
        Ok(())
    }
}

/// Edges from an (E, 2) int64 array, checked to lie in 0..n (the kernel checks loops
/// and duplicates).
fn edges_from(n: usize, edges: &PyReadonlyArray2<'_, i64>) -> PyResult<Vec<Edge>> {
    let a = edges.as_array();
    if a.ncols() != 2 {
        return Err(errors::value(format!(
            "edges must have shape (E, 2), got ({}, {})",
            a.nrows(),
            a.ncols()
        )));
    }
    let mut out = Vec::with_capacity(a.nrows());
    for (k, row) in a.rows().into_iter().enumerate() {
        let (i, j) = (row[0], row[1]);
        if i < 0 || j < 0 || i as u64 >= n as u64 || j as u64 >= n as u64 {
            return Err(errors::value(format!(
                "edge {k} ({i}, {j}) refers to a missing site (sites are 0..{})",
                n.saturating_sub(1)
            )));
        }
        out.push([i as u8, j as u8]);
    }
    Ok(out)
}

/// A contiguous float64 slice of a one-dimensional array (`ValueError` otherwise).
fn slice_of<'a>(name: &str, a: &'a PyReadonlyArray1<'_, f64>) -> PyResult<&'a [f64]> {
    a.as_slice()
        .map_err(|_| errors::value(format!("{name} must be C-contiguous")))
}

/// One window as `(kind, lo, hi)`.
pub fn window_from(kind: &str, lo: f64, hi: f64) -> PyResult<Window<f64>> {
    let w = match kind {
        "absolute" => Window::Absolute { lo, hi },
        "relative_to_ground" => Window::RelativeToGround { lo, hi },
        "normalized" => Window::Normalized { lo, hi },
        other => {
            return Err(errors::value(format!(
                "window kind {other:?}: expected 'absolute', 'relative_to_ground' or 'normalized'"
            )))
        }
    };
    w.validate()
        .map_err(|e| kernel(&format!("window ({kind}, {lo}, {hi})"), e))?;
    Ok(w)
}

/// `(n_levels, n_ratios, n_ties, mean_r)` of a window's statistics.
pub type StatsTuple = (usize, usize, usize, Option<f64>);

/// The statistics as a tuple.
pub fn stats_tuple(s: &RealizationStats<f64>) -> StatsTuple {
    (s.n_levels_in_window, s.n_ratios, s.n_ties, s.mean_r)
}

#[pymethods]
impl Operator {
    /// Operator(n, edges, xi, jxy, jzz, n_up)
    ///
    /// The sector Hamiltonian (see `pseudospin.Hamiltonian`, which builds it).
    #[new]
    #[pyo3(signature = (n, edges, xi, jxy, jzz, n_up))]
    fn new(
        py: Python<'_>,
        n: usize,
        edges: PyReadonlyArray2<'_, i64>,
        xi: PyReadonlyArray1<'_, f64>,
        jxy: &Bound<'_, PyAny>,
        jzz: &Bound<'_, PyAny>,
        n_up: usize,
    ) -> PyResult<Self> {
        if n == 0 || n > 64 {
            return Err(errors::value(format!(
                "n = {n}: supported are 1..=64 sites"
            )));
        }
        let edges = edges_from(n, &edges)?;
        let xi = xi.as_array().to_vec();
        let jxy = OwnedCoupling::extract("jxy", jxy)?;
        let jzz = OwnedCoupling::extract("jzz", jzz)?;
        let sector = Sector::<u64>::new(n, n_up)
            .map_err(|e| kernel(&format!("the sector N = {n}, n_up = {n_up}"), e))?;
        let built = {
            let model = Model::new(n, &edges, &xi, jxy.kernel(), jzz.kernel())
                .map_err(|e| kernel("invalid instance", e))?;
            py.detach(|| Self::build(&model, &sector))?
        };
        Ok(Operator {
            n,
            n_up,
            edges,
            xi,
            jxy,
            jzz,
            sector,
            built,
        })
    }

    /// Sector dimension D = C(N, n_up).
    #[getter]
    fn dim(&self) -> usize {
        self.sector.dim()
    }

    /// Number of sites N.
    #[getter]
    fn n_sites(&self) -> usize {
        self.n
    }

    /// Number of up spins of the sector.
    #[getter]
    fn n_up(&self) -> usize {
        self.n_up
    }

    /// The form built at construction: 'blocked' (N <= 36) or 'csr'.
    #[getter]
    fn form(&self) -> &'static str {
        match self.built.form {
            Form::Blocked(_) => "blocked",
            Form::Csr(_) => "csr",
        }
    }

    /// y = H x for a C-contiguous float64 vector of length D, into `out` when given
    /// (a writeable C-contiguous float64 array of length D, not sharing memory with
    /// x). Bit-identical for every thread count.
    #[pyo3(signature = (x, out=None, threads=1))]
    fn matvec<'py>(
        &self,
        py: Python<'py>,
        x: PyReadonlyArray1<'py, f64>,
        out: Option<Bound<'py, PyArray1<f64>>>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        Self::check_threads(threads)?;
        let dim = self.sector.dim();
        let xs = slice_of("x", &x)?;
        if xs.len() != dim {
            return Err(errors::value(format!(
                "x has length {}, the sector dimension is {dim}",
                xs.len()
            )));
        }
        let apply = |xs: &[f64], ys: &mut [f64]| -> PyResult<()> {
            let what = "matvec";
            py.detach(|| {
                on_form!(self.built, op => {
                    if threads > 1 {
                        Threaded::new(op, threads).and_then(|t| t.apply(xs, ys))
                    } else {
                        op.apply(xs, ys)
                    }
                })
            })
            .map_err(|e| kernel(what, e))
        };
        match out {
            Some(out) => {
                {
                    let mut w = out.try_readwrite().map_err(|_| {
                        errors::value("out must be writeable and must not share memory with x")
                    })?;
                    let ys = w
                        .as_slice_mut()
                        .map_err(|_| errors::value("out must be C-contiguous"))?;
                    if ys.len() != dim {
                        return Err(errors::value(format!(
                            "out has length {}, the sector dimension is {dim}",
                            ys.len()
                        )));
                    }
                    apply(xs, ys)?;
                }
                Ok(out)
            }
            None => {
                let mut y = vec_of("matvec output", dim, 0.0f64)?;
                apply(xs, &mut y)?;
                Ok(PyArray1::from_vec(py, y))
            }
        }
    }

    /// The address of the data of `x` as the product would read it (C-contiguous
    /// float64: no copy). For tests.
    fn _data_address(&self, x: PyReadonlyArray1<'_, f64>) -> PyResult<usize> {
        Ok(slice_of("x", &x)?.as_ptr() as usize)
    }

    /// The diagonal <s|H|s> over the sector's states in increasing order.
    fn diagonal<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let model = self.model()?;
        let mut d = vec_of("diagonal", self.sector.dim(), 0.0f64)?;
        py.detach(|| {
            for (v, s) in d.iter_mut().zip(self.sector.iter()) {
                *v = model.diagonal(s);
            }
        });
        Ok(PyArray1::from_vec(py, d))
    }

    /// The sector states (bit i set when s^z_i = +1/2), in the basis order, as uint64.
    fn states<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<u64>>> {
        let mut s = vec_of("states", self.sector.dim(), 0u64)?;
        py.detach(|| {
            for (v, st) in s.iter_mut().zip(self.sector.iter()) {
                *v = st;
            }
        });
        Ok(PyArray1::from_vec(py, s))
    }

    /// The full sparse matrix as CSR arrays (data, indices, indptr), diagonal included
    /// (even where it is zero), columns ascending in every row: the diagonal
    /// `Model::diagonal` and the hopping `-Jxy_e` of every flippable edge with
    /// `Jxy_e != 0`, as the kernel's CSR form holds them.
    #[allow(clippy::type_complexity)]
    fn csr<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(
        Bound<'py, PyArray1<f64>>,
        Bound<'py, PyArray1<i64>>,
        Bound<'py, PyArray1<i64>>,
    )> {
        let what = self.what("the CSR matrix");
        let model = self.model()?;
        let dim = self.sector.dim();
        let ne = self.edges.len();
        let jxy = self.jxy.kernel();
        // Count first (one sweep), then fill.
        check_memory(&what, dim as f64 * (8.0 + 8.0 * (ne as f64 + 1.0)))?;
        let nnz = py.detach(|| {
            let mut nnz = dim;
            for s in self.sector.iter() {
                for (e, &[a, b]) in self.edges.iter().enumerate() {
                    if s.bit(a as u32) != s.bit(b as u32) && jxy.on_edge(e) != 0.0 {
                        nnz += 1;
                    }
                }
            }
            nnz
        });
        check_memory(&what, 16.0 * nnz as f64 + 8.0 * dim as f64)?;
        let mut data = vec_of(&what, nnz, 0.0f64)?;
        let mut indices = vec_of(&what, nnz, 0i64)?;
        let mut indptr = vec_of(&what, dim + 1, 0i64)?;
        py.detach(|| {
            let mut k = 0usize;
            for (r, s) in self.sector.iter().enumerate() {
                let start = k;
                let mut put = |c: i64, v: f64, k: &mut usize| {
                    // Insertion into the sorted row segment.
                    let mut p = *k;
                    while p > start && indices[p - 1] > c {
                        indices[p] = indices[p - 1];
                        data[p] = data[p - 1];
                        p -= 1;
                    }
                    indices[p] = c;
                    data[p] = v;
                    *k += 1;
                };
                put(r as i64, model.diagonal(s), &mut k);
                for (e, &[a, b]) in self.edges.iter().enumerate() {
                    let (a, b) = (a as u32, b as u32);
                    let j = jxy.on_edge(e);
                    if s.bit(a) == s.bit(b) || j == 0.0 {
                        continue;
                    }
                    if let Some(c) = self.sector.rank(s.flip2(u64::mask2(a, b))) {
                        put(c as i64, -j, &mut k);
                    }
                }
                indptr[r + 1] = k as i64;
            }
        });
        Ok((
            PyArray1::from_vec(py, data),
            PyArray1::from_vec(py, indices),
            PyArray1::from_vec(py, indptr),
        ))
    }

    /// Every eigenvalue, ascending, by the dense symmetric eigensolver (the program's
    /// `eig`). Memory 8 D^2 bytes.
    fn eigvalsh<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let what = self.what("dense diagonalization");
        let dim = self.sector.dim();
        let wreq = sym_eigenvalues_req(dim)
            .map_err(|e| kernel(&what, e))?
            .len();
        let dd = dim as f64;
        check_memory(&what, 8.0 * (dd * dd + dd + wreq as f64))?;
        let len = dim
            .checked_mul(dim)
            .ok_or_else(|| kernel(&what, pseudospin::Error::DimensionOverflow))?;
        let model = self.model()?;
        let mut m = vec_of(&what, len, 0.0f64)?;
        let mut w = vec_of(&what, dim, 0.0f64)?;
        let mut work = vec_of(&what, wreq, 0.0f64)?;
        py.detach(|| -> pseudospin::Result<()> {
            model
                .on_sector(&self.sector, &self.sector)?
                .fill_dense(&mut m)?;
            sym_eigenvalues(&mut m, dim, &mut w, &mut work)?;
            Ok(())
        })
        .map_err(|e| kernel(&what, e))?;
        drop(m);
        Ok(PyArray1::from_vec(py, w))
    }

    /// The k lowest eigenvalues by Lanczos (the program's `eig --lowest K`); with
    /// `vectors`, also the eigenvectors as a (k, D) array (row j the vector of level j).
    /// Sectors up to D = 1024 where Lanczos with the default tol and max_steps does
    /// not converge fall back to the dense solver. Returns (values, residuals, vectors or None, steps, matvecs, method).
    #[pyo3(signature = (k, vectors=false, tol=None, max_steps=None, seed=None, threads=1))]
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    fn lowest<'py>(
        &self,
        py: Python<'py>,
        k: usize,
        vectors: bool,
        tol: Option<f64>,
        max_steps: Option<usize>,
        seed: Option<u64>,
        threads: usize,
    ) -> PyResult<LowestResult<'py>> {
        Self::check_threads(threads)?;
        let dim = self.sector.dim();
        if k == 0 || k > dim {
            return Err(errors::value(format!(
                "k = {k}: need 1 <= k <= {dim} (the sector dimension)"
            )));
        }
        let what = self.what("Lanczos");
        let mut opts = driver_options().lanczos;
        if let Some(t) = tol {
            opts.tol = t;
        }
        if let Some(m) = max_steps {
            opts.max_steps = m;
        }
        if let Some(s) = seed {
            opts.seed = s;
        }
        let req = lanczos_lowest_req(dim, k, &opts).map_err(|e| kernel(&what, e))?;
        let (wlen, vlen) = if vectors {
            (req.work.len(), req.vectors.len())
        } else {
            (req.work_without_vectors.len(), 0)
        };
        check_memory(&what, 8.0 * (wlen as f64 + vlen as f64))?;
        let mut work = vec_of(&what, wlen, 0.0f64)?;
        let mut vecs = vec_of(&what, vlen, 0.0f64)?;
        let (mut e, mut r) = (vec![0.0f64; k], vec![0.0f64; k]);
        let rep = interrupt::run(py, |stop| {
            let v = if vectors { Some(&mut vecs[..]) } else { None };
            on_form!(self.built, op => {
                if threads > 1 {
                    let t = Threaded::new(op, threads)?;
                    let op = Interruptible { op: &t, stop };
                    lanczos_lowest(&op, &opts, &mut e, &mut r, v, &mut work)
                } else {
                    let op = Interruptible { op, stop };
                    lanczos_lowest(&op, &opts, &mut e, &mut r, v, &mut work)
                }
            })
        })?
        .map_err(|e| kernel(&what, e))?;
        drop(work);
        if !rep.converged && dim <= DENSE_FALLBACK_MAX && tol.is_none() && max_steps.is_none() {
            return self.lowest_dense(py, k, vectors);
        }
        if !rep.converged {
            return Err(errors::NoConvergence::new_err(format!(
                "{what}: Lanczos did not converge for the {k} lowest levels in {} steps \
                 (tol = {:e}, max_steps = {})",
                rep.steps, opts.tol, opts.max_steps
            )));
        }
        let v = if vectors {
            let a = PyArray1::from_vec(py, vecs).reshape([k, dim])?;
            Some(a.into_any())
        } else {
            None
        };
        Ok((
            PyArray1::from_vec(py, e),
            PyArray1::from_vec(py, r),
            v,
            rep.steps,
            rep.matvecs,
            "lanczos",
        ))
    }

    /// Every eigenvalue in [lo, hi] (absolute energies), ascending, by spectrum slicing
    /// (POLFED) on the CSR matrix, certified complete (the program's
    /// `eig --window A B`). Returns (levels, report dict).
    fn window<'py>(
        &self,
        py: Python<'py>,
        lo: f64,
        hi: f64,
    ) -> PyResult<(Bound<'py, PyArray1<f64>>, Bound<'py, PyDict>)> {
        if lo.is_nan() || hi.is_nan() || lo > hi {
            return Err(errors::value(format!(
                "window [{lo}, {hi}]: need lo <= hi (not NaN)"
            )));
        }
        let what = self.what("slicing");
        let dim = self.sector.dim();
        let opts = driver_options().polfed;
        let preq = polfed_window_req(dim, &opts).map_err(|e| kernel(&what, e))?;
        check_memory(&what, 8.0 * (preq.out.len() + preq.work.len()) as f64)?;
        let model = self.model()?;
        let local;
        let csr: &SparseSymmetric<'_, f64> = match &self.built.form {
            Form::Csr(op) => op,
            Form::Blocked(_) => {
                local = py.detach(|| Self::build_csr(&model, &self.sector, &what))?;
                match &local.form {
                    Form::Csr(op) => op,
                    Form::Blocked(_) => unreachable!("build_csr builds CSR"),
                }
            }
        };
        let mut out = vec_of(&what, preq.out.len(), 0.0f64)?;
        let mut work = vec_of(&what, preq.work.len(), 0.0f64)?;
        let rep = interrupt::run(py, |stop| {
            let op = Interruptible { op: csr, stop };
            polfed_window(&op, lo, hi, &opts, &mut out, &mut work)
        })?
        .map_err(|e| kernel(&what, e))?;
        drop(work);
        out.truncate(rep.count);
        out.shrink_to_fit();
        let d = PyDict::new(py);
        d.set_item("count", rep.count)?;
        d.set_item("matvecs", rep.matvecs)?;
        d.set_item("max_residual", rep.max_residual)?;
        d.set_item("near_boundary", rep.near_boundary)?;
        Ok((PyArray1::from_vec(py, out), d))
    }

    /// Windowed gap-ratio statistics of this Hamiltonian (the program's per-realization
    /// driver, `realization_gap_ratios`): `windows` a list of (kind, lo, hi), `solver`
    /// 'auto' (dense up to dimension 4096, slicing above), 'dense' or 'slicing'.
    /// Returns (list of (n_levels, n_ratios, n_ties, mean_r), report dict).
    #[pyo3(signature = (windows, solver="auto", operator="csr"))]
    fn gap_ratio_stats<'py>(
        &self,
        py: Python<'py>,
        windows: Vec<(String, f64, f64)>,
        solver: &str,
        operator: &str,
    ) -> PyResult<(Bound<'py, PyList>, Bound<'py, PyDict>)> {
        let ws = windows
            .iter()
            .map(|(k, lo, hi)| window_from(k, *lo, *hi))
            .collect::<PyResult<Vec<_>>>()?;
        let mut opts = driver_options();
        opts = match solver {
            "auto" => opts,
            "dense" => opts.dense_max_dim(usize::MAX),
            "slicing" => opts.dense_max_dim(0),
            other => {
                return Err(errors::value(format!(
                    "solver {other:?}: expected 'auto', 'dense' or 'slicing'"
                )))
            }
        };
        opts = match operator {
            "csr" => opts.operator(SlicingOperator::Csr),
            "blocked" => opts.operator(SlicingOperator::Blocked),
            other => {
                return Err(errors::value(format!(
                    "operator {other:?}: expected 'csr' or 'blocked'"
                )))
            }
        };
        let what = self.what("gap-ratio statistics");
        let model = self.model()?;
        let dim = self.sector.dim() as f64;
        // Before the size query (which counts the CSR entries in one sweep): the dense
        // path's matrix, or the slicing path's CSR bound.
        let rough = if dim <= opts.dense_max_dim as f64 {
            8.0 * dim * dim
        } else {
            dim * (4.0 * (self.edges.len() as f64 + 1.0) + 16.0)
        };
        check_memory(&what, rough)?;
        let req = py
            .detach(|| realization_gap_ratios_req(&model, self.n_up, &opts))
            .map_err(|e| kernel(&what, e))?;
        check_memory(
            &what,
            8.0 * req.reals.len() as f64 + 4.0 * req.indices.len() as f64,
        )?;
        let mut work = vec_of(&what, req.reals.len(), 0.0f64)?;
        let mut iwork = vec_of(&what, req.indices.len(), 0u32)?;
        let mut stats = vec![RealizationStats::EMPTY; ws.len()];
        let rep = py
            .detach(|| {
                realization_gap_ratios(
                    &model, self.n_up, &ws, &opts, &mut stats, &mut work, &mut iwork,
                )
            })
            .map_err(|e| kernel(&what, e))?;
        drop((work, iwork));
        let list = PyList::empty(py);
        for s in &stats {
            list.append(stats_tuple(s))?;
        }
        let d = PyDict::new(py);
        d.set_item(
            "method",
            match rep.method {
                Method::Dense => "dense",
                Method::Slicing => "slicing",
            },
        )?;
        d.set_item("dim", rep.dim)?;
        d.set_item("e_min", rep.e_min)?;
        d.set_item("e_max", rep.e_max)?;
        d.set_item("matvecs", rep.matvecs)?;
        d.set_item("max_residual", rep.max_residual)?;
        d.set_item("near_boundary", rep.near_boundary)?;
        Ok((list, d))
    }
}

/// C(n, k), or None when it does not fit in 64 bits.
#[pyfunction]
pub fn sector_dim(n: usize, n_up: usize) -> PyResult<Option<u64>> {
    if n > 64 || n_up > n {
        return Err(errors::value(format!(
            "n = {n}, n_up = {n_up}: need n <= 64 and n_up <= n"
        )));
    }
    Ok(binomial(n as u32, n_up as u32))
}
