//! Realizations of the exact-diagonalization ensemble, reproducible from two numbers.
//!
//! Realization `r` of a study with base seed `s` draws, from one
//! [`Xoshiro256StarStar`] stream seeded by [`realization_seed`]`(s, r)`, first a
//! uniformly random simple `z`-regular graph on `n` vertices ([`random_regular`]), then
//! the fields `xi_i` i.i.d. uniform on `[-W/2, W/2]` ([`draw_fields`]), in that order.
//! The same `(n, z, W, s, r)` give the same instance on every platform, in every
//! precision's field values up to their rounding to `T`, and whatever other
//! realizations a run (a thread, an MPI rank, a shard) draws.

use crate::graph::{random_regular, Graph};
use crate::model::draw_fields;
use crate::rng::{realization_seed, SeedableRng, Xoshiro256StarStar};
use crate::{Real, Result};

/// Realization `r` of the ensemble with base seed `base_seed`: a uniformly random
/// simple `z`-regular graph on `n` vertices (returned) and the fields, written to `xi`
/// (`n` values, uniform on `[-w/2, w/2]`).
///
/// ```
/// use pseudospin::ed::draw_realization;
/// use pseudospin::graph::Graph;
/// use pseudospin::model::{Coupling, Model};
/// let mut xi = [0.0f64; 12];
/// let g: Graph<18> = draw_realization(12, 3, 1.0, 2024, 7, &mut xi)?;
/// assert_eq!(g.n_edges(), 18); // 12 * 3 / 2
/// assert!(xi.iter().all(|x| x.abs() <= 0.5));
/// let m = Model::new(12, g.edges(), &xi, Coupling::Uniform(0.1), Coupling::Uniform(0.0))?;
/// # let _ = m;
/// // The same numbers give the same instance.
/// let mut xi2 = [0.0f64; 12];
/// let g2: Graph<18> = draw_realization(12, 3, 1.0, 2024, 7, &mut xi2)?;
/// assert_eq!((g.edges(), xi), (g2.edges(), xi2));
/// # Ok::<(), pseudospin::Error>(())
/// ```
///
/// # Errors
/// Those of [`random_regular`] (no such graph, capacity `CAP` below `n z / 2` edges)
/// and of [`draw_fields`] (`w` negative or not finite); `xi.len() != n`
/// ([`crate::Error::LengthMismatch`]).
pub fn draw_realization<T: Real, const CAP: usize>(
    n: usize,
    z: usize,
    w: T,
    base_seed: u64,
    r: u64,
    xi: &mut [T],
) -> Result<Graph<CAP>> {
    crate::error::check_len(xi.len(), n)?;
    let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(base_seed, r));
    let graph = random_regular::<CAP, _>(n, z, &mut rng)?;
    draw_fields(&mut rng, w, xi)?;
    Ok(graph)
}
