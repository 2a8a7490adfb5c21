//! Bases: unrank, rank (table-free) and rank (Lin's tables) over the whole N = 16
//! half-filling sector (D = 12870).
#![no_std]
#![no_main]

use pseudospin_mcu::{benches, outln, sizes as r, verdict};

static mut LIN: [usize; r::BASES_LIN] = [0; r::BASES_LIN];

#[pseudospin_mcu::entry]
fn main() -> ! {
    pseudospin_mcu::clock_init();
    pseudospin_mcu::paint_stack();
    // SAFETY: the only reference to this buffer, taken once.
    let lin = unsafe { &mut *core::ptr::addr_of_mut!(LIN) };
    let mut clock = pseudospin_mcu::InstrClock;
    let t0 = benches::Clock::now(&mut clock);
    let res = benches::bases(r::BASES_N, lin, &mut clock);
    let t1 = benches::Clock::now(&mut clock);
    let stack = pseudospin_mcu::peak_stack();
    let Ok(b) = res else {
        outln!("bench=bases error verdict=FAIL");
        pseudospin_mcu::exit(false)
    };
    let ok = b.dim == r::BASES_DIM && b.mismatches == 0 && b.checksum == r::BASES_CHECKSUM;
    let dim = b.dim.max(1) as u64;
    outln!(
        "bench=bases n={} dim={} instr={} per_unrank={} per_rank={} per_rank_lin={} stack={} checksum=0x{:016x} host=0x{:016x} mismatches={} verdict={}",
        r::BASES_N,
        b.dim,
        t1 - t0,
        b.cost_unrank / dim,
        b.cost_rank / dim,
        b.cost_rank_lin / dim,
        stack,
        b.checksum,
        r::BASES_CHECKSUM,
        b.mismatches,
        verdict(ok)
    );
    pseudospin_mcu::exit(ok)
}
