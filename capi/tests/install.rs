//! The install metadata agrees with the crate: the CMake package's version file states
//! the crate's version, and cargo-c's metadata in capi/Cargo.toml installs the
//! committed header, the Fortran module and the CMake files under the names that
//! examples/install/run.sh (and a consumer) expect.

const VERSION_FILE: &str = include_str!("../cmake/pseudospin-config-version.cmake");
const MANIFEST: &str = include_str!("../Cargo.toml");

#[test]
fn the_cmake_version_is_the_crates() {
    let want = format!("set(PACKAGE_VERSION \"{}\")", env!("CARGO_PKG_VERSION"));
    assert!(
        VERSION_FILE.contains(&want),
        "capi/cmake/pseudospin-config-version.cmake: {want} expected"
    );
    let minor = env!("CARGO_PKG_VERSION_MINOR");
    let want = format!("NOT PACKAGE_FIND_VERSION_MINOR STREQUAL \"{minor}\"");
    assert!(VERSION_FILE.contains(&want), "{want} expected");
}

#[test]
fn cargo_c_installs_the_committed_files() {
    for line in [
        "[package.metadata.capi.library]\nname = \"pseudospin\"",
        "generation = false",
        "{ from = \"include/pseudospin.h\", to = \"\" }",
        "{ from = \"include/pseudospin.f90\", to = \"\" }",
        "asset = [{ from = \"cmake/*.cmake\", to = \"pseudospin/cmake\" }]",
    ] {
        assert!(MANIFEST.contains(line), "capi/Cargo.toml lacks {line}");
    }
}
