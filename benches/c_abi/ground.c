/* The N = 20 ground state through the C ABI, the twin of benches/c_abi.rs (the same
 * calls through the Rust API). Prints, per repeat, `c N E0_BITS CPU_SECONDS`: the
 * instance is realization N of base seed 2026 (ps_draw_realization: Z = 3, W = 1),
 * Jxy = Jzz = 0.1, half filling; the timed part is the handle built in fresh memory
 * (ps_hamiltonian_create) and the ground energy and vector by ps_lowest with fresh
 * workspace. CPU time is CLOCK_PROCESS_CPUTIME_ID, as on the Rust side.
 *
 * Usage: ground [N [REPS]]  (default 20 3); built and run by benches/c_abi/run.sh. */
#define _POSIX_C_SOURCE 199309L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pseudospin.h"

#define SEED 2026
#define J 0.1
#define MAX_N 32

static void check(int status, const char *what) {
    if (status != PS_OK) {
        fprintf(stderr, "%s: %s\n", what, ps_status_name(status));
        exit(1);
    }
}

static double cpu_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double ground(size_t n, const uint8_t *edges, const double *xi) {
    int status = PS_OK;
    size_t dim, work_bytes;
    double e0, res, *vec;
    void *work;
    uint64_t bits;
    ps_hamiltonian *h = ps_hamiltonian_create(n, n / 2, edges, n * 3 / 2, xi, J, J, NULL, NULL, &status);
    check(status, "create");
    check(ps_hamiltonian_dim(h, &dim), "dim");
    check(ps_lowest_work_size(h, 1, 0, 1, &work_bytes), "work size");
    vec = malloc(dim * sizeof *vec);
    work = malloc(work_bytes);
    if (!vec || !work) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    check(ps_lowest(h, 1, 0.0, 0, &e0, &res, vec, work, work_bytes, NULL), "lowest");
    /* Keep the vector observable, as black_box does on the Rust side. */
    memcpy(&bits, &vec[dim / 2], sizeof bits);
    if (bits == 0x7ff8dead0000beefu) {
        puts("");
    }
    free(work);
    free(vec);
    ps_hamiltonian_free(h);
    return e0;
}

int main(int argc, char **argv) {
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 20;
    int reps = argc > 2 ? atoi(argv[2]) : 3;
    uint8_t edges[MAX_N * 3];
    double xi[MAX_N];
    int i;
    if (n < 4 || n > MAX_N || n % 2) {
        fprintf(stderr, "N must be even, 4..%d\n", MAX_N);
        return 1;
    }
    check(ps_draw_realization(n, 3, 1.0, SEED, n, edges, n * 3, xi, n, NULL), "draw");
    for (i = 0; i < reps; i++) {
        double t0 = cpu_s(), e0 = ground(n, edges, xi), t = cpu_s() - t0;
        uint64_t bits;
        memcpy(&bits, &e0, sizeof bits);
        printf("c %zu %016" PRIx64 " %.6f E0=%.15f\n", n, bits, t, e0);
    }
    return 0;
}
