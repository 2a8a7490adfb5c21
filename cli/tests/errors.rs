//! Malformed input: one line on stderr beginning `error: `, exit code 1; and every
//! subcommand's help states its units and conventions.

mod common;

use common::{run, run_err, Scratch};

fn instance(dir: &Scratch, name: &str, text: &str) -> String {
    let p = dir.path(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn missing_and_malformed_instance_files() {
    let dir = Scratch::new("errors-instance");
    run_err(
        &["eig", "--instance", "/nonexistent/i.json"],
        "cannot read /nonexistent/i.json",
    );
    let bad = instance(&dir, "bad.json", "{\"n\": 4, ");
    run_err(&["eig", "--instance", &bad], "not an instance file");
    let edge = instance(
        &dir,
        "edge.json",
        r#"{"n": 4, "edges": [[0, 1], [2, 7]], "xi": [0.1, 0.2, 0.3, 0.4], "jxy": 0.1, "jzz": 0}"#,
    );
    run_err(
        &["eig", "--instance", &edge],
        "edge 1 [2, 7] refers to a missing site",
    );
    let dup = instance(
        &dir,
        "dup.json",
        r#"{"n": 4, "edges": [[0, 1], [1, 0]], "xi": [0.1, 0.2, 0.3, 0.4], "jxy": 0.1, "jzz": 0}"#,
    );
    run_err(&["eig", "--instance", &dup], "dup.json");
    let xi = instance(
        &dir,
        "xi.json",
        r#"{"n": 4, "edges": [], "xi": [0.1], "jxy": 0.1, "jzz": 0}"#,
    );
    run_err(
        &["eig", "--instance", &xi],
        "xi has 1 values for n = 4 sites",
    );
    let per_edge = instance(
        &dir,
        "pe.json",
        r#"{"n": 4, "edges": [[0, 1]], "xi": [0, 0, 0, 0], "jxy": [0.1, 0.2], "jzz": 0}"#,
    );
    run_err(
        &["eig", "--instance", &per_edge],
        "jxy has 2 values for 1 edges",
    );
}

#[test]
fn sizes_too_large_are_refused_with_a_memory_estimate() {
    let dir = Scratch::new("errors-size");
    let xi = vec!["0.1"; 40].join(",");
    let big = instance(
        &dir,
        "big.json",
        &format!(r#"{{"n": 40, "edges": [[0, 1]], "xi": [{xi}], "jxy": 0.1, "jzz": 0}}"#),
    );
    let e = run_err(&["eig", "--instance", &big], "needs about");
    assert!(
        e.contains("sector dimension 137846528820") && e.contains("available"),
        "{e}"
    );
    let out = dir.path("out").display().to_string();
    run_err(
        &["levels", "--n", "32", "--realizations", "1", "--out", &out],
        "N = 32",
    );
    run_err(
        &[
            "levels",
            "--n",
            "20",
            "--solver",
            "dense",
            "--realizations",
            "1",
            "--out",
            &out,
        ],
        "needs about",
    );
    assert!(
        !dir.path("out").exists(),
        "nothing written before the checks"
    );
}

#[test]
fn unwritable_output_folders() {
    let dir = Scratch::new("errors-out");
    let file = instance(&dir, "plain-file", "x");
    let inside = format!("{file}/out");
    run_err(
        &[
            "levels",
            "--n",
            "6",
            "--realizations",
            "1",
            "--out",
            &inside,
        ],
        "cannot create output folder",
    );
    run_err(
        &["instance", "--n", "6", "-o", &format!("{inside}/i.json")],
        "cannot write",
    );
    run_err(
        &[
            "cavity", "sweep", "--k", "3", "--g", "0.2", "--out", &inside,
        ],
        "cannot create output folder",
    );
    run_err(&["merge", &inside], "no such folder");
    // A full disk: /dev/full fails every write with ENOSPC.
    if std::path::Path::new("/dev/full").exists() {
        run_err(
            &["instance", "--n", "6", "-o", "/dev/full"],
            "No space left on device",
        );
    }
    run_err(&["merge", dir.0.to_str().unwrap()], "has no manifest.json");
}

#[test]
fn bad_parameters() {
    let dir = Scratch::new("errors-params");
    let out = dir.path("out").display().to_string();
    let levels = |extra: &[&str], needle: &str| {
        let mut a = vec!["levels", "--n", "6", "--realizations", "1", "--out", &out];
        a.extend_from_slice(extra);
        run_err(&a, needle);
    };
    levels(&["--window", "middle"], "window `middle`");
    levels(
        &["--window", "abs:1:0"],
        "lower bound 1 above upper bound 0",
    );
    levels(&["--shard", "3/3"], "need 0 <= k < n");
    levels(&["--jxy", "0"], "--jxy 0");
    levels(&["--n", "7"], "N = 7, Z = 3");
    levels(&["--threads", "0"], "--threads");
    run_err(&["cavity", "tc", "--g", "-1", "--k", "3"], "--g -1");
    run_err(&["cavity", "gc", "--k", "0.5"], "--k 0.5");
    run_err(&["instance", "--n", "7"], "N = 7, Z = 3");
    let inst = dir.path("i.json").display().to_string();
    common::run_ok(&["instance", "--n", "6", "-o", &inst]);
    run_err(&["eig", "--instance", &inst, "--lowest", "0"], "--lowest 0");
    run_err(
        &["eig", "--instance", &inst, "--window", "1", "0"],
        "need A <= B",
    );
}

#[test]
fn command_line_errors_are_one_line_with_exit_code_2() {
    for args in [
        &["levels", "--realizations", "many"][..],
        &["levels", "--bogus"],
        &["eig"],
        &["cavity", "tc", "--g", "0.2"],
        &["frobnicate"],
    ] {
        let out = run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("error: ") && err.contains("--help"),
            "{err}"
        );
    }
}

#[test]
fn help_states_units_and_conventions() {
    let help = |args: &[&str]| String::from_utf8(run(args).stdout).unwrap();
    let levels = help(&["levels", "--help"]);
    for s in [
        "[-W/2, W/2]",
        "s = sigma/2",
        "n_up = N/2",
        "units of Jxy",
        "E0+1.5",
        "Poisson 0.386",
        "--realizations-in <N:JLO..JHI=COUNT>",
        "16:0.02..0.15=40",
    ] {
        assert!(levels.contains(s), "levels --help lacks `{s}`");
    }
    let instance = help(&["instance", "--help"]);
    for s in ["s^z_i = +1/2", "Jxy_e (s^+_i s^-_j + h.c.)", "one per edge"] {
        assert!(instance.contains(s), "instance --help lacks `{s}`");
    }
    let eig = help(&["eig", "--help"]);
    assert!(eig.contains("absolute energies") && eig.contains("ascending"));
    for sub in ["tc", "gc", "sweep"] {
        let h = help(&["cavity", sub, "--help"]);
        assert!(
            h.contains("Jxy = g/(2K)") && h.contains("uniform on [-1, 1]"),
            "cavity {sub}"
        );
    }
    assert!(help(&["merge", "--help"]).contains("levels.csv"));
}
