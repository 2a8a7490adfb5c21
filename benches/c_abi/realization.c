/* One realization's level statistics through the C ABI's pipeline entry, the twin of
 * examples/capi_overhead.rs (the same work through the Rust API). Prints, per repeat,
 * `c N STATS_BITS CPU_SECONDS`: the instance is realization N of base seed 2026
 * (ps_draw_realization: Z = 3, W = 1), Jxy = 0.05, Jzz = 0.1, half filling; the timed
 * part is the draw, the workspace query (ps_realization_gap_ratios_work_size), a fresh
 * workspace, and ps_realization_gap_ratios with the default options in the study's
 * three windows (low [E0, E0 + 1.5], inter [E0 + 1.5, E0 + 2.5], mid [-0.5, 0.5]; at
 * N = 14, D = 3432: the dense path). STATS_BITS is the three windows' mean r as IEEE
 * bits and their ratio counts, which the script compares with the Rust side's. CPU
 * time is CLOCK_PROCESS_CPUTIME_ID, as on the Rust side.
 *
 * Usage: realization [N [REPS]]  (default 14 3); built and run by benches/capi_overhead.sh. */
#define _POSIX_C_SOURCE 199309L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pseudospin.h"

#define SEED 2026
#define Z 3
#define W 1.0
#define JXY 0.05
#define JZZ 0.1
#define MAX_N 24
#define N_WIN 3

static const ps_window windows[N_WIN] = {
    {PS_WINDOW_RELATIVE_TO_GROUND, 0.0, 1.5}, /* low */
    {PS_WINDOW_RELATIVE_TO_GROUND, 1.5, 2.5}, /* inter */
    {PS_WINDOW_ABSOLUTE, -0.5, 0.5},          /* mid */
};

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

/* One realization, from the draw to the statistics, in fresh memory. */
static void realization(size_t n, ps_window_stats stats[N_WIN]) {
    uint8_t edges[MAX_N * Z];
    double xi[MAX_N];
    size_t bytes;
    void *work;
    check(ps_draw_realization(n, Z, W, SEED, n, edges, sizeof edges, xi, MAX_N, NULL), "draw");
    check(ps_realization_gap_ratios_work_size(n, n / 2, edges, n * Z / 2, JXY, NULL, N_WIN, NULL,
                                              &bytes),
          "work size");
    work = malloc(bytes);
    if (!work) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    check(ps_realization_gap_ratios(n, n / 2, edges, n * Z / 2, xi, JXY, JZZ, NULL, NULL, windows,
                                    N_WIN, NULL, stats, NULL, work, bytes, NULL),
          "gap ratios");
    free(work);
}

int main(int argc, char **argv) {
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 14;
    int reps = argc > 2 ? atoi(argv[2]) : 3, i, w;
    if (n < 4 || n > MAX_N || n % 2 != 0) {
        fprintf(stderr, "N must be even, 4..%d\n", MAX_N);
        return 1;
    }
    for (i = 0; i < reps; i++) {
        ps_window_stats stats[N_WIN];
        double t0 = cpu_s(), t;
        realization(n, stats);
        t = cpu_s() - t0;
        printf("c %zu ", n);
        for (w = 0; w < N_WIN; w++) {
            uint64_t bits;
            memcpy(&bits, &stats[w].mean_r, sizeof bits);
            printf("%s%016" PRIx64 "/%" PRIu64, w ? ":" : "", bits, stats[w].n_ratios);
        }
        printf(" %.6f\n", t);
        fflush(stdout);
    }
    return 0;
}
