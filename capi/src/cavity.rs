//! Bethe-lattice cavity: critical coupling and critical temperatures (quadrature).
//!
//! Convention (Ioffe-Mezard): branching K, couplings M = g / K on the bonds, fields
//! uniform on [-1, 1]; the kernel's `cavity::{critical_coupling, tc_replica_symmetric,
//! tc_rsb}`.

use crate::ffi;
use crate::status;
use core::ffi::c_int;
use pseudospin::cavity;

/// g_c(K): the coupling on the zero-temperature critical line g e^(1/(e g)) = K, on the
/// branch g <= 1/e (g_c(1) = 1/e), written to `*g_c`. K is real, K >= 1.
///
/// Statuses: `PS_INVALID_ARGUMENT` (K < 1, `g_c` NULL), `PS_NON_FINITE` (K NaN or
/// infinite).
///
/// # Safety
/// `g_c` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_critical_coupling(k: f64, g_c: *mut f64) -> c_int {
    let r = (|| {
        ffi::check_out(g_c)?;
        let v = cavity::critical_coupling(k)?;
        // SAFETY: caller's contract for `g_c`.
        unsafe { ffi::write(g_c, v) }
    })();
    status(r)
}

/// The replica-symmetric critical temperature T_c(g) (independent of K), in units of
/// the field scale, written to `*tc`.
///
/// Statuses: `PS_INVALID_ARGUMENT` (g <= 0, T_c underflows, `tc` NULL),
/// `PS_NON_FINITE` (g NaN), `PS_NO_CONVERGENCE`.
///
/// # Safety
/// `tc` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_tc_rs(g: f64, tc: *mut f64) -> c_int {
    let r = (|| {
        ffi::check_out(tc)?;
        let v = cavity::tc_replica_symmetric(g)?;
        // SAFETY: caller's contract for `tc`.
        unsafe { ffi::write(tc, v) }
    })();
    status(r)
}

/// The replica-symmetry-broken critical temperature T_c(g, K) (0 when the ground state
/// is insulating, equal to `ps_tc_rs` at large K), written to `*tc`. K is real, K >= 1.
///
/// Statuses: `PS_INVALID_ARGUMENT` (g <= 0, K < 1, `tc` NULL), `PS_NON_FINITE` (NaN or
/// infinite g or K), `PS_NO_CONVERGENCE`.
///
/// # Safety
/// `tc` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_tc_rsb(g: f64, k: f64, tc: *mut f64) -> c_int {
    let r = (|| {
        ffi::check_out(tc)?;
        let v = cavity::tc_rsb(g, k)?;
        // SAFETY: caller's contract for `tc`.
        unsafe { ffi::write(tc, v) }
    })();
    status(r)
}
