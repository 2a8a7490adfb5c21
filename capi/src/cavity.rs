//! Bethe-lattice cavity: critical coupling and critical temperatures (quadrature), and
//! the population growth rate of the linearized order parameter.
//!
//! Convention (Ioffe-Mezard): branching K, couplings M = g / K on the bonds, fields
//! uniform on [-1, 1]; the kernel's `cavity::{critical_coupling, tc_replica_symmetric,
//! tc_rsb, growth_rate}`.

use crate::boundary::run;
use crate::ffi::{self, Span};
use core::ffi::c_int;
use pseudospin::cavity::{self, Normalization, OrderParameter, RunConfig};
use pseudospin::rng::{SeedableRng, Xoshiro256StarStar};
use pseudospin::Error;

/// Growth-rate kind: each generation is divided by exp(mean ln|y|), so the rate is the
/// typical (directed-polymer) one, the rate whose sign change is T_c^RSB.
pub const PS_GROWTH_TYPICAL: c_int = 0;
/// Growth-rate kind: each generation is divided by mean |y|, so the rate is the annealed
/// (replica-symmetric) one, ln(K E[w]), whose sign change is T_c^RS.
pub const PS_GROWTH_MEAN: c_int = 1;

/// g_c(K): the coupling on the zero-temperature critical line g e^(1/(e g)) = K, on the
/// branch g <= 1/e (g_c(1) = 1/e), written to `*g_c`. K is real, K >= 1.
///
/// Statuses: `PS_INVALID_ARGUMENT` (K < 1), `PS_NON_FINITE` (K NaN or infinite),
/// `PS_NULL_POINTER` (`g_c` NULL), `PS_MISALIGNED`, `PS_INTERNAL`.
///
/// # Safety
/// `g_c` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_critical_coupling(k: f64, g_c: *mut f64) -> c_int {
    run(|| {
        ffi::check_out(g_c)?;
        let v = cavity::critical_coupling(k)?;
        // SAFETY: caller's contract for `g_c`.
        unsafe { ffi::write(g_c, v) }
    })
}

/// The replica-symmetric critical temperature T_c(g) (independent of K), in units of
/// the field scale, written to `*tc`.
///
/// Statuses: `PS_INVALID_ARGUMENT` (g <= 0, T_c underflows), `PS_NON_FINITE` (g NaN),
/// `PS_NO_CONVERGENCE`, `PS_NULL_POINTER` (`tc` NULL), `PS_MISALIGNED`, `PS_INTERNAL`.
///
/// # Safety
/// `tc` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_tc_rs(g: f64, tc: *mut f64) -> c_int {
    run(|| {
        ffi::check_out(tc)?;
        let v = cavity::tc_replica_symmetric(g)?;
        // SAFETY: caller's contract for `tc`.
        unsafe { ffi::write(tc, v) }
    })
}

/// The replica-symmetry-broken critical temperature T_c(g, K) (0 when the ground state
/// is insulating, equal to `ps_tc_rs` at large K), written to `*tc`. K is real, K >= 1.
///
/// Statuses: `PS_INVALID_ARGUMENT` (g <= 0, K < 1), `PS_NON_FINITE` (NaN or infinite
/// g or K), `PS_NO_CONVERGENCE`, `PS_NULL_POINTER` (`tc` NULL), `PS_MISALIGNED`,
/// `PS_INTERNAL`.
///
/// # Safety
/// `tc` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_tc_rsb(g: f64, k: f64, tc: *mut f64) -> c_int {
    run(|| {
        ffi::check_out(tc)?;
        let v = cavity::tc_rsb(g, k)?;
        // SAFETY: caller's contract for `tc`.
        unsafe { ffi::write(tc, v) }
    })
}

/// Doubles of workspace that `ps_growth_rate` needs for a population of `n` members,
/// written to `*len` (two generations: `2 n`).
///
/// Statuses: `PS_DIMENSION_OVERFLOW`, `PS_NULL_POINTER` (`len` NULL), `PS_MISALIGNED`,
/// `PS_INTERNAL`.
///
/// # Safety
/// `len` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_growth_rate_work_size(n: usize, len: *mut usize) -> c_int {
    run(|| {
        ffi::check_out(len)?;
        let req = cavity::growth_rate_req(n, 1)?;
        // SAFETY: caller's contract for `len`.
        unsafe { ffi::write(len, req.len()) }
    })
}

/// Population growth rate per generation of the linearized order-parameter recursion
/// at coupling g, integer branching K (as a double) and temperature T (units of the
/// field scale): `n` members, `burn_in` generations discarded, then `blocks` blocks of
/// `block_len` generations. `kind` is `PS_GROWTH_TYPICAL` or `PS_GROWTH_MEAN`. The
/// random numbers come from the kernel's xoshiro256** seeded with `seed` (SplitMix64
/// expansion, as `Xoshiro256StarStar::seed_from_u64`), so the Rust API with the same
/// seed gives the same bits. The rate (natural log per generation) goes to `*rate`, the
/// standard error of the block averages to `*std_err`; a positive typical rate means the
/// ordered phase. The typical rate of a finite population lies below the n = infinity
/// value by a shift that decays as 1/ln^2 n.
///
/// `work` holds `work_len` doubles, at least `ps_growth_rate_work_size(n)`; the final
/// population is left in `work[0..n]`.
///
/// Statuses: `PS_INVALID_ARGUMENT` (g <= 0, T <= 0, K not a positive integer, n = 0,
/// blocks < 2, block_len = 0, unknown kind), `PS_NON_FINITE` (NaN or infinite g, K or
/// T; a population that over- or underflows), `PS_WORKSPACE_TOO_SMALL`,
/// `PS_NULL_POINTER` (`rate`, `std_err` NULL, `work` NULL with work_len > 0),
/// `PS_MISALIGNED`, `PS_OVERLAP` (any two of `work` (work_len), `rate` and `std_err`
/// overlap), `PS_INTERNAL`.
///
/// # Safety
/// `work` valid for `work_len` doubles; `rate` and `std_err` writable; none overlap.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ps_growth_rate(
    g: f64,
    k: f64,
    temperature: f64,
    n: usize,
    burn_in: usize,
    blocks: usize,
    block_len: usize,
    kind: c_int,
    seed: u64,
    work: *mut f64,
    work_len: usize,
    rate: *mut f64,
    std_err: *mut f64,
) -> c_int {
    run(|| {
        ffi::disjoint(&[
            Span::write(work, work_len)?,
            Span::write(rate, 1)?,
            Span::write(std_err, 1)?,
        ])?;
        let norm = match kind {
            PS_GROWTH_TYPICAL => Normalization::Typical,
            PS_GROWTH_MEAN => Normalization::Mean,
            _ => return Err(Error::InvalidArgument("unknown growth-rate kind").into()),
        };
        let rec = OrderParameter::linearized(g, k, temperature)?;
        let cfg = RunConfig::new(burn_in, blocks, block_len);
        cavity::growth_rate_req(n, 1)?.check(work_len)?;
        // SAFETY: caller's contract for `work`; disjoint from `rate`, `std_err` (checked).
        let work = unsafe { ffi::slice_mut(work, work_len)? };
        let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
        let est = cavity::growth_rate(&rec, n, cfg, norm, work, &mut rng)?;
        // SAFETY: caller's contract for `rate` and `std_err` (disjoint, checked above).
        unsafe {
            ffi::write(rate, est.mean)?;
            ffi::write(std_err, est.std_err)
        }
    })
}
