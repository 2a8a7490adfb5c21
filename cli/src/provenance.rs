//! Which program made a record or a manifest: the program's version, its kernel's
//! version and the git commit it was built from (`cli/build.rs`), and the check that a
//! sweep's records come from one kernel.
//!
//! Records and manifests written before these fields existed read as `unknown`. They were
//! all made by kernel [`BEFORE_PROVENANCE_KERNEL`] (the fields came with it), so they
//! count as that kernel's when kernels are compared.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::CliResult;

/// A field that an older record or manifest does not have.
pub const UNKNOWN: &str = "unknown";

/// The kernel of every record and manifest without provenance: the fields were added at
/// version 0.1.0, the only version before them.
pub const BEFORE_PROVENANCE_KERNEL: &str = "0.1.0";

/// The commit this program was built from (`-dirty` when its sources differed), or
/// `unknown` (see `cli/build.rs`).
pub const COMMIT: &str = env!("PSEUDOSPIN_COMMIT");

/// `pseudospin --version`: the version and the commit.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("PSEUDOSPIN_COMMIT"),
    ")"
);

fn unknown() -> String {
    UNKNOWN.into()
}

/// The program that wrote a record or a manifest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Provenance {
    /// The program's version (`CARGO_PKG_VERSION` of pseudospin-cli).
    #[serde(default = "unknown")]
    pub version: String,
    /// The kernel's version (`pseudospin::VERSION`).
    #[serde(default = "unknown")]
    pub kernel: String,
    /// The git commit of the build, `-dirty` when its sources differed from it.
    #[serde(default = "unknown")]
    pub commit: String,
}

impl Default for Provenance {
    /// Unknown: a record or manifest written before provenance.
    fn default() -> Self {
        Provenance {
            version: unknown(),
            kernel: unknown(),
            commit: unknown(),
        }
    }
}

impl Provenance {
    /// This program.
    pub fn ours() -> Self {
        Provenance {
            version: env!("CARGO_PKG_VERSION").into(),
            kernel: pseudospin::VERSION.into(),
            commit: COMMIT.into(),
        }
    }

    /// Whether nothing is known (written before provenance).
    pub fn is_unknown(&self) -> bool {
        *self == Self::default()
    }

    /// The kernel's version for comparisons: [`BEFORE_PROVENANCE_KERNEL`] when unknown.
    pub fn kernel_version(&self) -> &str {
        if self.kernel == UNKNOWN {
            BEFORE_PROVENANCE_KERNEL
        } else {
            &self.kernel
        }
    }

    /// As text: `pseudospin 0.1.0 (kernel 0.1.0, commit 0123456789ab)`, the commit cut to
    /// 12 digits; `unknown (before provenance, kernel 0.1.0)`.
    pub fn describe(&self) -> String {
        if self.is_unknown() {
            return format!(
                "unknown (written before provenance, kernel {BEFORE_PROVENANCE_KERNEL})"
            );
        }
        let commit = match self.commit.split_once('-') {
            Some((hash, mark)) if hash.len() > 12 => format!("{}-{mark}", &hash[..12]),
            None if self.commit.len() > 12 && self.commit != UNKNOWN => self.commit[..12].into(),
            _ => self.commit.clone(),
        };
        format!(
            "pseudospin {} (kernel {}, commit {commit})",
            self.version, self.kernel
        )
    }
}

/// The programs behind a set of records, with how many records each made.
pub type Census = BTreeMap<Provenance, usize>;

/// Counts the records of each program.
pub fn census<'a>(records: impl IntoIterator<Item = &'a Provenance>) -> Census {
    let mut c = Census::new();
    for p in records {
        *c.entry(p.clone()).or_default() += 1;
    }
    c
}

/// One line listing the programs when more than one made the records of `dir`; `None`
/// for one (or none).
pub fn mixed_note(dir: &Path, c: &Census) -> Option<String> {
    if c.len() < 2 {
        return None;
    }
    let list: Vec<String> = c
        .iter()
        .map(|(p, n)| format!("{} {n} records", p.describe()))
        .collect();
    Some(format!(
        "note: the records in {} were made by {} programs: {}",
        dir.display(),
        c.len(),
        list.join("; ")
    ))
}

/// The kernel versions of a census, with their records, ascending.
fn kernels(c: &Census) -> BTreeMap<&str, usize> {
    let mut k = BTreeMap::new();
    for (p, n) in c {
        *k.entry(p.kernel_version()).or_default() += n;
    }
    k
}

/// Refuses the records of `dir` when they come from more than one kernel version, or
/// (with `ours`, a run about to add records) from a kernel other than this program's:
/// their levels could differ. `accept` (`--accept-mixed`) lets them through.
pub fn check_kernels(
    dir: &Path,
    c: &Census,
    ours: Option<&Provenance>,
    accept: bool,
) -> CliResult<()> {
    let k = kernels(c);
    let list = |k: &BTreeMap<&str, usize>| {
        k.iter()
            .map(|(v, n)| format!("{v} ({n} records)"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let refusal = match ours {
        Some(p) if k.keys().any(|&v| v != p.kernel_version()) => {
            let mut other = k.clone();
            other.remove(p.kernel_version());
            format!(
                "{} holds records of kernel {}, not this program's kernel {}",
                dir.display(),
                list(&other),
                p.kernel_version()
            )
        }
        None if k.len() > 1 => format!(
            "{} holds records of {} kernel versions: {}",
            dir.display(),
            k.len(),
            list(&k)
        ),
        _ => return Ok(()),
    };
    if accept {
        return Ok(());
    }
    Err(format!(
        "{refusal}; their levels may differ: give --accept-mixed to use them together, or \
         use another folder"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(version: &str, kernel: &str, commit: &str) -> Provenance {
        Provenance {
            version: version.into(),
            kernel: kernel.into(),
            commit: commit.into(),
        }
    }

    #[test]
    fn records_without_provenance_read_as_unknown() {
        let old: Provenance = serde_json::from_str("{}").unwrap();
        assert!(old.is_unknown());
        assert_eq!(old.kernel_version(), BEFORE_PROVENANCE_KERNEL);
        assert!(old.describe().starts_with("unknown"));
    }

    #[test]
    fn commits_are_cut_to_twelve_digits() {
        let hash = "0123456789abcdef0123456789abcdef01234567";
        assert_eq!(
            p("0.1.0", "0.1.0", hash).describe(),
            "pseudospin 0.1.0 (kernel 0.1.0, commit 0123456789ab)"
        );
        assert_eq!(
            p("0.1.0", "0.1.0", &format!("{hash}-dirty")).describe(),
            "pseudospin 0.1.0 (kernel 0.1.0, commit 0123456789ab-dirty)"
        );
        assert_eq!(
            p("0.1.0", "0.1.0", UNKNOWN).describe(),
            "pseudospin 0.1.0 (kernel 0.1.0, commit unknown)"
        );
    }

    #[test]
    fn kernels_are_compared_with_unknown_as_the_first() {
        let dir = Path::new("out");
        let a = p("0.1.0", "0.1.0", "a");
        let b = p("0.1.0", "0.1.0", "b");
        let old = Provenance::default();
        let next = p("0.2.0", "0.2.0", "c");
        // One kernel, several commits or none known: noted, not refused.
        let c = census([&a, &b, &old, &old]);
        assert!(mixed_note(dir, &c).unwrap().contains("3 programs"));
        assert!(check_kernels(dir, &c, None, false).is_ok());
        assert!(check_kernels(dir, &c, Some(&a), false).is_ok());
        assert!(mixed_note(dir, &census([&a, &a])).is_none());
        // Two kernels: refused unless accepted.
        let c = census([&a, &next]);
        let e = check_kernels(dir, &c, None, false).unwrap_err();
        assert!(
            e.contains("2 kernel versions: 0.1.0 (1 records), 0.2.0 (1 records)"),
            "{e}"
        );
        assert!(e.contains("--accept-mixed"), "{e}");
        assert!(check_kernels(dir, &c, None, true).is_ok());
        // A run adding another kernel's records to a folder of one kernel.
        let c = census([&old]);
        let e = check_kernels(dir, &c, Some(&next), false).unwrap_err();
        assert!(
            e.contains("kernel 0.1.0 (1 records), not this program's kernel 0.2.0"),
            "{e}"
        );
        assert!(check_kernels(dir, &Census::new(), Some(&next), false).is_ok());
    }
}
