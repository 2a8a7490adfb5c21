//! Cavity recursions on the Bethe lattice: population dynamics and quadrature.
//!
//! Conventions (README.md, "Conventions"; Ioffe-Mézard; Feigel'man-Ioffe-Mézard, PRB 82, 184534 (2010)):
//! Bethe lattice with branching `K` (coordination `Z = K + 1`),
//! `H = 2 sum_i xi_i s^z_i - sum_<ij> M_ij (s^x_i s^x_j + s^y_i s^y_j)`, `M_ij = g/K`,
//! `xi` uniform on `[-1, 1]`. (This is the exact-diagonalization Hamiltonian with
//! `Jxy = g/(2K)`, and with the fields doubled.) The Anderson model uses its own
//! conventions ([`Anderson`]).
//!
//! Two independent ways to the same numbers:
//!
//! - **Population dynamics** ([`growth_rate`], [`fixed_point`], one generation:
//!   [`generation_step`]): any [`Recursion`] with populations in caller buffers and any
//!   `rand_core::RngCore`. Recursions: the order parameter [`OrderParameter`] (nonlinear
//!   and linearized), level widths [`LevelWidths`] and their `Jzz` extension
//!   [`JzzWidths`], the Anderson model [`Anderson`] (weights correlated along the tree).
//!   Critical points by root finding with common random numbers: [`tc_population`],
//!   [`anderson_critical_disorder`], all searches configured by [`CriticalOptions`].
//! - **Tilted (spine) populations** ([`tilted_growth_rate`], [`TiltedRecursion`]): the
//!   generalized rate `Lambda(x)` of a linear recursion, whose minimum over `x` in `(0, 1]`
//!   decides the sign of the typical rate without the finite-population lag:
//!   [`tc_rsb_population`] (`T_c^RSB`) and [`anderson_critical_disorder_tilted`] (`W_c`
//!   from `Lambda(1/2) = 0`).
//! - **Quadrature** for recursions with i.i.d. weights ([`polymer_growth`],
//!   [`iid_log_moment`]): [`order_parameter_growth`], [`tc_replica_symmetric`],
//!   [`tc_rsb`], [`critical_coupling`], [`critical_branching`], [`widths_growth`],
//!   [`omega_d`], [`k_star`].
//!
//! **The branching `K` is a real number (`T`) everywhere in the public API.** The
//! quadratures accept any real `K >= 1`: the zero-temperature critical line
//! `K_c(g) = g e^(1/(e g))` ([`critical_branching`]) is crossed at non-integer `K`, and a
//! point such as `tc_rsb(g, 1.001 K_c)` is meaningful. A population draws `K` parents per
//! member, so the population constructors ([`OrderParameter::new`],
//! [`LevelWidths::new`], [`JzzWidths::new`], [`Anderson::new`], and the critical searches
//! through them) check that `K` is a positive integer (exact in the float type) and
//! return `InvalidArgument` otherwise. One type means one value serves both methods
//! (`tc_rsb(g, k)` against `tc_population(g, k, ..)`) without a conversion, and a
//! non-integer `K` given to a population is an `Err`, never a silent truncation; a
//! newtype would only have moved the same integer check into its constructor. The
//! engine's [`Recursion::branching`] is the resulting count of parents (`usize`), not a
//! parameter.
//!
//! Argument checks live in one private module (`checks`) that every recursion, quadrature
//! and search imports; workspace sizes follow the crate's `*_req` rule
//! ([`crate::work`]): [`growth_rate_req`], [`fixed_point_req`],
//! [`tilted_growth_rate_req`] and one per critical search.
//!
//! A population's typical growth rate lies below the quadrature value by the
//! finite-population shift [`finite_population_shift`], which decays only as `1/ln^2 n`;
//! tilted populations have no such lag. docs/VALIDATION.md shows the comparisons and the
//! commands that produce them.
//!
//! ```
//! use pseudospin::cavity::{growth_rate, growth_rate_req, order_parameter_growth,
//!     Normalization, OrderParameter, RunConfig};
//! use pseudospin::rng::Xoshiro256StarStar;
//! use rand_core::SeedableRng;
//!
//! // Annealed growth of the linearized order parameter at g = 0.3, K = 4, T = 0.05.
//! let quad = order_parameter_growth(0.3f64, 4.0, 0.05).unwrap();
//! let rec = OrderParameter::linearized(0.3, 4.0, 0.05).unwrap();
//! let n = 2000;
//! let mut work = vec![0.0; growth_rate_req(n, 1).unwrap().len()];
//! let mut rng = Xoshiro256StarStar::seed_from_u64(1);
//! let cfg = RunConfig::new(20, 10, 20);
//! let pop = growth_rate(&rec, n, cfg, Normalization::Mean, &mut work, &mut rng).unwrap();
//! assert!((pop.mean - quad.annealed_rate).abs() < 5.0 * pop.std_err + 1e-3);
//! ```

// `!(a < b)` is how these modules reject NaN along with out-of-range values.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

mod anderson;
mod blocks;
mod checks;
mod critical;
mod integrate;
mod order_parameter;
mod polymer;
mod population;
mod roots;
mod tc_quadrature;
mod tilted;
mod widths;
mod widths_jzz;
mod widths_quadrature;

pub use anderson::{Anderson, TiltedAnderson};
pub use blocks::Estimate;
pub use critical::{
    anderson_critical_disorder, anderson_critical_disorder_req, anderson_critical_disorder_tilted,
    anderson_critical_disorder_tilted_req, tc_population, tc_population_req, tc_rsb_population,
    tc_rsb_population_req, CriticalOptions, CriticalPoint, RsbCriticalPoint,
};
pub use order_parameter::{
    log_histogram, tail_exponent, tanh_fast, typical_value, OrderParameter, TiltedOrderParameter,
};
pub use polymer::{
    finite_population_shift, iid_log_moment, polymer_growth, LogMoment, PolymerGrowth,
};
pub use population::{
    fixed_point, fixed_point_req, generation_step, growth_rate, growth_rate_req, init_population,
    renormalize, FixedPoint, Normalization, Parents, Recursion, RunConfig,
};
pub use tc_quadrature::{
    breaking_parameter, critical_branching, critical_coupling, order_parameter_growth,
    order_parameter_log_moment, tc_replica_symmetric, tc_rsb, LN_4_EXP_GAMMA_OVER_PI,
};
pub use tilted::{tilted_growth_rate, tilted_growth_rate_req, TiltedRecursion};
pub use widths::{ExcitationEnergy, LevelWidths};
pub use widths_jzz::{JzzWidths, MAX_JZZ_BRANCHING};
pub use widths_quadrature::{
    band_centre, k_star, omega_d, omega_d_seed, widths_growth, widths_log_moment,
};
