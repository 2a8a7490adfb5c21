//! The workspace of [`super::polfed_window`]: its regions, their sizes and their carving.
//!
//! Origin: the caller-workspace idiom of [`crate::work`]. Layout, in elements of `T`,
//! with `b = min(block, dim)` and `ld = min(max_basis, dim) + b` (the leading dimension
//! of the basis):
//!
//! | region | size | holds |
//! |---|---|---|
//! | `q` | `dim * ld` | the basis `Q`, row-major |
//! | `t0`, `t1`, `wv` | `dim * b` each | interleaved blocks: Chebyshev recurrence, filtered block |
//! | `scratch` | [`apply_block_req`]`(dim)` | the block product's scratch |
//! | `tmat`, `eiga`, `ymat` | `ld^2` each | `T_m`, its copy for the eigensolver, its eigenvectors |
//! | `theta`, `resid` | `ld` each | Ritz values, residuals |
//! | `coef` | `ld * b` | Gram-Schmidt coefficients |
//! | `rmat` | `b^2` | `R` of the block QR |
//! | `rowtmp` | `parts_for(dim) * ROT_ROWS * ld` | the in-place rotation's row buffers, one per part |
//! | `cpart` | `parts_for(dim) * ld * b` | partial sums of `Q^T W`, one per part |
//! | `nrm` | `3 b` | column norms |
//! | `eigw` | `sym_eigen`'s workspace at order `ld` | the dense eigensolver |
//!
//! Cost: none beyond the carving.

use super::kernels::{gemm_tn_par_req, rotate_rows_par_req};
use super::options::PolfedOptions;
use crate::linalg::{apply_block_req, sym_eigen_req};
use crate::work::{WorkReq, WorkStack};
use crate::{Error, Real, Result};

/// The sizes that fix the workspace.
#[derive(Clone, Copy)]
pub(super) struct Layout {
    /// Operator order.
    pub dim: usize,
    /// Block width.
    pub b: usize,
    /// Leading dimension of the basis and of the small matrices.
    pub ld: usize,
    /// Most basis vectors per slice.
    pub max_basis: usize,
}

/// Number of workspace regions.
const REGIONS: usize = 16;

impl Layout {
    /// The layout for an operator of order `dim`.
    ///
    /// # Errors
    /// [`Error::DimensionOverflow`].
    pub fn new<T: Real>(dim: usize, opts: &PolfedOptions<T>) -> Result<Self> {
        let b = opts.block.min(dim).max(1);
        let max_basis = opts.max_basis.min(dim).max(b);
        let ld = max_basis.checked_add(b).ok_or(Error::DimensionOverflow)?;
        Ok(Self {
            dim,
            b,
            ld,
            max_basis,
        })
    }

    /// The regions in carving order (see the module table).
    fn regions(&self) -> Result<[WorkReq; REGIONS]> {
        let (d, b, ld) = (self.dim, self.b, self.ld);
        let block = WorkReq::array(d, b)?;
        let square = WorkReq::array(ld, ld)?;
        Ok([
            WorkReq::array(d, ld)?,
            block,
            block,
            block,
            apply_block_req(d)?,
            square,
            square,
            square,
            WorkReq::new(ld),
            WorkReq::new(ld),
            WorkReq::array(ld, b)?,
            WorkReq::array(b, b)?,
            rotate_rows_par_req(d, ld)?,
            WorkReq::array(3, b)?,
            sym_eigen_req(ld)?,
            gemm_tn_par_req(d, ld, b)?,
        ])
    }

    /// The whole workspace.
    ///
    /// # Errors
    /// [`Error::DimensionOverflow`].
    pub fn req(&self) -> Result<WorkReq> {
        WorkReq::all_of(&self.regions()?)
    }
}

/// The workspace split into its regions (see the module table).
pub(super) struct Ws<'w, T> {
    pub q: &'w mut [T],
    pub t0: &'w mut [T],
    pub t1: &'w mut [T],
    pub wv: &'w mut [T],
    pub scratch: &'w mut [T],
    pub tmat: &'w mut [T],
    pub eiga: &'w mut [T],
    pub ymat: &'w mut [T],
    pub theta: &'w mut [T],
    pub resid: &'w mut [T],
    pub coef: &'w mut [T],
    pub rmat: &'w mut [T],
    pub rowtmp: &'w mut [T],
    pub nrm: &'w mut [T],
    pub eigw: &'w mut [T],
    pub cpart: &'w mut [T],
}

impl<'w, T> Ws<'w, T> {
    /// Carves `work` in the order of [`Layout::req`].
    ///
    /// # Errors
    /// [`Error::WorkspaceTooSmall`] (checked for the whole first, so nothing is
    /// carved from a short slice), [`Error::DimensionOverflow`].
    pub fn carve(work: &'w mut [T], layout: &Layout) -> Result<Self> {
        layout.req()?.check(work.len())?;
        let r = layout.regions()?;
        let mut s = WorkStack::new(work);
        Ok(Ws {
            q: s.take_req(r[0])?,
            t0: s.take_req(r[1])?,
            t1: s.take_req(r[2])?,
            wv: s.take_req(r[3])?,
            scratch: s.take_req(r[4])?,
            tmat: s.take_req(r[5])?,
            eiga: s.take_req(r[6])?,
            ymat: s.take_req(r[7])?,
            theta: s.take_req(r[8])?,
            resid: s.take_req(r[9])?,
            coef: s.take_req(r[10])?,
            rmat: s.take_req(r[11])?,
            rowtmp: s.take_req(r[12])?,
            nrm: s.take_req(r[13])?,
            eigw: s.take_req(r[14])?,
            cpart: s.take_req(r[15])?,
        })
    }
}
