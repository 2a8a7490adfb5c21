//! Tilted (one-step replica-symmetry-breaking) population dynamics: the generalized
//! growth rate `Lambda(x)` of a linear recursion by a spine population, free of the
//! finite-population lag of the typical rate.
//!
//! Origin: the many-to-one (spine) decomposition of branching processes (Lyons, Pemantle
//! and Peres, Ann. Probab. 23, 1125 (1995)) with sequential importance resampling
//! (systematic resampling: Kitagawa, J. Comput. Graph. Stat. 5, 1 (1996)); the
//! directed-polymer free energy `min_{0<x<=1} Lambda(x)/x` (Derrida and Spohn, J. Stat.
//! Phys. 51, 817 (1988)) and the Anderson criterion `Lambda(1/2) = 0` (Abou-Chacra,
//! Anderson and Thouless, J. Phys. C 6, 1734 (1973); Tikhonov and Mirlin, PRB 99, 214202
//! (2019)).
//!
//! Math: a linear recursion `y_i = sum_{k=1..K} w(s_i, s_k) y_k` on a tree whose weights
//! depend on an autonomous (nonlinear) state `s` (the Anderson real part `R`; nothing for
//! i.i.d. weights). `Lambda(x) = lim (1/t) ln E[sum over paths of prod w^x]` is the growth
//! rate of the *tilted* recursion (weights `w^x`). By the many-to-one lemma,
//! `E[sum_paths prod w^x] = E[prod over one spine of K w^x]`, the spine's siblings being
//! independent members of the plain (untilted) state population. A population of `n`
//! spine members, each carrying one new factor `a = K w^x` per generation and resampled in
//! proportion to it, measures `Lambda(x) = ln` of the mean of the per-generation averages
//! `c_t = mean(a)`, with a delta-method standard error from blocks. Resampling keeps every
//! member's weight local, so the estimate does not suffer from the heavy tail of
//! `prod w^x` that makes a plain annealed population ([`crate::cavity::Normalization::Mean`])
//! noisy and, for the typical rate, lag by the Brunet-Derrida shift. The typical rate is
//! `min_{0<x<=1} Lambda(x)/x`; it vanishes where `min_{0<x<=1} Lambda(x) = 0` (`Lambda(0)
//! = ln K > 0`), which is how [`crate::cavity::tc_rsb_population`] and
//! [`crate::cavity::anderson_critical_disorder_tilted`] find `T_c^RSB` and `W_c`.
//!
//! For i.i.d. weights the spine's state is irrelevant and the estimate is a Monte Carlo
//! estimate of `ln(K E[w^x])`, the quantity the quadrature integrates; the method earns
//! its keep where the weights are correlated along the tree (Anderson).
//!
//! Cost per generation: one plain generation (`n K` draws; skipped when the weights do not
//! depend on the state), `n (K - 1)` sibling draws and `n` weights, one resampling pass.
//! Workspace: [`tilted_growth_rate_req`]`(n, M) = 4 n M + n` scalars: the two state
//! generations, the spine and its children, the factors (carved in that order).

use rand_core::RngCore;

use super::blocks::{CompensatedSum, Estimate, Welford};
use super::population::{
    generation_step, generations_req, init_population, log_of_mean, population_req, Generations,
    Parents, Recursion, RunConfig,
};
use crate::rng::uniform_f64;
use crate::{Error, Real, Result, WorkReq, WorkStack};

/// A linear recursion in tilted form: an autonomous state recursion (the supertrait
/// [`Recursion`], nonlinear: `growth_component` is `None`) and the spine step.
pub trait TiltedRecursion<T: Real, const M: usize>: Recursion<T, M> {
    /// Whether the weights depend on the state. When `false` the state population is
    /// never advanced (the weights are i.i.d.).
    fn state_dependent(&self) -> bool;
    /// One spine step: the new spine member, built from the old spine member `spine` and
    /// `K - 1` siblings drawn from `siblings` with fresh disorder, and its factor
    /// `a = K w^x >= 0` (the branching `K` included).
    fn spine_step<R: RngCore + ?Sized>(
        &self,
        spine: [T; M],
        siblings: &Parents<'_, T, M>,
        rng: &mut R,
    ) -> ([T; M], T);
}

/// Workspace of [`tilted_growth_rate`] for `n` members of `m` components: the two
/// generations of the state population, the spine population and its children, and `n`
/// factors, `4 n m + n` scalars (carved in that order).
///
/// # Errors
/// [`Error::DimensionOverflow`] when the size does not fit in `usize`.
pub fn tilted_growth_rate_req(n: usize, m: usize) -> Result<WorkReq> {
    let states = generations_req(n, m)?;
    let spines = WorkReq::array(n, m)?.times(2)?;
    WorkReq::all_of(&[states, spines, WorkReq::new(n)])
}

/// `Lambda(x)`, the growth rate per generation of the tilted recursion `rec`, by a spine
/// population of `n` members: `cfg.burn_in` generations discarded, then `cfg.blocks`
/// blocks of `cfg.block_len`; `ln` of the mean of the per-generation averages `c_t` of the
/// spine factors, with a delta-method standard error from the block means. With the same
/// `rng` state two calls use the same random numbers (common random numbers).
///
/// `work` needs [`tilted_growth_rate_req`]`(n, M)` scalars. The state population starts from
/// [`Recursion::initial_member`], the spine from copies of it.
///
/// Errors: `InvalidArgument` for `n = 0`, `K = 0`, a bad `cfg` or a linear state recursion;
/// `WorkspaceTooSmall`; `NonFinite` when a state member or a factor is not finite, a
/// factor is negative, every factor of a generation is 0, their sum overflows, or the
/// factors of different generations differ by more than the float range.
pub fn tilted_growth_rate<T, Rc, R, const M: usize>(
    rec: &Rc,
    n: usize,
    cfg: RunConfig,
    work: &mut [T],
    rng: &mut R,
) -> Result<Estimate<T>>
where
    T: Real,
    Rc: TiltedRecursion<T, M> + ?Sized,
    R: RngCore + ?Sized,
{
    if rec.growth_component().is_some() {
        return Err(Error::InvalidArgument(
            "the state of a tilted recursion must be nonlinear",
        ));
    }
    if rec.branching() == 0 {
        return Err(Error::InvalidArgument("branching K must be >= 1"));
    }
    cfg.validate()?;
    tilted_growth_rate_req(n, M)?.check(work.len())?;
    // `n = 0` and `M = 0` need no workspace: `carve` and `population_req` refuse them.
    let mut stack = WorkStack::new(work);
    let mut states = Generations::carve::<M>(n, &mut stack)?;
    let population = population_req::<M>(n)?;
    let spine = stack.take_req(population)?;
    let children = stack.take_req(population)?;
    let factors = stack.take(n)?;

    init_population(rec, states.current(), rng)?;
    spine.copy_from_slice(states.current());
    let mut step = |rng: &mut R| -> Result<T> {
        let (old, new) = states.pair();
        let c = spine_generation(rec, old, spine, children, factors, rng)?;
        if rec.state_dependent() {
            generation_step(rec, old, new, rng)?;
            states.flip();
        }
        Ok(c)
    };
    for _ in 0..cfg.burn_in {
        step(rng)?;
    }
    // The factors c_t are averaged relative to the first one measured, so that their
    // squares (the block variance) stay in range whatever their size.
    let mut ln_ref: Option<T> = None;
    let mut blocks = Welford::new();
    for _ in 0..cfg.blocks {
        let mut s = CompensatedSum::new();
        for _ in 0..cfg.block_len {
            let ln_c = step(rng)?.ln();
            let r = *ln_ref.get_or_insert(ln_c);
            s.add((ln_c - r).exp());
        }
        blocks.push(s.value() / T::from_usize(cfg.block_len));
    }
    let est = log_of_mean(blocks.estimate())?;
    Ok(Estimate {
        mean: est.mean + ln_ref.unwrap_or(T::zero()),
        ..est
    })
}

/// One spine generation: `children[i]` and `factors[i]` from `spine[i]` and siblings from
/// `state`; returns the mean factor `c_t` and resamples `children` into `spine` in
/// proportion to the factors (systematic resampling, one uniform).
fn spine_generation<T, Rc, R, const M: usize>(
    rec: &Rc,
    state: &[T],
    spine: &mut [T],
    children: &mut [T],
    factors: &mut [T],
    rng: &mut R,
) -> Result<T>
where
    T: Real,
    Rc: TiltedRecursion<T, M> + ?Sized,
    R: RngCore + ?Sized,
{
    let siblings = Parents::<T, M>::new(state)?;
    let mut total = CompensatedSum::new();
    for ((parent, child), f) in spine
        .chunks_exact(M)
        .zip(children.chunks_exact_mut(M))
        .zip(factors.iter_mut())
    {
        let mut s = [T::zero(); M];
        for (o, v) in s.iter_mut().zip(parent) {
            *o = *v;
        }
        let (m, a) = rec.spine_step(s, &siblings, rng);
        if !(a >= T::zero()) || !a.is_finite() || m.iter().any(|v| !v.is_finite()) {
            return Err(Error::NonFinite);
        }
        for (o, v) in child.iter_mut().zip(m.iter()) {
            *o = *v;
        }
        *f = a;
        total.add(a);
    }
    let total = total.value();
    let n = T::from_usize(factors.len());
    if !(total > T::zero()) || !total.is_finite() {
        return Err(Error::NonFinite);
    }
    // Systematic resampling: member i is copied floor or ceil of n a_i / total times.
    let stride = total / n;
    let mut next = T::from_f64(uniform_f64(rng)) * stride;
    let mut acc = T::zero();
    let mut out = spine.chunks_exact_mut(M);
    let mut last: Option<&[T]> = None;
    for (child, a) in children.chunks_exact(M).zip(factors.iter()) {
        acc = acc + *a;
        while next < acc {
            match out.next() {
                Some(dst) => dst.copy_from_slice(child),
                None => break,
            }
            next = next + stride;
        }
        if *a > T::zero() {
            last = Some(child);
        }
    }
    // Rounding can leave the last slots unfilled: give them the last member with a
    // nonzero factor.
    if let Some(src) = last {
        for dst in out {
            dst.copy_from_slice(src);
        }
    }
    Ok(total / n)
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use crate::cavity::population::Parents;
    use crate::rng::{uniform_open_f64, Xoshiro256StarStar};
    use rand_core::SeedableRng;
    use std::vec;

    /// Weights u uniform on (0, 1), K = 3: Lambda(x) = ln(3/(1 + x)).
    struct Uniform {
        x: f64,
    }
    impl Recursion<f64, 1> for Uniform {
        fn branching(&self) -> usize {
            3
        }
        fn growth_component(&self) -> Option<usize> {
            None
        }
        fn initial_member<R: RngCore + ?Sized>(&self, _: &mut R) -> [f64; 1] {
            [0.0]
        }
        fn new_member<R: RngCore + ?Sized>(&self, _: &Parents<'_, f64, 1>, _: &mut R) -> [f64; 1] {
            [0.0]
        }
    }
    impl TiltedRecursion<f64, 1> for Uniform {
        fn state_dependent(&self) -> bool {
            false
        }
        fn spine_step<R: RngCore + ?Sized>(
            &self,
            s: [f64; 1],
            _: &Parents<'_, f64, 1>,
            rng: &mut R,
        ) -> ([f64; 1], f64) {
            (s, 3.0 * libm::pow(uniform_open_f64(rng), self.x))
        }
    }

    #[test]
    fn iid_weights_give_the_log_moment() {
        let n = 2000;
        let mut work = vec![0.0; tilted_growth_rate_req(n, 1).unwrap().len()];
        for x in [0.25, 0.5, 1.0, 2.0] {
            let mut rng = Xoshiro256StarStar::seed_from_u64(3);
            let e = tilted_growth_rate(
                &Uniform { x },
                n,
                RunConfig::new(5, 10, 20),
                &mut work,
                &mut rng,
            )
            .unwrap();
            let exact = libm::log(3.0 / (1.0 + x));
            assert!(
                (e.mean - exact).abs() < 4.0 * e.std_err,
                "x={x}: {e:?} vs {exact}"
            );
            assert!(e.std_err < 2e-3);
        }
    }

    #[test]
    fn bad_input_is_an_error() {
        let mut work = vec![0.0; tilted_growth_rate_req(10, 1).unwrap().len()];
        let mut rng = Xoshiro256StarStar::seed_from_u64(3);
        let rec = Uniform { x: 1.0 };
        let cfg = RunConfig::new(1, 2, 1);
        assert!(tilted_growth_rate(&rec, 0, cfg, &mut work, &mut rng).is_err());
        assert!(matches!(
            tilted_growth_rate(&rec, 10, cfg, &mut work[..40], &mut rng),
            Err(Error::WorkspaceTooSmall { .. })
        ));
        assert!(
            tilted_growth_rate(&rec, 10, RunConfig::new(1, 1, 1), &mut work, &mut rng).is_err()
        );
        assert!(
            tilted_growth_rate(&Uniform { x: f64::NAN }, 10, cfg, &mut work, &mut rng).is_err()
        );
    }
}
