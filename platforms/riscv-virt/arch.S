/* RISC-V helpers whose exact instructions matter:
 * mote_spin(n): the calibration loop, 2n+2 instructions including the caller's JAL/CALL:
 *   1: addi a0, a0, -1 ; bnez a0, 1b ; ret
 * mote_current_sp(): the caller's stack pointer (a leaf: JAL does not touch SP). */
  .section .text.mote_spin, "ax", @progbits
  .global mote_spin
  .type mote_spin, @function
mote_spin:
1:
  addi a0, a0, -1
  bnez a0, 1b
  ret
  .size mote_spin, . - mote_spin

  .section .text.mote_current_sp, "ax", @progbits
  .global mote_current_sp
  .type mote_current_sp, @function
mote_current_sp:
  mv a0, sp
  ret
  .size mote_current_sp, . - mote_current_sp

/* mote_fpu_selftest(x): executes the F extension (2x in single precision), so that an FPU left
 * off by the start-up code (mstatus.FS = Off) traps instead of going unnoticed. */
  .section .text.mote_fpu_selftest, "ax", @progbits
  .global mote_fpu_selftest
  .type mote_fpu_selftest, @function
mote_fpu_selftest:
#if defined(__riscv_flen)
  fcvt.s.w fa0, a0
  fadd.s fa0, fa0, fa0
  fcvt.w.s a0, fa0, rtz
#endif
  ret
  .size mote_fpu_selftest, . - mote_fpu_selftest
