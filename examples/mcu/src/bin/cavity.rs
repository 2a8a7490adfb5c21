//! Cavity, f32: 100 generations of a 1024-member population of the linearized
//! order-parameter recursion, its typical growth rate.
#![no_std]
#![no_main]

use pseudospin_mcu::{benches, close, outln, sizes as r, verdict, Sci};

type T = f32;

static mut WORK: [T; r::CAVITY_WORK] = [0.0; r::CAVITY_WORK];

#[pseudospin_mcu::entry]
fn main() -> ! {
    pseudospin_mcu::clock_init();
    pseudospin_mcu::paint_stack();
    // SAFETY: the only reference to this buffer, taken once.
    let work = unsafe { &mut *core::ptr::addr_of_mut!(WORK) };
    let mut clock = pseudospin_mcu::InstrClock;
    let t0 = benches::Clock::now(&mut clock);
    let res = benches::cavity::<T, _>(r::CAVITY_MEMBERS, work, &mut clock);
    let t1 = benches::Clock::now(&mut clock);
    let stack = pseudospin_mcu::peak_stack();
    let Ok(c) = res else {
        outln!("bench=cavity error verdict=FAIL");
        pseudospin_mcu::exit(false)
    };
    let rate = c.rate as f64;
    let ok = close(rate, r::CAVITY_RATE_F32 as f64, 1e-5) && close(rate, r::CAVITY_RATE_F64, 1e-4);
    let generations =
        benches::CAVITY_RUN.burn_in + benches::CAVITY_RUN.blocks * benches::CAVITY_RUN.block_len;
    outln!(
        "bench=cavity members={} generations={} instr={} per_member={} stack={} rate={} std_err={} host_f32={} host_f64={} bit_equal_f32={} verdict={}",
        r::CAVITY_MEMBERS,
        generations,
        t1 - t0,
        c.cost / (r::CAVITY_MEMBERS * generations) as u64,
        stack,
        Sci(rate),
        Sci(c.std_err as f64),
        Sci(r::CAVITY_RATE_F32 as f64),
        Sci(r::CAVITY_RATE_F64),
        c.rate.to_bits() == r::CAVITY_RATE_F32.to_bits(),
        verdict(ok)
    );
    pseudospin_mcu::exit(ok)
}
