! pseudospin: Fortran 2008 bind(C) interfaces to the C ABI (include/pseudospin.h).
! Written by hand from the header; examples/c/run.sh builds and runs a program using it.
! Conventions as in the header: every function returns a status (PS_OK = 0), sizes are
! c_size_t, edges are pairs of c_int8_t vertex indices (0-based), arrays are passed by
! reference and must have the lengths the header documents.
module pseudospin
  use, intrinsic :: iso_c_binding
  implicit none

  integer(c_int), parameter :: PS_OK = 0, PS_TOO_MANY_SITES = 1, PS_INVALID_FILLING = 2, &
       PS_DIMENSION_OVERFLOW = 3, PS_LENGTH_MISMATCH = 4, PS_WORKSPACE_TOO_SMALL = 5, &
       PS_NON_FINITE = 6, PS_EDGE_OUT_OF_RANGE = 7, PS_SELF_LOOP = 8, PS_DUPLICATE_EDGE = 9, &
       PS_CAPACITY_EXCEEDED = 10, PS_INVALID_ARGUMENT = 11, PS_INDEX_OUT_OF_RANGE = 12, &
       PS_STATE_NOT_IN_SECTOR = 13, PS_NOT_SYMMETRIC = 14, PS_NO_CONVERGENCE = 15, &
       PS_NULL_POINTER = 16, PS_MISALIGNED = 17, PS_OVERLAP = 18, PS_INVALID_HANDLE = 19, &
       PS_INTERNAL = 20
  integer(c_int), parameter :: PS_WINDOW_ABSOLUTE = 0, PS_WINDOW_RELATIVE_TO_GROUND = 1, &
       PS_WINDOW_NORMALIZED = 2
  integer(c_int), parameter :: PS_GROWTH_TYPICAL = 0, PS_GROWTH_MEAN = 1

  ! Gap-ratio statistics of one realization in one window (ps_window_stats).
  type, bind(C) :: ps_window_stats
     integer(c_int64_t) :: n_levels, n_ratios, n_ties
     real(c_double) :: mean_r
  end type ps_window_stats

  ! Summary of an accumulator (ps_summary).
  type, bind(C) :: ps_summary
     integer(c_int64_t) :: n_realizations, n_empty, count
     real(c_double) :: mean, variance, std_error
     integer(c_int64_t) :: n_ratios, n_ties, n_levels
  end type ps_summary

  interface
     integer(c_int) function ps_version_number() bind(C)
       import :: c_int
     end function
     type(c_ptr) function ps_status_name(status) bind(C)
       import :: c_int, c_ptr
       integer(c_int), value :: status
     end function
     integer(c_int) function ps_sector_dim(n, n_up, dim) bind(C)
       import :: c_int, c_size_t
       integer(c_size_t), value :: n, n_up
       integer(c_size_t), intent(out) :: dim
     end function
     integer(c_int) function ps_rank(n, n_up, state, index) bind(C)
       import :: c_int, c_size_t, c_int64_t
       integer(c_size_t), value :: n, n_up
       integer(c_int64_t), value :: state
       integer(c_size_t), intent(out) :: index
     end function
     integer(c_int) function ps_unrank(n, n_up, index, state) bind(C)
       import :: c_int, c_size_t, c_int64_t
       integer(c_size_t), value :: n, n_up, index
       integer(c_int64_t), intent(out) :: state
     end function
     integer(c_int64_t) function ps_realization_seed(base, r) bind(C)
       import :: c_int64_t
       integer(c_int64_t), value :: base, r
     end function
     integer(c_int) function ps_draw_realization(n, z, w, base_seed, r, edges_out, edges_len, &
          xi_out, xi_len) bind(C)
       import :: c_int, c_size_t, c_double, c_int64_t, c_int8_t
       integer(c_size_t), value :: n, z, edges_len, xi_len
       real(c_double), value :: w
       integer(c_int64_t), value :: base_seed, r
       integer(c_int8_t), intent(out) :: edges_out(*)
       real(c_double), intent(out) :: xi_out(*)
     end function
     integer(c_int) function ps_sector_eigenvalues_work_size(n, n_up, len) bind(C)
       import :: c_int, c_size_t
       integer(c_size_t), value :: n, n_up
       integer(c_size_t), intent(out) :: len
     end function
     integer(c_int) function ps_sector_eigenvalues(n, n_up, edges, n_edges, xi, jxy, jzz, &
          w_out, w_len, work, work_len) bind(C)
       import :: c_int, c_size_t, c_double, c_int8_t
       integer(c_size_t), value :: n, n_up, n_edges, w_len, work_len
       integer(c_int8_t), intent(in) :: edges(*)
       real(c_double), intent(in) :: xi(*)
       real(c_double), value :: jxy, jzz
       real(c_double), intent(out) :: w_out(*)
       real(c_double), intent(inout) :: work(*)
     end function
     integer(c_int) function ps_hamiltonian_size(n, n_up, edges, n_edges, bytes) bind(C)
       import :: c_int, c_size_t, c_int8_t
       integer(c_size_t), value :: n, n_up, n_edges
       integer(c_int8_t), intent(in) :: edges(*)
       integer(c_size_t), intent(out) :: bytes
     end function
     ! mem: c_loc of an 8-byte aligned buffer (e.g. an integer(c_int64_t) array) that
     ! stays in place while the handle is used. Returns the handle or c_null_ptr.
     type(c_ptr) function ps_hamiltonian_init_static(mem, mem_len, n, n_up, edges, n_edges, &
          xi, jxy, jzz, status) bind(C)
       import :: c_ptr, c_int, c_size_t, c_double, c_int8_t
       type(c_ptr), value :: mem
       integer(c_size_t), value :: mem_len, n, n_up, n_edges
       integer(c_int8_t), intent(in) :: edges(*)
       real(c_double), intent(in) :: xi(*)
       real(c_double), value :: jxy, jzz
       integer(c_int), intent(out) :: status
     end function
     integer(c_int) function ps_hamiltonian_dim(h, dim) bind(C)
       import :: c_int, c_size_t, c_ptr
       type(c_ptr), value :: h
       integer(c_size_t), intent(out) :: dim
     end function
     integer(c_int) function ps_apply(h, x, y, len) bind(C)
       import :: c_int, c_size_t, c_ptr, c_double
       type(c_ptr), value :: h
       real(c_double), intent(in) :: x(*)
       real(c_double), intent(out) :: y(*)
       integer(c_size_t), value :: len
     end function
     integer(c_int) function ps_apply_rows(h, x, y, row0, row1) bind(C)
       import :: c_int, c_size_t, c_ptr, c_double
       type(c_ptr), value :: h
       real(c_double), intent(in) :: x(*)
       real(c_double), intent(out) :: y(*)
       integer(c_size_t), value :: row0, row1
     end function
     ! max_steps: most Lanczos steps per level (0: the default, 2000).
     integer(c_int) function ps_lowest_work_size(h, k, max_steps, with_vectors, len) bind(C)
       import :: c_int, c_size_t, c_ptr
       type(c_ptr), value :: h
       integer(c_size_t), value :: k, max_steps
       integer(c_int), value :: with_vectors
       integer(c_size_t), intent(out) :: len
     end function
     ! vectors: c_null_ptr or c_loc of k * dim doubles.
     integer(c_int) function ps_lowest(h, k, tol, max_steps, values, residuals, vectors, work, &
          work_len) bind(C)
       import :: c_int, c_size_t, c_ptr, c_double
       type(c_ptr), value :: h, vectors
       integer(c_size_t), value :: k, max_steps, work_len
       real(c_double), value :: tol
       real(c_double), intent(out) :: values(*), residuals(*)
       real(c_double), intent(inout) :: work(*)
     end function
     integer(c_int) function ps_gap_ratio_window(levels, n_levels, kind, lo, hi, out) bind(C)
       import :: c_int, c_size_t, c_double, ps_window_stats
       real(c_double), intent(in) :: levels(*)
       integer(c_size_t), value :: n_levels
       integer(c_int), value :: kind
       real(c_double), value :: lo, hi
       type(ps_window_stats), intent(out) :: out
     end function
     integer(c_int) function ps_accumulator_size(bytes) bind(C)
       import :: c_int, c_size_t
       integer(c_size_t), intent(out) :: bytes
     end function
     type(c_ptr) function ps_accumulator_init(mem, mem_len, first, status) bind(C)
       import :: c_ptr, c_int, c_size_t, c_int64_t
       type(c_ptr), value :: mem
       integer(c_size_t), value :: mem_len
       integer(c_int64_t), value :: first
       integer(c_int), intent(out) :: status
     end function
     integer(c_int) function ps_accumulator_push(acc, stats) bind(C)
       import :: c_int, c_ptr, ps_window_stats
       type(c_ptr), value :: acc
       type(ps_window_stats), intent(in) :: stats
     end function
     integer(c_int) function ps_accumulator_merge(acc, other) bind(C)
       import :: c_int, c_ptr
       type(c_ptr), value :: acc, other
     end function
     integer(c_int) function ps_accumulator_summary(acc, out) bind(C)
       import :: c_int, c_ptr, ps_summary
       type(c_ptr), value :: acc
       type(ps_summary), intent(out) :: out
     end function
     integer(c_int) function ps_critical_coupling(k, g_c) bind(C)
       import :: c_int, c_double
       real(c_double), value :: k
       real(c_double), intent(out) :: g_c
     end function
     integer(c_int) function ps_tc_rs(g, tc) bind(C)
       import :: c_int, c_double
       real(c_double), value :: g
       real(c_double), intent(out) :: tc
     end function
     integer(c_int) function ps_tc_rsb(g, k, tc) bind(C)
       import :: c_int, c_double
       real(c_double), value :: g, k
       real(c_double), intent(out) :: tc
     end function
     integer(c_int) function ps_growth_rate_work_size(n, len) bind(C)
       import :: c_int, c_size_t
       integer(c_size_t), value :: n
       integer(c_size_t), intent(out) :: len
     end function
     integer(c_int) function ps_growth_rate(g, k, temperature, n, burn_in, blocks, &
          block_len, kind, seed, work, work_len, rate, std_err) bind(C)
       import :: c_int, c_double, c_size_t, c_int64_t
       real(c_double), value :: g, k, temperature
       integer(c_size_t), value :: n, burn_in, blocks, block_len
       integer(c_int), value :: kind
       integer(c_int64_t), value :: seed
       real(c_double), intent(inout) :: work(*)
       integer(c_size_t), value :: work_len
       real(c_double), intent(out) :: rate, std_err
     end function
  end interface
end module pseudospin
