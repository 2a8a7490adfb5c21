//! The harness alone (clock, stack paint, one formatted line, exit) without a kernel
//! call: its flash is subtracted from a benchmark's to give the kernel's share.
#![no_std]
#![no_main]

use pseudospin_mcu::{benches, outln, verdict, Sci};

#[pseudospin_mcu::entry]
fn main() -> ! {
    pseudospin_mcu::clock_init();
    pseudospin_mcu::paint_stack();
    let mut clock = pseudospin_mcu::InstrClock;
    let t0 = benches::Clock::now(&mut clock);
    let t1 = benches::Clock::now(&mut clock);
    let stack = pseudospin_mcu::peak_stack();
    outln!(
        "bench=baseline instr={} stack={} x={} verdict={}",
        t1 - t0,
        stack,
        Sci(t1 as f64),
        verdict(true)
    );
    pseudospin_mcu::exit(true)
}
