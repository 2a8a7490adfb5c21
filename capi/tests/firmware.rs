//! The ground energies of `examples/firmware/ground_energy.c` (bare-metal Cortex-M4F,
//! the C ABI's static library for thumbv7em-none-eabihf), computed with the Rust API on
//! the host, against (a) the C ABI called from Rust on the host, always, bit for bit,
//! and (b) the firmware's printed output when `PS_FW_OUTPUT` names a file holding it
//! (`examples/firmware/run.sh` sets it; without it that half is skipped with a note):
//! its f64 energy bit for bit, its f32 energy within 1e-5 relative.

use pseudospin::basis::Sector;
use pseudospin::ed::draw_realization;
use pseudospin::graph::Graph;
use pseudospin::linalg::{lanczos_lowest, lanczos_lowest_req, LanczosOptions};
use pseudospin::model::{Coupling, Model};
use pseudospin::rng::realization_seed;
use pseudospin::Real;
use pseudospin_capi::*;

// The parameters of ground_energy.c.
const N: usize = 10;
const N_UP: usize = N / 2;
const Z: usize = 3;
const W: f64 = 1.0;
const JXY: f64 = 0.1;
const JZZ: f64 = 0.0;
const SEED: u64 = 2024;
const REALIZATION: u64 = 0;
const MAX_STEPS: usize = 200;

/// The realization: edges and f64 fields.
fn instance() -> (Vec<[u8; 2]>, [f64; N]) {
    let mut xi = [0.0; N];
    let g: Graph<15> = draw_realization(N, Z, W, SEED, REALIZATION, &mut xi).unwrap();
    (g.edges().to_vec(), xi)
}

/// The lowest level by the kernel's calls behind `ps_hamiltonian_init_static` and
/// `ps_lowest` (blocked operator, default Lanczos options but the step limit
/// `MAX_STEPS`, no vectors).
fn lowest<T: Real>(edges: &[[u8; 2]], xi: &[T], jxy: T, jzz: T) -> T {
    let m = Model::new(N, edges, xi, Coupling::Uniform(jxy), Coupling::Uniform(jzz)).unwrap();
    let sector = Sector::<u64>::new(N, N_UP).unwrap();
    let req = m.blocked_req(&sector).unwrap();
    let mut idx = vec![0u32; req.indices.len()];
    let mut re = vec![T::default(); req.reals.len()];
    let op = m.blocked(&sector, &mut idx, &mut re).unwrap();
    let opts = LanczosOptions::new().max_steps(MAX_STEPS);
    let lreq = lanczos_lowest_req(sector.dim(), 1, &opts).unwrap();
    let mut work = vec![T::default(); lreq.work_without_vectors.len()];
    let (mut e, mut res) = ([T::default()], [T::default()]);
    let rep = lanczos_lowest(&op, &opts, &mut e, &mut res, None, &mut work).unwrap();
    assert!(rep.converged);
    e[0]
}

/// (f64, f32) ground energies by the Rust API; the f32 instance is the f64 one rounded
/// to f32, as ground_energy.c does.
fn rust_api() -> (f64, f32) {
    let (edges, xi) = instance();
    let xi32 = xi.map(|x| x as f32);
    (
        lowest(&edges, &xi, JXY, JZZ),
        lowest(&edges, &xi32, JXY as f32, JZZ as f32),
    )
}

/// (f64, f32) ground energies through the C ABI (the calls of ground_energy.c).
fn c_abi() -> (f64, f32) {
    let mut edges = [0u8; N * Z];
    let mut xi = [0.0; N];
    let ne = N * Z / 2;
    let (mut bytes, mut lw, mut st) = (0usize, 0usize, -1);
    let (mut e64, mut r64, mut e32, mut r32) = (0.0f64, 0.0f64, 0.0f32, 0.0f32);
    // SAFETY: every pointer is a live local or vector of the length passed with it.
    unsafe {
        let (ep, xp) = (edges.as_mut_ptr(), xi.as_mut_ptr());
        let nul = core::ptr::null_mut();
        assert_eq!(
            ps_draw_realization(N, Z, W, SEED, REALIZATION, ep, N * Z, xp, N, nul),
            PS_OK
        );
        assert_eq!(
            ps_hamiltonian_size(N, N_UP, edges.as_ptr(), ne, &mut bytes),
            PS_OK
        );
        let mut mem = vec![0u64; bytes.div_ceil(8)];
        let mp = mem.as_mut_ptr().cast();
        let h = ps_hamiltonian_init_static(
            mp,
            bytes,
            N,
            N_UP,
            edges.as_ptr(),
            ne,
            xi.as_ptr(),
            JXY,
            JZZ,
            core::ptr::null(),
            core::ptr::null(),
            &mut st,
            nul,
        );
        assert_eq!(st, PS_OK);
        assert_eq!(ps_lowest_work_size(h, 1, MAX_STEPS, 0, &mut lw), PS_OK);
        let mut work = vec![0u64; lw.div_ceil(8)];
        let null = core::ptr::null_mut();
        let wp = work.as_mut_ptr().cast();
        assert_eq!(
            ps_lowest(h, 1, 0.0, MAX_STEPS, &mut e64, &mut r64, null, wp, lw, nul),
            PS_OK
        );

        let xi32 = xi.map(|x| x as f32);
        assert_eq!(
            ps_hamiltonian_size_f32(N, N_UP, edges.as_ptr(), ne, &mut bytes),
            PS_OK
        );
        let mut mem = vec![0u64; bytes.div_ceil(8)];
        let mp = mem.as_mut_ptr().cast();
        let (jxy, jzz) = (JXY as f32, JZZ as f32);
        let h = ps_hamiltonian_init_static_f32(
            mp,
            bytes,
            N,
            N_UP,
            edges.as_ptr(),
            ne,
            xi32.as_ptr(),
            jxy,
            jzz,
            core::ptr::null(),
            core::ptr::null(),
            &mut st,
            nul,
        );
        assert_eq!(st, PS_OK);
        assert_eq!(ps_lowest_work_size_f32(h, 1, MAX_STEPS, 0, &mut lw), PS_OK);
        let mut work = vec![0u64; lw.div_ceil(8)];
        let null = core::ptr::null_mut();
        let wp = work.as_mut_ptr().cast();
        assert_eq!(
            ps_lowest_f32(h, 1, 0.0, MAX_STEPS, &mut e32, &mut r32, null, wp, lw, nul),
            PS_OK
        );
    }
    (e64, e32)
}

/// What the firmware prints that is checked here.
#[derive(Debug, Default)]
struct Output {
    stream_seed: Option<u64>,
    /// (decimal, bit pattern) of each energy.
    e64: Option<(f64, u64)>,
    e32: Option<(f32, u32)>,
    ok: bool,
}

fn hex(s: &str) -> u64 {
    u64::from_str_radix(s.strip_prefix("0x").unwrap(), 16).unwrap()
}

fn parse(text: &str) -> Output {
    let mut o = Output::default();
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f.as_slice() {
            ["instance", rest @ ..] => {
                let at = rest.iter().position(|&w| w == "stream_seed").unwrap();
                o.stream_seed = Some(hex(rest[at + 1]));
            }
            ["e0_f64", d, h, ..] => o.e64 = Some((d.parse().unwrap(), hex(h))),
            ["e0_f32", d, h, ..] => o.e32 = Some((d.parse().unwrap(), hex(h) as u32)),
            ["ok"] => o.ok = true,
            _ => {}
        }
    }
    o
}

#[test]
fn firmware_ground_energies_equal_the_rust_api() {
    let (want64, want32) = rust_api();
    let (c64, c32) = c_abi();
    assert_eq!(c64.to_bits(), want64.to_bits(), "C ABI from Rust, f64");
    assert_eq!(c32.to_bits(), want32.to_bits(), "C ABI from Rust, f32");
    println!(
        "Rust API: f64 {want64:?} = {:#018x}, f32 {want32:?} = {:#010x}",
        want64.to_bits(),
        want32.to_bits()
    );
    let Some(path) = std::env::var_os("PS_FW_OUTPUT") else {
        println!(
            "PS_FW_OUTPUT not set: examples/firmware/ground_energy.c not checked \
             (examples/firmware/run.sh does)"
        );
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let o = parse(&text);
    assert!(o.ok, "the firmware did not finish:\n{text}");
    assert_eq!(
        o.stream_seed,
        Some(realization_seed(SEED, REALIZATION)),
        "instance:\n{text}"
    );
    let (d64, b64) = o.e64.expect("no e0_f64 line");
    let (d32, b32) = o.e32.expect("no e0_f32 line");
    // The firmware's decimal formatting reads back to its bit patterns.
    assert_eq!(d64.to_bits(), b64, "f64 decimal vs hex:\n{text}");
    assert_eq!(d32.to_bits(), b32, "f32 decimal vs hex:\n{text}");
    assert_eq!(b64, want64.to_bits(), "f64 bit for bit:\n{text}");
    let fw32 = f32::from_bits(b32);
    let rel = ((fw32 - want32) / want32).abs();
    assert!(rel <= 1e-5, "f32 off by {rel:e} relative:\n{text}");
    println!(
        "examples/firmware/ground_energy.c: f64 equals the Rust API bit for bit; \
         f32 {} (relative difference {rel:e})",
        if b32 == want32.to_bits() {
            "equals it bit for bit"
        } else {
            "is within 1e-5"
        }
    );
}
