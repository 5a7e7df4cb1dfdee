# The FreeDict lexicons: a small reader/builder library, the newsalign-build-lexicon tool, and the
# lexicon TSVs it generates into the build folder at build time. The dictionary data is GPL
# (CC BY-SA for deu-fra), so the TSVs are never committed. Included from tools/CMakeLists.txt.
find_package(ZLIB REQUIRED)

set(NEWSALIGN_DICTD_DIR "/usr/share/dictd" CACHE PATH
    "Folder of the FreeDict dictd files (Debian dict-freedict-* packages)")
set(NEWSALIGN_LEXICON_DIR "${CMAKE_BINARY_DIR}/lexicon" CACHE PATH
    "Folder of the generated <source>-<target>.tsv lexicons: the binaries' default")

# newsalign::freedict: reads dictd files and builds word-pair lexicons from them.
add_library(newsalign_freedict
  ${CMAKE_CURRENT_LIST_DIR}/freedict_reader.cc
  ${CMAKE_CURRENT_LIST_DIR}/lexicon_builder.cc
)
add_library(newsalign::freedict ALIAS newsalign_freedict)
target_include_directories(newsalign_freedict PUBLIC ${PROJECT_SOURCE_DIR})
target_compile_definitions(newsalign_freedict PUBLIC
                           NEWSALIGN_DICTD_DIR="${NEWSALIGN_DICTD_DIR}")
target_link_libraries(newsalign_freedict
  PUBLIC newsalign::alignment absl::status absl::statusor absl::strings
  PRIVATE ZLIB::ZLIB absl::flat_hash_map absl::flat_hash_set absl::str_format newsalign_warnings)

# newsalign-build-lexicon --pair=fr-ar|de-fr --out=FILE
add_executable(newsalign-build-lexicon ${CMAKE_CURRENT_LIST_DIR}/build_lexicon_main.cc)
target_link_libraries(newsalign-build-lexicon PRIVATE newsalign::freedict absl::flags
                      absl::flags_parse absl::time absl::str_format newsalign_warnings)

# newsalign::lexicon_dir: NEWSALIGN_LEXICON_DIR="<folder>" for binaries that load the lexicons.
add_library(newsalign_lexicon_dir INTERFACE)
add_library(newsalign::lexicon_dir ALIAS newsalign_lexicon_dir)
target_compile_definitions(newsalign_lexicon_dir INTERFACE
                           NEWSALIGN_LEXICON_DIR="${NEWSALIGN_LEXICON_DIR}")

# Generate each lexicon whose dictionaries are installed.
set(_newsalign_lexicons "")
foreach(_pair "fr-ar:fra-eng,eng-fra,eng-ara,ara-eng" "de-fr:deu-fra" "en-ar:eng-ara,ara-eng"
              "en-fr:eng-fra,fra-eng")
  string(REPLACE ":" ";" _fields "${_pair}")
  list(GET _fields 0 _name)
  list(GET _fields 1 _dicts)
  string(REPLACE "," ";" _dicts "${_dicts}")
  set(_inputs "")
  set(_missing "")
  foreach(_dict IN LISTS _dicts)
    foreach(_suffix index dict.dz)
      set(_file "${NEWSALIGN_DICTD_DIR}/freedict-${_dict}.${_suffix}")
      if(EXISTS "${_file}")
        list(APPEND _inputs "${_file}")
      else()
        list(APPEND _missing "${_file}")
      endif()
    endforeach()
  endforeach()
  if(_missing)
    list(JOIN _missing ", " _missing)
    message(STATUS "newsalign: lexicon ${_name} skipped, missing ${_missing} "
                   "(install the dict-freedict-* packages: scripts/install-deps.sh)")
    continue()
  endif()
  set(_output "${NEWSALIGN_LEXICON_DIR}/${_name}.tsv")
  add_custom_command(
    OUTPUT "${_output}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${NEWSALIGN_LEXICON_DIR}"
    COMMAND newsalign-build-lexicon --pair=${_name} --dict_dir=${NEWSALIGN_DICTD_DIR}
            --out=${_output}
    DEPENDS newsalign-build-lexicon ${_inputs}
    COMMENT "Generating the ${_name} lexicon from FreeDict"
    VERBATIM)
  list(APPEND _newsalign_lexicons "${_output}")
endforeach()

if(_newsalign_lexicons)
  add_custom_target(newsalign_lexicons ALL DEPENDS ${_newsalign_lexicons})
else()
  message(STATUS "newsalign: no FreeDict dictionaries in ${NEWSALIGN_DICTD_DIR}: lexicons skipped")
endif()
