//! The per-realization records of a sweep: one JSON object per line, appended with one
//! write and a flush each, read back with a half-written last line ignored (and cut off
//! the file a run appends to, which its lock makes its own: see `lock`).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::provenance::Provenance;
use crate::CliResult;

/// The unsharded run's file in the output folder.
pub const UNSHARDED: &str = "realizations.jsonl";

/// One window's result of one realization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowResult {
    /// The window's name (as in the manifest).
    pub window: String,
    /// Levels inside the window.
    pub levels: usize,
    /// Gap ratios with their three levels inside (ties excluded).
    pub ratios: usize,
    /// Exact ties among them.
    pub ties: usize,
    /// Mean gap ratio of this realization in the window; `null` without ratios.
    pub mean_r: Option<f64>,
}

/// One realization `r` at one size `n` and coupling `jxy`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Number of sites.
    pub n: usize,
    /// XY coupling.
    pub jxy: f64,
    /// Realization index.
    pub r: u64,
    /// `dense` or `slicing`.
    pub solver: String,
    /// Sector dimension.
    pub dim: usize,
    /// Lowest level, when the solver found it.
    pub e_min: Option<f64>,
    /// Highest level, when the solver found it.
    pub e_max: Option<f64>,
    /// One entry per window, in the manifest's order.
    pub windows: Vec<WindowResult>,
    /// Wall time of this realization in seconds (informational; never summarized).
    pub seconds: f64,
    /// The program that made it: `version`, `kernel`, `commit` after `seconds` (each
    /// `unknown` in a record written before them).
    #[serde(flatten)]
    pub made_by: Provenance,
}

/// The records of one file, in file order. A last line without its newline (a write cut
/// short by a kill) is left out ([`repair`] cuts it off the file, so that the next append
/// starts on a fresh line). Any other line that does not parse is an error.
pub fn read(path: &Path) -> CliResult<Vec<Record>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let complete = complete_len(&bytes);
    let mut out = Vec::new();
    for (i, line) in bytes[..complete].split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let rec: Record = serde_json::from_slice(line).map_err(|e| {
            format!(
                "{} line {}: not a realization record ({e})",
                path.display(),
                i + 1
            )
        })?;
        out.push(rec);
    }
    Ok(out)
}

/// The length of the complete lines of `bytes` (up to and with the last newline).
fn complete_len(bytes: &[u8]) -> usize {
    bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
}

fn cut(path: &Path, len: usize) -> CliResult<()> {
    let f = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| format!("cannot repair {}: {e}", path.display()))?;
    f.set_len(len as u64)
        .map_err(|e| format!("cannot repair {}: {e}", path.display()))
}

/// Cuts a last line without its newline (a write cut short by a kill) off `path`; a
/// missing file is left missing.
pub fn repair(path: &Path) -> CliResult<()> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let complete = complete_len(&bytes);
    if complete < bytes.len() {
        cut(path, complete)?;
    }
    Ok(())
}

/// The record files of an output folder: the unsharded file first, then the shards'
/// files by name.
pub fn files(dir: &Path) -> CliResult<Vec<PathBuf>> {
    let mut shards = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("shard-") && name.ends_with(".jsonl") {
            shards.push(entry.path());
        }
    }
    shards.sort();
    let mut out = vec![dir.join(UNSHARDED)];
    out.extend(shards);
    Ok(out)
}

/// An open record file for appending.
pub struct Appender {
    file: File,
    path: PathBuf,
}

impl Appender {
    /// Opens (or creates) `path` for appending.
    pub fn open(path: &Path) -> CliResult<Self> {
        let file = OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .map_err(|e| format!("cannot open {} for writing: {e}", path.display()))?;
        Ok(Appender {
            file,
            path: path.to_path_buf(),
        })
    }

    /// Appends one record as one line: a single write of the whole line, then a flush.
    pub fn append(&mut self, rec: &Record) -> CliResult<()> {
        let mut line = serde_json::to_string(rec).map_err(|e| format!("record: {e}"))?;
        line.push('\n');
        self.file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.flush())
            .map_err(|e| format!("cannot write {}: {e}", self.path.display()))
    }
}
