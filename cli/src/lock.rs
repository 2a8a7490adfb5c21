//! The locks of an output folder: advisory file locks (`flock(2)` on Unix, `LockFileEx` on
//! Windows, through std's `File::try_lock`), held by `pseudospin levels` for its whole
//! run and released by the operating system when the process ends, however it ends.
//!
//! Two files in the folder DIR:
//! - `levels.lock`, the folder's lock: exclusive for a run that writes the whole sweep
//!   (no `--shard`, or `--shard 0/1`), shared for a shard, so that shards run side by side
//!   and a whole run excludes every other;
//! - `RECORDS.lock` beside the record file RECORDS the run appends to
//!   (`realizations.jsonl.lock`, `shard-K-of-N.jsonl.lock`), exclusive, holding one line
//!   that names its holder: pid, host, start time, program. Two runs of one shard exclude
//!   each other here.
//!
//! A run that finds a lock taken fails at once with a line naming the holders (the
//! record locks that are held, read back), or waits for them (`--wait`). The files stay
//! in the folder after a run; only the locks on them matter, and the line of a holder
//! that is gone is never read back as one.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::provenance::Provenance;
use crate::CliResult;

/// The folder's lock file.
pub const FOLDER_LOCK: &str = "levels.lock";

/// The suffix of a record file's lock.
const RECORD_LOCK_SUFFIX: &str = ".lock";

/// How long a run retries its record lock before it counts as held: another run naming
/// the holders takes a record lock shared for a moment (see [`holders`]).
const PROBE_GRACE: Duration = Duration::from_millis(200);

/// The locks of a run; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct FolderLock {
    _folder: Option<File>,
    _records: Option<File>,
}

/// How a run holds the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The whole sweep: no other run in the folder.
    Exclusive,
    /// One shard: other shards beside it, no whole run.
    Shared,
}

fn open(path: &Path) -> CliResult<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))
}

/// The line a holder writes into its record lock.
fn holder_line(records: &str) -> String {
    let p = Provenance::ours();
    format!(
        "pid {} on {}, started {}, {}, writing {records}",
        std::process::id(),
        hostname(),
        utc_now(),
        p.describe()
    )
}

/// The record locks of `dir` held by other runs, as their holders' lines, `; ` apart.
/// Each lock is taken shared for a moment: it fails while its holder runs.
pub fn holders(dir: &Path) -> String {
    let mut found = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".jsonl.lock"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let Ok(mut f) = File::open(&path) else {
            continue;
        };
        if let Err(TryLockError::WouldBlock) = f.try_lock_shared() {
            let mut text = String::new();
            let _ = f.read_to_string(&mut text);
            let line = text.lines().next().unwrap_or("").trim();
            found.push(if line.is_empty() {
                let records = name.trim_end_matches(RECORD_LOCK_SUFFIX);
                format!("a run starting on {records}")
            } else {
                line.to_string()
            });
        }
    }
    if found.is_empty() {
        "another run of pseudospin levels".into()
    } else {
        found.join("; ")
    }
}

/// Takes `lock` as `access` wants it: at once, or after waiting when `wait` (with a note
/// naming whom it waits for). `Ok(false)`: this file system has no locks (a warning was
/// printed; the run goes on unlocked).
fn take(
    lock: &File,
    path: &Path,
    access: Access,
    wait: bool,
    held: impl Fn() -> String,
    refusal: impl Fn(&str) -> String,
) -> CliResult<bool> {
    let tried = match access {
        Access::Exclusive => lock.try_lock(),
        Access::Shared => lock.try_lock_shared(),
    };
    match tried {
        Ok(()) => Ok(true),
        Err(TryLockError::WouldBlock) => {
            let who = held();
            if !wait {
                return Err(refusal(&who));
            }
            eprintln!("note: waiting for {who} (--wait)");
            match access {
                Access::Exclusive => lock.lock(),
                Access::Shared => lock.lock_shared(),
            }
            .map_err(|e| format!("cannot lock {}: {e}", path.display()))?;
            Ok(true)
        }
        Err(TryLockError::Error(e)) => {
            eprintln!(
                "warning: cannot lock {} ({e}); another run on this folder would not be noticed",
                path.display()
            );
            Ok(false)
        }
    }
}

/// Locks `dir` for a run that appends to the record file `records` (a name in `dir`):
/// the folder lock as `access`, then the record file's lock, whose line then names this
/// process. Fails at once when either is held, naming the holders, unless `wait`.
pub fn acquire(dir: &Path, records: &str, access: Access, wait: bool) -> CliResult<FolderLock> {
    let shown = dir.display();
    let folder_path = dir.join(FOLDER_LOCK);
    let folder = open(&folder_path)?;
    let folder_locked = take(
        &folder,
        &folder_path,
        access,
        wait,
        || holders(dir),
        |who| {
            let other = match access {
                Access::Exclusive => "",
                Access::Shared => " (a run of the whole sweep; shards of one run side by side)",
            };
            format!(
                "{shown} is in use by {who}{other}; wait for it with --wait or use another --out"
            )
        },
    )?;

    let record_path = dir.join(format!("{records}{RECORD_LOCK_SUFFIX}"));
    let mut own = open(&record_path)?;
    // A run naming the holders holds a record lock shared for a moment: retry briefly
    // before counting it as another run of the same records.
    let start = std::time::Instant::now();
    while start.elapsed() < PROBE_GRACE {
        match own.try_lock() {
            Err(TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(5)),
            _ => break,
        }
    }
    let line_of = |f: &Path| {
        std::fs::read_to_string(f)
            .ok()
            .and_then(|t| t.lines().next().map(|l| l.trim().to_string()))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| format!("a run starting on {records}"))
    };
    let records_locked = take(
        &own,
        &record_path,
        Access::Exclusive,
        wait,
        || line_of(&record_path),
        |who| {
            format!(
                "{shown}/{records} is being written by {who}; wait for it with --wait or use another --out"
            )
        },
    )?;
    if records_locked {
        let line = holder_line(records) + "\n";
        own.set_len(0)
            .and_then(|()| own.rewind())
            .and_then(|()| own.write_all(line.as_bytes()))
            .map_err(|e| format!("cannot write {}: {e}", record_path.display()))?;
    }
    Ok(FolderLock {
        _folder: folder_locked.then_some(folder),
        _records: records_locked.then_some(own),
    })
}

/// This machine's name: the kernel's, `$HOSTNAME`, or `unknown host`.
fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown host".into())
}

/// Now as `YYYY-MM-DD HH:MM:SS UTC`.
fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    utc(secs)
}

/// Seconds since 1970-01-01 00:00:00 UTC as `YYYY-MM-DD HH:MM:SS UTC` (the proleptic
/// Gregorian calendar: Howard Hinnant's `civil_from_days`).
fn utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3_600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates_follow_the_gregorian_calendar() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(1_709_164_799), "2024-02-28 23:59:59 UTC");
        assert_eq!(utc(4_107_542_400), "2100-03-01 00:00:00 UTC");
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("pseudospin-lock-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// Within one process: a whole run excludes another and every shard; shards of
    /// distinct record files share the folder; one shard's records exclude a second run
    /// of them; a dropped lock is free again. (Locks of one process on distinct open
    /// files exclude each other as another process's do.)
    #[test]
    fn whole_runs_exclude_and_shards_share() {
        let dir = scratch("rules");
        let whole = acquire(&dir, "realizations.jsonl", Access::Exclusive, false).unwrap();
        let e = acquire(&dir, "realizations.jsonl", Access::Exclusive, false).unwrap_err();
        assert!(e.contains("is in use by pid"), "{e}");
        assert!(e.contains("writing realizations.jsonl"), "{e}");
        let e = acquire(&dir, "shard-0-of-2.jsonl", Access::Shared, false).unwrap_err();
        assert!(e.contains("a run of the whole sweep"), "{e}");
        drop(whole);
        let s0 = acquire(&dir, "shard-0-of-2.jsonl", Access::Shared, false).unwrap();
        let s1 = acquire(&dir, "shard-1-of-2.jsonl", Access::Shared, false).unwrap();
        let e = acquire(&dir, "shard-1-of-2.jsonl", Access::Shared, false).unwrap_err();
        assert!(
            e.contains("shard-1-of-2.jsonl is being written by pid"),
            "{e}"
        );
        let e = acquire(&dir, "realizations.jsonl", Access::Exclusive, false).unwrap_err();
        assert!(
            e.contains("writing shard-0-of-2.jsonl") && e.contains("writing shard-1-of-2.jsonl"),
            "{e}"
        );
        drop((s0, s1));
        acquire(&dir, "realizations.jsonl", Access::Exclusive, false).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }
}
