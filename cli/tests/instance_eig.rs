//! `pseudospin instance` and `pseudospin eig`: the instance is the kernel's realization,
//! it reads back as written, and the eigenvalues are the kernel's (dense: bit for bit;
//! window and lowest: the dense levels to 1e-9).

mod common;

use common::{run_ok, Scratch};
use pseudospin::basis::Sector;
use pseudospin::ed::draw_realization;
use pseudospin::graph::Graph;
use pseudospin::linalg::{sym_eigenvalues, sym_eigenvalues_req};
use pseudospin::model::{Coupling, Model};
use serde_json::Value;

/// The kernel's dense levels of realization `r` (N sites, Z = 3, W = 1, seed 5).
fn kernel_levels(n: usize, r: u64, jxy: f64, jzz: f64) -> Vec<f64> {
    let mut xi = vec![0.0; n];
    let g: Graph<64> = draw_realization(n, 3, 1.0, 5, r, &mut xi).unwrap();
    let m = Model::new(
        n,
        g.edges(),
        &xi,
        Coupling::Uniform(jxy),
        Coupling::Uniform(jzz),
    )
    .unwrap();
    let s = Sector::<u64>::new(n, n / 2).unwrap();
    let d = s.dim();
    let mut a = vec![0.0; d * d];
    m.on_sector(&s, &s).unwrap().fill_dense(&mut a).unwrap();
    let mut w = vec![0.0; d];
    let mut work = vec![0.0; sym_eigenvalues_req(d).unwrap().len()];
    sym_eigenvalues(&mut a, d, &mut w, &mut work).unwrap();
    w
}

fn eigenvalues(out: &std::process::Output) -> Vec<f64> {
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["eigenvalues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn write_instance(dir: &Scratch, name: &str, n: usize, r: u64) -> String {
    let path = dir.path(name).display().to_string();
    let (n, r) = (n.to_string(), r.to_string());
    run_ok(&[
        "instance",
        "--n",
        &n,
        "--seed",
        "5",
        "--realization",
        &r,
        "--jxy",
        "0.2",
        "--jzz",
        "0.1",
        "-o",
        &path,
    ]);
    path
}

#[test]
fn instance_is_the_kernels_realization_in_the_documented_fields() {
    let dir = Scratch::new("instance");
    let path = write_instance(&dir, "i.json", 10, 3);
    let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let mut xi = vec![0.0f64; 10];
    let g: Graph<64> = draw_realization(10, 3, 1.0, 5, 3, &mut xi).unwrap();
    assert_eq!(v["n"], 10);
    assert_eq!(v["n_up"], 5);
    let edges: Vec<[u8; 2]> = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| [e[0].as_u64().unwrap() as u8, e[1].as_u64().unwrap() as u8])
        .collect();
    assert_eq!(edges, g.edges());
    let got: Vec<u64> = v["xi"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap().to_bits())
        .collect();
    let want: Vec<u64> = xi.iter().map(|x: &f64| x.to_bits()).collect();
    assert_eq!(got, want, "fields round trip bit for bit");
    assert_eq!(v["jxy"], 0.2);
    assert_eq!(v["jzz"], 0.1);
    // Standard output when no file is given: the same document.
    let o = run_ok(&[
        "instance",
        "--n",
        "10",
        "--seed",
        "5",
        "--realization",
        "3",
        "--jxy",
        "0.2",
        "--jzz",
        "0.1",
    ]);
    assert_eq!(serde_json::from_slice::<Value>(&o.stdout).unwrap(), v);
}

#[test]
fn dense_eigenvalues_equal_the_kernels_bit_for_bit() {
    let dir = Scratch::new("eig-dense");
    let path = write_instance(&dir, "i.json", 10, 3);
    let got = eigenvalues(&run_ok(&["eig", "--instance", &path, "--json"]));
    let want = kernel_levels(10, 3, 0.2, 0.1);
    assert_eq!(got.len(), 252);
    assert!(got
        .iter()
        .zip(&want)
        .all(|(a, b)| a.to_bits() == b.to_bits()));
    // Plain output: one level a line, the same numbers.
    let o = run_ok(&["eig", "--instance", &path]);
    let plain: Vec<f64> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    assert_eq!(plain, got);
}

#[test]
fn per_edge_couplings_written_by_hand_give_the_same_levels() {
    let dir = Scratch::new("eig-per-edge");
    let path = write_instance(&dir, "i.json", 8, 1);
    let mut v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let ne = v["edges"].as_array().unwrap().len();
    v["jxy"] = Value::from(vec![0.2; ne]);
    v["jzz"] = Value::from(vec![0.1; ne]);
    let edited = dir.path("per-edge.json");
    std::fs::write(&edited, serde_json::to_vec(&v).unwrap()).unwrap();
    let a = eigenvalues(&run_ok(&["eig", "--instance", &path, "--json"]));
    let b = eigenvalues(&run_ok(&[
        "eig",
        "--instance",
        edited.to_str().unwrap(),
        "--json",
    ]));
    assert_eq!(a, b);
}

#[test]
fn window_and_lowest_agree_with_dense() {
    let dir = Scratch::new("eig-window");
    let path = write_instance(&dir, "i.json", 10, 3);
    let dense = kernel_levels(10, 3, 0.2, 0.1);
    let (lo, hi) = (-0.5, 0.5);
    let o = run_ok(&[
        "eig",
        "--instance",
        &path,
        "--window",
        "-0.5",
        "0.5",
        "--json",
    ]);
    let got = eigenvalues(&o);
    let want: Vec<f64> = dense
        .iter()
        .copied()
        .filter(|&e| e >= lo && e <= hi)
        .collect();
    assert!(want.len() > 20);
    assert_eq!(got.len(), want.len());
    assert!(got.iter().zip(&want).all(|(a, b)| (a - b).abs() < 1e-9));
    let got = eigenvalues(&run_ok(&[
        "eig",
        "--instance",
        &path,
        "--lowest",
        "4",
        "--json",
    ]));
    assert_eq!(got.len(), 4);
    assert!(
        got.iter().zip(&dense).all(|(a, b)| (a - b).abs() < 1e-9),
        "{got:?} vs {:?}",
        &dense[..4]
    );
}

#[test]
fn a_reader_that_stops_early_ends_the_program_quietly() {
    // `pseudospin eig ... | head -1`: the reader closes the pipe; the program must exit
    // with status 0 and nothing on stderr (it panicked on the broken pipe before).
    use std::process::{Command, Stdio};
    let dir = Scratch::new("broken-pipe");
    let path = write_instance(&dir, "i.json", 10, 1);
    let mut child = Command::new(common::bin())
        .args(["eig", "--instance", &path])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // closed before the first line is written
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "status {:?}, stderr: {err}",
        out.status
    );
    assert!(err.is_empty(), "stderr: {err}");
}
