//! Bethe-lattice cavity: critical coupling and critical temperatures (quadrature), and
//! the population growth rate of the linearized order parameter.
//!
//! Convention (Ioffe-Mezard): branching K, couplings M = g / K on the bonds, fields
//! uniform on [-1, 1]; the kernel's `cavity::{critical_coupling, tc_replica_symmetric,
//! tc_rsb, growth_rate}`.

use crate::boundary::{name, run, run_sized, Arg, At};
use crate::ffi::{self, Span};
use core::ffi::{c_int, c_void};
use pseudospin::cavity::{self, Normalization, OrderParameter, RunConfig};
use pseudospin::rng::{SeedableRng, Xoshiro256StarStar};
use pseudospin::Error;

/// Growth-rate kind: each generation is divided by exp(mean ln|y|), so the rate is the
/// typical (directed-polymer) one, the rate whose sign change is T_c^RSB.
pub const PS_GROWTH_TYPICAL: c_int = 0;
/// Growth-rate kind: each generation is divided by mean |y|, so the rate is the annealed
/// (replica-symmetric) one, ln(K E(w)), whose sign change is T_c^RS.
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
    run(name!("ps_critical_coupling"), || {
        ffi::check_out(g_c, 2)?;
        // Its errors are all about K.
        let v = cavity::critical_coupling(k).blame(|e| match e {
            Error::InvalidArgument(_) | Error::NonFinite => (1, 0),
            _ => (0, 0),
        })?;
        // SAFETY: caller's contract for `g_c`.
        unsafe { ffi::write(g_c, v, 2) }
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
    run(name!("ps_tc_rs"), || {
        ffi::check_out(tc, 2)?;
        let v = cavity::tc_replica_symmetric(g).blame(|e| match e {
            Error::InvalidArgument(_) | Error::NonFinite => (1, 0),
            _ => (0, 0),
        })?;
        // SAFETY: caller's contract for `tc`.
        unsafe { ffi::write(tc, v, 2) }
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
    run(name!("ps_tc_rsb"), || {
        ffi::check_out(tc, 3)?;
        // g is checked before K; past both checks, an InvalidArgument is T_c's
        // underflow (g's).
        let v = cavity::tc_rsb(g, k).blame(|e| match e {
            Error::InvalidArgument(_) | Error::NonFinite if !bad_coupling(g) && bad_k(k) => (2, 0),
            Error::InvalidArgument(_) | Error::NonFinite => (1, 0),
            _ => (0, 0),
        })?;
        // SAFETY: caller's contract for `tc`.
        unsafe { ffi::write(tc, v, 3) }
    })
}

/// Bytes of workspace that `ps_growth_rate` needs for a population of `n` members,
/// written to `*bytes` (two generations of doubles: `16 n`).
///
/// Statuses: `PS_DIMENSION_OVERFLOW`, `PS_NULL_POINTER` (`bytes` NULL), `PS_MISALIGNED`,
/// `PS_INTERNAL`.
///
/// # Safety
/// `bytes` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_growth_rate_work_size(n: usize, bytes: *mut usize) -> c_int {
    run(name!("ps_growth_rate_work_size"), || {
        ffi::check_out(bytes, 2)?;
        let req = cavity::growth_rate_req(n, 1).arg(1)?;
        let b = ffi::bytes_of::<f64>(req.len()).arg(1)?;
        // SAFETY: caller's contract for `bytes`.
        unsafe { ffi::write(bytes, b, 2) }
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
/// `work` is a workspace of `work_bytes` bytes (`PS_WORK_ALIGN`-aligned), at least
/// `ps_growth_rate_work_size(n)`; the final population is left in its first n doubles.
/// When it is too small, the bytes it needs go to `*needed` (when not NULL).
///
/// Statuses: `PS_INVALID_ARGUMENT` (g <= 0, T <= 0, K not a positive integer, n = 0,
/// blocks < 2, block_len = 0, unknown kind), `PS_NON_FINITE` (NaN or infinite g, K or
/// T; a population that over- or underflows), `PS_WORKSPACE_TOO_SMALL` (the size in
/// `*needed`), `PS_NULL_POINTER` (`rate`, `std_err` NULL, `work` NULL with
/// work_bytes > 0), `PS_MISALIGNED`, `PS_OVERLAP` (any two of `work` (work_bytes),
/// `rate`, `std_err` and `needed` overlap), `PS_INTERNAL`.
///
/// # Safety
/// `work` valid for `work_bytes` bytes; `rate` and `std_err` writable; `needed` NULL or
/// writable; none overlap.
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
    work: *mut c_void,
    work_bytes: usize,
    rate: *mut f64,
    std_err: *mut f64,
    needed: *mut usize,
) -> c_int {
    // Positions in the C signature.
    const G: Arg = 1;
    const K: Arg = 2;
    const TEMPERATURE: Arg = 3;
    const N: Arg = 4;
    const BLOCKS: Arg = 6;
    const BLOCK_LEN: Arg = 7;
    const KIND: Arg = 8;
    const WORK: Arg = 10;
    const WORK_BYTES: Arg = 11;
    const RATE: Arg = 12;
    const STD_ERR: Arg = 13;
    const NEEDED: Arg = 14;
    run_sized(name!("ps_growth_rate"), needed, || {
        ffi::disjoint(&[
            ffi::work_span(work, work_bytes, WORK)?,
            Span::write(rate, 1, RATE)?,
            Span::write(std_err, 1, STD_ERR)?,
            Span::write_opt(needed, NEEDED)?,
        ])?;
        let norm = match kind {
            PS_GROWTH_TYPICAL => Normalization::Typical,
            PS_GROWTH_MEAN => Normalization::Mean,
            _ => return Err(Error::InvalidArgument("unknown growth-rate kind")).arg(KIND),
        };
        // The kernel checks g, then K (a positive integer), then T.
        let rec = OrderParameter::linearized(g, k, temperature).blame(|e| match e {
            Error::InvalidArgument(_) | Error::NonFinite if bad_coupling(g) => (G, 0),
            Error::InvalidArgument(_) | Error::NonFinite if bad_branching(k) => (K, 0),
            Error::InvalidArgument(_) | Error::NonFinite => (TEMPERATURE, 0),
            _ => (0, 0),
        })?;
        let cfg = RunConfig::new(burn_in, blocks, block_len);
        let len = cavity::growth_rate_req(n, 1).arg(N)?.len();
        let bytes = ffi::bytes_of::<f64>(len).arg(N)?;
        ffi::check_bytes(work_bytes, bytes, WORK_BYTES, WORK)?;
        // SAFETY: caller's contract for `work` (at least `len` doubles, checked);
        // disjoint from `rate`, `std_err` and `needed` (checked).
        let work = unsafe { ffi::work_slice::<f64>(work, 0, len, WORK)? };
        let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
        // The run's configuration is checked (blocks, then block_len) before n.
        let est = cavity::growth_rate(&rec, n, cfg, norm, work, &mut rng).blame(|e| match e {
            Error::InvalidArgument(_) if blocks < 2 => (BLOCKS, 0),
            Error::InvalidArgument(_) if block_len == 0 => (BLOCK_LEN, 0),
            Error::InvalidArgument(_) if n == 0 => (N, 0),
            _ => (0, 0),
        })?;
        // SAFETY: caller's contract for `rate` and `std_err` (disjoint, checked above).
        unsafe {
            ffi::write(rate, est.mean, RATE)?;
            ffi::write(std_err, est.std_err, STD_ERR)
        }
    })
}

/// A coupling g that the kernel refuses (NaN, infinite, or not positive).
fn bad_coupling(g: f64) -> bool {
    !(g.is_finite() && g > 0.0)
}

/// A real branching K that the kernel refuses (NaN, infinite, or below 1).
fn bad_k(k: f64) -> bool {
    !(k.is_finite() && k >= 1.0)
}

/// A population branching K that the kernel refuses: not a positive integer of at
/// most 1/eps (2^52).
fn bad_branching(k: f64) -> bool {
    // In 1..=2^52 the cast to an integer is exact for integers only (and needs no
    // `std` for `floor`).
    bad_k(k) || k > 1.0 / f64::EPSILON || (k as u64) as f64 != k
}
