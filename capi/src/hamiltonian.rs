//! The Hamiltonian instance: the blocked operator built in caller memory.
//!
//! One block of caller memory holds, in this order: the handle (`ps_hamiltonian`, the
//! model's parameters and the operator's tables), the operator's real tables, a copy of
//! the fields, room for per-edge copies of both couplings (used when they are given per
//! edge), the operator's index tables and a copy of the edges. The tables are the
//! kernel's `Model::blocked` storages, so a product through the handle is the Rust
//! API's product bit for bit.
//!
//! Every handle starts with a [`Head`]: a type tag, the handle's own address, the
//! block's length, who owns the block, and a seal (a hash of the four). A call reads the
//! head through a raw pointer before it forms any reference to the handle and refuses
//! (`PS_INVALID_HANDLE`) a head whose tag, address or seal does not match: a block that
//! was copied or moved (its pointers into itself would lead to the original), wiped,
//! or is the other precision's handle. `ps_hamiltonian_free` also refuses a handle
//! whose block the caller owns.

use crate::boundary::{failed, guard, name, run, Arg, At, CResult, Fail, Name};
use crate::ffi::{self, Span};
use crate::{PS_INTERNAL, PS_OK};
use core::ffi::{c_int, c_void};
use core::mem::{align_of, size_of};
use pseudospin::basis::Sector;
use pseudospin::linalg::{LinearOperator, RowOperator};
use pseudospin::model::{BlockedHamiltonian, Coupling, Model};
use pseudospin::{Error, Real, Result};

/// Alignment the caller's block needs (that of `double` and of the handle).
pub const PS_HAMILTONIAN_ALIGN: usize = 8;

/// Owner tag of a block that the caller owns (`ps_hamiltonian_init_static`).
const OWNER_CALLER: u64 = 0x6361_6c6c_6572_2121; // "caller!!"
/// Owner tag of a block that the library allocated (`ps_hamiltonian_create`).
#[cfg_attr(not(feature = "std"), allow(dead_code))]
const OWNER_LIBRARY: u64 = 0x6c69_6272_6172_7921; // "library!"

/// The head of a handle: plain integers (any bytes are a valid `Head`), read through a
/// raw pointer before the rest of the handle is trusted.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Head {
    /// The handle type's tag (`Handle::MAGIC`).
    magic: u64,
    /// The handle's own address when it was made.
    addr: u64,
    /// Bytes of the whole block in use.
    bytes: u64,
    /// `OWNER_CALLER` or `OWNER_LIBRARY`.
    owner: u64,
    /// `Head::seal_of` the four fields above.
    seal: u64,
}

impl Head {
    fn new(magic: u64, addr: usize, bytes: usize, owner: u64) -> Head {
        let (addr, bytes) = (addr as u64, bytes as u64);
        Head {
            magic,
            addr,
            bytes,
            owner,
            seal: Head::seal_of(magic, addr, bytes, owner),
        }
    }

    /// A 64-bit mix of the fields (multiply-xorshift rounds): a stray write to any of
    /// them breaks the seal.
    fn seal_of(magic: u64, addr: u64, bytes: u64, owner: u64) -> u64 {
        let mut s = magic;
        for v in [addr, bytes, owner] {
            s = (s ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            s ^= s >> 29;
        }
        s
    }

    /// `Ok` when this is the head of a live handle with tag `magic` made at `at`
    /// (`PS_INVALID_HANDLE` at argument `arg` otherwise).
    fn verify(&self, magic: u64, at: usize, arg: Arg) -> CResult<()> {
        let sealed = self.seal == Head::seal_of(self.magic, self.addr, self.bytes, self.owner);
        let owner = self.owner == OWNER_CALLER || self.owner == OWNER_LIBRARY;
        if self.magic == magic && self.addr == at as u64 && sealed && owner {
            Ok(())
        } else {
            Err(Fail::invalid_handle(arg))
        }
    }
}

/// The contents of a handle, in either precision.
pub(crate) struct Inner<T: 'static> {
    /// Checked (read through a raw pointer) before the rest is trusted.
    head: Head,
    n_up: usize,
    jxy: Coupling<'static, T>,
    jzz: Coupling<'static, T>,
    edges: &'static [[u8; 2]],
    xi: &'static [T],
    op: BlockedHamiltonian<'static, T, u64>,
}

/// A Hamiltonian on one sector in the blocked (matrix-free) form, living in a block of
/// caller memory (`ps_hamiltonian_size`, `ps_hamiltonian_init_static`). Opaque; the
/// block must stay in place and unmodified while the handle is used (it holds pointers
/// into itself, so it cannot be copied or moved: a copied or moved block is refused with
/// `PS_INVALID_HANDLE`, as it records its own address). Read-only after init: any
/// number of threads may call `ps_apply_rows` and the other read-only functions on one
/// handle at once.
pub struct ps_hamiltonian {
    inner: Inner<f64>,
}

/// The single-precision (`float`) twin of `ps_hamiltonian`, from
/// `ps_hamiltonian_init_static_f32`; the same rules.
pub struct ps_hamiltonian_f32 {
    inner: Inner<f32>,
}

/// A handle type of either precision.
pub(crate) trait Handle: Sized + 'static {
    /// The precision.
    type T: Real;
    /// A tag that tells a live handle of this type from other memory (best effort).
    const MAGIC: u64;
    fn wrap(inner: Inner<Self::T>) -> Self;
    fn inner(&self) -> &Inner<Self::T>;
    /// The head of the handle at `h`, as a raw pointer (no reference formed).
    ///
    /// # Safety
    /// `h` non-NULL, aligned and pointing into an allocation at least as large as `Self`.
    unsafe fn head(h: *const Self) -> *const Head;
}

impl Handle for ps_hamiltonian {
    type T = f64;
    const MAGIC: u64 = 0x7073_6861_6d69_6c31; // "pshamil1"
    fn wrap(inner: Inner<f64>) -> Self {
        ps_hamiltonian { inner }
    }
    fn inner(&self) -> &Inner<f64> {
        &self.inner
    }
    unsafe fn head(h: *const Self) -> *const Head {
        // SAFETY: a place projection in bounds of the handle (the caller's contract); no
        // reference is formed.
        unsafe { core::ptr::addr_of!((*h).inner.head) }
    }
}

impl Handle for ps_hamiltonian_f32 {
    type T = f32;
    const MAGIC: u64 = 0x7073_6861_6d69_6c32; // "pshamil2"
    fn wrap(inner: Inner<f32>) -> Self {
        ps_hamiltonian_f32 { inner }
    }
    fn inner(&self) -> &Inner<f32> {
        &self.inner
    }
    unsafe fn head(h: *const Self) -> *const Head {
        // SAFETY: as for `ps_hamiltonian`.
        unsafe { core::ptr::addr_of!((*h).inner.head) }
    }
}

/// Byte offsets of the pieces of the block.
struct Layout {
    reals: usize,
    xi: usize,
    couplings: usize,
    indices: usize,
    edges: usize,
    end: usize,
    n_reals: usize,
    n_indices: usize,
}

fn round_up(x: usize, a: usize) -> Result<usize> {
    x.checked_add(a - 1)
        .map(|y| y / a * a)
        .ok_or(Error::DimensionOverflow)
}

impl Layout {
    /// The block of handle type `H` for `model` on `sector`.
    fn new<H: Handle>(model: &Model<'_, H::T>, sector: &Sector<u64>) -> Result<Self> {
        let req = model.blocked_req(sector)?;
        let (n_reals, n_indices) = (req.reals.len(), req.indices.len());
        let of = Error::DimensionOverflow;
        let t = size_of::<H::T>();
        let add = |at: usize, count: usize, size: usize| {
            count
                .checked_mul(size)
                .and_then(|b| b.checked_add(at))
                .ok_or(of)
        };
        let reals = round_up(size_of::<H>(), PS_HAMILTONIAN_ALIGN)?;
        let ne = model.edges().len();
        let xi = add(reals, n_reals, t)?;
        // Room for per-edge copies of both couplings, whether or not they are given:
        // the size query knows only the graph.
        let couplings = add(xi, model.n_sites(), t)?;
        let n_couplings = ne.checked_mul(2).ok_or(of)?;
        let indices = round_up(add(couplings, n_couplings, t)?, 4)?;
        let edges = add(indices, n_indices, 4)?;
        let end = round_up(add(edges, ne, 2)?, PS_HAMILTONIAN_ALIGN)?;
        if end > isize::MAX as usize {
            return Err(of);
        }
        Ok(Layout {
            reals,
            xi,
            couplings,
            indices,
            edges,
            end,
            n_reals,
            n_indices,
        })
    }
}

/// The positions of the model's parameters in an entry's C signature (0: not an
/// argument of that entry).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ModelArgs {
    pub(crate) n: Arg,
    pub(crate) n_up: Arg,
    pub(crate) edges: Arg,
    pub(crate) xi: Arg,
    pub(crate) jxy: Arg,
    pub(crate) jzz: Arg,
    pub(crate) jxy_edges: Arg,
    pub(crate) jzz_edges: Arg,
}

impl ModelArgs {
    /// `n, n_up, edges, n_edges, xi, jxy, jzz, jxy_edges, jzz_edges` from position
    /// `first` on (`ps_hamiltonian_create`, `ps_sector_eigenvalues`,
    /// `ps_realization_gap_ratios`; the inits from 3).
    pub(crate) const fn from(first: Arg) -> ModelArgs {
        ModelArgs {
            n: first,
            n_up: first + 1,
            edges: first + 2,
            xi: first + 4,
            jxy: first + 5,
            jzz: first + 6,
            jxy_edges: first + 7,
            jzz_edges: first + 8,
        }
    }

    /// The size queries `ps_hamiltonian_size[_f32]`: `n, n_up, edges, n_edges`, no
    /// fields or couplings.
    const SIZE: ModelArgs = ModelArgs {
        xi: 0,
        jxy: 0,
        jzz: 0,
        jxy_edges: 0,
        jzz_edges: 0,
        ..ModelArgs::from(1)
    };

    /// Who is at fault for an error of `Model::new` (or of a storage query on it) with
    /// the fields `xi` and the couplings `jxy`, `jzz`: `n` for too many sites, `n_up`
    /// (against `n`) for the filling, `edges` for an invalid edge, the first NaN or
    /// infinity of `xi`, `jxy` (`jxy_edges` when per edge), `jzz` (`jzz_edges`) in the
    /// kernel's order.
    pub(crate) fn blame<'b, T: Real>(
        self,
        xi: &'b [T],
        jxy: Coupling<'b, T>,
        jzz: Coupling<'b, T>,
    ) -> impl FnOnce(&Error) -> (Arg, Arg) + 'b {
        let bad = |c: Coupling<'_, T>| match c {
            Coupling::Uniform(v) => !v.is_finite(),
            Coupling::PerEdge(vs) => vs.iter().any(|v| !v.is_finite()),
        };
        let at = |c: Coupling<'_, T>, scalar: Arg, per_edge: Arg| match c {
            Coupling::Uniform(_) => scalar,
            Coupling::PerEdge(_) => per_edge,
        };
        move |e| match e {
            Error::TooManySites { .. } | Error::InvalidArgument(_) => (self.n, 0),
            Error::InvalidFilling { .. } => (self.n_up, self.n),
            Error::EdgeOutOfRange { .. } | Error::SelfLoop { .. } | Error::DuplicateEdge { .. } => {
                (self.edges, 0)
            }
            Error::NonFinite if xi.iter().any(|x| !x.is_finite()) => (self.xi, 0),
            Error::NonFinite if bad(jxy) => (at(jxy, self.jxy, self.jxy_edges), 0),
            Error::NonFinite if bad(jzz) => (at(jzz, self.jzz, self.jzz_edges), 0),
            _ => (0, 0),
        }
    }
}

/// The model's parameters as an entry takes them: `n` sites, `n_up` up spins, the
/// `n_edges` edges `edges` (pairs of `uint8_t`), the fields `xi` (n values), and each
/// coupling as a scalar (`jxy`, `jzz`) or, when its array (`jxy_edges`, `jzz_edges`)
/// is not NULL, per edge: `n_edges` values, the scalar then ignored.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ModelIn<T> {
    pub(crate) n: usize,
    pub(crate) n_up: usize,
    pub(crate) edges: *const u8,
    pub(crate) n_edges: usize,
    pub(crate) xi: *const T,
    pub(crate) jxy: T,
    pub(crate) jzz: T,
    pub(crate) jxy_edges: *const T,
    pub(crate) jzz_edges: *const T,
}

/// Elements of a per-edge coupling array: `n_edges`, 0 when NULL (uniform).
fn per_edge_len<T>(p: *const T, n_edges: usize) -> usize {
    if p.is_null() {
        0
    } else {
        n_edges
    }
}

/// The coupling `j`, or per edge the `n_edges` values at `per_edge` (argument `arg`)
/// when that is not NULL.
///
/// # Safety
/// `per_edge` NULL or valid for `n_edges` reads during `'a`.
unsafe fn coupling<'a, T>(
    j: T,
    per_edge: *const T,
    n_edges: usize,
    arg: Arg,
) -> CResult<Coupling<'a, T>> {
    if per_edge.is_null() {
        Ok(Coupling::Uniform(j))
    } else {
        // SAFETY: the caller's contract.
        Ok(Coupling::PerEdge(unsafe {
            ffi::slice(per_edge, n_edges, arg)?
        }))
    }
}

impl<T: Real> ModelIn<T> {
    /// The inputs' spans for the overlap check (the edges, the fields, the per-edge
    /// couplings; read-only), at the positions of `at` (an input whose position is 0
    /// is not an argument: an empty span).
    pub(crate) fn spans(&self, at: ModelArgs) -> CResult<[Span; 4]> {
        let len = |arg: Arg, n: usize| if arg == 0 { 0 } else { n };
        Ok([
            Span::read(self.edges.cast::<[u8; 2]>(), self.n_edges, at.edges)?,
            Span::read(self.xi, len(at.xi, self.n), at.xi)?,
            Span::read(
                self.jxy_edges,
                len(at.jxy_edges, per_edge_len(self.jxy_edges, self.n_edges)),
                at.jxy_edges,
            )?,
            Span::read(
                self.jzz_edges,
                len(at.jzz_edges, per_edge_len(self.jzz_edges, self.n_edges)),
                at.jzz_edges,
            )?,
        ])
    }

    /// The sector (n, n_up), errors at `at`'s `n` and `n_up`.
    pub(crate) fn sector(&self, at: ModelArgs) -> CResult<Sector<u64>> {
        Sector::<u64>::new(self.n, self.n_up).blame(crate::sector::sector_blame(at.n, at.n_up))
    }

    /// The checked model, errors at the positions of `at`. Call [`ModelIn::sector`]
    /// first: no view of `xi` is formed for an `n` beyond 64.
    ///
    /// # Safety
    /// `edges` valid for `2 n_edges` bytes, `xi` for `n` values, `jxy_edges` and
    /// `jzz_edges` for `n_edges` values each (or NULL), during `'a`, none written.
    pub(crate) unsafe fn model<'a>(&self, at: ModelArgs) -> CResult<Model<'a, T>> {
        // SAFETY: the caller's contracts, passed on.
        let (edges, xi, jxy, jzz) = unsafe {
            (
                ffi::edges(self.edges, self.n_edges, at.edges)?,
                ffi::slice(self.xi, self.n, at.xi)?,
                coupling(self.jxy, self.jxy_edges, self.n_edges, at.jxy_edges)?,
                coupling(self.jzz, self.jzz_edges, self.n_edges, at.jzz_edges)?,
            )
        };
        Model::new(self.n, edges, xi, jxy, jzz).blame(at.blame(xi, jxy, jzz))
    }
}

/// Checks the parameters (at the positions `at`) and returns the model, the sector and
/// the layout.
///
/// # Safety
/// As [`ModelIn::model`].
unsafe fn prepare<'a, H: Handle>(
    m: &ModelIn<H::T>,
    at: ModelArgs,
) -> CResult<(Model<'a, H::T>, Sector<u64>, Layout)> {
    // n and n_up first: no view of `xi` is formed for an n beyond 64.
    let sector = m.sector(at)?;
    // SAFETY: the caller's contracts, passed on.
    let model = unsafe { m.model(at)? };
    let layout = Layout::new::<H>(&model, &sector).blame(at.blame(
        model.fields(),
        model.jxy(),
        model.jzz(),
    ))?;
    Ok((model, sector, layout))
}

/// Bytes of the block for the parameters (the size queries and `create`), with `n`,
/// `n_up` and `edges` at the positions of `at` (the fields and couplings are not used:
/// zeros stand in for them; the block holds room for per-edge couplings either way).
///
/// # Safety
/// `edges` valid for `2 n_edges` bytes, or NULL.
unsafe fn block_bytes<H: Handle>(
    n: usize,
    n_up: usize,
    edges: *const u8,
    n_edges: usize,
    at: ModelArgs,
) -> CResult<usize> {
    let zeros = [H::T::default(); 64];
    let xi = zeros
        .get(..n)
        .ok_or(Error::TooManySites {
            n_sites: n,
            max: pseudospin::model::BLOCKED_MAX_SITES,
        })
        .arg(at.n)?;
    let z = H::T::default();
    let m = ModelIn {
        n,
        n_up,
        edges,
        n_edges,
        xi: xi.as_ptr(),
        jxy: z,
        jzz: z,
        jxy_edges: core::ptr::null(),
        jzz_edges: core::ptr::null(),
    };
    // SAFETY: caller's contract for `edges`; `xi` is a local array of n values.
    let (_, _, layout) = unsafe { prepare::<H>(&m, at)? };
    Ok(layout.end)
}

/// The body of the size queries.
///
/// # Safety
/// As `ps_hamiltonian_size`.
unsafe fn size<H: Handle>(
    name: Name,
    n: usize,
    n_up: usize,
    edges: *const u8,
    n_edges: usize,
    bytes: *mut usize,
) -> c_int {
    run(name, || {
        ffi::check_out(bytes, 5)?;
        ffi::disjoint(&[
            Span::read(edges.cast::<[u8; 2]>(), n_edges, 3)?,
            Span::write(bytes, 1, 5)?,
        ])?;
        // SAFETY: caller's contract for `edges`.
        let end = unsafe { block_bytes::<H>(n, n_up, edges, n_edges, ModelArgs::SIZE)? };
        // SAFETY: caller's contract for `bytes`, disjoint from `edges` (checked).
        unsafe { ffi::write(bytes, end, 5) }
    })
}

/// Bytes of caller memory that `ps_hamiltonian_init_static` needs for the Hamiltonian
/// on `n` sites with the `n_edges` edges `edges` (pairs of vertex indices) in the
/// sector with `n_up` up spins, written to `*bytes`. The block must be aligned to
/// `PS_HAMILTONIAN_ALIGN` (8) bytes; `malloc`'s alignment suffices.
///
/// Statuses: `PS_TOO_MANY_SITES` (n > 36, the blocked form's limit; n = 0 is
/// `PS_INVALID_ARGUMENT`), `PS_INVALID_FILLING` (n_up > n), invalid edges
/// (`PS_EDGE_OUT_OF_RANGE`, `PS_SELF_LOOP`, `PS_DUPLICATE_EDGE`),
/// `PS_DIMENSION_OVERFLOW`, `PS_NULL_POINTER` (`bytes` NULL, `edges` NULL with
/// n_edges > 0), `PS_MISALIGNED` (`bytes`), `PS_OVERLAP` (`bytes` inside `edges`),
/// `PS_INTERNAL`.
///
/// # Safety
/// `edges` valid for `2 n_edges` bytes (or NULL); `bytes` valid for one write (or NULL).
#[no_mangle]
pub unsafe extern "C" fn ps_hamiltonian_size(
    n: usize,
    n_up: usize,
    edges: *const u8,
    n_edges: usize,
    bytes: *mut usize,
) -> c_int {
    let name = name!("ps_hamiltonian_size");
    // SAFETY: the caller's contracts, passed on.
    unsafe { size::<ps_hamiltonian>(name, n, n_up, edges, n_edges, bytes) }
}

/// `ps_hamiltonian_size` for `ps_hamiltonian_init_static_f32` (single precision).
///
/// # Safety
/// As `ps_hamiltonian_size`.
#[no_mangle]
pub unsafe extern "C" fn ps_hamiltonian_size_f32(
    n: usize,
    n_up: usize,
    edges: *const u8,
    n_edges: usize,
    bytes: *mut usize,
) -> c_int {
    let name = name!("ps_hamiltonian_size_f32");
    // SAFETY: the caller's contracts, passed on.
    unsafe { size::<ps_hamiltonian_f32>(name, n, n_up, edges, n_edges, bytes) }
}

/// The body of the inits: the handle (of a block the caller owns) or NULL, the status
/// to `*status`.
///
/// # Safety
/// As `ps_hamiltonian_init_static`.
unsafe fn init_static<H: Handle>(
    name: Name,
    mem: *mut c_void,
    mem_len: usize,
    m: &ModelIn<H::T>,
    status: *mut c_int,
    needed: *mut usize,
) -> *mut H {
    let (h, code) = guard(name, (core::ptr::null_mut(), PS_INTERNAL), || {
        // SAFETY: the caller's contracts, passed on.
        let r = unsafe {
            init::<H>(
                InitArgs::STATIC,
                mem.cast(),
                mem_len,
                m,
                status,
                needed,
                OWNER_CALLER,
            )
        };
        match r {
            Ok(h) => (h, PS_OK),
            Err(e) => {
                if let Some(bytes) = e.needed() {
                    // SAFETY: caller's contract for `needed` (NULL and misaligned are
                    // skipped; disjoint from the other buffers, checked by `init` before
                    // it found the block too small).
                    let _ = unsafe { ffi::write(needed, bytes, 0) };
                }
                (core::ptr::null_mut(), failed(name, &e))
            }
        }
    });
    // SAFETY: caller's contract for `status` (NULL and misaligned are skipped by the
    // check; on success it is disjoint from the block, checked by `init`).
    let _ = unsafe { ffi::write(status, code, 0) };
    h
}

/// Builds the Hamiltonian
/// `H = sum_i 2 xi_i s^z_i - sum_(ij) [ jxy_ij (s^+_i s^-_j + s^-_i s^+_j) + jzz_ij s^z_i s^z_j ]`
/// (s = sigma/2, bit i of a basis state set when s^z_i = +1/2) on `n` sites with the
/// `n_edges` edges `edges` (pairs of `uint8_t` vertex indices), the fields `xi` (n
/// values) and the couplings, restricted to the sector with `n_up` up spins (basis
/// states ordered as integers), in the blocked matrix-free form, inside the caller's
/// block `mem` of `mem_len` bytes (`ps_hamiltonian_size`). Couplings: `jxy_edges`
/// NULL gives every edge the coupling `jxy`; otherwise it holds `n_edges` values, one
/// per edge in the order of `edges`, and `jxy` is ignored (not even checked); the same
/// for `jzz_edges` and `jzz`. No allocation: the edges, fields and per-edge couplings
/// are copied into the block, so the inputs may be freed after the call.
///
/// Returns the handle (which points at `mem`), or NULL on failure; the status (`PS_OK`
/// or the reason) is written to `*status` when `status` is not NULL, and on
/// `PS_WORKSPACE_TOO_SMALL` the bytes the block needs to `*needed` (when not NULL). The
/// handle records its own address: a copy of the block elsewhere is not a handle
/// (`PS_INVALID_HANDLE` from every call), and `ps_hamiltonian_free` refuses it (the
/// block is the caller's).
///
/// Statuses: those of `ps_hamiltonian_size`; `PS_NON_FINITE` (NaN or infinite xi,
/// jxy, jzz or per-edge value); `PS_WORKSPACE_TOO_SMALL` (mem_len below the size);
/// `PS_NULL_POINTER` (mem, or xi, NULL); `PS_MISALIGNED` (mem not
/// `PS_HAMILTONIAN_ALIGN`-aligned, xi or a per-edge array misaligned, `status` or
/// `needed` misaligned: then it is not written); `PS_OVERLAP` (any two of mem (mem_len
/// bytes), edges, xi, jxy_edges, jzz_edges, `status` and `needed` overlap, except two
/// inputs); `PS_INTERNAL`.
///
/// # Safety
/// `mem` valid for `mem_len` byte writes and used for nothing else while the handle
/// lives; `edges`, `xi`, `jxy_edges`, `jzz_edges` valid for their lengths (or NULL);
/// `status`, `needed` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_hamiltonian_init_static(
    mem: *mut c_void,
    mem_len: usize,
    n: usize,
    n_up: usize,
    edges: *const u8,
    n_edges: usize,
    xi: *const f64,
    jxy: f64,
    jzz: f64,
    jxy_edges: *const f64,
    jzz_edges: *const f64,
    status: *mut c_int,
    needed: *mut usize,
) -> *mut ps_hamiltonian {
    let name = name!("ps_hamiltonian_init_static");
    let m = ModelIn {
        n,
        n_up,
        edges,
        n_edges,
        xi,
        jxy,
        jzz,
        jxy_edges,
        jzz_edges,
    };
    // SAFETY: the caller's contracts, passed on.
    unsafe { init_static(name, mem, mem_len, &m, status, needed) }
}

/// `ps_hamiltonian_init_static` in single precision: `float` fields and couplings, a
/// block sized by `ps_hamiltonian_size_f32`; the handle serves the `_f32` functions.
///
/// # Safety
/// As `ps_hamiltonian_init_static`.
#[no_mangle]
pub unsafe extern "C" fn ps_hamiltonian_init_static_f32(
    mem: *mut c_void,
    mem_len: usize,
    n: usize,
    n_up: usize,
    edges: *const u8,
    n_edges: usize,
    xi: *const f32,
    jxy: f32,
    jzz: f32,
    jxy_edges: *const f32,
    jzz_edges: *const f32,
    status: *mut c_int,
    needed: *mut usize,
) -> *mut ps_hamiltonian_f32 {
    let name = name!("ps_hamiltonian_init_static_f32");
    let m = ModelIn {
        n,
        n_up,
        edges,
        n_edges,
        xi,
        jxy,
        jzz,
        jxy_edges,
        jzz_edges,
    };
    // SAFETY: the caller's contracts, passed on.
    unsafe { init_static(name, mem, mem_len, &m, status, needed) }
}

/// The positions of the arguments of an init in its C signature (0: not an argument).
#[derive(Debug, Clone, Copy)]
struct InitArgs {
    mem: Arg,
    mem_len: Arg,
    model: ModelArgs,
    status: Arg,
    needed: Arg,
}

impl InitArgs {
    /// `ps_hamiltonian_init_static[_f32]`.
    const STATIC: InitArgs = InitArgs {
        mem: 1,
        mem_len: 2,
        model: ModelArgs::from(3),
        status: 12,
        needed: 13,
    };
    /// `ps_hamiltonian_create` (the block is the library's).
    #[cfg(feature = "std")]
    const CREATE: InitArgs = InitArgs {
        mem: 0,
        mem_len: 0,
        model: ModelArgs::from(1),
        status: 10,
        needed: 0,
    };
}

/// `count` values of `T` at byte `offset` of the zeroed block `mem`, as a slice living
/// as long as the block.
///
/// # Safety
/// `offset + count * size_of::<T>()` within the block's bytes, `offset` aligned for `T`
/// (with the block 8-aligned), the range disjoint from every other view of the block,
/// and its bytes a valid `T` each (zeroed numbers).
unsafe fn view<T>(mem: *mut u8, offset: usize, count: usize) -> &'static mut [T] {
    // SAFETY: the caller's contract.
    unsafe { core::slice::from_raw_parts_mut(mem.add(offset).cast(), count) }
}

/// The body of the inits, with the arguments at the positions of `at`.
///
/// # Safety
/// As [`ps_hamiltonian_init_static`].
unsafe fn init<H: Handle>(
    at: InitArgs,
    mem: *mut u8,
    mem_len: usize,
    m: &ModelIn<H::T>,
    status: *mut c_int,
    needed: *mut usize,
    owner: u64,
) -> CResult<*mut H> {
    // SAFETY: caller's contracts for the inputs.
    let (model, sector, l) = unsafe { prepare::<H>(m, at.model)? };
    if mem.is_null() {
        return Err(Fail::null(at.mem));
    }
    if !(mem as usize).is_multiple_of(PS_HAMILTONIAN_ALIGN) {
        return Err(Fail::misaligned(at.mem));
    }
    if align_of::<H>() > PS_HAMILTONIAN_ALIGN || align_of::<H::T>() > PS_HAMILTONIAN_ALIGN {
        return Err(Error::InvalidArgument("handle alignment above PS_HAMILTONIAN_ALIGN").into());
    }
    let [e, x, jxe, jze] = m.spans(at.model)?;
    ffi::disjoint(&[
        Span::write(mem, mem_len, at.mem)?,
        e,
        x,
        jxe,
        jze,
        Span::write_opt(status, at.status)?,
        Span::write_opt(needed, at.needed)?,
    ])?;
    ffi::check_bytes(mem_len, l.end, at.mem_len, at.mem)?;
    let (n, ne) = (m.n, m.n_edges);
    // SAFETY: `mem` is valid for `l.end <= mem_len` bytes (caller's contract) and
    // disjoint from the inputs (checked); zeroing makes every byte initialized, so the
    // typed views below hold valid values.
    unsafe { mem.write_bytes(0, l.end) };
    // The views below are disjoint byte ranges of the zeroed block, each aligned (the
    // block is 8-aligned, the real offsets multiples of the real's size, the index
    // offset a multiple of 4), living as long as the caller keeps the block (the
    // handle's documented contract).
    // SAFETY: as just stated.
    let reals: &'static mut [H::T] = unsafe { view(mem, l.reals, l.n_reals) };
    // SAFETY: see above.
    let xi_copy: &'static mut [H::T] = unsafe { view(mem, l.xi, n) };
    // SAFETY: see above.
    let couplings: &'static mut [H::T] = unsafe { view(mem, l.couplings, 2 * ne) };
    // SAFETY: see above.
    let indices: &'static mut [u32] = unsafe { view(mem, l.indices, l.n_indices) };
    // SAFETY: see above.
    let edges_copy: &'static mut [[u8; 2]] = unsafe { view(mem, l.edges, ne) };
    xi_copy.copy_from_slice(model.fields());
    edges_copy.copy_from_slice(model.edges());
    let (jxy_copy, jzz_copy) = couplings.split_at_mut(ne);
    let copy = |c: Coupling<'_, H::T>, to: &'static mut [H::T]| match c {
        Coupling::Uniform(v) => Coupling::Uniform(v),
        Coupling::PerEdge(vs) => {
            to.copy_from_slice(vs);
            let to: &'static [H::T] = to;
            Coupling::PerEdge(to)
        }
    };
    let (jxy, jzz) = (copy(model.jxy(), jxy_copy), copy(model.jzz(), jzz_copy));
    let (xi_copy, edges_copy): (&'static [H::T], &'static [[u8; 2]]) = (xi_copy, edges_copy);
    let model = Model::new(n, edges_copy, xi_copy, jxy, jzz)?;
    let op = model.blocked(&sector, indices, reals)?;
    let h = mem.cast::<H>();
    let handle = H::wrap(Inner {
        head: Head::new(H::MAGIC, h as usize, l.end, owner),
        n_up: m.n_up,
        jxy,
        jzz,
        edges: edges_copy,
        xi: xi_copy,
        op,
    });
    // SAFETY: the handle's bytes [0, size_of::<H>()) lie before `l.reals` and inside
    // the block; `mem` is aligned for `H` (checked above).
    unsafe { h.write(handle) };
    Ok(h)
}

/// The handle behind `h` (the first argument of every call that takes one) and its
/// block (read-only for the call; a span at argument 1), checked as far as possible:
/// NULL (`PS_NULL_POINTER`), alignment (`PS_MISALIGNED`), and the head (tag, own
/// address, seal: `PS_INVALID_HANDLE`) before any reference to the handle is formed.
///
/// # Safety
/// `h` is NULL or points at a live handle from an init, or at memory that is readable
/// for a handle of type `H` (a copy, a wiped block).
pub(crate) unsafe fn get<'a, H: Handle>(h: *const H) -> CResult<(&'a Inner<H::T>, Span)> {
    const H_ARG: Arg = 1;
    if h.is_null() {
        return Err(Fail::null(H_ARG));
    }
    if !(h as usize).is_multiple_of(align_of::<H>()) {
        return Err(Fail::misaligned(H_ARG));
    }
    // SAFETY: non-NULL, aligned, readable for an `H` (the caller's contract); the head
    // is read by value through a raw pointer, and any initialized bytes are a valid
    // `Head` (plain integers).
    let head = unsafe { H::head(h).read() };
    head.verify(H::MAGIC, h as usize, H_ARG)?;
    let block = Span::read(h.cast::<u8>(), ffi::to_usize(head.bytes).arg(H_ARG)?, H_ARG)?;
    // SAFETY: tag, address and seal agree: this is the handle an init wrote at this
    // very address, whose pointers lead into its own block, live by the caller's
    // contract.
    let r = unsafe { &*h }.inner();
    Ok((r, block))
}

impl<T: Real> Inner<T> {
    /// The operator.
    pub(crate) fn op(&self) -> &BlockedHamiltonian<'static, T, u64> {
        &self.op
    }

    /// The model (its parameters live in the block).
    pub(crate) fn model(&self) -> Result<Model<'static, T>> {
        Model::new(self.xi.len(), self.edges, self.xi, self.jxy, self.jzz)
    }

    /// The sector.
    pub(crate) fn sector(&self) -> Result<Sector<u64>> {
        Sector::new(self.xi.len(), self.n_up)
    }
}

/// The dimension C(n, n_up) of the handle's sector, written to `*dim`.
///
/// Statuses: `PS_NULL_POINTER` (`h` or `dim` NULL), `PS_MISALIGNED` (`h` or `dim`),
/// `PS_INVALID_HANDLE` (not a live handle of this type at this address),
/// `PS_OVERLAP` (`dim` inside the handle's block), `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle; `dim` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_hamiltonian_dim(h: *const ps_hamiltonian, dim: *mut usize) -> c_int {
    // SAFETY: the caller's contracts, passed on.
    unsafe { dim_of(name!("ps_hamiltonian_dim"), h, dim) }
}

/// `ps_hamiltonian_dim` for a single-precision handle.
///
/// # Safety
/// As `ps_hamiltonian_dim`.
#[no_mangle]
pub unsafe extern "C" fn ps_hamiltonian_dim_f32(
    h: *const ps_hamiltonian_f32,
    dim: *mut usize,
) -> c_int {
    // SAFETY: the caller's contracts, passed on.
    unsafe { dim_of(name!("ps_hamiltonian_dim_f32"), h, dim) }
}

/// # Safety
/// As `ps_hamiltonian_dim`.
unsafe fn dim_of<H: Handle>(name: Name, h: *const H, dim: *mut usize) -> c_int {
    run(name, || {
        // SAFETY: caller's contract for `h`.
        let (h, block) = unsafe { get(h)? };
        ffi::disjoint(&[block, Span::write(dim, 1, 2)?])?;
        // SAFETY: caller's contract for `dim`, outside the block (checked).
        unsafe { ffi::write(dim, h.op.dim(), 2) }
    })
}

/// # Safety
/// As `ps_apply`.
unsafe fn apply<H: Handle>(
    name: Name,
    h: *const H,
    x: *const H::T,
    y: *mut H::T,
    len: usize,
) -> c_int {
    run(name, || {
        // SAFETY: caller's contract for `h`.
        let (h, block) = unsafe { get(h)? };
        let dim = h.op.dim();
        if len != dim {
            return Err(Error::LengthMismatch {
                expected: dim,
                got: len,
            })
            .arg(4);
        }
        ffi::disjoint(&[block, Span::read(x, len, 2)?, Span::write(y, len, 3)?])?;
        // SAFETY: caller's contract for `x` (len values).
        let xs = unsafe { ffi::slice(x, len, 2)? };
        // SAFETY: caller's contract for `y`; disjoint from `x` and the block (checked).
        let ys = unsafe { ffi::slice_mut(y, len, 3)? };
        Ok(h.op.apply(xs, ys)?)
    })
}

/// # Safety
/// As `ps_apply_rows`.
unsafe fn apply_rows<H: Handle>(
    name: Name,
    h: *const H,
    x: *const H::T,
    y: *mut H::T,
    row0: usize,
    row1: usize,
) -> c_int {
    run(name, || {
        // SAFETY: caller's contract for `h`.
        let (h, block) = unsafe { get(h)? };
        let dim = h.op.dim();
        if row0 > row1 || row1 > dim {
            // row1 beyond the dimension, else row0 beyond row1.
            let (arg, other) = if row1 > dim { (5, 0) } else { (4, 5) };
            return Err(Error::IndexOutOfRange {
                index: row1.max(row0),
                dim,
            })
            .args(arg, other);
        }
        let rows = row1 - row0;
        ffi::disjoint(&[block, Span::read(x, dim, 2)?, Span::write(y, rows, 3)?])?;
        // SAFETY: caller's contract for `x` (dim values).
        let xs = unsafe { ffi::slice(x, dim, 2)? };
        // SAFETY: caller's contract for `y`; disjoint from `x` and the block (checked).
        let ys = unsafe { ffi::slice_mut(y, rows, 3)? };
        Ok(h.op.apply_rows(xs, ys, row0..row1)?)
    })
}

/// The product `y = H x` on the handle's sector; `x` and `y` have `len` = dimension
/// entries each. Bit for bit the Rust API's `BlockedHamiltonian::apply`.
///
/// Statuses: `PS_LENGTH_MISMATCH` (len != dimension), `PS_NULL_POINTER` (`h`, `x` or
/// `y` NULL), `PS_MISALIGNED`, `PS_INVALID_HANDLE` (not a live handle of this type at
/// this address), `PS_OVERLAP` (`y` overlaps `x` or the handle's block),
/// `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle; `x` readable and `y` writable for `len` doubles (or NULL).
#[no_mangle]
pub unsafe extern "C" fn ps_apply(
    h: *const ps_hamiltonian,
    x: *const f64,
    y: *mut f64,
    len: usize,
) -> c_int {
    // SAFETY: the caller's contracts, passed on.
    unsafe { apply(name!("ps_apply"), h, x, y, len) }
}

/// `ps_apply` in single precision.
///
/// # Safety
/// As `ps_apply`, with `float` arrays.
#[no_mangle]
pub unsafe extern "C" fn ps_apply_f32(
    h: *const ps_hamiltonian_f32,
    x: *const f32,
    y: *mut f32,
    len: usize,
) -> c_int {
    // SAFETY: the caller's contracts, passed on.
    unsafe { apply(name!("ps_apply_f32"), h, x, y, len) }
}

/// The rows `row0..row1` of `y = H x`: `x` has dimension entries, `y` has `row1 - row0`
/// entries and receives `(H x)[row0..row1]`. Rows of one product may be computed by
/// different threads (or ranks) on the same handle; the pieces equal `ps_apply`'s
/// product bit for bit.
///
/// Statuses: `PS_INDEX_OUT_OF_RANGE` (row0 > row1 or row1 > dimension),
/// `PS_NULL_POINTER` (`h` or `x` NULL, `y` NULL with row1 > row0), `PS_MISALIGNED`,
/// `PS_INVALID_HANDLE`, `PS_OVERLAP` (`y` overlaps `x` or the handle's block),
/// `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle; `x` readable for dimension doubles, `y` writable for
/// `row1 - row0` doubles (or NULL).
#[no_mangle]
pub unsafe extern "C" fn ps_apply_rows(
    h: *const ps_hamiltonian,
    x: *const f64,
    y: *mut f64,
    row0: usize,
    row1: usize,
) -> c_int {
    // SAFETY: the caller's contracts, passed on.
    unsafe { apply_rows(name!("ps_apply_rows"), h, x, y, row0, row1) }
}

/// `ps_apply_rows` in single precision.
///
/// # Safety
/// As `ps_apply_rows`, with `float` arrays.
#[no_mangle]
pub unsafe extern "C" fn ps_apply_rows_f32(
    h: *const ps_hamiltonian_f32,
    x: *const f32,
    y: *mut f32,
    row0: usize,
    row1: usize,
) -> c_int {
    // SAFETY: the caller's contracts, passed on.
    unsafe { apply_rows(name!("ps_apply_rows_f32"), h, x, y, row0, row1) }
}

/// Hosted convenience: `ps_hamiltonian_size`, allocation and
/// `ps_hamiltonian_init_static` in one call (the same parameters, couplings per edge
/// included). Returns NULL on failure; the status (`PS_OK` or the reason) goes to
/// `*status` (when not NULL). Release with `ps_hamiltonian_free`. Not in bare-metal
/// builds.
///
/// Statuses: those of `ps_hamiltonian_init_static` (`PS_OVERLAP`: `status` overlaps
/// edges, xi or a per-edge array); `PS_DIMENSION_OVERFLOW` also when the allocation
/// fails.
///
/// # Safety
/// As `ps_hamiltonian_init_static` for the inputs.
#[cfg(feature = "std")]
#[no_mangle]
pub unsafe extern "C" fn ps_hamiltonian_create(
    n: usize,
    n_up: usize,
    edges: *const u8,
    n_edges: usize,
    xi: *const f64,
    jxy: f64,
    jzz: f64,
    jxy_edges: *const f64,
    jzz_edges: *const f64,
    status: *mut c_int,
) -> *mut ps_hamiltonian {
    let name = name!("ps_hamiltonian_create");
    let m = ModelIn {
        n,
        n_up,
        edges,
        n_edges,
        xi,
        jxy,
        jzz,
        jxy_edges,
        jzz_edges,
    };
    let (h, code) = guard(name, (core::ptr::null_mut(), PS_INTERNAL), || {
        // SAFETY: the caller's contracts, passed on.
        match unsafe { create(&m, status) } {
            Ok(h) => (h, PS_OK),
            Err(e) => (core::ptr::null_mut(), failed(name, &e)),
        }
    });
    // SAFETY: caller's contract for `status` (NULL and misaligned are skipped; on
    // success disjoint from the inputs, checked by `init`).
    let _ = unsafe { ffi::write(status, code, 0) };
    h
}

/// The body of `ps_hamiltonian_create`.
///
/// # Safety
/// As `ps_hamiltonian_create`.
#[cfg(feature = "std")]
unsafe fn create(m: &ModelIn<f64>, status: *mut c_int) -> CResult<*mut ps_hamiltonian> {
    let at = InitArgs::CREATE;
    // SAFETY: caller's contract for `edges`.
    let bytes =
        unsafe { block_bytes::<ps_hamiltonian>(m.n, m.n_up, m.edges, m.n_edges, at.model)? };
    let layout = std::alloc::Layout::from_size_align(bytes, PS_HAMILTONIAN_ALIGN)
        .map_err(|_| Error::DimensionOverflow)?;
    // SAFETY: `bytes` > 0 (the handle alone takes more than 0 bytes).
    let mem = unsafe { std::alloc::alloc(layout) };
    if mem.is_null() {
        return Err(Error::DimensionOverflow.into());
    }
    // SAFETY: `mem` holds `bytes` bytes, 8-aligned, fresh (disjoint from every input);
    // the inputs are the caller's. `init` checks that `status` is disjoint from them.
    let r = unsafe {
        init::<ps_hamiltonian>(
            at,
            mem,
            bytes,
            m,
            status,
            core::ptr::null_mut(),
            OWNER_LIBRARY,
        )
    };
    if r.is_err() {
        // SAFETY: allocated above with `layout`, no handle in it.
        unsafe { std::alloc::dealloc(mem, layout) };
    }
    r
}

/// Releases a handle from `ps_hamiltonian_create`; NULL is ignored (`PS_OK`). A handle
/// from `ps_hamiltonian_init_static` (its block is the caller's) is refused with
/// `PS_INVALID_HANDLE` and left untouched, as is anything else that is not a live handle
/// at its own address. Not in bare-metal builds.
///
/// Statuses: `PS_OK` (released, or NULL), `PS_MISALIGNED`, `PS_INVALID_HANDLE`,
/// `PS_INTERNAL`.
///
/// # Safety
/// `h` NULL or a live handle, not used afterwards when released.
#[cfg(feature = "std")]
#[no_mangle]
pub unsafe extern "C" fn ps_hamiltonian_free(h: *mut ps_hamiltonian) -> c_int {
    run(name!("ps_hamiltonian_free"), || {
        if h.is_null() {
            return Ok(());
        }
        // SAFETY: caller's contract for `h`.
        let (r, _) = unsafe { get(h.cast_const())? };
        if r.head.owner != OWNER_LIBRARY {
            return Err(Fail::invalid_handle(1));
        }
        let bytes = ffi::to_usize(r.head.bytes).arg(1)?;
        let layout = std::alloc::Layout::from_size_align(bytes, PS_HAMILTONIAN_ALIGN)
            .map_err(|_| Fail::invalid_handle(1))?;
        // SAFETY: `h` is a live handle of ours (checked), exclusively the caller's;
        // clear the tag, then free with the layout of `ps_hamiltonian_create`.
        unsafe {
            core::ptr::addr_of_mut!((*h).inner.head.magic).write(0);
            std::alloc::dealloc(h.cast(), layout);
        }
        Ok(())
    })
}
