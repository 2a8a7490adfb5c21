//! The Fortran module `capi/include/pseudospin.f90` is complete: every function the
//! header declares has a `bind(C, name='...')` interface in it, every `PS_*` constant is
//! a parameter with the header's value, and every function returning a C string also
//! has a Fortran function of its name returning `character(len=:), allocatable`. The
//! module is generated from the header by `capi/gen-fortran.py` (`capi/gen-header.sh`);
//! this test fails when a function or constant is missing, whatever made the module.

use std::collections::BTreeMap;

const HEADER: &str = include_str!("../include/pseudospin.h");
const MODULE: &str = include_str!("../include/pseudospin.f90");

/// The functions the header declares, with whether they return a C string.
fn header_functions() -> BTreeMap<String, bool> {
    let mut names = BTreeMap::new();
    for line in HEADER.lines() {
        let code = line.trim_start();
        if code.starts_with("//") || code.starts_with('#') || code.starts_with('*') {
            continue;
        }
        let Some(open) = code.find('(') else { continue };
        let head = &code[..open];
        let Some(start) = head.rfind([' ', '*']) else {
            continue;
        };
        let name = &head[start + 1..];
        if name.starts_with("ps_") {
            names.insert(name.to_string(), head.starts_with("const char *"));
        }
    }
    names
}

/// The header's `#define PS_* <integer>` constants (the configuration macro aside).
fn header_constants() -> BTreeMap<String, i64> {
    HEADER
        .lines()
        .filter_map(|l| {
            let mut w = l.strip_prefix("#define ")?.split_whitespace();
            let (name, value) = (w.next()?, w.next()?.parse().ok()?);
            (name.starts_with("PS_") && name != "PS_HOSTED").then(|| (name.to_string(), value))
        })
        .collect()
}

/// The module in lower case without continuation marks or whitespace (Fortran is
/// case-insensitive, and a statement may be split anywhere between tokens).
fn squeezed(module: &str) -> String {
    module
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '&')
        .collect::<String>()
        .to_lowercase()
}

#[test]
fn every_header_function_has_an_interface() {
    let fns = header_functions();
    assert!(fns.len() >= 40, "{} functions parsed", fns.len());
    let module = squeezed(MODULE);
    let mut missing = Vec::new();
    for (name, string) in &fns {
        if !module.contains(&format!("bind(c,name='{name}')")) {
            missing.push(name.clone());
        }
        if *string {
            let wrapper = format!("function{name}(");
            let body = MODULE.split("\ncontains\n").nth(1).unwrap_or("");
            let body = squeezed(body);
            assert!(
                body.contains(&wrapper) && body.contains("character(len=:),allocatable"),
                "{name}: no Fortran string function"
            );
        }
    }
    assert!(
        missing.is_empty(),
        "functions of pseudospin.h missing from pseudospin.f90: {missing:?} (run bash capi/gen-header.sh)"
    );
    // and nothing else is bound
    let bound = module.matches("bind(c,name='ps_").count();
    assert_eq!(
        bound,
        fns.len(),
        "the module binds functions the header lacks"
    );
}

#[test]
fn every_header_constant_is_a_parameter() {
    let consts = header_constants();
    assert!(consts.contains_key("PS_OK") && consts.contains_key("PS_INTERNAL"));
    for (name, value) in &consts {
        let decl = format!("integer(c_int), parameter :: {name} = {value}\n");
        assert!(
            MODULE.contains(&decl),
            "{name} = {value} missing from pseudospin.f90 (run bash capi/gen-header.sh)"
        );
    }
}
