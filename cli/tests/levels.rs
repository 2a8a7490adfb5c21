//! `pseudospin levels` and `merge`: summaries bit for bit the same whatever the thread
//! count, interruption (SIGINT, SIGKILL, a half-written last line) or sharding; no
//! completed realization lost; other parameters in an existing folder refused.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{lines, read, run_err, run_ok, Scratch};

/// The sweep of these tests: 2 sizes x 5 couplings x 24 realizations = 240 results
/// (N = 8 dense; about a second in a debug build on two threads).
const REALIZATIONS: usize = 24;
const TOTAL: usize = 2 * 5 * REALIZATIONS;

fn sweep(out: &Path) -> Vec<String> {
    sweep_of(out, "0.02,0.05,0.1,0.2,0.5", "24")
}

fn sweep_of(out: &Path, jxy: &str, realizations: &str) -> Vec<String> {
    [
        "levels",
        "--n",
        "6,8",
        "--jxy",
        jxy,
        "--window",
        "low,inter,mid,eps:0.25:0.75",
        "--realizations",
        realizations,
        "--seed",
        "7",
        "--out",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([out.display().to_string()])
    .collect()
}

fn with<'a>(base: &'a [String], extra: &[&'a str]) -> Vec<&'a str> {
    base.iter()
        .map(String::as_str)
        .chain(extra.iter().copied())
        .collect()
}

/// The uninterrupted, unsharded, one-thread run, computed once for all tests.
fn reference() -> &'static (Vec<u8>, Vec<u8>) {
    static REF: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    REF.get_or_init(|| {
        let dir = Scratch::new("reference");
        let out = dir.path("out");
        run_ok(&with(&sweep(&out), &["--threads", "1"]));
        (
            read(&out.join("levels.csv")),
            read(&out.join("crossings.csv")),
        )
    })
}

fn assert_same_summary(out: &Path) {
    let (levels, crossings) = reference();
    assert!(
        read(&out.join("levels.csv")) == *levels,
        "levels.csv differs from the reference"
    );
    assert!(
        read(&out.join("crossings.csv")) == *crossings,
        "crossings.csv differs from the reference"
    );
}

/// Every (N, Jxy, r) exactly once over all record files of `out`.
fn assert_complete_records(out: &Path) {
    let mut keys = HashSet::new();
    let mut count = 0;
    for entry in std::fs::read_dir(out).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "jsonl") {
            for line in std::fs::read_to_string(&p).unwrap().lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                keys.insert((v["n"].to_string(), v["jxy"].to_string(), v["r"].to_string()));
                count += 1;
            }
        }
    }
    assert_eq!(keys.len(), TOTAL, "distinct results");
    assert_eq!(count, TOTAL, "records (a duplicate means work was redone)");
}

/// Starts the sweep in `out`, waits until at least `at_least` results are written,
/// then sends `signal`; returns how many results were on disk after the child ended.
fn interrupt(out: &Path, at_least: usize, signal: i32) -> usize {
    let args = sweep(out);
    let mut child = Command::new(common::bin())
        .args(with(&args, &["--threads", "2"]))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let jsonl = out.join("realizations.jsonl");
    let start = Instant::now();
    while lines(&jsonl) < at_least && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(2));
    }
    // SAFETY: kill(2) on the pid of our own child, which has not been waited for.
    let rc = unsafe { libc::kill(child.id() as libc::pid_t, signal) };
    assert_eq!(rc, 0);
    let status = child.wait().unwrap();
    let written = lines(&jsonl);
    if written < TOTAL {
        assert!(!status.success(), "a stopped run should not report success");
    } else {
        // An optimized build can finish the whole sweep before the signal lands; the
        // rerun below is then checked all the same.
        eprintln!("note: the run finished before the signal; nothing was interrupted");
    }
    written
}

#[test]
fn summary_is_independent_of_thread_count() {
    let dir = Scratch::new("threads");
    let out = dir.path("out");
    run_ok(&with(&sweep(&out), &["--threads", "2"]));
    assert_same_summary(&out);
    assert_complete_records(&out);
    for f in [
        "levels.svg",
        "levels.png",
        "levels-pooled.svg",
        "levels-pooled.png",
        "manifest.json",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let svg = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
    assert!(svg("levels-pooled.svg").contains("all ratios pooled"));
    assert!(!svg("levels.svg").contains("all ratios pooled"));
    let csv = String::from_utf8(read(&out.join("levels.csv"))).unwrap();
    assert!(csv.starts_with("n,jxy,jzz,window,mean,std_err,count,solver"));
    assert_eq!(csv.lines().count(), 1 + 2 * 5 * 4);
}

#[test]
fn sigint_midway_then_rerun_gives_the_same_summary() {
    let dir = Scratch::new("sigint");
    let out = dir.path("out");
    interrupt(&out, 40, libc::SIGINT);
    run_ok(&with(&sweep(&out), &["--threads", "2"]));
    assert_complete_records(&out);
    assert_same_summary(&out);
}

#[test]
fn sigkill_and_half_written_line_then_rerun_gives_the_same_summary() {
    let dir = Scratch::new("sigkill");
    let out = dir.path("out");
    interrupt(&out, 60, libc::SIGKILL);
    // A write cut short: half a record at the end of the file.
    let jsonl = out.join("realizations.jsonl");
    let mut bytes = read(&jsonl);
    bytes.extend_from_slice(br#"{"n":8,"jxy":0.1,"r":3,"solver":"de"#);
    std::fs::write(&jsonl, bytes).unwrap();
    run_ok(&with(&sweep(&out), &["--threads", "2"]));
    assert_complete_records(&out);
    assert_same_summary(&out);
    // A second rerun has nothing left to do and changes nothing.
    run_ok(&with(&sweep(&out), &["--threads", "1"]));
    assert_eq!(lines(&jsonl), TOTAL);
    assert_same_summary(&out);
}

#[test]
fn other_parameters_in_an_existing_folder_are_refused() {
    let dir = Scratch::new("refuse");
    let out = dir.path("out");
    run_ok(&with(&sweep_of(&out, "0.02,0.05", "2"), &[]));
    run_err(
        &with(&sweep_of(&out, "0.02,0.05", "2"), &["--jzz", "0.1"]),
        "holds a sweep with other parameters (jzz: 0.0 there, 0.1 now)",
    );
    run_err(
        &with(&sweep_of(&out, "0.02,0.05", "2"), &["--w", "2"]),
        "holds a sweep with other parameters (w: 1.0 there, 2.0 now)",
    );
    // The same parameters in another order are the same sweep.
    run_ok(&with(&sweep_of(&out, "0.05,0.02", "2"), &[]));
}

/// The solver may change in place: the records already there are kept (each names its
/// solver), the new ones are made by the new solver, and the manifest follows.
#[test]
fn another_solver_continues_the_sweep_in_place() {
    let dir = Scratch::new("solver");
    let out = dir.path("out");
    run_ok(&with(&sweep_of(&out, "0.02,0.05", "2"), &[]));
    let first = std::fs::read_to_string(out.join("realizations.jsonl")).unwrap();
    let o = run_ok(&with(
        &sweep_of(&out, "0.02,0.05", "3"),
        &["--solver", "slicing"],
    ));
    assert!(String::from_utf8_lossy(&o.stderr).contains("solver"));
    let all = std::fs::read_to_string(out.join("realizations.jsonl")).unwrap();
    assert!(
        all.starts_with(&first),
        "the earlier records are kept as they were"
    );
    let solvers: Vec<String> = all
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["solver"].to_string())
        .collect();
    let k = first.lines().count();
    assert!(k > 0 && solvers.len() > k);
    assert!(solvers[..k].iter().all(|s| s == "\"dense\""), "{solvers:?}");
    assert!(
        solvers[k..].iter().all(|s| s == "\"slicing\""),
        "{solvers:?}"
    );
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"solver\": \"slicing\""), "{manifest}");
}

/// A sweep grown in steps (fewer couplings and realizations first, then the full grid)
/// in one folder ends with the summary of one run on the final grid, every result
/// computed once.
#[test]
fn a_sweep_extended_in_place_equals_one_run_on_the_final_grid() {
    let dir = Scratch::new("extend");
    let out = dir.path("out");
    run_ok(&with(
        &sweep_of(&out, "0.02,0.1", "12"),
        &["--threads", "2"],
    ));
    let first = lines(&out.join("realizations.jsonl"));
    assert_eq!(first, 2 * 2 * 12);
    run_ok(&with(&sweep(&out), &["--threads", "2"]));
    assert_complete_records(&out);
    assert_same_summary(&out);
    // Narrowed again: the records stay, the summary covers the smaller grid.
    run_ok(&with(
        &sweep_of(&out, "0.02,0.1", "12"),
        &["--threads", "2"],
    ));
    assert_eq!(lines(&out.join("realizations.jsonl")), TOTAL);
    let csv = String::from_utf8(read(&out.join("levels.csv"))).unwrap();
    assert_eq!(csv.lines().count(), 1 + 2 * 2 * 4, "{csv}");
}

/// A size added to the sweep leaves the crossings of the existing pairs, bootstrap
/// errors included, bit for bit as they were.
#[test]
fn an_added_size_keeps_the_other_pairs_crossings() {
    let dir = Scratch::new("added-size");
    let out = dir.path("out");
    let args = sweep(&out);
    let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
    let n = args.iter().position(|a| *a == "--n").unwrap();
    let r = args.iter().position(|a| *a == "--realizations").unwrap();
    args[n + 1] = "6,8,10";
    args[r + 1] = "24,24,2";
    run_ok(&args);
    let (_, want) = reference();
    let want = String::from_utf8(want.clone()).unwrap();
    let got = String::from_utf8(read(&out.join("crossings.csv"))).unwrap();
    let pairs = |csv: &str, n1n2: &str| -> Vec<String> {
        csv.lines()
            .filter(|l| l.split(',').skip(1).take(2).collect::<Vec<_>>().join(",") == n1n2)
            .map(str::to_string)
            .collect()
    };
    let old = pairs(&want, "6,8");
    assert_eq!(old.len(), 4, "{want}");
    assert!(old.iter().any(|l| !l.split(',').nth(4).unwrap().is_empty()));
    assert_eq!(pairs(&got, "6,8"), old, "{got}");
    assert_eq!(pairs(&got, "8,10").len(), 4, "{got}");
}

/// `merge --mark`: reference couplings drawn in their windows' panels with a legend
/// entry; a window that the sweep lacks or a coupling that is not positive is refused.
#[test]
fn merge_marks_reference_couplings_on_the_plot() {
    let dir = Scratch::new("marks");
    let out = dir.path("out");
    run_ok(&with(&sweep_of(&out, "0.05,0.2", "2"), &[]));
    let o = out.display().to_string();
    let svg = || std::fs::read_to_string(out.join("levels.svg")).unwrap();
    let plain = svg();
    assert!(!plain.contains("seed crossing"));
    run_ok(&[
        "merge",
        &o,
        "--mark",
        "low=0.095,mid=0.061",
        "--mark-label",
        "seed crossing",
    ]);
    let marked = svg();
    assert!(marked.contains("seed crossing"), "no legend entry");
    // Two more dashed lines: each a run of short segments in the mark's colour.
    let purple = |t: &str| t.matches("#8C14AA").count();
    assert_eq!(purple(&plain), 0);
    assert!(purple(&marked) > 2, "{}", purple(&marked));
    run_err(&["merge", &o, "--mark", "top=0.1"], "no window `top`");
    run_err(&["merge", &o, "--mark", "low=-1"], "positive");
    run_err(&["merge", &o, "--mark", "low"], "WINDOW=JXY");
}

/// `--realizations` with one count per size.
#[test]
fn realizations_per_size() {
    let dir = Scratch::new("per-size");
    let out = dir.path("out");
    let args = sweep_of(&out, "0.05,0.2", "1");
    let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
    let at = args.iter().position(|a| *a == "--realizations").unwrap();
    args[at + 1] = "10,4"; // N = 6: 10, N = 8: 4
    run_ok(&args);
    assert_eq!(lines(&out.join("realizations.jsonl")), 2 * (10 + 4));
    let csv = String::from_utf8(read(&out.join("levels.csv"))).unwrap();
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = head.iter().position(|h| *h == "realizations").unwrap();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let want = if f[0] == "6" { "10" } else { "4" };
        assert_eq!(f[col], want, "{line}");
    }
    args[at + 1] = "10,4,2";
    run_err(&args, "--realizations has 3 counts for 2 sizes");
}

#[test]
fn three_shards_merged_equal_the_unsharded_run() {
    let dir = Scratch::new("shards");
    let out = dir.path("out");
    for k in 0..3 {
        let shard = format!("{k}/3");
        run_ok(&with(&sweep(&out), &["--shard", &shard, "--threads", "1"]));
        assert!(out.join(format!("shard-{k}-of-3.jsonl")).is_file());
    }
    assert!(
        !out.join("levels.csv").exists(),
        "a shard wrote the summary"
    );
    run_ok(&["merge", out.to_str().unwrap()]);
    assert_complete_records(&out);
    assert_same_summary(&out);
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(program))
            .find(|p| p.is_file())
    })
}

#[test]
fn mpirun_shard_auto_merged_equals_the_unsharded_run() {
    let Some(mpirun) = on_path("mpirun") else {
        assert!(
            std::env::var_os("PSEUDOSPIN_REQUIRE_MPIRUN").is_none(),
            "mpirun is not on PATH"
        );
        eprintln!("skipped: mpirun is not on PATH (cli/tests/mpi.sh installs Open MPI and runs this test)");
        return;
    };
    let dir = Scratch::new("mpirun");
    let out = dir.path("out");
    let args = sweep(&out);
    let status = Command::new(mpirun)
        .args([
            "--oversubscribe",
            "--allow-run-as-root",
            "-n",
            "3",
            common::bin(),
        ])
        .args(with(&args, &["--shard", "auto", "--threads", "1"]))
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    for k in 0..3 {
        assert!(out.join(format!("shard-{k}-of-3.jsonl")).is_file());
    }
    run_ok(&["merge", out.to_str().unwrap()]);
    assert_complete_records(&out);
    assert_same_summary(&out);
}

#[test]
fn json_prints_the_summary_rows() {
    let dir = Scratch::new("json");
    let out = dir.path("out");
    let o = run_ok(&with(&sweep(&out), &["--json"]));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = v["summary"].as_array().unwrap();
    assert_eq!(rows.len(), 2 * 5 * 4);
    assert_eq!(rows[0]["n"], 6);
    assert_eq!(rows[0]["window"], "low");
    assert!(rows[0]["mean"].as_f64().unwrap() > 0.0);
    assert_eq!(v["crossings"].as_array().unwrap().len(), 4);
    assert_same_summary(&out);
}

/// A disk that fills up midway: the run's writes are capped by a file-size limit
/// (`ulimit -f`, with SIGXFSZ ignored so that a write past it fails with EFBIG, as
/// one on a full disk fails with ENOSPC). The run must stop with a one-line error and a
/// non-zero status; a rerun with room again must complete with the reference summary,
/// losing nothing and redoing no recorded realization. (`/dev/full`, a true ENOSPC,
/// cannot hold the records, which a rerun reads back; `instance -o /dev/full` is the
/// ENOSPC case, in errors.rs.)
#[test]
fn a_disk_that_fills_up_midway_then_a_rerun_gives_the_same_summary() {
    let dir = Scratch::new("full");
    let out = dir.path("out");
    let args = sweep(&out);
    // 16 blocks (8 or 16 KiB, the block size differs between shells): room for the
    // manifest and some records, far less than the 240 records' ~90 KiB.
    let capped = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 16; exec \"$0\" \"$@\"")
        .arg(common::bin())
        .args(with(&args, &["--threads", "2"]))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&capped.stderr);
    assert!(
        !capped.status.success(),
        "a run that cannot write must fail"
    );
    let err_lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(err_lines.len(), 1, "one line on stderr: {err}");
    assert!(err_lines[0].starts_with("error: "), "{err}");
    let written = lines(&out.join("realizations.jsonl"));
    assert!(
        written > 0 && written < TOTAL,
        "{written} records before the disk filled"
    );
    run_ok(&with(&args, &["--threads", "2"]));
    assert_complete_records(&out);
    assert_same_summary(&out);
}

/// The pooled columns of `levels.csv` are the mean of all the window's gap ratios of all
/// realizations together, recomputed here from the records (sum of ratios times mean
/// over sum of ratios), and `crossings.csv`'s pooled crossing is the last upward sign
/// change of their difference, interpolated in ln Jxy.
#[test]
fn pooled_columns_are_every_ratio_together() {
    use std::collections::BTreeMap;
    let dir = Scratch::new("pooled");
    let out = dir.path("out");
    run_ok(&with(&sweep_of(&out, "0.02,0.05,0.1,0.2,0.5", "8"), &[]));
    let recs = std::fs::read_to_string(out.join("realizations.jsonl")).unwrap();
    let mut sums: BTreeMap<(u64, String, String), (f64, f64)> = BTreeMap::new();
    for line in recs.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for w in v["windows"].as_array().unwrap() {
            let Some(m) = w["mean_r"].as_f64() else {
                continue;
            };
            let k = w["ratios"].as_f64().unwrap();
            let key = (
                v["n"].as_u64().unwrap(),
                v["jxy"].to_string(),
                w["window"].as_str().unwrap().to_string(),
            );
            let e = sums.entry(key).or_insert((0.0, 0.0));
            e.0 += k * m;
            e.1 += k;
        }
    }
    let csv = String::from_utf8(read(&out.join("levels.csv"))).unwrap();
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let (mean, pooled) = (col("mean"), col("pooled_mean"));
    let mut differ = 0;
    // (window, N) -> (Jxy, pooled mean) along the grid.
    type Curve = Vec<(f64, Option<f64>)>;
    let mut curves: BTreeMap<(String, u64), Curve> = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let key = (f[0].parse().unwrap(), f[1].to_string(), f[3].to_string());
        let jxy: f64 = f[1].parse().unwrap();
        let curve = curves.entry((f[3].to_string(), key.0)).or_default();
        let Some(&(s, k)) = sums.get(&key) else {
            assert_eq!(f[pooled], "", "{line}: a pooled mean without ratios");
            curve.push((jxy, None));
            continue;
        };
        let got: f64 = f[pooled].parse().unwrap();
        assert!((got - s / k).abs() <= 1e-13, "{line}: want {}", s / k);
        differ += usize::from(f[mean] != f[pooled]);
        curve.push((jxy, Some(got)));
    }
    assert!(
        differ > 0,
        "the pooled mean never differs from the mean over realizations"
    );
    let cross = String::from_utf8(read(&out.join("crossings.csv"))).unwrap();
    let head: Vec<&str> = cross.lines().next().unwrap().split(',').collect();
    let at = head.iter().position(|h| *h == "pooled_jxy").unwrap();
    for line in cross.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (a, b) = (
            &curves[&(f[0].to_string(), 6)],
            &curves[&(f[0].to_string(), 8)],
        );
        // The difference where both sizes have a value; the last upward sign change.
        let d: Vec<(f64, f64)> = a
            .iter()
            .zip(b)
            .filter_map(|(&(x, a), &(_, b))| Some((x, b? - a?)))
            .collect();
        let mut want = None;
        for p in d.windows(2) {
            let ((x0, d0), (x1, d1)) = (p[0], p[1]);
            if d0 < 0.0 && d1 >= 0.0 {
                let (l0, l1) = (x0.ln(), x1.ln());
                want = Some((l0 + d0 / (d0 - d1) * (l1 - l0)).exp());
            }
        }
        let got: Option<f64> = f[at].parse().ok();
        match (got, want) {
            (Some(g), Some(w)) => assert!((g - w).abs() <= 1e-12 * w, "{line}: want {w}"),
            (g, w) => assert_eq!(g, w, "{line}"),
        }
    }
}

/// The grid of the `--realizations-in` tests: N = 6 and 8 at four couplings, two
/// realizations per point, except those of the ranges given.
fn ranged(out: &Path, realizations: &str, ranges: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "levels",
        "--n",
        "6,8",
        "--jxy",
        "0.02,0.05,0.1,0.2",
        "--window",
        "low,mid",
        "--realizations",
        realizations,
        "--seed",
        "7",
        "--threads",
        "2",
        "--out",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(out.display().to_string());
    for r in ranges {
        args.extend(["--realizations-in".to_string(), r.to_string()]);
    }
    args
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// The (N, Jxy, r) keys of every record file of `out`, and the number of records.
fn record_keys(out: &Path) -> (std::collections::BTreeSet<(u64, String, u64)>, usize) {
    let mut keys = std::collections::BTreeSet::new();
    let mut count = 0;
    for entry in std::fs::read_dir(out).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "jsonl") {
            for line in std::fs::read_to_string(&p).unwrap().lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                let key = (
                    v["n"].as_u64().unwrap(),
                    v["jxy"].to_string(),
                    v["r"].as_u64().unwrap(),
                );
                keys.insert(key);
                count += 1;
            }
        }
    }
    (keys, count)
}

/// The keys of a grid: `count(n, jxy)` realizations at each point.
fn grid_keys(count: impl Fn(u64, &str) -> u64) -> std::collections::BTreeSet<(u64, String, u64)> {
    let mut keys = std::collections::BTreeSet::new();
    for n in [6, 8] {
        for jxy in ["0.02", "0.05", "0.1", "0.2"] {
            for r in 0..count(n, jxy) {
                keys.insert((n, jxy.to_string(), r));
            }
        }
    }
    keys
}

/// Exactly the records of the grid `count`, each once.
fn assert_records(out: &Path, count: impl Fn(u64, &str) -> u64) {
    let want = grid_keys(count);
    let (keys, records) = record_keys(out);
    assert_eq!(keys, want, "the (N, Jxy, r) records");
    assert_eq!(records, want.len(), "a duplicate means work was redone");
}

/// levels.csv's `realizations` column at each point: `count(n, jxy)`.
fn assert_csv_counts(out: &Path, count: impl Fn(u64, &str) -> u64) {
    let csv = String::from_utf8(read(&out.join("levels.csv"))).unwrap();
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = head.iter().position(|h| *h == "realizations").unwrap();
    assert_eq!(csv.lines().count(), 1 + 2 * 4 * 2, "{csv}");
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let want = count(f[0].parse().unwrap(), f[1]).to_string();
        assert_eq!(f[col], want, "{line}");
    }
}

/// levels.csv's rows at the points `pick` (N, Jxy).
fn csv_rows(out: &Path, pick: impl Fn(u64, &str) -> bool) -> Vec<String> {
    String::from_utf8(read(&out.join("levels.csv")))
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| {
            let f: Vec<&str> = l.split(',').collect();
            pick(f[0].parse().unwrap(), f[1])
        })
        .map(str::to_string)
        .collect()
}

/// N = 8 has 5 realizations at 0.05 and 0.1, the rest 2.
fn focused(n: u64, jxy: &str) -> u64 {
    if n == 8 && (jxy == "0.05" || jxy == "0.1") {
        5
    } else {
        2
    }
}

/// `--realizations-in`: a size's count on a range of couplings. The run records exactly
/// that grid; each point's summary row is the one a plain run at the point's count
/// gives; a rerun does nothing; a wider range or a larger count extends in place; without
/// the ranges the manifest is the plain one again and the summary the smaller grid's.
#[test]
fn realizations_in_gives_a_range_of_couplings_its_own_count() {
    let dir = Scratch::new("ranged");
    let out = dir.path("out");
    let args = ranged(&out, "2", &["8:0.05..0.1=5"]);
    run_ok(&strs(&args));
    assert_records(&out, focused);
    assert_csv_counts(&out, focused);
    let manifest = String::from_utf8(read(&out.join("manifest.json"))).unwrap();
    let v: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(
        v["realizations_in"],
        serde_json::json!([{"n": 8, "jxy": [0.05, 0.1], "realizations": 5}])
    );
    assert_eq!(v["realizations"], serde_json::json!([2, 2]));

    // Each point's rows are those of a plain run at its count.
    let plain2 = dir.path("plain2");
    run_ok(&strs(&ranged(&plain2, "2", &[])));
    let plain5 = dir.path("plain5");
    run_ok(&strs(&ranged(&plain5, "5", &[])));
    let at = |n: u64, jxy: &str, k: u64| focused(n, jxy) == k;
    let mut want = csv_rows(&plain2, |n, j| at(n, j, 2));
    want.extend(csv_rows(&plain5, |n, j| at(n, j, 5)));
    want.sort();
    let mut got = csv_rows(&out, |_, _| true);
    got.sort();
    assert_eq!(got, want);

    // The same command again: nothing to do, nothing changes.
    let files = |o: &Path| {
        [
            "manifest.json",
            "realizations.jsonl",
            "levels.csv",
            "crossings.csv",
        ]
        .map(|f| read(&o.join(f)))
    };
    let before = files(&out);
    let o = run_ok(&strs(&args));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("note"));
    assert!(files(&out) == before, "a rerun changed the folder");

    // A wider range, then a larger count: only the new points are computed.
    let wider = |n: u64, jxy: &str| if n == 8 && jxy != "0.2" { 5 } else { 2 };
    let o = run_ok(&strs(&ranged(&out, "2", &["8:0.02..0.1=5"])));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("note:") && err.contains("realizations_in"),
        "{err}"
    );
    assert_records(&out, wider);
    assert_csv_counts(&out, wider);
    let more = |n: u64, jxy: &str| match (n, jxy) {
        (8, "0.2") => 2,
        (8, _) => 7,
        (6, "0.2") => 3,
        _ => 2,
    };
    let all = ranged(&out, "2", &["8:0.02..0.1=7,6:0.2=3"]);
    run_ok(&strs(&all));
    assert_records(&out, more);
    assert_csv_counts(&out, more);

    // Narrowed back to the first ranges: the records stay, and the folder's summary and
    // manifest are the first run's again (the extra records are not counted).
    run_ok(&strs(&args));
    assert_records(&out, more);
    let now = files(&out);
    for (k, f) in ["manifest.json", "levels.csv", "crossings.csv"]
        .iter()
        .enumerate()
    {
        let k = if k == 0 { 0 } else { k + 1 };
        assert!(now[k] == before[k], "{f} differs from the first run's");
    }

    // Without ranges: the plain manifest, byte for byte, and the plain summary; the
    // records stay.
    run_ok(&strs(&ranged(&out, "2", &[])));
    assert_records(&out, more);
    assert_csv_counts(&out, |_, _| 2);
    assert!(read(&out.join("manifest.json")) == read(&plain2.join("manifest.json")));
    assert!(read(&out.join("levels.csv")) == read(&plain2.join("levels.csv")));
    assert!(read(&out.join("crossings.csv")) == read(&plain2.join("crossings.csv")));
}

/// Shards of a sweep with ranges, merged, give the records and the summary of one run.
#[test]
fn realizations_in_shards_merged_equal_one_run() {
    let dir = Scratch::new("ranged-shards");
    let one = dir.path("one");
    let ranges = ["8:0.05..0.1=5", "6:0.2=4"];
    let count = |n: u64, jxy: &str| match (n, jxy) {
        (6, "0.2") => 4,
        _ => focused(n, jxy),
    };
    run_ok(&strs(&ranged(&one, "2", &ranges)));
    assert_records(&one, count);
    let out = dir.path("out");
    for k in 0..3 {
        let mut args = ranged(&out, "2", &ranges);
        args.extend(["--shard".to_string(), format!("{k}/3")]);
        let o = run_ok(&strs(&args));
        // Shard k owns the realizations r = k mod 3 of each point's own count.
        let owned = grid_keys(count)
            .into_iter()
            .filter(|key| key.2 % 3 == k)
            .count();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&format!("{owned} results written")), "{err}");
    }
    assert!(!out.join("levels.csv").exists());
    run_ok(&["merge", out.to_str().unwrap()]);
    assert_records(&out, count);
    for f in ["levels.csv", "crossings.csv", "manifest.json"] {
        assert!(read(&out.join(f)) == read(&one.join(f)), "{f} differs");
    }
}

/// A folder written before `--realizations-in` (its manifest has no such field): a
/// rerun without it leaves the manifest byte for byte as it was, and one with it
/// resumes the sweep in place on the new grid.
#[test]
fn an_old_manifest_resumes_with_and_without_ranges() {
    let dir = Scratch::new("ranged-old");
    let out = dir.path("out");
    std::fs::create_dir_all(&out).unwrap();
    // As the program wrote it before the field existed.
    let old = r#"{
  "format": 2,
  "n": [
    6,
    8
  ],
  "n_up": "N/2",
  "jxy": [
    0.02,
    0.05,
    0.1,
    0.2
  ],
  "jzz": 0.0,
  "w": 1.0,
  "z": 3,
  "windows": [
    {
      "name": "low",
      "kind": "relative_to_ground",
      "lo": 0.0,
      "hi": 1.5
    },
    {
      "name": "mid",
      "kind": "absolute",
      "lo": -0.5,
      "hi": 0.5
    }
  ],
  "realizations": [
    2,
    2
  ],
  "seed": 7,
  "solver": "auto"
}
"#;
    std::fs::write(out.join("manifest.json"), old).unwrap();
    // Half of the sweep's records, by an earlier run.
    let plain = dir.path("plain");
    run_ok(&strs(&ranged(&plain, "2", &[])));
    // The same text, and after it the program that wrote it (cli/tests/provenance.rs).
    let fresh = std::fs::read_to_string(plain.join("manifest.json")).unwrap();
    let (head, made_by) = fresh.split_once(",\n  \"version\": ").unwrap();
    assert_eq!(format!("{head}\n}}\n"), old);
    assert!(made_by.contains("\"kernel\": ") && made_by.contains("\"commit\": "));
    let half: String = std::fs::read_to_string(plain.join("realizations.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| l.contains("\"r\":0,"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(half.lines().count(), 8);
    std::fs::write(out.join("realizations.jsonl"), &half).unwrap();

    let o = run_ok(&strs(&ranged(&out, "2", &[])));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("note"));
    assert_eq!(read(&out.join("manifest.json")), old.as_bytes());
    assert_records(&out, |_, _| 2);
    let recs = std::fs::read_to_string(out.join("realizations.jsonl")).unwrap();
    assert!(recs.starts_with(&half), "the earlier records are kept");
    assert!(read(&out.join("levels.csv")) == read(&plain.join("levels.csv")));

    run_ok(&strs(&ranged(&out, "2", &["8:0.05..0.1=5"])));
    assert_records(&out, focused);
    assert_csv_counts(&out, focused);
}

/// `--realizations-in` items that do not fit the grid are refused before anything is
/// written.
#[test]
fn realizations_in_errors() {
    let dir = Scratch::new("ranged-errors");
    let out = dir.path("out");
    for (item, needle) in [
        ("8:0.05..0.1", "expected N:JLO..JHI=COUNT"),
        ("10:0.05..0.1=5", "N = 10 is not one of --n"),
        (
            "8:0.03..0.04=5",
            "no coupling of --jxy lies in [0.03, 0.04]",
        ),
        ("8:0.05..0.1=5,8:0.1..0.2=3", "overlap"),
        ("8:0.1..0.05=5", "empty"),
        ("8:0.05..0.1=0", "COUNT `0`"),
    ] {
        run_err(&strs(&ranged(&out, "2", &[item])), needle);
    }
    assert!(!out.exists(), "nothing written before the checks");
}

/// `--slice-levels`: planned slices give the dense path's level counts and mean gap
/// ratios (to 1e-10) in every window, record for record; one realization on two
/// threads (its slices on both) gives the same bits as on one; the manifest records
/// the option and a rerun without it extends the folder in place.
#[test]
fn planned_slices_agree_with_dense_records() {
    let dir = Scratch::new("planned");
    let base_n = |out: &Path, solver: &str, count: &str| -> Vec<String> {
        [
            "levels",
            "--n",
            "8",
            "--jxy",
            "0.1",
            "--window",
            "low,mid,eps:0.25:0.75",
            "--realizations",
            count,
            "--seed",
            "7",
            "--solver",
            solver,
            "--out",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([out.display().to_string()])
        .collect()
    };
    let base = |out: &Path, solver: &str| base_n(out, solver, "2");
    let records = |out: &Path| -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(out.join("realizations.jsonl")).unwrap();
        let mut v: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        v.sort_by_key(|r| r["r"].as_u64());
        v
    };
    let dense = dir.path("dense");
    run_ok(&with(&base(&dense, "dense"), &["--threads", "1"]));
    let one = dir.path("one");
    run_ok(&with(
        &base(&one, "slicing"),
        &["--slice-levels", "16", "--threads", "1"],
    ));
    let two = dir.path("two");
    run_ok(&with(
        &base_n(&two, "slicing", "1"),
        &["--slice-levels", "16", "--threads", "4"],
    ));
    let manifest = std::fs::read_to_string(one.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"slice_levels\": 16"), "{manifest}");
    let (d, s) = (records(&dense), records(&one));
    assert_eq!(d.len(), 2);
    for (a, b) in d.iter().zip(&s) {
        assert_eq!(b["solver"], "slicing");
        for (wa, wb) in a["windows"]
            .as_array()
            .unwrap()
            .iter()
            .zip(b["windows"].as_array().unwrap())
        {
            assert_eq!(wa["levels"], wb["levels"], "{wa} vs {wb}");
            assert_eq!(wa["ratios"], wb["ratios"]);
            let (x, y) = (wa["mean_r"].as_f64(), wb["mean_r"].as_f64());
            match (x, y) {
                (Some(x), Some(y)) => assert!((x - y).abs() <= 1e-10, "{x} vs {y}"),
                (x, y) => assert_eq!(x, y),
            }
        }
    }
    // Realization 0 with its slices on four threads: the same windows, bit for bit.
    let t = records(&two);
    assert_eq!(t[0]["windows"], s[0]["windows"]);
    // Without the option the same folder continues (a grid change, like --solver).
    run_ok(&with(&base_n(&one, "slicing", "3"), &["--threads", "1"]));
    assert_eq!(lines(&one.join("realizations.jsonl")), 3);
}
