//! The C boundary's contracts (`pseudospin-capi`, `capi/include/pseudospin.h`), asserted
//! on calls decoded from fuzz bytes. Shared by the cargo-fuzz target `capi_boundary`
//! (`fuzz/fuzz_targets/capi_boundary.rs`) and the C ABI's own `cargo test`
//! (`capi/tests/fuzz_replay.rs`), which replays every file under
//! `fuzz/regressions/capi_boundary/`.
//!
//! An input is a short program: up to four calls, each an entry (a group of `ps_*`
//! functions), a class and the entry's parameters, read from the bytes with [`Bytes`].
//! The classes, one fault per call:
//! - valid: every buffer its own allocation of exactly the length passed (the sizes from
//!   the queries, outputs sometimes longer); the status and the outputs equal the Rust
//!   API's on the same inputs (bit for bit: the C entries are thin wrappers), the bytes
//!   past what an output needs and every input are left alone, and the thread's error
//!   record stays empty;
//! - NULL: one pointer that must point at data is NULL: `PS_NULL_POINTER` at its position;
//! - misaligned: one pointer off its alignment: `PS_MISALIGNED` at its position;
//! - short: one length one element (a workspace: one byte) below what the call needs,
//!   the buffer allocated at that length: `PS_LENGTH_MISMATCH` or
//!   `PS_WORKSPACE_TOO_SMALL`, the size needed in `*needed` and in the record;
//! - overlap: two buffers of the call in one arena, one inside the other or meeting in
//!   the first's last or first element: `PS_OVERLAP` at the later of the two positions
//!   when the call writes one of them, else (two inputs) the valid call's results;
//! - handle: a copied, wiped or junk block, or the other precision's handle:
//!   `PS_INVALID_HANDLE`;
//! - parameter: one value outside its domain (the header's status for it).
//!
//! On every refused call no byte of any buffer changes but `*status` (an init's) and,
//! on a size failure, `*needed` (and `*count` of `ps_window_eigenvalues`). No call may
//! return `PS_INTERNAL`. Sizes are small (N <= 8, D <= 70) so that an execution is
//! cheap. Panics only when the library breaks a promise of the header.
#![allow(dead_code)]
#![allow(clippy::too_many_arguments)]

use core::ffi::{c_int, c_void, CStr};
use core::mem::{align_of, size_of, size_of_val};
use core::ops::Range;
use core::ptr::{null, null_mut};
use pseudospin::basis::Sector;
use pseudospin::cavity;
use pseudospin::ed;
use pseudospin::graph::Graph;
use pseudospin::linalg::{
    lanczos_lowest, lanczos_lowest_req, polfed_window, polfed_window_req, sym_eigenvalues,
    sym_eigenvalues_req, trlan_lowest, trlan_lowest_req, LanczosOptions, LinearOperator,
    PolfedOptions,
};
use pseudospin::model::{BlockedHamiltonian, Coupling, Model};
use pseudospin::rng::{SeedableRng, Xoshiro256StarStar};
use pseudospin::stats::{window_gap_ratio, RealizationStats, Window};
use pseudospin::{Error, Real};
use pseudospin_capi::*;
use std::alloc::{alloc, dealloc, Layout};
use std::cell::Cell;

/// A cursor over fuzz bytes; reads past the end give zeros.
pub struct Bytes<'a>(pub &'a [u8]);

impl Bytes<'_> {
    pub fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    pub fn u16(&mut self) -> u16 {
        (self.u8() as u16) << 8 | self.u8() as u16
    }
    pub fn u64(&mut self) -> u64 {
        (0..8).fold(0u64, |acc, _| (acc << 8) | self.u8() as u64)
    }
    pub fn bit(&mut self) -> bool {
        self.u8() & 1 == 1
    }
    /// `0..n` (0 for `n == 0`).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.u16() as usize % n
        }
    }
    /// A value in [-1, 1] with 16 bits of resolution.
    pub fn tame(&mut self) -> f64 {
        self.u16() as f64 / 32767.5 - 1.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The byte every fresh buffer holds (as a double: a finite negative number).
const FILL: u8 = 0xa5;

/// One allocation of exactly `len` bytes (at least 1), 16-aligned, filled with [`FILL`]:
/// the sanitizer sees a read or write past the length a call was given.
struct Mem {
    ptr: *mut u8,
    layout: Layout,
}

impl Mem {
    fn new(len: usize) -> Mem {
        let layout = Layout::from_size_align(len.max(1), 16).expect("a small layout");
        // SAFETY: a nonzero size.
        let ptr = unsafe { alloc(layout) };
        assert!(!ptr.is_null(), "out of memory");
        // SAFETY: a fresh allocation of `layout.size()` bytes.
        unsafe { ptr.write_bytes(FILL, layout.size()) };
        Mem { ptr, layout }
    }
}

impl Drop for Mem {
    fn drop(&mut self) {
        // SAFETY: allocated in `new` with this layout.
        unsafe { dealloc(self.ptr, self.layout) };
    }
}

/// The role of one buffer of a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Read only.
    In,
    /// Written: its first `used` bytes on success, nothing on failure.
    Out,
    /// A workspace: anything on success, nothing on a refusal.
    Work,
    /// The `int *status` of an init: written with the status, success or not.
    Status,
    /// `size_t *needed`: written on `PS_WORKSPACE_TOO_SMALL` and `PS_LENGTH_MISMATCH` only.
    Needed,
    /// `size_t *count` of `ps_window_eigenvalues`: written on success and on
    /// `PS_LENGTH_MISMATCH`.
    Count,
    /// A handle's block (read only; built in place, never compared byte by byte: its
    /// padding is not initialized).
    Block,
}

/// What a handle's block holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// A live handle built at its address.
    Live,
    /// A byte copy of a live handle built elsewhere.
    Copied,
    /// A live handle, then every byte set to this one.
    Wiped(u8),
    /// Pseudo-random bytes from this seed; never a handle.
    Junk(u8),
    /// A live handle of the other precision.
    OtherPrecision,
}

#[derive(Clone, Debug)]
enum Fill {
    Pattern,
    Data(Vec<u8>),
    Handle { f32: bool, how: How },
}

/// One buffer of a call, in the call's C signature.
#[derive(Clone, Debug)]
struct Spec {
    name: &'static str,
    /// 1-based position of the pointer.
    pos: u8,
    /// Position of its length argument (0: none of its own).
    len_pos: u8,
    /// Bytes allocated and described to the call.
    bytes: usize,
    /// Bytes the call needs (the short class gives one element less).
    need: usize,
    elem: usize,
    align: usize,
    role: Role,
    /// Bytes an `Out` may change on success.
    used: usize,
    /// The status of a buffer one element short.
    short: c_int,
    /// Passed as NULL (an optional pointer left out).
    absent: bool,
    /// NULL is a valid value of this pointer (not a NULL-class candidate).
    optional: bool,
    /// An input whose elements may come from another such input (read-only overlap).
    alias: bool,
    /// A length the call can check only after it used its workspace (a too-short
    /// buffer leaves the workspace unspecified).
    late: bool,
    fill: Fill,
}

fn as_bytes<T: Copy>(data: &[T]) -> Vec<u8> {
    // SAFETY: plain numbers or `repr(C)` structs of numbers whose padding the callers
    // zero; initialized.
    unsafe { std::slice::from_raw_parts(data.as_ptr().cast::<u8>(), size_of_val(data)) }.to_vec()
}

fn spec(name: &'static str, pos: u8, role: Role, bytes: usize, elem: usize, align: usize) -> Spec {
    Spec {
        name,
        pos,
        len_pos: 0,
        bytes,
        need: bytes,
        elem,
        align,
        role,
        used: if role == Role::Out { bytes } else { 0 },
        short: PS_OK,
        absent: false,
        optional: false,
        alias: false,
        late: false,
        fill: Fill::Pattern,
    }
}

fn input<T: Copy>(name: &'static str, pos: u8, data: &[T]) -> Spec {
    Spec {
        fill: Fill::Data(as_bytes(data)),
        ..spec(
            name,
            pos,
            Role::In,
            size_of_val(data),
            size_of::<T>(),
            align_of::<T>(),
        )
    }
}

fn output<T>(name: &'static str, pos: u8, len: usize) -> Spec {
    spec(
        name,
        pos,
        Role::Out,
        len * size_of::<T>(),
        size_of::<T>(),
        align_of::<T>(),
    )
}

fn work(pos: u8, len_pos: u8, bytes: usize, need: usize) -> Spec {
    Spec {
        len_pos,
        need,
        short: PS_WORKSPACE_TOO_SMALL,
        ..spec("work", pos, Role::Work, bytes, 1, 8)
    }
}

fn needed_spec(pos: u8, absent: bool) -> Spec {
    spec("needed", pos, Role::Needed, 8, 8, 8).optional(absent)
}

fn status_spec(pos: u8, absent: bool) -> Spec {
    spec("status", pos, Role::Status, 4, 4, 4).optional(absent)
}

impl Spec {
    /// A length argument at `len_pos`; the call needs `need` elements.
    fn len_arg(mut self, len_pos: u8, need: usize, short: c_int) -> Spec {
        self.len_pos = len_pos;
        self.need = need * self.elem;
        self.used = if self.role == Role::Out { self.need } else { 0 };
        self.short = short;
        self
    }
    /// An optional pointer, passed as NULL when `absent`.
    fn optional(mut self, absent: bool) -> Spec {
        self.optional = true;
        if absent {
            self.absent = true;
            self.bytes = 0;
            self.need = 0;
            self.used = 0;
        }
        self
    }
    fn alias(mut self) -> Spec {
        self.alias = true;
        self
    }
    fn written(&self) -> bool {
        !matches!(self.role, Role::In | Role::Block)
    }
}

/// A pointer handed to a call and the bytes behind it.
#[derive(Clone, Copy, Debug)]
struct Ptr {
    p: *mut u8,
    bytes: usize,
}

impl Ptr {
    fn at<T>(&self) -> *mut T {
        self.p.cast()
    }
    fn len<T>(&self) -> usize {
        self.bytes / size_of::<T>()
    }
    fn read<T: Copy>(&self, i: usize) -> T {
        assert!(!self.p.is_null() && (i + 1) * size_of::<T>() <= self.bytes);
        // SAFETY: inside the buffer (checked); any bytes are a valid `T` for the
        // number types read here.
        unsafe { self.p.cast::<T>().add(i).read_unaligned() }
    }
    fn vec<T: Copy>(&self, n: usize) -> Vec<T> {
        (0..n).map(|i| self.read(i)).collect()
    }
    /// The array behind an optional pointer (`None` for NULL).
    fn opt<T: Copy>(&self, n: usize) -> Option<Vec<T>> {
        (!self.p.is_null()).then(|| self.vec(n))
    }
    fn range(&self) -> Range<usize> {
        self.p as usize..self.p as usize + self.bytes
    }
}

/// How one buffer overlaps another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lay {
    /// Both start at the same byte.
    Same,
    /// The second lies inside the first (from its start when it is longer).
    Inside,
    /// The second starts in the first's last element.
    TailIn,
    /// The second ends in the first's first element.
    HeadIn,
}

#[derive(Clone, Copy, Debug)]
enum Place {
    Apart,
    Null(usize),
    Misaligned(usize),
    Short(usize),
    Overlap(usize, usize, Lay),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Valid,
    Null,
    Misaligned,
    Short,
    Overlap(Lay),
    Handle(How),
    Param,
}

fn decode_class(b: &mut Bytes) -> Class {
    match b.u8() {
        0..=79 => Class::Valid,
        80..=104 => Class::Null,
        105..=124 => Class::Misaligned,
        125..=154 => Class::Short,
        155..=194 => Class::Overlap(match b.u8() % 4 {
            0 => Lay::Same,
            1 => Lay::Inside,
            2 => Lay::TailIn,
            _ => Lay::HeadIn,
        }),
        195..=219 => Class::Handle(match b.u8() % 5 {
            0 => How::Copied,
            1 => How::Wiped(0),
            2 => How::Wiped(b.u8()),
            3 => How::Junk(b.u8()),
            _ => How::OtherPrecision,
        }),
        _ => Class::Param,
    }
}

/// Where the buffers go for `class`: one candidate chosen by `sel`, or apart when the
/// call has none.
fn place(class: Class, sel: usize, specs: &[Spec]) -> Place {
    let live = |s: &Spec| !s.absent && s.bytes > 0;
    let pick = |ok: &dyn Fn(&Spec) -> bool| {
        let c: Vec<usize> = (0..specs.len()).filter(|&i| ok(&specs[i])).collect();
        (!c.is_empty()).then(|| c[sel % c.len()])
    };
    let p = match class {
        Class::Null => pick(&|s| live(s) && !s.optional).map(Place::Null),
        Class::Misaligned => pick(&|s| live(s) && s.align >= 2).map(Place::Misaligned),
        Class::Short => pick(&|s| !s.absent && s.len_pos != 0 && s.need >= s.elem && s.need > 0)
            .map(Place::Short),
        Class::Overlap(lay) => {
            let mut pairs = Vec::new();
            for (i, a) in specs.iter().enumerate() {
                for (j, c) in specs.iter().enumerate() {
                    if i == j || !live(a) || !live(c) {
                        continue;
                    }
                    let block_input = matches!(
                        (a.role, c.role),
                        (Role::Block, Role::In | Role::Block) | (Role::In, Role::Block)
                    );
                    let two_inputs = a.role == Role::In && c.role == Role::In;
                    if block_input || (two_inputs && !(a.alias && c.alias)) {
                        continue;
                    }
                    pairs.push((i, j));
                }
            }
            (!pairs.is_empty()).then(|| {
                let (i, j) = pairs[sel % pairs.len()];
                Place::Overlap(i, j, lay)
            })
        }
        _ => None,
    };
    p.unwrap_or(Place::Apart)
}

/// A refusal: the status, the positions in the record (None: not checked) and the size
/// needed.
#[derive(Clone, Copy, Debug)]
struct Refusal {
    status: c_int,
    arg: Option<u8>,
    other: Option<u8>,
    needed: Option<usize>,
}

fn refused(status: c_int, arg: u8) -> Refusal {
    Refusal {
        status,
        arg: Some(arg),
        other: None,
        needed: None,
    }
}

/// Which bytes a call may have changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Touch {
    /// A success: the used part of each output, the workspaces, `count`, `status`.
    Used,
    /// A refusal: `status` only, and `needed` (`count`) on a size failure.
    Nothing,
    /// A failure after the call started computing: the workspace too.
    Work,
    /// Not checked.
    Any,
}

fn round_up(x: usize, a: usize) -> usize {
    x.div_ceil(a) * a
}

fn round_down(x: usize, a: usize) -> usize {
    x / a * a
}

/// Offsets of the buffers in one arena and its length: `j` laid over `i` as `lay`
/// says, the others 64 bytes apart.
fn arena_offsets(specs: &[Spec], i: usize, j: usize, lay: Lay) -> (Vec<usize>, usize) {
    let mut off = vec![0; specs.len()];
    let (bi, bj, aj) = (specs[i].bytes, specs[j].bytes, specs[j].align.max(1));
    let oi = round_up(bj + 64, 64);
    off[i] = oi;
    off[j] = match lay {
        Lay::Same => oi,
        Lay::Inside if bj <= bi => round_down(oi + (bi - bj) / 2, aj),
        Lay::Inside => oi,
        Lay::TailIn => round_down(oi + bi - 1, aj),
        Lay::HeadIn => round_up(oi + 1 - bj, aj),
    };
    let (si, sj) = (oi..oi + bi, off[j]..off[j] + bj);
    assert!(
        si.start < sj.end && sj.start < si.end,
        "the pair must overlap"
    );
    let mut end = round_up(si.end.max(sj.end) + 64, 64);
    for (k, s) in specs.iter().enumerate() {
        if k != i && k != j {
            off[k] = end;
            end = round_up(end + s.bytes + 64, 64);
        }
    }
    (off, end)
}

fn last_error() -> ps_error {
    let mut e = ps_error {
        status: -1,
        argument: -1,
        other_argument: -1,
        needed: usize::MAX,
        function: null(),
    };
    // SAFETY: a local.
    assert_eq!(unsafe { ps_last_error(&mut e) }, PS_OK);
    e
}

fn function_name(e: &ps_error) -> String {
    assert!(!e.function.is_null(), "ps_error::function is never NULL");
    // SAFETY: a static NUL-terminated string (the header's promise).
    unsafe { CStr::from_ptr(e.function) }
        .to_str()
        .expect("ASCII")
        .to_owned()
}

/// `r` less the bytes of every range of `cuts`.
fn subtract(r: Range<usize>, cuts: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = vec![r];
    for c in cuts {
        out = out
            .into_iter()
            .flat_map(|p| {
                if c.end <= p.start || c.start >= p.end {
                    vec![p]
                } else {
                    let mut v = Vec::new();
                    if p.start < c.start {
                        v.push(p.start..c.start);
                    }
                    if c.end < p.end {
                        v.push(c.end..p.end);
                    }
                    v
                }
            })
            .collect();
    }
    out
}

/// # Safety
/// `r` is readable, initialized memory.
unsafe fn snapshot(r: &Range<usize>) -> Vec<u8> {
    // SAFETY: the caller's contract.
    unsafe { std::slice::from_raw_parts(r.start as *const u8, r.len()) }.to_vec()
}

fn is_size_failure(st: c_int) -> bool {
    st == PS_WORKSPACE_TOO_SMALL || st == PS_LENGTH_MISMATCH
}

/// Lays out `specs` as `place` says, fills them (blocks built in place from `inst`,
/// then the inputs' data), calls `call`, and checks the status against `want` (the
/// class's refusal, or `explicit`, or when neither, `reference`'s verdict on the
/// results), the thread's error record, and that no byte changed that the call may not
/// change. Returns the status.
fn harness(
    name: &str,
    inst: &Inst,
    mut specs: Vec<Spec>,
    place: Place,
    explicit: Option<Refusal>,
    call: impl FnOnce(&[Ptr]) -> c_int,
    reference: impl FnOnce(&[Ptr], c_int) -> Touch,
) -> c_int {
    let what = format!("{name} ({place:?})");
    if let Place::Short(i) = place {
        let s = &mut specs[i];
        s.bytes = s.need - s.elem;
        s.used = s.used.min(s.bytes);
    }
    let n = specs.len();
    let mut mems = Vec::new();
    let mut ptrs = vec![
        Ptr {
            p: null_mut(),
            bytes: 0
        };
        n
    ];
    // Where each block is built (its aligned start).
    let mut bases = vec![null_mut::<u8>(); n];
    match place {
        Place::Overlap(i, j, lay) => {
            let (off, len) = arena_offsets(&specs, i, j, lay);
            let arena = Mem::new(len);
            for (k, s) in specs.iter().enumerate() {
                if !s.absent {
                    // SAFETY: `off[k] + bytes <= len`.
                    let p = unsafe { arena.ptr.add(off[k]) };
                    ptrs[k] = Ptr { p, bytes: s.bytes };
                    bases[k] = p;
                }
            }
            mems.push(arena);
        }
        _ => {
            for (k, s) in specs.iter().enumerate() {
                if s.absent {
                    continue;
                }
                match place {
                    Place::Null(i) if i == k => {
                        ptrs[k] = Ptr {
                            p: null_mut(),
                            bytes: s.bytes,
                        };
                    }
                    Place::Misaligned(i) if i == k => {
                        let m = Mem::new(s.bytes + 16);
                        bases[k] = m.ptr;
                        ptrs[k] = Ptr {
                            // SAFETY: inside the allocation of bytes + 16.
                            p: unsafe { m.ptr.add(s.align / 2) },
                            bytes: s.bytes,
                        };
                        mems.push(m);
                    }
                    _ => {
                        let m = Mem::new(s.bytes);
                        bases[k] = m.ptr;
                        ptrs[k] = Ptr {
                            p: m.ptr,
                            bytes: s.bytes,
                        };
                        mems.push(m);
                    }
                }
            }
        }
    }
    // Blocks first, then the inputs (which win where two inputs share bytes).
    let mut blocks = Vec::new();
    for (k, s) in specs.iter().enumerate() {
        if let Fill::Handle { f32, how } = s.fill {
            if !bases[k].is_null() {
                inst.build(bases[k], s.bytes, f32, how);
                blocks.push(bases[k] as usize..bases[k] as usize + s.bytes + 16);
            }
        }
    }
    for (k, s) in specs.iter().enumerate() {
        if let Fill::Data(d) = &s.fill {
            if !ptrs[k].p.is_null() {
                assert_eq!(d.len(), s.bytes, "{what}: {} data", s.name);
                // SAFETY: the buffer holds `s.bytes` bytes.
                unsafe { core::ptr::copy_nonoverlapping(d.as_ptr(), ptrs[k].p, d.len()) };
            }
        }
    }
    // The bytes to compare: every buffer but the blocks.
    let checked: Vec<(&str, Range<usize>)> = specs
        .iter()
        .zip(&ptrs)
        .filter(|(s, p)| s.role != Role::Block && !p.p.is_null() && p.bytes > 0)
        .flat_map(|(s, p)| {
            subtract(p.range(), &blocks)
                .into_iter()
                .map(|r| (s.name, r))
        })
        .collect();
    // SAFETY: inside the allocations, initialized (filled above).
    let before: Vec<Vec<u8>> = checked
        .iter()
        .map(|(_, r)| unsafe { snapshot(r) })
        .collect();

    ps_error_clear();
    let st = call(&ptrs);
    assert_ne!(st, PS_INTERNAL, "{what}: a panic inside the library");
    let e = last_error();

    let want = explicit.or(match place {
        Place::Null(i) => Some(refused(PS_NULL_POINTER, specs[i].pos)),
        Place::Misaligned(i) => Some(refused(PS_MISALIGNED, specs[i].pos)),
        Place::Short(i) => {
            let s = &specs[i];
            Some(Refusal {
                status: s.short,
                arg: Some(s.len_pos),
                other: Some(s.pos),
                needed: Some(if s.short == PS_LENGTH_MISMATCH {
                    s.need / s.elem
                } else {
                    s.need
                }),
            })
        }
        Place::Overlap(i, j, _) if specs[i].written() || specs[j].written() => Some(Refusal {
            status: PS_OVERLAP,
            arg: Some(specs[i].pos.max(specs[j].pos)),
            other: Some(specs[i].pos.min(specs[j].pos)),
            needed: None,
        }),
        _ => None,
    });
    let touch = match want {
        Some(r) => {
            assert_eq!(
                st,
                r.status,
                "{what}: status {} where the header says {}",
                status_name(st),
                status_name(r.status)
            );
            match place {
                Place::Short(i) if specs[i].late => Touch::Work,
                _ => Touch::Nothing,
            }
        }
        None => reference(&ptrs, st),
    };
    // The record: empty after a success, this failure otherwise.
    if st == PS_OK {
        assert_eq!(e.status, PS_OK, "{what}: a success wrote the error record");
    } else {
        assert_eq!(e.status, st, "{what}: the record's status");
        assert_eq!(function_name(&e), name, "{what}: the record's function");
        if let Some(r) = want {
            if let Some(a) = r.arg {
                assert_eq!(e.argument, a as c_int, "{what}: the argument at fault");
            }
            if let Some(o) = r.other {
                assert_eq!(e.other_argument, o as c_int, "{what}: the other argument");
            }
            if let Some(nd) = r.needed {
                assert_eq!(e.needed, nd, "{what}: the record's size needed");
            }
        }
        if is_size_failure(st) {
            for (s, p) in specs.iter().zip(&ptrs) {
                let aligned = (p.p as usize).is_multiple_of(8);
                let told =
                    s.role == Role::Needed || (s.role == Role::Count && st == PS_LENGTH_MISMATCH);
                if told && !p.p.is_null() && aligned {
                    assert_eq!(p.read::<usize>(0), e.needed, "{what}: *{}", s.name);
                }
            }
        }
    }
    // No byte changed that the call may not change.
    if touch != Touch::Any {
        let allowed: Vec<Range<usize>> = specs
            .iter()
            .zip(&ptrs)
            .filter(|(_, p)| !p.p.is_null())
            .filter_map(|(s, p)| match (touch, s.role) {
                (_, Role::Status) => Some(p.range()),
                (Touch::Nothing | Touch::Work, Role::Needed) if is_size_failure(st) => {
                    Some(p.range())
                }
                (Touch::Nothing | Touch::Work, Role::Count) if st == PS_LENGTH_MISMATCH => {
                    Some(p.range())
                }
                (Touch::Work, Role::Work) => Some(p.range()),
                (Touch::Used, Role::Out) => Some(p.p as usize..p.p as usize + s.used),
                (Touch::Used, Role::Work | Role::Count) => Some(p.range()),
                _ => None,
            })
            .collect();
        for ((buf, r), old) in checked.iter().zip(&before) {
            for piece in subtract(r.clone(), &allowed) {
                // SAFETY: inside the allocations, initialized.
                let now = unsafe { snapshot(&piece) };
                let from = piece.start - r.start;
                assert!(
                    now[..] == old[from..from + piece.len()],
                    "{what}: status {}: bytes of {buf} ({}..{} of {}) changed that the \
                     call may not change",
                    status_name(st),
                    from,
                    from + piece.len(),
                    r.len()
                );
            }
        }
    }
    drop(mems);
    st
}

fn status_name(st: c_int) -> String {
    // SAFETY: a static NUL-terminated string.
    let s = unsafe { CStr::from_ptr(ps_status_name(st)) };
    format!("{} ({st})", s.to_str().unwrap_or("?"))
}

/// Bit patterns, for exact comparisons (NaN included).
fn bits<T: Real>(x: &[T]) -> Vec<u64> {
    x.iter().map(|&v| Real::to_f64(v).to_bits()).collect()
}

/// The C precision of an entry: the `ps_*` functions of `f64` or `f32`.
pub trait Prec: Real {
    type H;
    const F32: bool;
    const SUFFIX: &'static str;
    const SIZE: unsafe extern "C" fn(usize, usize, *const u8, usize, *mut usize) -> c_int;
    #[allow(clippy::type_complexity)]
    const INIT: unsafe extern "C" fn(
        *mut c_void,
        usize,
        usize,
        usize,
        *const u8,
        usize,
        *const Self,
        Self,
        Self,
        *const Self,
        *const Self,
        *mut c_int,
        *mut usize,
    ) -> *mut Self::H;
    const DIM: unsafe extern "C" fn(*const Self::H, *mut usize) -> c_int;
    const APPLY: unsafe extern "C" fn(*const Self::H, *const Self, *mut Self, usize) -> c_int;
    const APPLY_ROWS: unsafe extern "C" fn(
        *const Self::H,
        *const Self,
        *mut Self,
        usize,
        usize,
    ) -> c_int;
    const DENSE_SIZE: unsafe extern "C" fn(usize, usize, *mut usize) -> c_int;
    #[allow(clippy::type_complexity)]
    const DENSE: unsafe extern "C" fn(
        usize,
        usize,
        *const u8,
        usize,
        *const Self,
        Self,
        Self,
        *const Self,
        *const Self,
        *mut Self,
        usize,
        *mut c_void,
        usize,
        *mut usize,
    ) -> c_int;
    const LOWEST_SIZE: unsafe extern "C" fn(
        *const Self::H,
        usize,
        usize,
        c_int,
        *mut usize,
    ) -> c_int;
    #[allow(clippy::type_complexity)]
    const LOWEST: unsafe extern "C" fn(
        *const Self::H,
        usize,
        Self,
        usize,
        *mut Self,
        *mut Self,
        *mut Self,
        *mut c_void,
        usize,
        *mut usize,
    ) -> c_int;
    const TRLAN_SIZE: unsafe extern "C" fn(*const Self::H, usize, usize, *mut usize) -> c_int;
    #[allow(clippy::type_complexity)]
    const TRLAN: unsafe extern "C" fn(
        *const Self::H,
        usize,
        usize,
        Self,
        usize,
        *mut Self,
        *mut Self,
        *mut Self,
        *mut c_void,
        usize,
        *mut usize,
    ) -> c_int;
}

impl Prec for f64 {
    type H = ps_hamiltonian;
    const F32: bool = false;
    const SUFFIX: &'static str = "";
    const SIZE: unsafe extern "C" fn(usize, usize, *const u8, usize, *mut usize) -> c_int =
        ps_hamiltonian_size;
    const INIT: unsafe extern "C" fn(
        *mut c_void,
        usize,
        usize,
        usize,
        *const u8,
        usize,
        *const f64,
        f64,
        f64,
        *const f64,
        *const f64,
        *mut c_int,
        *mut usize,
    ) -> *mut ps_hamiltonian = ps_hamiltonian_init_static;
    const DIM: unsafe extern "C" fn(*const ps_hamiltonian, *mut usize) -> c_int =
        ps_hamiltonian_dim;
    const APPLY: unsafe extern "C" fn(*const ps_hamiltonian, *const f64, *mut f64, usize) -> c_int =
        ps_apply;
    const APPLY_ROWS: unsafe extern "C" fn(
        *const ps_hamiltonian,
        *const f64,
        *mut f64,
        usize,
        usize,
    ) -> c_int = ps_apply_rows;
    const DENSE_SIZE: unsafe extern "C" fn(usize, usize, *mut usize) -> c_int =
        ps_sector_eigenvalues_work_size;
    const DENSE: unsafe extern "C" fn(
        usize,
        usize,
        *const u8,
        usize,
        *const f64,
        f64,
        f64,
        *const f64,
        *const f64,
        *mut f64,
        usize,
        *mut c_void,
        usize,
        *mut usize,
    ) -> c_int = ps_sector_eigenvalues;
    const LOWEST_SIZE: unsafe extern "C" fn(
        *const ps_hamiltonian,
        usize,
        usize,
        c_int,
        *mut usize,
    ) -> c_int = ps_lowest_work_size;
    const LOWEST: unsafe extern "C" fn(
        *const ps_hamiltonian,
        usize,
        f64,
        usize,
        *mut f64,
        *mut f64,
        *mut f64,
        *mut c_void,
        usize,
        *mut usize,
    ) -> c_int = ps_lowest;
    const TRLAN_SIZE: unsafe extern "C" fn(
        *const ps_hamiltonian,
        usize,
        usize,
        *mut usize,
    ) -> c_int = ps_trlan_lowest_work_size;
    const TRLAN: unsafe extern "C" fn(
        *const ps_hamiltonian,
        usize,
        usize,
        f64,
        usize,
        *mut f64,
        *mut f64,
        *mut f64,
        *mut c_void,
        usize,
        *mut usize,
    ) -> c_int = ps_trlan_lowest;
}

impl Prec for f32 {
    type H = ps_hamiltonian_f32;
    const F32: bool = true;
    const SUFFIX: &'static str = "_f32";
    const SIZE: unsafe extern "C" fn(usize, usize, *const u8, usize, *mut usize) -> c_int =
        ps_hamiltonian_size_f32;
    const INIT: unsafe extern "C" fn(
        *mut c_void,
        usize,
        usize,
        usize,
        *const u8,
        usize,
        *const f32,
        f32,
        f32,
        *const f32,
        *const f32,
        *mut c_int,
        *mut usize,
    ) -> *mut ps_hamiltonian_f32 = ps_hamiltonian_init_static_f32;
    const DIM: unsafe extern "C" fn(*const ps_hamiltonian_f32, *mut usize) -> c_int =
        ps_hamiltonian_dim_f32;
    const APPLY: unsafe extern "C" fn(
        *const ps_hamiltonian_f32,
        *const f32,
        *mut f32,
        usize,
    ) -> c_int = ps_apply_f32;
    const APPLY_ROWS: unsafe extern "C" fn(
        *const ps_hamiltonian_f32,
        *const f32,
        *mut f32,
        usize,
        usize,
    ) -> c_int = ps_apply_rows_f32;
    const DENSE_SIZE: unsafe extern "C" fn(usize, usize, *mut usize) -> c_int =
        ps_sector_eigenvalues_work_size_f32;
    const DENSE: unsafe extern "C" fn(
        usize,
        usize,
        *const u8,
        usize,
        *const f32,
        f32,
        f32,
        *const f32,
        *const f32,
        *mut f32,
        usize,
        *mut c_void,
        usize,
        *mut usize,
    ) -> c_int = ps_sector_eigenvalues_f32;
    const LOWEST_SIZE: unsafe extern "C" fn(
        *const ps_hamiltonian_f32,
        usize,
        usize,
        c_int,
        *mut usize,
    ) -> c_int = ps_lowest_work_size_f32;
    const LOWEST: unsafe extern "C" fn(
        *const ps_hamiltonian_f32,
        usize,
        f32,
        usize,
        *mut f32,
        *mut f32,
        *mut f32,
        *mut c_void,
        usize,
        *mut usize,
    ) -> c_int = ps_lowest_f32;
    const TRLAN_SIZE: unsafe extern "C" fn(
        *const ps_hamiltonian_f32,
        usize,
        usize,
        *mut usize,
    ) -> c_int = ps_trlan_lowest_work_size_f32;
    const TRLAN: unsafe extern "C" fn(
        *const ps_hamiltonian_f32,
        usize,
        usize,
        f32,
        usize,
        *mut f32,
        *mut f32,
        *mut f32,
        *mut c_void,
        usize,
        *mut usize,
    ) -> c_int = ps_trlan_lowest_f32;
}

/// One Hamiltonian instance: a small valid model, which a parameter fault may break.
#[derive(Clone, Debug)]
struct Inst {
    n: usize,
    n_up: usize,
    /// Pairs of vertex indices, flattened.
    edges: Vec<u8>,
    xi: Vec<f64>,
    jxy: f64,
    jzz: f64,
    jxy_e: Option<Vec<f64>>,
    jzz_e: Option<Vec<f64>>,
}

/// The fields, `jxy`, `jzz` and the per-edge couplings of an instance in one precision.
type Values<T> = (Vec<T>, T, T, Option<Vec<T>>, Option<Vec<T>>);

/// A fault of the model's parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    NoSites,
    /// More sites than the entry supports.
    TooManySites(usize),
    Filling,
    EdgeOutOfRange,
    SelfLoop,
    Duplicate,
    NonFiniteXi,
    NonFiniteJxy,
    NonFiniteJzz,
    /// A NaN `jxy` beside a per-edge array: ignored, not a fault.
    IgnoredJxy,
}

fn hostile(b: &mut Bytes) -> f64 {
    [f64::NAN, f64::INFINITY, f64::NEG_INFINITY][b.below(3)]
}

impl Inst {
    fn decode(b: &mut Bytes, max_n: usize) -> Inst {
        let n = 1 + b.below(max_n);
        let n_up = b.below(n + 1);
        let want = b.below(13);
        let mut pairs: Vec<[u8; 2]> = Vec::new();
        for _ in 0..want {
            let (a, c) = (b.below(n) as u8, b.below(n) as u8);
            if a != c && !pairs.contains(&[a, c]) && !pairs.contains(&[c, a]) {
                pairs.push([a, c]);
            }
        }
        let ne = pairs.len();
        let xi = (0..n).map(|_| b.tame()).collect();
        let (jxy, jzz) = (b.tame(), b.tame());
        let flags = b.u8();
        let jxy_e = (flags & 1 == 1).then(|| (0..ne).map(|_| b.tame()).collect());
        let jzz_e = (flags & 2 == 2).then(|| (0..ne).map(|_| b.tame()).collect());
        Inst {
            n,
            n_up,
            edges: pairs.iter().flatten().copied().collect(),
            xi,
            jxy,
            jzz,
            jxy_e,
            jzz_e,
        }
    }

    fn ne(&self) -> usize {
        self.edges.len() / 2
    }

    fn dim(&self) -> usize {
        Sector::<u64>::new(self.n, self.n_up)
            .expect("a valid sector")
            .dim()
    }

    fn block_bytes(&self, f32: bool) -> usize {
        let mut bytes = 0;
        let size = if f32 {
            ps_hamiltonian_size_f32
        } else {
            ps_hamiltonian_size
        };
        // SAFETY: the edges and a local.
        let st = unsafe {
            size(
                self.n,
                self.n_up,
                self.edges.as_ptr(),
                self.ne(),
                &mut bytes,
            )
        };
        assert_eq!(st, PS_OK, "the size of a valid model");
        bytes
    }

    /// The fields and couplings in precision `T`.
    fn values<T: Real>(&self) -> Values<T> {
        let c = |v: &Vec<f64>| v.iter().map(|&x| T::from_f64(x)).collect::<Vec<T>>();
        (
            c(&self.xi),
            T::from_f64(self.jxy),
            T::from_f64(self.jzz),
            self.jxy_e.as_ref().map(c),
            self.jzz_e.as_ref().map(c),
        )
    }

    /// A live handle of precision `f32` in `mem` (`bytes` long).
    fn init_at(&self, mem: *mut u8, bytes: usize, f32: bool) -> *mut u8 {
        if f32 {
            self.init_as::<f32>(mem, bytes)
        } else {
            self.init_as::<f64>(mem, bytes)
        }
    }

    fn init_as<T: Prec>(&self, mem: *mut u8, bytes: usize) -> *mut u8 {
        let (xi, jxy, jzz, jxe, jze) = self.values::<T>();
        let p = |v: &Option<Vec<T>>| v.as_ref().map_or(null(), |v| v.as_ptr());
        let mut st = -1;
        // SAFETY: `mem` holds `bytes` bytes, 8-aligned; the inputs are locals of their
        // lengths.
        let h = unsafe {
            T::INIT(
                mem.cast(),
                bytes,
                self.n,
                self.n_up,
                self.edges.as_ptr(),
                self.ne(),
                xi.as_ptr(),
                jxy,
                jzz,
                p(&jxe),
                p(&jze),
                &mut st,
                null_mut(),
            )
        };
        assert_eq!(st, PS_OK, "init of a valid model");
        assert_eq!(h.cast::<u8>(), mem, "the handle points at its block");
        h.cast()
    }

    /// Fills the block at `base` (`bytes` long) as `how` says.
    fn build(&self, base: *mut u8, bytes: usize, f32: bool, how: How) {
        match how {
            How::Live => {
                self.init_at(base, self.block_bytes(f32), f32);
            }
            How::Copied => {
                let len = self.block_bytes(f32);
                let tmp = Mem::new(len);
                self.init_at(tmp.ptr, len, f32);
                // SAFETY: both hold `len <= bytes` bytes; distinct allocations.
                unsafe { core::ptr::copy_nonoverlapping(tmp.ptr, base, len) };
            }
            How::Wiped(x) => {
                self.init_at(base, self.block_bytes(f32), f32);
                // SAFETY: the block holds `bytes` bytes.
                unsafe { base.write_bytes(x, bytes) };
            }
            How::Junk(seed) => {
                let mut s = 0x9e37_79b9_7f4a_7c15u64 ^ seed as u64;
                for k in 0..bytes {
                    s ^= s << 13;
                    s ^= s >> 7;
                    s ^= s << 17;
                    // SAFETY: inside the block.
                    unsafe { base.add(k).write(s as u8) };
                }
            }
            How::OtherPrecision => {
                self.init_at(base, self.block_bytes(!f32), !f32);
            }
        }
    }

    /// The block of a handle of precision `f32` for `class` (`how` a handle class's
    /// block, else a live one), and the refusal a handle class expects.
    fn block_spec(&self, f32: bool, class: Class) -> (Spec, Option<Refusal>) {
        let how = match class {
            Class::Handle(h) => h,
            _ => How::Live,
        };
        let bytes = match how {
            How::OtherPrecision => self.block_bytes(f32).max(self.block_bytes(!f32)),
            _ => self.block_bytes(f32),
        };
        let s = Spec {
            fill: Fill::Handle { f32, how },
            ..spec("h", 1, Role::Block, bytes, 8, 8)
        };
        let want = (how != How::Live).then(|| refused(PS_INVALID_HANDLE, 1));
        (s, want)
    }

    /// Breaks the model with a fault drawn from `b` among those an entry checks (`n`
    /// above `big` sites; the fields and couplings only when `values`).
    fn inject(&mut self, b: &mut Bytes, big: Range<usize>, values: bool) -> Fault {
        let kinds = if values { 10 } else { 6 };
        let f = match b.below(kinds) {
            0 => Fault::NoSites,
            1 => Fault::TooManySites(big.start + b.below(big.len())),
            2 => Fault::Filling,
            3 => Fault::EdgeOutOfRange,
            4 if self.n > 1 || self.ne() > 0 => Fault::Duplicate,
            4 | 5 => Fault::SelfLoop,
            6 => Fault::NonFiniteXi,
            7 => Fault::NonFiniteJxy,
            8 => Fault::NonFiniteJzz,
            _ => Fault::IgnoredJxy,
        };
        let ne = self.ne();
        let push = |inst: &mut Inst, b: &mut Bytes, e: [u8; 2]| {
            let at = 2 * b.below(inst.ne() + 1);
            inst.edges.splice(at..at, e);
            for v in [&mut inst.jxy_e, &mut inst.jzz_e].into_iter().flatten() {
                v.push(0.25);
            }
        };
        match f {
            Fault::NoSites => {
                self.n = 0;
                self.n_up = 0;
                self.xi.clear();
                self.edges.clear();
                self.jxy_e = self.jxy_e.as_ref().map(|_| Vec::new());
                self.jzz_e = self.jzz_e.as_ref().map(|_| Vec::new());
            }
            Fault::TooManySites(n) => {
                self.n = n;
                self.n_up = b.below(3);
                self.xi.resize(n, 0.5);
            }
            Fault::Filling => self.n_up = self.n + 1 + b.below(3),
            Fault::EdgeOutOfRange => {
                let far = (self.n + b.below(256 - self.n)) as u8;
                let e = if b.bit() { [0, far] } else { [far, 0] };
                push(self, b, e);
            }
            Fault::SelfLoop => {
                let a = b.below(self.n) as u8;
                push(self, b, [a, a]);
            }
            Fault::Duplicate => {
                let e = if ne > 0 {
                    let k = 2 * b.below(ne);
                    let e = [self.edges[k], self.edges[k + 1]];
                    if b.bit() {
                        [e[1], e[0]]
                    } else {
                        e
                    }
                } else {
                    push(self, b, [0, 1]);
                    [1, 0]
                };
                push(self, b, e);
            }
            Fault::NonFiniteXi => {
                let i = b.below(self.n);
                self.xi[i] = hostile(b);
            }
            Fault::NonFiniteJxy => match &mut self.jxy_e {
                Some(v) if !v.is_empty() => {
                    let i = b.below(v.len());
                    v[i] = hostile(b);
                }
                _ => {
                    self.jxy_e = None;
                    self.jxy = hostile(b);
                }
            },
            Fault::NonFiniteJzz => match &mut self.jzz_e {
                Some(v) if !v.is_empty() => {
                    let i = b.below(v.len());
                    v[i] = hostile(b);
                }
                _ => {
                    self.jzz_e = None;
                    self.jzz = hostile(b);
                }
            },
            Fault::IgnoredJxy => {
                if self.jxy_e.is_none() {
                    self.jxy_e = Some(vec![0.125; ne]);
                }
                self.jxy = hostile(b);
            }
        }
        f
    }
}

/// The header's status for `fault` and the argument it names, with the model's
/// arguments from position `first` (`n, n_up, edges, n_edges, xi, jxy, jzz, jxy_edges,
/// jzz_edges`); `None` for a fault that is no fault.
fn fault_refusal(f: Fault, inst: &Inst, first: u8) -> Option<Refusal> {
    let (status, arg) = match f {
        Fault::NoSites => (PS_INVALID_ARGUMENT, first),
        Fault::TooManySites(_) => (PS_TOO_MANY_SITES, first),
        Fault::Filling => (PS_INVALID_FILLING, first + 1),
        Fault::EdgeOutOfRange => (PS_EDGE_OUT_OF_RANGE, first + 2),
        Fault::SelfLoop => (PS_SELF_LOOP, first + 2),
        Fault::Duplicate => (PS_DUPLICATE_EDGE, first + 2),
        Fault::NonFiniteXi => (PS_NON_FINITE, first + 4),
        Fault::NonFiniteJxy if inst.jxy_e.is_some() => (PS_NON_FINITE, first + 7),
        Fault::NonFiniteJxy => (PS_NON_FINITE, first + 5),
        Fault::NonFiniteJzz if inst.jzz_e.is_some() => (PS_NON_FINITE, first + 8),
        Fault::NonFiniteJzz => (PS_NON_FINITE, first + 6),
        Fault::IgnoredJxy => return None,
    };
    Some(Refusal {
        status,
        arg: Some(arg),
        other: (f == Fault::Filling).then_some(first),
        needed: None,
    })
}

fn pairs_of(edges: &[u8]) -> Vec<[u8; 2]> {
    edges.chunks_exact(2).map(|c| [c[0], c[1]]).collect()
}

fn coupling<T: Copy>(j: T, per_edge: &Option<Vec<T>>) -> Coupling<'_, T> {
    match per_edge {
        Some(v) => Coupling::PerEdge(v),
        None => Coupling::Uniform(j),
    }
}

/// The model's inputs as a call sees them (read back from its buffers).
struct Seen<T> {
    pairs: Vec<[u8; 2]>,
    xi: Vec<T>,
    jxy_e: Option<Vec<T>>,
    jzz_e: Option<Vec<T>>,
}

impl<T: Real> Seen<T> {
    fn read(n: usize, ne: usize, edges: &Ptr, xi: &Ptr, jxy_e: &Ptr, jzz_e: &Ptr) -> Self {
        Seen {
            pairs: pairs_of(&if ne > 0 {
                edges.vec::<u8>(2 * ne)
            } else {
                vec![]
            }),
            xi: xi.vec(n),
            jxy_e: jxy_e.opt(ne),
            jzz_e: jzz_e.opt(ne),
        }
    }
    fn model(&self, n: usize, jxy: T, jzz: T) -> pseudospin::Result<Model<'_, T>> {
        Model::new(
            n,
            &self.pairs,
            &self.xi,
            coupling(jxy, &self.jxy_e),
            coupling(jzz, &self.jzz_e),
        )
    }
}

/// `f` on the Rust API's blocked operator of `inst` in precision `T`.
fn with_op<T: Real, R>(inst: &Inst, f: impl FnOnce(&BlockedHamiltonian<'_, T, u64>) -> R) -> R {
    let (xi, jxy, jzz, jxe, jze) = inst.values::<T>();
    let pairs = pairs_of(&inst.edges);
    let m = Model::new(
        inst.n,
        &pairs,
        &xi,
        coupling(jxy, &jxe),
        coupling(jzz, &jze),
    )
    .expect("a valid model");
    let sector = Sector::<u64>::new(inst.n, inst.n_up).expect("a valid sector");
    let req = m.blocked_req(&sector).expect("a small sector");
    let (mut idx, mut re) = (
        vec![0u32; req.indices.len()],
        vec![T::default(); req.reals.len()],
    );
    let op = m
        .blocked(&sector, &mut idx, &mut re)
        .expect("storage of its size");
    f(&op)
}

fn tame_vec<T: Real>(b: &mut Bytes, n: usize) -> Vec<T> {
    (0..n).map(|_| T::from_f64(b.tame())).collect()
}

/// The properties: up to four calls decoded from `data`.
pub fn capi_boundary(data: &[u8]) {
    let mut b = Bytes(data);
    for _ in 0..4 {
        if b.is_empty() {
            break;
        }
        call(&mut b);
    }
}

/// One call: its entry, class and parameters from `b`.
pub fn call(b: &mut Bytes) {
    let entry = b.u8();
    let class = decode_class(b);
    let sel = b.u16() as usize;
    let f32 = b.bit();
    match entry % 16 {
        0 => sector(b, class, sel),
        1 if f32 => size_query::<f32>(b, class, sel),
        1 => size_query::<f64>(b, class, sel),
        2 if f32 => init::<f32>(b, class, sel),
        2 => init::<f64>(b, class, sel),
        3 if f32 => dim::<f32>(b, class, sel),
        3 => dim::<f64>(b, class, sel),
        4 if f32 => apply::<f32>(b, class, sel),
        4 => apply::<f64>(b, class, sel),
        5 if f32 => apply_rows::<f32>(b, class, sel),
        5 => apply_rows::<f64>(b, class, sel),
        6 if f32 => dense::<f32>(b, class, sel),
        6 => dense::<f64>(b, class, sel),
        7 if f32 => lowest::<f32>(b, class, sel),
        7 => lowest::<f64>(b, class, sel),
        8 if f32 => trlan::<f32>(b, class, sel),
        8 => trlan::<f64>(b, class, sel),
        9 => window_eigenvalues(b, class, sel),
        10 => gap_ratio_window(b, class, sel),
        11 if f32 => realization_size(b, class, sel),
        11 => realization(b, class, sel),
        12 => critical(b, class, sel),
        13 => growth(b, class, sel),
        14 => draw(b, class, sel),
        _ => create_free(b, class, sel),
    }
}

/// `ps_sector_dim`, `ps_rank`, `ps_unrank` against `Sector` (N up to 64, and beyond for
/// the parameter class).
fn sector(b: &mut Bytes, class: Class, sel: usize) {
    let param = class == Class::Param;
    let (n, n_up) = if param {
        match b.below(4) {
            0 => (0, b.below(3)),
            1 => (65 + b.below(200), b.below(70)),
            2 => {
                let n = 1 + b.below(64);
                (n, n + 1 + b.below(4))
            }
            _ => (b.below(80), b.below(80)),
        }
    } else {
        let n = 1 + b.below(64);
        (n, b.below(n + 1))
    };
    let kernel = Sector::<u64>::new(n, n_up);
    let doc = if n == 0 {
        Some(PS_INVALID_ARGUMENT)
    } else if n > 64 {
        Some(PS_TOO_MANY_SITES)
    } else if n_up > n {
        Some(PS_INVALID_FILLING)
    } else {
        None
    };
    assert_eq!(
        kernel.as_ref().err().map(|e| e.code()),
        doc,
        "sector ({n}, {n_up}): the header's status"
    );
    let inst = Inst::decode(&mut Bytes(&[]), 1);
    let which = b.below(3);
    let out = output::<u64>("out", 4, 1);
    match which {
        0 => {
            let specs = vec![Spec { pos: 3, ..out }];
            let place = place(class, sel, &specs);
            harness(
                "ps_sector_dim",
                &inst,
                specs,
                place,
                None,
                // SAFETY: `p[0]` NULL or one writable size_t.
                |p| unsafe { ps_sector_dim(n, n_up, p[0].at()) },
                |p, st| match &kernel {
                    Ok(s) => {
                        assert_eq!(st, PS_OK, "ps_sector_dim({n}, {n_up})");
                        assert_eq!(p[0].read::<usize>(0), s.dim());
                        Touch::Used
                    }
                    Err(e) => {
                        assert_eq!(st, e.code(), "ps_sector_dim({n}, {n_up})");
                        Touch::Nothing
                    }
                },
            );
        }
        1 => {
            // A pointer class gets a state in the sector (one fault per call).
            let inside = b.bit() || !matches!(class, Class::Valid | Class::Param);
            let state = match &kernel {
                Ok(s) if inside => s.unrank(b.u64() as usize % s.dim()).expect("index < dim"),
                _ if b.bit() && n > 0 && n < 64 => b.u64() & ((1u64 << n) - 1),
                _ => b.u64(),
            };
            let specs = vec![out];
            let place = place(class, sel, &specs);
            harness(
                "ps_rank",
                &inst,
                specs,
                place,
                None,
                // SAFETY: `p[0]` NULL or one writable size_t.
                |p| unsafe { ps_rank(n, n_up, state, p[0].at()) },
                |p, st| match &kernel {
                    Ok(s) => {
                        let outside =
                            state.count_ones() as usize != n_up || (n < 64 && state >> n != 0);
                        match s.rank(state) {
                            Some(i) => {
                                assert!(!outside);
                                assert_eq!(st, PS_OK, "ps_rank({n}, {n_up}, {state:#x})");
                                assert_eq!(p[0].read::<usize>(0), i);
                                assert_eq!(s.unrank(i).ok(), Some(state));
                                Touch::Used
                            }
                            None => {
                                assert!(outside, "a state with n_up bits below n is ranked");
                                assert_eq!(st, PS_STATE_NOT_IN_SECTOR);
                                Touch::Nothing
                            }
                        }
                    }
                    Err(e) => {
                        assert_eq!(st, e.code());
                        Touch::Nothing
                    }
                },
            );
        }
        _ => {
            let index = match &kernel {
                Ok(s) if !param => {
                    let r = b.u64() as usize;
                    if b.bit() && class == Class::Valid {
                        r % (s.dim() + 2)
                    } else {
                        r % s.dim()
                    }
                }
                _ => b.u64() as usize,
            };
            let specs = vec![out];
            let place = place(class, sel, &specs);
            harness(
                "ps_unrank",
                &inst,
                specs,
                place,
                None,
                // SAFETY: `p[0]` NULL or one writable uint64_t.
                |p| unsafe { ps_unrank(n, n_up, index, p[0].at()) },
                |p, st| match &kernel {
                    Ok(s) if index < s.dim() => {
                        assert_eq!(st, PS_OK, "ps_unrank({n}, {n_up}, {index})");
                        let state = p[0].read::<u64>(0);
                        assert_eq!(s.unrank(index).ok(), Some(state));
                        let mut back = usize::MAX;
                        // SAFETY: a local.
                        assert_eq!(unsafe { ps_rank(n, n_up, state, &mut back) }, PS_OK);
                        assert_eq!(back, index, "rank(unrank(i)) = i");
                        Touch::Used
                    }
                    Ok(_) => {
                        assert_eq!(st, PS_INDEX_OUT_OF_RANGE, "index {index} >= dim");
                        Touch::Nothing
                    }
                    Err(e) => {
                        assert_eq!(st, e.code());
                        Touch::Nothing
                    }
                },
            );
        }
    }
}

/// The model's statuses by the Rust API: the sector, then the model.
fn model_status<T: Real>(n: usize, n_up: usize, seen: &Seen<T>, jxy: T, jzz: T) -> c_int {
    match Sector::<u64>::new(n, n_up).and_then(|_| seen.model(n, jxy, jzz).map(|_| ())) {
        Ok(()) => PS_OK,
        Err(e) => e.code(),
    }
}

/// `ps_hamiltonian_size[_f32]`: the block's size, or the model's status.
fn size_query<T: Prec>(b: &mut Bytes, class: Class, sel: usize) {
    let mut inst = Inst::decode(b, 8);
    let fault = (class == Class::Param).then(|| inst.inject(b, 37..200, false));
    let explicit = fault.and_then(|f| fault_refusal(f, &inst, 1));
    let specs = vec![
        input::<u8>("edges", 3, &inst.edges),
        output::<usize>("bytes", 5, 1),
    ];
    let place = place(class, sel, &specs);
    let name = format!("ps_hamiltonian_size{}", T::SUFFIX);
    let (n, n_up, ne) = (inst.n, inst.n_up, inst.ne());
    harness(
        &name,
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: the edges' buffer holds 2 n_edges bytes (or NULL), `bytes` one size_t.
        |p| unsafe { T::SIZE(n, n_up, p[0].p, ne, p[1].at()) },
        |p, st| {
            let pairs = pairs_of(&p[0].vec::<u8>(2 * ne));
            let zeros = vec![T::default(); n];
            let want = Sector::<u64>::new(n, n_up).and_then(|s| {
                let m = Model::new(
                    n,
                    &pairs,
                    &zeros,
                    Coupling::Uniform(T::default()),
                    Coupling::Uniform(T::default()),
                )?;
                m.blocked_req(&s).map(|_| ())
            });
            match want {
                Ok(()) => {
                    assert_eq!(st, PS_OK, "{name}");
                    let got = p[1].read::<usize>(0);
                    assert!(got > 0 && got.is_multiple_of(8), "{name}: {got} bytes");
                    Touch::Used
                }
                Err(e) => {
                    assert_eq!(st, e.code(), "{name}");
                    Touch::Nothing
                }
            }
        },
    );
}

/// `ps_hamiltonian_init_static[_f32]`: a block of exactly the queried size works (the
/// handle's dimension and products are the Rust API's), one byte less is refused; the
/// model's faults get the header's statuses.
fn init<T: Prec>(b: &mut Bytes, class: Class, sel: usize) {
    let mut inst = Inst::decode(b, 8);
    let need = inst.block_bytes(T::F32);
    let fault = (class == Class::Param).then(|| inst.inject(b, 37..200, true));
    let explicit = fault.and_then(|f| fault_refusal(f, &inst, 3));
    let extra = if b.bit() { b.below(24) } else { 0 };
    let (xi, jxy, jzz, jxe, jze) = inst.values::<T>();
    let x: Vec<T> = tame_vec(b, 70);
    let specs = vec![
        spec("mem", 1, Role::Out, need + extra, 1, 8).len_arg(2, need, PS_WORKSPACE_TOO_SMALL),
        input::<u8>("edges", 5, &inst.edges),
        input("xi", 7, &xi).alias(),
        input("jxy_edges", 10, jxe.as_deref().unwrap_or(&[]))
            .alias()
            .optional(jxe.is_none()),
        input("jzz_edges", 11, jze.as_deref().unwrap_or(&[]))
            .alias()
            .optional(jze.is_none()),
        status_spec(12, b.bit()),
        needed_spec(13, b.bit()),
    ];
    let place = place(class, sel, &specs);
    let name = format!("ps_hamiltonian_init_static{}", T::SUFFIX);
    let (n, n_up, ne) = (inst.n, inst.n_up, inst.ne());
    let handle = Cell::new(null_mut::<T::H>());
    harness(
        &name,
        &inst,
        specs,
        place,
        explicit,
        |p| {
            // SAFETY: every buffer NULL or valid for the length passed.
            let h = unsafe {
                T::INIT(
                    p[0].at(),
                    p[0].bytes,
                    n,
                    n_up,
                    p[1].p,
                    ne,
                    p[2].at(),
                    jxy,
                    jzz,
                    p[3].at(),
                    p[4].at(),
                    p[5].at(),
                    p[6].at(),
                )
            };
            handle.set(h);
            let st = if h.is_null() {
                last_error().status
            } else {
                PS_OK
            };
            assert_eq!(h.is_null(), st != PS_OK);
            if !p[5].p.is_null() && (p[5].p as usize).is_multiple_of(4) {
                assert_eq!(p[5].read::<c_int>(0), st, "{name}: *status");
            }
            st
        },
        |p, st| {
            let seen = Seen::<T>::read(n, ne, &p[1], &p[2], &p[3], &p[4]);
            let want = model_status(n, n_up, &seen, jxy, jzz);
            assert_eq!(st, want, "{name}: the model's status");
            if st != PS_OK {
                return Touch::Nothing;
            }
            let h = handle.get();
            assert_eq!(h.cast::<u8>(), p[0].p, "{name}: the handle is the block");
            let m = seen.model(n, jxy, jzz).expect("checked");
            let sector = Sector::<u64>::new(n, n_up).expect("checked");
            let req = m.blocked_req(&sector).expect("small");
            let (mut idx, mut re) = (
                vec![0u32; req.indices.len()],
                vec![T::default(); req.reals.len()],
            );
            let op = m.blocked(&sector, &mut idx, &mut re).expect("sized");
            let d = op.dim();
            let mut dim = 0;
            // SAFETY: a live handle in the harness's block; a local.
            assert_eq!(unsafe { T::DIM(h, &mut dim) }, PS_OK);
            assert_eq!(dim, d, "{name}: the handle's dimension");
            let x = &x[..d];
            let (mut y, mut y2) = (vec![T::default(); d], vec![T::default(); d]);
            op.apply(x, &mut y).expect("lengths");
            // SAFETY: as above; `x`, `y2` hold d values.
            assert_eq!(
                unsafe { T::APPLY(h, x.as_ptr(), y2.as_mut_ptr(), d) },
                PS_OK
            );
            assert_eq!(bits(&y), bits(&y2), "{name}: the product is the Rust API's");
            Touch::Used
        },
    );
}

/// `ps_hamiltonian_dim[_f32]` on live, copied, wiped and other-precision handles.
fn dim<T: Prec>(b: &mut Bytes, class: Class, sel: usize) {
    let inst = Inst::decode(b, 8);
    let (block, explicit) = inst.block_spec(T::F32, class);
    let specs = vec![block, output::<usize>("dim", 2, 1)];
    let place = place(class, sel, &specs);
    let name = format!("ps_hamiltonian_dim{}", T::SUFFIX);
    let d = inst.dim();
    harness(
        &name,
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: the block holds a handle or readable bytes of its size; `dim` NULL or
        // one size_t.
        |p| unsafe { T::DIM(p[0].at(), p[1].at()) },
        |p, st| {
            assert_eq!(st, PS_OK, "{name}");
            assert_eq!(p[1].read::<usize>(0), d);
            Touch::Used
        },
    );
}

/// `ps_apply[_f32]`: the Rust API's product bit for bit; `len != D` is
/// `PS_LENGTH_MISMATCH`.
fn apply<T: Prec>(b: &mut Bytes, class: Class, sel: usize) {
    let inst = Inst::decode(b, 8);
    let d = inst.dim();
    let (block, mut explicit) = inst.block_spec(T::F32, class);
    let len = if class == Class::Param {
        let len = if b.bit() { d - 1 } else { d + 1 + b.below(3) };
        explicit = Some(Refusal {
            needed: Some(d),
            ..refused(PS_LENGTH_MISMATCH, 4)
        });
        len
    } else {
        d
    };
    let x: Vec<T> = tame_vec(b, len);
    let specs = vec![block, input("x", 2, &x), output::<T>("y", 3, len)];
    let place = place(class, sel, &specs);
    let name = format!("ps_apply{}", T::SUFFIX);
    harness(
        &name,
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: `x`, `y` NULL or `len` values; the block a handle or readable.
        |p| unsafe { T::APPLY(p[0].at(), p[1].at(), p[2].at(), len) },
        |p, st| {
            assert_eq!(st, PS_OK, "{name}");
            let y = with_op::<T, _>(&inst, |op| {
                let mut y = vec![T::default(); d];
                op.apply(&p[1].vec::<T>(d), &mut y).expect("lengths");
                y
            });
            assert_eq!(bits(&y), bits(&p[2].vec::<T>(d)), "{name}: y = H x");
            Touch::Used
        },
    );
}

/// `ps_apply_rows[_f32]`: the rows of the Rust API's product; a range outside `0..D`
/// is `PS_INDEX_OUT_OF_RANGE`.
fn apply_rows<T: Prec>(b: &mut Bytes, class: Class, sel: usize) {
    let inst = Inst::decode(b, 8);
    let d = inst.dim();
    let (block, mut explicit) = inst.block_spec(T::F32, class);
    let (row0, row1) = if class == Class::Param {
        if b.bit() {
            let row1 = b.below(d + 1);
            explicit = Some(Refusal {
                other: Some(5),
                ..refused(PS_INDEX_OUT_OF_RANGE, 4)
            });
            (row1 + 1 + b.below(3), row1)
        } else {
            explicit = Some(Refusal {
                other: Some(0),
                ..refused(PS_INDEX_OUT_OF_RANGE, 5)
            });
            (b.below(d + 1), d + 1 + b.below(3))
        }
    } else {
        let (r0, r1) = (b.below(d + 1), b.below(d + 1));
        (r0.min(r1), r0.max(r1))
    };
    let rows = row1.saturating_sub(row0).max(usize::from(row0 > row1));
    let x: Vec<T> = tame_vec(b, d);
    let specs = vec![block, input("x", 2, &x), output::<T>("y", 3, rows)];
    let place = place(class, sel, &specs);
    let name = format!("ps_apply_rows{}", T::SUFFIX);
    harness(
        &name,
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: `x` D values, `y` NULL or row1 - row0 values; the block a handle or
        // readable.
        |p| unsafe { T::APPLY_ROWS(p[0].at(), p[1].at(), p[2].at(), row0, row1) },
        |p, st| {
            assert_eq!(st, PS_OK, "{name}");
            let y = with_op::<T, _>(&inst, |op| {
                let mut y = vec![T::default(); d];
                op.apply(&p[1].vec::<T>(d), &mut y).expect("lengths");
                y
            });
            assert_eq!(
                bits(&y[row0..row1]),
                bits(&p[2].vec::<T>(row1 - row0)),
                "{name}: rows {row0}..{row1} of H x"
            );
            Touch::Used
        },
    );
}

/// `ps_sector_eigenvalues[_f32]` with its size query: the Rust API's levels bit for bit,
/// the query's `8 (D^2 + s)` exactly enough.
fn dense<T: Prec>(b: &mut Bytes, class: Class, sel: usize) {
    let mut inst = Inst::decode(b, 8);
    let (n0, up0) = (inst.n, inst.n_up);
    let d = inst.dim();
    let mut need = 0;
    // SAFETY: a local.
    assert_eq!(unsafe { T::DENSE_SIZE(n0, up0, &mut need) }, PS_OK);
    let s = sym_eigenvalues_req(d).expect("small").len();
    assert_eq!(
        need,
        (d * d + s) * size_of::<T>(),
        "the dense size: (D^2 + s) reals"
    );
    let fault = (class == Class::Param).then(|| inst.inject(b, 65..200, true));
    let explicit = fault.and_then(|f| fault_refusal(f, &inst, 1));
    let extra_w = if b.bit() { b.below(3) } else { 0 };
    let extra = if b.bit() { b.below(20) } else { 0 };
    let (xi, jxy, jzz, jxe, jze) = inst.values::<T>();
    let specs = vec![
        input::<u8>("edges", 3, &inst.edges),
        input("xi", 5, &xi).alias(),
        input("jxy_edges", 8, jxe.as_deref().unwrap_or(&[]))
            .alias()
            .optional(jxe.is_none()),
        input("jzz_edges", 9, jze.as_deref().unwrap_or(&[]))
            .alias()
            .optional(jze.is_none()),
        output::<T>("w_out", 10, d + extra_w).len_arg(11, d, PS_LENGTH_MISMATCH),
        work(12, 13, need + extra, need),
        needed_spec(14, b.bit()),
    ];
    let place = place(class, sel, &specs);
    let name = format!("ps_sector_eigenvalues{}", T::SUFFIX);
    let (n, n_up, ne) = (inst.n, inst.n_up, inst.ne());
    harness(
        &name,
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: every buffer NULL or valid for the length passed.
        |p| unsafe {
            T::DENSE(
                n,
                n_up,
                p[0].p,
                ne,
                p[1].at(),
                jxy,
                jzz,
                p[2].at(),
                p[3].at(),
                p[4].at(),
                p[4].len::<T>(),
                p[5].at(),
                p[5].bytes,
                p[6].at(),
            )
        },
        |p, st| {
            let seen = Seen::<T>::read(n, ne, &p[0], &p[1], &p[2], &p[3]);
            let status = model_status(n, n_up, &seen, jxy, jzz);
            if status != PS_OK {
                assert_eq!(st, status, "{name}: the model's status");
                return Touch::Nothing;
            }
            let m = seen.model(n, jxy, jzz).expect("checked");
            let sector = Sector::<u64>::new(n, n_up).expect("checked");
            let mut a = vec![T::default(); d * d];
            m.on_sector(&sector, &sector)
                .and_then(|h| h.fill_dense(&mut a))
                .expect("sized");
            let (mut w, mut scratch) = (vec![T::default(); d], vec![T::default(); s]);
            match sym_eigenvalues(&mut a, d, &mut w, &mut scratch) {
                Ok(()) => {
                    assert_eq!(st, PS_OK, "{name}");
                    assert_eq!(bits(&w), bits(&p[4].vec::<T>(d)), "{name}: the levels");
                    Touch::Used
                }
                Err(e) => {
                    assert_eq!(st, e.code(), "{name}");
                    Touch::Work
                }
            }
        },
    );
}

/// The Lanczos options of the C entries: `max_steps = 0` and `tol <= 0` the defaults.
fn lanczos_options<T: Real>(tol: T, max_steps: usize) -> LanczosOptions<T> {
    let mut o = LanczosOptions::new();
    if max_steps > 0 {
        o = o.max_steps(max_steps);
    }
    if tol > T::default() {
        o = o.tol(tol);
    }
    o
}

/// A live handle of `inst` in precision `T` for the size queries (its block in `Mem`).
fn live<T: Prec>(inst: &Inst) -> (Mem, *const T::H) {
    let bytes = inst.block_bytes(T::F32);
    let m = Mem::new(bytes);
    let h = inst.init_at(m.ptr, bytes, T::F32);
    (m, h.cast_const().cast())
}

/// `ps_lowest[_f32]` with `ps_lowest_work_size[_f32]`: the Rust API's `lanczos_lowest`
/// bit for bit (values, residuals, vectors; `PS_NO_CONVERGENCE` where it did not
/// converge); the query's `3 D + 8 max_steps + 2 k (+ k D)` reals exactly enough.
fn lowest<T: Prec>(b: &mut Bytes, class: Class, sel: usize) {
    let inst = Inst::decode(b, 8);
    let d = inst.dim();
    let (block, mut explicit) = inst.block_spec(T::F32, class);
    let mut k = 1 + b.below(d.min(4));
    let max_steps = [0, 8, 30, 120][b.below(4)];
    let mut with_vectors = b.bit();
    let mut tol = T::from_f64([0.0, 1e-8, -1.0, 1e-13][b.below(4)]);
    let opts = lanczos_options(tol, max_steps);
    let req = lanczos_lowest_req(d, k, &opts).expect("small");
    let len = |v: bool| {
        if v {
            req.work.len()
        } else {
            req.work_without_vectors.len()
        }
    };
    let steps = if max_steps == 0 { 2000 } else { max_steps };
    let formula = |v: bool| 3 * d + 8 * steps + 2 * k + if v || k == 1 { 0 } else { k * d };
    let (lm, lh) = live::<T>(&inst);
    for v in [false, true] {
        let mut q = 0;
        // SAFETY: a live handle and a local.
        assert_eq!(
            unsafe { T::LOWEST_SIZE(lh, k, max_steps, c_int::from(v), &mut q) },
            PS_OK
        );
        assert_eq!(
            q,
            len(v) * size_of::<T>(),
            "ps_lowest_work_size: the kernel's"
        );
        assert_eq!(
            len(v),
            formula(v),
            "ps_lowest_work_size: the header's formula"
        );
    }
    drop(lm);
    let mut need = len(with_vectors) * size_of::<T>();
    let mut work_bytes = need + if b.bit() { b.below(16) } else { 0 };
    if class == Class::Param {
        match b.below(4) {
            0 => {
                k = 0;
                explicit = Some(refused(PS_INVALID_ARGUMENT, 2));
            }
            1 => {
                k = d + 1 + b.below(3);
                explicit = Some(refused(PS_INVALID_ARGUMENT, 2));
            }
            2 if k > 1 => {
                // Sized for vectors, called without: too small.
                with_vectors = false;
                work_bytes = len(true) * size_of::<T>();
                need = len(false) * size_of::<T>();
                explicit = Some(Refusal {
                    status: PS_WORKSPACE_TOO_SMALL,
                    arg: Some(9),
                    other: Some(8),
                    needed: Some(need),
                });
            }
            _ => {
                tol = T::from_f64(hostile(b));
                explicit = Some(refused(PS_NON_FINITE, 3));
            }
        }
    }
    let specs = vec![
        block,
        output::<T>("values", 5, k),
        output::<T>("residuals", 6, k),
        output::<T>("vectors", 7, k * d).optional(!with_vectors),
        work(8, 9, work_bytes, need),
        needed_spec(10, b.bit()),
    ];
    let place = place(class, sel, &specs);
    let name = format!("ps_lowest{}", T::SUFFIX);
    harness(
        &name,
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: every buffer NULL or valid for the length passed (values and
        // residuals k, vectors k D).
        |p| unsafe {
            T::LOWEST(
                p[0].at(),
                k,
                tol,
                max_steps,
                p[1].at(),
                p[2].at(),
                p[3].at(),
                p[4].at(),
                p[4].bytes,
                p[5].at(),
            )
        },
        |p, st| {
            let (mut vals, mut res) = (vec![T::default(); k], vec![T::default(); k]);
            let mut vecs = with_vectors.then(|| vec![T::default(); k * d]);
            let mut w = vec![T::default(); len(with_vectors)];
            let r = with_op::<T, _>(&inst, |op| {
                lanczos_lowest(op, &opts, &mut vals, &mut res, vecs.as_deref_mut(), &mut w)
            });
            match r {
                Ok(rep) => {
                    let want = if rep.converged {
                        PS_OK
                    } else {
                        PS_NO_CONVERGENCE
                    };
                    assert_eq!(st, want, "{name}: k {k}, {max_steps} steps");
                    assert_eq!(bits(&vals), bits(&p[1].vec::<T>(k)), "{name}: values");
                    assert_eq!(bits(&res), bits(&p[2].vec::<T>(k)), "{name}: residuals");
                    if let Some(v) = &vecs {
                        assert_eq!(bits(v), bits(&p[3].vec::<T>(k * d)), "{name}: vectors");
                    }
                    Touch::Used
                }
                Err(e) => {
                    assert_eq!(st, e.code(), "{name}");
                    Touch::Work
                }
            }
        },
    );
}

/// The basis size of `ps_trlan_lowest` (0: `2 k + 20` capped at D, at least `k + 3`).
fn trlan_ncv(d: usize, k: usize, ncv: usize) -> usize {
    if ncv > 0 {
        ncv
    } else {
        (2 * k + 20).min(d).max(k + 3)
    }
}

/// `ps_trlan_lowest[_f32]` with its size query: the Rust API's `trlan_lowest` bit for
/// bit; the query's `ncv D + D + 3 ncv^2 + 6 ncv + min(D, 2048) ncv + s` reals.
fn trlan<T: Prec>(b: &mut Bytes, class: Class, sel: usize) {
    let inst = Inst::decode(b, 8);
    let d = inst.dim();
    let (block, mut explicit) = inst.block_spec(T::F32, class);
    let mut k = 1 + b.below(d.min(3));
    let mut ncv = if b.bit() { 0 } else { k + 3 + b.below(8) };
    let max_steps = [0, 40, 200][b.below(3)];
    let with_vectors = b.bit();
    let mut tol = T::from_f64([0.0, 1e-8, -1.0][b.below(3)]);
    let opts = lanczos_options(tol, max_steps);
    let nc = trlan_ncv(d, k, ncv);
    let req = trlan_lowest_req(d, k, nc).expect("ncv >= k + 3");
    let len = req.basis.len() + req.work.len();
    let s = sym_eigenvalues_req(nc).expect("small").len();
    assert_eq!(
        len,
        nc * d + d + 3 * nc * nc + 6 * nc + d.min(2048) * nc + s,
        "ps_trlan_lowest_work_size: the header's formula"
    );
    let (lm, lh) = live::<T>(&inst);
    let mut q = 0;
    // SAFETY: a live handle and a local.
    assert_eq!(unsafe { T::TRLAN_SIZE(lh, k, ncv, &mut q) }, PS_OK);
    assert_eq!(
        q,
        len * size_of::<T>(),
        "ps_trlan_lowest_work_size: the kernel's"
    );
    drop(lm);
    let need = len * size_of::<T>();
    if class == Class::Param {
        match b.below(4) {
            0 => {
                k = 0;
                explicit = Some(refused(PS_INVALID_ARGUMENT, 2));
            }
            1 => {
                k = d + 1 + b.below(3);
                explicit = Some(refused(PS_INVALID_ARGUMENT, 2));
            }
            2 => {
                ncv = 1 + b.below(k + 2);
                explicit = Some(Refusal {
                    other: Some(2),
                    ..refused(PS_INVALID_ARGUMENT, 3)
                });
            }
            _ => {
                tol = T::from_f64(hostile(b));
                explicit = Some(refused(PS_NON_FINITE, 4));
            }
        }
        // The size query refuses the same k and ncv.
        if k == 0 || k > d || (ncv > 0 && ncv < k + 3) {
            let (lm, lh) = live::<T>(&inst);
            // SAFETY: as above.
            let st = unsafe { T::TRLAN_SIZE(lh, k, ncv, &mut q) };
            assert_eq!(
                st, PS_INVALID_ARGUMENT,
                "ps_trlan_lowest_work_size({k}, {ncv})"
            );
            drop(lm);
        }
    }
    let specs = vec![
        block,
        output::<T>("values", 6, k),
        output::<T>("residuals", 7, k),
        output::<T>("vectors", 8, k * d).optional(!with_vectors),
        work(9, 10, need + if b.bit() { b.below(16) } else { 0 }, need),
        needed_spec(11, b.bit()),
    ];
    let place = place(class, sel, &specs);
    let name = format!("ps_trlan_lowest{}", T::SUFFIX);
    harness(
        &name,
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: every buffer NULL or valid for the length passed.
        |p| unsafe {
            T::TRLAN(
                p[0].at(),
                k,
                ncv,
                tol,
                max_steps,
                p[1].at(),
                p[2].at(),
                p[3].at(),
                p[4].at(),
                p[4].bytes,
                p[5].at(),
            )
        },
        |p, st| {
            let (mut vals, mut res) = (vec![T::default(); k], vec![T::default(); k]);
            let mut basis = vec![T::default(); req.basis.len()];
            let mut w = vec![T::default(); req.work.len()];
            let r = with_op::<T, _>(&inst, |op| {
                trlan_lowest(op, &opts, &mut vals, &mut res, &mut basis, &mut w)
            });
            match r {
                Ok(rep) => {
                    let want = if rep.converged && rep.certified {
                        PS_OK
                    } else {
                        PS_NO_CONVERGENCE
                    };
                    assert_eq!(st, want, "{name}: k {k}, ncv {ncv}, {max_steps} steps");
                    assert_eq!(bits(&vals), bits(&p[1].vec::<T>(k)), "{name}: values");
                    assert_eq!(bits(&res), bits(&p[2].vec::<T>(k)), "{name}: residuals");
                    if with_vectors {
                        assert_eq!(
                            bits(&basis[..k * d]),
                            bits(&p[3].vec::<T>(k * d)),
                            "{name}: vectors"
                        );
                    }
                    Touch::Used
                }
                Err(e) => {
                    assert_eq!(st, e.code(), "{name}");
                    Touch::Work
                }
            }
        },
    );
}

/// A window bound: tame, scaled, or infinite.
fn bound(b: &mut Bytes, scale: f64) -> f64 {
    match b.below(8) {
        0 => f64::NEG_INFINITY,
        1 => f64::INFINITY,
        _ => b.tame() * scale,
    }
}

fn sorted_bounds(b: &mut Bytes, scale: f64) -> (f64, f64) {
    let (x, y) = (bound(b, scale), bound(b, scale));
    (x.min(y), x.max(y))
}

/// `ps_window_eigenvalues` with its size query (N <= 5): the Rust API's
/// `polfed_window` on the sector's CSR matrix, bit for bit; an output one shorter than
/// the window's count is `PS_LENGTH_MISMATCH` with the count in `*count`.
fn window_eigenvalues(b: &mut Bytes, class: Class, sel: usize) {
    let inst = Inst::decode(b, 5);
    let d = inst.dim();
    let (block, mut explicit) = inst.block_spec(false, class);
    let (mut lo, mut hi) = sorted_bounds(b, 3.0);
    // The Rust API: the CSR matrix and the slicing solver.
    let (xi, jxy, jzz, jxe, jze) = inst.values::<f64>();
    let pairs = pairs_of(&inst.edges);
    let m = Model::new(
        inst.n,
        &pairs,
        &xi,
        coupling(jxy, &jxe),
        coupling(jzz, &jze),
    )
    .expect("a valid model");
    let sector = Sector::<u64>::new(inst.n, inst.n_up).expect("a valid sector");
    let csr = m.csr_req(&sector).expect("small").storage;
    let polfed = polfed_window_req(d, &PolfedOptions::<f64>::new()).expect("small");
    // The CSR values, D staged levels, the solver's scratch; the CSR indices.
    let need = 8 * (csr.reals.len() + d + polfed.work.len()) + 4 * csr.indices.len();
    let (lm, lh) = live::<f64>(&inst);
    let mut q = 0;
    // SAFETY: a live handle and a local.
    assert_eq!(
        unsafe { ps_window_eigenvalues_work_size(lh, &mut q) },
        PS_OK
    );
    assert_eq!(q, need, "ps_window_eigenvalues_work_size");
    drop(lm);
    let (mut ci, mut cr) = (vec![0u32; csr.indices.len()], vec![0.0; csr.reals.len()]);
    let a = m.csr(&sector, &mut ci, &mut cr).expect("sized");
    let mut out = vec![0.0; d];
    let mut w = vec![0.0; polfed.work.len()];
    let rust = polfed_window(&a, lo, hi, &PolfedOptions::new(), &mut out, &mut w);
    let count = rust.as_ref().map_or(d, |r| r.count);
    if class == Class::Param {
        match b.below(3) {
            0 => {
                lo = f64::NAN;
                explicit = Some(refused(PS_NON_FINITE, 2));
            }
            1 => {
                hi = f64::NAN;
                explicit = Some(refused(PS_NON_FINITE, 3));
            }
            _ => {
                (lo, hi) = (hi + 0.5, lo);
                explicit = Some(Refusal {
                    other: Some(2),
                    ..refused(PS_INVALID_ARGUMENT, 3)
                });
                if hi.is_infinite() && lo.is_infinite() && lo <= hi {
                    (lo, hi) = (1.0, 0.0);
                }
            }
        }
    }
    let out_len = count + if b.bit() { b.below(3) } else { 0 };
    let specs = vec![
        block,
        Spec {
            late: true,
            ..output::<f64>("out", 4, out_len).len_arg(5, count, PS_LENGTH_MISMATCH)
        },
        spec("count", 6, Role::Count, 8, 8, 8),
        work(7, 8, need + if b.bit() { b.below(16) } else { 0 }, need),
        needed_spec(9, b.bit()),
    ];
    let place = place(class, sel, &specs);
    harness(
        "ps_window_eigenvalues",
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: every buffer NULL or valid for the length passed.
        |p| unsafe {
            ps_window_eigenvalues(
                p[0].at(),
                lo,
                hi,
                p[1].at(),
                p[1].len::<f64>(),
                p[2].at(),
                p[3].at(),
                p[3].bytes,
                p[4].at(),
            )
        },
        |p, st| match &rust {
            Ok(r) => {
                assert_eq!(st, PS_OK, "ps_window_eigenvalues [{lo}, {hi}]");
                assert_eq!(p[2].read::<usize>(0), r.count, "*count");
                assert_eq!(bits(&out[..r.count]), bits(&p[1].vec::<f64>(r.count)));
                Touch::Used
            }
            Err(e) => {
                assert_eq!(st, e.code(), "ps_window_eigenvalues [{lo}, {hi}]");
                Touch::Any
            }
        },
    );
}

/// A `ps_window` kind as the kernel's window.
fn kernel_window(kind: c_int, lo: f64, hi: f64) -> Option<Window<f64>> {
    match kind {
        PS_WINDOW_ABSOLUTE => Some(Window::Absolute { lo, hi }),
        PS_WINDOW_RELATIVE_TO_GROUND => Some(Window::RelativeToGround { lo, hi }),
        PS_WINDOW_NORMALIZED => Some(Window::Normalized { lo, hi }),
        _ => None,
    }
}

fn c_stats(s: &RealizationStats<f64>) -> [u64; 4] {
    [
        s.n_levels_in_window as u64,
        s.n_ratios as u64,
        s.n_ties as u64,
        s.mean_r.unwrap_or(f64::NAN).to_bits(),
    ]
}

fn read_stats(p: &Ptr, i: usize) -> [u64; 4] {
    let s = p.read::<ps_window_stats>(i);
    [s.n_levels, s.n_ratios, s.n_ties, s.mean_r.to_bits()]
}

/// `ps_gap_ratio_window`: the Rust API's `window_gap_ratio` bit for bit; bad kinds,
/// bounds and levels get the header's statuses.
fn gap_ratio_window(b: &mut Bytes, class: Class, sel: usize) {
    let n_levels = b.below(17);
    let mut e = b.tame();
    let mut levels: Vec<f64> = (0..n_levels)
        .map(|_| {
            e += (b.u8() % 4) as f64 * 0.25;
            e
        })
        .collect();
    let mut kind = b.below(3) as c_int;
    let (mut lo, mut hi) = sorted_bounds(b, 3.0);
    let mut explicit = None;
    if class == Class::Param {
        match b.below(6) {
            0 => {
                kind = if b.bit() {
                    -1
                } else {
                    3 + b.below(1000) as c_int
                };
                explicit = Some(refused(PS_INVALID_ARGUMENT, 3));
            }
            1 => {
                (lo, hi) = (1.0 + b.tame().abs(), b.tame());
                explicit = Some(Refusal {
                    other: Some(4),
                    ..refused(PS_INVALID_ARGUMENT, 5)
                });
            }
            2 => {
                let nan_lo = b.bit();
                if nan_lo {
                    lo = f64::NAN;
                } else {
                    hi = f64::NAN;
                }
                explicit = Some(refused(PS_NON_FINITE, if nan_lo { 4 } else { 5 }));
            }
            3 if n_levels >= 2 => {
                let i = b.below(n_levels - 1);
                levels[i + 1] = levels[i] - 0.5;
                explicit = Some(refused(PS_INVALID_ARGUMENT, 1));
            }
            _ if n_levels >= 1 => {
                let i = b.below(n_levels);
                levels[i] = hostile(b);
                explicit = Some(refused(PS_NON_FINITE, 1));
            }
            _ => {
                kind = 7;
                explicit = Some(refused(PS_INVALID_ARGUMENT, 3));
            }
        }
    }
    let specs = vec![
        input("levels", 1, &levels),
        output::<ps_window_stats>("out", 6, 1),
    ];
    let place = place(class, sel, &specs);
    let inst = Inst::decode(&mut Bytes(&[]), 1);
    harness(
        "ps_gap_ratio_window",
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: `levels` NULL or n_levels doubles, `out` NULL or one struct.
        |p| unsafe { ps_gap_ratio_window(p[0].at(), n_levels, kind, lo, hi, p[1].at()) },
        |p, st| {
            let levels = p[0].vec::<f64>(n_levels);
            let r = kernel_window(kind, lo, hi)
                .ok_or(Error::InvalidArgument("kind"))
                .and_then(|w| window_gap_ratio(&levels, w));
            match r {
                Ok(s) => {
                    assert_eq!(st, PS_OK, "ps_gap_ratio_window");
                    assert_eq!(read_stats(&p[1], 0), c_stats(&s), "ps_gap_ratio_window");
                    if let Some(m) = s.mean_r {
                        assert!((0.0..=1.0).contains(&m), "0 <= r <= 1");
                    }
                    Touch::Used
                }
                Err(e) => {
                    assert_eq!(st, e.code(), "ps_gap_ratio_window");
                    Touch::Nothing
                }
            }
        },
    );
}

/// Options of `ps_realization_gap_ratios` decoded from `b` (the slicing path only for
/// D <= 20): `None` for NULL (the defaults).
fn realization_opts(b: &mut Bytes, d: usize) -> Option<ps_realization_options> {
    let mut o = ps_realization_options::default();
    // SAFETY: a local.
    assert_eq!(unsafe { ps_realization_options_default(&mut o) }, PS_OK);
    match b.below(5) {
        0 => None,
        1 | 2 => Some(o),
        _ if d > 20 => Some(o),
        3 => Some(ps_realization_options {
            dense_max_dim: b.below(2) * d.saturating_sub(1),
            max_basis: [0, 64, 1024][b.below(3)],
            ..o
        }),
        _ => Some(ps_realization_options {
            dense_max_dim: 0,
            slice_levels: [0, 4, 9, 16][b.below(4)],
            slice_workers: b.below(3),
            ..o
        }),
    }
}

/// The kernel's options for `c` (NULL: the defaults), as the C entry forms them.
fn kernel_opts(c: Option<ps_realization_options>) -> ed::RealizationOptions<f64> {
    let d = ed::RealizationOptions::<f64>::new();
    let Some(c) = c else {
        return d;
    };
    let max_basis = if c.max_basis == 0 {
        d.polfed.max_basis
    } else {
        c.max_basis
    };
    d.dense_max_dim(c.dense_max_dim)
        .slice_levels(c.slice_levels)
        .slice_workers(c.slice_workers.max(1))
        .polfed(PolfedOptions::new().max_basis(max_basis))
}

/// Windows `(kind, lo, hi)` decoded from `b`.
fn windows_of(b: &mut Bytes, n_windows: usize) -> Vec<(c_int, f64, f64)> {
    (0..n_windows)
        .map(|_| {
            let kind = b.below(3) as c_int;
            let (lo, hi) = match kind {
                PS_WINDOW_NORMALIZED => {
                    let (x, y) = (b.tame().abs(), b.tame().abs());
                    (x.min(y), x.max(y))
                }
                PS_WINDOW_RELATIVE_TO_GROUND => (0.0, 4.0 * b.tame().abs()),
                _ => sorted_bounds(b, 4.0),
            };
            (kind, lo, hi)
        })
        .collect()
}

/// The input array of `ps_window` (`int kind`, 4 bytes of padding, `lo`, `hi`), its
/// padding zeroed.
fn windows_input(ws: &[(c_int, f64, f64)]) -> Spec {
    assert_eq!(size_of::<ps_window>(), 24);
    let mut bytes = Vec::new();
    for &(kind, lo, hi) in ws {
        bytes.extend(kind.to_ne_bytes());
        bytes.extend([0u8; 4]);
        bytes.extend(lo.to_ne_bytes());
        bytes.extend(hi.to_ne_bytes());
    }
    Spec {
        fill: Fill::Data(bytes),
        ..spec(
            "windows",
            10,
            Role::In,
            24 * ws.len(),
            24,
            align_of::<ps_window>(),
        )
    }
}

/// `ps_realization_gap_ratios_work_size` on its own: NULL, misaligned and overlapping
/// `bytes`, the model's faults.
fn realization_size(b: &mut Bytes, class: Class, sel: usize) {
    let mut inst = Inst::decode(b, 8);
    let d = inst.dim();
    let opts = realization_opts(b, d);
    let n_windows = b.below(4);
    let fault = (class == Class::Param).then(|| inst.inject(b, 65..200, false));
    let explicit = fault.and_then(|f| fault_refusal(f, &inst, 1));
    let (jxy, jxe) = (inst.jxy, inst.jxy_e.clone());
    let specs = vec![
        input::<u8>("edges", 3, &inst.edges),
        input("jxy_edges", 6, jxe.as_deref().unwrap_or(&[])).optional(jxe.is_none()),
        input("opts", 8, opts.as_slice()).optional(opts.is_none()),
        output::<usize>("bytes", 9, 1),
    ];
    let place = place(class, sel, &specs);
    let (n, n_up, ne) = (inst.n, inst.n_up, inst.ne());
    harness(
        "ps_realization_gap_ratios_work_size",
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: every buffer NULL or valid for its length.
        |p| unsafe {
            ps_realization_gap_ratios_work_size(
                n,
                n_up,
                p[0].p,
                ne,
                jxy,
                p[1].at(),
                n_windows,
                p[2].at(),
                p[3].at(),
            )
        },
        |p, st| {
            let pairs = pairs_of(&p[0].vec::<u8>(2 * ne));
            let zeros = vec![0.0; n];
            let jxe = p[1].opt::<f64>(ne);
            let r = Model::new(
                n,
                &pairs,
                &zeros,
                coupling(jxy, &jxe),
                Coupling::Uniform(0.0),
            )
            .and_then(|m| ed::realization_gap_ratios_req(&m, n_up, &kernel_opts(opts)));
            match r {
                Ok(req) => {
                    assert_eq!(st, PS_OK, "ps_realization_gap_ratios_work_size");
                    let got = p[3].read::<usize>(0);
                    let tail = 8 * req.reals.len() + 4 * req.indices.len();
                    assert!(got >= tail + 64 * n_windows, "the size holds the driver's");
                    if req.indices.is_empty() {
                        let s = sym_eigenvalues_req(d).expect("small").len();
                        assert_eq!(
                            got,
                            64 * n_windows + 8 * (d * d + d + s),
                            "the dense path's size: 64 n_windows + 8 (D^2 + D + s)"
                        );
                    }
                    Touch::Used
                }
                Err(e) => {
                    assert_eq!(st, e.code(), "ps_realization_gap_ratios_work_size");
                    Touch::Nothing
                }
            }
        },
    );
}

/// `ps_realization_gap_ratios` with its size query: the Rust API's
/// `realization_gap_ratios` bit for bit (statistics and report), on the dense path and,
/// for D <= 20, the slicing path.
fn realization(b: &mut Bytes, class: Class, sel: usize) {
    let mut inst = Inst::decode(b, 8);
    let d = inst.dim();
    let opts = realization_opts(b, d);
    let mut n_windows = b.below(4);
    let mut windows = windows_of(b, n_windows);
    let query = |inst: &Inst, jxe: *const f64, n_windows: usize| {
        let mut q = 0;
        let o = opts
            .as_ref()
            .map_or(null(), |o| o as *const ps_realization_options);
        // SAFETY: locals of their lengths.
        let st = unsafe {
            ps_realization_gap_ratios_work_size(
                inst.n,
                inst.n_up,
                inst.edges.as_ptr(),
                inst.ne(),
                inst.jxy,
                jxe,
                n_windows,
                o,
                &mut q,
            )
        };
        (st, q)
    };
    let jxe0 = inst.jxy_e.as_ref().map_or(null(), |v| v.as_ptr());
    let (st, mut need) = query(&inst, jxe0, n_windows);
    assert_eq!(
        st, PS_OK,
        "ps_realization_gap_ratios_work_size of a valid model"
    );
    let mut explicit = None;
    if class == Class::Param {
        if b.bit() {
            let f = inst.inject(b, 65..200, true);
            explicit = fault_refusal(f, &inst, 1);
        } else {
            if n_windows == 0 {
                n_windows = 1;
                windows = windows_of(b, 1);
                need += 64;
            }
            let w = &mut windows[b.below(n_windows)];
            match b.below(3) {
                0 => {
                    w.0 = if b.bit() { -1 } else { 3 };
                    explicit = Some(refused(PS_INVALID_ARGUMENT, 10));
                }
                1 => {
                    (w.1, w.2) = (w.2 + 1.0, w.1);
                    if w.1.is_infinite() && w.2.is_infinite() {
                        (w.1, w.2) = (1.0, 0.0);
                    }
                    explicit = Some(refused(PS_INVALID_ARGUMENT, 10));
                }
                _ => {
                    w.1 = f64::NAN;
                    explicit = Some(refused(PS_NON_FINITE, 10));
                }
            }
        }
    }
    let extra = if b.bit() { b.below(24) } else { 0 };
    let (xi, jxy, jzz, jxe, jze) = inst.values::<f64>();
    let specs = vec![
        input::<u8>("edges", 3, &inst.edges),
        input("xi", 5, &xi).alias(),
        input("jxy_edges", 8, jxe.as_deref().unwrap_or(&[]))
            .alias()
            .optional(jxe.is_none()),
        input("jzz_edges", 9, jze.as_deref().unwrap_or(&[]))
            .alias()
            .optional(jze.is_none()),
        windows_input(&windows),
        input("opts", 12, opts.as_slice()).optional(opts.is_none()),
        output::<ps_window_stats>("window_stats", 13, n_windows),
        output::<ps_realization_report>("report", 14, 1).optional(b.bit()),
        work(15, 16, need + extra, need),
        needed_spec(17, b.bit()),
    ];
    let place = place(class, sel, &specs);
    let (n, n_up, ne) = (inst.n, inst.n_up, inst.ne());
    let name = "ps_realization_gap_ratios";
    harness(
        name,
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: every buffer NULL or valid for its length.
        |p| unsafe {
            ps_realization_gap_ratios(
                n,
                n_up,
                p[0].p,
                ne,
                p[1].at(),
                jxy,
                jzz,
                p[2].at(),
                p[3].at(),
                p[4].at(),
                n_windows,
                p[5].at(),
                p[6].at(),
                p[7].at(),
                p[8].at(),
                p[8].bytes,
                p[9].at(),
            )
        },
        |p, st| {
            let seen = Seen::<f64>::read(n, ne, &p[0], &p[1], &p[2], &p[3]);
            let status = model_status(n, n_up, &seen, jxy, jzz);
            if status != PS_OK {
                assert_eq!(st, status, "{name}: the model's status");
                return Touch::Nothing;
            }
            let m = seen.model(n, jxy, jzz).expect("checked");
            let ws: Vec<Window<f64>> = (0..n_windows)
                .map(|i| {
                    let w = p[4].read::<ps_window>(i);
                    kernel_window(w.kind, w.lo, w.hi).expect("valid kinds")
                })
                .collect();
            let ro = kernel_opts(opts);
            let req = ed::realization_gap_ratios_req(&m, n_up, &ro).expect("valid options");
            // The size for the inputs the call saw (per-edge couplings may come from
            // another input).
            let jxe_seen = seen.jxy_e.as_ref().map_or(null(), |v| v.as_ptr());
            let (qs, need_seen) = query(&inst, jxe_seen, n_windows);
            assert_eq!(qs, PS_OK);
            if p[8].bytes < need_seen {
                assert_eq!(st, PS_WORKSPACE_TOO_SMALL, "{name}: {} bytes", p[8].bytes);
                return Touch::Nothing;
            }
            let mut stats = vec![RealizationStats::EMPTY; n_windows];
            let (mut w, mut iw) = (vec![0.0; req.reals.len()], vec![0u32; req.indices.len()]);
            match ed::realization_gap_ratios(&m, n_up, &ws, &ro, &mut stats, &mut w, &mut iw) {
                Ok(rep) => {
                    assert_eq!(st, PS_OK, "{name}: {opts:?}");
                    for (i, s) in stats.iter().enumerate() {
                        assert_eq!(read_stats(&p[6], i), c_stats(s), "{name}: window {i}");
                    }
                    if !p[7].p.is_null() {
                        let r = p[7].read::<ps_realization_report>(0);
                        let method = match rep.method {
                            ed::Method::Dense => PS_METHOD_DENSE,
                            ed::Method::Slicing => PS_METHOD_SLICING,
                        };
                        let nan = |x: Option<f64>| x.unwrap_or(f64::NAN).to_bits();
                        assert_eq!(
                            (r.method, r.dim, r.matvecs, r.near_boundary),
                            (
                                method,
                                rep.dim as u64,
                                rep.matvecs as u64,
                                rep.near_boundary as u64
                            ),
                            "{name}: the report"
                        );
                        assert_eq!(
                            [
                                r.e_min.to_bits(),
                                r.e_max.to_bits(),
                                r.max_residual.to_bits()
                            ],
                            [nan(rep.e_min), nan(rep.e_max), rep.max_residual.to_bits()],
                            "{name}: the report's levels"
                        );
                    }
                    Touch::Used
                }
                Err(e) => {
                    assert_eq!(st, e.code(), "{name}: {opts:?}");
                    Touch::Work
                }
            }
        },
    );
}

/// `ps_critical_coupling`, `ps_tc_rs`, `ps_tc_rsb` against the Rust API, bit for bit;
/// K < 1, g <= 0 and NaN get the header's statuses.
fn critical(b: &mut Bytes, class: Class, sel: usize) {
    // Half the calls the closed-form g_c(K), a quarter each quadrature.
    let which = [0, 0, 1, 2][b.below(4)];
    // Cheap quadratures, each well under a millisecond: T_c at g <= 0.35; T_c^RSB with
    // K >= 2 deep in the insulator (g <= 0.03) or at g in [0.3, 0.6] (near the
    // insulator's edge, and at g near 1 with K near 1, it takes tens of milliseconds).
    let k_min = if which == 2 { 2 } else { 1 };
    let mut k = (k_min + b.below(7)) as f64 + if b.bit() { b.tame().abs() } else { 0.0 };
    let mut g = match which {
        2 if b.bit() => 0.01 + 0.02 * b.tame().abs(),
        2 => 0.3 + 0.3 * b.tame().abs(),
        _ => 0.02 + 0.33 * b.tame().abs(),
    };
    let mut explicit = None;
    let k_arg = if which == 0 { 1 } else { 2 };
    if class == Class::Param {
        // ps_critical_coupling takes K only, ps_tc_rs g only.
        let on_k = which == 0 || (which == 2 && b.bit());
        let (v, st) = match b.below(3) {
            0 => (f64::NAN, PS_NON_FINITE),
            1 if on_k => (0.99 * b.tame().abs(), PS_INVALID_ARGUMENT),
            1 => (-b.tame().abs(), PS_INVALID_ARGUMENT),
            _ if on_k => (f64::INFINITY, PS_NON_FINITE),
            _ => (f64::NAN, PS_NON_FINITE),
        };
        if on_k {
            k = v;
        } else {
            g = v;
        }
        explicit = Some(refused(st, if on_k { k_arg } else { 1 }));
    }
    let out_pos = if which == 2 { 3 } else { 2 };
    let specs = vec![output::<f64>("out", out_pos, 1)];
    let place = place(class, sel, &specs);
    let inst = Inst::decode(&mut Bytes(&[]), 1);
    let name = ["ps_critical_coupling", "ps_tc_rs", "ps_tc_rsb"][which];
    harness(
        name,
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: `out` NULL or one double.
        |p| unsafe {
            match which {
                0 => ps_critical_coupling(k, p[0].at()),
                1 => ps_tc_rs(g, p[0].at()),
                _ => ps_tc_rsb(g, k, p[0].at()),
            }
        },
        |p, st| {
            let r = quadrature(which, g, k);
            match r {
                Ok(v) => {
                    assert_eq!(st, PS_OK, "{name}(g {g}, K {k})");
                    assert_eq!(p[0].read::<f64>(0).to_bits(), v.to_bits(), "{name}");
                    Touch::Used
                }
                Err(e) => {
                    assert_eq!(st, e.code(), "{name}(g {g}, K {k})");
                    Touch::Nothing
                }
            }
        },
    );
}

std::thread_local! {
    /// The Rust API's T_c values by (which, g, K) bits: the fuzzer repeats parameters,
    /// and a quadrature costs as much as the C call it checks.
    static QUADRATURES: std::cell::RefCell<std::collections::HashMap<(usize, u64, u64), pseudospin::Result<f64>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// `critical_coupling(k)`, `tc_replica_symmetric(g)` or `tc_rsb(g, k)` by the Rust API
/// (remembered).
fn quadrature(which: usize, g: f64, k: f64) -> pseudospin::Result<f64> {
    let key = (which, g.to_bits(), k.to_bits());
    if let Some(r) = QUADRATURES.with(|q| q.borrow().get(&key).copied()) {
        return r;
    }
    let r = match which {
        0 => cavity::critical_coupling(k),
        1 => cavity::tc_replica_symmetric(g),
        _ => cavity::tc_rsb(g, k),
    };
    QUADRATURES.with(|q| {
        let mut q = q.borrow_mut();
        if q.len() >= 4096 {
            q.clear();
        }
        q.insert(key, r);
    });
    r
}

/// `ps_growth_rate` with its size query (`16 n` bytes): the Rust API's `growth_rate`
/// bit for bit, the final population in the workspace's first n doubles.
fn growth(b: &mut Bytes, class: Class, sel: usize) {
    let mut n = 1 + b.below(24);
    let burn_in = b.below(4);
    let mut blocks = 2 + b.below(3);
    let mut block_len = 1 + b.below(4);
    let mut kind = b.below(2) as c_int;
    let seed = b.u64();
    let mut g = 0.05 + b.tame().abs();
    let mut k = (1 + b.below(5)) as f64;
    let mut t = 0.02 + b.tame().abs();
    let mut explicit = None;
    if class == Class::Param {
        let (arg, st) = match b.below(9) {
            0 => {
                g = -b.tame().abs();
                (1, PS_INVALID_ARGUMENT)
            }
            1 => {
                g = f64::NAN;
                (1, PS_NON_FINITE)
            }
            2 => {
                k = [0.5, 2.5, 0.0][b.below(3)];
                (2, PS_INVALID_ARGUMENT)
            }
            3 => {
                k = f64::INFINITY;
                (2, PS_NON_FINITE)
            }
            4 => {
                t = -b.tame().abs();
                (3, PS_INVALID_ARGUMENT)
            }
            5 => {
                kind = 2 + b.below(5) as c_int;
                (8, PS_INVALID_ARGUMENT)
            }
            6 => {
                blocks = b.below(2);
                (6, PS_INVALID_ARGUMENT)
            }
            7 => {
                block_len = 0;
                (7, PS_INVALID_ARGUMENT)
            }
            _ => {
                n = 0;
                (4, PS_INVALID_ARGUMENT)
            }
        };
        explicit = Some(refused(st, arg));
    }
    let mut need = 0;
    // SAFETY: a local.
    assert_eq!(unsafe { ps_growth_rate_work_size(n, &mut need) }, PS_OK);
    assert_eq!(need, 16 * n, "ps_growth_rate_work_size: 16 n");
    assert_eq!(
        need,
        8 * cavity::growth_rate_req(n, 1).expect("small").len()
    );
    let specs = vec![
        work(10, 11, need + if b.bit() { b.below(16) } else { 0 }, need),
        output::<f64>("rate", 12, 1),
        output::<f64>("std_err", 13, 1),
        needed_spec(14, b.bit()),
    ];
    let place = place(class, sel, &specs);
    let inst = Inst::decode(&mut Bytes(&[]), 1);
    let name = "ps_growth_rate";
    harness(
        name,
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: every buffer NULL or valid for its length.
        |p| unsafe {
            ps_growth_rate(
                g,
                k,
                t,
                n,
                burn_in,
                blocks,
                block_len,
                kind,
                seed,
                p[0].at(),
                p[0].bytes,
                p[1].at(),
                p[2].at(),
                p[3].at(),
            )
        },
        |p, st| {
            let norm = if kind == PS_GROWTH_TYPICAL {
                cavity::Normalization::Typical
            } else {
                cavity::Normalization::Mean
            };
            let mut w = vec![0.0; 2 * n];
            let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
            let cfg = cavity::RunConfig::new(burn_in, blocks, block_len);
            let r = cavity::OrderParameter::linearized(g, k, t)
                .and_then(|rec| cavity::growth_rate(&rec, n, cfg, norm, &mut w, &mut rng));
            match r {
                Ok(est) => {
                    assert_eq!(st, PS_OK, "{name}");
                    assert_eq!(p[1].read::<f64>(0).to_bits(), est.mean.to_bits(), "rate");
                    assert_eq!(p[2].read::<f64>(0).to_bits(), est.std_err.to_bits());
                    assert_eq!(bits(&w[..n]), bits(&p[0].vec::<f64>(n)), "population");
                    Touch::Used
                }
                Err(e) => {
                    assert_eq!(st, e.code(), "{name}");
                    Touch::Work
                }
            }
        },
    );
}

/// `ps_draw_realization`: the Rust API's `draw_realization` (graph and fields) bit for
/// bit; outputs one element short are `PS_LENGTH_MISMATCH` with the length needed.
fn draw(b: &mut Bytes, class: Class, sel: usize) {
    let mut n = 1 + b.below(16);
    let mut z = b.below(5);
    let mut w = 2.0 * b.tame().abs();
    let (seed, r) = (b.u64(), b.u64());
    let mut explicit = None;
    if class == Class::Param {
        match b.below(4) {
            0 => {
                n = 0;
                explicit = Some(refused(PS_INVALID_ARGUMENT, 1));
            }
            1 => {
                n = 65 + b.below(100);
                explicit = Some(refused(PS_TOO_MANY_SITES, 1));
            }
            k => {
                // A graph that exists (the graph is drawn before the fields).
                (n, z) = (4 + b.below(12), 2);
                if k == 2 {
                    w = f64::NAN;
                    explicit = Some(refused(PS_NON_FINITE, 3));
                } else {
                    w = -0.5 - b.tame().abs();
                    explicit = Some(refused(PS_INVALID_ARGUMENT, 3));
                }
            }
        }
    }
    let specs = vec![
        output::<u8>("edges_out", 6, n * z + if b.bit() { b.below(4) } else { 0 }).len_arg(
            7,
            n * z,
            PS_LENGTH_MISMATCH,
        ),
        output::<f64>("xi_out", 8, n + if b.bit() { b.below(4) } else { 0 }).len_arg(
            9,
            n,
            PS_LENGTH_MISMATCH,
        ),
        needed_spec(10, b.bit()),
    ];
    let place = place(class, sel, &specs);
    let inst = Inst::decode(&mut Bytes(&[]), 1);
    let name = "ps_draw_realization";
    harness(
        name,
        &inst,
        specs,
        place,
        explicit,
        // SAFETY: every buffer NULL or valid for its length.
        |p| unsafe {
            ps_draw_realization(
                n,
                z,
                w,
                seed,
                r,
                p[0].p,
                p[0].bytes,
                p[1].at(),
                p[1].len::<f64>(),
                p[2].at(),
            )
        },
        |p, st| {
            let mut xi = vec![0.0; n];
            match ed::draw_realization::<f64, 64>(n, z, w, seed, r, &mut xi) {
                Ok(g) => {
                    let g: Graph<64> = g;
                    assert_eq!(st, PS_OK, "{name}({n}, {z}, {w})");
                    let e: Vec<u8> = g.edges().iter().flatten().copied().collect();
                    assert_eq!(e, p[0].vec::<u8>(n * z), "{name}: the graph");
                    assert_eq!(bits(&xi), bits(&p[1].vec::<f64>(n)), "{name}: the fields");
                    Touch::Used
                }
                Err(e) => {
                    assert_eq!(st, e.code(), "{name}({n}, {z}, {w})");
                    Touch::Nothing
                }
            }
        },
    );
}

/// `ps_hamiltonian_create` (the products of `init_static`, the model's statuses,
/// `status` overlapping an input) and `ps_hamiltonian_free` (its own handles once;
/// NULL; refused for caller blocks, copies, junk, the other precision, misaligned).
fn create_free(b: &mut Bytes, class: Class, sel: usize) {
    let mut inst = Inst::decode(b, 8);
    if let Class::Handle(how) = class {
        return free_refusals(&inst, how, b.bit());
    }
    let fault = (class == Class::Param).then(|| inst.inject(b, 37..200, true));
    let explicit = fault.and_then(|f| fault_refusal(f, &inst, 1));
    let (xi, jxy, jzz, jxe, jze) = inst.values::<f64>();
    let x: Vec<f64> = tame_vec(b, 70);
    let specs = vec![
        input::<u8>("edges", 3, &inst.edges),
        input("xi", 5, &xi).alias(),
        input("jxy_edges", 8, jxe.as_deref().unwrap_or(&[]))
            .alias()
            .optional(jxe.is_none()),
        input("jzz_edges", 9, jze.as_deref().unwrap_or(&[]))
            .alias()
            .optional(jze.is_none()),
        status_spec(10, b.bit()),
    ];
    let place = place(class, sel, &specs);
    let (n, n_up, ne) = (inst.n, inst.n_up, inst.ne());
    let handle = Cell::new(null_mut::<ps_hamiltonian>());
    let name = "ps_hamiltonian_create";
    harness(
        name,
        &inst,
        specs,
        place,
        explicit,
        |p| {
            // SAFETY: every buffer NULL or valid for its length.
            let h = unsafe {
                ps_hamiltonian_create(
                    n,
                    n_up,
                    p[0].p,
                    ne,
                    p[1].at(),
                    jxy,
                    jzz,
                    p[2].at(),
                    p[3].at(),
                    p[4].at(),
                )
            };
            handle.set(h);
            let st = if h.is_null() {
                last_error().status
            } else {
                PS_OK
            };
            if !p[4].p.is_null() && (p[4].p as usize).is_multiple_of(4) {
                assert_eq!(p[4].read::<c_int>(0), st, "{name}: *status");
            }
            st
        },
        |p, st| {
            let seen = Seen::<f64>::read(n, ne, &p[0], &p[1], &p[2], &p[3]);
            let want = model_status(n, n_up, &seen, jxy, jzz);
            assert_eq!(st, want, "{name}: the model's status");
            if st != PS_OK {
                return Touch::Nothing;
            }
            let h = handle.get();
            let m = seen.model(n, jxy, jzz).expect("checked");
            let sector = Sector::<u64>::new(n, n_up).expect("checked");
            let req = m.blocked_req(&sector).expect("small");
            let (mut idx, mut re) = (vec![0u32; req.indices.len()], vec![0.0; req.reals.len()]);
            let op = m.blocked(&sector, &mut idx, &mut re).expect("sized");
            let d = op.dim();
            let (mut y, mut y2) = (vec![0.0; d], vec![0.0; d]);
            op.apply(&x[..d], &mut y).expect("lengths");
            // SAFETY: a live handle from create; locals of d values.
            unsafe {
                assert_eq!(ps_apply(h, x.as_ptr(), y2.as_mut_ptr(), d), PS_OK);
                assert_eq!(bits(&y), bits(&y2), "{name}: the product");
                let mut rows = vec![0.0; d];
                assert_eq!(ps_apply_rows(h, x.as_ptr(), rows.as_mut_ptr(), 0, d), PS_OK);
                assert_eq!(bits(&rows), bits(&y2), "ps_apply_rows: all rows");
            }
            Touch::Used
        },
    );
    let h = handle.get();
    // SAFETY: NULL or a live handle from create, released once.
    unsafe {
        assert_eq!(ps_hamiltonian_free(h), PS_OK, "ps_hamiltonian_free");
        assert_eq!(ps_hamiltonian_free(null_mut()), PS_OK, "free(NULL)");
    }
}

/// `ps_hamiltonian_free` on what it must refuse, each left working or untouched.
fn free_refusals(inst: &Inst, how: How, misaligned: bool) {
    let bytes = inst.block_bytes(false).max(inst.block_bytes(true));
    let mem = Mem::new(bytes + 16);
    let mut d = 0;
    // SAFETY (every call): handles from their inits or create in live blocks, or
    // readable blocks of their size; locals.
    unsafe {
        if misaligned {
            let h = inst.init_at(mem.ptr, inst.block_bytes(false), false);
            let odd = h.add(4).cast::<ps_hamiltonian>();
            assert_eq!(ps_hamiltonian_free(odd), PS_MISALIGNED, "free(misaligned)");
            return;
        }
        let h: *mut ps_hamiltonian = match how {
            // A caller block: refused, and it keeps working.
            How::Live => inst.init_at(mem.ptr, inst.block_bytes(false), false).cast(),
            How::Copied => {
                let mut st = -1;
                let (xi, jxy, jzz, jxe, jze) = inst.values::<f64>();
                let o = |v: &Option<Vec<f64>>| v.as_ref().map_or(null(), |v| v.as_ptr());
                let c = ps_hamiltonian_create(
                    inst.n,
                    inst.n_up,
                    inst.edges.as_ptr(),
                    inst.ne(),
                    xi.as_ptr(),
                    jxy,
                    jzz,
                    o(&jxe),
                    o(&jze),
                    &mut st,
                );
                assert_eq!(st, PS_OK);
                let len = inst.block_bytes(false);
                core::ptr::copy_nonoverlapping(c.cast::<u8>(), mem.ptr, len);
                assert_eq!(
                    ps_hamiltonian_free(mem.ptr.cast()),
                    PS_INVALID_HANDLE,
                    "free(a copy of a library handle)"
                );
                assert_eq!(ps_hamiltonian_free(c), PS_OK, "free(the original)");
                return;
            }
            _ => {
                inst.build(mem.ptr, bytes, false, how);
                mem.ptr.cast()
            }
        };
        ps_error_clear();
        assert_eq!(ps_hamiltonian_free(h), PS_INVALID_HANDLE, "free({how:?})");
        let e = last_error();
        assert_eq!((e.status, e.argument), (PS_INVALID_HANDLE, 1));
        assert_eq!(function_name(&e), "ps_hamiltonian_free");
        if how == How::Live {
            assert_eq!(ps_hamiltonian_dim(h, &mut d), PS_OK, "still a handle");
            assert_eq!(d, inst.dim());
        }
    }
}
