/* Calls every exported function with NULL and misaligned pointers, overlapping
 * buffers, copied handles, zero and wrong lengths, too-small workspaces and blocks, NaN
 * and infinite parameters, N > 64 and n_up > N, and checks that each returns its
 * documented status; then a few valid calls. Built and run under
 * ASan and UBSan by examples/c/run.sh (-fsanitize=address,undefined
 * -fno-sanitize-recover=all). run.sh also checks that every function of the header is
 * named here.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pseudospin.h"

static int failures = 0, checks = 0;

#define EXPECT(call, want)                                                                 \
    do {                                                                                   \
        int got_ = (call);                                                                 \
        checks++;                                                                          \
        if (got_ != (want)) {                                                              \
            failures++;                                                                    \
            fprintf(stderr, "%s:%d: %s -> %s (%d), expected %s (%d)\n", __FILE__, __LINE__, \
                    #call, ps_status_name(got_), got_, ps_status_name(want), want);        \
        }                                                                                  \
    } while (0)

#define TRUE(cond) EXPECT((cond) ? PS_OK : -1, PS_OK)

/* The 3-regular cube graph on 8 sites. */
static const uint8_t CUBE[12 * 2] = {0, 1, 1, 2, 2, 3, 3, 0, 4, 5, 5, 6,
                                     6, 7, 7, 4, 0, 4, 1, 5, 2, 6, 3, 7};
static const double XI[8] = {0.31, -0.12, 0.44, -0.37, 0.05, 0.26, -0.49, 0.18};

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return p;
}

int main(void) {
    const double nan = NAN, inf = INFINITY;
    size_t dim = 0, idx = 0, bytes = 0, len = 0, count = 0, needed = 0, i;
    uint64_t state = 0;
    uint8_t edges[10 * 3];
    uint8_t bad_edges[4] = {0, 0, 0, 1};
    uint8_t dup_edges[4] = {0, 1, 1, 0};
    uint8_t far_edges[2] = {0, 9};
    double xi[10], levels[70], work_small[4], v = 0, res = 0;
    int status = 0;
    void *mem;
    ps_hamiltonian *h;

    /* version and status names */
    TRUE(ps_version_number() == PS_VERSION_MAJOR * 10000 + PS_VERSION_MINOR * 100 + PS_VERSION_PATCH);
    TRUE(strcmp(ps_status_name(PS_OK), "ok") == 0);
    TRUE(strcmp(ps_status_name(PS_WORKSPACE_TOO_SMALL), "workspace_too_small") == 0);
    TRUE(strcmp(ps_status_name(-1), "unknown") == 0);
    TRUE(strcmp(ps_status_name(999), "unknown") == 0);
    TRUE(strcmp(ps_status_name(PS_NULL_POINTER), "null_pointer") == 0);
    TRUE(strcmp(ps_status_name(PS_MISALIGNED), "misaligned") == 0);
    TRUE(strcmp(ps_status_name(PS_OVERLAP), "overlap") == 0);
    TRUE(strcmp(ps_status_name(PS_INVALID_HANDLE), "invalid_handle") == 0);
    TRUE(strcmp(ps_status_name(PS_INTERNAL), "internal") == 0);
    TRUE(strcmp(ps_status_message(PS_OK), "Success.") == 0);
    TRUE(strcmp(ps_status_message(21), "unknown") == 0);
    TRUE(strncmp(ps_status_message(PS_OVERLAP), "Two buffers", 11) == 0);

    /* sectors */
    EXPECT(ps_sector_dim(10, 5, NULL), PS_NULL_POINTER);
    EXPECT(ps_sector_dim(0, 0, &dim), PS_INVALID_ARGUMENT);
    EXPECT(ps_sector_dim(65, 3, &dim), PS_TOO_MANY_SITES);
    EXPECT(ps_sector_dim(10, 11, &dim), PS_INVALID_FILLING);
    EXPECT(ps_sector_dim(64, 32, &dim), sizeof(size_t) >= 8 ? PS_OK : PS_DIMENSION_OVERFLOW);
    EXPECT(ps_sector_dim(10, 5, &dim), PS_OK);
    TRUE(dim == 252);
    EXPECT(ps_rank(10, 5, 0x1f, NULL), PS_NULL_POINTER);
    EXPECT(ps_rank(10, 5, 0x0f, &idx), PS_STATE_NOT_IN_SECTOR);
    EXPECT(ps_rank(10, 5, 0x1fULL << 10, &idx), PS_STATE_NOT_IN_SECTOR);
    EXPECT(ps_rank(65, 5, 0x1f, &idx), PS_TOO_MANY_SITES);
    EXPECT(ps_rank(10, 11, 0x1f, &idx), PS_INVALID_FILLING);
    EXPECT(ps_rank(10, 5, 0x1f, &idx), PS_OK);
    TRUE(idx == 0);
    EXPECT(ps_unrank(10, 5, 0, NULL), PS_NULL_POINTER);
    EXPECT(ps_unrank(10, 5, 252, &state), PS_INDEX_OUT_OF_RANGE);
    EXPECT(ps_unrank(70, 5, 0, &state), PS_TOO_MANY_SITES);
    EXPECT(ps_unrank(10, 5, 251, &state), PS_OK);
    TRUE(state == 0x3e0);
    TRUE(ps_realization_seed(1, 2) == ps_realization_seed(1, 2));
    TRUE(ps_realization_seed(1, 2) != ps_realization_seed(1, 3));

    /* realizations */
    EXPECT(ps_draw_realization(10, 3, 1.0, 1, 0, NULL, 30, xi, 10, NULL), PS_NULL_POINTER);
    EXPECT(ps_draw_realization(10, 3, 1.0, 1, 0, edges, 30, NULL, 10, NULL), PS_NULL_POINTER);
    EXPECT(ps_draw_realization(10, 3, 1.0, 1, 0, edges, 29, xi, 10, &needed), PS_LENGTH_MISMATCH);
    TRUE(needed == 30);
    EXPECT(ps_draw_realization(10, 3, 1.0, 1, 0, edges, 30, xi, 9, &needed), PS_LENGTH_MISMATCH);
    TRUE(needed == 10);
    EXPECT(ps_draw_realization(65, 3, 1.0, 1, 0, edges, 30, xi, 10, NULL), PS_TOO_MANY_SITES);
    EXPECT(ps_draw_realization(0, 3, 1.0, 1, 0, edges, 0, xi, 0, NULL), PS_INVALID_ARGUMENT);
    EXPECT(ps_hamiltonian_size(0, 0, CUBE, 0, &bytes), PS_INVALID_ARGUMENT);
    EXPECT(ps_draw_realization(10, 3, nan, 1, 0, edges, 30, xi, 10, NULL), PS_NON_FINITE);
    EXPECT(ps_draw_realization(10, 3, inf, 1, 0, edges, 30, xi, 10, NULL), PS_NON_FINITE);
    EXPECT(ps_draw_realization(9, 3, 1.0, 1, 0, edges, 27, xi, 9, NULL), PS_INVALID_ARGUMENT);
    EXPECT(ps_draw_realization(10, 3, 1.0, 1, 0, edges, 30, xi, 10, NULL), PS_OK);

    /* the Hamiltonian instance */
    EXPECT(ps_hamiltonian_size(8, 4, CUBE, 12, NULL), PS_NULL_POINTER);
    EXPECT(ps_hamiltonian_size(8, 4, NULL, 12, &bytes), PS_NULL_POINTER);
    EXPECT(ps_hamiltonian_size(65, 4, CUBE, 12, &bytes), PS_TOO_MANY_SITES);
    TRUE(ps_hamiltonian_init_static(NULL, 0, 65, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, &status, NULL) == NULL);
    EXPECT(status, PS_TOO_MANY_SITES);
    EXPECT(ps_hamiltonian_size(40, 4, CUBE, 12, &bytes), PS_TOO_MANY_SITES);
    EXPECT(ps_hamiltonian_size(8, 9, CUBE, 12, &bytes), PS_INVALID_FILLING);
    EXPECT(ps_hamiltonian_size(8, 4, bad_edges, 2, &bytes), PS_SELF_LOOP);
    EXPECT(ps_hamiltonian_size(8, 4, dup_edges, 2, &bytes), PS_DUPLICATE_EDGE);
    EXPECT(ps_hamiltonian_size(8, 4, far_edges, 1, &bytes), PS_EDGE_OUT_OF_RANGE);
    EXPECT(ps_hamiltonian_size(8, 4, CUBE, 12, &bytes), PS_OK);
    mem = xmalloc(bytes);
    TRUE(ps_hamiltonian_init_static(NULL, bytes, 8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, &status, NULL) == NULL);
    EXPECT(status, PS_NULL_POINTER);
    TRUE(ps_hamiltonian_init_static((unsigned char *)mem + 1, bytes - 1, 8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, &status, NULL) == NULL);
    EXPECT(status, PS_MISALIGNED);
    TRUE(ps_hamiltonian_init_static(mem, bytes - 8, 8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, &status, &needed) == NULL);
    TRUE(needed == bytes);
    EXPECT(status, PS_WORKSPACE_TOO_SMALL);
    TRUE(ps_hamiltonian_init_static(mem, bytes, 8, 4, CUBE, 12, XI, nan, 0.1, NULL, NULL, &status, NULL) == NULL);
    EXPECT(status, PS_NON_FINITE);
    TRUE(ps_hamiltonian_init_static(mem, bytes, 8, 4, CUBE, 12, XI, 0.2, inf, NULL, NULL, &status, NULL) == NULL);
    EXPECT(status, PS_NON_FINITE);
    TRUE(ps_hamiltonian_init_static(mem, bytes, 8, 4, CUBE, 12, NULL, 0.2, 0.1, NULL, NULL, &status, NULL) == NULL);
    EXPECT(status, PS_NULL_POINTER);
    TRUE(ps_hamiltonian_init_static(mem, bytes, 8, 9, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, NULL, NULL) == NULL);
    h = ps_hamiltonian_init_static(mem, bytes, 8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, &status, NULL);
    EXPECT(status, PS_OK);
    TRUE(h != NULL);
    EXPECT(ps_hamiltonian_dim(NULL, &dim), PS_NULL_POINTER);
    EXPECT(ps_hamiltonian_dim(h, NULL), PS_NULL_POINTER);
    EXPECT(ps_hamiltonian_dim(h, &dim), PS_OK);
    TRUE(dim == 70);
    {
        double x[70], y[70], y2[70];
        for (i = 0; i < 70; i++) x[i] = (double)i / 70.0 - 0.3;
        EXPECT(ps_apply(NULL, x, y, 70), PS_NULL_POINTER);
        EXPECT(ps_apply(h, NULL, y, 70), PS_NULL_POINTER);
        EXPECT(ps_apply(h, x, NULL, 70), PS_NULL_POINTER);
        EXPECT(ps_apply(h, x, y, 69), PS_LENGTH_MISMATCH);
        EXPECT(ps_apply(h, x, y, 0), PS_LENGTH_MISMATCH);
        EXPECT(ps_apply(h, x, x, 70), PS_OVERLAP);
        EXPECT(ps_apply(h, x, y, 70), PS_OK);
        EXPECT(ps_apply_rows(NULL, x, y2, 0, 70), PS_NULL_POINTER);
        EXPECT(ps_apply_rows(h, NULL, y2, 0, 70), PS_NULL_POINTER);
        EXPECT(ps_apply_rows(h, x, NULL, 0, 70), PS_NULL_POINTER);
        EXPECT(ps_apply_rows(h, x, y2, 10, 5), PS_INDEX_OUT_OF_RANGE);
        EXPECT(ps_apply_rows(h, x, y2, 0, 71), PS_INDEX_OUT_OF_RANGE);
        EXPECT(ps_apply_rows(h, x, x + 5, 0, 10), PS_OVERLAP);
        EXPECT(ps_apply_rows(h, x, NULL, 5, 5), PS_OK);
        EXPECT(ps_apply_rows(h, x, y2, 0, 30), PS_OK);
        EXPECT(ps_apply_rows(h, x, y2 + 30, 30, 70), PS_OK);
        TRUE(memcmp(y, y2, sizeof y) == 0);
        /* the output inside the handle's own block */
        TRUE(bytes >= 70 * sizeof(double));
        EXPECT(ps_apply(h, x, (double *)mem + (bytes / sizeof(double) - 70), 70), PS_OVERLAP);
        EXPECT(ps_apply_rows(h, x, (double *)mem + 1, 0, 10), PS_OVERLAP);
        EXPECT(ps_hamiltonian_dim(h, (size_t *)mem + 2), PS_OVERLAP);
        /* a misaligned handle pointer */
        EXPECT(ps_hamiltonian_dim((const ps_hamiltonian *)(const void *)((unsigned char *)mem + 4), &dim), PS_MISALIGNED);
        /* a copy of the block is no handle (the handle records its own address); free
         * refuses a handle in caller memory and leaves it working */
        {
            void *copy = xmalloc(bytes);
            memcpy(copy, mem, bytes);
            EXPECT(ps_apply((const ps_hamiltonian *)copy, x, y2, 70), PS_INVALID_HANDLE);
            EXPECT(ps_hamiltonian_dim((const ps_hamiltonian *)copy, &dim), PS_INVALID_HANDLE);
            EXPECT(ps_hamiltonian_free((ps_hamiltonian *)copy), PS_INVALID_HANDLE);
            EXPECT(ps_hamiltonian_free(h), PS_INVALID_HANDLE);
            EXPECT(ps_apply(h, x, y2, 70), PS_OK);
            TRUE(memcmp(y, y2, sizeof y) == 0);
            free(copy);
        }
    }

    /* dense eigenvalues */
    EXPECT(ps_sector_eigenvalues_work_size(8, 4, NULL), PS_NULL_POINTER);
    EXPECT(ps_sector_eigenvalues_work_size(65, 4, &len), PS_TOO_MANY_SITES);
    EXPECT(ps_sector_eigenvalues_work_size(8, 9, &len), PS_INVALID_FILLING);
    EXPECT(ps_sector_eigenvalues_work_size(8, 4, &len), PS_OK);
    {
        double *work = xmalloc(len);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, levels, 70, work_small, 4, &needed), PS_WORKSPACE_TOO_SMALL);
        TRUE(needed == len); /* the bytes it needs */
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, levels, 70, work, len - 1, &needed), PS_WORKSPACE_TOO_SMALL);
        TRUE(needed == len);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, levels, 69, work, len, &needed), PS_LENGTH_MISMATCH);
        TRUE(needed == 70); /* the levels it needs */
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, levels, 70, (unsigned char *)work + 4, len - 8, NULL), PS_MISALIGNED);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, levels, 70, work, len, (size_t *)(void *)(work + 3)), PS_OVERLAP);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, NULL, 70, work, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, levels, 70, NULL, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_sector_eigenvalues(8, 4, NULL, 12, XI, 0.2, 0.1, NULL, NULL, levels, 70, work, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, NULL, 0.2, 0.1, NULL, NULL, levels, 70, work, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, nan, 0.1, NULL, NULL, levels, 70, work, len, NULL), PS_NON_FINITE);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, -inf, NULL, NULL, levels, 70, work, len, NULL), PS_NON_FINITE);
        EXPECT(ps_sector_eigenvalues(8, 9, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, levels, 70, work, len, NULL), PS_INVALID_FILLING);
        EXPECT(ps_sector_eigenvalues(65, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, levels, 70, work, len, NULL), PS_TOO_MANY_SITES);
        EXPECT(ps_sector_eigenvalues(8, 4, bad_edges, 2, XI, 0.2, 0.1, NULL, NULL, levels, 70, work, len, NULL), PS_SELF_LOOP);
        /* an input inside an output: refused (it used to return PS_OK with wrong levels) */
        memcpy(work, XI, sizeof XI);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, work, 0.2, 0.1, NULL, NULL, levels, 70, work, len, NULL), PS_OVERLAP);
        memcpy(levels + 62, XI, sizeof XI);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, levels + 62, 0.2, 0.1, NULL, NULL, levels, 70, work, len, NULL), PS_OVERLAP);
        memcpy(work, CUBE, sizeof CUBE);
        EXPECT(ps_sector_eigenvalues(8, 4, (const uint8_t *)work, 12, XI, 0.2, 0.1, NULL, NULL, levels, 70, work, len, NULL), PS_OVERLAP);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, work + 100, 70, work, len, NULL), PS_OVERLAP);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, levels, 70, work, len, NULL), PS_OK);
        free(work);
    }

    /* Lanczos */
    EXPECT(ps_lowest_work_size(NULL, 1, 0, 0, &len), PS_NULL_POINTER);
    EXPECT(ps_lowest_work_size(h, 1, 0, 0, NULL), PS_NULL_POINTER);
    EXPECT(ps_lowest_work_size(h, 1, 0, 0, &len), PS_OK);
    {
        double *work = xmalloc(len);
        double vals[2], ress[2], vecs[140];
        EXPECT(ps_lowest(NULL, 1, 0.0, 0, &v, &res, NULL, work, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_lowest(h, 0, 0.0, 0, &v, &res, NULL, work, len, NULL), PS_INVALID_ARGUMENT);
        EXPECT(ps_lowest(h, 71, 0.0, 0, &v, &res, NULL, work, len, NULL), PS_INVALID_ARGUMENT);
        EXPECT(ps_lowest(h, 1, nan, 0, &v, &res, NULL, work, len, NULL), PS_NON_FINITE);
        EXPECT(ps_lowest(h, 1, inf, 0, &v, &res, NULL, work, len, NULL), PS_NON_FINITE);
        EXPECT(ps_lowest(h, 1, 0.0, 0, &v, &res, NULL, work_small, 4, &needed), PS_WORKSPACE_TOO_SMALL);
        TRUE(needed == len);
        EXPECT(ps_lowest(h, 1, 0.0, 0, NULL, &res, NULL, work, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_lowest(h, 1, 0.0, 0, &v, NULL, NULL, work, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_lowest(h, 1, 0.0, 0, &v, &v, NULL, work, len, NULL), PS_OVERLAP);
        EXPECT(ps_lowest(h, 1, 0.0, 0, &v, &res, NULL, NULL, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_lowest(h, 1, 0.0, 0, &v, &res, NULL, work, len, NULL), PS_OK);
        TRUE(fabs(v - levels[0]) < 1e-9);
        {
            /* a step limit: less workspace, the same bits when it is not reached */
            size_t len_short = 0;
            double v_short = 0;
            EXPECT(ps_lowest_work_size(h, 1, SIZE_MAX, 0, &len_short), PS_DIMENSION_OVERFLOW);
            EXPECT(ps_lowest_work_size(h, 1, 100, 0, &len_short), PS_OK);
            TRUE(len_short < len);
            EXPECT(ps_lowest(h, 1, 0.0, 0, &v_short, &res, NULL, work, len_short, NULL), PS_WORKSPACE_TOO_SMALL);
            EXPECT(ps_lowest(h, 1, 0.0, 100, &v_short, &res, NULL, work, len_short - 1, NULL), PS_WORKSPACE_TOO_SMALL);
            EXPECT(ps_lowest(h, 1, 0.0, 100, &v_short, &res, NULL, work, len_short, NULL), PS_OK);
            TRUE(memcmp(&v_short, &v, sizeof v) == 0);
            EXPECT(ps_lowest(h, 1, 0.0, 3, &v_short, &res, NULL, work, len, NULL), PS_NO_CONVERGENCE);
        }
        EXPECT(ps_lowest(h, 2, 1e-12, 0, vals, ress, vecs, work, len, NULL), PS_WORKSPACE_TOO_SMALL);
        free(work);
        EXPECT(ps_lowest_work_size(h, 2, 0, 1, &len), PS_OK);
        work = xmalloc(len);
        EXPECT(ps_lowest(h, 2, 1e-12, 0, vecs + 1, ress, vecs, work, len, NULL), PS_OVERLAP);
        EXPECT(ps_lowest(h, 2, 1e-12, 0, vals, ress, vecs, work, len, NULL), PS_OK);
        /* without vectors the call needs the with_vectors = 0 size, k D doubles more */
        EXPECT(ps_lowest(h, 2, 1e-12, 0, vals, ress, NULL, work, len, &needed), PS_WORKSPACE_TOO_SMALL);
        TRUE(needed == len + 2 * 70 * sizeof(double));
        free(work);
        EXPECT(ps_lowest_work_size(h, 2, 0, 0, &len), PS_OK);
        TRUE(needed == len);
        work = xmalloc(len);
        EXPECT(ps_lowest(h, 2, 1e-12, 0, vals, ress, NULL, work, len, NULL), PS_OK);
        TRUE(fabs(vals[1] - levels[1]) < 1e-9);
        free(work);
    }

    /* thick-restart Lanczos: certified multiplets, the basis in the workspace */
    EXPECT(ps_trlan_lowest_work_size(NULL, 2, 0, &len), PS_NULL_POINTER);
    EXPECT(ps_trlan_lowest_work_size(h, 2, 0, NULL), PS_NULL_POINTER);
    EXPECT(ps_trlan_lowest_work_size(h, 0, 0, &len), PS_INVALID_ARGUMENT);
    EXPECT(ps_trlan_lowest_work_size(h, 71, 0, &len), PS_INVALID_ARGUMENT);
    EXPECT(ps_trlan_lowest_work_size(h, 2, 4, &len), PS_INVALID_ARGUMENT); /* ncv < k + 3 */
    EXPECT(ps_trlan_lowest_work_size(h, 2, 0, &len), PS_OK);
    {
        double *work = xmalloc(len);
        double vals[2], ress[2], vecs[140];
        size_t len12 = 0;
        EXPECT(ps_trlan_lowest(NULL, 2, 0, 0.0, 0, vals, ress, vecs, work, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_trlan_lowest(h, 0, 0, 0.0, 0, vals, ress, vecs, work, len, NULL), PS_INVALID_ARGUMENT);
        EXPECT(ps_trlan_lowest(h, 2, 0, nan, 0, vals, ress, vecs, work, len, NULL), PS_NON_FINITE);
        EXPECT(ps_trlan_lowest(h, 2, 0, 0.0, 0, vals, ress, vecs, work, len - 1, &needed), PS_WORKSPACE_TOO_SMALL);
        TRUE(needed == len);
        EXPECT(ps_trlan_lowest(h, 2, 0, 0.0, 0, vals, ress, vecs, work_small, 4, NULL), PS_WORKSPACE_TOO_SMALL);
        EXPECT(ps_trlan_lowest(h, 2, 0, 0.0, 0, NULL, ress, vecs, work, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_trlan_lowest(h, 2, 0, 0.0, 0, vals, ress, vecs, NULL, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_trlan_lowest(h, 2, 0, 0.0, 0, vals, vals + 1, vecs, work, len, NULL), PS_OVERLAP);
        EXPECT(ps_trlan_lowest(h, 2, 0, 0.0, 0, vals, ress, work + 1, work, len, NULL), PS_OVERLAP);
        EXPECT(ps_trlan_lowest(h, 2, 0, 0.0, 0, vals, ress, vecs, work, len, NULL), PS_OK);
        TRUE(fabs(vals[0] - levels[0]) < 1e-9 && fabs(vals[1] - levels[1]) < 1e-9);
        EXPECT(ps_trlan_lowest(h, 2, 0, 0.0, 0, vals, ress, NULL, work, len, NULL), PS_OK);
        EXPECT(ps_trlan_lowest(h, 2, 0, 0.0, 2, vals, ress, NULL, work, len, NULL), PS_NO_CONVERGENCE);
        /* a given basis of 12 vectors: its own size */
        EXPECT(ps_trlan_lowest_work_size(h, 2, 12, &len12), PS_OK);
        TRUE(len12 < len);
        EXPECT(ps_trlan_lowest(h, 2, 12, 0.0, 0, vals, ress, NULL, work, len12 - 1, NULL), PS_WORKSPACE_TOO_SMALL);
        EXPECT(ps_trlan_lowest(h, 2, 12, 0.0, 0, vals, ress, NULL, work, len12, NULL), PS_OK);
        TRUE(fabs(vals[1] - levels[1]) < 1e-9);
        free(work);
    }

    /* per-edge couplings: equal values give the uniform coupling's levels */
    {
        double jxy_e[12], jzz_e[12], pe[70], uni[70];
        size_t wl = 0;
        double *work;
        for (i = 0; i < 12; i++) {
            jxy_e[i] = 0.2;
            jzz_e[i] = 0.1;
        }
        EXPECT(ps_sector_eigenvalues_work_size(8, 4, &wl), PS_OK);
        work = xmalloc(wl);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, uni, 70, work, wl, NULL), PS_OK);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, nan, nan, jxy_e, jzz_e, pe, 70, work, wl, NULL), PS_OK);
        TRUE(memcmp(pe, uni, sizeof pe) == 0);
        jzz_e[5] = inf;
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, jxy_e, jzz_e, pe, 70, work, wl, NULL), PS_NON_FINITE);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, jxy_e, NULL, pe, 70, work, wl, NULL), PS_OK);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, work, NULL, pe, 70, work, wl, NULL), PS_OVERLAP);
        EXPECT(ps_sector_eigenvalues(8, 4, CUBE, 12, XI, 0.2, 0.1, (const double *)(const void *)((const char *)jxy_e + 1), NULL, pe, 70, work, wl, NULL), PS_MISALIGNED);
        TRUE(ps_hamiltonian_init_static(mem, bytes, 8, 4, CUBE, 12, XI, 0.2, 0.1, jxy_e, jzz_e, &status, NULL) == NULL);
        EXPECT(status, PS_NON_FINITE);
        free(work);
    }

    /* one realization's windowed statistics in one call */
    {
        ps_realization_options opts, slicing;
        ps_realization_report rep;
        ps_window_stats st3[3];
        ps_window win[3];
        size_t rb = 0, sb = 0;
        double *work;
        win[0].kind = PS_WINDOW_NORMALIZED;
        win[0].lo = 0.25;
        win[0].hi = 0.75;
        win[1].kind = PS_WINDOW_RELATIVE_TO_GROUND;
        win[1].lo = 0.0;
        win[1].hi = 1.5;
        win[2].kind = PS_WINDOW_ABSOLUTE;
        win[2].lo = -inf;
        win[2].hi = inf;
        EXPECT(ps_realization_options_default(NULL), PS_NULL_POINTER);
        EXPECT(ps_realization_options_default(&opts), PS_OK);
        TRUE(opts.dense_max_dim == 4096 && opts.slice_levels == 0 && opts.slice_workers == 1 &&
             opts.max_basis == 1024);
        EXPECT(ps_realization_gap_ratios_work_size(8, 4, CUBE, 12, 0.2, NULL, 3, &opts, NULL), PS_NULL_POINTER);
        EXPECT(ps_realization_gap_ratios_work_size(8, 9, CUBE, 12, 0.2, NULL, 3, &opts, &rb), PS_INVALID_FILLING);
        EXPECT(ps_realization_gap_ratios_work_size(8, 4, NULL, 12, 0.2, NULL, 3, &opts, &rb), PS_NULL_POINTER);
        EXPECT(ps_realization_gap_ratios_work_size(8, 4, CUBE, 12, nan, NULL, 3, &opts, &rb), PS_NON_FINITE);
        EXPECT(ps_realization_gap_ratios_work_size(8, 4, CUBE, 12, 0.2, NULL, 3, &opts, &rb), PS_OK);
        work = xmalloc(rb);
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, win, 3, &opts, st3, &rep, work, rb - 1, &needed), PS_WORKSPACE_TOO_SMALL);
        TRUE(needed == rb);
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, win, 3, &opts, st3, &rep, work_small, 4, NULL), PS_WORKSPACE_TOO_SMALL);
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, NULL, 3, &opts, st3, &rep, work, rb, NULL), PS_NULL_POINTER);
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, win, 3, &opts, NULL, &rep, work, rb, NULL), PS_NULL_POINTER);
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, win, 3, &opts, st3, &rep, NULL, rb, NULL), PS_NULL_POINTER);
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, NULL, 0.2, 0.1, NULL, NULL, win, 3, &opts, st3, &rep, work, rb, NULL), PS_NULL_POINTER);
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, win, 3, &opts, st3, (ps_realization_report *)(void *)(st3 + 1), work, rb, NULL), PS_OVERLAP);
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, win, 3, &opts, (ps_window_stats *)(void *)work, &rep, work, rb, NULL), PS_OVERLAP);
        win[1].lo = 2.0; /* lo > hi */
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, win, 3, &opts, st3, &rep, work, rb, NULL), PS_INVALID_ARGUMENT);
        win[1].lo = nan;
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, win, 3, &opts, st3, &rep, work, rb, NULL), PS_NON_FINITE);
        win[1].lo = 0.0;
        win[1].kind = 7;
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, win, 3, &opts, st3, &rep, work, rb, NULL), PS_INVALID_ARGUMENT);
        win[1].kind = PS_WINDOW_RELATIVE_TO_GROUND;
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, win, 3, &opts, st3, &rep, work, rb, NULL), PS_OK);
        TRUE(rep.method == PS_METHOD_DENSE && rep.dim == 70 && rep.e_min == levels[0] && rep.e_max == levels[69]);
        TRUE(st3[2].n_levels == 70 && st3[0].n_ratios > 0 && st3[1].n_levels > 0);
        /* NULL options: the defaults; NULL report: not wanted */
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, win, 3, NULL, st3, NULL, work, rb, NULL), PS_OK);
        free(work);
        /* the slicing path, the whole spectrum in a window of its own */
        slicing = opts;
        slicing.dense_max_dim = 0;
        EXPECT(ps_realization_gap_ratios_work_size(8, 4, CUBE, 12, 0.2, NULL, 2, &slicing, &sb), PS_OK);
        TRUE(sb != rb);
        work = xmalloc(sb);
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, win + 1, 2, &slicing, st3, &rep, work, sb, NULL), PS_OK);
        TRUE(rep.method == PS_METHOD_SLICING && rep.matvecs > 0 && st3[1].n_levels == 70);
        slicing.max_basis = 8; /* below 2 * block: the options */
        EXPECT(ps_realization_gap_ratios(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, win + 1, 2, &slicing, st3, &rep, work, sb, NULL), PS_INVALID_ARGUMENT);
        free(work);
    }

    /* every level in a window */
    EXPECT(ps_window_eigenvalues_work_size(NULL, &len), PS_NULL_POINTER);
    EXPECT(ps_window_eigenvalues_work_size(h, NULL), PS_NULL_POINTER);
    EXPECT(ps_window_eigenvalues_work_size(h, &len), PS_OK);
    {
        double *work = xmalloc(len), out[70];
        EXPECT(ps_window_eigenvalues(NULL, -1, 1, out, 70, &count, work, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_window_eigenvalues(h, nan, 1, out, 70, &count, work, len, NULL), PS_NON_FINITE);
        EXPECT(ps_window_eigenvalues(h, 1, -1, out, 70, &count, work, len, NULL), PS_INVALID_ARGUMENT);
        EXPECT(ps_window_eigenvalues(h, -1, 1, out, 70, NULL, work, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_window_eigenvalues(h, -1, 1, out, 70, &count, work, len - 1, &needed), PS_WORKSPACE_TOO_SMALL);
        TRUE(needed == len);
        EXPECT(ps_window_eigenvalues(h, -1, 1, out, 70, &count, NULL, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_window_eigenvalues(h, -1, 1, NULL, 70, &count, work, len, NULL), PS_NULL_POINTER);
        EXPECT(ps_window_eigenvalues(h, -inf, inf, out, 3, &count, work, len, &needed), PS_LENGTH_MISMATCH);
        TRUE(count == 70 && needed == 70); /* the length out needs */
        EXPECT(ps_window_eigenvalues(h, -1, 1, out, 70, (size_t *)(void *)(out + 3), work, len, NULL), PS_OVERLAP);
        EXPECT(ps_window_eigenvalues(h, -1, 1, out, 70, &count, work, len, (size_t *)(void *)work), PS_OVERLAP);
        EXPECT(ps_window_eigenvalues(h, -inf, inf, out, 70, &count, work, len, NULL), PS_OK);
        TRUE(count == 70);
        for (i = 0; i < 70 && i < count; i++) TRUE(fabs(out[i] - levels[i]) < 1e-10);
        free(work);
    }

    /* gap ratios and the accumulator */
    {
        ps_window_stats s, bad;
        ps_summary sum;
        size_t ab = 0;
        void *m1, *m2;
        ps_accumulator *a1, *a2;
        double unsorted[3] = {0.0, 2.0, 1.0}, with_nan[3] = {0.0, nan, 1.0};
        EXPECT(ps_gap_ratio_window(levels, 70, PS_WINDOW_NORMALIZED, 0.25, 0.75, NULL), PS_NULL_POINTER);
        EXPECT(ps_gap_ratio_window(NULL, 70, PS_WINDOW_NORMALIZED, 0.25, 0.75, &s), PS_NULL_POINTER);
        EXPECT(ps_gap_ratio_window(levels, 70, 7, 0.25, 0.75, &s), PS_INVALID_ARGUMENT);
        EXPECT(ps_gap_ratio_window(levels, 70, PS_WINDOW_ABSOLUTE, nan, 0.75, &s), PS_NON_FINITE);
        EXPECT(ps_gap_ratio_window(levels, 70, PS_WINDOW_ABSOLUTE, 1.0, -1.0, &s), PS_INVALID_ARGUMENT);
        EXPECT(ps_gap_ratio_window(unsorted, 3, PS_WINDOW_ABSOLUTE, -inf, inf, &s), PS_INVALID_ARGUMENT);
        EXPECT(ps_gap_ratio_window(with_nan, 3, PS_WINDOW_ABSOLUTE, -inf, inf, &s), PS_NON_FINITE);
        EXPECT(ps_gap_ratio_window(NULL, 0, PS_WINDOW_ABSOLUTE, -inf, inf, &s), PS_OK);
        TRUE(s.n_ratios == 0 && isnan(s.mean_r));
        EXPECT(ps_gap_ratio_window(levels, 70, PS_WINDOW_NORMALIZED, 0.25, 0.75, &s), PS_OK);
        TRUE(s.n_ratios > 0 && s.mean_r > 0.0 && s.mean_r < 1.0);

        EXPECT(ps_accumulator_size(NULL), PS_NULL_POINTER);
        EXPECT(ps_accumulator_size(&ab), PS_OK);
        m1 = xmalloc(ab);
        m2 = xmalloc(ab);
        TRUE(ps_accumulator_init(NULL, ab, 0, &status, NULL) == NULL);
        EXPECT(status, PS_NULL_POINTER);
        TRUE(ps_accumulator_init(m1, ab - 1, 0, &status, &needed) == NULL);
        TRUE(needed == ab);
        EXPECT(status, PS_WORKSPACE_TOO_SMALL);
        TRUE(ps_accumulator_init((unsigned char *)m1 + 4, ab - 4, 0, &status, NULL) == NULL);
        EXPECT(status, PS_MISALIGNED);
        TRUE(ps_accumulator_init(m1, ab, (1ULL << 32) + 1, &status, NULL) == NULL);
        EXPECT(status, PS_INVALID_ARGUMENT);
        a1 = ps_accumulator_init(m1, ab, 0, &status, NULL);
        EXPECT(status, PS_OK);
        a2 = ps_accumulator_init(m2, ab, 5, NULL, NULL);
        TRUE(a1 != NULL && a2 != NULL);
        EXPECT(ps_accumulator_push(NULL, &s), PS_NULL_POINTER);
        EXPECT(ps_accumulator_push(a1, NULL), PS_NULL_POINTER);
        bad = s;
        bad.mean_r = nan;
        EXPECT(ps_accumulator_push(a1, &bad), PS_NON_FINITE);
        bad.mean_r = inf;
        EXPECT(ps_accumulator_push(a1, &bad), PS_NON_FINITE);
        bad.mean_r = 1e300;
        EXPECT(ps_accumulator_push(a1, &bad), PS_INVALID_ARGUMENT);
        EXPECT(ps_accumulator_push(a1, &s), PS_OK);
        EXPECT(ps_accumulator_push(a2, &s), PS_OK);
        EXPECT(ps_accumulator_merge(NULL, a2), PS_NULL_POINTER);
        EXPECT(ps_accumulator_merge(a1, NULL), PS_NULL_POINTER);
        EXPECT(ps_accumulator_merge(a1, a1), PS_OVERLAP);
        EXPECT(ps_accumulator_merge(a1, a2), PS_INVALID_ARGUMENT); /* 0..1 and 5..6 */
        EXPECT(ps_accumulator_push(a1, (const ps_window_stats *)m1), PS_OVERLAP);
        EXPECT(ps_accumulator_summary(a1, (ps_summary *)m1), PS_OVERLAP);
        EXPECT(ps_accumulator_summary(NULL, &sum), PS_NULL_POINTER);
        EXPECT(ps_accumulator_summary(a1, NULL), PS_NULL_POINTER);
        EXPECT(ps_accumulator_summary(a1, &sum), PS_OK);
        TRUE(sum.count == 1 && sum.mean == s.mean_r && isnan(sum.std_error));
        free(m1);
        free(m2);
    }

    /* cavity */
    EXPECT(ps_critical_coupling(2.0, NULL), PS_NULL_POINTER);
    EXPECT(ps_critical_coupling(0.5, &v), PS_INVALID_ARGUMENT);
    EXPECT(ps_critical_coupling(nan, &v), PS_NON_FINITE);
    EXPECT(ps_critical_coupling(inf, &v), PS_NON_FINITE);
    EXPECT(ps_critical_coupling(1.0, &v), PS_OK);
    TRUE(fabs(v - exp(-1.0)) < 1e-15);
    EXPECT(ps_tc_rs(0.5, NULL), PS_NULL_POINTER);
    EXPECT(ps_tc_rs(-1.0, &v), PS_INVALID_ARGUMENT);
    EXPECT(ps_tc_rs(nan, &v), PS_NON_FINITE);
    EXPECT(ps_tc_rs(0.5, &v), PS_OK);
    TRUE(v > 0.0);
    EXPECT(ps_tc_rsb(0.5, 2.0, NULL), PS_NULL_POINTER);
    EXPECT(ps_tc_rsb(0.5, 0.5, &v), PS_INVALID_ARGUMENT);
    EXPECT(ps_tc_rsb(nan, 2.0, &v), PS_NON_FINITE);
    EXPECT(ps_tc_rsb(0.5, inf, &v), PS_NON_FINITE);
    EXPECT(ps_tc_rsb(0.5, 2.0, &v), PS_OK);
    TRUE(v >= 0.0);
    {
        double gw[64], se = 0;
        size_t gl = 0;
        EXPECT(ps_growth_rate_work_size(32, NULL), PS_NULL_POINTER);
        EXPECT(ps_growth_rate_work_size(SIZE_MAX, &gl), PS_DIMENSION_OVERFLOW);
        EXPECT(ps_growth_rate_work_size(32, &gl), PS_OK);
        TRUE(gl == 64 * sizeof(double));
        EXPECT(ps_growth_rate(0.3, 4.0, 0.05, 32, 5, 4, 5, PS_GROWTH_TYPICAL, 1, gw, sizeof gw, NULL, &se, NULL), PS_NULL_POINTER);
        EXPECT(ps_growth_rate(0.3, 4.0, 0.05, 32, 5, 4, 5, PS_GROWTH_TYPICAL, 1, gw, sizeof gw, &v, NULL, NULL), PS_NULL_POINTER);
        EXPECT(ps_growth_rate(0.3, 4.0, 0.05, 32, 5, 4, 5, PS_GROWTH_TYPICAL, 1, gw, sizeof gw, &v, &v, NULL), PS_OVERLAP);
        EXPECT(ps_growth_rate(0.3, 4.0, 0.05, 32, 5, 4, 5, PS_GROWTH_TYPICAL, 1, gw, sizeof gw, &gw[3], &se, NULL), PS_OVERLAP);
        EXPECT(ps_growth_rate(0.3, 4.0, 0.05, 32, 5, 4, 5, PS_GROWTH_TYPICAL, 1, NULL, sizeof gw, &v, &se, NULL), PS_NULL_POINTER);
        EXPECT(ps_growth_rate(0.3, 4.0, 0.05, 32, 5, 4, 5, PS_GROWTH_TYPICAL, 1, gw, sizeof gw - 1, &v, &se, &needed), PS_WORKSPACE_TOO_SMALL);
        TRUE(needed == sizeof gw);
        EXPECT(ps_growth_rate(0.3, 4.0, 0.05, 32, 5, 4, 5, PS_GROWTH_TYPICAL, 1, gw, 0, &v, &se, NULL), PS_WORKSPACE_TOO_SMALL);
        EXPECT(ps_growth_rate(0.3, 4.0, 0.05, 0, 5, 4, 5, PS_GROWTH_TYPICAL, 1, gw, sizeof gw, &v, &se, NULL), PS_INVALID_ARGUMENT);
        EXPECT(ps_growth_rate(0.3, 4.0, 0.05, 32, 5, 1, 5, PS_GROWTH_TYPICAL, 1, gw, sizeof gw, &v, &se, NULL), PS_INVALID_ARGUMENT);
        EXPECT(ps_growth_rate(0.3, 4.0, 0.05, 32, 5, 4, 0, PS_GROWTH_TYPICAL, 1, gw, sizeof gw, &v, &se, NULL), PS_INVALID_ARGUMENT);
        EXPECT(ps_growth_rate(0.3, 4.0, 0.05, 32, 5, 4, 5, 7, 1, gw, sizeof gw, &v, &se, NULL), PS_INVALID_ARGUMENT);
        EXPECT(ps_growth_rate(0.3, 4.5, 0.05, 32, 5, 4, 5, PS_GROWTH_TYPICAL, 1, gw, sizeof gw, &v, &se, NULL), PS_INVALID_ARGUMENT);
        EXPECT(ps_growth_rate(-0.3, 4.0, 0.05, 32, 5, 4, 5, PS_GROWTH_TYPICAL, 1, gw, sizeof gw, &v, &se, NULL), PS_INVALID_ARGUMENT);
        EXPECT(ps_growth_rate(nan, 4.0, 0.05, 32, 5, 4, 5, PS_GROWTH_TYPICAL, 1, gw, sizeof gw, &v, &se, NULL), PS_NON_FINITE);
        EXPECT(ps_growth_rate(0.3, inf, 0.05, 32, 5, 4, 5, PS_GROWTH_TYPICAL, 1, gw, sizeof gw, &v, &se, NULL), PS_NON_FINITE);
        EXPECT(ps_growth_rate(0.3, 4.0, nan, 32, 5, 4, 5, PS_GROWTH_TYPICAL, 1, gw, sizeof gw, &v, &se, NULL), PS_NON_FINITE);
        EXPECT(ps_growth_rate(0.3, 4.0, 0.05, 32, 5, 4, 5, PS_GROWTH_MEAN, 1, gw, sizeof gw, &v, &se, NULL), PS_OK);
        TRUE(isfinite(v) && se >= 0.0);
    }

    /* single precision */
    {
        static const float XF[8] = {0.31f, -0.12f, 0.44f, -0.37f, 0.05f, 0.26f, -0.49f, 0.18f};
        float xf[70], yf[70], yf2[70], wf[70], vf = 0, rf = 0, *workf;
        size_t bf = 0, df = 0, lf = 0;
        void *memf;
        ps_hamiltonian_f32 *hf;
        EXPECT(ps_hamiltonian_size_f32(8, 4, CUBE, 12, NULL), PS_NULL_POINTER);
        EXPECT(ps_hamiltonian_size_f32(65, 4, CUBE, 12, &bf), PS_TOO_MANY_SITES);
        EXPECT(ps_hamiltonian_size_f32(8, 9, CUBE, 12, &bf), PS_INVALID_FILLING);
        EXPECT(ps_hamiltonian_size_f32(8, 4, CUBE, 12, &bf), PS_OK);
        memf = xmalloc(bf);
        TRUE(ps_hamiltonian_init_static_f32(memf, bf - 8, 8, 4, CUBE, 12, XF, 0.2f, 0.1f, NULL, NULL, &status, &needed) == NULL);
        TRUE(needed == bf);
        EXPECT(status, PS_WORKSPACE_TOO_SMALL);
        TRUE(ps_hamiltonian_init_static_f32(memf, bf, 8, 4, CUBE, 12, XF, (float)nan, 0.1f, NULL, NULL, &status, NULL) == NULL);
        EXPECT(status, PS_NON_FINITE);
        TRUE(ps_hamiltonian_init_static_f32(NULL, bf, 8, 4, CUBE, 12, XF, 0.2f, 0.1f, NULL, NULL, &status, NULL) == NULL);
        EXPECT(status, PS_NULL_POINTER);
        hf = ps_hamiltonian_init_static_f32(memf, bf, 8, 4, CUBE, 12, XF, 0.2f, 0.1f, NULL, NULL, &status, NULL);
        EXPECT(status, PS_OK);
        EXPECT(ps_hamiltonian_dim_f32(NULL, &df), PS_NULL_POINTER);
        EXPECT(ps_hamiltonian_dim_f32(hf, NULL), PS_NULL_POINTER);
        /* a double handle is not a float handle */
        EXPECT(ps_hamiltonian_dim_f32((const ps_hamiltonian_f32 *)(const void *)h, &df), PS_INVALID_HANDLE);
        EXPECT(ps_hamiltonian_dim((const ps_hamiltonian *)(const void *)hf, &df), PS_INVALID_HANDLE);
        EXPECT(ps_hamiltonian_dim_f32(hf, &df), PS_OK);
        TRUE(df == 70);
        for (i = 0; i < 70; i++) xf[i] = (float)i / 70.0f - 0.3f;
        EXPECT(ps_apply_f32(NULL, xf, yf, 70), PS_NULL_POINTER);
        EXPECT(ps_apply_f32(hf, xf, yf, 71), PS_LENGTH_MISMATCH);
        EXPECT(ps_apply_f32(hf, xf, xf, 70), PS_OVERLAP);
        EXPECT(ps_apply_f32(hf, xf, yf, 70), PS_OK);
        EXPECT(ps_apply_rows_f32(hf, xf, yf2, 5, 4), PS_INDEX_OUT_OF_RANGE);
        EXPECT(ps_apply_rows_f32(hf, NULL, yf2, 0, 70), PS_NULL_POINTER);
        EXPECT(ps_apply_rows_f32(hf, xf, yf2, 0, 70), PS_OK);
        TRUE(memcmp(yf, yf2, sizeof yf) == 0);
        EXPECT(ps_lowest_work_size_f32(NULL, 1, 0, 0, &lf), PS_NULL_POINTER);
        EXPECT(ps_lowest_work_size_f32(hf, 1, 0, 0, NULL), PS_NULL_POINTER);
        EXPECT(ps_lowest_work_size_f32(hf, 1, 0, 0, &lf), PS_OK);
        workf = xmalloc(lf);
        EXPECT(ps_lowest_f32(hf, 1, 0.0f, 0, &vf, &rf, NULL, workf, lf - 1, &needed), PS_WORKSPACE_TOO_SMALL);
        TRUE(needed == lf);
        EXPECT(ps_lowest_f32(hf, 1, (float)nan, 0, &vf, &rf, NULL, workf, lf, NULL), PS_NON_FINITE);
        EXPECT(ps_lowest_f32(hf, 0, 0.0f, 0, &vf, &rf, NULL, workf, lf, NULL), PS_INVALID_ARGUMENT);
        EXPECT(ps_lowest_f32(hf, 1, 0.0f, 0, &vf, &rf, NULL, workf, lf, NULL), PS_OK);
        TRUE(fabs((double)vf - levels[0]) < 1e-4);
        free(workf);
        EXPECT(ps_trlan_lowest_work_size_f32(NULL, 1, 0, &lf), PS_NULL_POINTER);
        EXPECT(ps_trlan_lowest_work_size_f32(hf, 1, 0, NULL), PS_NULL_POINTER);
        EXPECT(ps_trlan_lowest_work_size_f32(hf, 1, 0, &lf), PS_OK);
        workf = xmalloc(lf);
        EXPECT(ps_trlan_lowest_f32(hf, 1, 0, 0.0f, 0, &vf, &rf, NULL, workf, lf - 1, &needed), PS_WORKSPACE_TOO_SMALL);
        TRUE(needed == lf);
        EXPECT(ps_trlan_lowest_f32(hf, 1, 0, 0.0f, 0, NULL, &rf, NULL, workf, lf, NULL), PS_NULL_POINTER);
        EXPECT(ps_trlan_lowest_f32(hf, 1, 0, 0.0f, 0, &vf, &rf, NULL, workf, lf, NULL), PS_OK);
        TRUE(fabs((double)vf - levels[0]) < 1e-4);
        free(workf);
        EXPECT(ps_sector_eigenvalues_work_size_f32(8, 4, NULL), PS_NULL_POINTER);
        EXPECT(ps_sector_eigenvalues_work_size_f32(8, 4, &lf), PS_OK);
        workf = xmalloc(lf);
        EXPECT(ps_sector_eigenvalues_f32(8, 4, CUBE, 12, XF, 0.2f, 0.1f, NULL, NULL, wf, 70, workf, lf - 1, NULL), PS_WORKSPACE_TOO_SMALL);
        EXPECT(ps_sector_eigenvalues_f32(8, 4, CUBE, 12, XF, (float)inf, 0.1f, NULL, NULL, wf, 70, workf, lf, NULL), PS_NON_FINITE);
        EXPECT(ps_sector_eigenvalues_f32(8, 4, CUBE, 12, XF, 0.2f, 0.1f, NULL, NULL, wf, 69, workf, lf, NULL), PS_LENGTH_MISMATCH);
        EXPECT(ps_sector_eigenvalues_f32(8, 4, CUBE, 12, XF, 0.2f, 0.1f, NULL, NULL, NULL, 70, workf, lf, NULL), PS_NULL_POINTER);
        EXPECT(ps_sector_eigenvalues_f32(8, 4, CUBE, 12, XF, 0.2f, 0.1f, NULL, NULL, wf, 70, workf, lf, NULL), PS_OK);
        for (i = 0; i < 70; i++) TRUE(fabs((double)wf[i] - levels[i]) < 1e-4);
        free(workf);
        free(memf);
    }

    /* hosted conveniences */
    TRUE(ps_hamiltonian_create(8, 9, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, &status) == NULL);
    EXPECT(status, PS_INVALID_FILLING);
    TRUE(ps_hamiltonian_create(8, 4, CUBE, 12, XI, nan, 0.1, NULL, NULL, &status) == NULL);
    EXPECT(status, PS_NON_FINITE);
    {
        ps_hamiltonian *h2 = ps_hamiltonian_create(8, 4, CUBE, 12, XI, 0.2, 0.1, NULL, NULL, &status);
        size_t d2 = 0;
        double xic[8];
        int st = -1;
        EXPECT(status, PS_OK);
        EXPECT(ps_hamiltonian_dim(h2, &d2), PS_OK);
        TRUE(d2 == 70);
        EXPECT(ps_hamiltonian_free(h2), PS_OK);
        EXPECT(ps_hamiltonian_free(NULL), PS_OK);
        /* the status inside an input */
        memcpy(xic, XI, sizeof XI);
        TRUE(ps_hamiltonian_create(8, 4, CUBE, 12, xic, 0.2, 0.1, NULL, NULL, (int *)(void *)xic) == NULL);
        memcpy(&st, xic, sizeof st);
        EXPECT(st, PS_OVERLAP);
    }
    free(mem);

    /* which argument failed: the calling thread's record of its last failure */
    {
        ps_error e;
        uint8_t eo[24];
        double xo[8];
        size_t d0 = 0;
        ps_error_clear();
        EXPECT(ps_last_error(&e), PS_OK);
        EXPECT(e.status, PS_OK);
        TRUE(e.argument == 0 && e.other_argument == 0 && e.function[0] == '\0');
        /* edges_out (6) one byte short: its length edges_len (7), which needs n z */
        EXPECT(ps_draw_realization(8, 3, 1.0, 1, 0, eo, 23, xo, 8, NULL), PS_LENGTH_MISMATCH);
        EXPECT(ps_last_error(&e), PS_OK);
        EXPECT(e.status, PS_LENGTH_MISMATCH);
        TRUE(e.argument == 7 && e.other_argument == 6 && e.needed == 24);
        TRUE(strcmp(e.function, "ps_draw_realization") == 0);
        printf("abuse: %s failed at argument %d (%s; argument %d needs %zu)\n", e.function,
               e.argument, ps_status_name(e.status), e.other_argument, e.needed);
        /* a success leaves the record; a NULL query is returned, not recorded */
        EXPECT(ps_sector_dim(8, 4, &d0), PS_OK);
        EXPECT(ps_last_error(NULL), PS_NULL_POINTER);
        EXPECT(ps_last_error(&e), PS_OK);
        EXPECT(e.status, PS_LENGTH_MISMATCH);
        /* an overlap: the later buffer (xi_out, 8), the earlier (edges_out, 6) */
        EXPECT(ps_draw_realization(8, 3, 1.0, 1, 0, (uint8_t *)(void *)xo, 64, xo, 8, NULL),
               PS_OVERLAP);
        EXPECT(ps_last_error(&e), PS_OK);
        TRUE(e.argument == 8 && e.other_argument == 6);
        ps_error_clear();
        EXPECT(ps_last_error(&e), PS_OK);
        EXPECT(e.status, PS_OK);
    }


    printf("abuse: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
