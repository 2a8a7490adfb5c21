//! The lock of an output folder: a second `pseudospin levels` on a folder in use fails
//! at once naming the first (pid, host, start time) or, with `--wait`, waits for it;
//! shards run side by side and exclude a whole run; a killed run leaves the folder free
//! and whole; a task of a Slurm job array without `--shard` is refused.
//!
//! The first run is stopped (SIGSTOP) once it has written a record, so that it holds the
//! folder for as long as a test needs, whatever the machine's speed.

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{lines, read, run_ok, Scratch};

/// 2 sizes x 5 couplings x 24 realizations = 240 records (about a second in a debug
/// build).
const TOTAL: usize = 240;

fn sweep(out: &Path) -> Vec<String> {
    [
        "levels",
        "--n",
        "6,8",
        "--jxy",
        "0.02,0.05,0.1,0.2,0.5",
        "--realizations",
        "24",
        "--seed",
        "7",
        "--threads",
        "1",
        "--out",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([out.display().to_string()])
    .collect()
}

fn with(base: &[String], extra: &[&str]) -> Vec<String> {
    base.iter()
        .cloned()
        .chain(extra.iter().map(|s| s.to_string()))
        .collect()
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// The program with `args`, with no launcher variables from the test's environment.
fn command(args: &[String]) -> Command {
    let mut c = Command::new(common::bin());
    c.args(args);
    for k in [
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_COUNT",
        "SLURM_ARRAY_TASK_MIN",
        "SLURM_ARRAY_TASK_MAX",
        "OMPI_COMM_WORLD_SIZE",
        "PMI_SIZE",
    ] {
        c.env_remove(k);
    }
    c
}

/// The summary of the uninterrupted, unlocked run, computed once.
fn reference() -> &'static (Vec<u8>, Vec<u8>) {
    static REF: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    REF.get_or_init(|| {
        let dir = Scratch::new("lock-reference");
        let out = dir.path("out");
        run_ok(&strs(&sweep(&out)));
        (
            read(&out.join("levels.csv")),
            read(&out.join("crossings.csv")),
        )
    })
}

/// The summary equals the reference, and every (N, Jxy, r) has exactly one record.
fn assert_whole(out: &Path) {
    let (levels, crossings) = reference();
    assert!(
        read(&out.join("levels.csv")) == *levels,
        "levels.csv differs"
    );
    assert!(
        read(&out.join("crossings.csv")) == *crossings,
        "crossings.csv differs"
    );
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
    assert_eq!(
        count, TOTAL,
        "records (a duplicate means two runs did the same work)"
    );
}

fn signal(child: &Child, sig: i32) {
    // SAFETY: kill(2) on the pid of our own child, which has not been waited for.
    let rc = unsafe { libc::kill(child.id() as libc::pid_t, sig) };
    assert_eq!(rc, 0, "kill({}, {sig})", child.id());
}

/// Starts `args` and stops it (SIGSTOP) once `records` has a line: a run that holds the
/// folder's locks until it is continued or killed.
fn start_and_stop(args: &[String], records: &Path) -> Child {
    let mut child = command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while lines(records) == 0 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the first run ended before writing a record"
        );
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no record in 60 s"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    signal(&child, libc::SIGSTOP);
    assert!(
        lines(records) < TOTAL,
        "the first run finished before it was stopped"
    );
    child
}

/// A failure with exit code 1 and one line on stderr, returned.
fn one_line_error(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected: {err}"
    );
    assert!(err.starts_with("error: "), "{err}");
    err
}

#[test]
fn a_second_run_fails_at_once_naming_the_first_and_a_killed_run_frees_the_folder() {
    let dir = Scratch::new("lock-second");
    let out = dir.path("out");
    let args = sweep(&out);
    let records = out.join("realizations.jsonl");
    let mut first = start_and_stop(&args, &records);
    let held = lines(&records);

    let start = Instant::now();
    let second = command(&args).output().unwrap();
    let took = start.elapsed();
    let err = one_line_error(&second);
    let pid = format!("pid {} on ", first.id());
    for needle in [
        "is in use by ",
        pid.as_str(),
        "started ",
        " UTC",
        "writing realizations.jsonl",
        "--wait",
    ] {
        assert!(err.contains(needle), "`{needle}` not in: {err}");
    }
    assert!(took < Duration::from_secs(10), "refused after {took:?}");
    assert_eq!(lines(&records), held, "the refused run wrote records");
    // Other parameters meet the lock first: nothing of the folder is read or replaced.
    let mut other = args.clone();
    let at = other.iter().position(|a| a == "--seed").unwrap();
    other[at + 1] = "8".into();
    assert!(one_line_error(&command(&other).output().unwrap()).contains(&pid));

    // SIGKILL: the operating system releases the locks; the rerun completes the sweep.
    signal(&first, libc::SIGKILL);
    first.wait().unwrap();
    let o = command(&args).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_whole(&out);
}

#[test]
fn wait_waits_for_the_run_that_holds_the_folder() {
    let dir = Scratch::new("lock-wait");
    let out = dir.path("out");
    let args = sweep(&out);
    let records = out.join("realizations.jsonl");
    let mut first = start_and_stop(&args, &records);
    let held = lines(&records);

    let mut waiting = command(&with(&args, &["--wait"]))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(waiting.stderr.take().unwrap());
    let mut note = String::new();
    stderr.read_line(&mut note).unwrap();
    let pid = format!("pid {} on ", first.id());
    assert!(
        note.starts_with("note: waiting for ") && note.contains(&pid) && note.contains("(--wait)"),
        "{note}"
    );
    std::thread::sleep(Duration::from_millis(300));
    assert!(waiting.try_wait().unwrap().is_none(), "--wait did not wait");
    assert_eq!(lines(&records), held, "the waiting run wrote records");

    signal(&first, libc::SIGKILL);
    first.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = waiting.wait().unwrap();
    assert!(status.success(), "{rest}");
    assert_whole(&out);
}

#[test]
fn shards_run_side_by_side_and_exclude_a_whole_run() {
    let dir = Scratch::new("lock-shards");
    let out = dir.path("out");
    let args = sweep(&out);
    let shard = |k: u32| with(&args, &["--shard", &format!("{k}/3")]);
    let mut first = start_and_stop(&shard(0), &out.join("shard-0-of-3.jsonl"));
    let pid = format!("pid {} on ", first.id());

    // The other shards beside the stopped one.
    for k in [1, 2] {
        let o = command(&shard(k)).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    // The same shard again, and a whole run: refused, naming the stopped shard.
    let err = one_line_error(&command(&shard(0)).output().unwrap());
    assert!(
        err.contains("shard-0-of-3.jsonl is being written by ") && err.contains(&pid),
        "{err}"
    );
    let err = one_line_error(&command(&args).output().unwrap());
    assert!(
        err.contains("is in use by ")
            && err.contains(&pid)
            && err.contains("writing shard-0-of-3.jsonl"),
        "{err}"
    );

    signal(&first, libc::SIGCONT);
    assert!(first.wait().unwrap().success());
    run_ok(&["merge", out.to_str().unwrap()]);
    assert_whole(&out);
}

#[test]
fn a_slurm_array_task_without_shard_is_refused() {
    let dir = Scratch::new("lock-slurm");
    let out = dir.path("out");
    let args = sweep(&out);
    let array = |extra: &[&str], count: &str| {
        command(&with(&args, extra))
            .env("SLURM_ARRAY_TASK_ID", "2")
            .env("SLURM_ARRAY_TASK_COUNT", count)
            .output()
            .unwrap()
    };
    let err = one_line_error(&array(&[], "3"));
    assert!(
        err.contains("Slurm job array of 3 tasks") && err.contains("--shard auto"),
        "{err}"
    );
    assert!(!out.exists(), "the refused run wrote into its folder");
    // As the hint says: task 2 runs shard 2 of 3.
    let o = array(&["--shard", "auto"], "3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("shard-2-of-3.jsonl").is_file());
    // An array of one task is a plain run.
    let o = array(&[], "1");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("levels.csv").is_file());
}
