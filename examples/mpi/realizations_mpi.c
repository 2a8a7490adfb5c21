/* MPI example: the realizations of examples/c/realizations.c (one call of the pipeline
 * entry ps_realization_gap_ratios each, as there) spread over the ranks of
 * MPI_COMM_WORLD, the per-realization results gathered on rank 0 and pushed into one
 * accumulator in realization order, so the merged mid-band <r~> and its standard error
 * are the same bits for any number of ranks. The ranks also share a small cavity task:
 * the typical growth rate of the linearized order parameter at a few temperatures, one
 * population per temperature, seeded by the temperature's index.
 *
 * Every realization r is drawn from ps_realization_seed(SEED, r) alone, so which rank
 * computes it does not matter. Rank 0 prints every number with %.17g;
 * capi/tests/c_examples.rs compares them with the Rust API bit for bit, and
 * examples/c/run.sh compares the outputs of 1, 2 and 4 ranks byte for byte.
 *
 * Build: mpicc -std=c99 -Wall -Wextra -Werror -pedantic -Icapi/include \
 *            examples/mpi/realizations_mpi.c target/release/libpseudospin_capi.a \
 *            -lm -lpthread -ldl
 * Run:   mpirun -n 4 ./realizations_mpi
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

#include "pseudospin.h"

#define N 10      /* sites of the level-statistics runs */
#define Z 3       /* graph degree */
#define W 1.0     /* field width: xi uniform on [-W/2, W/2] */
#define JXY 0.1   /* XY coupling */
#define SEED 2024 /* base seed */
#define R 8       /* realizations */
#define N_GROUND 14

/* Cavity task: linearized order parameter at g = 0.3, K = 4, typical growth rate. */
#define G_CAV 0.3
#define K_CAV 4.0
#define N_T 4        /* temperatures T_STEP (i + 1): below and above T_c */
#define T_STEP 0.04
#define POP 1000     /* population size */
#define BURN_IN 20   /* generations discarded */
#define BLOCKS 10    /* measurement blocks */
#define BLOCK_LEN 20 /* generations per block */

static void check(int status, const char *what) {
    if (status != PS_OK) {
        fprintf(stderr, "%s: %s\n", what, ps_status_name(status));
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
}

static void *xmalloc(size_t bytes) {
    void *p = malloc(bytes);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    return p;
}

/* The share [*lo, *hi) of `count` tasks that rank `rank` of `size` computes: contiguous
 * blocks, so gathering them in rank order puts them in task order. */
static void share(int count, int rank, int size, int *lo, int *hi) {
    *lo = (int)((long)count * rank / size);
    *hi = (int)((long)count * (rank + 1) / size);
}

/* Counts and displacements (in units of `unit` bytes) of every rank's share. */
static void layout(int count, int size, int unit, int *counts, int *displs) {
    int k, lo, hi;
    for (k = 0; k < size; k++) {
        share(count, k, size, &lo, &hi);
        counts[k] = (hi - lo) * unit;
        displs[k] = lo * unit;
    }
}

/* Mid-band gap-ratio statistics of realization r (normalized window [0.25, 0.75]) by
 * the pipeline entry ps_realization_gap_ratios with the default options (the dense
 * spectrum at this size), on this rank's workspace (*work, *work_bytes), grown when the
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
        *work = xmalloc(bytes);
        *work_bytes = bytes;
    }
    check(ps_realization_gap_ratios(N, N / 2, edges, N * Z / 2, xi, JXY, 0.0, NULL, NULL,
                                    &mid_band, 1, NULL, &s, NULL, *work, *work_bytes, NULL),
          "gap ratios");
    return s;
}

/* Lowest level of realization 0 at N = 14 by Lanczos on the blocked operator. */
static double ground_energy(void) {
    uint8_t edges[N_GROUND * Z];
    double xi[N_GROUND], e0, res;
    void *lwork;
    size_t bytes, lw;
    void *mem;
    ps_hamiltonian *h;
    int status;
    check(ps_draw_realization(N_GROUND, Z, W, SEED, 0, edges, sizeof edges, xi, N_GROUND, NULL),
          "draw");
    check(ps_hamiltonian_size(N_GROUND, N_GROUND / 2, edges, N_GROUND * Z / 2, &bytes), "size");
    mem = xmalloc(bytes);
    h = ps_hamiltonian_init_static(mem, bytes, N_GROUND, N_GROUND / 2, edges, N_GROUND * Z / 2,
                                   xi, JXY, 0.0, NULL, NULL, &status, NULL);
    check(status, "init");
    check(ps_lowest_work_size(h, 1, 0, 0, &lw), "lanczos work size");
    lwork = xmalloc(lw);
    check(ps_lowest(h, 1, 0.0, 0, &e0, &res, NULL, lwork, lw, NULL), "lanczos");
    free(lwork);
    free(mem);
    return e0;
}

int main(int argc, char **argv) {
    int rank, size, lo, hi, i;
    int *counts, *displs;
    size_t work_bytes = 0, acc_bytes, gw_bytes;
    void *work = NULL, *gwork;
    ps_window_stats mine[R], all[R];
    double rates_mine[2 * N_T], rates[2 * N_T];

    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    counts = xmalloc((size_t)size * sizeof *counts);
    displs = xmalloc((size_t)size * sizeof *displs);

    /* This rank's realizations. */
    share(R, rank, size, &lo, &hi);
    for (i = lo; i < hi; i++) mine[i - lo] = realization((uint64_t)i, &work, &work_bytes);
    layout(R, size, (int)sizeof(ps_window_stats), counts, displs);
    MPI_Gatherv(mine, (hi - lo) * (int)sizeof(ps_window_stats), MPI_BYTE, all, counts, displs,
                MPI_BYTE, 0, MPI_COMM_WORLD);

    /* This rank's temperatures: (rate, standard error) pairs. */
    check(ps_growth_rate_work_size(POP, &gw_bytes), "growth work size");
    gwork = xmalloc(gw_bytes);
    share(N_T, rank, size, &lo, &hi);
    for (i = lo; i < hi; i++) {
        double t = T_STEP * (i + 1);
        check(ps_growth_rate(G_CAV, K_CAV, t, POP, BURN_IN, BLOCKS, BLOCK_LEN, PS_GROWTH_TYPICAL,
                             ps_realization_seed(SEED, (uint64_t)i), gwork, gw_bytes,
                             &rates_mine[2 * (i - lo)], &rates_mine[2 * (i - lo) + 1], NULL),
              "growth rate");
    }
    layout(N_T, size, 2, counts, displs);
    MPI_Gatherv(rates_mine, 2 * (hi - lo), MPI_DOUBLE, rates, counts, displs, MPI_DOUBLE, 0,
                MPI_COMM_WORLD);

    if (rank == 0) {
        void *mem = NULL;
        ps_accumulator *acc;
        ps_summary sum;
        int status = PS_OK;
        check(ps_accumulator_size(&acc_bytes), "accumulator size");
        mem = xmalloc(acc_bytes);
        acc = ps_accumulator_init(mem, acc_bytes, 0, &status, NULL);
        check(status, "accumulator");
        fprintf(stderr, "%d ranks\n", size);
        for (i = 0; i < R; i++) {
            printf("r %d %.17g %llu\n", i, all[i].mean_r, (unsigned long long)all[i].n_ratios);
            check(ps_accumulator_push(acc, &all[i]), "push");
        }
        check(ps_accumulator_summary(acc, &sum), "summary");
        printf("mean_r %.17g\n", sum.mean);
        printf("std_error %.17g\n", sum.std_error);
        printf("count %llu\n", (unsigned long long)sum.count);
        printf("ground %.17g\n", ground_energy());
        for (i = 0; i < N_T; i++)
            printf("growth %.17g %.17g %.17g\n", T_STEP * (i + 1), rates[2 * i], rates[2 * i + 1]);
        free(mem);
    }
    free(gwork);
    free(work);
    free(counts);
    free(displs);
    MPI_Finalize();
    return 0;
}
