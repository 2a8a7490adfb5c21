! Fortran 2008: the same computation as examples/c/realizations.c (realizations ->
! mid-band <r~> with its standard error, and a ground energy), through the pseudospin
! module. Numbers are printed with 17 significant digits (es24.16e3), which read back to
! the same doubles; capi/tests/c_examples.rs compares them with the Rust API.
program realizations
  use, intrinsic :: iso_c_binding
  use pseudospin
  implicit none
  integer(c_size_t), parameter :: n = 10, z = 3, n_ground = 14
  real(c_double), parameter :: w = 1.0d0, jxy = 0.1d0
  integer(c_int64_t), parameter :: seed = 2024, nreal = 8
  integer(c_int8_t) :: edges(n * z), gedges(n_ground * z)
  real(c_double) :: xi(n), gxi(n_ground), e0(1), res(1)
  real(c_double), allocatable :: levels(:)
  ! Workspaces and memory blocks: 8-byte aligned arrays passed with c_loc; sizes in bytes.
  integer(c_int64_t), allocatable, target :: acc_mem(:), ham_mem(:), work(:), lwork(:)
  integer(c_size_t) :: dim, work_bytes, acc_bytes, bytes, lw, needed
  type(c_ptr) :: acc, h
  type(ps_window_stats) :: s
  type(ps_summary) :: sm
  integer(c_int) :: st
  integer(c_int64_t) :: r

  call check(ps_sector_dim(n, n / 2, dim), 'dim')
  call check(ps_sector_eigenvalues_work_size(n, n / 2, work_bytes), 'work size')
  allocate(levels(dim), work((work_bytes + 7) / 8))
  call check(ps_accumulator_size(acc_bytes), 'accumulator size')
  allocate(acc_mem((acc_bytes + 7) / 8))
  acc = ps_accumulator_init(c_loc(acc_mem), acc_bytes, 0_c_int64_t, st, needed)
  call check(st, 'accumulator')
  do r = 0, nreal - 1
     call check(ps_draw_realization(n, z, w, seed, r, edges, n * z, xi, n, needed), 'draw')
     call check(ps_sector_eigenvalues(n, n / 2, edges, n * z / 2, xi, jxy, 0.0d0, c_null_ptr, &
          c_null_ptr, levels, dim, c_loc(work), work_bytes, needed), 'eigenvalues')
     call check(ps_gap_ratio_window(levels, dim, PS_WINDOW_NORMALIZED, 0.25d0, 0.75d0, s), 'ratio')
     write (*, '(a,1x,i0,1x,es24.16e3,1x,i0)') 'r', r, s%mean_r, s%n_ratios
     call check(ps_accumulator_push(acc, s), 'push')
  end do
  call check(ps_accumulator_summary(acc, sm), 'summary')
  write (*, '(a,1x,es24.16e3)') 'mean_r', sm%mean
  write (*, '(a,1x,es24.16e3)') 'std_error', sm%std_error
  write (*, '(a,1x,i0)') 'count', sm%count

  call check(ps_draw_realization(n_ground, z, w, seed, 0_c_int64_t, gedges, n_ground * z, gxi, &
       n_ground, needed), 'draw')
  call check(ps_hamiltonian_size(n_ground, n_ground / 2, gedges, n_ground * z / 2, bytes), 'size')
  allocate(ham_mem((bytes + 7) / 8))
  h = ps_hamiltonian_init_static(c_loc(ham_mem), bytes, n_ground, n_ground / 2, gedges, &
       n_ground * z / 2, gxi, jxy, 0.0d0, c_null_ptr, c_null_ptr, st, needed)
  call check(st, 'init')
  call check(ps_lowest_work_size(h, 1_c_size_t, 0_c_size_t, 0_c_int, lw), 'lanczos work size')
  allocate(lwork((lw + 7) / 8))
  call check(ps_lowest(h, 1_c_size_t, 0.0d0, 0_c_size_t, e0, res, c_null_ptr, c_loc(lwork), lw, &
       needed), 'lanczos')
  write (*, '(a,1x,es24.16e3)') 'ground', e0(1)

contains
  subroutine check(status, what)
    integer(c_int), intent(in) :: status
    character(*), intent(in) :: what
    if (status /= PS_OK) then
       write (*, '(a,a,i0,a,a,a,a)') what, ': status ', status, ' (', ps_status_name(status), &
            '): ', ps_status_message(status)
       error stop 1
    end if
  end subroutine check
end program realizations
