/* Reset entry of QEMU's RISC-V `virt` board with -bios none: the boot ROM jumps to the start of
 * DRAM (0x80000000) in M-mode, so _start is linked first there (riscv-virt/board.ld). It sets up
 * gp, sp and the trap vector, turns the FPU on (mstatus.FS = Initial) and enters C++. */
  .section .text.init, "ax", @progbits
  .global _start
  .type _start, @function
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la sp, __stack_top
  la t0, mote_trap_entry
  csrw mtvec, t0
  li t0, 0x2000          /* mstatus.FS = 01 (Initial): F instructions no longer trap */
  csrs mstatus, t0
  csrwi fcsr, 0
  call mote_riscv_start
1:
  j 1b
  .size _start, . - _start

  .section .text.mote_trap_entry, "ax", @progbits
  .balign 4
  .global mote_trap_entry
mote_trap_entry:
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  call mote_riscv_trap
2:
  j 2b
