/* Cortex-M (Thumb-2) helpers whose exact instructions matter:
 * mote_spin(n): the calibration loop, 2n+2 instructions including the caller's BL:
 *   1: subs r0, r0, #1 ; bne 1b ; bx lr
 * mote_current_sp(): the caller's stack pointer (a leaf: BL does not touch SP). */
  .syntax unified
  .thumb

  .section .text.mote_spin, "ax", %progbits
  .global mote_spin
  .type mote_spin, %function
  .thumb_func
mote_spin:
1:
  subs r0, r0, #1
  bne 1b
  bx lr
  .size mote_spin, . - mote_spin

  .section .text.mote_current_sp, "ax", %progbits
  .global mote_current_sp
  .type mote_current_sp, %function
  .thumb_func
mote_current_sp:
  mov r0, sp
  bx lr
  .size mote_current_sp, . - mote_current_sp

/* mote_fpu_selftest(x): executes the floating-point unit and, on Armv8.1-M with Helium, the
 * vector unit, so that a missing enable in the start-up code faults (NOCP UsageFault) instead
 * of going unnoticed. Returns 2x via FPv4/FPv5 single precision, then 4 lanes x that via MVE. */
  .section .text.mote_fpu_selftest, "ax", %progbits
  .global mote_fpu_selftest
  .type mote_fpu_selftest, %function
  .thumb_func
mote_fpu_selftest:
#if defined(__ARM_FP)
  vmov s0, r0
  vcvt.f32.s32 s0, s0
  vadd.f32 s0, s0, s0
  vcvt.s32.f32 s0, s0
  vmov r0, s0
#endif
#if defined(__ARM_FEATURE_MVE)
  vdup.32 q0, r0
  movs r0, #0
  vaddva.u32 r0, q0
#endif
  bx lr
  .size mote_fpu_selftest, . - mote_fpu_selftest
