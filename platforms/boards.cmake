# The emulated boards, for the host test driver (tests/qemu) and scripts/bench.sh.
# Each platforms/<board>/ has board.cmake (toolchain, architecture, timer clock), board.ld,
# qemu.args (the QEMU command line of ../shared/baselines/METHOD.md, without -kernel) and its
# start-up code.
set(MOTE_BOARDS mps2-an386 mps2-an500 mps2-an505 mps3-an547 riscv-virt)

# mote_bench_entry(<entry> <id var> <cases var>): splits an entry of a bench model list, `id` or
# `id:<n>` (embed and check only the first n golden cases), into the id and n ("" for all).
function(mote_bench_entry entry id_var cases_var)
  string(REPLACE ":" ";" parts "${entry}")
  list(GET parts 0 id)
  set(n "")
  list(LENGTH parts num_parts)
  if(num_parts GREATER 1)
    list(GET parts 1 n)
  endif()
  set(${id_var} ${id} PARENT_SCOPE)
  set(${cases_var} "${n}" PARENT_SCOPE)
endfunction()
