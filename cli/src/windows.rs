//! Energy windows by name: the presets of the sweeps and custom bounds, as the kernel's
//! [`Window`].

use pseudospin::stats::Window;
use serde::{Deserialize, Serialize};

use crate::CliResult;

/// The text of `--help` that lists the window forms.
pub const WINDOW_HELP: &str = "Energy windows, comma separated: low = [E0, E0+1.5], \
inter = [E0+1.5, E0+2.5] (E0 the ground energy of the sector), mid = [-0.5, 0.5] \
(absolute energy); custom: abs:A:B (A <= E <= B), rel:A:B (E0+A <= E <= E0+B), \
eps:A:B ((E-E0)/(Emax-E0) in [A, B]). Energies in the units of Jxy and xi";

/// A named window: what the manifest, the JSON Lines records and the summary carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowSpec {
    /// The name on the command line (presets) or the canonical `kind:lo:hi`.
    pub name: String,
    /// `absolute`, `relative_to_ground` or `normalized`.
    pub kind: String,
    /// Lower bound.
    pub lo: f64,
    /// Upper bound.
    pub hi: f64,
}

impl WindowSpec {
    /// Parses one window: a preset name or `abs|rel|eps:A:B`.
    pub fn parse(text: &str) -> CliResult<Self> {
        let t = text.trim();
        let (kind, lo, hi, name) = match t {
            "low" => ("relative_to_ground", 0.0, 1.5, t.to_string()),
            "inter" => ("relative_to_ground", 1.5, 2.5, t.to_string()),
            "mid" => ("absolute", -0.5, 0.5, t.to_string()),
            _ => {
                let parts: Vec<&str> = t.split(':').collect();
                if parts.len() != 3 {
                    return Err(format!(
                        "window `{t}`: expected low, inter, mid, abs:A:B, rel:A:B or eps:A:B"
                    ));
                }
                let kind = match parts[0] {
                    "abs" => "absolute",
                    "rel" => "relative_to_ground",
                    "eps" => "normalized",
                    other => {
                        return Err(format!(
                            "window `{t}`: unknown kind `{other}` (abs, rel or eps)"
                        ))
                    }
                };
                let num = |s: &str| -> CliResult<f64> {
                    s.parse::<f64>()
                        .ok()
                        .filter(|x| x.is_finite())
                        .ok_or_else(|| format!("window `{t}`: `{s}` is not a finite number"))
                };
                let (lo, hi) = (num(parts[1])?, num(parts[2])?);
                (kind, lo, hi, format!("{}:{lo}:{hi}", parts[0]))
            }
        };
        if lo > hi {
            return Err(format!(
                "window `{t}`: lower bound {lo} above upper bound {hi}"
            ));
        }
        Ok(WindowSpec {
            name,
            kind: kind.to_string(),
            lo,
            hi,
        })
    }

    /// The kernel's window.
    pub fn window(&self) -> Window<f64> {
        let (lo, hi) = (self.lo, self.hi);
        match self.kind.as_str() {
            "relative_to_ground" => Window::RelativeToGround { lo, hi },
            "normalized" => Window::Normalized { lo, hi },
            _ => Window::Absolute { lo, hi },
        }
    }

    /// A short description for plot titles: `[E0+1.5, E0+2.5]`.
    pub fn describe(&self) -> String {
        match self.kind.as_str() {
            "relative_to_ground" => {
                let at = |x: f64| {
                    if x == 0.0 {
                        "E0".to_string()
                    } else if x > 0.0 {
                        format!("E0+{x}")
                    } else {
                        format!("E0{x}")
                    }
                };
                format!("E in [{}, {}]", at(self.lo), at(self.hi))
            }
            "normalized" => format!("eps in [{}, {}]", self.lo, self.hi),
            _ => format!("E in [{}, {}]", self.lo, self.hi),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_custom_windows_parse() {
        assert_eq!(
            WindowSpec::parse("low").unwrap().window(),
            Window::RelativeToGround { lo: 0.0, hi: 1.5 }
        );
        assert_eq!(
            WindowSpec::parse("mid").unwrap().window(),
            Window::Absolute { lo: -0.5, hi: 0.5 }
        );
        let w = WindowSpec::parse("abs:-1:2.5").unwrap();
        assert_eq!(w.name, "abs:-1:2.5");
        assert_eq!(w.window(), Window::Absolute { lo: -1.0, hi: 2.5 });
        assert!(WindowSpec::parse("eps:0.7:0.2").is_err());
        assert!(WindowSpec::parse("middle").is_err());
        assert!(WindowSpec::parse("abs:x:1").is_err());
    }
}
