# `mote profile` (compiler/profile/): the measurement program for one model from any path.
# The tool writes its work folder and configures this build with -DMOTE_PROFILE_DIR=<folder>:
#   profile_config.h                      engine choice (platforms/common/profile_main.cc)
#   model.tflite                          interpreter engine: embedded like the bench models
#   <name>.h, <name>.cc, <name>_weights.cc AOT engine: the module `mote compile` emitted
#   profile_cases.h                       optional: caller-given inputs (ProfileOptions::input_cases)
# Targets: profile.elf (headline figures, flash and RAM), profile_layers.elf (per-layer
# timing: the hooks of platforms/common/layer_hooks.h are force-included into every source) and,
# with profile_cases.h, profile_cases.elf (runs the cases and prints their outputs).
set(MOTE_PROFILE_DIR "" CACHE PATH "Work folder written by `mote profile` (empty: no profile targets)")
if(MOTE_PROFILE_DIR)
  if(NOT EXISTS ${MOTE_PROFILE_DIR}/profile_config.h)
    message(FATAL_ERROR "MOTE_PROFILE_DIR=${MOTE_PROFILE_DIR}: no profile_config.h")
  endif()
  if(EXISTS ${MOTE_PROFILE_DIR}/model.tflite)
    # The model_ prefix makes scripts/flash_report.sh count the object as model data.
    set(profile_sources ${CMAKE_CURRENT_BINARY_DIR}/model_profile.cc)
    add_custom_command(
      OUTPUT ${profile_sources}
      COMMAND ${CMAKE_COMMAND} -DMODEL_DIR=${MOTE_PROFILE_DIR} -DMODEL_ID=profile -DOUT=${profile_sources}
              -P ${CMAKE_CURRENT_SOURCE_DIR}/common/embed_model.cmake
      DEPENDS ${MOTE_PROFILE_DIR}/model.tflite ${CMAKE_CURRENT_SOURCE_DIR}/common/embed_model.cmake
      COMMENT "embed the profiled model")
  else()
    file(GLOB profile_sources CONFIGURE_DEPENDS ${MOTE_PROFILE_DIR}/*.cc)
  endif()
  set(profile_programs profile profile_layers)
  if(EXISTS ${MOTE_PROFILE_DIR}/profile_cases.h)
    list(APPEND profile_programs profile_cases)
  endif()
  foreach(name ${profile_programs})
    mote_board_executable(${name} common/profile_main.cc ${profile_sources})
    target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR} ${MOTE_PROFILE_DIR})
    target_compile_options(${name} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Werror>)
  endforeach()
  target_compile_definitions(profile_layers PRIVATE MOTE_PROFILE_LAYERS=1)
  if(TARGET profile_cases)
    target_compile_definitions(profile_cases PRIVATE MOTE_PROFILE_CASES=1)
  endif()
  target_compile_options(profile_layers PRIVATE
                         "$<$<COMPILE_LANGUAGE:CXX>:SHELL:-include ${CMAKE_CURRENT_SOURCE_DIR}/common/layer_hooks.h>")
endif()
