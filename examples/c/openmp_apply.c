/* OpenMP: one product y = H x split over threads with ps_apply_rows, compared bit for
 * bit with the single-call product ps_apply (N = 16, D = 12870).
 *
 * Build: gcc -std=c99 -Wall -Wextra -Werror -pedantic -fopenmp -Icapi/include \
 *            examples/c/openmp_apply.c target/release/libpseudospin_capi.a -lm -lpthread -ldl
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pseudospin.h"

#define N 16
#define Z 3

int main(void) {
    uint8_t edges[N * Z];
    double xi[N], *x, *y1, *y2;
    size_t bytes, dim, i;
    int status, nt = 0, failed = 0;
    void *mem;
    ps_hamiltonian *h;

    if (ps_draw_realization(N, Z, 1.0, 7, 3, edges, sizeof edges, xi, N, NULL) != PS_OK) return 1;
    if (ps_hamiltonian_size(N, N / 2, edges, N * Z / 2, &bytes) != PS_OK) return 1;
    mem = malloc(bytes);
    if (!mem) return 1;
    h = ps_hamiltonian_init_static(mem, bytes, N, N / 2, edges, N * Z / 2, xi, 0.2, 0.05, NULL, NULL,
                                   &status, NULL);
    if (!h || ps_hamiltonian_dim(h, &dim) != PS_OK) return 1;
    x = malloc(dim * sizeof *x);
    y1 = malloc(dim * sizeof *y1);
    y2 = malloc(dim * sizeof *y2);
    if (!x || !y1 || !y2) return 1;
    for (i = 0; i < dim; i++) x[i] = (double)((i * 2654435761u) % 1000) / 1000.0 - 0.5;
    if (ps_apply(h, x, y1, dim) != PS_OK) return 1;

#pragma omp parallel reduction(| : failed)
    {
        int t = omp_get_thread_num(), p = omp_get_num_threads();
        size_t r0 = dim * (size_t)t / (size_t)p, r1 = dim * (size_t)(t + 1) / (size_t)p;
        failed |= ps_apply_rows(h, x, y2 + r0, r0, r1) != PS_OK;
#pragma omp single
        nt = p;
    }
    if (failed) return 1;
    if (memcmp(y1, y2, dim * sizeof *y1) != 0) {
        fprintf(stderr, "threaded product differs from ps_apply\n");
        return 1;
    }
    printf("openmp_apply: %d threads, D = %zu, product identical bit for bit\n", nt, dim);
    free(x);
    free(y1);
    free(y2);
    free(mem);
    return 0;
}
