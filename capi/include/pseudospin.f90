! pseudospin: Fortran 2008 bind(C) interfaces to the C ABI, generated from
! capi/include/pseudospin.h by capi/gen-fortran.py (capi/gen-header.sh); do not edit.
! Every function and constant of the header is here (capi/tests/fortran_module.rs checks
! it); the header's comments are the documentation. Conventions: every function that can
! fail returns a status (PS_OK = 0; ps_status_name(status) and ps_status_message(status)
! give its name and meaning as Fortran strings), sizes are integer(c_size_t), edges are
! pairs of integer(c_int8_t) vertex indices (0-based), arrays are passed by reference
! (dimension(*)), handles and caller memory blocks are type(c_ptr) (pass c_loc of a
! target array, or c_null_ptr where the header allows NULL).
module pseudospin
  use, intrinsic :: iso_c_binding
  implicit none
  private :: ps_c_string

  ! Major version of the library (`PS_VERSION_MAJOR`).
  integer(c_int), parameter :: PS_VERSION_MAJOR = 0
  ! Minor version of the library.
  integer(c_int), parameter :: PS_VERSION_MINOR = 1
  ! Patch version of the library.
  integer(c_int), parameter :: PS_VERSION_PATCH = 0
  ! Alignment of every caller workspace (the `void *work` of the solvers): 8 bytes, that
  ! of `double`; `malloc`'s alignment suffices.
  integer(c_int), parameter :: PS_WORK_ALIGN = 8
  ! Growth-rate kind: each generation is divided by exp(mean ln|y|), so the rate is the
  ! typical (directed-polymer) one, the rate whose sign change is T_c^RSB.
  integer(c_int), parameter :: PS_GROWTH_TYPICAL = 0
  ! Growth-rate kind: each generation is divided by mean |y|, so the rate is the annealed
  ! (replica-symmetric) one, ln(K E(w)), whose sign change is T_c^RS.
  integer(c_int), parameter :: PS_GROWTH_MEAN = 1
  ! Alignment the caller's block needs (that of `double` and of the handle).
  integer(c_int), parameter :: PS_HAMILTONIAN_ALIGN = 8
  ! Method of `ps_realization_report`: the whole spectrum by the dense eigensolver.
  integer(c_int), parameter :: PS_METHOD_DENSE = 0
  ! Method of `ps_realization_report`: the levels of each window by spectrum slicing.
  integer(c_int), parameter :: PS_METHOD_SLICING = 1
  ! Window kind: levels E with lo <= E <= hi.
  integer(c_int), parameter :: PS_WINDOW_ABSOLUTE = 0
  ! Window kind: levels with E_0 + lo <= E <= E_0 + hi, E_0 the lowest level.
  integer(c_int), parameter :: PS_WINDOW_RELATIVE_TO_GROUND = 1
  ! Window kind: levels whose normalized energy (E - E_min) / (E_max - E_min) is in
  ! [lo, hi] (0.25, 0.75 is the usual mid band).
  integer(c_int), parameter :: PS_WINDOW_NORMALIZED = 2
  ! Alignment the accumulator's block needs.
  integer(c_int), parameter :: PS_ACCUMULATOR_ALIGN = 8
  ! Success.
  integer(c_int), parameter :: PS_OK = 0
  ! N is larger than the routine supports (64 for bases, 36 for the blocked operator); N = 0
  ! is invalid_argument.
  integer(c_int), parameter :: PS_TOO_MANY_SITES = 1
  ! The number of up spins n_up exceeds the number of sites N.
  integer(c_int), parameter :: PS_INVALID_FILLING = 2
  ! A dimension or size does not fit in size_t (or in 32-bit indices where needed).
  integer(c_int), parameter :: PS_DIMENSION_OVERFLOW = 3
  ! An array has the wrong length, or an output is shorter than needed (the length it needs
  ! is reported).
  integer(c_int), parameter :: PS_LENGTH_MISMATCH = 4
  ! A workspace or caller-provided memory block is too small (the bytes it needs are
  ! reported).
  integer(c_int), parameter :: PS_WORKSPACE_TOO_SMALL = 5
  ! A parameter is NaN or infinite.
  integer(c_int), parameter :: PS_NON_FINITE = 6
  ! An edge refers to a vertex outside 0..N.
  integer(c_int), parameter :: PS_EDGE_OUT_OF_RANGE = 7
  ! An edge joins a vertex to itself.
  integer(c_int), parameter :: PS_SELF_LOOP = 8
  ! The same edge appears twice.
  integer(c_int), parameter :: PS_DUPLICATE_EDGE = 9
  ! A fixed capacity is exceeded.
  integer(c_int), parameter :: PS_CAPACITY_EXCEEDED = 10
  ! A value is outside its domain (NULL, misaligned and overlapping pointers and invalid
  ! handles have statuses of their own, 16 to 19).
  integer(c_int), parameter :: PS_INVALID_ARGUMENT = 11
  ! An index is outside 0..dim.
  integer(c_int), parameter :: PS_INDEX_OUT_OF_RANGE = 12
  ! A basis state is not in the sector.
  integer(c_int), parameter :: PS_STATE_NOT_IN_SECTOR = 13
  ! A matrix is not symmetric.
  integer(c_int), parameter :: PS_NOT_SYMMETRIC = 14
  ! An iterative method did not reach its tolerance.
  integer(c_int), parameter :: PS_NO_CONVERGENCE = 15
  ! A pointer that must point at data is NULL (a pointer with length 0 may be NULL).
  integer(c_int), parameter :: PS_NULL_POINTER = 16
  ! A pointer is not aligned for its type (or a block for its PS_*_ALIGN).
  integer(c_int), parameter :: PS_MISALIGNED = 17
  ! Two buffers of one call overlap and the call writes at least one of them; nothing was
  ! computed.
  integer(c_int), parameter :: PS_OVERLAP = 18
  ! Not a live handle of the expected type at its own address (a copied, moved or wiped
  ! block, the other precision's handle), or ps_hamiltonian_free of a handle the library did
  ! not allocate (left alone).
  integer(c_int), parameter :: PS_INVALID_HANDLE = 19
  ! A bug in the library: a panic caught at the boundary; the outputs (and an accumulator
  ! being updated) are unspecified. Please report it.
  integer(c_int), parameter :: PS_INTERNAL = 20

  ! The last failure of a call on this thread (`ps_last_error`). Plain data of a fixed
  ! size, nothing to release.
  !
  ! Positions count the arguments of the failed function's C signature from 1 (as
  ! LAPACKE's `-i`); 0 means that no single argument is at fault (a sector dimension that
  ! overflows, a solver that did not converge, a caught panic) or that none is known.
  type, bind(C) :: ps_error
     ! The status the failed call returned (`PS_OK` when nothing is recorded).
     integer(c_int) :: status
     ! The 1-based position of the argument at fault in the failed function's C
     ! signature, or 0. `PS_NULL_POINTER`, `PS_MISALIGNED`, `PS_INVALID_HANDLE`: the
     ! pointer or handle. `PS_OVERLAP`: the later of the two overlapping buffers (a
     ! handle counts as its block). `PS_WORKSPACE_TOO_SMALL`, `PS_LENGTH_MISMATCH`: the
     ! length argument that is too small (`mem_len`, `work_bytes`, `w_len`, ...; the
     ! buffer itself where the call has no length argument). Kernel statuses: the value
     ! at fault (`n` for `PS_TOO_MANY_SITES`, `n_up` for `PS_INVALID_FILLING`, `edges`
     ! for an invalid edge, the first NaN of `xi`, `jxy`, `jzz`, `hi` for lo > hi, ...).
     integer(c_int) :: argument
     ! A second argument involved, or 0: the earlier buffer of an overlap, the buffer
     ! that a too-small length describes, the argument that the faulty one contradicts
     ! (`n` for `PS_INVALID_FILLING`, `lo` for lo > hi).
     integer(c_int) :: other_argument
     ! The size that the failed check needed: the bytes on `PS_WORKSPACE_TOO_SMALL`, the
     ! length in elements on `PS_LENGTH_MISMATCH` (what `*needed` receives, recorded
     ! also where the call has no `needed` argument or it was NULL); 0 otherwise.
     integer(c_size_t) :: needed
     ! The name of the failed function (`"ps_apply"`), a static NUL-terminated string;
     ! `""` when nothing is recorded. Never NULL, never to be freed.
     type(c_ptr) :: function
  end type ps_error

  ! Options of `ps_realization_gap_ratios` (`ps_realization_options_default` fills the
  ! defaults; a NULL options pointer means them). Fields are taken as they are, except
  ! that `slice_workers = 0` means 1 and `max_basis = 0` the default.
  type, bind(C) :: ps_realization_options
     ! Largest sector dimension diagonalized densely (default 4096: N <= 14 at half
     ! filling); 0: always spectrum slicing.
     integer(c_size_t) :: dense_max_dim
     ! Slicing path: levels per slice of a window cut in advance from the density of
     ! states, the slices solved independently on `slice_workers` workers; 0 (the
     ! default): the slicing solver cuts each window itself, slice after slice. Every
     ! slice pays its own filter and basis, so slices of a few hundred levels are the
     ! useful range.
     integer(c_size_t) :: slice_levels
     ! Workers of the planned slices (default 1; 0 means 1): the workspace holds one
     ! slicing workspace per worker; hosted builds run them on as many threads,
     ! bare-metal builds one after the other. The results do not depend on it.
     integer(c_size_t) :: slice_workers
     ! Most basis vectors per slice of the slicing solver (default 1024; 0 means the
     ! default); it sets the slicing workspace.
     integer(c_size_t) :: max_basis
  end type ps_realization_options

  ! An energy window: `kind` one of `PS_WINDOW_ABSOLUTE`, `PS_WINDOW_RELATIVE_TO_GROUND`,
  ! `PS_WINDOW_NORMALIZED` (as `ps_gap_ratio_window`'s), bounds `lo <= hi`, possibly
  ! infinite.
  type, bind(C) :: ps_window
     ! `PS_WINDOW_ABSOLUTE`, `PS_WINDOW_RELATIVE_TO_GROUND` or `PS_WINDOW_NORMALIZED`.
     integer(c_int) :: kind
     ! Lower bound.
     real(c_double) :: lo
     ! Upper bound.
     real(c_double) :: hi
  end type ps_window

  ! Gap-ratio statistics of one realization in one window.
  type, bind(C) :: ps_window_stats
     ! Levels inside the window.
     integer(c_int64_t) :: n_levels
     ! Ratios r_n = min(d_n, d_{n-1}) / max(d_n, d_{n-1}) with all three levels in the
     ! window, exact ties excluded.
     integer(c_int64_t) :: n_ratios
     ! Exact ties (three equal levels) in the window.
     integer(c_int64_t) :: n_ties
     ! Mean of the n_ratios ratios, in [0, 1]; NaN when n_ratios = 0.
     real(c_double) :: mean_r
  end type ps_window_stats

  ! What `ps_realization_gap_ratios` did.
  type, bind(C) :: ps_realization_report
     ! `PS_METHOD_DENSE` or `PS_METHOD_SLICING`.
     integer(c_int) :: method
     ! Sector dimension.
     integer(c_int64_t) :: dim
     ! Lowest level (dense: exact; slicing: by Lanczos when a window edge needs it,
     ! else NaN).
     real(c_double) :: e_min
     ! Highest level (as e_min; slicing: needed by numeric normalized edges only).
     real(c_double) :: e_max
     ! Operator products (slicing; 0 for dense).
     integer(c_int64_t) :: matvecs
     ! Largest eigenvalue residual (or error bound) of the slicing solver over the
     ! windows (0 for dense).
     real(c_double) :: max_residual
     ! Levels within their residual of a numeric window edge, over the windows
     ! (slicing; 0 for dense).
     integer(c_int64_t) :: near_boundary
  end type ps_realization_report

  ! Summary of an accumulator (realizations are the independent unit).
  type, bind(C) :: ps_summary
     ! Realizations covered (with or without a value).
     integer(c_int64_t) :: n_realizations
     ! Realizations without a value (no ratio in the window).
     integer(c_int64_t) :: n_empty
     ! Realizations with a value.
     integer(c_int64_t) :: count
     ! Mean of the values; NaN when count = 0.
     real(c_double) :: mean
     ! Sample variance (divisor count - 1); NaN when count < 2.
     real(c_double) :: variance
     ! Standard error sqrt(variance / count); NaN when count < 2.
     real(c_double) :: std_error
     ! Ratios over all realizations.
     integer(c_int64_t) :: n_ratios
     ! Exact ties over all realizations.
     integer(c_int64_t) :: n_ties
     ! Levels in the window over all realizations.
     integer(c_int64_t) :: n_levels
  end type ps_summary

  interface
    ! The library version as one number: `MAJOR * 10000 + MINOR * 100 + PATCH`.
    integer(c_int) function ps_version_number() bind(C, name='ps_version_number')
      import :: c_int
    end function ps_version_number
    ! The short stable name of a status code (`"ok"`, `"too_many_sites"`, ...), a static
    ! NUL-terminated string; `"unknown"` for a code that is not a status.
    ! The C string itself; ps_status_name(...) below returns it as a Fortran string.
    type(c_ptr) function ps_status_name_c(status) bind(C, name='ps_status_name')
      import :: c_int, c_ptr
      integer(c_int), value :: status
    end function ps_status_name_c
    ! The one-line meaning of a status code (`"Success."`, ...), a static NUL-terminated
    ! string; `"unknown"` for a code that is not a status.
    ! The C string itself; ps_status_message(...) below returns it as a Fortran string.
    type(c_ptr) function ps_status_message_c(status) bind(C, name='ps_status_message')
      import :: c_int, c_ptr
      integer(c_int), value :: status
    end function ps_status_message_c
    ! g_c(K): the coupling on the zero-temperature critical line g e^(1/(e g)) = K, on the
    ! branch g <= 1/e (g_c(1) = 1/e), written to `*g_c`.
    integer(c_int) function ps_critical_coupling(k, g_c) bind(C, name='ps_critical_coupling')
      import :: c_double, c_int
      real(c_double), value :: k
      real(c_double), intent(out) :: g_c
    end function ps_critical_coupling
    ! The replica-symmetric critical temperature T_c(g) (independent of K), in units of the
    ! field scale, written to `*tc`.
    integer(c_int) function ps_tc_rs(g, tc) bind(C, name='ps_tc_rs')
      import :: c_double, c_int
      real(c_double), value :: g
      real(c_double), intent(out) :: tc
    end function ps_tc_rs
    ! The replica-symmetry-broken critical temperature T_c(g, K) (0 when the ground state is
    ! insulating, equal to `ps_tc_rs` at large K), written to `*tc`.
    integer(c_int) function ps_tc_rsb(g, k, tc) bind(C, name='ps_tc_rsb')
      import :: c_double, c_int
      real(c_double), value :: g
      real(c_double), value :: k
      real(c_double), intent(out) :: tc
    end function ps_tc_rsb
    ! Bytes of workspace that `ps_growth_rate` needs for a population of `n` members, written
    ! to `*bytes` (two generations of doubles: `16 n`).
    integer(c_int) function ps_growth_rate_work_size(n, bytes) bind(C, &
         name='ps_growth_rate_work_size')
      import :: c_int, c_size_t
      integer(c_size_t), value :: n
      integer(c_size_t), intent(out) :: bytes
    end function ps_growth_rate_work_size
    ! Population growth rate per generation of the linearized order-parameter recursion at
    ! coupling g, integer branching K (as a double) and temperature T (units of the field
    ! scale): `n` members, `burn_in` generations discarded, then `blocks` blocks of
    ! `block_len` generations.
    integer(c_int) function ps_growth_rate(g, k, temperature, n, burn_in, blocks, block_len, &
         kind, seed, work, work_bytes, rate, std_err, needed) bind(C, name='ps_growth_rate')
      import :: c_double, c_int, c_int64_t, c_ptr, c_size_t
      real(c_double), value :: g
      real(c_double), value :: k
      real(c_double), value :: temperature
      integer(c_size_t), value :: n
      integer(c_size_t), value :: burn_in
      integer(c_size_t), value :: blocks
      integer(c_size_t), value :: block_len
      integer(c_int), value :: kind
      integer(c_int64_t), value :: seed
      type(c_ptr), value :: work
      integer(c_size_t), value :: work_bytes
      real(c_double), intent(out) :: rate
      real(c_double), intent(out) :: std_err
      integer(c_size_t), intent(out) :: needed
    end function ps_growth_rate
    ! Bytes of caller memory that `ps_hamiltonian_init_static` needs for the Hamiltonian on
    ! `n` sites with the `n_edges` edges `edges` (pairs of vertex indices) in the sector with
    ! `n_up` up spins, written to `*bytes`.
    integer(c_int) function ps_hamiltonian_size(n, n_up, edges, n_edges, bytes) bind(C, &
         name='ps_hamiltonian_size')
      import :: c_int, c_int8_t, c_size_t
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_int8_t), dimension(*), intent(in) :: edges
      integer(c_size_t), value :: n_edges
      integer(c_size_t), intent(out) :: bytes
    end function ps_hamiltonian_size
    ! `ps_hamiltonian_size` for `ps_hamiltonian_init_static_f32` (single precision).
    integer(c_int) function ps_hamiltonian_size_f32(n, n_up, edges, n_edges, bytes) bind(C, &
         name='ps_hamiltonian_size_f32')
      import :: c_int, c_int8_t, c_size_t
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_int8_t), dimension(*), intent(in) :: edges
      integer(c_size_t), value :: n_edges
      integer(c_size_t), intent(out) :: bytes
    end function ps_hamiltonian_size_f32
    ! Builds the Hamiltonian `H = sum_i 2 xi_i s^z_i - sum_(ij) [ jxy_ij (s^+_i s^-_j + s^-_i
    ! s^+_j) + jzz_ij s^z_i s^z_j ]` (s = sigma/2, bit i of a basis state set when s^z_i =
    ! +1/2) on `n` sites with the `n_edges` edges `edges` (pairs of `uint8_t` vertex indices),
    ! the fields `xi` (n values) and the couplings, restricted to the sector with `n_up` up
    ! spins (basis states ordered as integers), in the blocked matrix-free form, inside the
    ! caller's block `mem` of `mem_len` bytes (`ps_hamiltonian_size`).
    type(c_ptr) function ps_hamiltonian_init_static(mem, mem_len, n, n_up, edges, n_edges, xi, &
         jxy, jzz, jxy_edges, jzz_edges, status, needed) bind(C, name='ps_hamiltonian_init_static')
      import :: c_double, c_int, c_int8_t, c_ptr, c_size_t
      type(c_ptr), value :: mem
      integer(c_size_t), value :: mem_len
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_int8_t), dimension(*), intent(in) :: edges
      integer(c_size_t), value :: n_edges
      real(c_double), dimension(*), intent(in) :: xi
      real(c_double), value :: jxy
      real(c_double), value :: jzz
      type(c_ptr), value :: jxy_edges
      type(c_ptr), value :: jzz_edges
      integer(c_int), intent(out) :: status
      integer(c_size_t), intent(out) :: needed
    end function ps_hamiltonian_init_static
    ! `ps_hamiltonian_init_static` in single precision: `float` fields and couplings, a block
    ! sized by `ps_hamiltonian_size_f32`; the handle serves the `_f32` functions.
    type(c_ptr) function ps_hamiltonian_init_static_f32(mem, mem_len, n, n_up, edges, n_edges, &
         xi, jxy, jzz, jxy_edges, jzz_edges, status, needed) bind(C, &
         name='ps_hamiltonian_init_static_f32')
      import :: c_float, c_int, c_int8_t, c_ptr, c_size_t
      type(c_ptr), value :: mem
      integer(c_size_t), value :: mem_len
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_int8_t), dimension(*), intent(in) :: edges
      integer(c_size_t), value :: n_edges
      real(c_float), dimension(*), intent(in) :: xi
      real(c_float), value :: jxy
      real(c_float), value :: jzz
      type(c_ptr), value :: jxy_edges
      type(c_ptr), value :: jzz_edges
      integer(c_int), intent(out) :: status
      integer(c_size_t), intent(out) :: needed
    end function ps_hamiltonian_init_static_f32
    ! The dimension C(n, n_up) of the handle's sector, written to `*dim`.
    integer(c_int) function ps_hamiltonian_dim(h, dim) bind(C, name='ps_hamiltonian_dim')
      import :: c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      integer(c_size_t), intent(out) :: dim
    end function ps_hamiltonian_dim
    ! `ps_hamiltonian_dim` for a single-precision handle.
    integer(c_int) function ps_hamiltonian_dim_f32(h, dim) bind(C, name='ps_hamiltonian_dim_f32')
      import :: c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      integer(c_size_t), intent(out) :: dim
    end function ps_hamiltonian_dim_f32
    ! The product `y = H x` on the handle's sector; `x` and `y` have `len` = dimension entries
    ! each.
    integer(c_int) function ps_apply(h, x, y, len) bind(C, name='ps_apply')
      import :: c_double, c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      real(c_double), dimension(*), intent(in) :: x
      real(c_double), dimension(*), intent(inout) :: y
      integer(c_size_t), value :: len
    end function ps_apply
    ! `ps_apply` in single precision.
    integer(c_int) function ps_apply_f32(h, x, y, len) bind(C, name='ps_apply_f32')
      import :: c_float, c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      real(c_float), dimension(*), intent(in) :: x
      real(c_float), dimension(*), intent(inout) :: y
      integer(c_size_t), value :: len
    end function ps_apply_f32
    ! The rows `row0..row1` of `y = H x`: `x` has dimension entries, `y` has `row1 - row0`
    ! entries and receives `(H x)[row0..row1]`.
    integer(c_int) function ps_apply_rows(h, x, y, row0, row1) bind(C, name='ps_apply_rows')
      import :: c_double, c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      real(c_double), dimension(*), intent(in) :: x
      real(c_double), dimension(*), intent(inout) :: y
      integer(c_size_t), value :: row0
      integer(c_size_t), value :: row1
    end function ps_apply_rows
    ! `ps_apply_rows` in single precision.
    integer(c_int) function ps_apply_rows_f32(h, x, y, row0, row1) bind(C, name='ps_apply_rows_f32')
      import :: c_float, c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      real(c_float), dimension(*), intent(in) :: x
      real(c_float), dimension(*), intent(inout) :: y
      integer(c_size_t), value :: row0
      integer(c_size_t), value :: row1
    end function ps_apply_rows_f32
    ! Hosted convenience: `ps_hamiltonian_size`, allocation and `ps_hamiltonian_init_static`
    ! in one call (the same parameters, couplings per edge included).
    ! Hosted builds only (not in bare-metal builds of the library).
    type(c_ptr) function ps_hamiltonian_create(n, n_up, edges, n_edges, xi, jxy, jzz, jxy_edges, &
         jzz_edges, status) bind(C, name='ps_hamiltonian_create')
      import :: c_double, c_int, c_int8_t, c_ptr, c_size_t
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_int8_t), dimension(*), intent(in) :: edges
      integer(c_size_t), value :: n_edges
      real(c_double), dimension(*), intent(in) :: xi
      real(c_double), value :: jxy
      real(c_double), value :: jzz
      type(c_ptr), value :: jxy_edges
      type(c_ptr), value :: jzz_edges
      integer(c_int), intent(out) :: status
    end function ps_hamiltonian_create
    ! Releases a handle from `ps_hamiltonian_create`; NULL is ignored (`PS_OK`).
    ! Hosted builds only (not in bare-metal builds of the library).
    integer(c_int) function ps_hamiltonian_free(h) bind(C, name='ps_hamiltonian_free')
      import :: c_int, c_ptr
      type(c_ptr), value :: h
    end function ps_hamiltonian_free
    ! Copies the calling thread's record of its last failed call to `*out`: the status it
    ! returned, the 1-based position of the argument at fault in its C signature (0: no single
    ! argument), a second argument involved, the size it needed and its name.
    integer(c_int) function ps_last_error(out) bind(C, name='ps_last_error')
      import :: c_int, ps_error
      type(ps_error), intent(out) :: out
    end function ps_last_error
    ! Empties the calling thread's record of its last failure (`ps_last_error` then gives
    ! `status` `PS_OK`); other threads' records are untouched.
    subroutine ps_error_clear() bind(C, name='ps_error_clear')
    end subroutine ps_error_clear
    ! Fills `*opts` with the defaults of `ps_realization_gap_ratios` (those of the kernel's
    ! `RealizationOptions`: dense_max_dim 4096, slice_levels 0, slice_workers 1, max_basis
    ! 1024).
    integer(c_int) function ps_realization_options_default(opts) bind(C, &
         name='ps_realization_options_default')
      import :: c_int, ps_realization_options
      type(ps_realization_options), intent(out) :: opts
    end function ps_realization_options_default
    ! Bytes of workspace that `ps_realization_gap_ratios` needs for `n_windows` windows on the
    ! graph `edges` (n_edges pairs) with `n` sites in the sector with `n_up` up spins, the XY
    ! coupling `jxy` (or per edge `jxy_edges`, n_edges values, when not NULL) and the options
    ! `opts` (NULL: the defaults), written to `*bytes`: the windows and their statistics in
    ! the kernel's form (`64 n_windows` bytes on 64-bit targets), then the dense path's (D <=
    ! dense_max_dim) `8 (D^2 + D + s)` for the matrix, the levels and the dense solver's
    ! scratch of s doubles, or the slicing path's sparse matrix of the sector (the query
    ! sweeps the sector once to count its entries: the graph and which couplings are zero
    ! matter, not the fields or jzz) and the slicing solver's scratch per worker.
    integer(c_int) function ps_realization_gap_ratios_work_size(n, n_up, edges, n_edges, jxy, &
         jxy_edges, n_windows, opts, bytes) bind(C, name='ps_realization_gap_ratios_work_size')
      import :: c_double, c_int, c_int8_t, c_ptr, c_size_t, ps_realization_options
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_int8_t), dimension(*), intent(in) :: edges
      integer(c_size_t), value :: n_edges
      real(c_double), value :: jxy
      type(c_ptr), value :: jxy_edges
      integer(c_size_t), value :: n_windows
      type(ps_realization_options), intent(in) :: opts
      integer(c_size_t), intent(out) :: bytes
    end function ps_realization_gap_ratios_work_size
    ! The windowed gap-ratio statistics of one realization, in one call: the Hamiltonian of
    ! `ps_hamiltonian_init_static` (the same parameters: `n` sites, the n_edges edges `edges`,
    ! the fields `xi`, couplings `jxy`, `jzz` or per edge `jxy_edges`, `jzz_edges` when not
    ! NULL) on the sector with `n_up` up spins, the levels of each of the `n_windows` windows
    ! `windows`, and their gap-ratio statistics in `window_stats[i]` for window i (n_windows
    ! entries, as `ps_gap_ratio_window` gives them).
    integer(c_int) function ps_realization_gap_ratios(n, n_up, edges, n_edges, xi, jxy, jzz, &
         jxy_edges, jzz_edges, windows, n_windows, opts, window_stats, report, work, work_bytes, &
         needed) bind(C, name='ps_realization_gap_ratios')
      import :: c_double, c_int, c_int8_t, c_ptr, c_size_t, ps_realization_options, ps_window, &
           ps_window_stats
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_int8_t), dimension(*), intent(in) :: edges
      integer(c_size_t), value :: n_edges
      real(c_double), dimension(*), intent(in) :: xi
      real(c_double), value :: jxy
      real(c_double), value :: jzz
      type(c_ptr), value :: jxy_edges
      type(c_ptr), value :: jzz_edges
      type(ps_window), dimension(*), intent(in) :: windows
      integer(c_size_t), value :: n_windows
      type(ps_realization_options), intent(in) :: opts
      type(ps_window_stats), dimension(*), intent(inout) :: window_stats
      type(c_ptr), value :: report
      type(c_ptr), value :: work
      integer(c_size_t), value :: work_bytes
      integer(c_size_t), intent(out) :: needed
    end function ps_realization_gap_ratios
    ! The dimension C(n, n_up) of the sector of `n` sites with `n_up` up spins, written to
    ! `*dim`.
    integer(c_int) function ps_sector_dim(n, n_up, dim) bind(C, name='ps_sector_dim')
      import :: c_int, c_size_t
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_size_t), intent(out) :: dim
    end function ps_sector_dim
    ! The index (rank) of the basis state `state` in the sector (n, n_up), written to
    ! `*index`.
    integer(c_int) function ps_rank(n, n_up, state, index) bind(C, name='ps_rank')
      import :: c_int, c_int64_t, c_size_t
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_int64_t), value :: state
      integer(c_size_t), intent(out) :: index
    end function ps_rank
    ! The basis state of index `index` in the sector (n, n_up), written to `*state`.
    integer(c_int) function ps_unrank(n, n_up, index, state) bind(C, name='ps_unrank')
      import :: c_int, c_int64_t, c_size_t
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_size_t), value :: index
      integer(c_int64_t), intent(out) :: state
    end function ps_unrank
    ! The seed of realization `r` of a run with base seed `base` (SplitMix64 of the pair): a
    ! function of (base, r) only, so any split of realizations over threads or ranks
    ! reproduces a serial run.
    integer(c_int64_t) function ps_realization_seed(base, r) bind(C, name='ps_realization_seed')
      import :: c_int64_t
      integer(c_int64_t), value :: base
      integer(c_int64_t), value :: r
    end function ps_realization_seed
    ! Realization `r` of the exact-diagonalization ensemble with base seed `base_seed`,
    ! exactly as the Rust API's `ed::draw_realization`: a uniformly random simple `z`-regular
    ! graph on `n` vertices, then the fields xi_i uniform on [-w/2, w/2], from one
    ! xoshiro256** stream seeded by `ps_realization_seed(base_seed, r)`.
    integer(c_int) function ps_draw_realization(n, z, w, base_seed, r, edges_out, edges_len, &
         xi_out, xi_len, needed) bind(C, name='ps_draw_realization')
      import :: c_double, c_int, c_int64_t, c_int8_t, c_size_t
      integer(c_size_t), value :: n
      integer(c_size_t), value :: z
      real(c_double), value :: w
      integer(c_int64_t), value :: base_seed
      integer(c_int64_t), value :: r
      integer(c_int8_t), dimension(*), intent(inout) :: edges_out
      integer(c_size_t), value :: edges_len
      real(c_double), dimension(*), intent(inout) :: xi_out
      integer(c_size_t), value :: xi_len
      integer(c_size_t), intent(out) :: needed
    end function ps_draw_realization
    ! Bytes of workspace that `ps_sector_eigenvalues` needs for the sector (n, n_up), written
    ! to `*bytes`: `8 (D^2 + s)` for the matrix and the dense eigensolver's scratch of s
    ! doubles (`D = C(n, n_up)`).
    integer(c_int) function ps_sector_eigenvalues_work_size(n, n_up, bytes) bind(C, &
         name='ps_sector_eigenvalues_work_size')
      import :: c_int, c_size_t
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_size_t), intent(out) :: bytes
    end function ps_sector_eigenvalues_work_size
    ! `ps_sector_eigenvalues_work_size` for `ps_sector_eigenvalues_f32` (half the bytes).
    integer(c_int) function ps_sector_eigenvalues_work_size_f32(n, n_up, bytes) bind(C, &
         name='ps_sector_eigenvalues_work_size_f32')
      import :: c_int, c_size_t
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_size_t), intent(out) :: bytes
    end function ps_sector_eigenvalues_work_size_f32
    ! Every eigenvalue, ascending, of the Hamiltonian of `ps_hamiltonian_init_static` (same
    ! parameters and conventions, couplings per edge included) on the sector with `n_up` up
    ! spins, by the dense solver (blocked Householder + QL/QR, as LAPACK `dsyev`): `w_out`
    ! receives the `D` levels (`w_len` >= D doubles; the entries past D are left alone),
    ! `work` is a workspace of `work_bytes` bytes (`ps_sector_eigenvalues_work_size`,
    ! `PS_WORK_ALIGN`-aligned).
    integer(c_int) function ps_sector_eigenvalues(n, n_up, edges, n_edges, xi, jxy, jzz, &
         jxy_edges, jzz_edges, w_out, w_len, work, work_bytes, needed) bind(C, &
         name='ps_sector_eigenvalues')
      import :: c_double, c_int, c_int8_t, c_ptr, c_size_t
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_int8_t), dimension(*), intent(in) :: edges
      integer(c_size_t), value :: n_edges
      real(c_double), dimension(*), intent(in) :: xi
      real(c_double), value :: jxy
      real(c_double), value :: jzz
      type(c_ptr), value :: jxy_edges
      type(c_ptr), value :: jzz_edges
      real(c_double), dimension(*), intent(inout) :: w_out
      integer(c_size_t), value :: w_len
      type(c_ptr), value :: work
      integer(c_size_t), value :: work_bytes
      integer(c_size_t), intent(out) :: needed
    end function ps_sector_eigenvalues
    ! `ps_sector_eigenvalues` in single precision (`float` fields, couplings and levels; the
    ! workspace sized by `ps_sector_eigenvalues_work_size_f32`).
    integer(c_int) function ps_sector_eigenvalues_f32(n, n_up, edges, n_edges, xi, jxy, jzz, &
         jxy_edges, jzz_edges, w_out, w_len, work, work_bytes, needed) bind(C, &
         name='ps_sector_eigenvalues_f32')
      import :: c_float, c_int, c_int8_t, c_ptr, c_size_t
      integer(c_size_t), value :: n
      integer(c_size_t), value :: n_up
      integer(c_int8_t), dimension(*), intent(in) :: edges
      integer(c_size_t), value :: n_edges
      real(c_float), dimension(*), intent(in) :: xi
      real(c_float), value :: jxy
      real(c_float), value :: jzz
      type(c_ptr), value :: jxy_edges
      type(c_ptr), value :: jzz_edges
      real(c_float), dimension(*), intent(inout) :: w_out
      integer(c_size_t), value :: w_len
      type(c_ptr), value :: work
      integer(c_size_t), value :: work_bytes
      integer(c_size_t), intent(out) :: needed
    end function ps_sector_eigenvalues_f32
    ! Bytes of workspace that `ps_lowest` needs on the handle for `k` levels, at most
    ! `max_steps` Lanczos steps per level (0: the default, 2000), with (`with_vectors` not 0)
    ! or without (0) a `vectors` array, written to `*bytes`: `8 (3 D + 8 max_steps + 2 k)`,
    ! plus `8 k D` without vectors when k > 1 (room for the deflation's k vectors).
    integer(c_int) function ps_lowest_work_size(h, k, max_steps, with_vectors, bytes) bind(C, &
         name='ps_lowest_work_size')
      import :: c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      integer(c_size_t), value :: k
      integer(c_size_t), value :: max_steps
      integer(c_int), value :: with_vectors
      integer(c_size_t), intent(out) :: bytes
    end function ps_lowest_work_size
    ! `ps_lowest_work_size` for a single-precision handle (`4` bytes per element).
    integer(c_int) function ps_lowest_work_size_f32(h, k, max_steps, with_vectors, bytes) bind(C, &
         name='ps_lowest_work_size_f32')
      import :: c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      integer(c_size_t), value :: k
      integer(c_size_t), value :: max_steps
      integer(c_int), value :: with_vectors
      integer(c_size_t), intent(out) :: bytes
    end function ps_lowest_work_size_f32
    ! The `k` lowest eigenvalues of the handle's operator by Lanczos (the kernel's
    ! `lanczos_lowest`: no reorthogonalization, two passes, deflation; default options, start
    ! vectors from the fixed seed 0x5EED, so results are reproducible bit for bit): `values`
    ! and `residuals` (k doubles each) receive the eigenvalues ascending and their residual
    ! norms ||H v - lambda v||; `vectors` (NULL, or k * D doubles) the unit eigenvectors,
    ! vector j at `vectors[j * D ..]`.
    integer(c_int) function ps_lowest(h, k, tol, max_steps, values, residuals, vectors, work, &
         work_bytes, needed) bind(C, name='ps_lowest')
      import :: c_double, c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      integer(c_size_t), value :: k
      real(c_double), value :: tol
      integer(c_size_t), value :: max_steps
      real(c_double), dimension(*), intent(inout) :: values
      real(c_double), dimension(*), intent(inout) :: residuals
      type(c_ptr), value :: vectors
      type(c_ptr), value :: work
      integer(c_size_t), value :: work_bytes
      integer(c_size_t), intent(out) :: needed
    end function ps_lowest
    ! `ps_lowest` in single precision on a `ps_hamiltonian_f32` (`float` arrays; `tol <= 0`
    ! selects the default max(1e-10, 16 eps) = 16 FLT_EPSILON; the workspace sized by
    ! `ps_lowest_work_size_f32`).
    integer(c_int) function ps_lowest_f32(h, k, tol, max_steps, values, residuals, vectors, work, &
         work_bytes, needed) bind(C, name='ps_lowest_f32')
      import :: c_float, c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      integer(c_size_t), value :: k
      real(c_float), value :: tol
      integer(c_size_t), value :: max_steps
      real(c_float), dimension(*), intent(inout) :: values
      real(c_float), dimension(*), intent(inout) :: residuals
      type(c_ptr), value :: vectors
      type(c_ptr), value :: work
      integer(c_size_t), value :: work_bytes
      integer(c_size_t), intent(out) :: needed
    end function ps_lowest_f32
    ! Bytes of workspace that `ps_trlan_lowest` needs on the handle for `k` levels with a
    ! basis of `ncv` vectors (0: the default, `2 k + 20` capped at D, at least `k + 3`),
    ! written to `*bytes`: `8 (ncv D + D + 3 ncv^2 + 6 ncv + min(D, 2048) ncv + s)`, the basis
    ! and the driver's scratch (s: the dense eigensolver's for order ncv).
    integer(c_int) function ps_trlan_lowest_work_size(h, k, ncv, bytes) bind(C, &
         name='ps_trlan_lowest_work_size')
      import :: c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      integer(c_size_t), value :: k
      integer(c_size_t), value :: ncv
      integer(c_size_t), intent(out) :: bytes
    end function ps_trlan_lowest_work_size
    ! `ps_trlan_lowest_work_size` for a single-precision handle (`4` bytes per element).
    integer(c_int) function ps_trlan_lowest_work_size_f32(h, k, ncv, bytes) bind(C, &
         name='ps_trlan_lowest_work_size_f32')
      import :: c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      integer(c_size_t), value :: k
      integer(c_size_t), value :: ncv
      integer(c_size_t), intent(out) :: bytes
    end function ps_trlan_lowest_work_size_f32
    ! The `k` lowest eigenvalues of the handle's operator, exact multiplets included, by
    ! thick-restart Lanczos (the kernel's `trlan_lowest`: full reorthogonalization, locking,
    ! and certification restarts from fresh random vectors until one finds no eigenvalue below
    ! the k-th; default options, start vectors from the fixed seed 0x5EED, so results are
    ! reproducible bit for bit).
    integer(c_int) function ps_trlan_lowest(h, k, ncv, tol, max_steps, values, residuals, &
         vectors, work, work_bytes, needed) bind(C, name='ps_trlan_lowest')
      import :: c_double, c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      integer(c_size_t), value :: k
      integer(c_size_t), value :: ncv
      real(c_double), value :: tol
      integer(c_size_t), value :: max_steps
      real(c_double), dimension(*), intent(inout) :: values
      real(c_double), dimension(*), intent(inout) :: residuals
      type(c_ptr), value :: vectors
      type(c_ptr), value :: work
      integer(c_size_t), value :: work_bytes
      integer(c_size_t), intent(out) :: needed
    end function ps_trlan_lowest
    ! `ps_trlan_lowest` in single precision on a `ps_hamiltonian_f32` (`float` arrays; `tol <=
    ! 0` selects the default max(1e-10, 16 eps) = 16 FLT_EPSILON; the workspace sized by
    ! `ps_trlan_lowest_work_size_f32`).
    integer(c_int) function ps_trlan_lowest_f32(h, k, ncv, tol, max_steps, values, residuals, &
         vectors, work, work_bytes, needed) bind(C, name='ps_trlan_lowest_f32')
      import :: c_float, c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      integer(c_size_t), value :: k
      integer(c_size_t), value :: ncv
      real(c_float), value :: tol
      integer(c_size_t), value :: max_steps
      real(c_float), dimension(*), intent(inout) :: values
      real(c_float), dimension(*), intent(inout) :: residuals
      type(c_ptr), value :: vectors
      type(c_ptr), value :: work
      integer(c_size_t), value :: work_bytes
      integer(c_size_t), intent(out) :: needed
    end function ps_trlan_lowest_f32
    ! Bytes of workspace that `ps_window_eigenvalues` needs on the handle, written to
    ! `*bytes`: the sector's CSR matrix (built from the handle's parameters: doubles and
    ! `uint32_t` indices), room for D levels and the slicing solver's scratch, in one block.
    integer(c_int) function ps_window_eigenvalues_work_size(h, bytes) bind(C, &
         name='ps_window_eigenvalues_work_size')
      import :: c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      integer(c_size_t), intent(out) :: bytes
    end function ps_window_eigenvalues_work_size
    ! Every eigenvalue of the handle's Hamiltonian in the closed window [lo, hi] (bounds may
    ! be infinite), ascending in `out[0 ..
    integer(c_int) function ps_window_eigenvalues(h, lo, hi, out, out_len, count, work, &
         work_bytes, needed) bind(C, name='ps_window_eigenvalues')
      import :: c_double, c_int, c_ptr, c_size_t
      type(c_ptr), value :: h
      real(c_double), value :: lo
      real(c_double), value :: hi
      real(c_double), dimension(*), intent(inout) :: out
      integer(c_size_t), value :: out_len
      integer(c_size_t), intent(out) :: count
      type(c_ptr), value :: work
      integer(c_size_t), value :: work_bytes
      integer(c_size_t), intent(out) :: needed
    end function ps_window_eigenvalues
    ! The mean gap ratio of one realization's sorted levels (`n_levels` doubles, ascending,
    ! finite, duplicates allowed) inside the window (`kind` one of `PS_WINDOW_*`, bounds lo <=
    ! hi, possibly infinite), with its counts, written to `*out`.
    integer(c_int) function ps_gap_ratio_window(levels, n_levels, kind, lo, hi, out) bind(C, &
         name='ps_gap_ratio_window')
      import :: c_double, c_int, c_size_t, ps_window_stats
      real(c_double), dimension(*), intent(in) :: levels
      integer(c_size_t), value :: n_levels
      integer(c_int), value :: kind
      real(c_double), value :: lo
      real(c_double), value :: hi
      type(ps_window_stats), intent(out) :: out
    end function ps_gap_ratio_window
    ! Bytes of caller memory for one accumulator (8-byte aligned), written to `*bytes` (about
    ! 2 KiB).
    integer(c_int) function ps_accumulator_size(bytes) bind(C, name='ps_accumulator_size')
      import :: c_int, c_size_t
      integer(c_size_t), intent(out) :: bytes
    end function ps_accumulator_size
    ! An empty accumulator in `mem` (`mem_len` bytes, 8-byte aligned) whose first realization
    ! has index `first` (0 for a serial run; a shard's first index otherwise).
    type(c_ptr) function ps_accumulator_init(mem, mem_len, first, status, needed) bind(C, &
         name='ps_accumulator_init')
      import :: c_int, c_int64_t, c_ptr, c_size_t
      type(c_ptr), value :: mem
      integer(c_size_t), value :: mem_len
      integer(c_int64_t), value :: first
      integer(c_int), intent(out) :: status
      integer(c_size_t), intent(out) :: needed
    end function ps_accumulator_init
    ! Records the next realization with the statistics `*stats` (from `ps_gap_ratio_window`):
    ! its mean ratio when n_ratios > 0, an empty realization otherwise; the counts add up.
    integer(c_int) function ps_accumulator_push(acc, stats) bind(C, name='ps_accumulator_push')
      import :: c_int, c_ptr, ps_window_stats
      type(c_ptr), value :: acc
      type(ps_window_stats), intent(in) :: stats
    end function ps_accumulator_push
    ! Merges the shard `other` into `acc`; `other` must cover the realizations just after or
    ! just before those of `acc` (an empty shard merges with anything).
    integer(c_int) function ps_accumulator_merge(acc, other) bind(C, name='ps_accumulator_merge')
      import :: c_int, c_ptr
      type(c_ptr), value :: acc
      type(c_ptr), value :: other
    end function ps_accumulator_merge
    ! The count, mean, variance and standard error of the values pushed so far (and the level,
    ! ratio and tie totals), written to `*out`.
    integer(c_int) function ps_accumulator_summary(acc, out) bind(C, name='ps_accumulator_summary')
      import :: c_int, c_ptr, ps_summary
      type(c_ptr), value :: acc
      type(ps_summary), intent(out) :: out
    end function ps_accumulator_summary
  end interface

contains

  ! ps_status_name as a Fortran string (character(len=:), allocatable).
  function ps_status_name(status) result(s)
    integer(c_int), intent(in) :: status
    character(len=:), allocatable :: s
    s = ps_c_string(ps_status_name_c(status))
  end function ps_status_name

  ! ps_status_message as a Fortran string (character(len=:), allocatable).
  function ps_status_message(status) result(s)
    integer(c_int), intent(in) :: status
    character(len=:), allocatable :: s
    s = ps_c_string(ps_status_message_c(status))
  end function ps_status_message

  ! The C string x%function of a ps_error as a Fortran string ('' for c_null_ptr).
  function ps_error_function(x) result(s)
    type(ps_error), intent(in) :: x
    character(len=:), allocatable :: s
    s = ps_c_string(x%function)
  end function ps_error_function

  ! The NUL-terminated C string at p as a Fortran string ('' for c_null_ptr).
  function ps_c_string(p) result(s)
    type(c_ptr), intent(in) :: p
    character(len=:), allocatable :: s
    character(kind=c_char), pointer :: chars(:)
    integer(c_size_t) :: n, i
    interface
       integer(c_size_t) function strlen(str) bind(C, name='strlen')
         import :: c_ptr, c_size_t
         type(c_ptr), value :: str
       end function strlen
    end interface
    if (.not. c_associated(p)) then
       s = ''
       return
    end if
    n = strlen(p)
    call c_f_pointer(p, chars, [n])
    allocate(character(len=n) :: s)
    do i = 1, n
       s(i:i) = chars(i)
    end do
  end function ps_c_string
end module pseudospin
