//! Replays the saved inputs of the fuzz target `capi_boundary`
//! (`fuzz/regressions/capi_boundary/*`) through the same property checks the fuzzer
//! asserts (`fuzz/capi_props.rs`), plus a deterministic batch of pseudo-random inputs, so
//! a crash found once stays fixed.
//!
//! The seeds hold four calls each, of the class their name says (each call's bytes
//! chosen so that it lands in that class with the status given):
//! - `seed-valid-1..4` (`PS_OK`, results equal to the Rust API's): `ps_unrank`,
//!   `ps_hamiltonian_init_static`, `ps_apply_f32`, `ps_sector_eigenvalues`; `ps_lowest`,
//!   `ps_trlan_lowest_f32`, `ps_window_eigenvalues`, `ps_gap_ratio_window`;
//!   `ps_realization_gap_ratios`, `ps_tc_rsb`, `ps_growth_rate`, `ps_draw_realization`;
//!   `ps_hamiltonian_create` and free, `ps_apply_rows`, `ps_hamiltonian_size_f32`,
//!   `ps_realization_gap_ratios_work_size`;
//! - `seed-null` (`PS_NULL_POINTER`): `ps_hamiltonian_dim`, `ps_sector_eigenvalues_f32`,
//!   `ps_lowest`, `ps_realization_gap_ratios`;
//! - `seed-misaligned` (`PS_MISALIGNED`): `ps_hamiltonian_init_static`,
//!   `ps_trlan_lowest`, `ps_growth_rate`, `ps_gap_ratio_window`;
//! - `seed-short-1`, `seed-short-2` (one element or byte short: `PS_WORKSPACE_TOO_SMALL`
//!   or `PS_LENGTH_MISMATCH`, the size in `*needed`): the block of
//!   `ps_hamiltonian_init_static_f32`, `w_out` and the workspace of
//!   `ps_sector_eigenvalues[_f32]`, the workspaces of `ps_lowest_f32`,
//!   `ps_trlan_lowest` and `ps_realization_gap_ratios`, the `out` of
//!   `ps_window_eigenvalues`, an output of `ps_draw_realization`;
//! - `seed-overlap-1` (`PS_OVERLAP`): `ps_apply`, `ps_sector_eigenvalues`, `ps_lowest`,
//!   `ps_realization_gap_ratios`; `seed-overlap-2`: two inputs sharing bytes (allowed:
//!   `PS_OK`) in `ps_hamiltonian_init_static` and `ps_sector_eigenvalues_f32`, and
//!   `PS_OVERLAP` in `ps_hamiltonian_create` and `ps_growth_rate`;
//! - `seed-handle`, `seed-handle-free` (`PS_INVALID_HANDLE`): copied, wiped, junk and
//!   other-precision handles in `ps_hamiltonian_dim`, `ps_apply[_f32]`,
//!   `ps_apply_rows`, `ps_lowest`, `ps_trlan_lowest_f32`, `ps_window_eigenvalues`;
//!   `ps_hamiltonian_free` of a caller's block and of a copy;
//! - `seed-param-1..3` (a value outside its domain, the header's status):
//!   `ps_sector_dim` (N above 64), `ps_hamiltonian_init_static` (a self-loop),
//!   `ps_apply_rows` (rows out of range), `ps_lowest` (a workspace sized for vectors,
//!   called without), `ps_trlan_lowest` (k or ncv out of range), `ps_gap_ratio_window` (a
//!   NaN), `ps_realization_gap_ratios` (`PS_INVALID_ARGUMENT`), `ps_critical_coupling` (K < 1),
//!   `ps_growth_rate`, `ps_draw_realization` (a NaN bandwidth),
//!   `ps_sector_eigenvalues` (a NaN field or coupling), `ps_apply` (`len != D`).

#[path = "../../fuzz/capi_props.rs"]
mod capi_props;

/// SplitMix64: the batch's bytes (no dependency for one test).
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[test]
fn capi_boundary_regressions() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions/capi_boundary");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fuzz/regressions/capi_boundary")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the seeds are committed");
    for f in &files {
        let data = std::fs::read(f).expect("a readable regression file");
        eprintln!("replaying {}", f.display());
        capi_props::capi_boundary(&data);
    }
    let mut state = 0xca_b1;
    for i in 0..96 {
        let len = 8 + i * 5 % 120;
        let data: Vec<u8> = (0..len).map(|_| splitmix(&mut state) as u8).collect();
        capi_props::capi_boundary(&data);
    }
}
