//! Level statistics: gap ratios of one realization in a window, and the mergeable
//! disorder average (`pseudospin::stats`).

use numpy::{PyArray1, PyReadonlyArray1};
use pseudospin::stats::{gap_ratios as kernel_gap_ratios, window_gap_ratio, Accumulator, Window};
use pseudospin::stats::{RealizationStats, MAX_REALIZATIONS};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::{self, kernel, vec_of};
use crate::operator::{stats_tuple, window_from, StatsTuple};

/// Whether level `e` (between the first and last level, sorted) lies in `w`, decided by
/// the kernel's own membership test: the window of `[first, e, last]` has the same
/// reference levels (first and last) as the whole list.
fn member(w: Window<f64>, first: f64, e: f64, last: f64) -> pseudospin::Result<bool> {
    let ends = window_gap_ratio(&[first, last], w)?.n_levels_in_window;
    let with = window_gap_ratio(&[first, e, last], w)?.n_levels_in_window;
    Ok(with > ends)
}

/// Gap ratios of sorted `levels` inside a window: the ratios that count (all three
/// levels inside, exact ties skipped) in level order, and the kernel's statistics
/// `(n_levels, n_ratios, n_ties, mean_r)`.
#[pyfunction]
#[pyo3(signature = (levels, kind, lo, hi))]
pub fn window_gap_ratios<'py>(
    py: Python<'py>,
    levels: PyReadonlyArray1<'py, f64>,
    kind: &str,
    lo: f64,
    hi: f64,
) -> PyResult<(Bound<'py, PyArray1<f64>>, StatsTuple)> {
    let w = window_from(kind, lo, hi)?;
    let levels = levels
        .as_slice()
        .map_err(|_| errors::value("levels must be C-contiguous"))?;
    let what = "gap ratios";
    let stats = window_gap_ratio(levels, w).map_err(|e| kernel(what, e))?;
    let (first, last) = match (levels.first(), levels.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => return Ok((PyArray1::from_vec(py, Vec::new()), stats_tuple(&stats))),
    };
    // Sorted levels and a monotone coordinate: the levels inside are one index range.
    let mut range: Option<(usize, usize)> = None;
    for (k, &e) in levels.iter().enumerate() {
        if member(w, first, e, last).map_err(|e| kernel(what, e))? {
            range = Some(match range {
                None => (k, k + 1),
                Some((a, _)) => (a, k + 1),
            });
        }
    }
    let inside = range.map_or(&[][..], |(a, b)| &levels[a..b]);
    let mut out = vec_of(what, inside.len().saturating_sub(2), 0.0f64)?;
    let counts = kernel_gap_ratios(inside, &mut out).map_err(|e| kernel(what, e))?;
    out.truncate(counts.n_ratios);
    if counts.n_ratios != stats.n_ratios || counts.n_ties != stats.n_ties {
        return Err(pyo3::exceptions::PyRuntimeError::new_err(
            "gap ratios: the window's levels are not one index range (a bug: please report it)",
        ));
    }
    Ok((PyArray1::from_vec(py, out), stats_tuple(&stats)))
}

/// An entry of an accumulator's history as Python sees it: (tag, value, n_levels,
/// n_ratios, n_ties), tag 0 value, 1 empty, 2 realization with a mean, 3 without.
type StateEntry = (u8, f64, usize, usize, usize);

/// One entry of an accumulator's history (replayed to pickle it).
#[derive(Debug, Clone, Copy)]
enum Entry {
    Value(f64),
    Realization(StatsTuple),
    Empty,
}

/// Mean, variance and standard error of one value per realization, over realizations
/// `first..end`, mergeable bit for bit across contiguous shards (the kernel's
/// `stats::Accumulator`, f64).
#[pyclass(module = "pseudospin._pseudospin")]
#[derive(Clone)]
pub struct Accumulator_ {
    acc: Accumulator<f64>,
    first: u64,
    history: Vec<Entry>,
}

impl Accumulator_ {
    fn apply(acc: &mut Accumulator<f64>, e: Entry) -> pseudospin::Result<()> {
        match e {
            Entry::Value(x) => acc.push(x),
            Entry::Empty => acc.push_empty(),
            Entry::Realization((n_levels, n_ratios, n_ties, mean_r)) => {
                acc.push_realization(&RealizationStats {
                    n_levels_in_window: n_levels,
                    n_ratios,
                    n_ties,
                    mean_r,
                })
            }
        }
    }

    fn record(&mut self, e: Entry) -> PyResult<()> {
        Self::apply(&mut self.acc, e).map_err(|e| kernel("Accumulator", e))?;
        self.history.push(e);
        Ok(())
    }
}

#[pymethods]
impl Accumulator_ {
    /// Accumulator(first=0): empty, its next realization is index `first`.
    #[new]
    #[pyo3(signature = (first=0))]
    fn new(first: u64) -> PyResult<Self> {
        if first > MAX_REALIZATIONS {
            return Err(errors::value(format!(
                "first = {first}: realization indices are below 2^32"
            )));
        }
        let acc = Accumulator::starting_at(first).map_err(|e| kernel("Accumulator", e))?;
        Ok(Self {
            acc,
            first,
            history: Vec::new(),
        })
    }

    /// Records the next realization with value `x`.
    fn push(&mut self, x: f64) -> PyResult<()> {
        self.record(Entry::Value(x))
    }

    /// Records the next realization with no value.
    fn push_empty(&mut self) -> PyResult<()> {
        self.record(Entry::Empty)
    }

    /// Records the next realization from its window statistics (its mean gap ratio, or
    /// no value when it has no ratio; the counts add up).
    fn push_realization(
        &mut self,
        n_levels: usize,
        n_ratios: usize,
        n_ties: usize,
        mean_r: Option<f64>,
    ) -> PyResult<()> {
        self.record(Entry::Realization((n_levels, n_ratios, n_ties, mean_r)))
    }

    /// Merges the adjacent shard `other` (just after or just before this one).
    fn merge(&mut self, other: &Self) -> PyResult<()> {
        self.acc
            .merge(&other.acc)
            .map_err(|e| kernel("Accumulator.merge", e))?;
        if other.acc.range().0 == other.acc.range().1 {
            return Ok(());
        }
        if self.history.is_empty() && self.acc.range() == other.acc.range() {
            self.first = other.first;
            self.history = other.history.clone();
        } else if other.first < self.first {
            let mut h = other.history.clone();
            h.extend_from_slice(&self.history);
            self.history = h;
            self.first = other.first;
        } else {
            self.history.extend_from_slice(&other.history);
        }
        Ok(())
    }

    /// `(first, end)`: the realizations covered.
    #[getter]
    fn range(&self) -> (u64, u64) {
        self.acc.range()
    }

    /// The summary as a dict: n_realizations, n_empty, count, mean, variance, std_error,
    /// n_ratios, n_ties, n_levels (None where undefined).
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = self.acc.summary();
        let d = PyDict::new(py);
        d.set_item("n_realizations", s.n_realizations)?;
        d.set_item("n_empty", s.n_empty)?;
        d.set_item("count", s.count)?;
        d.set_item("mean", s.mean)?;
        d.set_item("variance", s.variance)?;
        d.set_item("std_error", s.std_error)?;
        d.set_item("n_ratios", s.n_ratios)?;
        d.set_item("n_ties", s.n_ties)?;
        d.set_item("n_levels", s.n_levels)?;
        Ok(d)
    }

    /// The state for pickling: (first, history), replayed by `_from_state`.
    fn _state(&self) -> (u64, Vec<StateEntry>) {
        let h = self
            .history
            .iter()
            .map(|e| match *e {
                Entry::Value(x) => (0u8, x, 0, 0, 0),
                Entry::Empty => (1, 0.0, 0, 0, 0),
                Entry::Realization((l, r, t, m)) => match m {
                    Some(m) => (2, m, l, r, t),
                    None => (3, 0.0, l, r, t),
                },
            })
            .collect();
        (self.first, h)
    }

    /// An accumulator from `_state()`.
    #[staticmethod]
    fn _from_state(first: u64, history: Vec<StateEntry>) -> PyResult<Self> {
        let mut a = Self::new(first)?;
        for (tag, x, l, r, t) in history {
            let e = match tag {
                0 => Entry::Value(x),
                1 => Entry::Empty,
                2 => Entry::Realization((l, r, t, Some(x))),
                3 => Entry::Realization((l, r, t, None)),
                _ => return Err(errors::value("not an accumulator state")),
            };
            a.record(e)?;
        }
        Ok(a)
    }
}
