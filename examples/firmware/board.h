/* The board layer of the firmware example: everything that depends on the chip or the
 * board is declared here and defined in startup.c (with the memory map in
 * mps2-an386.ld). ground_energy.c uses only these functions and the C ABI.
 *
 * Board: Arm MPS2 with the AN386 image (Cortex-M4 with FPU), as emulated by
 * `qemu-system-arm -M mps2-an386`. To port the example to another Cortex-M4F / M7
 * board, change startup.c (vector table size, clocks) and the linker script's MEMORY
 * block; the rest is standard Armv7-M (SCB, SysTick, semihosting).
 */
#ifndef BOARD_H
#define BOARD_H

#include <stddef.h>
#include <stdint.h>

#define BOARD_NAME "mps2-an386 (Cortex-M4F)"

/* Frequency of the processor clock that drives SysTick on this board (QEMU's model of
 * the MPS2 boards runs it at 25 MHz). Under `qemu-system-arm -icount shift=0` virtual
 * time advances 1 ns per instruction, so one tick is 40 instructions; on hardware a
 * tick is a CPU cycle when the CPU runs at this clock. */
#define BOARD_CPU_HZ 25000000u

/* Writes a NUL-terminated string to the host (semihosting SYS_WRITE0). */
void board_write(const char *s);

/* Ends the program: the host (QEMU) exits with `code` (semihosting
 * SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit). */
void board_exit(int code) __attribute__((noreturn));

/* Starts the free-running tick counter (SysTick on the processor clock, 24 bits,
 * extended to 64 bits by its interrupt). */
void board_ticks_start(void);

/* Ticks since board_ticks_start. */
uint64_t board_ticks(void);

/* Runs a loop of exactly `2 * iterations` instructions (subs + bne), for calibrating
 * ticks against instructions. */
void board_spin(uint32_t iterations);

/* Fills the unused part of the stack (below the current stack pointer) with a
 * pattern. */
void board_stack_paint(void);

/* Bytes of stack used since the last board_stack_paint: from the top of the stack to
 * the lowest word that no longer holds the pattern. */
size_t board_stack_peak(void);

/* Size of the stack region reserved by the linker script. */
size_t board_stack_size(void);

#endif /* BOARD_H */
