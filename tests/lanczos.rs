use pseudospin::basis::{LinTable, Sector};
use pseudospin::graph::random_regular;
use pseudospin::linalg::*;
use pseudospin::model::{draw_fields, Coupling, Model};
use pseudospin::rng::{realization_seed, Xoshiro256StarStar};
use rand_core::SeedableRng;

#[test]
fn smoke() {
    let n = 12;
    let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(7, 0));
    let g = random_regular::<96, _>(n, 3, &mut rng).unwrap();
    let mut xi = vec![0.0; n];
    draw_fields(&mut rng, 1.0, &mut xi).unwrap();
    let m = Model::new(n, g.edges(), &xi, Coupling::Uniform(0.1), Coupling::Uniform(0.1)).unwrap();
    let sector = Sector::<u32>::new(n, n / 2).unwrap();
    let mut st = vec![0usize; LinTable::<u32>::table_len(n).unwrap()];
    let lin = LinTable::new(&sector, &mut st).unwrap();
    let h = m.on_sector(&sector, &lin).unwrap();
    let d = h.dim();
    let mut a = vec![0.0; d * d];
    h.fill_dense(&mut a).unwrap();
    let mut w = vec![0.0; d];
    let mut work = vec![0.0; sym_eigenvalues_work_len(d)];
    sym_eigenvalues(&mut a.clone(), d, &mut w, &mut work).unwrap();
    let opts = LanczosOptions::new();
    let k = 5;
    let (mut vals, mut res) = (vec![0.0; k], vec![0.0; k]);
    let mut vecs = vec![0.0; k * d];
    let mut lw = vec![0.0; lanczos_work_len(d, k, opts.max_steps)];
    let r = lanczos_lowest(&h, &opts, &mut vals, &mut res, Some(&mut vecs), &mut lw).unwrap();
    println!("{r:?}\n{vals:?}\n{res:?}\n{:?}", &w[..k]);
    let ncv = 30;
    let mut basis = vec![0.0; ncv * d];
    let mut tw = vec![0.0; trlan_work_len(d, k, ncv)];
    let r = trlan_lowest(&h, &opts, &mut vals, &mut res, &mut basis, &mut tw).unwrap();
    println!("{r:?}\n{vals:?}\n{res:?}\n{:?}", &w[..k]);
}
