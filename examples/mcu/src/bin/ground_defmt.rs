//! The f32 ground-state benchmark logging through defmt (build with `--features defmt`):
//! the result, the Lanczos options and report, the workspace sizes and any error are
//! the kernel's own types, formatted by their `defmt::Format` impls, and go out as defmt
//! frames over semihosting (decode them with `defmt-print -e <this ELF>`).
#![no_std]
#![no_main]

use defmt_semihosting as _;
use pseudospin::linalg::lanczos_lowest_req;
use pseudospin::WorkReq;
use pseudospin_mcu::{benches, close, sizes as r};

type T = f32;
const D: usize = r::GROUND_DIM;

static mut INDICES: [u32; r::GROUND_INDICES] = [0; r::GROUND_INDICES];
static mut REALS: [T; r::GROUND_REALS] = [0.0; r::GROUND_REALS];
static mut WORK: [T; r::GROUND_WORK] = [0.0; r::GROUND_WORK];
static mut X: [T; D] = [0.0; D];
static mut Y: [T; D] = [0.0; D];

#[pseudospin_mcu::entry]
fn main() -> ! {
    pseudospin_mcu::clock_init();
    pseudospin_mcu::paint_stack();
    // SAFETY: the only references to these buffers, taken once.
    let (indices, reals, work, x, y) = unsafe {
        (
            &mut *core::ptr::addr_of_mut!(INDICES),
            &mut *core::ptr::addr_of_mut!(REALS),
            &mut *core::ptr::addr_of_mut!(WORK),
            &mut *core::ptr::addr_of_mut!(X),
            &mut *core::ptr::addr_of_mut!(Y),
        )
    };
    let mut xi = [0.0 as T; r::GROUND_N];
    for (t, &v) in xi.iter_mut().zip(r::GROUND_XI.iter()) {
        *t = v as T;
    }
    let opts = benches::lanczos_options::<T>();
    defmt::info!("ground state, N = {}, D = {}, {}", r::GROUND_N, D, opts);
    match lanczos_lowest_req(D, 1, &opts) {
        Ok(req) => defmt::info!("Lanczos workspace: {}", req.work),
        Err(e) => defmt::error!("size query: {}", e),
    }
    let storage: WorkReq = WorkReq::new(r::GROUND_INDICES);
    defmt::info!("blocked operator indices: {}", storage);
    let mut clock = pseudospin_mcu::InstrClock;
    let t0 = benches::Clock::now(&mut clock);
    let res = benches::ground(
        &r::GROUND_EDGES,
        &xi,
        indices,
        reals,
        work,
        x,
        y,
        &mut clock,
    );
    let t1 = benches::Clock::now(&mut clock);
    let ok = match res {
        Ok(g) => {
            let ok = g.report.converged
                && close(g.e0 as f64, r::GROUND_E0_F32 as f64, 1e-5)
                && close(g.e0 as f64, r::GROUND_E0_F64, 1e-4);
            defmt::info!("{}", g.report);
            defmt::info!(
                "E0 = {} (host f32 {}, host f64 {}), {} instructions, peak stack {} bytes",
                g.e0,
                r::GROUND_E0_F32,
                r::GROUND_E0_F64,
                t1 - t0,
                pseudospin_mcu::peak_stack()
            );
            ok
        }
        Err(e) => {
            defmt::error!("ground state failed: {}", e);
            false
        }
    };
    if ok {
        defmt::info!("verdict: PASS");
    } else {
        defmt::error!("verdict: FAIL");
    }
    pseudospin_mcu::exit(ok)
}
