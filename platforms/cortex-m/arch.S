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
