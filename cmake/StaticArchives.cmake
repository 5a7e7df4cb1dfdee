# newsalign_link_static_archives(): links the imported libraries found so far from their static
# archives (libX.a beside libX.so) where Debian ships one, except those in `keep_shared`.
#
# Why: an executable linked with Debian's shared gRPC, Protobuf and Abseil loads about 75
# libraries, and the dynamic linker's symbol lookups and the copy-on-write faults of their
# relocated pages took about half of a one-article run of the client (`newsalign --help` alone:
# 35-49 ms). From the archives the same executable starts in about 15 ms. ICU (its 30 MB of
# data), libxml2 (built on that ICU) and what has no archive stay shared.
#
# Call it in the directory where the packages were found (imported targets are directory
# scoped); it changes where every target of the build links them from, tests included, so the
# tests run the executables as they ship.
function(newsalign_link_static_archives)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "" "KEEP_SHARED")
  get_property(targets DIRECTORY PROPERTY IMPORTED_TARGETS)
  set(linked "")
  foreach(target IN LISTS targets)
    if(target IN_LIST arg_KEEP_SHARED)
      continue()
    endif()
    get_target_property(type ${target} TYPE)
    if(NOT type MATCHES "^(SHARED|UNKNOWN)_LIBRARY$")
      continue()
    endif()
    get_target_property(configurations ${target} IMPORTED_CONFIGURATIONS)
    set(properties IMPORTED_LOCATION)
    if(configurations)
      foreach(configuration IN LISTS configurations)
        list(APPEND properties IMPORTED_LOCATION_${configuration})
      endforeach()
    endif()
    foreach(property IN LISTS properties)
      get_target_property(location ${target} ${property})
      # (The archive's name is taken before EXISTS: if() expands its arguments all at once.)
      if(NOT location OR NOT location MATCHES "^(.*/lib[^/]+)\\.so(\\.[0-9.]+)?$")
        continue()
      endif()
      set(archive "${CMAKE_MATCH_1}.a")
      if(EXISTS "${archive}")
        set_target_properties(${target} PROPERTIES ${property} "${archive}")
        list(APPEND linked ${target})
      endif()
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES linked)
  list(LENGTH linked count)
  message(STATUS "newsalign: ${count} libraries linked from their static archives")
endfunction()
