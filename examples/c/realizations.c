/* C99 example: realizations of the pseudospin ensemble -> mid-band <r~> with its
 * standard error (one call per realization, ps_realization_gap_ratios: the kernel's
 * driver picks the dense spectrum at this size; mergeable accumulator), and a ground
 * energy (Lanczos on the blocked operator). Every number is printed with %.17g, so it
 * reads back to the same double; capi/tests/c_examples.rs recomputes them with the
 * Rust API.
 *
 * Build: gcc -std=c99 -Wall -Wextra -Werror -pedantic -Icapi/include \
 *            examples/c/realizations.c target/release/libpseudospin_capi.a -lm -lpthread -ldl
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pseudospin.h"

#define N 10      /* sites of the level-statistics runs */
#define Z 3       /* graph degree */
#define W 1.0     /* field width: xi uniform on [-W/2, W/2] */
#define JXY 0.1   /* XY coupling */
#define SEED 2024 /* base seed */
#define R 8       /* realizations */
#define N_GROUND 14

static void check(int status, const char *what) {
    if (status != PS_OK) {
        fprintf(stderr, "%s: %s\n", what, ps_status_name(status));
        exit(1);
    }
}

/* Mean gap ratio of realization r in the mid band (normalized window [0.25, 0.75]),
 * with the default options; the workspace (*work, *work_bytes) grows when the
 * realization needs more. */
static ps_window_stats realization(uint64_t r, void **work, size_t *work_bytes) {
    static const ps_window mid_band = {PS_WINDOW_NORMALIZED, 0.25, 0.75};
    uint8_t edges[N * Z];
    double xi[N];
    size_t bytes;
    ps_window_stats s;
    check(ps_draw_realization(N, Z, W, SEED, r, edges, sizeof edges, xi, N, NULL), "draw");
    check(ps_realization_gap_ratios_work_size(N, N / 2, edges, N * Z / 2, JXY, NULL, 1, NULL,
                                              &bytes),
          "work size");
    if (bytes > *work_bytes) {
        free(*work);
        *work = malloc(bytes);
        *work_bytes = bytes;
        if (!*work) exit(1);
    }
    check(ps_realization_gap_ratios(N, N / 2, edges, N * Z / 2, xi, JXY, 0.0, NULL, NULL,
                                    &mid_band, 1, NULL, &s, NULL, *work, *work_bytes, NULL),
          "gap ratios");
    return s;
}

static ps_accumulator *new_accumulator(void *mem, size_t len, uint64_t first) {
    int status = PS_OK;
    ps_accumulator *acc = ps_accumulator_init(mem, len, first, &status, NULL);
    check(status, "accumulator");
    return acc;
}

int main(void) {
    size_t work_bytes = 0, acc_bytes;
    void *work = NULL;
    void *mem_all, *mem_a, *mem_b;
    ps_accumulator *all, *a, *b;
    ps_summary sum, merged;
    uint64_t r;

    printf("version %d\n", ps_version_number());
    check(ps_accumulator_size(&acc_bytes), "accumulator size");
    mem_all = malloc(acc_bytes);
    mem_a = malloc(acc_bytes);
    mem_b = malloc(acc_bytes);
    if (!mem_all || !mem_a || !mem_b) return 1;
    all = new_accumulator(mem_all, acc_bytes, 0);
    a = new_accumulator(mem_a, acc_bytes, 0);     /* shard: realizations 0 .. R/2 */
    b = new_accumulator(mem_b, acc_bytes, R / 2); /* shard: realizations R/2 .. R */

    for (r = 0; r < R; r++) {
        ps_window_stats s = realization(r, &work, &work_bytes);
        printf("r %d %.17g %llu\n", (int)r, s.mean_r, (unsigned long long)s.n_ratios);
        check(ps_accumulator_push(all, &s), "push");
        check(ps_accumulator_push(r < R / 2 ? a : b, &s), "push shard");
    }
    check(ps_accumulator_merge(a, b), "merge");
    check(ps_accumulator_summary(all, &sum), "summary");
    check(ps_accumulator_summary(a, &merged), "summary");
    if (memcmp(&sum.mean, &merged.mean, sizeof sum.mean) != 0 ||
        memcmp(&sum.std_error, &merged.std_error, sizeof sum.std_error) != 0) {
        fprintf(stderr, "merged shards differ from the serial run\n");
        return 1;
    }
    printf("mean_r %.17g\n", sum.mean);
    printf("std_error %.17g\n", sum.std_error);
    printf("count %llu\n", (unsigned long long)sum.count);

    /* Ground energy of realization 0 at N = 14 by Lanczos on the blocked operator. */
    {
        uint8_t edges[N_GROUND * Z];
        double xi[N_GROUND], e0, res;
        size_t bytes, lw;
        void *mem;
        void *lwork;
        ps_hamiltonian *h;
        int status;
        check(ps_draw_realization(N_GROUND, Z, W, SEED, 0, edges, sizeof edges, xi, N_GROUND, NULL),
              "draw");
        check(ps_hamiltonian_size(N_GROUND, N_GROUND / 2, edges, N_GROUND * Z / 2, &bytes),
              "size");
        mem = malloc(bytes);
        if (!mem) return 1;
        h = ps_hamiltonian_init_static(mem, bytes, N_GROUND, N_GROUND / 2, edges,
                                       N_GROUND * Z / 2, xi, JXY, 0.0, NULL, NULL, &status, NULL);
        check(status, "init");
        check(ps_lowest_work_size(h, 1, 0, 0, &lw), "lanczos work size");
        lwork = malloc(lw);
        if (!lwork) return 1;
        check(ps_lowest(h, 1, 0.0, 0, &e0, &res, NULL, lwork, lw, NULL), "lanczos");
        printf("ground %.17g\n", e0);
        free(lwork);
        free(mem);
    }
    free(work);
    free(mem_all);
    free(mem_a);
    free(mem_b);
    return 0;
}
