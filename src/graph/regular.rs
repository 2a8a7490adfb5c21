//! Uniformly random simple labelled z-regular graphs: the pairing (configuration) model
//! with rejection.
//!
//! # Origin
//! B. Bollobás, "A probabilistic proof of an asymptotic formula for the number of
//! labelled regular graphs", Eur. J. Combin. 1, 311 (1980); E. A. Bender and
//! E. R. Canfield, J. Combin. Theory A 24, 296 (1978); the textbook account is
//! N. C. Wormald, "Models of random regular graphs" (1999), section 2.
//!
//! # Method
//! Give each of the `n` vertices `z` labelled half-edges ("stubs"), `n z` in all. Build a
//! uniformly random perfect matching of the stubs step by step: take the first
//! remaining stub (here: one of the lowest-numbered vertex that still has stubs) and
//! pair it with a stub drawn uniformly among the other remaining ones
//! ([`uniform_below`], then an O(n) scan of the per-vertex remaining counts, a `[u8; 64]`).
//! Each of the `(nz - 1)!! = (nz-1)(nz-3)...1` matchings comes out with probability
//! `1 / (nz - 1)!!`. A matching projects to a multigraph; when a pair would make a
//! self-loop or repeat an edge already drawn (checked in a `[u64; 64]` adjacency bitset),
//! the *whole* matching is rejected and the construction restarts from scratch.
//! Stopping early only abandons a matching that would have been rejected anyway, so
//! the accepted matching is uniform over the simple ones.
//!
//! # Uniformity
//! A simple z-regular graph `G` arises from exactly `(z!)^n` matchings: at each vertex
//! its `z` stubs go bijectively to its `z` distinct edges, and any such assignment at
//! every vertex gives one matching (edges being distinct, no two assignments coincide).
//! All simple graphs therefore have the same number of preimages, and the output is
//! exactly uniform over the labelled simple z-regular graphs on `n` vertices; the only
//! deviation is the generator's own.
//!
//! Complements: `G -> complement(G)` is a bijection between z-regular and
//! `(n-1-z)`-regular labelled graphs, so for `z >= 4` with `n - 1 - z < z` the routine
//! draws a uniform `(n-1-z)`-regular graph the same way and returns its complement
//! (still exactly uniform, and much cheaper: e.g. z = n - 1 is `K_n` at once). For
//! `z <= 3` the pairing model is always used directly.
//!
//! # Cost
//! One attempt is at most `nz/2` steps of O(n) each (O(n^2 z)), usually fewer when it
//! is rejected early. A matching is simple with probability tending to
//! `exp(-(z^2 - 1)/4)` as `n -> infinity` (Bender-Canfield, Bollobás), so the expected
//! number of attempts is about 1 (z = 1), 2.1 (z = 2), 7.4 (z = 3), 43 (z = 4),
//! 400 (z = 5), 6.3e3 (z = 6), 1.6e5 (z = 7) and 6.9e6 (z = 8): the method is meant for
//! z <= 4 or so, the pseudospin model's Z = 3 in particular. After
//! [`RANDOM_REGULAR_MAX_ATTEMPTS`] (10^6) rejected attempts [`random_regular`] gives
//! [`Error::NoConvergence`] (about a second of work at n = 64): at z = 8 (with
//! `z <= n - 1 - z`) that happens most of the time, above it nearly always. Measured
//! (release, one x86-64 core, xoshiro256**): 0.8 us per graph at (n, z) = (6, 3),
//! 14 us at (64, 3), 58 us at (64, 4), 0.4 ms at (64, 5), 6 ms at (64, 6).
//! Larger degrees need another method: the switching algorithms of
//! McKay-Wormald (1990, z = O(n^(1/3))) and Gao-Wormald (2017), both exactly uniform,
//! or the approximately uniform Steger-Wormald (1999) and Markov-chain samplers.
//!
//! No workspace: the state is a `[u8; 64]` of remaining stubs and a `[u64; 64]`
//! adjacency bitset on the stack (576 bytes), and the result (`n z / 2` edges, so
//! `CAP >= n z / 2`).

use super::{check_n_vertices, Graph, MAX_VERTICES};
use crate::rng::uniform_below;
use crate::{Error, Result};
use rand_core::RngCore;

/// Attempts (whole pairings) [`random_regular`] makes before giving up with
/// [`Error::NoConvergence`].
pub const RANDOM_REGULAR_MAX_ATTEMPTS: usize = 1_000_000;

/// A uniformly random simple labelled `z`-regular graph on `n` vertices, in canonical
/// edge order (see [`Graph::canonicalize`]).
///
/// Method: the pairing (configuration) model of Bollobás (1980) with rejection. The
/// `n z` half-edges are paired by a uniformly random perfect matching, built one pair
/// at a time; at the first self-loop or repeated edge the whole matching is thrown away
/// and the construction restarts from scratch. Every simple z-regular graph comes from
/// exactly `(z!)^n` matchings, so the accepted graph is exactly uniform over the
/// labelled simple z-regular graphs. For `z >= 4` with `n - 1 - z < z` the complement
/// of a uniform `(n-1-z)`-regular graph is returned instead (complementation is a
/// bijection, so this is uniform too, and far cheaper).
///
/// Cost: about `exp((z^2 - 1)/4)` attempts (7.4 for z = 3, 43 for z = 4, 400 for
/// z = 5, 6.3e3 for z = 6), each O(n^2 z) at most; measured 14 us per graph at
/// (n, z) = (64, 3) and 58 us at (64, 4) (release, x86-64). Meant for z <= 4 or so;
/// for z >= 8 (unless `n - 1 - z` is small) the attempt cap is usually hit, and another
/// method (McKay-Wormald or Gao-Wormald switchings) would be needed. Stack only:
/// 576 bytes of state besides the result.
///
/// Errors: [`Error::TooManySites`] for `n > 64`; [`Error::InvalidArgument`] for `n == 0`,
/// `z >= n` or `n z` odd; [`Error::CapacityExceeded`] `{ capacity: CAP }` when
/// `CAP < n z / 2`; [`Error::NoConvergence`] after [`RANDOM_REGULAR_MAX_ATTEMPTS`]
/// rejected pairings (large z only). `z == 0` gives the empty graph.
///
/// ```
/// use pseudospin::graph::random_regular;
/// use pseudospin::rng::{realization_seed, Xoshiro256StarStar};
/// use rand_core::SeedableRng;
///
/// let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(2024, 7));
/// let g = random_regular::<30, _>(20, 3, &mut rng)?;
/// assert_eq!((g.n_vertices(), g.n_edges()), (20, 30));
/// assert!((0..20).all(|v| g.degree(v) == 3));
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn random_regular<const CAP: usize, R: RngCore + ?Sized>(
    n: usize,
    z: usize,
    rng: &mut R,
) -> Result<Graph<CAP>> {
    random_regular_bounded(n, z, RANDOM_REGULAR_MAX_ATTEMPTS, rng)
}

/// [`random_regular`] with a caller-chosen bound on the number of pairing attempts;
/// [`Error::NoConvergence`] `{ iterations: max_attempts }` when all of them are
/// rejected (`max_attempts == 0` fails at once unless no pairing is needed, i.e. the
/// graph is empty or complete).
pub fn random_regular_bounded<const CAP: usize, R: RngCore + ?Sized>(
    n: usize,
    z: usize,
    max_attempts: usize,
    rng: &mut R,
) -> Result<Graph<CAP>> {
    check_n_vertices(n)?;
    if z >= n {
        return Err(Error::InvalidArgument(
            "regular graph: the degree z must be below the number of vertices n",
        ));
    }
    if !(n * z).is_multiple_of(2) {
        return Err(Error::InvalidArgument("regular graph: n * z must be even"));
    }
    if CAP < n * z / 2 {
        return Err(Error::CapacityExceeded { capacity: CAP });
    }
    let z_complement = n - 1 - z;
    let use_complement = z >= 4 && z_complement < z;
    let z_drawn = if use_complement { z_complement } else { z };
    let adj = random_pairing(n, z_drawn, max_attempts, rng)?;
    Graph::from_adjacency(n, &adj, use_complement)
}

/// Repeats [`try_pairing`] until one attempt gives a simple graph; its adjacency bitset.
/// Expects `1 <= n <= 64`, `z < n`, `n z` even (checked by the caller).
fn random_pairing<R: RngCore + ?Sized>(
    n: usize,
    z: usize,
    max_attempts: usize,
    rng: &mut R,
) -> Result<[u64; MAX_VERTICES]> {
    if z == 0 {
        return Ok([0; MAX_VERTICES]);
    }
    for _ in 0..max_attempts {
        if let Some(adj) = try_pairing(n, z, rng) {
            return Ok(adj);
        }
    }
    Err(Error::NoConvergence {
        iterations: max_attempts,
    })
}

/// One pass of the pairing model: `Some(adjacency)` when the matching is simple, `None`
/// at the first self-loop or repeated edge.
fn try_pairing<R: RngCore + ?Sized>(
    n: usize,
    z: usize,
    rng: &mut R,
) -> Option<[u64; MAX_VERTICES]> {
    let n = n.min(MAX_VERTICES);
    let mut remaining = [0u8; MAX_VERTICES];
    // z < n <= 64 fits in u8.
    remaining[..n].fill(z as u8);
    let mut adj = [0u64; MAX_VERTICES];
    let mut left = n * z;
    while left >= 2 {
        // The first remaining stub: one of the lowest vertex that has any.
        let v = remaining.iter().position(|&c| c > 0)?;
        remaining[v] -= 1;
        // Its partner: uniform among the other left - 1 stubs.
        let mut r = uniform_below(rng, (left - 1) as u64) as usize;
        let mut partner = None;
        for (w, &c) in remaining.iter().enumerate() {
            let c = usize::from(c);
            if r < c {
                partner = Some(w);
                break;
            }
            r -= c;
        }
        let w = partner?;
        if w == v || (adj[v] >> w) & 1 == 1 {
            return None; // self-loop or multi-edge: reject the whole pairing
        }
        adj[v] |= 1 << w;
        adj[w] |= 1 << v;
        remaining[w] -= 1;
        left -= 2;
    }
    Some(adj)
}
