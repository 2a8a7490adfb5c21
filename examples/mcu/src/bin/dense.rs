//! Dense, f32: all eigenvalues of N = 8 (D = 70; N = 6, D = 20 on the micro:bit) at
//! half filling and their mid-band gap ratio.
#![no_std]
#![no_main]

use pseudospin_mcu::{benches, close, outln, sizes as r, verdict, Sci};

type T = f32;
const D: usize = r::DENSE_DIM;

static mut A: [T; D * D] = [0.0; D * D];
static mut LEVELS: [T; D] = [0.0; D];
static mut WORK: [T; r::DENSE_WORK] = [0.0; r::DENSE_WORK];

#[pseudospin_mcu::entry]
fn main() -> ! {
    pseudospin_mcu::clock_init();
    pseudospin_mcu::paint_stack();
    // SAFETY: the only references to these buffers, taken once.
    let (a, levels, work) = unsafe {
        (
            &mut *core::ptr::addr_of_mut!(A),
            &mut *core::ptr::addr_of_mut!(LEVELS),
            &mut *core::ptr::addr_of_mut!(WORK),
        )
    };
    let mut xi = [0.0 as T; r::DENSE_N];
    for (t, &v) in xi.iter_mut().zip(r::DENSE_XI.iter()) {
        *t = v as T;
    }
    let mut clock = pseudospin_mcu::InstrClock;
    let t0 = benches::Clock::now(&mut clock);
    let res = benches::dense(&r::DENSE_EDGES, &xi, a, levels, work, &mut clock);
    let t1 = benches::Clock::now(&mut clock);
    let stack = pseudospin_mcu::peak_stack();
    let Ok(d) = res else {
        outln!("bench=dense error verdict=FAIL");
        pseudospin_mcu::exit(false)
    };
    // Levels against the host's f32 and f64 levels, relative to the spectral radius.
    let scale = f64::from_bits(r::DENSE_LEVELS_F64[0])
        .abs()
        .max(f64::from_bits(r::DENSE_LEVELS_F64[D - 1]).abs());
    let (mut dev32, mut dev64, mut equal) = (0.0f64, 0.0f64, 0usize);
    for (k, &l) in levels.iter().enumerate() {
        let h32 = f32::from_bits(r::DENSE_LEVELS_F32[k]);
        let h64 = f64::from_bits(r::DENSE_LEVELS_F64[k]);
        dev32 = dev32.max((l as f64 - h32 as f64).abs() / scale);
        dev64 = dev64.max((l as f64 - h64).abs() / scale);
        equal += usize::from(l.to_bits() == h32.to_bits());
    }
    let r_mcu = d.mean_r as f64;
    let ok = dev32 <= 1e-5
        && dev64 <= 1e-4
        && d.n_ratios == r::DENSE_RATIOS
        && close(r_mcu, r::DENSE_R_F32 as f64, 1e-4)
        && close(r_mcu, r::DENSE_R_F64, 1e-3);
    outln!(
        "bench=dense n={} dim={} instr={} fill={} eigen={} ratio={} stack={} r={} host_f32={} host_f64={} ratios={} max_dev_f32={} max_dev_f64={} levels_bit_equal_f32={}/{} verdict={}",
        r::DENSE_N,
        D,
        t1 - t0,
        d.cost_fill,
        d.cost_eigen,
        d.cost_ratio,
        stack,
        Sci(r_mcu),
        Sci(r::DENSE_R_F32 as f64),
        Sci(r::DENSE_R_F64),
        d.n_ratios,
        Sci(dev32),
        Sci(dev64),
        equal,
        D,
        verdict(ok)
    );
    pseudospin_mcu::exit(ok)
}
