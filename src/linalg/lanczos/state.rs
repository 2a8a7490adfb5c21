//! The state of one call of the minimal-memory / stored-basis Lanczos driver, shared by
//! its first pass ([`super::first_pass`]), its second pass ([`super::second_pass`]) and
//! the driver itself ([`super::lowest`]): the operator, the recurrence, the scratch
//! carved from the caller's workspace, and the report.
//!
//! Cost: none beyond the carving. Workspace: [`Scratch::req`].

use super::options::LanczosReport;
use super::recurrence::Recurrence;
use super::ritz::ritz_vector_req;
use crate::work::{WorkReq, WorkStack};
use crate::{Real, Result};

/// The driver's scratch besides the three Lanczos vectors, carved from `work` in the
/// order of [`Scratch::req`].
pub(super) struct Scratch<'w, T> {
    /// Diagonal of `T_m` (`max_steps`).
    pub alpha: &'w mut [T],
    /// Off-diagonal of `T_m` (`max_steps`).
    pub beta: &'w mut [T],
    /// The Ritz vector of `T_m` (`max_steps`).
    pub s: &'w mut [T],
    /// Scratch of the Ritz vector ([`ritz_vector_req`]).
    pub rw: &'w mut [T],
    /// Gram-Schmidt coefficients against the locked vectors (`k` each).
    pub coef: &'w mut [T],
    /// Second set of coefficients (`k`).
    pub coef2: &'w mut [T],
}

impl<'w, T: Real> Scratch<'w, T> {
    /// The pieces: three vectors, three coefficient arrays, the Ritz vector's scratch,
    /// two deflation coefficient arrays.
    pub(super) fn parts(dim: usize, k: usize, max_steps: usize) -> Result<[WorkReq; 4]> {
        Ok([
            WorkReq::array(3, dim)?,
            WorkReq::array(3, max_steps)?,
            ritz_vector_req(max_steps)?,
            WorkReq::array(2, k)?,
        ])
    }

    /// The workspace of the driver besides the vectors.
    pub(super) fn req(dim: usize, k: usize, max_steps: usize) -> Result<WorkReq> {
        WorkReq::all_of(&Self::parts(dim, k, max_steps)?)
    }

    /// Carves the three Lanczos vectors (`3 dim`) and the scratch from `stack`.
    pub(super) fn carve(
        stack: &mut WorkStack<'w, T>,
        dim: usize,
        k: usize,
        max_steps: usize,
    ) -> Result<(&'w mut [T], Self)> {
        let [vecs, _, ritz, _] = Self::parts(dim, k, max_steps)?;
        let vecs = stack.take_req(vecs)?;
        let scratch = Scratch {
            alpha: stack.take(max_steps)?,
            beta: stack.take(max_steps)?,
            s: stack.take(max_steps)?,
            rw: stack.take_req(ritz)?,
            coef: stack.take(k)?,
            coef2: stack.take(k)?,
        };
        Ok((vecs, scratch))
    }
}

/// The state of one call: the operator, the recurrence and the scratch, the stored
/// first-pass vectors, the running `||H||` estimate and the report.
pub(super) struct Lanczos<'a, 'w, T, O: ?Sized> {
    pub op: &'a O,
    pub rec: Recurrence<'w, T>,
    pub sc: Scratch<'w, T>,
    /// Storage for first-pass vectors (`cap` of them are used).
    pub basis: &'a mut [T],
    pub cap: usize,
    pub dim: usize,
    pub max_steps: usize,
    pub seed: u64,
    pub tol: T,
    /// Largest `||T_m||` of all runs so far: the scale of `H`.
    pub hnorm: T,
    pub report: LanczosReport,
}
