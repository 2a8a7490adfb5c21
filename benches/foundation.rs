//! Foundation benchmarks: matrix-free matvec (N = 16, 20, half filling) and dense
//! eigenvalues of model sectors (N = 12, D = 924; N = 14, D = 3432), Z = 3 random graph,
//! W = 1, Jxy = Jzz = 0.1.
//!
//! `cargo bench --bench foundation` prints one `RESULT` line per case (wall and process
//! CPU milliseconds; the JSON and the peer comparison use CPU time). With
//! `PSEUDOSPIN_BENCH_DIR=dir` it also writes each instance (graph, fields, couplings, and
//! for the dense cases all eigenvalues) as JSON, so `benches/peers/foundation.py` times
//! QuSpin and NumPy on the same matrices and cross-checks the spectra.

use std::time::Instant;

use pseudospin::basis::LinTable;
use pseudospin::linalg::{sym_eigenvalues, sym_eigenvalues_req};

mod common;
use common::{instance, instance_json, process_cpu_s, test_vector, time_ms, write_json};

fn main() {
    // `cargo bench` passes `--bench`; a filter argument selects cases by substring.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));

    for n in [16usize, 20] {
        let name = format!("matvec_n{n}");
        if !wanted(&name) {
            continue;
        }
        let inst = instance(n);
        let (model, sector) = inst.model();
        let d = sector.dim();
        let x = test_vector(d);
        let mut y = vec![0.0; d];
        let inner = (2_000_000 / d).max(1);
        let per_call = |(w, c): (f64, f64)| (w / inner as f64, c / inner as f64);
        let h = model.on_sector(&sector, &sector).expect("op");
        let (w_comb, t_comb) = per_call(time_ms(5, || {
            (0..inner).for_each(|_| h.apply(&x, &mut y).expect("apply"))
        }));
        println!(
            "RESULT case={name} dim={d} ranker=combinatorial ms={w_comb:.4} cpu_ms={t_comb:.4}"
        );
        let mut storage = vec![0usize; LinTable::<u32>::new_req(n).expect("len").len()];
        let lin = LinTable::new(&sector, &mut storage).expect("lin");
        let h = model.on_sector(&sector, &lin).expect("op");
        let (w_lin, t_lin) = per_call(time_ms(5, || {
            (0..inner).for_each(|_| h.apply(&x, &mut y).expect("apply"))
        }));
        println!("RESULT case={name} dim={d} ranker=lin ms={w_lin:.4} cpu_ms={t_lin:.4}");
        write_json(
            &name,
            &instance_json(
                &inst,
                &format!(", \"ms_lin\": {t_lin}, \"ms_combinatorial\": {t_comb}"),
            ),
        );
    }

    for n in [12usize, 14] {
        let name = format!("dense_n{n}");
        if !wanted(&name) {
            continue;
        }
        let inst = instance(n);
        let (model, sector) = inst.model();
        let d = sector.dim();
        let h = model.on_sector(&sector, &sector).expect("op");
        let mut a0 = vec![0.0; d * d];
        h.fill_dense(&mut a0).expect("fill");
        let mut a = a0.clone();
        let mut w = vec![0.0; d];
        let mut work = vec![0.0; sym_eigenvalues_req(d).unwrap().len()];
        let reps = if d > 2000 { 3 } else { 5 };
        // The copy of the input (destroyed by the solver) is outside the timed region.
        let mut times = Vec::new();
        for _ in 0..reps {
            a.copy_from_slice(&a0);
            let (t0, c0) = (Instant::now(), process_cpu_s());
            sym_eigenvalues(&mut a, d, &mut w, &mut work).expect("eig");
            times.push((
                (process_cpu_s() - c0) * 1e3,
                t0.elapsed().as_secs_f64() * 1e3,
            ));
        }
        times.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (t, wall) = times[reps / 2];
        println!(
            "RESULT case={name} dim={d} e0={:.12} ms={wall:.2} cpu_ms={t:.2}",
            w[0]
        );
        let ev: Vec<String> = w.iter().map(|v| format!("{v:.17e}")).collect();
        write_json(
            &name,
            &instance_json(
                &inst,
                &format!(", \"ms\": {t}, \"eigenvalues\": [{}]", ev.join(", ")),
            ),
        );
    }
}
