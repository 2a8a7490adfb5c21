/* Startup code and board layer (board.h) for the firmware example on the Arm MPS2
 * AN386 board (Cortex-M4F): vector table, reset handler, semihosting, SysTick and
 * stack painting. Freestanding: nothing from a C library.
 */
#include "board.h"

/* Symbols of mps2-an386.ld. */
extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack_limit[], __stack_top[];

int main(void);
void Reset_Handler(void) __attribute__((noreturn));
void Fault_Handler(void) __attribute__((noreturn));
void SysTick_Handler(void);

/* System control block and SysTick (Armv7-M architecture, the same on every M4/M7). */
#define SCB_CPACR (*(volatile uint32_t *)0xE000ED88u)
#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SYST_MAX 0x00FFFFFFu

/* Semihosting operations (Arm's semihosting specification). */
#define SYS_WRITE0 0x04
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

#define STACK_PAINT 0xC5C5C5C5u

/* The vector table: initial stack pointer, then the 15 system exceptions. The
 * example enables no peripheral interrupt, so no external vectors follow; a port that
 * uses interrupts appends the board's IRQ handlers here. */
typedef union {
    const void *sp;
    void (*handler)(void);
} vector;
__attribute__((section(".vectors"), used)) static const vector vectors[16] = {
    {.sp = __stack_top},         /* initial SP */
    {.handler = Reset_Handler},  /* reset */
    {.handler = Fault_Handler},  /* NMI */
    {.handler = Fault_Handler},  /* HardFault */
    {.handler = Fault_Handler},  /* MemManage */
    {.handler = Fault_Handler},  /* BusFault */
    {.handler = Fault_Handler},  /* UsageFault */
    {0},
    {0},
    {0},
    {0},
    {.handler = Fault_Handler},  /* SVCall */
    {.handler = Fault_Handler},  /* DebugMonitor */
    {0},
    {.handler = Fault_Handler},  /* PendSV */
    {.handler = SysTick_Handler}, /* SysTick */
};

static int semihost(int op, const void *arg) {
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void board_write(const char *s) { semihost(SYS_WRITE0, s); }

void board_exit(int code) {
    uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t)code};
    semihost(SYS_EXIT_EXTENDED, block);
    for (;;) {
        __asm__ volatile("wfi");
    }
}

void Reset_Handler(void) {
    uint32_t *src, *dst;
    /* Full access to the FPU (CP10, CP11) before any floating-point instruction: the
     * library and ground_energy.c are built for the hard-float ABI. */
    SCB_CPACR |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    for (src = __data_load, dst = __data_start; dst < __data_end;) {
        *dst++ = *src++;
    }
    for (dst = __bss_start; dst < __bss_end;) {
        *dst++ = 0;
    }
    board_exit(main());
}

void Fault_Handler(void) {
    board_write("fault: unexpected exception\n");
    board_exit(2);
}

static volatile uint32_t systick_wraps;

void SysTick_Handler(void) { systick_wraps++; }

void board_ticks_start(void) {
    SYST_CSR = 0;
    SYST_RVR = SYST_MAX;
    SYST_CVR = 0;
    systick_wraps = 0;
    /* Processor clock, interrupt on wrap, enable. */
    SYST_CSR = (1u << 2) | (1u << 1) | 1u;
}

uint64_t board_ticks(void) {
    uint32_t hi, v;
    /* The counter counts down from SYST_MAX to 0, then reloads; its interrupt comes
     * with the step to 0. Reading 0 is ambiguous (interrupt taken yet or not), so wait
     * the one tick until the reload. */
    do {
        hi = systick_wraps;
        v = SYST_CVR;
    } while (v == 0 || hi != systick_wraps);
    return (uint64_t)hi * (SYST_MAX + 1u) + (SYST_MAX - v);
}

void board_spin(uint32_t iterations) {
    __asm__ volatile("1:\n\tsubs %0, %0, #1\n\tbne 1b" : "+r"(iterations) : : "cc");
}

static uint32_t *stack_pointer(void) {
    uint32_t *sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

void board_stack_paint(void) {
    /* Leave 64 bytes below the current frame alone (this function's own use). */
    uint32_t *end = stack_pointer() - 16, *p;
    for (p = __stack_limit; p < end; p++) {
        *(volatile uint32_t *)p = STACK_PAINT;
    }
}

size_t board_stack_peak(void) {
    const uint32_t *p = __stack_limit;
    while (p < __stack_top && *p == STACK_PAINT) {
        p++;
    }
    return (size_t)(__stack_top - p) * sizeof *p;
}

size_t board_stack_size(void) { return (size_t)(__stack_top - __stack_limit) * sizeof(uint32_t); }
