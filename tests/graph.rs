//! Graphs: validation, the `Graph` container, and uniformity of `random_regular`.
//!
//! Oracles: the labelled regular graphs are enumerated here independently (brute force
//! over edge subsets for 6 and 7 vertices, a degree-pruned backtracking search for 8,
//! cross-checked against the brute force and against OEIS counts); the frequencies of
//! the drawn graphs are compared with the uniform law by a chi-square test whose
//! survival function (regularized upper incomplete gamma function) is computed below
//! and itself checked against closed forms and mpmath values.
//!
//! Tolerances: every chi-square test requires p > 0.001 (seeds fixed, so the outcome is
//! deterministic; a biased sampler gives p ~ 0 at these sample sizes, about 100 draws
//! per graph); the incomplete gamma function is checked to 1e-12 relative.

use pseudospin::graph::{
    random_regular, random_regular_bounded, validate_edges, Edge, Graph, MAX_VERTICES,
    RANDOM_REGULAR_MAX_ATTEMPTS,
};
use pseudospin::rng::{realization_seed, Xoshiro256StarStar};
use pseudospin::Error;
use rand_core::SeedableRng;
use std::collections::{HashMap, HashSet};
use std::vec::Vec;

// ---------------------------------------------------------------------------------
// Chi-square survival function: Q(k/2, x/2), the regularized upper incomplete gamma.
// Series for P when x < a + 1, Lentz continued fraction for Q otherwise (Numerical
// Recipes, 3rd ed., section 6.2), ln Gamma by Lanczos (g = 7, 9 terms).
// ---------------------------------------------------------------------------------

fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    assert!(x >= 0.5, "ln_gamma used for x >= 0.5 only");
    let x = x - 1.0;
    let mut s = C[0];
    for (i, c) in C.iter().enumerate().skip(1) {
        s += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + s.ln()
}

/// Regularized upper incomplete gamma Q(a, x) for a >= 0.5, x >= 0.
fn gamma_q(a: f64, x: f64) -> f64 {
    assert!(a >= 0.5 && x >= 0.0);
    if x == 0.0 {
        return 1.0;
    }
    let log_prefactor = a * x.ln() - x - ln_gamma(a);
    if x < a + 1.0 {
        // P(a, x) = x^a e^-x / Gamma(a + 1) * sum_n x^n / ((a+1)...(a+n)).
        let (mut term, mut sum, mut ap) = (1.0 / a, 1.0 / a, a);
        for _ in 0..10_000 {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if term.abs() < sum.abs() * 1e-17 {
                break;
            }
        }
        1.0 - sum * log_prefactor.exp()
    } else {
        // Q(a, x) = x^a e^-x / Gamma(a) * 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...))).
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..10_000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < 1e-16 {
                break;
            }
        }
        h * log_prefactor.exp()
    }
}

/// P(chi^2_df > x).
fn chi2_sf(x: f64, df: usize) -> f64 {
    gamma_q(df as f64 / 2.0, x / 2.0)
}

fn rel_close(got: f64, want: f64, tol: f64) -> bool {
    (got - want).abs() <= tol * want.abs()
}

#[test]
fn chi2_survival_function_matches_closed_forms_and_mpmath() {
    // Even df = 2k: Q(k, y) = e^-y sum_{j<k} y^j / j! exactly.
    for &k in &[1usize, 2, 5, 17, 35] {
        for &x in &[0.3, 2.0, 9.5, 40.0, 70.0, 111.0, 160.0] {
            let y: f64 = x / 2.0;
            let (mut term, mut sum) = (1.0, 1.0);
            for j in 1..k {
                term *= y / j as f64;
                sum += term;
            }
            let want = (-y).exp() * sum;
            let got = chi2_sf(x, 2 * k);
            assert!(
                rel_close(got, want, 1e-12),
                "df {} x {x}: {got} vs {want}",
                2 * k
            );
        }
    }
    // Odd df, against mpmath 1.3.0 (mp.dps = 30):
    // gammainc(df/2, x/2, inf, regularized=True).
    let reference: [(f64, usize, f64); 6] = [
        (111.06, 69, 0.000_998_965_105_336_680_2),
        (100.0, 69, 0.008_703_943_477_259_494),
        (50.0, 69, 0.958_830_183_974_249_2),
        (3.841_458_820_694_124, 1, 0.05),
        (20.0, 7, 0.005_569_683_072_945_571),
        (500.0, 400, 0.000_482_212_759_593_433_7),
    ];
    for (x, df, want) in reference {
        let got = chi2_sf(x, df);
        assert!(
            rel_close(got, want, 1e-12),
            "df {df} x {x}: {got} vs {want}"
        );
    }
    // So the 0.999 quantile of chi^2_69 is 111.0551 (mpmath findroot); p > 0.001 in
    // the 70-graph test is the statistic below that.
    assert!(chi2_sf(111.05, 69) > 0.001 && chi2_sf(111.06, 69) < 0.001);
}

// ---------------------------------------------------------------------------------
// Independent enumeration of labelled regular graphs.
// ---------------------------------------------------------------------------------

/// The pairs a < b < n in lexicographic order.
fn pairs(n: usize) -> Vec<(usize, usize)> {
    (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .collect()
}

/// All labelled z-regular graphs on n vertices by brute force over the subsets of the
/// n(n-1)/2 possible edges with nz/2 elements; each as a bit mask over `pairs(n)`.
fn brute_force_regular(n: usize, z: usize) -> Vec<u64> {
    let p = pairs(n);
    assert!(p.len() <= 24, "brute force is for tiny graphs");
    let m = (n * z / 2) as u32;
    let mut out = Vec::new();
    for mask in 0u64..(1u64 << p.len()) {
        if mask.count_ones() != m {
            continue;
        }
        let mut deg = vec![0usize; n];
        for (i, &(a, b)) in p.iter().enumerate() {
            if (mask >> i) & 1 == 1 {
                deg[a] += 1;
                deg[b] += 1;
            }
        }
        if deg.iter().all(|&d| d == z) {
            out.push(mask);
        }
    }
    out
}

/// All labelled z-regular graphs on n vertices by backtracking over `pairs(n)` with
/// degree pruning (a vertex whose remaining pairs cannot fill its degree is a dead end).
fn backtrack_regular(n: usize, z: usize) -> Vec<u64> {
    fn go(
        p: &[(usize, usize)],
        i: usize,
        z: usize,
        deg: &mut [usize],
        left: &mut [usize], // pairs at index >= i touching each vertex
        mask: u64,
        out: &mut Vec<u64>,
    ) {
        if deg
            .iter()
            .zip(left.iter())
            .any(|(&d, &l)| d > z || d + l < z)
        {
            return;
        }
        if i == p.len() {
            out.push(mask);
            return;
        }
        let (a, b) = p[i];
        left[a] -= 1;
        left[b] -= 1;
        deg[a] += 1;
        deg[b] += 1;
        go(p, i + 1, z, deg, left, mask | (1 << i), out);
        deg[a] -= 1;
        deg[b] -= 1;
        go(p, i + 1, z, deg, left, mask, out);
        left[a] += 1;
        left[b] += 1;
    }
    let p = pairs(n);
    assert!(p.len() <= 64);
    let mut out = Vec::new();
    go(&p, 0, z, &mut vec![0; n], &mut vec![n - 1; n], 0, &mut out);
    out
}

/// The bit mask over `pairs(n)` of a graph (each edge in either orientation).
fn graph_mask<const C: usize>(g: &Graph<C>) -> u64 {
    let n = g.n_vertices();
    let index: HashMap<(usize, usize), usize> = pairs(n)
        .into_iter()
        .enumerate()
        .map(|(i, p)| (p, i))
        .collect();
    let mut mask = 0u64;
    for e in g.edges() {
        let (a, b) = (e[0].min(e[1]) as usize, e[0].max(e[1]) as usize);
        let bit = 1u64 << index[&(a, b)];
        assert_eq!(mask & bit, 0, "repeated edge in {:?}", g.edges());
        mask |= bit;
    }
    mask
}

/// Draws `draws` graphs from `random_regular(n, z)` with a fixed seed; asserts every one
/// is among `all` (the complete list of labelled z-regular graphs) and returns the
/// chi-square p-value of the frequencies against the uniform law.
fn uniformity_p_value(n: usize, z: usize, all: &[u64], draws: usize, seed: u64) -> f64 {
    let slot: HashMap<u64, usize> = all.iter().enumerate().map(|(i, &m)| (m, i)).collect();
    assert_eq!(slot.len(), all.len(), "enumeration has duplicates");
    let mut counts = vec![0u64; all.len()];
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    for _ in 0..draws {
        let g = random_regular::<64, _>(n, z, &mut rng).unwrap();
        assert!(g.is_canonical());
        let m = graph_mask(&g);
        let i = *slot
            .get(&m)
            .unwrap_or_else(|| panic!("({n},{z}): not a z-regular graph: {:?}", g.edges()));
        counts[i] += 1;
    }
    let expected = draws as f64 / all.len() as f64;
    let chi2: f64 = counts
        .iter()
        .map(|&c| (c as f64 - expected).powi(2) / expected)
        .sum();
    let p = chi2_sf(chi2, all.len() - 1);
    let (lo, hi) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
    println!(
        "({n},{z}): {} graphs, {draws} draws, counts in [{lo}, {hi}], chi2 = {chi2:.2} \
         (df {}), p = {p:.4}",
        all.len(),
        all.len() - 1
    );
    p
}

#[test]
fn enumerations_agree_with_each_other_and_with_oeis() {
    // OEIS A005815 (labelled cubic graphs on 2n nodes): 1, 70 for n = 4, 6.
    // OEIS A001205 (labelled 2-regular graphs): 3, 12, 70, 465 for n = 4..7.
    let cases = [
        (4, 2, 3),
        (4, 3, 1),
        (5, 2, 12),
        (6, 1, 15),
        (6, 2, 70),
        (6, 3, 70),
        (6, 4, 15),
        (6, 5, 1),
        (7, 2, 465),
        (7, 4, 465),
    ];
    for (n, z, count) in cases {
        let brute = brute_force_regular(n, z);
        let mut back = backtrack_regular(n, z);
        assert_eq!(brute.len(), count, "({n},{z}) brute force");
        back.sort_unstable();
        assert_eq!(brute, back, "({n},{z}) backtracking");
    }
}

#[test]
fn cubic_graphs_on_6_vertices_are_uniform() {
    let all = brute_force_regular(6, 3);
    assert_eq!(all.len(), 70);
    let p = uniformity_p_value(6, 3, &all, 70_000, 20_240_601);
    assert!(p > 1e-3, "p = {p}");
}

#[test]
fn four_cycles_on_4_vertices_are_uniform() {
    let all = brute_force_regular(4, 2);
    assert_eq!(all.len(), 3);
    let p = uniformity_p_value(4, 2, &all, 30_000, 11);
    assert!(p > 1e-3, "p = {p}");
}

#[test]
fn low_degree_graphs_on_5_and_6_vertices_are_uniform() {
    for (n, z, seed) in [(5, 2, 12), (6, 1, 13), (6, 2, 14)] {
        let all = brute_force_regular(n, z);
        let p = uniformity_p_value(n, z, &all, 100 * all.len(), seed);
        assert!(p > 1e-3, "({n},{z}): p = {p}");
    }
}

/// (6,4) and (7,4) go through the complement of a (6,1) / (7,2) pairing.
#[test]
fn four_regular_graphs_via_complements_are_uniform() {
    for (n, z, count, seed) in [(6, 4, 15, 21), (7, 4, 465, 22)] {
        let all = brute_force_regular(n, z);
        assert_eq!(all.len(), count);
        let p = uniformity_p_value(n, z, &all, 100 * count, seed);
        assert!(p > 1e-3, "({n},{z}): p = {p}");
    }
}

/// 19355 labelled cubic graphs on 8 vertices (OEIS A005815), 100 draws each.
/// Slow in debug builds: `cargo test --release --test graph -- --ignored`.
#[test]
#[ignore]
fn cubic_graphs_on_8_vertices_are_uniform() {
    let all = backtrack_regular(8, 3);
    assert_eq!(all.len(), 19_355);
    let p = uniformity_p_value(8, 3, &all, 100 * all.len(), 8);
    assert!(p > 1e-3, "p = {p}");
}

// ---------------------------------------------------------------------------------
// Structure of generated graphs.
// ---------------------------------------------------------------------------------

/// Simple, z-regular, n z / 2 edges, canonical; checked without the Graph methods,
/// then the Graph methods are checked against the same facts.
fn assert_simple_regular_canonical<const C: usize>(g: &Graph<C>, n: usize, z: usize) {
    assert_eq!(g.n_vertices(), n);
    assert_eq!(g.n_edges(), n * z / 2, "({n},{z})");
    let mut seen = HashSet::new();
    let mut deg = vec![0usize; n];
    for e in g.edges() {
        let (a, b) = (e[0] as usize, e[1] as usize);
        assert!(
            a < b && b < n,
            "({n},{z}): edge {e:?} not [min,max] in range"
        );
        assert!(seen.insert((a, b)), "({n},{z}): repeated edge {e:?}");
        deg[a] += 1;
        deg[b] += 1;
    }
    assert!(deg.iter().all(|&d| d == z), "({n},{z}): degrees {deg:?}");
    assert!(
        g.edges().windows(2).all(|w| w[0] < w[1]),
        "({n},{z}): not sorted"
    );
    assert!(g.is_canonical() && g.is_regular(z));
    assert!(validate_edges(n, g.edges()).is_ok());
    for v in 0..n {
        assert_eq!(g.degree(v), z);
        assert_eq!(g.neighbors(v).count_ones() as usize, z);
    }
}

#[test]
fn generated_graphs_are_simple_regular_canonical_for_all_sizes() {
    let mut count = 0;
    for n in 1..=MAX_VERTICES {
        // Sparse degrees (direct pairing) and dense ones (complements), deduplicated.
        let mut zs: Vec<usize> = (0..=4).chain(n.saturating_sub(5)..n).collect();
        zs.sort_unstable();
        zs.dedup();
        for z in zs {
            if z >= n || (n * z) % 2 == 1 {
                continue;
            }
            for rep in 0..3 {
                let seed = realization_seed((n * 100 + z) as u64, rep);
                let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
                let g = random_regular::<2016, _>(n, z, &mut rng)
                    .unwrap_or_else(|e| panic!("({n},{z}): {e}"));
                assert_simple_regular_canonical(&g, n, z);
                count += 1;
            }
        }
    }
    assert!(count > 1000, "{count}");
}

#[test]
fn empty_and_complete_graphs() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(3);
    for n in 1..=MAX_VERTICES {
        let g = random_regular::<0, _>(n, 0, &mut rng).unwrap();
        assert_eq!((g.n_vertices(), g.n_edges()), (n, 0));
        // n (n - 1) is always even: K_n.
        let k = random_regular::<2016, _>(n, n - 1, &mut rng).unwrap();
        assert_eq!(k.n_edges(), n * (n - 1) / 2);
        assert_simple_regular_canonical(&k, n, n - 1);
    }
}

#[test]
fn same_seed_same_graph_different_seed_different_graph() {
    let draw = |seed| {
        let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
        random_regular::<96, _>(64, 3, &mut rng).unwrap()
    };
    assert_eq!(draw(5), draw(5));
    assert_ne!(draw(5), draw(6));
}

/// Symmetry check on a size too large to enumerate: each of the 28 possible edges of a
/// cubic graph on 8 vertices is present with probability z / (n - 1) = 3/7.
#[test]
fn edge_marginals_of_cubic_graphs_on_8_vertices() {
    let (n, z, draws) = (8usize, 3usize, 20_000usize);
    let mut rng = Xoshiro256StarStar::seed_from_u64(77);
    let mut hits = [[0usize; 8]; 8];
    for _ in 0..draws {
        let g = random_regular::<12, _>(n, z, &mut rng).unwrap();
        for e in g.edges() {
            hits[e[0] as usize][e[1] as usize] += 1;
        }
    }
    let p = z as f64 / (n - 1) as f64;
    let sd = (draws as f64 * p * (1.0 - p)).sqrt();
    for (a, b) in pairs(n) {
        // 5 standard deviations (binomial marginal) for each of the 28 edges.
        let dev = (hits[a][b] as f64 - draws as f64 * p).abs();
        assert!(dev < 5.0 * sd, "edge ({a},{b}): {} hits", hits[a][b]);
    }
    // Nothing below the diagonal: edges come out as [min, max].
    assert!((0..n).all(|a| (0..=a).all(|b| hits[a][b] == 0)));
}

// ---------------------------------------------------------------------------------
// Bad input.
// ---------------------------------------------------------------------------------

#[test]
fn random_regular_rejects_bad_arguments() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(1);
    let too_many = random_regular::<4096, _>(65, 3, &mut rng);
    assert_eq!(
        too_many,
        Err(Error::TooManySites {
            n_sites: 65,
            max: 64
        })
    );
    assert!(matches!(
        random_regular::<16, _>(0, 0, &mut rng),
        Err(Error::InvalidArgument(_))
    ));
    // z >= n.
    for (n, z) in [(4, 4), (4, 5), (1, 1), (64, 64), (6, 100)] {
        assert!(
            matches!(
                random_regular::<4096, _>(n, z, &mut rng),
                Err(Error::InvalidArgument(_))
            ),
            "({n},{z})"
        );
    }
    // n z odd.
    for (n, z) in [(5, 3), (7, 1), (63, 3), (3, 1)] {
        assert!(
            matches!(
                random_regular::<4096, _>(n, z, &mut rng),
                Err(Error::InvalidArgument(_))
            ),
            "({n},{z})"
        );
    }
    // Capacity: (6,3) needs 9 edges; (64,63) needs 2016.
    assert_eq!(
        random_regular::<8, _>(6, 3, &mut rng),
        Err(Error::CapacityExceeded { capacity: 8 })
    );
    assert!(random_regular::<9, _>(6, 3, &mut rng).is_ok());
    assert_eq!(
        random_regular::<2015, _>(64, 63, &mut rng),
        Err(Error::CapacityExceeded { capacity: 2015 })
    );
}

#[test]
fn random_regular_reports_no_convergence() {
    assert_eq!(RANDOM_REGULAR_MAX_ATTEMPTS, 1_000_000);
    let mut rng = Xoshiro256StarStar::seed_from_u64(9);
    // z = 31 on 64 vertices: a pairing is simple with probability ~exp(-240).
    assert_eq!(
        random_regular_bounded::<992, _>(64, 31, 1000, &mut rng),
        Err(Error::NoConvergence { iterations: 1000 })
    );
    assert_eq!(
        random_regular_bounded::<9, _>(6, 3, 0, &mut rng),
        Err(Error::NoConvergence { iterations: 0 })
    );
    // No pairing is needed for the empty and the complete graph.
    assert!(random_regular_bounded::<0, _>(6, 0, 0, &mut rng).is_ok());
    assert!(random_regular_bounded::<15, _>(6, 5, 0, &mut rng).is_ok());
    // One attempt is enough for z = 1 (a perfect matching is always simple).
    assert!(random_regular_bounded::<32, _>(64, 1, 1, &mut rng).is_ok());
}

#[test]
fn validate_edges_reports_each_defect() {
    assert_eq!(validate_edges(4, &[[0, 1], [1, 2], [2, 3], [3, 0]]), Ok(()));
    assert_eq!(validate_edges(1, &[]), Ok(()));
    assert_eq!(
        validate_edges(64, &[[63, 0], [62, 63]]),
        Ok(()),
        "vertex 63 is in range for n = 64"
    );
    assert_eq!(
        validate_edges(65, &[]),
        Err(Error::TooManySites {
            n_sites: 65,
            max: 64
        })
    );
    assert_eq!(
        validate_edges(usize::MAX, &[]),
        Err(Error::TooManySites {
            n_sites: usize::MAX,
            max: 64
        })
    );
    assert!(matches!(
        validate_edges(0, &[]),
        Err(Error::InvalidArgument(_))
    ));
    assert_eq!(
        validate_edges(4, &[[0, 1], [1, 4]]),
        Err(Error::EdgeOutOfRange { a: 1, b: 4 })
    );
    assert_eq!(
        validate_edges(4, &[[7, 2]]),
        Err(Error::EdgeOutOfRange { a: 7, b: 2 })
    );
    // Out of range is reported before self-loop.
    assert_eq!(
        validate_edges(4, &[[255, 255]]),
        Err(Error::EdgeOutOfRange { a: 255, b: 255 })
    );
    assert_eq!(
        validate_edges(4, &[[0, 1], [2, 2]]),
        Err(Error::SelfLoop { vertex: 2 })
    );
    assert_eq!(
        validate_edges(4, &[[0, 1], [1, 2], [0, 1]]),
        Err(Error::DuplicateEdge { a: 0, b: 1 })
    );
    assert_eq!(
        validate_edges(4, &[[0, 1], [1, 2], [2, 1]]),
        Err(Error::DuplicateEdge { a: 2, b: 1 })
    );
    assert_eq!(
        validate_edges(64, &[[63, 62], [62, 63]]),
        Err(Error::DuplicateEdge { a: 62, b: 63 })
    );
}

#[test]
fn graph_construction_and_errors() {
    assert!(matches!(Graph::<4>::new(0), Err(Error::InvalidArgument(_))));
    assert_eq!(
        Graph::<4>::new(65),
        Err(Error::TooManySites {
            n_sites: 65,
            max: 64
        })
    );
    let empty = Graph::<4>::new(5).unwrap();
    assert_eq!((empty.n_vertices(), empty.n_edges()), (5, 0));
    assert!(empty.edges().is_empty() && empty.is_regular(0) && !empty.is_regular(1));

    // from_edges keeps the caller's order and orientation.
    let edges: [Edge; 3] = [[2, 0], [1, 2], [0, 1]];
    let g = Graph::<3>::from_edges(3, &edges).unwrap();
    assert_eq!(g.edges(), &edges);
    // Validation comes before capacity.
    assert_eq!(
        Graph::<2>::from_edges(3, &edges),
        Err(Error::CapacityExceeded { capacity: 2 })
    );
    assert_eq!(
        Graph::<2>::from_edges(3, &[[0, 1], [1, 0], [1, 2]]),
        Err(Error::DuplicateEdge { a: 1, b: 0 })
    );
    assert_eq!(
        Graph::<8>::from_edges(3, &[[0, 3]]),
        Err(Error::EdgeOutOfRange { a: 0, b: 3 })
    );
    assert_eq!(
        Graph::<8>::from_edges(3, &[[1, 1]]),
        Err(Error::SelfLoop { vertex: 1 })
    );
    assert_eq!(
        Graph::<8>::from_edges(66, &[]),
        Err(Error::TooManySites {
            n_sites: 66,
            max: 64
        })
    );

    // add_edge: errors leave the graph unchanged.
    let mut h = Graph::<3>::new(4).unwrap();
    h.add_edge(0, 1).unwrap();
    h.add_edge(3, 1).unwrap();
    let before = h.clone();
    assert_eq!(h.add_edge(1, 0), Err(Error::DuplicateEdge { a: 1, b: 0 }));
    assert_eq!(h.add_edge(0, 1), Err(Error::DuplicateEdge { a: 0, b: 1 }));
    assert_eq!(h.add_edge(2, 2), Err(Error::SelfLoop { vertex: 2 }));
    assert_eq!(h.add_edge(4, 0), Err(Error::EdgeOutOfRange { a: 4, b: 0 }));
    assert_eq!(
        h.add_edge(0, usize::MAX),
        Err(Error::EdgeOutOfRange {
            a: 0,
            b: usize::MAX
        })
    );
    assert_eq!(h, before);
    h.add_edge(2, 3).unwrap();
    assert_eq!(
        h.add_edge(0, 2),
        Err(Error::CapacityExceeded { capacity: 3 })
    );
    assert_eq!(h.edges(), &[[0, 1], [3, 1], [2, 3]]);
}

#[test]
fn graph_queries_canonical_form_and_complement() {
    // A path 3-1-0-2 plus the isolated vertex 4, edges in scrambled orientation.
    let mut g = Graph::<10>::from_edges(5, &[[1, 3], [1, 0], [2, 0]]).unwrap();
    assert_eq!(
        (0..6).map(|v| g.degree(v)).collect::<Vec<_>>(),
        [2, 2, 1, 1, 0, 0]
    );
    assert_eq!(&g.degrees()[..6], &[2, 2, 1, 1, 0, 0]);
    assert!(g.degrees()[5..].iter().all(|&d| d == 0));
    assert!(!g.is_regular(1) && !g.is_regular(2));
    assert_eq!(g.neighbors(0), 0b0110);
    assert_eq!(g.neighbors(1), 0b1001);
    assert_eq!(g.neighbors(4), 0);
    assert_eq!(g.neighbors(99), 0);
    let adj = g.adjacency();
    assert!((0..5).all(|v| adj[v] == g.neighbors(v)));
    assert!(adj[5..].iter().all(|&w| w == 0));
    assert!(g.has_edge(0, 1) && g.has_edge(1, 0) && g.has_edge(3, 1));
    assert!(!g.has_edge(0, 3) && !g.has_edge(4, 4) && !g.has_edge(100, 0));

    assert!(!g.is_canonical());
    let original = g.clone();
    g.canonicalize();
    assert_eq!(g.edges(), &[[0, 1], [0, 2], [1, 3]]);
    assert!(g.is_canonical());
    assert_ne!(g, original);
    let mut o = original.clone();
    o.canonicalize();
    assert_eq!(g, o);
    g.canonicalize();
    assert_eq!(g, o, "canonicalize is idempotent");
    // Canonical means [min,max] and strictly increasing.
    assert!(!Graph::<2>::from_edges(3, &[[1, 0]]).unwrap().is_canonical());
    assert!(!Graph::<2>::from_edges(3, &[[0, 2], [0, 1]])
        .unwrap()
        .is_canonical());

    // Complement of the path + isolated vertex: 10 - 3 = 7 edges, canonical.
    let c = g.complement::<7>().unwrap();
    assert_eq!(
        c.edges(),
        &[[0, 3], [0, 4], [1, 2], [1, 4], [2, 3], [2, 4], [3, 4]]
    );
    assert_eq!(
        g.complement::<6>(),
        Err(Error::CapacityExceeded { capacity: 6 })
    );
    let cc = c.complement::<10>().unwrap();
    assert_eq!(cc, g);
    // Complement of the empty graph on 64 vertices is K_64.
    let k = Graph::<0>::new(64).unwrap().complement::<2016>().unwrap();
    assert!(k.is_regular(63) && k.is_canonical());
}
