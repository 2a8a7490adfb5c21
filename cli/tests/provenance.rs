//! Provenance: every record and the manifest name the program that made them (version,
//! kernel version, git commit of the build); records without these fields (written
//! before them, as the committed study records) still load; `merge` lists the programs
//! of mixed records and refuses those of different kernels unless `--accept-mixed`, and
//! so does a `levels` run that would add to them.

mod common;

use std::path::Path;
use std::process::Command;

use common::{read, run, run_err, run_ok, Scratch};

const VERSION: &str = env!("CARGO_PKG_VERSION");
/// Set by cli/build.rs for every target of the package, this test included.
const COMMIT: &str = env!("PSEUDOSPIN_COMMIT");

fn sweep(out: &Path) -> Vec<String> {
    [
        "levels",
        "--n",
        "6,8",
        "--jxy",
        "0.02,0.1,0.5",
        "--realizations",
        "4",
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

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

fn json_lines(p: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Rewrites every record line of `p` through `edit` (the line's index, its object).
fn edit_records(p: &Path, edit: impl Fn(usize, &mut serde_json::Map<String, serde_json::Value>)) {
    let text: String = json_lines(p)
        .into_iter()
        .enumerate()
        .map(|(i, mut v)| {
            edit(i, v.as_object_mut().unwrap());
            format!("{}\n", serde_json::to_string(&v).unwrap())
        })
        .collect();
    std::fs::write(p, text).unwrap();
}

/// Whether the package sits in a git checkout at `cli/` (cli/build.rs then knows the
/// commit).
fn in_git_checkout() -> bool {
    Command::new("git")
        .args([
            "-C",
            env!("CARGO_MANIFEST_DIR"),
            "rev-parse",
            "--show-prefix",
        ])
        .output()
        .is_ok_and(|o| o.status.success() && o.stdout.trim_ascii() == b"cli/")
}

#[test]
fn records_and_manifest_name_the_program_that_made_them() {
    // The commit as cli/build.rs found it: 40 hex digits, `-dirty` when the sources
    // differed from it; `unknown` only outside a git checkout.
    let hash = COMMIT.strip_suffix("-dirty").unwrap_or(COMMIT);
    if in_git_checkout() {
        assert!(
            hash.len() == 40 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "commit {COMMIT}"
        );
    } else {
        assert_eq!(COMMIT, "unknown");
    }
    let o = run_ok(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!("pseudospin {VERSION} (commit {COMMIT})")
    );

    let dir = Scratch::new("provenance-fields");
    let out = dir.path("out");
    run_ok(&strs(&sweep(&out)));
    let want = |v: &serde_json::Value, what: &str| {
        assert_eq!(v["version"], VERSION, "{what}");
        assert_eq!(v["kernel"], pseudospin::VERSION, "{what}");
        assert_eq!(v["commit"], COMMIT, "{what}");
    };
    let records = json_lines(&out.join("realizations.jsonl"));
    assert_eq!(records.len(), 2 * 3 * 4);
    for (i, r) in records.iter().enumerate() {
        want(r, &format!("record {i}"));
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&read(&out.join("manifest.json"))).unwrap();
    want(&manifest, "manifest");
}

#[test]
fn records_without_provenance_load_and_mixed_programs_are_listed() {
    let dir = Scratch::new("provenance-old");
    let out = dir.path("out");
    run_ok(&strs(&sweep(&out)));
    let levels = read(&out.join("levels.csv"));
    let records = out.join("realizations.jsonl");
    // Half the records as the program wrote them before provenance (the committed study
    // records look so), a few by another commit of the same kernel.
    edit_records(&records, |i, r| match i % 4 {
        0 | 1 => {
            for k in ["version", "kernel", "commit"] {
                r.remove(k).unwrap();
            }
        }
        2 if i < 4 => {
            r.insert(
                "commit".into(),
                "0123456789abcdef0123456789abcdef01234567".into(),
            );
        }
        _ => {}
    });
    assert!(!std::fs::read_to_string(&records)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .contains("commit"));
    let o = run_ok(&["merge", out.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    let notes: Vec<&str> = err.lines().filter(|l| l.starts_with("note: ")).collect();
    assert_eq!(notes.len(), 1, "{err}");
    let ours = COMMIT.get(..12).unwrap_or(COMMIT);
    for needle in [
        "were made by 3 programs: ",
        "unknown (written before provenance, kernel 0.1.0) 12 records",
        &format!(
            "pseudospin {VERSION} (kernel {}, commit 0123456789ab) 1 records",
            pseudospin::VERSION
        ),
        &format!(
            "pseudospin {VERSION} (kernel {}, commit {ours}",
            pseudospin::VERSION
        ),
    ] {
        assert!(notes[0].contains(needle), "`{needle}` not in: {}", notes[0]);
    }
    assert!(
        read(&out.join("levels.csv")) == levels,
        "the summary changed"
    );
}

#[test]
fn records_of_another_kernel_are_refused_unless_accepted() {
    let dir = Scratch::new("provenance-kernel");
    let out = dir.path("out");
    let args = sweep(&out);
    run_ok(&strs(&args));
    let levels = read(&out.join("levels.csv"));
    let records = out.join("realizations.jsonl");
    edit_records(&records, |i, r| {
        if i < 5 {
            r.insert("kernel".into(), "0.0.0-other".into());
        }
    });
    let ours = pseudospin::VERSION;
    let err = run_err(&["merge", out.to_str().unwrap()], "--accept-mixed");
    let listed = format!("2 kernel versions: 0.0.0-other (5 records), {ours} (19 records)");
    assert!(err.contains(&listed), "{err}");
    let o = run_ok(&["merge", out.to_str().unwrap(), "--accept-mixed"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("were made by 2 programs"));
    assert!(read(&out.join("levels.csv")) == levels);

    // A run that would add this kernel's records to them: refused before it computes.
    let mut more = args.clone();
    let at = more.iter().position(|a| a == "--realizations").unwrap();
    more[at + 1] = "5".into();
    let err = run_err(&strs(&more), "--accept-mixed");
    let listed =
        format!("records of kernel 0.0.0-other (5 records), not this program's kernel {ours}");
    assert!(err.contains(&listed), "{err}");
    assert!(
        std::fs::read_to_string(out.join("manifest.json"))
            .unwrap()
            .contains("\"realizations\": [\n    4,"),
        "the refused run changed the manifest"
    );
    assert_eq!(
        json_lines(&records).len(),
        24,
        "the refused run wrote records"
    );
    let o = run(&strs(&[more, vec!["--accept-mixed".into()]].concat()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(json_lines(&records).len(), 30);
}
