//! Acceptance (b) of the foundation issue: the sector Hamiltonian against an independent
//! brute-force construction.
//!
//! The oracle builds the full 2^N x 2^N matrix from Kronecker products of Pauli matrices,
//! H = sum_i xi_i sigma^z_i - sum_(ij) [ Jxy_ij (sigma^x_i sigma^x_j + sigma^y_i sigma^y_j) / 2
//!     + Jzz_ij sigma^z_i sigma^z_j / 4 ],
//! (s = sigma/2, s^+ s^- + s^- s^+ = (sigma^x sigma^x + sigma^y sigma^y) / 2), with the real
//! form sigma^y x sigma^y = -(i sigma^y) x (i sigma^y). It never uses bit exchanges or
//! ranking, and the sector projection enumerates states by brute force.
//!
//! Tolerance: max |dense - projection| <= 1e-13 (f64); apply/apply_rows vs the dense
//! matvec <= 1e-13 * (1 + ||H||_1).

use pseudospin::basis::{LinTable, Sector};
use pseudospin::graph::Edge;
use pseudospin::model::{draw_fields, draw_uniform, Coupling, Model};
use pseudospin::rng::{uniform_f64, Xoshiro256StarStar};
use rand_core::SeedableRng;

type Mat = (usize, Vec<f64>); // (size, row-major entries)

fn kron(a: &Mat, b: &Mat) -> Mat {
    let (na, nb) = (a.0, b.0);
    let n = na * nb;
    let mut out = vec![0.0; n * n];
    for i in 0..na {
        for j in 0..na {
            let aij = a.1[i * na + j];
            if aij == 0.0 {
                continue;
            }
            for k in 0..nb {
                for l in 0..nb {
                    out[(i * nb + k) * n + j * nb + l] = aij * b.1[k * nb + l];
                }
            }
        }
    }
    (n, out)
}

/// Local basis index 0 = down (bit 0), 1 = up (bit 1).
fn pauli(name: char) -> Mat {
    match name {
        'I' => (2, vec![1.0, 0.0, 0.0, 1.0]),
        'x' => (2, vec![0.0, 1.0, 1.0, 0.0]),
        'y' => (2, vec![0.0, 1.0, -1.0, 0.0]), // i * sigma^y, real
        'z' => (2, vec![-1.0, 0.0, 0.0, 1.0]), // sigma^z: down -1, up +1
        _ => unreachable!(),
    }
}

/// The operator that acts as `ops[site]` on the listed sites and as the identity elsewhere;
/// site 0 is the least significant bit, so the Kronecker chain runs from site N-1 down.
fn product(n: usize, ops: &[(usize, char)]) -> Mat {
    let mut m: Mat = (1, vec![1.0]);
    for site in (0..n).rev() {
        let name = ops
            .iter()
            .find(|(s, _)| *s == site)
            .map_or('I', |(_, c)| *c);
        m = kron(&m, &pauli(name));
    }
    m
}

fn add_scaled(acc: &mut [f64], m: &Mat, c: f64) {
    for (a, v) in acc.iter_mut().zip(&m.1) {
        *a += c * v;
    }
}

fn brute_force(n: usize, edges: &[Edge], xi: &[f64], jxy: &[f64], jzz: &[f64]) -> Mat {
    let dim = 1usize << n;
    let mut h = vec![0.0; dim * dim];
    for (i, &x) in xi.iter().enumerate() {
        add_scaled(&mut h, &product(n, &[(i, 'z')]), x);
    }
    for (e, &[a, b]) in edges.iter().enumerate() {
        let (a, b) = (a as usize, b as usize);
        add_scaled(&mut h, &product(n, &[(a, 'x'), (b, 'x')]), -jxy[e] / 2.0);
        // sigma^y sigma^y = -(i sigma^y)(i sigma^y)
        add_scaled(&mut h, &product(n, &[(a, 'y'), (b, 'y')]), jxy[e] / 2.0);
        add_scaled(&mut h, &product(n, &[(a, 'z'), (b, 'z')]), -jzz[e] / 4.0);
    }
    (dim, h)
}

/// An Erdos-Renyi graph G(n, p) drawn in the test (any simple graph, not only regular).
fn random_graph(n: usize, p: f64, rng: &mut Xoshiro256StarStar) -> Vec<Edge> {
    let mut edges = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            if uniform_f64(rng) < p {
                // Random orientation: the model must not care.
                if uniform_f64(rng) < 0.5 {
                    edges.push([a as u8, b as u8]);
                } else {
                    edges.push([b as u8, a as u8]);
                }
            }
        }
    }
    edges
}

/// A random instance on `n` sites: a graph with edge probability `p`, fields with
/// W = 1, per-edge couplings Jxy and Jzz uniform on [-1, 1] (drawn in that order).
struct RandomInstance {
    n: usize,
    edges: Vec<Edge>,
    xi: Vec<f64>,
    jxy: Vec<f64>,
    jzz: Vec<f64>,
}

impl RandomInstance {
    fn draw(n: usize, p: f64, rng: &mut Xoshiro256StarStar) -> Self {
        let edges = random_graph(n, p, rng);
        let ne = edges.len();
        let mut xi = vec![0.0; n];
        draw_fields(rng, 1.0, &mut xi).unwrap();
        let (mut jxy, mut jzz) = (vec![0.0; ne], vec![0.0; ne]);
        draw_uniform(rng, -1.0, 1.0, &mut jxy).unwrap();
        draw_uniform(rng, -1.0, 1.0, &mut jzz).unwrap();
        Self {
            n,
            edges,
            xi,
            jxy,
            jzz,
        }
    }

    fn brute_force(&self) -> Mat {
        brute_force(self.n, &self.edges, &self.xi, &self.jxy, &self.jzz)
    }

    fn model(&self) -> Model<'_, f64> {
        Model::new(
            self.n,
            &self.edges,
            &self.xi,
            Coupling::PerEdge(&self.jxy),
            Coupling::PerEdge(&self.jzz),
        )
        .unwrap()
    }
}

#[test]
fn sector_matrices_equal_projected_kronecker_hamiltonian() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(20261124);
    let mut checked = 0usize;
    for n in 1..=10usize {
        for trial in 0..2 {
            let p = if trial == 0 { 0.5 } else { 0.3 };
            let inst = RandomInstance::draw(n, p, &mut rng);
            let full = inst.brute_force();
            let model = inst.model();
            for n_up in 0..=n {
                let states: Vec<usize> = (0..1usize << n)
                    .filter(|s| s.count_ones() as usize == n_up)
                    .collect();
                let d = states.len();
                let sector = Sector::<u64>::new(n, n_up).unwrap();
                assert_eq!(sector.dim(), d);
                let h = model.on_sector(&sector, &sector).unwrap();
                let mut dense = vec![0.0; d * d];
                h.fill_dense(&mut dense).unwrap();
                let mut max_diff = 0.0f64;
                for (r, &sr) in states.iter().enumerate() {
                    for (c, &sc) in states.iter().enumerate() {
                        let oracle = full.1[sr * full.0 + sc];
                        max_diff = max_diff.max((dense[r * d + c] - oracle).abs());
                    }
                }
                assert!(
                    max_diff <= 1e-13,
                    "N={n} n_up={n_up}: max diff {max_diff:e}"
                );

                // Matrix-free products equal the dense matvec, for both rankers and a
                // split into row ranges.
                let mut x = vec![0.0; d];
                draw_uniform(&mut rng, -1.0, 1.0, &mut x).unwrap();
                let want: Vec<f64> = (0..d)
                    .map(|r| (0..d).map(|c| dense[r * d + c] * x[c]).sum())
                    .collect();
                let norm1 = dense.iter().map(|v| v.abs()).sum::<f64>();
                let tol = 1e-13 * (1.0 + norm1);
                let mut y = vec![0.0; d];
                h.apply(&x, &mut y).unwrap();
                for r in 0..d {
                    assert!((y[r] - want[r]).abs() <= tol, "apply N={n} n_up={n_up}");
                }
                let mut storage = vec![0usize; LinTable::<u64>::new_req(n).unwrap().len()];
                let lin = LinTable::new(&sector, &mut storage).unwrap();
                let hl = model.on_sector(&sector, &lin).unwrap();
                let mid = d / 3;
                let mut y1 = vec![0.0; mid];
                let mut y2 = vec![0.0; d - mid];
                hl.apply_rows(&x, &mut y1, 0..mid).unwrap();
                hl.apply_rows(&x, &mut y2, mid..d).unwrap();
                for r in 0..d {
                    let got = if r < mid { y1[r] } else { y2[r - mid] };
                    assert!((got - want[r]).abs() <= tol, "apply_rows N={n} n_up={n_up}");
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 2 * (2..=11).sum::<usize>());
}

#[test]
fn f32_apply_matches_f64_dense() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(5);
    let n = 10;
    let edges = random_graph(n, 0.4, &mut rng);
    let mut xi = vec![0.0f64; n];
    draw_fields(&mut rng, 1.0, &mut xi).unwrap();
    let xi32: Vec<f32> = xi.iter().map(|&v| v as f32).collect();
    let m64 = Model::new(
        n,
        &edges,
        &xi,
        Coupling::Uniform(0.3),
        Coupling::Uniform(0.1),
    )
    .unwrap();
    let m32 = Model::new(
        n,
        &edges,
        &xi32,
        Coupling::Uniform(0.3f32),
        Coupling::Uniform(0.1f32),
    )
    .unwrap();
    let sector = Sector::<u32>::new(n, 5).unwrap();
    let d = sector.dim();
    let (h64, h32) = (
        m64.on_sector(&sector, &sector).unwrap(),
        m32.on_sector(&sector, &sector).unwrap(),
    );
    let mut x = vec![0.0f64; d];
    draw_uniform(&mut rng, -1.0, 1.0, &mut x).unwrap();
    let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let (mut y64, mut y32) = (vec![0.0f64; d], vec![0.0f32; d]);
    h64.apply(&x, &mut y64).unwrap();
    h32.apply(&x32, &mut y32).unwrap();
    let scale = m64.norm_bound();
    for r in 0..d {
        assert!((y64[r] - y32[r] as f64).abs() <= 1e-5 * scale, "row {r}");
    }
}

/// Acceptance (c) on model sectors: the dense eigensolver on sector matrices (N = 10,
/// n_up = 4 and 5; D = 210, 252) against nalgebra's `SymmetricEigen` (the oracle):
/// eigenvalues within 1e-12 ||A||, residuals ||A v - lambda v|| <= 1e-12 ||A|| n,
/// ||V^T V - I||_max <= 1e-12 n.
#[test]
fn dense_eigensolver_on_model_sectors_matches_nalgebra() {
    use pseudospin::linalg::{sym_eigen, sym_eigen_req};
    let mut rng = Xoshiro256StarStar::seed_from_u64(77);
    let n = 10;
    let graph = pseudospin::graph::random_regular::<15, _>(n, 3, &mut rng).unwrap();
    let mut xi = vec![0.0; n];
    draw_fields(&mut rng, 1.0, &mut xi).unwrap();
    for (n_up, jxy, jzz) in [(5, 0.2, 0.1), (4, 0.05, 0.0), (5, 0.0, 0.1)] {
        let model = Model::new(
            n,
            graph.edges(),
            &xi,
            Coupling::Uniform(jxy),
            Coupling::Uniform(jzz),
        )
        .unwrap();
        let sector = Sector::<u32>::new(n, n_up).unwrap();
        let d = sector.dim();
        let mut a = vec![0.0f64; d * d];
        model
            .on_sector(&sector, &sector)
            .unwrap()
            .fill_dense(&mut a)
            .unwrap();
        let norm = a.iter().fold(0.0f64, |m, v| m.max(v.abs())) * d as f64; // >= ||A||_2
        let oracle = nalgebra::DMatrix::from_row_slice(d, d, &a).symmetric_eigen();
        let mut want: Vec<f64> = oracle.eigenvalues.iter().copied().collect();
        want.sort_by(|x, y| x.total_cmp(y));
        let (mut w, mut v) = (vec![0.0; d], vec![0.0; d * d]);
        let mut work = vec![0.0; sym_eigen_req(d).unwrap().len()];
        let mut a_copy = a.clone();
        sym_eigen(&mut a_copy, d, &mut w, &mut v, &mut work).unwrap();
        for k in 0..d {
            assert!((w[k] - want[k]).abs() <= 1e-12 * norm, "eigenvalue {k}");
            let vk = &v[k * d..(k + 1) * d];
            let res = (0..d)
                .map(|r| (0..d).map(|c| a[r * d + c] * vk[c]).sum::<f64>() - w[k] * vk[r])
                .fold(0.0f64, |m, x| m.max(x.abs()));
            assert!(res <= 1e-12 * norm * d as f64, "residual {k}: {res:e}");
        }
        for i in 0..d {
            for j in 0..d {
                let dot: f64 = (0..d).map(|r| v[i * d + r] * v[j * d + r]).sum();
                let want = if i == j { 1.0 } else { 0.0 };
                assert!(
                    (dot - want).abs() <= 1e-12 * d as f64,
                    "V^T V at ({i}, {j})"
                );
            }
        }
    }
}

/// The fused block products `Y <- alpha H X + beta X + gamma Y` (then `acc += c Y`) of
/// the blocked form and of CSR, whole and in row ranges, for widths with and without an
/// unrolled kernel, against the projected Kronecker matrix times each column.
/// Tolerance 1e-13 (1 + ||H||_1) (||X||_inf <= 1).
#[test]
fn block_products_equal_projected_kronecker_hamiltonian() {
    use pseudospin::linalg::{BlockRowOperator, BlockUpdate};
    let mut rng = Xoshiro256StarStar::seed_from_u64(20261205);
    let mut checked = 0usize;
    for n in 2..=10usize {
        let inst = RandomInstance::draw(n, 0.5, &mut rng);
        let full = inst.brute_force();
        let model = inst.model();
        for n_up in [n / 2, n / 3] {
            let states: Vec<usize> = (0..1usize << n)
                .filter(|s| s.count_ones() as usize == n_up)
                .collect();
            let d = states.len();
            let sector = Sector::<u64>::new(n, n_up).unwrap();
            let dense: Vec<f64> = states
                .iter()
                .flat_map(|&r| states.iter().map(move |&c| (r, c)))
                .map(|(r, c)| full.1[r * full.0 + c])
                .collect();
            let tol = 1e-13 * (1.0 + dense.iter().map(|v| v.abs()).sum::<f64>());
            let breq = model.blocked_req(&sector).unwrap();
            let (mut bi, mut br) = (vec![0u32; breq.indices.len()], vec![0.0; breq.reals.len()]);
            let blocked = model.blocked(&sector, &mut bi, &mut br).unwrap();
            let creq = model.csr_req(&sector).unwrap().storage;
            let (mut ci, mut cr) = (vec![0u32; creq.indices.len()], vec![0.0; creq.reals.len()]);
            let csr = model.csr(&sector, &mut ci, &mut cr).unwrap();
            for w in [1usize, 2, 3, 4, 8, 16] {
                let mut x = vec![0.0; d * w];
                let mut y0 = vec![0.0; d * w];
                let mut a0 = vec![0.0; d * w];
                draw_uniform(&mut rng, -1.0, 1.0, &mut x).unwrap();
                draw_uniform(&mut rng, -1.0, 1.0, &mut y0).unwrap();
                draw_uniform(&mut rng, -1.0, 1.0, &mut a0).unwrap();
                for coef in [
                    BlockUpdate::product(),
                    BlockUpdate {
                        alpha: 0.7,
                        beta: -0.3,
                        gamma: -1.0,
                    },
                ] {
                    let c_acc = 0.25;
                    // The oracle, column by column.
                    let mut want = vec![0.0; d * w];
                    for r in 0..d {
                        for j in 0..w {
                            let hx: f64 = (0..d).map(|c| dense[r * d + c] * x[c * w + j]).sum();
                            let old = if coef.gamma == 0.0 {
                                0.0
                            } else {
                                coef.gamma * y0[r * w + j]
                            };
                            want[r * w + j] = coef.alpha * hx + coef.beta * x[r * w + j] + old;
                        }
                    }
                    let check = |got: &[f64], what: &str| {
                        for (i, (g, v)) in got.iter().zip(&want).enumerate() {
                            assert!(
                                (g - v).abs() <= tol,
                                "{what} N={n} n_up={n_up} w={w} entry {i}: {g} vs {v}"
                            );
                        }
                    };
                    let ops: [(&dyn BlockRowOperator<f64>, &str); 2] =
                        [(&blocked, "blocked"), (&csr, "csr")];
                    for (op, name) in ops {
                        // Whole product; gamma = 0 must ignore NaN in y.
                        let mut y = if coef.gamma == 0.0 {
                            vec![f64::NAN; d * w]
                        } else {
                            y0.clone()
                        };
                        let mut scratch = vec![0.0; 2 * d];
                        op.apply_block(&x, &mut y, w, coef, &mut scratch).unwrap();
                        check(&y, name);
                        // Three row ranges with the accumulation.
                        let mut y = y0.clone();
                        let mut acc = a0.clone();
                        let cuts = [0, d / 3, (2 * d) / 3 + 1, d];
                        for k in 0..3 {
                            let (r0, r1) = (cuts[k].min(d), cuts[k + 1].min(d).max(cuts[k].min(d)));
                            op.apply_block_rows(
                                &x,
                                &mut y[r0 * w..r1 * w],
                                w,
                                r0..r1,
                                coef,
                                Some((&mut acc[r0 * w..r1 * w], c_acc)),
                            )
                            .unwrap();
                        }
                        check(&y, name);
                        for i in 0..d * w {
                            let v = a0[i] + c_acc * want[i];
                            assert!((acc[i] - v).abs() <= tol, "{name} acc N={n} w={w}");
                        }
                    }
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 9 * 2 * 6 * 2);
}
