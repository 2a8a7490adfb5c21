//! The C ABI's status constants are generated from the one status table,
//! `pseudospin::Error::STATUSES` (src/error.rs): this test renders `capi/src/status.rs`
//! from the table and fails when the committed file differs. `capi/gen-header.sh`
//! writes it (`PS_BLESS=1 cargo test -p pseudospin-capi --test generated`), then
//! regenerates the header (cbindgen) and the Fortran module (capi/gen-fortran.py) from
//! it, so the Rust mapping, the header's `PS_*` constants, `ps_status_name`,
//! `ps_status_message` and the Fortran parameters all come from that table.

use pseudospin::Error;
use std::fmt::Write;
use std::path::PathBuf;

/// `text` as `///` lines of at most `width` characters.
fn doc(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::from("///");
    for word in text.split_whitespace() {
        if line.len() + 1 + word.len() > width && line.len() > 3 {
            out.push_str(&line);
            out.push('\n');
            line = String::from("///");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The Rust source of `capi/src/status.rs`.
fn render() -> String {
    let t = Error::STATUSES;
    let mut s = String::new();
    s.push_str(
        "//! The C ABI's statuses. Generated from the status table `pseudospin::Error::STATUSES`\n\
         //! (src/error.rs) by capi/gen-header.sh; do not edit (capi/tests/generated.rs checks it).\n\
         //!\n\
         //! 0 is success, 1 to 15 the kernel's errors ([`pseudospin::Error::code`]), 16 to 20\n\
         //! the boundary's own reasons (reserved in the table: no kernel error takes them).\n\
         \n\
         use core::ffi::c_int;\n",
    );
    for &(code, name, meaning) in t {
        s.push('\n');
        s.push_str(&doc(meaning, 92));
        writeln!(s, "pub const PS_{}: c_int = {code};", name.to_uppercase()).unwrap();
    }
    let n = t.len();
    s.push_str("\n/// The number of statuses (codes 0 to `COUNT - 1`).\n");
    writeln!(s, "pub(crate) const COUNT: usize = {n};").unwrap();
    s.push_str("\n/// The NUL-terminated names by code (`ps_status_name`).\n");
    writeln!(s, "pub(crate) const NAMES: [&[u8]; COUNT] = [").unwrap();
    for &(_, name, _) in t {
        writeln!(s, "    b\"{}\\0\",", name.escape_default()).unwrap();
    }
    s.push_str("];\n");
    s.push_str("\n/// The NUL-terminated one-line meanings by code (`ps_status_message`).\n");
    writeln!(s, "pub(crate) const MESSAGES: [&[u8]; COUNT] = [").unwrap();
    for &(_, _, meaning) in t {
        writeln!(s, "    b\"{}\\0\",", meaning.escape_default()).unwrap();
    }
    s.push_str("];\n");
    s
}

#[test]
fn status_rs_is_generated_from_the_table() {
    for &(_, name, meaning) in Error::STATUSES {
        assert!(name.is_ascii() && meaning.is_ascii(), "{name}: ASCII only");
        assert!(!meaning.contains('\n'), "{name}: one line");
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/status.rs");
    let want = render();
    if std::env::var_os("PS_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let got = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        got == want,
        "capi/src/status.rs is not what the status table gives: run bash capi/gen-header.sh"
    );
}
