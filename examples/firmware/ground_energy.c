/* Bare-metal firmware example (Cortex-M4F): the ground energy of one realization of
 * the pseudospin ensemble at N = 10 through the C ABI's static library built for
 * thumbv7em-none-eabihf, in double and in single precision, printed over semihosting.
 *
 * No heap and no C library: the Hamiltonian and the Lanczos workspace live in a static
 * arena, carved at run time with the sizes the library's `*_size` / `*_work_size`
 * queries return. Each number is printed in decimal (shortest-safe: 17 significant
 * digits for double, 9 for float, so it reads back to the same value) and as its IEEE
 * bit pattern in hex; capi/tests/firmware.rs recomputes both energies with the Rust API
 * on the host. The program also prints, per phase, the SysTick ticks (instructions
 * under `qemu-system-arm -icount shift=0`) and the peak stack.
 *
 * Exit status: 0 when every call returns PS_OK, 1 otherwise.
 * Build and run: bash examples/firmware/run.sh
 */
#define PS_BARE_METAL 1
#include "pseudospin.h"

#include "board.h"

#define N 10             /* sites */
#define N_UP (N / 2)     /* the half-filled sector, dimension C(10, 5) = 252 */
#define Z 3              /* graph degree */
#define N_EDGES (N * Z / 2)
#define W 1.0            /* field width: xi uniform on [-W/2, W/2] */
#define JXY 0.1          /* XY coupling */
#define JZZ 0.0          /* Ising coupling */
#define SEED 2024        /* base seed (as examples/c/realizations.c) */
#define REALIZATION 0    /* realization index */
#define MAX_STEPS 200    /* Lanczos step limit: the workspace holds 8 values per step, so
                          * the library's default (2000) would cost 125 KiB here; the
                          * run converges in 47 (f64) and 29 (f32) steps */

/* The arena: the larger of the two precisions' needs (the f64 run's memory is reused
 * by the f32 run). */
#define ARENA_BYTES (24u * 1024u)

static uint64_t arena[ARENA_BYTES / sizeof(uint64_t)];
static size_t arena_used; /* bytes */

/* ---- output: a line buffer and tiny formatters (no printf) ---- */

static char line[256];
static size_t line_len;

static void out_char(char c) {
    if (line_len + 1 < sizeof line) {
        line[line_len++] = c;
    }
}

static void out_str(const char *s) {
    while (*s) {
        out_char(*s++);
    }
}

static void out_end(void) {
    out_char('\n');
    line[line_len] = '\0';
    board_write(line);
    line_len = 0;
}

static void out_u64(uint64_t v) {
    char buf[20];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v);
    while (n) {
        out_char(buf[--n]);
    }
}

static void out_hex(uint64_t v, int digits) {
    int i;
    out_str("0x");
    for (i = digits - 1; i >= 0; i--) {
        out_char("0123456789abcdef"[(v >> (4 * i)) & 0xFu]);
    }
}

static uint64_t f64_bits(double x) {
    union {
        double d;
        uint64_t u;
    } b;
    b.d = x;
    return b.u;
}

static uint32_t f32_bits(float x) {
    union {
        float f;
        uint32_t u;
    } b;
    b.f = x;
    return b.u;
}

/* A fraction below 2^k (k <= 1074) as a little-endian big number. */
#define FRAC_WORDS 36

/* `x` rounded to `sig` significant decimal digits (round half to even, on the exact
 * binary value), trailing zeros dropped, positional for decimal exponents -5 .. sig-1
 * and scientific otherwise (like %.*g). Magnitudes of 2^64 and above are not
 * formatted (the hex pattern printed next to each value is exact in any case). */
static void out_f64(double x, int sig) {
    uint64_t bits = f64_bits(x), m, ipart;
    int bexp = (int)((bits >> 52) & 0x7FFu), e, k, nd = 0, point, i, dexp, sticky = 0;
    uint32_t frac[FRAC_WORDS] = {0};
    char dig[24], ibuf[20];
    int ni = 0;

    if (bits >> 63) {
        out_char('-');
    }
    m = bits & ((1ull << 52) - 1);
    if (bexp == 0x7FF) {
        out_str(m ? "nan" : "inf");
        return;
    }
    if (bexp == 0 && m == 0) {
        out_char('0');
        return;
    }
    e = bexp ? bexp - 1075 : -1074;
    if (bexp) {
        m |= 1ull << 52;
    }
    if (e > 11) {
        out_str("(beyond 2^64)");
        return;
    }
    /* x = ipart + frac / 2^k */
    k = e < 0 ? -e : 0;
    ipart = k == 0 ? m << e : k < 64 ? m >> k : 0;
    for (i = 0; i < k && i < 64; i++) {
        if ((m >> i) & 1u) {
            frac[i / 32] |= 1u << (i % 32);
        }
    }
    /* Integer digits. */
    while (ipart) {
        ibuf[ni++] = (char)(ipart % 10u);
        ipart /= 10u;
    }
    point = ni;
    while (ni) {
        char d = ibuf[--ni];
        if (nd <= sig) {
            dig[nd++] = d;
        } else if (d) {
            sticky = 1;
        }
    }
    /* Fraction digits: multiply by 10, the bits above 2^k are the next digit. */
    for (;;) {
        int zero = 1, w = k / 32, s = k % 32, d;
        uint64_t carry = 0;
        for (i = 0; i < FRAC_WORDS; i++) {
            if (frac[i]) {
                zero = 0;
            }
        }
        if (zero) {
            break;
        }
        if (nd > sig) {
            sticky = 1;
            break;
        }
        for (i = 0; i < FRAC_WORDS; i++) {
            carry += (uint64_t)frac[i] * 10u;
            frac[i] = (uint32_t)carry;
            carry >>= 32;
        }
        d = (int)(frac[w] >> s);
        if (s > 28 && w + 1 < FRAC_WORDS) {
            d |= (int)(frac[w + 1] << (32 - s));
        }
        d &= 0xF;
        frac[w] &= s ? (1u << s) - 1u : 0u;
        if (s > 28 && w + 1 < FRAC_WORDS) {
            frac[w + 1] &= ~((1u << (s - 28)) - 1u);
        }
        if (nd == 0 && d == 0) {
            point--; /* a leading zero of the fraction */
        } else {
            dig[nd++] = (char)d;
        }
    }
    /* Round to `sig` digits. */
    if (nd > sig) {
        int r = dig[sig];
        nd = sig;
        if (r > 5 || (r == 5 && (sticky || (dig[sig - 1] & 1)))) {
            for (i = sig - 1; i >= 0 && dig[i] == 9; i--) {
                dig[i] = 0;
            }
            if (i < 0) {
                dig[0] = 1;
                for (i = 1; i < sig; i++) {
                    dig[i] = 0;
                }
                point++;
            } else {
                dig[i]++;
            }
        }
    }
    while (nd > 1 && dig[nd - 1] == 0) {
        nd--;
    }
    dexp = point - 1;
    if (dexp >= -5 && dexp < sig) {
        if (point <= 0) {
            out_str("0.");
            for (i = point; i < 0; i++) {
                out_char('0');
            }
            for (i = 0; i < nd; i++) {
                out_char((char)('0' + dig[i]));
            }
        } else {
            for (i = 0; i < point || i < nd; i++) {
                if (i == point) {
                    out_char('.');
                }
                out_char((char)('0' + (i < nd ? dig[i] : 0)));
            }
        }
    } else {
        out_char((char)('0' + dig[0]));
        if (nd > 1) {
            out_char('.');
            for (i = 1; i < nd; i++) {
                out_char((char)('0' + dig[i]));
            }
        }
        out_char('e');
        if (dexp < 0) {
            out_char('-');
            dexp = -dexp;
        }
        out_u64((uint64_t)dexp);
    }
}

/* ---- checks, arena, measurements ---- */

static void fail(const char *what, const char *why) {
    out_str("error: ");
    out_str(what);
    out_str(": ");
    out_str(why);
    out_end();
    board_exit(1);
}

static void check(int status, const char *what) {
    if (status != PS_OK) {
        fail(what, ps_status_name(status));
    }
}

static void *arena_take(size_t bytes, const char *what) {
    size_t words = (bytes + 7u) / 8u, at = arena_used / 8u;
    if (words > sizeof arena / 8u - at) {
        out_str("arena too small for ");
        out_str(what);
        out_str(": needs ");
        out_u64(bytes);
        out_str(" bytes, ");
        out_u64(sizeof arena - arena_used);
        out_str(" left of ");
        out_u64(sizeof arena);
        out_end();
        board_exit(1);
    }
    arena_used += words * 8u;
    return &arena[at];
}

static uint64_t t0;

static void phase_begin(void) {
    board_stack_paint();
    t0 = board_ticks();
}

static void phase_end(const char *name, uint64_t per_tick) {
    uint64_t ticks = board_ticks() - t0;
    out_str("phase ");
    out_str(name);
    out_str(" ticks ");
    out_u64(ticks);
    out_str(" instructions ");
    out_u64(ticks * per_tick);
    out_str(" stack ");
    out_u64(board_stack_peak());
    out_end();
}

/* ---- the computation ---- */

int main(void) {
    uint8_t edges[N * Z];
    double xi[N], e64, res64;
    float xi32[N], e32, res32;
    size_t dim, bytes, lw, lw64, used64, i;
    ps_hamiltonian *h;
    ps_hamiltonian_f32 *h32;
    int status = -1;
    uint64_t per_tick, calib;
    const uint32_t spins = 2500000u; /* 5 000 000 instructions */

    board_ticks_start();
    out_str("pseudospin firmware example: ground energy on " BOARD_NAME);
    out_end();
    out_str("library_version ");
    out_u64((uint64_t)ps_version_number());
    out_end();

    /* Ticks per instruction: exact under QEMU's -icount shift=0 (one instruction per
     * nanosecond of virtual time, BOARD_CPU_HZ ticks per second). */
    calib = board_ticks();
    board_spin(spins);
    calib = board_ticks() - calib;
    per_tick = calib ? (2u * (uint64_t)spins + calib / 2u) / calib : 0u;
    out_str("calibration instructions ");
    out_u64(2u * (uint64_t)spins);
    out_str(" ticks ");
    out_u64(calib);
    out_str(" instructions_per_tick ");
    out_u64(per_tick);
    out_end();

    out_str("instance n ");
    out_u64(N);
    out_str(" n_up ");
    out_u64(N_UP);
    out_str(" z ");
    out_u64(Z);
    out_str(" w ");
    out_f64(W, 17);
    out_str(" jxy ");
    out_f64(JXY, 17);
    out_str(" jzz ");
    out_f64(JZZ, 17);
    out_str(" base_seed ");
    out_u64(SEED);
    out_str(" realization ");
    out_u64(REALIZATION);
    out_str(" stream_seed ");
    out_hex(ps_realization_seed(SEED, REALIZATION), 16);
    out_end();

    phase_begin();
    check(ps_draw_realization(N, Z, W, SEED, REALIZATION, edges, sizeof edges, xi, N, 0), "draw");
    phase_end("draw", per_tick);
    check(ps_sector_dim(N, N_UP, &dim), "dim");
    out_str("dim ");
    out_u64(dim);
    out_end();

    /* Double precision (software floating point on the M4F). */
    check(ps_hamiltonian_size(N, N_UP, edges, N_EDGES, &bytes), "size f64");
    {
        void *mem = arena_take(bytes, "the f64 Hamiltonian");
        phase_begin();
        h = ps_hamiltonian_init_static(mem, bytes, N, N_UP, edges, N_EDGES, xi, JXY, JZZ, NULL,
                                       NULL, &status, 0);
        phase_end("init_f64", per_tick);
        check(status, "init f64");
    }
    check(ps_lowest_work_size(h, 1, MAX_STEPS, 0, &lw), "work size f64");
    {
        void *work = arena_take(lw, "the f64 Lanczos workspace");
        phase_begin();
        status = ps_lowest(h, 1, 0.0, MAX_STEPS, &e64, &res64, 0, work, lw, 0);
        phase_end("lowest_f64", per_tick);
        check(status, "lowest f64");
    }
    used64 = arena_used;
    lw64 = lw;

    /* Single precision (the FPU), in the same arena. */
    arena_used = 0;
    for (i = 0; i < N; i++) {
        xi32[i] = (float)xi[i];
    }
    check(ps_hamiltonian_size_f32(N, N_UP, edges, N_EDGES, &bytes), "size f32");
    {
        void *mem = arena_take(bytes, "the f32 Hamiltonian");
        phase_begin();
        h32 = ps_hamiltonian_init_static_f32(mem, bytes, N, N_UP, edges, N_EDGES, xi32,
                                             (float)JXY, (float)JZZ, NULL, NULL, &status, 0);
        phase_end("init_f32", per_tick);
        check(status, "init f32");
    }
    check(ps_lowest_work_size_f32(h32, 1, MAX_STEPS, 0, &lw), "work size f32");
    {
        void *work = arena_take(lw, "the f32 Lanczos workspace");
        phase_begin();
        status = ps_lowest_f32(h32, 1, 0.0f, MAX_STEPS, &e32, &res32, 0, work, lw, 0);
        phase_end("lowest_f32", per_tick);
        check(status, "lowest f32");
    }

    out_str("arena_bytes ");
    out_u64(sizeof arena);
    out_str(" used_f64 ");
    out_u64(used64);
    out_str(" used_f32 ");
    out_u64(arena_used);
    out_str(" work_f64 ");
    out_u64(lw64);
    out_str(" work_f32 ");
    out_u64(lw);
    out_end();
    out_str("stack_bytes ");
    out_u64(board_stack_size());
    out_end();

    out_str("e0_f64 ");
    out_f64(e64, 17);
    out_char(' ');
    out_hex(f64_bits(e64), 16);
    out_str(" residual ");
    out_f64(res64, 3);
    out_end();
    out_str("e0_f32 ");
    out_f64((double)e32, 9);
    out_char(' ');
    out_hex(f32_bits(e32), 8);
    out_str(" residual ");
    out_f64((double)res32, 3);
    out_end();
    out_str("ok");
    out_end();
    return 0;
}
