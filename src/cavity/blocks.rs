//! Running sums and block statistics for population runs.
//!
//! Origin: Welford's one-pass mean and variance (Technometrics 4, 419 (1962)) over block
//! means; second-order compensated summation (Neumaier, ZAMM 54, 39 (1974); Klein,
//! Computing 76, 279 (2006)) for sums over a population, so that f32 sums over 10^6
//! members keep their precision. Math: a run of `blocks` blocks of `block_len` generations gives `blocks` block means `m_b`; the
//! estimate is their mean and the standard error `sd(m_b) / sqrt(blocks)`, which is
//! honest when blocks are longer than the correlation time of the series. Cost: O(1) per
//! sample. No workspace.

use crate::Real;

/// A mean with its standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Estimate<T> {
    /// The mean.
    pub mean: T,
    /// Its standard error (standard deviation of the block means over sqrt(blocks)).
    pub std_err: T,
    /// Number of independent samples (blocks) behind it.
    pub samples: usize,
}

/// Second-order compensated sum (Klein's iterative Kahan-Babuska, Computing 76, 279
/// (2006)): keeps an f32 sum of 10^6 same-sign terms exact to a few ulps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CompensatedSum<T> {
    sum: T,
    cs: T,
    ccs: T,
}

impl<T: Real> CompensatedSum<T> {
    pub(crate) fn new() -> Self {
        Self {
            sum: T::zero(),
            cs: T::zero(),
            ccs: T::zero(),
        }
    }

    #[inline]
    fn two_sum(a: T, b: T) -> (T, T) {
        let t = a + b;
        let c = if a.abs() >= b.abs() {
            (a - t) + b
        } else {
            (b - t) + a
        };
        (t, c)
    }

    #[inline]
    pub(crate) fn add(&mut self, x: T) {
        let (t, c) = Self::two_sum(self.sum, x);
        self.sum = t;
        let (t2, cc) = Self::two_sum(self.cs, c);
        self.cs = t2;
        self.ccs = self.ccs + cc;
    }

    #[inline]
    pub(crate) fn value(&self) -> T {
        self.sum + (self.cs + self.ccs)
    }
}

/// Welford's running mean and variance.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Welford<T> {
    n: usize,
    mean: T,
    m2: T,
}

impl<T: Real> Welford<T> {
    pub(crate) fn new() -> Self {
        Self {
            n: 0,
            mean: T::zero(),
            m2: T::zero(),
        }
    }

    pub(crate) fn push(&mut self, x: T) {
        self.n += 1;
        let d = x - self.mean;
        self.mean = self.mean + d / T::from_usize(self.n);
        self.m2 = self.m2 + d * (x - self.mean);
    }

    pub(crate) fn count(&self) -> usize {
        self.n
    }

    pub(crate) fn mean(&self) -> T {
        self.mean
    }

    /// Mean and standard error of the mean (0 when fewer than two samples).
    pub(crate) fn estimate(&self) -> Estimate<T> {
        let std_err = if self.n >= 2 {
            let nf = T::from_usize(self.n);
            (self.m2 / (nf - T::one()) / nf).sqrt()
        } else {
            T::zero()
        };
        Estimate {
            mean: self.mean,
            std_err,
            samples: self.n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welford_matches_two_pass() {
        let xs = [1.0f64, 4.0, 2.0, 8.0, 5.0, 7.0];
        let mut w = Welford::new();
        for &x in &xs {
            w.push(x);
        }
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
        let e = w.estimate();
        assert!((e.mean - mean).abs() < 1e-15);
        assert!((e.std_err - (var / n).sqrt()).abs() < 1e-15);
        assert_eq!(e.samples, 6);
    }

    #[test]
    fn compensated_sum_keeps_f32_precision() {
        let mut s = CompensatedSum::<f32>::new();
        let mut naive = 0.0f32;
        for _ in 0..1_000_000 {
            s.add(0.1);
            naive += 0.1;
        }
        assert!((s.value() - 100_000.0).abs() < 0.01, "{}", s.value());
        assert!(
            (naive - 100_000.0).abs() > 1.0,
            "naive sum unexpectedly exact"
        );
    }
}
