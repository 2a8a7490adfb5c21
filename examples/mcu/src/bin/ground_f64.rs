//! Ground state in f64 (Cortex-M7: double-precision FPU): N = 12 (D = 924) at half
//! filling by minimal-memory Lanczos on the blocked operator.
#![no_std]
#![no_main]

use pseudospin_mcu::{benches, outln, sizes as r, verdict, Sci};

type T = f64;
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
    let stack = pseudospin_mcu::peak_stack();
    let Ok(g) = res else {
        outln!("bench=ground_f64 error verdict=FAIL");
        pseudospin_mcu::exit(false)
    };
    let e0 = g.e0;
    // f64 on an IEEE double-precision FPU: the host's result bit for bit.
    let ok = g.report.converged && g.e0.to_bits() == r::GROUND_E0_F64.to_bits();
    let steps = g.report.steps as u64;
    outln!(
        "bench=ground_f64 n={} dim={} instr={} build={} lanczos={} per_product={} per_step={} steps={} matvecs={} stack={} e0={} bits=0x{:016x} host_f32={} host_f64={} bit_equal_f64={} verdict={}",
        r::GROUND_N,
        D,
        t1 - t0,
        g.cost_build,
        g.cost_lanczos,
        g.cost_products / benches::PRODUCTS as u64,
        g.cost_lanczos / steps.max(1),
        steps,
        g.report.matvecs,
        stack,
        Sci(e0),
        g.e0.to_bits(),
        Sci(r::GROUND_E0_F32 as f64),
        Sci(r::GROUND_E0_F64),
        g.e0.to_bits() == r::GROUND_E0_F64.to_bits(),
        verdict(ok)
    );
    pseudospin_mcu::exit(ok)
}
