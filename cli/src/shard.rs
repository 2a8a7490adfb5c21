//! Shards of a sweep: `k/n` runs the realizations with index `r % n == k`.

use crate::CliResult;

/// One shard of `count`: realizations `r` with `r % count == index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard's index, `0..count`.
    pub index: u64,
    /// The number of shards.
    pub count: u64,
}

impl Shard {
    /// Whether realization `r` belongs to this shard.
    pub fn owns(&self, r: u64) -> bool {
        r % self.count == self.index
    }

    /// The JSON Lines file name of this shard.
    pub fn file_name(&self) -> String {
        format!("shard-{}-of-{}.jsonl", self.index, self.count)
    }

    /// Parses `k/n` or `auto` (rank and size from the launcher's environment).
    pub fn parse(text: &str) -> CliResult<Self> {
        if text == "auto" {
            return Self::from_env(&|k| std::env::var(k).ok());
        }
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("--shard `{text}`: expected k/n (e.g. 0/3) or auto"))?;
        let num = |s: &str| {
            s.trim()
                .parse::<u64>()
                .map_err(|_| format!("--shard `{text}`: `{s}` is not a whole number"))
        };
        Self::new(num(k)?, num(n)?, text)
    }

    fn new(index: u64, count: u64, what: &str) -> CliResult<Self> {
        if count == 0 || index >= count {
            return Err(format!(
                "--shard {what}: need 0 <= k < n, got k = {index}, n = {count}"
            ));
        }
        Ok(Shard { index, count })
    }

    /// Rank and size from, in this order: Open MPI (`OMPI_COMM_WORLD_RANK`/`SIZE`),
    /// MPICH and Intel MPI (`PMI_RANK`/`PMI_SIZE`), Slurm tasks (`SLURM_PROCID`/
    /// `SLURM_NTASKS`), Slurm job arrays (`SLURM_ARRAY_TASK_ID` with
    /// `SLURM_ARRAY_TASK_COUNT`, index counted from `SLURM_ARRAY_TASK_MIN`).
    pub fn from_env(get: &dyn Fn(&str) -> Option<String>) -> CliResult<Self> {
        let num = |k: &str| -> CliResult<Option<u64>> {
            match get(k) {
                None => Ok(None),
                Some(v) => v
                    .trim()
                    .parse::<u64>()
                    .map(Some)
                    .map_err(|_| format!("--shard auto: {k}={v} is not a whole number")),
            }
        };
        for (rank, size) in [
            ("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE"),
            ("PMI_RANK", "PMI_SIZE"),
            ("SLURM_PROCID", "SLURM_NTASKS"),
        ] {
            if let (Some(k), Some(n)) = (num(rank)?, num(size)?) {
                return Self::new(k, n, &format!("auto ({rank}={k}, {size}={n})"));
            }
        }
        if let Some(id) = num("SLURM_ARRAY_TASK_ID")? {
            let min = num("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
            let count = match num("SLURM_ARRAY_TASK_COUNT")? {
                Some(c) => c,
                None => match num("SLURM_ARRAY_TASK_MAX")? {
                    Some(max) if max >= min => max - min + 1,
                    _ => {
                        return Err("--shard auto: SLURM_ARRAY_TASK_ID is set but neither \
                                    SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX"
                            .into())
                    }
                },
            };
            let k = id.checked_sub(min).ok_or_else(|| {
                format!("--shard auto: SLURM_ARRAY_TASK_ID={id} below SLURM_ARRAY_TASK_MIN={min}")
            })?;
            return Self::new(k, count, &format!("auto (Slurm array task {id})"));
        }
        Err(
            "--shard auto: no rank found (OMPI_COMM_WORLD_RANK, PMI_RANK, SLURM_PROCID or \
             SLURM_ARRAY_TASK_ID); start it with mpirun/srun or give --shard k/n"
                .into(),
        )
    }
}

/// Why a run without `--shard` is refused in this environment: one of several tasks of a
/// Slurm job array (`SLURM_ARRAY_TASK_ID` with a count above 1, from
/// `SLURM_ARRAY_TASK_COUNT` or `_MIN`/`_MAX`) or of an MPI launch (`OMPI_COMM_WORLD_SIZE`
/// or `PMI_SIZE` above 1), each of which would run the whole sweep into one folder.
/// `None` elsewhere.
pub fn unsharded_refusal(get: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let num = |k: &str| get(k).and_then(|v| v.trim().parse::<u64>().ok());
    let hint = "give --shard auto to split the sweep between them (then `pseudospin merge`)";
    if let Some(id) = num("SLURM_ARRAY_TASK_ID") {
        let count = num("SLURM_ARRAY_TASK_COUNT").or_else(|| {
            let min = num("SLURM_ARRAY_TASK_MIN").unwrap_or(0);
            num("SLURM_ARRAY_TASK_MAX")
                .filter(|&max| max >= min)
                .map(|max| max - min + 1)
        });
        if let Some(count) = count.filter(|&c| c > 1) {
            return Some(format!(
                "this is task {id} of a Slurm job array of {count} tasks (SLURM_ARRAY_TASK_ID): \
                 without --shard every task would run the whole sweep; {hint}"
            ));
        }
    }
    for size in ["OMPI_COMM_WORLD_SIZE", "PMI_SIZE"] {
        if let Some(n) = num(size).filter(|&n| n > 1) {
            return Some(format!(
                "this is one of {n} MPI ranks ({size}={n}): without --shard every rank would \
                 run the whole sweep; {hint}"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn shard_specs_parse_and_partition() {
        let s = Shard::parse("1/3").unwrap();
        assert_eq!((s.index, s.count), (1, 3));
        assert_eq!((0..7).filter(|&r| s.owns(r)).collect::<Vec<_>>(), [1, 4]);
        assert!(Shard::parse("3/3").is_err());
        assert!(Shard::parse("0/0").is_err());
        assert!(Shard::parse("x").is_err());
    }

    #[test]
    fn launcher_environments_give_rank_and_size() {
        let s = |p: &[(&str, &str)]| Shard::from_env(&env(p));
        assert_eq!(
            s(&[("OMPI_COMM_WORLD_RANK", "2"), ("OMPI_COMM_WORLD_SIZE", "4")]),
            Ok(Shard { index: 2, count: 4 })
        );
        assert_eq!(
            s(&[("PMI_RANK", "0"), ("PMI_SIZE", "2")]),
            Ok(Shard { index: 0, count: 2 })
        );
        assert_eq!(
            s(&[("SLURM_PROCID", "1"), ("SLURM_NTASKS", "2")]),
            Ok(Shard { index: 1, count: 2 })
        );
        assert_eq!(
            s(&[
                ("SLURM_ARRAY_TASK_ID", "5"),
                ("SLURM_ARRAY_TASK_MIN", "4"),
                ("SLURM_ARRAY_TASK_MAX", "7")
            ]),
            Ok(Shard { index: 1, count: 4 })
        );
        assert_eq!(
            s(&[
                ("SLURM_ARRAY_TASK_ID", "2"),
                ("SLURM_ARRAY_TASK_COUNT", "3")
            ]),
            Ok(Shard { index: 2, count: 3 })
        );
        assert!(s(&[]).is_err());
    }

    #[test]
    fn unsharded_runs_in_arrays_and_mpi_launches_are_refused() {
        let r = |p: &[(&str, &str)]| unsharded_refusal(&env(p));
        let e = r(&[
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_COUNT", "10"),
        ])
        .unwrap();
        assert!(e.contains("task 3 of a Slurm job array of 10 tasks"), "{e}");
        assert!(e.contains("--shard auto"), "{e}");
        let e = r(&[
            ("SLURM_ARRAY_TASK_ID", "5"),
            ("SLURM_ARRAY_TASK_MIN", "4"),
            ("SLURM_ARRAY_TASK_MAX", "7"),
        ])
        .unwrap();
        assert!(e.contains("of 4 tasks"), "{e}");
        assert!(r(&[("OMPI_COMM_WORLD_SIZE", "3")])
            .unwrap()
            .contains("3 MPI ranks"));
        assert!(r(&[("PMI_SIZE", "2")]).unwrap().contains("2 MPI ranks"));
        // One task, one rank, a plain Slurm job: nothing to split.
        assert_eq!(
            r(&[
                ("SLURM_ARRAY_TASK_ID", "0"),
                ("SLURM_ARRAY_TASK_COUNT", "1")
            ]),
            None
        );
        assert_eq!(r(&[("OMPI_COMM_WORLD_SIZE", "1")]), None);
        assert_eq!(r(&[("SLURM_PROCID", "0"), ("SLURM_NTASKS", "4")]), None);
        assert_eq!(r(&[]), None);
    }
}
