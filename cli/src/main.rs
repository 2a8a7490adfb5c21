//! `pseudospin`: the command-line program of the pseudospin kernel.
//!
//! Subcommands: `levels` (gap-ratio sweeps with resume and shards), `merge` (shards into
//! one summary), `instance` (one realization as JSON), `eig` (its eigenvalues), `cavity`
//! (Bethe-lattice critical points). Every error is one line on stderr and exit code 1
//! (2 for a command line that does not parse).

mod bench;
mod cavity;
mod eig;
mod instance;
mod jsonl;
mod levels;
mod lock;
mod memory;
mod plot;
mod provenance;
mod shard;
mod summary;
mod windows;

use clap::{Parser, Subcommand};

/// The error of a subcommand: one line, printed as `error: ...`.
pub type CliResult<T> = Result<T, String>;

/// `println!` for the program's results: a reader that stops early (`pseudospin eig ...
/// | head`) ends the program quietly with status 0 instead of a panic, and any other
/// failed write to standard output is a one-line error with status 1.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::write_stdout(format_args!($($arg)*))
    };
}
pub(crate) use outln;

/// One line on standard output (see [`outln`]).
pub(crate) fn write_stdout(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let res = out
        .write_fmt(line)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    if let Err(e) = res {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: writing to standard output: {e}");
        std::process::exit(1);
    }
}

#[derive(Parser)]
#[command(
    name = "pseudospin",
    version = provenance::LONG_VERSION,
    about = "Exact diagonalization and cavity recursions for the disordered pseudospin model",
    long_about = "Exact diagonalization and cavity recursions for the disordered pseudospin model\n\n\
Model (exact diagonalization), spins s = sigma/2 on N sites of a graph:\n\
  H = sum_i 2 xi_i s^z_i - sum_(ij) [ Jxy (s^+_i s^-_j + h.c.) + Jzz s^z_i s^z_j ]\n\
Energies are in the units of the couplings and fields (the field disorder W sets the scale:\n\
xi_i uniform on [-W/2, W/2]). Sectors at half filling, n_up = N/2 (rounded down).\n\
Bit i of a basis state is set when s^z_i = +1/2.\n\n\
Cavity (Bethe lattice, branching K): H = 2 sum xi_i s^z_i - (g/K) sum (s^x s^x + s^y s^y),\n\
xi uniform on [-1, 1]; that is Jxy = g/(2K) with fields twice as wide."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Levels(levels::LevelsArgs),
    Merge(levels::MergeArgs),
    Instance(instance::InstanceArgs),
    Eig(eig::EigArgs),
    #[command(subcommand)]
    Cavity(cavity::CavityCommand),
    Bench(bench::BenchArgs),
}

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
                || matches!(
                    e.kind(),
                    ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
                )
            {
                e.exit();
            }
            // One line, as every other error: clap's first line and a pointer to --help.
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid command line");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!("error: {first} (see --help)");
            std::process::exit(2);
        }
    };
    let result = match cli.command {
        Command::Levels(a) => levels::run(a),
        Command::Merge(a) => levels::merge(a),
        Command::Instance(a) => instance::run(a),
        Command::Eig(a) => eig::run(a),
        Command::Cavity(c) => cavity::run(c),
        Command::Bench(a) => bench::run(a),
    };
    if let Err(e) = result {
        let line = e.replace('\n', " ");
        eprintln!("error: {line}");
        std::process::exit(1);
    }
}
