//! Support code of the benchmark firmware: the instruction clock, stack painting,
//! output and exit over semihosting, a small number formatter, and the verdicts.
//!
//! The clock: QEMU runs with `-icount shift=0`, so its virtual clock advances exactly
//! one nanosecond per guest instruction. On the Cortex-M boards the SysTick timer
//! counts the core clock (25 MHz on the MPS2 boards, 16 MHz on the micro:bit), so one
//! tick is 40 (62.5) instructions; [`instructions`] converts. On RISC-V the `mcycle`
//! counter, which QEMU derives from the instruction count under `-icount`, is read
//! directly. Either way two runs of the same image give the same counts.
#![no_std]

pub mod benches;
#[allow(missing_docs)]
pub mod reference;

#[cfg(not(small))]
pub use reference::full as sizes;
#[cfg(small)]
pub use reference::small as sizes;

/// The size profile this target is built with.
#[cfg(not(small))]
pub const PROFILE: benches::Profile = benches::FULL;
/// The size profile this target is built with.
#[cfg(small)]
pub const PROFILE: benches::Profile = benches::SMALL;

#[cfg(target_arch = "arm")]
mod platform {
    use core::sync::atomic::{AtomicU32, Ordering};
    use cortex_m::peripheral::syst::SystClkSource;
    use cortex_m_rt::exception;

    static WRAPS: AtomicU32 = AtomicU32::new(0);
    const RELOAD: u32 = 0x00ff_ffff;

    #[exception]
    fn SysTick() {
        // Single core, only this handler writes: load and store are enough (thumbv6m
        // has no atomic read-modify-write).
        WRAPS.store(WRAPS.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
    }

    /// Starts SysTick on the core clock, free running with a wrap interrupt.
    pub fn clock_init() {
        // SAFETY: called once at start-up, before anything else uses SysTick.
        let mut p = unsafe { cortex_m::Peripherals::steal() };
        p.SYST.set_clock_source(SystClkSource::Core);
        p.SYST.set_reload(RELOAD);
        p.SYST.clear_current();
        p.SYST.enable_interrupt();
        p.SYST.enable_counter();
    }

    /// Core clock ticks since [`clock_init`].
    pub fn ticks() -> u64 {
        loop {
            let w1 = WRAPS.load(Ordering::Relaxed);
            let v = cortex_m::peripheral::SYST::get_current();
            let w2 = WRAPS.load(Ordering::Relaxed);
            if w1 == w2 {
                return (u64::from(w1) << 24) + u64::from(RELOAD - v);
            }
        }
    }

    /// Instructions per 1000 ticks under `-icount shift=0` (1 ns per instruction).
    #[cfg(not(small))]
    pub const INSTR_PER_KTICK: u64 = 40_000; // 25 MHz
    /// Instructions per 1000 ticks under `-icount shift=0` (1 ns per instruction).
    #[cfg(small)]
    pub const INSTR_PER_KTICK: u64 = 62_500; // 16 MHz

    /// The stack pointer.
    #[inline(always)]
    pub fn sp() -> usize {
        cortex_m::register::msp::read() as usize
    }

    extern "C" {
        static mut __sheap: u32;
        static mut _stack_start: u32;
    }

    /// Bottom and top of the stack region.
    pub fn stack_region() -> (usize, usize) {
        // Only the addresses of the linker symbols are taken.
        (
            core::ptr::addr_of!(__sheap) as usize,
            core::ptr::addr_of!(_stack_start) as usize,
        )
    }

    /// Exits QEMU with status 0 (`ok`) or 1.
    pub fn exit(ok: bool) -> ! {
        use cortex_m_semihosting::debug;
        debug::exit(if ok {
            debug::EXIT_SUCCESS
        } else {
            debug::EXIT_FAILURE
        });
        loop {
            cortex_m::asm::nop();
        }
    }

    /// Writes to the host's stdout.
    pub fn write_str(s: &str) {
        #[cfg(not(feature = "defmt"))]
        if let Ok(mut out) = cortex_m_semihosting::hio::hstdout() {
            let _ = out.write_all(s.as_bytes());
        }
        #[cfg(feature = "defmt")]
        let _ = s; // defmt owns the semihosting stdout: plain text would corrupt its frames
    }
}

#[cfg(target_arch = "riscv32")]
mod platform {
    /// Nothing to start: `mcycle` always counts.
    pub fn clock_init() {}

    /// `mcycle` (QEMU counts instructions there under `-icount`).
    pub fn ticks() -> u64 {
        loop {
            let (hi1, lo, hi2): (u32, u32, u32);
            // SAFETY: reading the machine counters has no side effect.
            unsafe {
                core::arch::asm!(
                    ".option push",
                    ".option arch, +zicsr",
                    "csrr {0}, mcycleh",
                    "csrr {1}, mcycle",
                    "csrr {2}, mcycleh",
                    ".option pop",
                    out(reg) hi1, out(reg) lo, out(reg) hi2,
                );
            }
            if hi1 == hi2 {
                return (u64::from(hi1) << 32) | u64::from(lo);
            }
        }
    }

    /// One tick per instruction.
    pub const INSTR_PER_KTICK: u64 = 1000;

    /// The stack pointer.
    #[inline(always)]
    pub fn sp() -> usize {
        let sp: usize;
        // SAFETY: copies a register.
        unsafe { core::arch::asm!("mv {0}, sp", out(reg) sp) };
        sp
    }

    extern "C" {
        static mut _eheap: u32;
        static mut _stack_start: u32;
    }

    /// Bottom and top of the stack region.
    pub fn stack_region() -> (usize, usize) {
        // Only the addresses of the linker symbols are taken.
        (
            core::ptr::addr_of!(_eheap) as usize,
            core::ptr::addr_of!(_stack_start) as usize,
        )
    }

    /// Exits QEMU with status 0 (`ok`) or 1.
    pub fn exit(ok: bool) -> ! {
        semihosting::process::exit(if ok { 0 } else { 1 })
    }

    /// Writes to the host's stdout.
    pub fn write_str(s: &str) {
        use semihosting::io::Write as _;
        if let Ok(mut out) = semihosting::io::stdout() {
            let _ = out.write_all(s.as_bytes());
        }
    }
}

pub use platform::{clock_init, exit, ticks};

/// Instructions executed between two [`ticks`] readings (exact under `-icount shift=0`
/// up to the tick's resolution: 40 instructions on MPS2, 62.5 on the micro:bit, 1 on
/// RISC-V).
pub fn instructions(ticks: u64) -> u64 {
    ticks * platform::INSTR_PER_KTICK / 1000
}

/// The instruction clock as a [`benches::Clock`] (counts in instructions).
pub struct InstrClock;

impl benches::Clock for InstrClock {
    fn now(&mut self) -> u64 {
        instructions(ticks())
    }
}

/// The pattern painted over the free stack.
const PAINT: u32 = 0xA5C3_5A3C;

/// Paints the stack between its bottom and a little below the current stack pointer.
#[inline(never)]
pub fn paint_stack() {
    let (bottom, _) = platform::stack_region();
    let limit = platform::sp() - 64;
    let mut p = bottom;
    while p < limit {
        // SAFETY: [bottom, sp - 64) is unused stack memory, word aligned.
        unsafe { core::ptr::write_volatile(p as *mut u32, PAINT) };
        p += 4;
    }
}

/// Peak stack use in bytes since start-up: the top of the stack minus the lowest word
/// that no longer holds the paint.
#[inline(never)]
pub fn peak_stack() -> usize {
    let (bottom, top) = platform::stack_region();
    let mut p = bottom;
    // SAFETY: reads of the stack region, word aligned.
    while p < top && unsafe { core::ptr::read_volatile(p as *const u32) } == PAINT {
        p += 4;
    }
    top - p
}

/// Text output over semihosting, formatted with `core::fmt`.
pub struct Out;

impl core::fmt::Write for Out {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        platform::write_str(s);
        Ok(())
    }
}

/// Prints a line to the host's stdout.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use core::fmt::Write as _;
        let _ = writeln!($crate::Out, $($arg)*);
    }};
}

/// A real number printed with 10 significant digits (`-3.953105117e0`) by integer
/// arithmetic: `core`'s float formatting would add several KiB of flash.
#[derive(Clone, Copy)]
pub struct Sci(pub f64);

impl core::fmt::Display for Sci {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_infinite() {
            return f.write_str(if x > 0.0 { "inf" } else { "-inf" });
        }
        let mut a = if x < 0.0 {
            f.write_str("-")?;
            -x
        } else {
            x
        };
        if a == 0.0 {
            return f.write_str("0");
        }
        let mut e = 0i32;
        while a >= 10.0 {
            a /= 10.0;
            e += 1;
        }
        while a < 1.0 {
            a *= 10.0;
            e -= 1;
        }
        let mut m = (a * 1e9 + 0.5) as u64; // 10 digits
        if m >= 10_000_000_000 {
            m /= 10;
            e += 1;
        }
        write!(f, "{}.{:09}e{}", m / 1_000_000_000, m % 1_000_000_000, e)
    }
}

/// `|a - b| <= tol |b|`.
pub fn close(a: f64, b: f64, tol: f64) -> bool {
    let d = a - b;
    let d = if d < 0.0 { -d } else { d };
    let s = if b < 0.0 { -b } else { b };
    d <= tol * s
}

/// The word printed for a verdict.
pub fn verdict(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "FAIL"
    }
}

/// A panic (none is expected: the kernel's public functions return errors) ends the
/// run with a failure status, without formatting a message.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    exit(false)
}

/// The entry point's attribute for this architecture (`cortex_m_rt::entry` or
/// `riscv_rt::entry`), re-exported for the binaries.
#[cfg(target_arch = "arm")]
pub use cortex_m_rt::entry;
#[cfg(target_arch = "riscv32")]
pub use riscv_rt::entry;
