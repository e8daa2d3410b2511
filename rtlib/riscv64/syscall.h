/*
 * RISC-V 64 Linux system calls: Linux's generic numbers (syscall_generic.h)
 * and the `ecall` instruction (number in a7, arguments in a0-a5, the result
 * in a0). Failures come back as -errno.
 */
#ifndef WASMC_RT_SYSCALL_H
#define WASMC_RT_SYSCALL_H

#include "syscall_generic.h"

#define SYSCALL_INSN "ecall"
#define SYSCALL_NR_REG "a7"
#define SYSCALL_ARG_REG0 "a0"
#define SYSCALL_ARG_REG1 "a1"
#define SYSCALL_ARG_REG2 "a2"
#define SYSCALL_ARG_REG3 "a3"
#define SYSCALL_ARG_REG4 "a4"
#define SYSCALL_ARG_REG5 "a5"
#include "syscall_registers.h"

#endif
