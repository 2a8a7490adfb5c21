//! Population dynamics for cavity recursions on the Bethe lattice.
//!
//! Origin: the population-dynamics method of Abou-Chacra, Anderson and Thouless
//! (J. Phys. C 6, 1734 (1973)) and Mézard and Parisi (Eur. Phys. J. B 20, 217 (2001)).
//!
//! Math: a distribution P(y) solving a distributional recursion
//! `y = F(y_1, ..., y_K; disorder)` is represented by `n` members. One *generation* builds
//! a new population, member by member, each from `K` parents drawn uniformly (with
//! replacement) from the old population and fresh disorder; generations are synchronous
//! (old and new live in separate halves of the caller's workspace).
//!
//! *Linear* recursions (`y = sum_k w_k y_k`) grow or shrink geometrically. After each
//! generation the growth component is divided by `c_t` and `c_t` is recorded.
//! [`Normalization::Typical`]: `c_t = exp(mean ln|y|)` of the new generation; the average
//! of `ln c_t` per generation after burn-in is the *typical* (directed-polymer,
//! replica-symmetry-broken) growth rate, `min_{0<x<=1} (1/x) ln(K E[w^x])` for i.i.d.
//! weights ([`crate::cavity::polymer_growth`]); at finite `n` it is lower by about
//! `pi^2 x* Lambda''(x*) / (2 (ln n + 3 ln ln n)^2)` when `x* < 1` (the Brunet-Derrida
//! cutoff shift, [`crate::cavity::finite_population_shift`]).
//! [`Normalization::Mean`]: `c_t = mean|y|` of the new generation (the old one has mean
//! 1). For a linear recursion with uniformly drawn parents `E[c_t | past] = K E[w]`
//! exactly, so the rate is `ln` of the average of `c_t` (not the average of `ln c_t`,
//! which would follow the population's front): the *annealed* (replica-symmetric) rate
//! `ln(K E[w])`, with a delta-method standard error. The average of `c_t` is unbiased at
//! any `n`, but where the typical rate is frozen below the annealed one the `c_t` are so
//! skewed (the mean is carried by a few members) that a run of practical length
//! typically lands low and its error bar is optimistic; use it where `x* = 1`.
//! Standard errors come from block averages.
//!
//! *Nonlinear* recursions are iterated to their stationary distribution; block averages of
//! `ln|y|` and `y` for one component, and the drift between the two halves of the run,
//! tell whether the burn-in was long enough.
//!
//! Cost: `n K` parent draws and recursion evaluations per generation (plus one `ln` per
//! member for the typical normalization). Workspace: two populations,
//! [`growth_rate_req`]`(n, M)` = [`fixed_point_req`]`(n, M)` = `2 n M` scalars, carved
//! current generation first; the final population is left in the first `n M`.

use rand_core::RngCore;

use super::blocks::{CompensatedSum, Estimate, Welford};
use crate::error::check_work;
use crate::rng::uniform_below;
use crate::{Error, Real, Result, WorkReq, WorkStack};

/// A distributional recursion on members of `M` scalars, sampled by population dynamics.
///
/// Implemented by the kernel's recursions ([`crate::cavity::OrderParameter`],
/// [`crate::cavity::LevelWidths`], [`crate::cavity::JzzWidths`],
/// [`crate::cavity::Anderson`]); a caller may implement it for another recursion:
///
/// ```
/// use pseudospin::cavity::{growth_rate, growth_rate_req, Normalization, Parents,
///     Recursion, RunConfig};
/// use pseudospin::rng::{uniform_open_f64, Xoshiro256StarStar};
/// use rand_core::{RngCore, SeedableRng};
///
/// /// y = sum_{k=1..3} u_k y_k with u_k uniform on (0, 1): rate ln(3/2).
/// struct Uniform;
/// impl Recursion<f64, 1> for Uniform {
///     fn branching(&self) -> usize { 3 }
///     fn growth_component(&self) -> Option<usize> { Some(0) }
///     fn initial_member<R: RngCore + ?Sized>(&self, _: &mut R) -> [f64; 1] { [1.0] }
///     fn new_member<R: RngCore + ?Sized>(&self, p: &Parents<'_, f64, 1>, rng: &mut R)
///         -> [f64; 1] {
///         let mut s = 0.0;
///         for _ in 0..3 {
///             s += uniform_open_f64(rng) * p.draw(rng)[0];
///         }
///         [s]
///     }
/// }
/// let n = 2000;
/// let mut work = vec![0.0; growth_rate_req(n, 1).unwrap().len()];
/// let mut rng = Xoshiro256StarStar::seed_from_u64(7);
/// let e = growth_rate(&Uniform, n, RunConfig::new(20, 10, 20), Normalization::Mean,
///                     &mut work, &mut rng).unwrap();
/// assert!((e.mean - 1.5f64.ln()).abs() < 5.0 * e.std_err + 1e-3);
/// ```
pub trait Recursion<T: Real, const M: usize> {
    /// The number of parents drawn per new member: the branching `K` of the recursion's
    /// constructor (a real number that a population recursion checks to be a positive
    /// integer), as the count the engine loops over.
    fn branching(&self) -> usize;
    /// For a linear recursion, the component the engine renormalizes (the one that grows
    /// geometrically); `None` for a nonlinear recursion.
    fn growth_component(&self) -> Option<usize>;
    /// A member of the initial population.
    fn initial_member<R: RngCore + ?Sized>(&self, rng: &mut R) -> [T; M];
    /// A new member from `K` parents drawn through `parents` and fresh disorder from `rng`.
    fn new_member<R: RngCore + ?Sized>(&self, parents: &Parents<'_, T, M>, rng: &mut R) -> [T; M];
}

/// Uniform random access to the members of the old generation.
#[derive(Debug, Clone, Copy)]
pub struct Parents<'a, T, const M: usize> {
    pop: &'a [T],
    n: u64,
}

impl<'a, T: Real, const M: usize> Parents<'a, T, M> {
    /// A view of `pop`, whose length must be a positive multiple of `M` (`M >= 1`).
    pub fn new(pop: &'a [T]) -> Result<Self> {
        if M == 0 {
            return Err(Error::InvalidArgument(
                "members must have at least one component",
            ));
        }
        if pop.is_empty() || !pop.len().is_multiple_of(M) {
            return Err(Error::InvalidArgument(
                "population length must be a positive multiple of the member length",
            ));
        }
        Ok(Self {
            pop,
            n: (pop.len() / M) as u64,
        })
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.n as usize
    }

    /// Always `false` (a view is never empty).
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// A member drawn uniformly at random (with replacement).
    #[inline]
    pub fn draw<R: RngCore + ?Sized>(&self, rng: &mut R) -> [T; M] {
        let start = uniform_below(rng, self.n) as usize * M;
        let mut out = [T::zero(); M];
        if let Some(src) = self.pop.get(start..start + M) {
            for (o, s) in out.iter_mut().zip(src) {
                *o = *s;
            }
        }
        out
    }
}

/// How a linear run renormalizes each generation (and so which growth rate it measures).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Normalization {
    /// Divide by `exp(mean ln|y|)`: the typical (directed-polymer) growth rate.
    Typical,
    /// Divide by `mean |y|`: the annealed (replica-symmetric) growth rate `ln(K E[w])`,
    /// as `ln` of the average of the per-generation factors.
    Mean,
}

/// Lengths of a population run: `burn_in` generations, then `blocks` blocks of
/// `block_len` generations each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RunConfig {
    /// Generations discarded before measuring.
    pub burn_in: usize,
    /// Number of measurement blocks (at least 2, for a standard error).
    pub blocks: usize,
    /// Generations per block (at least 1).
    pub block_len: usize,
}

impl RunConfig {
    /// A run of `burn_in + blocks * block_len` generations.
    pub const fn new(burn_in: usize, blocks: usize, block_len: usize) -> Self {
        Self {
            burn_in,
            blocks,
            block_len,
        }
    }

    pub(crate) fn validate(&self) -> Result<()> {
        if self.blocks < 2 {
            return Err(Error::InvalidArgument("RunConfig: blocks must be >= 2"));
        }
        if self.block_len == 0 {
            return Err(Error::InvalidArgument("RunConfig: block_len must be >= 1"));
        }
        Ok(())
    }
}

/// Statistics of a nonlinear recursion at its fixed point.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct FixedPoint<T> {
    /// Block average of `mean ln|y|` over the population (ln of the typical value);
    /// members equal to 0 are left out (see `zero_fraction`).
    pub ln_typical: Estimate<T>,
    /// Block average of the population mean of `y`.
    pub mean: Estimate<T>,
    /// `ln_typical` averaged over the second half of the blocks minus over the first half:
    /// large compared with `ln_typical.std_err` when the run has not reached stationarity.
    pub drift: T,
    /// Fraction of members exactly 0 in the last generation (underflow below a
    /// vanishing fixed point).
    pub zero_fraction: T,
}

/// Workspace of [`growth_rate`] for `n` members of `m` components: the current and the
/// next generation, `2 n m` scalars (the current one first).
///
/// # Errors
/// [`Error::DimensionOverflow`] when the size does not fit in `usize`.
pub fn growth_rate_req(n: usize, m: usize) -> Result<WorkReq> {
    generations_req(n, m)
}

/// Workspace of [`fixed_point`] for `n` members of `m` components: the current and the
/// next generation, `2 n m` scalars (the current one first).
///
/// # Errors
/// [`Error::DimensionOverflow`] when the size does not fit in `usize`.
pub fn fixed_point_req(n: usize, m: usize) -> Result<WorkReq> {
    generations_req(n, m)
}

/// Two populations of `n` members of `m` components ([`Generations`]).
pub(crate) fn generations_req(n: usize, m: usize) -> Result<WorkReq> {
    WorkReq::array(n, m)?.times(2)
}

/// One population of `n` members of `M` components, for an engine that refuses `n = 0`
/// and `M = 0`.
pub(crate) fn population_req<const M: usize>(n: usize) -> Result<WorkReq> {
    if n == 0 {
        return Err(Error::InvalidArgument("population size n must be >= 1"));
    }
    check_shape::<M>(M)?;
    WorkReq::array(n, M)
}

/// The two generations of a run, carved from the caller's workspace
/// ([`generations_req`]): the current population and the next, which swap roles after
/// every generation.
pub(crate) struct Generations<'a, T> {
    a: &'a mut [T],
    b: &'a mut [T],
    in_a: bool,
}

impl<'a, T: Real> Generations<'a, T> {
    /// The two populations of `n` members of `M` components, from `stack`.
    pub(crate) fn carve<const M: usize>(n: usize, stack: &mut WorkStack<'a, T>) -> Result<Self> {
        let population = population_req::<M>(n)?;
        let a = stack.take_req(population)?;
        let b = stack.take_req(population)?;
        Ok(Self { a, b, in_a: true })
    }

    /// The current population.
    pub(crate) fn current(&mut self) -> &mut [T] {
        if self.in_a {
            &mut *self.a
        } else {
            &mut *self.b
        }
    }

    /// The current population and the next one.
    pub(crate) fn pair(&mut self) -> (&mut [T], &mut [T]) {
        if self.in_a {
            (&mut *self.a, &mut *self.b)
        } else {
            (&mut *self.b, &mut *self.a)
        }
    }

    /// Makes the next population the current one.
    pub(crate) fn flip(&mut self) {
        self.in_a = !self.in_a;
    }

    /// One generation of `rec` from the current population into the next, which then
    /// becomes the current one.
    pub(crate) fn advance<Rc, R, const M: usize>(&mut self, rec: &Rc, rng: &mut R) -> Result<()>
    where
        Rc: Recursion<T, M> + ?Sized,
        R: RngCore + ?Sized,
    {
        let (old, new) = self.pair();
        generation_step(rec, old, new, rng)?;
        self.flip();
        Ok(())
    }

    /// Leaves the current population in the first half of the workspace.
    pub(crate) fn finish(self) {
        if !self.in_a {
            self.a.copy_from_slice(self.b);
        }
    }
}

/// Fills `pop` (length a positive multiple of `M`) with initial members.
pub fn init_population<T, Rc, R, const M: usize>(rec: &Rc, pop: &mut [T], rng: &mut R) -> Result<()>
where
    T: Real,
    Rc: Recursion<T, M> + ?Sized,
    R: RngCore + ?Sized,
{
    check_shape::<M>(pop.len())?;
    for chunk in pop.chunks_exact_mut(M) {
        let m = rec.initial_member(rng);
        for (o, v) in chunk.iter_mut().zip(m.iter()) {
            *o = *v;
        }
    }
    Ok(())
}

/// One synchronous generation: fills `new` (at least as long as `old`) with `old.len() / M`
/// members, each from `K` random parents of `old` and fresh disorder.
///
/// Never panics: a bad shape is an `Err` (`InvalidArgument` for an empty `old` or one
/// whose length is not a multiple of `M`, `WorkspaceTooSmall` for a short `new`, and
/// `InvalidArgument` for `K = 0`). When it returns `Ok`, every component of the new
/// members is finite; a NaN or infinite new member (a NaN or infinite parent, an
/// overflow, a division by an exact zero) gives `NonFinite` (`new` is still filled).
pub fn generation_step<T, Rc, R, const M: usize>(
    rec: &Rc,
    old: &[T],
    new: &mut [T],
    rng: &mut R,
) -> Result<()>
where
    T: Real,
    Rc: Recursion<T, M> + ?Sized,
    R: RngCore + ?Sized,
{
    if rec.branching() == 0 {
        return Err(Error::InvalidArgument("branching K must be >= 1"));
    }
    let parents = Parents::<T, M>::new(old)?;
    check_work(new.len(), old.len())?;
    let new = new
        .get_mut(..old.len())
        .ok_or(Error::WorkspaceTooSmall { needed: old.len() })?;
    let mut finite = true;
    for chunk in new.chunks_exact_mut(M) {
        let m = rec.new_member(&parents, rng);
        for (o, v) in chunk.iter_mut().zip(m.iter()) {
            finite &= v.is_finite();
            *o = *v;
        }
    }
    if finite {
        Ok(())
    } else {
        Err(Error::NonFinite)
    }
}

/// Divides component `component` of every member of `pop` by `c`, the typical value
/// (`exp(mean ln|y|)` over nonzero members) or the mean of `|y|`, and returns `ln c`.
///
/// Errors: `NonFinite` when a member is NaN or infinite, every member is 0, or a
/// rescaled member overflows (the population spans more than the float range around its
/// typical value; `pop` is then partly rescaled), `IndexOutOfRange` for
/// `component >= M`, shape errors as in [`generation_step`].
pub fn renormalize<T: Real, const M: usize>(
    pop: &mut [T],
    component: usize,
    norm: Normalization,
) -> Result<T> {
    check_shape::<M>(pop.len())?;
    if component >= M {
        return Err(Error::IndexOutOfRange {
            index: component,
            dim: M,
        });
    }
    let mut sum = CompensatedSum::new();
    let mut count = 0usize;
    for chunk in pop.chunks_exact(M) {
        let y = chunk.get(component).copied().unwrap_or(T::zero()).abs();
        if !y.is_finite() {
            return Err(Error::NonFinite);
        }
        match norm {
            Normalization::Typical => {
                if y > T::zero() {
                    sum.add(y.ln());
                    count += 1;
                }
            }
            Normalization::Mean => {
                sum.add(y);
                count += 1;
            }
        }
    }
    let ln_c = match norm {
        Normalization::Typical => {
            if count == 0 {
                return Err(Error::NonFinite);
            }
            sum.value() / T::from_usize(count)
        }
        Normalization::Mean => {
            let mean = sum.value() / T::from_usize(count);
            if !(mean > T::zero()) || !mean.is_finite() {
                return Err(Error::NonFinite);
            }
            mean.ln()
        }
    };
    let scale = (-ln_c).exp();
    if !(scale > T::zero()) || !scale.is_finite() {
        return Err(Error::NonFinite);
    }
    let mut finite = true;
    for chunk in pop.chunks_exact_mut(M) {
        if let Some(y) = chunk.get_mut(component) {
            *y = *y * scale;
            finite &= y.is_finite();
        }
    }
    if finite {
        Ok(ln_c)
    } else {
        // The population spans more than the float range around its typical value.
        Err(Error::NonFinite)
    }
}

/// Growth rate per generation of a linear recursion: `n` members, `cfg.burn_in`
/// generations discarded, then `cfg.blocks` blocks of `cfg.block_len` generations: the
/// mean of `ln c_t` ([`Normalization::Typical`]) or `ln` of the mean of `c_t`
/// ([`Normalization::Mean`]), with its standard error from the block averages.
///
/// `work` needs [`growth_rate_req`]`(n, M)` scalars; the final (renormalized)
/// population is left in `work[..n * M]`. The population starts from
/// [`Recursion::initial_member`]. With the same `rng` state, two calls use the same random
/// numbers (common random numbers), so rates at nearby parameters are smooth in the
/// parameter.
///
/// Errors: `InvalidArgument` for a nonlinear recursion, `n = 0`, `K = 0` or a bad
/// `cfg`; `WorkspaceTooSmall`; `NonFinite` when the population over- or underflows.
pub fn growth_rate<T, Rc, R, const M: usize>(
    rec: &Rc,
    n: usize,
    cfg: RunConfig,
    norm: Normalization,
    work: &mut [T],
    rng: &mut R,
) -> Result<Estimate<T>>
where
    T: Real,
    Rc: Recursion<T, M> + ?Sized,
    R: RngCore + ?Sized,
{
    let component = rec.growth_component().ok_or(Error::InvalidArgument(
        "growth_rate needs a linear recursion",
    ))?;
    cfg.validate()?;
    let mut pops = start_run(rec, n, work, rng)?;
    renormalize::<T, M>(pops.current(), component, norm)?;
    for _ in 0..cfg.burn_in {
        pops.advance(rec, rng)?;
        renormalize::<T, M>(pops.current(), component, norm)?;
    }
    // Typical: block means of ln c_t. Mean: block means of c_t itself (E[c_t | past] =
    // K E[w] exactly, so their average is unbiased), reported as ln with a delta-method
    // standard error.
    let mut blocks = Welford::new();
    for _ in 0..cfg.blocks {
        let mut s = CompensatedSum::new();
        for _ in 0..cfg.block_len {
            pops.advance(rec, rng)?;
            let ln_c = renormalize::<T, M>(pops.current(), component, norm)?;
            s.add(match norm {
                Normalization::Typical => ln_c,
                Normalization::Mean => ln_c.exp(),
            });
        }
        blocks.push(s.value() / T::from_usize(cfg.block_len));
    }
    pops.finish();
    let est = blocks.estimate();
    match norm {
        Normalization::Typical => Ok(est),
        Normalization::Mean => log_of_mean(est),
    }
}

/// `ln` of a positive mean, with the delta-method standard error `std_err / mean`;
/// `NonFinite` when the mean is not positive or either is not finite (overflow).
pub(crate) fn log_of_mean<T: Real>(est: Estimate<T>) -> Result<Estimate<T>> {
    if !(est.mean > T::zero()) || !est.mean.is_finite() || !est.std_err.is_finite() {
        return Err(Error::NonFinite);
    }
    Ok(Estimate {
        mean: est.mean.ln(),
        std_err: est.std_err / est.mean,
        samples: est.samples,
    })
}

/// Iterates a (nonlinear) recursion towards its stationary distribution and measures
/// component `component`: `cfg.burn_in` generations discarded, then block averages of the
/// population's `mean ln|y|` and `mean y` per generation.
///
/// `work` needs [`fixed_point_req`]`(n, M)` scalars; the final population is left in
/// `work[..n * M]`. Linear recursions are accepted too (they are then not renormalized).
///
/// Errors: `InvalidArgument` for `n = 0`, `K = 0` or a bad `cfg`; `IndexOutOfRange` for
/// `component >= M`; `WorkspaceTooSmall`; `NonFinite` when a member becomes NaN or
/// infinite.
pub fn fixed_point<T, Rc, R, const M: usize>(
    rec: &Rc,
    n: usize,
    cfg: RunConfig,
    component: usize,
    work: &mut [T],
    rng: &mut R,
) -> Result<FixedPoint<T>>
where
    T: Real,
    Rc: Recursion<T, M> + ?Sized,
    R: RngCore + ?Sized,
{
    cfg.validate()?;
    if component >= M {
        return Err(Error::IndexOutOfRange {
            index: component,
            dim: M,
        });
    }
    let mut pops = start_run(rec, n, work, rng)?;
    for _ in 0..cfg.burn_in {
        pops.advance(rec, rng)?;
    }
    let mut ln_blocks = Welford::new();
    let mut mean_blocks = Welford::new();
    let mut first_half = Welford::new();
    let mut second_half = Welford::new();
    let mut zero_fraction = T::zero();
    for blk in 0..cfg.blocks {
        let mut s_ln = CompensatedSum::new();
        let mut s_mean = CompensatedSum::new();
        for _ in 0..cfg.block_len {
            pops.advance(rec, rng)?;
            let obs = observe::<T, M>(pops.current(), component)?;
            s_ln.add(obs.0);
            s_mean.add(obs.1);
            zero_fraction = obs.2;
        }
        let len = T::from_usize(cfg.block_len);
        let ln_b = s_ln.value() / len;
        ln_blocks.push(ln_b);
        mean_blocks.push(s_mean.value() / len);
        if 2 * blk < cfg.blocks {
            first_half.push(ln_b);
        } else {
            second_half.push(ln_b);
        }
    }
    pops.finish();
    let drift = if first_half.count() > 0 && second_half.count() > 0 {
        second_half.mean() - first_half.mean()
    } else {
        T::zero()
    };
    Ok(FixedPoint {
        ln_typical: ln_blocks.estimate(),
        mean: mean_blocks.estimate(),
        drift,
        zero_fraction,
    })
}

/// The two generations of a run of `n` members in `work` ([`generations_req`]), the
/// current one filled with initial members.
fn start_run<'a, T, Rc, R, const M: usize>(
    rec: &Rc,
    n: usize,
    work: &'a mut [T],
    rng: &mut R,
) -> Result<Generations<'a, T>>
where
    T: Real,
    Rc: Recursion<T, M> + ?Sized,
    R: RngCore + ?Sized,
{
    // `n = 0` and `M = 0` need no workspace: `carve` refuses them.
    generations_req(n, M)?.check(work.len())?;
    let mut pops = Generations::carve::<M>(n, &mut WorkStack::new(work))?;
    init_population(rec, pops.current(), rng)?;
    Ok(pops)
}

/// (mean ln|y| over nonzero members, mean y, fraction of zeros) of one component.
/// `mean ln|y|` is `-inf` when every member is 0.
fn observe<T: Real, const M: usize>(pop: &[T], component: usize) -> Result<(T, T, T)> {
    let mut s_ln = CompensatedSum::new();
    let mut s = CompensatedSum::new();
    let mut nonzero = 0usize;
    let mut n = 0usize;
    for chunk in pop.chunks_exact(M) {
        let y = chunk.get(component).copied().unwrap_or(T::zero());
        if !y.is_finite() {
            return Err(Error::NonFinite);
        }
        n += 1;
        s.add(y);
        if y != T::zero() {
            s_ln.add(y.abs().ln());
            nonzero += 1;
        }
    }
    let nf = T::from_usize(n.max(1));
    let ln_typ = if nonzero > 0 {
        s_ln.value() / T::from_usize(nonzero)
    } else {
        T::neg_infinity()
    };
    Ok((ln_typ, s.value() / nf, T::from_usize(n - nonzero) / nf))
}

fn check_shape<const M: usize>(len: usize) -> Result<()> {
    if M == 0 {
        return Err(Error::InvalidArgument(
            "members must have at least one component",
        ));
    }
    if len == 0 || !len.is_multiple_of(M) {
        return Err(Error::InvalidArgument(
            "population length must be a positive multiple of the member length",
        ));
    }
    Ok(())
}
