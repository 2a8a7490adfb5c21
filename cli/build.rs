//! The commit the program is built from, for the provenance of its records: sets
//! `PSEUDOSPIN_COMMIT` to `git rev-parse HEAD`, with `-dirty` appended when the sources of
//! the program (the kernel's `src/`, `Cargo.toml` and `Cargo.lock` at the workspace root,
//! and `cli/`) differ from that commit (`git status --porcelain`), or to `unknown` when
//! there is no git, no repository, or a repository that does not hold this package at
//! `cli/` (a copy of the sources unpacked inside another checkout). Only git itself is
//! run: no dependency.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The paths, relative to the workspace root, whose changes make a build `-dirty`: what
/// the program is compiled from. Other changes (study records, docs) leave it clean.
const SOURCES: [&str; 4] = ["src", "Cargo.toml", "Cargo.lock", "cli"];

/// `git ARGS` run in `dir`: its standard output, trimmed, when it succeeds.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    // No optional locks: `git status` would otherwise refresh the index under
    // index.lock, which a commit running beside the build would trip over.
    let out = Command::new("git")
        .arg("--no-optional-locks")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8(out.stdout).ok()?.trim().to_string())
}

/// The commit, with `-dirty` when the sources differ from it; `None` without git or
/// outside this repository.
fn commit(pkg: &Path) -> Option<String> {
    if git(pkg, &["rev-parse", "--show-prefix"])? != "cli/" {
        return None;
    }
    let head = git(pkg, &["rev-parse", "HEAD"])?;
    if head.len() != 40 || !head.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let root = pkg.parent()?;
    let mut args = vec!["status", "--porcelain", "--"];
    args.extend(SOURCES);
    let status = git(root, &args)?;
    Some(if status.is_empty() {
        head
    } else {
        head + "-dirty"
    })
}

/// Rebuild when HEAD moves (a commit, checkout or reset: HEAD, its reflog, the refs) or
/// the sources change (the dirty mark). Only files that exist are named:
/// cargo reruns a build script every time for a missing one.
fn rerun_if_changed(pkg: &Path) {
    let root = pkg
        .parent()
        .map_or_else(|| pkg.join(".."), Path::to_path_buf);
    let mut paths: Vec<PathBuf> = SOURCES.iter().map(|s| root.join(s)).collect();
    paths.push(pkg.join("build.rs"));
    let abs = |p: String| {
        let p = PathBuf::from(p);
        if p.is_absolute() {
            p
        } else {
            pkg.join(p)
        }
    };
    if let Some(git_dir) = git(pkg, &["rev-parse", "--git-dir"]).map(abs) {
        for f in ["HEAD", "logs/HEAD"] {
            paths.push(git_dir.join(f));
        }
        if let Some(common) = git(pkg, &["rev-parse", "--git-common-dir"]).map(abs) {
            paths.push(common.join("refs/heads"));
            paths.push(common.join("packed-refs"));
        }
    }
    for p in paths.iter().filter(|p| p.exists()) {
        println!("cargo:rerun-if-changed={}", p.display());
    }
}

fn main() {
    let pkg = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    rerun_if_changed(&pkg);
    let commit = commit(&pkg).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=PSEUDOSPIN_COMMIT={commit}");
}
