! Fortran 2008: the status names and meanings as Fortran strings (ps_status_name,
! ps_status_message of the generated pseudospin module), every status of the table.
program statuses
  use, intrinsic :: iso_c_binding
  use pseudospin
  implicit none
  integer(c_int) :: code
  if (ps_status_name(PS_OK) /= 'ok') error stop 1
  if (ps_status_message(PS_OK) /= 'Success.') error stop 2
  if (ps_status_name(PS_WORKSPACE_TOO_SMALL) /= 'workspace_too_small') error stop 3
  if (ps_status_name(99_c_int) /= 'unknown') error stop 4
  if (ps_status_message(-1_c_int) /= 'unknown') error stop 5
  if (len(ps_status_name(PS_INTERNAL)) /= 8) error stop 6
  do code = PS_OK, PS_INTERNAL
     write (*, '(i2,1x,a,": ",a)') code, ps_status_name(code), ps_status_message(code)
  end do
end program statuses
