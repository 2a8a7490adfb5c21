//! Every public size query of the kernel, in one place: each follows the naming rule (the
//! query of `f` is `f_req`, returning `Result`), reports an overflowing size as
//! `Err(DimensionOverflow)` (or the routine's own error for an impossible argument),
//! never a saturated length, and gives lengths that its routine accepts.

mod common;

use common::instance;
use pseudospin::basis::{LinTable, Sector};
use pseudospin::cavity::{
    anderson_critical_disorder_req, anderson_critical_disorder_tilted_req, fixed_point_req,
    growth_rate_req, tc_population_req, tc_rsb_population_req, tilted_growth_rate_req,
    CriticalOptions,
};
use pseudospin::ed::{realization_gap_ratios_req, RealizationOptions};
use pseudospin::graph::Edge;
use pseudospin::linalg::{
    lanczos_lowest_req, lanczos_lowest_stored_req, sym_eigen_req, sym_eigenvalues_req,
    trlan_lowest_req, LanczosOptions,
};
use pseudospin::model::{Coupling, Model};
use pseudospin::stats::gap_ratios_req;
use pseudospin::{Error, WorkReq};

const OVERFLOW: Result<(), Error> = Err(Error::DimensionOverflow);

fn overflow<R>(r: Result<R, Error>) -> Result<(), Error> {
    r.map(|_| ())
}

#[test]
fn every_size_query_reports_overflow_as_an_error() {
    let big = usize::MAX / 2 + 1;
    // The requirement type itself.
    assert_eq!(overflow(WorkReq::array(big, 2)), OVERFLOW);
    assert_eq!(overflow(WorkReq::new(big).and(WorkReq::new(big))), OVERFLOW);
    assert_eq!(overflow(WorkReq::new(big).times(2)), OVERFLOW);
    // Bases: N = 64 Lin tables need 2^33 entries, more than a 32-bit usize holds.
    assert_eq!(
        overflow(LinTable::<u64>::new_req_with_usize_max(64, u32::MAX as u64)),
        OVERFLOW
    );
    // Dense and Lanczos solvers.
    let lopts = LanczosOptions::<f64>::new();
    assert_eq!(overflow(sym_eigenvalues_req(big)), OVERFLOW);
    assert_eq!(overflow(sym_eigen_req(big)), OVERFLOW);
    assert_eq!(overflow(lanczos_lowest_req(big, 2, &lopts)), OVERFLOW);
    assert_eq!(
        overflow(lanczos_lowest_stored_req(big, 1, 4, &lopts)),
        OVERFLOW
    );
    assert_eq!(overflow(trlan_lowest_req(big, 1, 8)), OVERFLOW);
    assert_eq!(overflow(trlan_lowest_req(1, usize::MAX, 8)), OVERFLOW);
    // Cavity populations and searches.
    assert_eq!(overflow(growth_rate_req(big, 1)), OVERFLOW);
    assert_eq!(overflow(fixed_point_req(big, 1)), OVERFLOW);
    assert_eq!(overflow(tilted_growth_rate_req(big, 1)), OVERFLOW);
    let copts = CriticalOptions::<f64>::new().population(usize::MAX);
    assert_eq!(overflow(tc_population_req(&copts)), OVERFLOW);
    assert_eq!(overflow(anderson_critical_disorder_req(&copts)), OVERFLOW);
    assert_eq!(overflow(tc_rsb_population_req(&copts)), OVERFLOW);
    assert_eq!(
        overflow(anderson_critical_disorder_tilted_req(&copts)),
        OVERFLOW
    );
    // Gap ratios: the output bound never overflows (n - 2).
    assert_eq!(gap_ratios_req(usize::MAX).unwrap().len(), usize::MAX - 2);
}

/// A 64-site ring: sectors far beyond any memory.
fn ring64() -> (Vec<Edge>, Vec<f64>) {
    let edges = (0..64u8).map(|i| [i, (i + 1) % 64]).collect();
    (edges, vec![0.1; 64])
}

#[test]
fn model_and_pipeline_queries_refuse_sectors_beyond_their_indices() {
    let (edges, xi) = ring64();
    let m = Model::new(
        64,
        &edges,
        &xi,
        Coupling::Uniform(0.1),
        Coupling::Uniform(0.0),
    )
    .unwrap();
    let sector = Sector::<u64>::new(64, 32).unwrap(); // D = C(64, 32) ~ 1.8e18
                                                      // CSR indices are u32: refused before any sweep of the sector.
    assert_eq!(overflow(m.csr_req(&sector)), OVERFLOW);
    // The blocked form's local indices are 16-bit: N <= 36.
    assert!(matches!(
        m.blocked_req(&sector),
        Err(Error::TooManySites {
            n_sites: 64,
            max: 36
        })
    ));
    // The pipeline: dense (D^2) and slicing (CSR) paths.
    let dense = RealizationOptions::<f64>::new().dense_max_dim(usize::MAX);
    assert_eq!(
        overflow(realization_gap_ratios_req(&m, 32, &dense)),
        OVERFLOW
    );
    let slicing = RealizationOptions::<f64>::new().dense_max_dim(0);
    assert_eq!(
        overflow(realization_gap_ratios_req(&m, 32, &slicing)),
        OVERFLOW
    );
}

#[test]
fn queried_lengths_are_accepted_and_one_less_is_refused() {
    let inst = instance(10, 0, 0.1, 0.1);
    let m = inst.model();
    let sector = Sector::<u32>::new(10, 5).unwrap();
    // Lin tables.
    let lin = LinTable::<u32>::new_req(10).unwrap().len();
    assert!(LinTable::new(&sector, &mut vec![0usize; lin]).is_ok());
    assert_eq!(
        LinTable::new(&sector, &mut vec![0usize; lin - 1]).err(),
        Some(Error::WorkspaceTooSmall { needed: lin })
    );
    // Blocked and CSR storages.
    for req in [
        m.blocked_req(&sector).unwrap(),
        m.csr_req(&sector).unwrap().storage,
    ] {
        let (ni, nr) = (req.indices.len(), req.reals.len());
        let blocked = req == m.blocked_req(&sector).unwrap();
        let build = |i: &mut [u32], r: &mut [f64]| {
            if blocked {
                m.blocked(&sector, i, r).map(|_| ())
            } else {
                m.csr(&sector, i, r).map(|_| ())
            }
        };
        assert!(build(&mut vec![0; ni], &mut vec![0.0; nr]).is_ok());
        assert_eq!(
            build(&mut vec![0; ni - 1], &mut vec![0.0; nr]).err(),
            Some(Error::WorkspaceTooSmall { needed: ni })
        );
        assert_eq!(
            build(&mut vec![0; ni], &mut vec![0.0; nr - 1]).err(),
            Some(Error::WorkspaceTooSmall { needed: nr })
        );
    }
}
