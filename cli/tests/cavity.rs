//! `pseudospin cavity`: the kernel's quadrature critical points, as JSON and as a sweep.

mod common;

use common::{run_ok, Scratch};
use pseudospin::cavity::{critical_coupling, tc_replica_symmetric, tc_rsb};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    serde_json::from_slice(&run_ok(args).stdout).unwrap()
}

#[test]
fn tc_prints_the_kernels_critical_temperatures() {
    let v = json(&["cavity", "tc", "--g", "0.3", "--k", "4", "--json"]);
    assert_eq!(
        v["tc_rs"].as_f64().unwrap(),
        tc_replica_symmetric(0.3).unwrap()
    );
    assert_eq!(v["tc_rsb"].as_f64().unwrap(), tc_rsb(0.3, 4.0).unwrap());
    assert!(v["tc_rsb"].as_f64().unwrap() <= v["tc_rs"].as_f64().unwrap());
}

#[test]
fn gc_prints_the_kernels_critical_coupling() {
    let v = json(&["cavity", "gc", "--k", "2", "--json"]);
    assert_eq!(v["g_c"].as_f64().unwrap(), critical_coupling(2.0).unwrap());
}

#[test]
fn sweep_writes_csv_and_plots() {
    let dir = Scratch::new("cavity-sweep");
    let out = dir.path("out");
    run_ok(&[
        "cavity",
        "sweep",
        "--k",
        "3",
        "--g",
        "0.1,0.2,0.3",
        "--out",
        out.to_str().unwrap(),
    ]);
    let csv = std::fs::read_to_string(out.join("tc.csv")).unwrap();
    assert_eq!(csv.lines().next(), Some("g,k,tc_rs,tc_rsb"));
    assert_eq!(csv.lines().count(), 4);
    assert!(out.join("tc.svg").is_file() && out.join("tc.png").is_file());
}

#[test]
fn line_writes_the_kernels_critical_line_and_marks_a_point() {
    let dir = Scratch::new("cavity-line");
    let out = dir.path("out");
    let o = out.to_str().unwrap();
    let args = [
        "cavity", "line", "--k-max", "4", "--points", "4", "--mark", "4,0.129", "--out", o,
        "--json",
    ];
    let v = json(&args);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    for (i, row) in rows.iter().enumerate() {
        let k = 1.0 + i as f64;
        assert_eq!(row["k"].as_f64().unwrap(), k);
        assert_eq!(row["g_c"].as_f64().unwrap(), critical_coupling(k).unwrap());
    }
    for f in ["gc.csv", "gc.svg", "gc.png"] {
        assert!(out.join(f).is_file(), "{f}");
    }
    common::run_err(
        &["cavity", "line", "--mark", "4", "--out", o],
        "--mark [4.0]: needs two finite numbers K,G",
    );
    // A marked coupling on the T_c sweep.
    run_ok(&[
        "cavity", "sweep", "--k", "4", "--g", "0.1,0.2", "--mark", "0.129", "--out", o,
    ]);
    assert!(out.join("tc.png").is_file());
}
