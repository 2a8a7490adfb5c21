/* OpenMP: realizations of the pseudospin ensemble in parallel, one call of the pipeline
 * entry ps_realization_gap_ratios per realization, in the three windows of the study
 * (low [E0, E0 + 1.5], inter [E0 + 1.5, E0 + 2.5], mid [-0.5, 0.5]), then per window the
 * mean <r~> over realizations with its standard error.
 *
 * Why the printed numbers are the same bits for any OMP_NUM_THREADS:
 * - realization r is drawn by ps_draw_realization(..., SEED, r, ...), whose random
 *   stream is seeded by ps_realization_seed(SEED, r) alone: which thread computes r, and
 *   in which order, does not matter;
 * - each thread owns its workspace (grown when a realization needs more), and the
 *   library keeps no shared state, so threads never touch each other's buffers;
 * - the per-realization statistics land in slot r of an array, and the accumulators
 *   (one per window) are filled after the parallel loop in realization order, so their
 *   summation order is fixed.
 * examples/c/run.sh runs it with OMP_NUM_THREADS = 1, 2 and 4, requires identical
 * output, and capi/tests/c_examples.rs recomputes every number with the Rust API
 * (ed::draw_realization, ed::realization_gap_ratios, stats::Accumulator) bit for bit.
 * The thread count goes to stderr, so stdout does not depend on it.
 *
 * Build: gcc -std=c99 -Wall -Wextra -Werror -pedantic -fopenmp -Icapi/include \
 *            examples/c/openmp_realizations.c target/release/libpseudospin_capi.a \
 *            -lm -lpthread -ldl
 * Run:   OMP_NUM_THREADS=4 ./openmp_realizations
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#include "pseudospin.h"

#define N 10      /* sites; half filling, D = 252: the dense path */
#define Z 3       /* graph degree */
#define W 1.0     /* field width: xi uniform on [-W/2, W/2] */
#define JXY 0.1   /* XY coupling */
#define JZZ 0.05  /* ZZ coupling */
#define SEED 2025 /* base seed */
#define R 16      /* realizations */
#define N_WIN 3   /* windows */
#define OUT_OF_MEMORY (-1) /* not a PS_* status */

static const ps_window windows[N_WIN] = {
    {PS_WINDOW_RELATIVE_TO_GROUND, 0.0, 1.5}, /* low */
    {PS_WINDOW_RELATIVE_TO_GROUND, 1.5, 2.5}, /* inter */
    {PS_WINDOW_ABSOLUTE, -0.5, 0.5},          /* mid */
};
static const char *const names[N_WIN] = {"low", "inter", "mid"};

/* Realization r's statistics in every window, on the calling thread's workspace
 * (*work, *work_bytes), grown when this realization needs more. Returns PS_OK, the
 * first failing status or OUT_OF_MEMORY (no exit inside the parallel region). */
static int realization(uint64_t r, const ps_realization_options *opts, void **work,
                       size_t *work_bytes, ps_window_stats stats[N_WIN]) {
    uint8_t edges[N * Z];
    double xi[N];
    size_t bytes;
    int status = ps_draw_realization(N, Z, W, SEED, r, edges, sizeof edges, xi, N, NULL);
    if (status != PS_OK) return status;
    status = ps_realization_gap_ratios_work_size(N, N / 2, edges, N * Z / 2, JXY, NULL, N_WIN,
                                                 opts, &bytes);
    if (status != PS_OK) return status;
    if (bytes > *work_bytes) {
        free(*work);
        *work = malloc(bytes);
        *work_bytes = *work ? bytes : 0;
        if (!*work) return OUT_OF_MEMORY;
    }
    return ps_realization_gap_ratios(N, N / 2, edges, N * Z / 2, xi, JXY, JZZ, NULL, NULL, windows,
                                     N_WIN, opts, stats, NULL, *work, *work_bytes, NULL);
}

int main(void) {
    static ps_window_stats stats[R][N_WIN];
    int statuses[R];
    ps_realization_options opts;
    ps_accumulator *acc[N_WIN];
    void *mem[N_WIN];
    size_t acc_bytes;
    int r, w, threads = 1;

    if (ps_realization_options_default(&opts) != PS_OK) return 1;

#pragma omp parallel
    {
        void *work = NULL; /* this thread's workspace */
        size_t work_bytes = 0;
#pragma omp single
        threads = omp_get_num_threads();
#pragma omp for schedule(dynamic, 1)
        for (r = 0; r < R; r++)
            statuses[r] = realization((uint64_t)r, &opts, &work, &work_bytes, stats[r]);
        free(work);
    }
    fprintf(stderr, "openmp_realizations: %d threads\n", threads);
    for (r = 0; r < R; r++) {
        if (statuses[r] != PS_OK) {
            fprintf(stderr, "realization %d: %s\n", r,
                    statuses[r] == OUT_OF_MEMORY ? "out of memory" : ps_status_name(statuses[r]));
            return 1;
        }
    }

    /* One accumulator per window, filled in realization order. */
    if (ps_accumulator_size(&acc_bytes) != PS_OK) return 1;
    for (w = 0; w < N_WIN; w++) {
        int status = PS_OK;
        mem[w] = malloc(acc_bytes);
        if (!mem[w]) return 1;
        acc[w] = ps_accumulator_init(mem[w], acc_bytes, 0, &status, NULL);
        if (status != PS_OK) return 1;
    }
    for (r = 0; r < R; r++) {
        printf("r %d", r);
        for (w = 0; w < N_WIN; w++) {
            printf(" %.17g %llu", stats[r][w].mean_r, (unsigned long long)stats[r][w].n_ratios);
            if (ps_accumulator_push(acc[w], &stats[r][w]) != PS_OK) return 1;
        }
        printf("\n");
    }
    for (w = 0; w < N_WIN; w++) {
        ps_summary sum;
        if (ps_accumulator_summary(acc[w], &sum) != PS_OK) return 1;
        printf("window %s %.17g %.17g %llu\n", names[w], sum.mean, sum.std_error,
               (unsigned long long)sum.count);
        free(mem[w]);
    }
    return 0;
}
