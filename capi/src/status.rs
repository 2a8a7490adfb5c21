//! The C ABI's statuses. Generated from the status table `pseudospin::Error::STATUSES`
//! (src/error.rs) by capi/gen-header.sh; do not edit (capi/tests/generated.rs checks it).
//!
//! 0 is success, 1 to 15 the kernel's errors ([`pseudospin::Error::code`]), 16 to 20
//! the boundary's own reasons (reserved in the table: no kernel error takes them).

use core::ffi::c_int;

/// Success.
pub const PS_OK: c_int = 0;

/// N is larger than the routine supports (64 for bases, 36 for the blocked operator); N = 0
/// is invalid_argument.
pub const PS_TOO_MANY_SITES: c_int = 1;

/// The number of up spins n_up exceeds the number of sites N.
pub const PS_INVALID_FILLING: c_int = 2;

/// A dimension or size does not fit in size_t (or in 32-bit indices where needed).
pub const PS_DIMENSION_OVERFLOW: c_int = 3;

/// An array has the wrong length, or an output is shorter than needed (the length it needs
/// is reported).
pub const PS_LENGTH_MISMATCH: c_int = 4;

/// A workspace or caller-provided memory block is too small (the bytes it needs are
/// reported).
pub const PS_WORKSPACE_TOO_SMALL: c_int = 5;

/// A parameter is NaN or infinite.
pub const PS_NON_FINITE: c_int = 6;

/// An edge refers to a vertex outside 0..N.
pub const PS_EDGE_OUT_OF_RANGE: c_int = 7;

/// An edge joins a vertex to itself.
pub const PS_SELF_LOOP: c_int = 8;

/// The same edge appears twice.
pub const PS_DUPLICATE_EDGE: c_int = 9;

/// A fixed capacity is exceeded.
pub const PS_CAPACITY_EXCEEDED: c_int = 10;

/// A value is outside its domain (NULL, misaligned and overlapping pointers and invalid
/// handles have statuses of their own, 16 to 19).
pub const PS_INVALID_ARGUMENT: c_int = 11;

/// An index is outside 0..dim.
pub const PS_INDEX_OUT_OF_RANGE: c_int = 12;

/// A basis state is not in the sector.
pub const PS_STATE_NOT_IN_SECTOR: c_int = 13;

/// A matrix is not symmetric.
pub const PS_NOT_SYMMETRIC: c_int = 14;

/// An iterative method did not reach its tolerance.
pub const PS_NO_CONVERGENCE: c_int = 15;

/// A pointer that must point at data is NULL (a pointer with length 0 may be NULL).
pub const PS_NULL_POINTER: c_int = 16;

/// A pointer is not aligned for its type (or a block for its PS_*_ALIGN).
pub const PS_MISALIGNED: c_int = 17;

/// Two buffers of one call overlap and the call writes at least one of them; nothing was
/// computed.
pub const PS_OVERLAP: c_int = 18;

/// Not a live handle of the expected type at its own address (a copied, moved or wiped
/// block, the other precision's handle), or ps_hamiltonian_free of a handle the library did
/// not allocate (left alone).
pub const PS_INVALID_HANDLE: c_int = 19;

/// A bug in the library: a panic caught at the boundary; the outputs (and an accumulator
/// being updated) are unspecified. Please report it.
pub const PS_INTERNAL: c_int = 20;

/// The number of statuses (codes 0 to `COUNT - 1`).
pub(crate) const COUNT: usize = 21;

/// The NUL-terminated names by code (`ps_status_name`).
pub(crate) const NAMES: [&[u8]; COUNT] = [
    b"ok\0",
    b"too_many_sites\0",
    b"invalid_filling\0",
    b"dimension_overflow\0",
    b"length_mismatch\0",
    b"workspace_too_small\0",
    b"non_finite\0",
    b"edge_out_of_range\0",
    b"self_loop\0",
    b"duplicate_edge\0",
    b"capacity_exceeded\0",
    b"invalid_argument\0",
    b"index_out_of_range\0",
    b"state_not_in_sector\0",
    b"not_symmetric\0",
    b"no_convergence\0",
    b"null_pointer\0",
    b"misaligned\0",
    b"overlap\0",
    b"invalid_handle\0",
    b"internal\0",
];

/// The NUL-terminated one-line meanings by code (`ps_status_message`).
pub(crate) const MESSAGES: [&[u8]; COUNT] = [
    b"Success.\0",
    b"N is larger than the routine supports (64 for bases, 36 for the blocked operator); N = 0 is invalid_argument.\0",
    b"The number of up spins n_up exceeds the number of sites N.\0",
    b"A dimension or size does not fit in size_t (or in 32-bit indices where needed).\0",
    b"An array has the wrong length, or an output is shorter than needed (the length it needs is reported).\0",
    b"A workspace or caller-provided memory block is too small (the bytes it needs are reported).\0",
    b"A parameter is NaN or infinite.\0",
    b"An edge refers to a vertex outside 0..N.\0",
    b"An edge joins a vertex to itself.\0",
    b"The same edge appears twice.\0",
    b"A fixed capacity is exceeded.\0",
    b"A value is outside its domain (NULL, misaligned and overlapping pointers and invalid handles have statuses of their own, 16 to 19).\0",
    b"An index is outside 0..dim.\0",
    b"A basis state is not in the sector.\0",
    b"A matrix is not symmetric.\0",
    b"An iterative method did not reach its tolerance.\0",
    b"A pointer that must point at data is NULL (a pointer with length 0 may be NULL).\0",
    b"A pointer is not aligned for its type (or a block for its PS_*_ALIGN).\0",
    b"Two buffers of one call overlap and the call writes at least one of them; nothing was computed.\0",
    b"Not a live handle of the expected type at its own address (a copied, moved or wiped block, the other precision\'s handle), or ps_hamiltonian_free of a handle the library did not allocate (left alone).\0",
    b"A bug in the library: a panic caught at the boundary; the outputs (and an accumulator being updated) are unspecified. Please report it.\0",
];
