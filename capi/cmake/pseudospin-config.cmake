# CMake package of the pseudospin C ABI, installed by `cargo cinstall` (capi/Cargo.toml)
# to <prefix>/share/pseudospin/cmake/, where find_package(pseudospin) finds it with
# <prefix> in CMAKE_PREFIX_PATH. Imported targets:
#   pseudospin::shared   libpseudospin.so (the default pseudospin::pseudospin)
#   pseudospin::static   libpseudospin.a with its system libraries (m, pthread, dl)
#   pseudospin::pseudospin  pseudospin::static when PSEUDOSPIN_STATIC is ON before
#                        find_package, else pseudospin::shared
#   pseudospin::fortran  the Fortran module (pseudospin.f90 compiled into the consuming
#                        target: a .mod file is compiler-specific) and pseudospin::pseudospin
# Variables: pseudospin_VERSION, pseudospin_INCLUDE_DIR, pseudospin_FORTRAN_SOURCE.
# Needs CMake 3.13 or newer.

get_filename_component(_ps_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(pseudospin_INCLUDE_DIR "${_ps_prefix}/include")
set(pseudospin_FORTRAN_SOURCE "${pseudospin_INCLUDE_DIR}/pseudospin.f90")
set(_ps_libdirs "${_ps_prefix}/lib" "${_ps_prefix}/lib64")
if(CMAKE_LIBRARY_ARCHITECTURE)
  list(INSERT _ps_libdirs 0 "${_ps_prefix}/lib/${CMAKE_LIBRARY_ARCHITECTURE}")
endif()
find_library(pseudospin_SHARED_LIBRARY NAMES pseudospin PATHS ${_ps_libdirs}
  NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
find_file(pseudospin_STATIC_LIBRARY NAMES libpseudospin.a PATHS ${_ps_libdirs}
  NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)

if(NOT EXISTS "${pseudospin_INCLUDE_DIR}/pseudospin.h" OR NOT pseudospin_STATIC_LIBRARY)
  set(pseudospin_FOUND FALSE)
  set(pseudospin_NOT_FOUND_MESSAGE
    "pseudospin.h or libpseudospin.a missing under ${_ps_prefix}")
  return()
endif()

if(NOT TARGET pseudospin::static)
  # FindThreads needs C or C++; a Fortran-only project links pthread by name.
  get_property(_ps_languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  list(FIND _ps_languages C _ps_c)
  list(FIND _ps_languages CXX _ps_cxx)
  if(_ps_c GREATER -1 OR _ps_cxx GREATER -1)
    find_package(Threads REQUIRED)
    set(_ps_threads Threads::Threads)
  else()
    set(_ps_threads pthread)
  endif()
  add_library(pseudospin::static STATIC IMPORTED)
  set_target_properties(pseudospin::static PROPERTIES
    IMPORTED_LOCATION "${pseudospin_STATIC_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${pseudospin_INCLUDE_DIR}"
    IMPORTED_LINK_INTERFACE_LANGUAGES C
    INTERFACE_LINK_LIBRARIES "${_ps_threads};${CMAKE_DL_LIBS};m")
  if(pseudospin_SHARED_LIBRARY AND NOT pseudospin_SHARED_LIBRARY STREQUAL pseudospin_STATIC_LIBRARY)
    add_library(pseudospin::shared SHARED IMPORTED)
    set_target_properties(pseudospin::shared PROPERTIES
      IMPORTED_LOCATION "${pseudospin_SHARED_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${pseudospin_INCLUDE_DIR}")
  endif()
  add_library(pseudospin::pseudospin INTERFACE IMPORTED)
  if(PSEUDOSPIN_STATIC OR NOT TARGET pseudospin::shared)
    set_target_properties(pseudospin::pseudospin PROPERTIES
      INTERFACE_LINK_LIBRARIES pseudospin::static)
  else()
    set_target_properties(pseudospin::pseudospin PROPERTIES
      INTERFACE_LINK_LIBRARIES pseudospin::shared)
  endif()
  add_library(pseudospin::fortran INTERFACE IMPORTED)
  set_target_properties(pseudospin::fortran PROPERTIES
    INTERFACE_SOURCES "${pseudospin_FORTRAN_SOURCE}"
    INTERFACE_LINK_LIBRARIES pseudospin::pseudospin)
endif()

set(pseudospin_FOUND TRUE)
foreach(_ps_var _ps_prefix _ps_libdirs _ps_languages _ps_c _ps_cxx _ps_threads)
  unset(${_ps_var})
endforeach()
unset(_ps_var)
