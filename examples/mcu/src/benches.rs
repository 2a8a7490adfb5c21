//! The fixed-size benchmarks, one function each, shared word for word by the firmware
//! (`src/bin/*.rs`) and the host generator of the reference values
//! (`examples/mcu_reference.rs` at the repository root, which includes this file), so
//! the host and the microcontroller run the same calls on the same inputs.
//!
//! Every benchmark takes its scratch memory from the caller (sizes in the generated
//! `reference.rs`) and a [`Clock`] that it reads between its phases.

use pseudospin::basis::{LinTable, Ranker, Sector};
use pseudospin::cavity::{growth_rate, Normalization, OrderParameter, RunConfig};
use pseudospin::graph::Edge;
use pseudospin::linalg::{
    lanczos_lowest, sym_eigenvalues, LanczosOptions, LanczosReport, LinearOperator,
};
use pseudospin::model::{Coupling, Model};
use pseudospin::rng::{SeedableRng, Xoshiro256StarStar};
use pseudospin::stats::{window_gap_ratio, Window};
use pseudospin::{Real, Result};

/// Base seed of the instances (realization 0 of `draw_realization(n, 3, W, SEED, 0)`).
pub const SEED: u64 = 2026;
/// Coordination of the random regular graphs.
pub const Z: usize = 3;
/// Disorder width: fields uniform on `[-W/2, W/2]`.
pub const W: f64 = 1.0;
/// XY coupling on every edge (`Jzz = 0`).
pub const JXY: f64 = 0.1;
/// Lanczos step limit (it sets the workspace: `3 D + 8 max_steps + 2` reals).
pub const LANCZOS_MAX_STEPS: usize = 120;
/// Operator products timed on their own in the ground-state benchmark.
pub const PRODUCTS: usize = 4;
/// Cavity: coupling `g`, branching `K` (`Z = K + 1`), temperature.
pub const CAVITY_G: f64 = 1.0;
/// Cavity branching `K`.
pub const CAVITY_K: f64 = 2.0;
/// Cavity temperature.
pub const CAVITY_T: f64 = 0.1;
/// Seed of the cavity population's random numbers.
pub const CAVITY_SEED: u64 = 7;
/// 100 generations: 20 of burn-in, then 8 blocks of 10.
pub const CAVITY_RUN: RunConfig = RunConfig::new(20, 8, 10);

/// The sizes of one board class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    /// Sites of the ground-state instance (half filling).
    pub ground_n: usize,
    /// Sites of the dense instance (half filling).
    pub dense_n: usize,
    /// Members of the cavity population.
    pub cavity_members: usize,
    /// Sites of the rank/unrank sector (half filling).
    pub bases_n: usize,
}

/// Boards with at least 64 KiB of RAM: N = 12 (D = 924), N = 8 (D = 70).
pub const FULL: Profile = Profile {
    ground_n: 12,
    dense_n: 8,
    cavity_members: 1024,
    bases_n: 16,
};

/// 16 KiB of RAM (micro:bit): N = 10 (D = 252), N = 6 (D = 20).
pub const SMALL: Profile = Profile {
    ground_n: 10,
    dense_n: 6,
    cavity_members: 1024,
    bases_n: 16,
};

/// A monotonic counter (instructions, cycles or nanoseconds).
pub trait Clock {
    /// The current count.
    fn now(&mut self) -> u64;
}

/// The Lanczos options of the ground-state benchmark (the defaults but the step limit).
pub fn lanczos_options<T: Real>() -> LanczosOptions<T> {
    LanczosOptions::new().max_steps(LANCZOS_MAX_STEPS)
}

/// What the ground-state benchmark measured.
#[derive(Debug, Clone, Copy)]
pub struct Ground<T> {
    /// The ground energy.
    pub e0: T,
    /// The Lanczos estimate of its residual.
    pub residual: T,
    /// The driver's report.
    pub report: LanczosReport,
    /// Clock counts: building the blocked operator, [`PRODUCTS`] products, the Lanczos run.
    pub cost_build: u64,
    /// See `cost_build`.
    pub cost_products: u64,
    /// See `cost_build`.
    pub cost_lanczos: u64,
}

/// Ground energy at half filling of the model on `edges` with fields `xi`
/// (`Jxy = JXY`, `Jzz = 0`) by minimal-memory Lanczos on the blocked operator, in `T`.
///
/// Storage: `indices`, `reals` from `Model::blocked_req`, `work` from
/// `lanczos_lowest_req(D, 1, ..).work`, `x`, `y` of length D (the timed products).
#[allow(clippy::too_many_arguments)]
pub fn ground<T: Real, C: Clock>(
    edges: &[Edge],
    xi: &[T],
    indices: &mut [u32],
    reals: &mut [T],
    work: &mut [T],
    x: &mut [T],
    y: &mut [T],
    clock: &mut C,
) -> Result<Ground<T>> {
    let n = xi.len();
    let jxy = Coupling::Uniform(T::from_f64(JXY));
    let model = Model::new(n, edges, xi, jxy, Coupling::Uniform(T::zero()))?;
    let sector = Sector::<u32>::new(n, n / 2)?;
    let t0 = clock.now();
    let h = model.blocked(&sector, indices, reals)?;
    let t1 = clock.now();
    for (k, v) in x.iter_mut().enumerate() {
        *v = T::one() / T::from_usize(k + 1);
    }
    for _ in 0..PRODUCTS {
        h.apply(x, y)?;
        x.copy_from_slice(y);
    }
    let t2 = clock.now();
    let (mut e0, mut residual) = ([T::zero()], [T::zero()]);
    let report = lanczos_lowest(&h, &lanczos_options(), &mut e0, &mut residual, None, work)?;
    let t3 = clock.now();
    Ok(Ground {
        e0: e0[0],
        residual: residual[0],
        report,
        cost_build: t1 - t0,
        cost_products: t2 - t1,
        cost_lanczos: t3 - t2,
    })
}

/// What the dense benchmark measured.
#[derive(Debug, Clone, Copy)]
pub struct Dense<T> {
    /// Mean gap ratio of the levels in the normalized window [0.25, 0.75] (mid-band).
    pub mean_r: T,
    /// Ratios counted in it.
    pub n_ratios: usize,
    /// Clock counts: filling the matrix, the eigenvalues, the gap ratio.
    pub cost_fill: u64,
    /// See `cost_fill`.
    pub cost_eigen: u64,
    /// See `cost_fill`.
    pub cost_ratio: u64,
}

/// All eigenvalues (into `levels`, ascending) of the model on `edges` with fields `xi`
/// at half filling, by the dense solver, and their mid-band gap ratio.
///
/// Storage: `a` of `D * D`, `levels` of `D`, `work` from `sym_eigenvalues_req(D)`.
pub fn dense<T: Real, C: Clock>(
    edges: &[Edge],
    xi: &[T],
    a: &mut [T],
    levels: &mut [T],
    work: &mut [T],
    clock: &mut C,
) -> Result<Dense<T>> {
    let n = xi.len();
    let jxy = Coupling::Uniform(T::from_f64(JXY));
    let model = Model::new(n, edges, xi, jxy, Coupling::Uniform(T::zero()))?;
    let sector = Sector::<u32>::new(n, n / 2)?;
    let t0 = clock.now();
    model.on_sector(&sector, &sector)?.fill_dense(a)?;
    let t1 = clock.now();
    sym_eigenvalues(a, sector.dim(), levels, work)?;
    let t2 = clock.now();
    let window = Window::Normalized {
        lo: T::from_f64(0.25),
        hi: T::from_f64(0.75),
    };
    let stats = window_gap_ratio(levels, window)?;
    let t3 = clock.now();
    Ok(Dense {
        mean_r: stats.mean_r.unwrap_or(T::nan()),
        n_ratios: stats.n_ratios,
        cost_fill: t1 - t0,
        cost_eigen: t2 - t1,
        cost_ratio: t3 - t2,
    })
}

/// What the cavity benchmark measured.
#[derive(Debug, Clone, Copy)]
pub struct Cavity<T> {
    /// Typical growth rate per generation (block mean of `ln c_t`).
    pub rate: T,
    /// Its standard error from the 8 blocks.
    pub std_err: T,
    /// Clock count of the whole run.
    pub cost: u64,
}

/// The typical growth rate of the linearized order-parameter recursion
/// (`g = CAVITY_G`, `K = CAVITY_K`, `T = CAVITY_T`) from `members` members over
/// [`CAVITY_RUN`] (100 generations), random numbers from seed [`CAVITY_SEED`].
///
/// Storage: `work` from `growth_rate_req(members, 1)`.
pub fn cavity<T: Real, C: Clock>(
    members: usize,
    work: &mut [T],
    clock: &mut C,
) -> Result<Cavity<T>> {
    let rec = OrderParameter::linearized(
        T::from_f64(CAVITY_G),
        T::from_f64(CAVITY_K),
        T::from_f64(CAVITY_T),
    )?;
    let mut rng = Xoshiro256StarStar::seed_from_u64(CAVITY_SEED);
    let t0 = clock.now();
    let est = growth_rate(
        &rec,
        members,
        CAVITY_RUN,
        Normalization::Typical,
        work,
        &mut rng,
    )?;
    let t1 = clock.now();
    Ok(Cavity {
        rate: est.mean,
        std_err: est.std_err,
        cost: t1 - t0,
    })
}

/// What the bases benchmark measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bases {
    /// Sector dimension (operations per pass).
    pub dim: usize,
    /// `sum_i (i + 1) s_i` over the unranked states (wrapping).
    pub checksum: u64,
    /// States whose rank (by the sector and by Lin's tables) was not their index.
    pub mismatches: usize,
    /// Clock counts of the three passes: unrank every index, rank every state by the
    /// sector (table-free), rank every state by Lin's tables.
    pub cost_unrank: u64,
    /// See `cost_unrank`.
    pub cost_rank: u64,
    /// See `cost_unrank`.
    pub cost_rank_lin: u64,
}

/// Rank/unrank round trips over the whole half-filling sector of `n` sites.
///
/// Storage: `lin_storage` from `LinTable::new_req(n)`.
pub fn bases<C: Clock>(n: usize, lin_storage: &mut [usize], clock: &mut C) -> Result<Bases> {
    let sector = Sector::<u32>::new(n, n / 2)?;
    let lin = LinTable::new(&sector, lin_storage)?;
    let dim = sector.dim();
    let mut checksum = 0u64;
    let mut mismatches = 0usize;
    let t0 = clock.now();
    for i in 0..dim {
        let s = sector.unrank(i)?;
        checksum = checksum.wrapping_add((i as u64 + 1).wrapping_mul(u64::from(s)));
    }
    let t1 = clock.now();
    for (i, s) in sector.iter().enumerate() {
        mismatches += usize::from(sector.rank(s) != Some(i));
    }
    let t2 = clock.now();
    for (i, s) in sector.iter().enumerate() {
        mismatches += usize::from(lin.rank(s) != Some(i));
    }
    let t3 = clock.now();
    Ok(Bases {
        dim,
        checksum,
        mismatches,
        cost_unrank: t1 - t0,
        cost_rank: t2 - t1,
        cost_rank_lin: t3 - t2,
    })
}
