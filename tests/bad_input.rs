//! Acceptance (d) of the foundation issue: bad input is an `Err`, never a panic.
//! One test walks through every class of bad input of the public API (bases, graphs,
//! model, dense eigensolver, tridiagonal routines) and checks the error variant.

use pseudospin::basis::{FullSpace, LinTable, Sector};
use pseudospin::graph::{random_regular, validate_edges, Graph};
use pseudospin::linalg::{
    sym_eigen, sym_eigen_req, sym_eigenvalues, sym_eigenvalues_req, tridiag_eigenvalues,
    BlockRowOperator, BlockUpdate, RowOperator,
};
use pseudospin::model::{draw_fields, Coupling, Model};
use pseudospin::rng::Xoshiro256StarStar;
use pseudospin::Error;
use rand_core::SeedableRng;

#[test]
fn every_class_of_bad_input_is_an_error() {
    // Bases: n_up > N, N > 64 (and > 32 for u32 states), N = 0, index out of range,
    // Lin storage too small.
    assert!(matches!(
        Sector::<u64>::new(4, 5),
        Err(Error::InvalidFilling { .. })
    ));
    assert!(matches!(
        Sector::<u64>::new(65, 3),
        Err(Error::TooManySites { .. })
    ));
    assert!(matches!(
        Sector::<u32>::new(33, 3),
        Err(Error::TooManySites { .. })
    ));
    assert!(Sector::<u64>::new(0, 0).is_err());
    assert!(matches!(
        FullSpace::<u64>::new(64),
        Err(Error::DimensionOverflow)
    ));
    let sector = Sector::<u64>::new(6, 3).unwrap();
    assert!(matches!(
        sector.unrank(20),
        Err(Error::IndexOutOfRange { .. })
    ));
    assert!(sector.iter_from(21).is_err());
    let mut small = [0usize; 3];
    assert!(matches!(
        LinTable::new(&sector, &mut small),
        Err(Error::WorkspaceTooSmall { .. })
    ));

    // Graphs: out of range, self-loop, duplicate (either orientation), n > 64, n*z odd,
    // z >= n, capacity.
    assert!(matches!(
        validate_edges(3, &[[0, 3]]),
        Err(Error::EdgeOutOfRange { .. })
    ));
    assert!(matches!(
        validate_edges(3, &[[1, 1]]),
        Err(Error::SelfLoop { .. })
    ));
    assert!(matches!(
        validate_edges(3, &[[0, 1], [1, 0]]),
        Err(Error::DuplicateEdge { .. })
    ));
    assert!(matches!(
        validate_edges(65, &[]),
        Err(Error::TooManySites { .. })
    ));
    let mut rng = Xoshiro256StarStar::seed_from_u64(1);
    assert!(random_regular::<16, _>(5, 3, &mut rng).is_err());
    assert!(random_regular::<16, _>(4, 4, &mut rng).is_err());
    assert!(random_regular::<16, _>(70, 3, &mut rng).is_err());
    assert!(matches!(
        random_regular::<4, _>(6, 3, &mut rng),
        Err(Error::CapacityExceeded { .. })
    ));
    assert!(matches!(
        Graph::<2>::from_edges(4, &[[0, 1], [1, 2], [2, 3]]),
        Err(Error::CapacityExceeded { .. })
    ));

    // Model: bad edges, wrong lengths, NaN / infinite parameters, sector mismatch, wrong
    // vector lengths, bad row ranges, wrong dense size.
    let edges = [[0u8, 1], [1, 2], [2, 3], [3, 0]];
    let xi = [0.1, -0.2, 0.3, 0.0];
    let (u, z) = (Coupling::Uniform(0.5), Coupling::Uniform(0.0));
    assert!(Model::new(4, &[[0, 4]], &xi, u, z).is_err());
    assert!(matches!(
        Model::new(4, &edges, &xi[..3], u, z),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(matches!(
        Model::new(4, &edges, &xi, Coupling::PerEdge(&[1.0, 2.0]), z),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(matches!(
        Model::new(4, &edges, &[0.1, f64::NAN, 0.0, 0.0], u, z),
        Err(Error::NonFinite)
    ));
    assert!(matches!(
        Model::new(4, &edges, &xi, Coupling::Uniform(f64::INFINITY), z),
        Err(Error::NonFinite)
    ));
    assert!(matches!(
        Model::new(
            4,
            &edges,
            &xi,
            u,
            Coupling::PerEdge(&[0.0, 0.0, f64::NAN, 0.0])
        ),
        Err(Error::NonFinite)
    ));
    let mut fields = [0.0; 4];
    assert!(draw_fields(&mut rng, f64::NAN, &mut fields).is_err());
    assert!(draw_fields(&mut rng, -1.0, &mut fields).is_err());
    let model = Model::new(4, &edges, &xi, u, z).unwrap();
    let other = Sector::<u64>::new(5, 2).unwrap();
    assert!(model.on_sector(&other, &other).is_err());
    let sector = Sector::<u64>::new(4, 2).unwrap();
    let h = model.on_sector(&sector, &sector).unwrap();
    let (x, mut y) = ([1.0; 6], [0.0; 6]);
    assert!(matches!(
        h.apply(&x[..5], &mut y),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(matches!(
        h.apply(&x, &mut y[..5]),
        Err(Error::LengthMismatch { .. })
    ));
    #[allow(clippy::reversed_empty_ranges)]
    let reversed = 4..2;
    assert!(matches!(
        h.apply_rows(&x, &mut y[..2], 5..7),
        Err(Error::IndexOutOfRange { index: 7, dim: 6 })
    ));
    assert!(matches!(
        h.apply_rows(&x, &mut y[..2], reversed.clone()),
        Err(Error::IndexOutOfRange { .. })
    ));
    assert!(matches!(
        h.apply_rows(&x, &mut y[..3], 0..2),
        Err(Error::LengthMismatch { .. })
    ));
    // The stored forms' single-vector and block row ranges report the same variants:
    // a range outside 0..dim is an index error, wrong lengths a length error.
    let creq = model.csr_req(&sector).unwrap().storage;
    let (mut ci, mut cr) = (vec![0u32; creq.indices.len()], vec![0.0; creq.reals.len()]);
    let csr = model.csr(&sector, &mut ci, &mut cr).unwrap();
    let breq = model.blocked_req(&sector).unwrap();
    let (mut bi, mut br) = (vec![0u32; breq.indices.len()], vec![0.0; breq.reals.len()]);
    let blocked = model.blocked(&sector, &mut bi, &mut br).unwrap();
    let ops: [(&dyn BlockRowOperator<f64>, &dyn RowOperator<f64>); 2] =
        [(&csr, &csr), (&blocked, &blocked)];
    let (xb, mut yb) = ([1.0; 12], [0.0; 12]);
    let c = BlockUpdate::product();
    for (block, rows) in ops {
        assert!(matches!(
            rows.apply_rows(&x, &mut y[..2], 5..7),
            Err(Error::IndexOutOfRange { index: 7, dim: 6 })
        ));
        assert!(matches!(
            rows.apply_rows(&x, &mut y[..3], 0..2),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(
            block.apply_block_rows(&xb, &mut yb[..4], 2, 5..7, c, None),
            Err(Error::IndexOutOfRange { index: 7, dim: 6 })
        ));
        assert!(matches!(
            block.apply_block_rows(&xb, &mut yb[..4], 2, reversed.clone(), c, None),
            Err(Error::IndexOutOfRange { .. })
        ));
        assert!(matches!(
            block.apply_block_rows(&xb, &mut yb[..4], 0, 0..2, c, None),
            Err(Error::InvalidArgument(_))
        ));
        assert!(matches!(
            block.apply_block_rows(&xb, &mut yb[..6], 2, 0..2, c, None),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(
            block.apply_block_rows(&xb[..11], &mut yb[..4], 2, 0..2, c, None),
            Err(Error::LengthMismatch { .. })
        ));
        block
            .apply_block_rows(&xb, &mut yb[..4], 2, 0..2, c, None)
            .unwrap();
    }
    let mut dense = [0.0; 35];
    assert!(matches!(
        h.fill_dense(&mut dense),
        Err(Error::LengthMismatch { .. })
    ));

    // Dense eigensolver: wrong lengths, NaN, non-symmetric, short workspace.
    let n = 3;
    let a0 = [2.0, 1.0, 0.0, 1.0, 2.0, 1.0, 0.0, 1.0, 2.0];
    let mut w = [0.0; 3];
    let mut work = vec![0.0; sym_eigenvalues_req(n).unwrap().len()];
    let mut a = a0;
    assert!(sym_eigenvalues(&mut a[..8], n, &mut w, &mut work).is_err());
    let mut a = a0;
    assert!(sym_eigenvalues(&mut a, n, &mut w[..2], &mut work).is_err());
    let mut a = a0;
    a[4] = f64::NAN;
    assert!(matches!(
        sym_eigenvalues(&mut a, n, &mut w, &mut work),
        Err(Error::NonFinite)
    ));
    let mut a = a0;
    a[1] = 1.5;
    assert!(matches!(
        sym_eigenvalues(&mut a, n, &mut w, &mut work),
        Err(Error::NotSymmetric)
    ));
    if !sym_eigenvalues_req(n).unwrap().is_empty() {
        let mut a = a0;
        let short = sym_eigenvalues_req(n).unwrap().len() - 1;
        assert!(matches!(
            sym_eigenvalues(&mut a, n, &mut w, &mut work[..short]),
            Err(Error::WorkspaceTooSmall { .. })
        ));
    }
    let mut a = a0;
    let mut v = [0.0; 9];
    let mut work = vec![0.0; sym_eigen_req(n).unwrap().len()];
    assert!(sym_eigen(&mut a, n, &mut w, &mut v[..8], &mut work).is_err());
    if !sym_eigen_req(n).unwrap().is_empty() {
        let mut a = a0;
        let short = sym_eigen_req(n).unwrap().len() - 1;
        assert!(matches!(
            sym_eigen(&mut a, n, &mut w, &mut v, &mut work[..short]),
            Err(Error::WorkspaceTooSmall { .. })
        ));
    }
    // Tridiagonal: NaN, wrong off-diagonal length.
    let mut d = [1.0, f64::INFINITY, 2.0];
    let mut e = [0.5, 0.5];
    assert!(tridiag_eigenvalues(&mut d, &mut e).is_err());
    let mut d = [1.0, 2.0, 3.0];
    let mut e = [0.5];
    assert!(tridiag_eigenvalues(&mut d, &mut e).is_err());
}
