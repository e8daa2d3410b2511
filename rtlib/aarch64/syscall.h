/*
 * AArch64 Linux system calls: Linux's generic numbers (syscall_generic.h)
 * and the `svc #0` instruction (number in x8, arguments in x0-x5, the result
 * in x0). Failures come back as -errno.
 */
#ifndef WASMC_RT_SYSCALL_H
#define WASMC_RT_SYSCALL_H

#include "syscall_generic.h"

#define SYSCALL_INSN "svc #0"
#define SYSCALL_NR_REG "x8"
#define SYSCALL_ARG_REG0 "x0"
#define SYSCALL_ARG_REG1 "x1"
#define SYSCALL_ARG_REG2 "x2"
#define SYSCALL_ARG_REG3 "x3"
#define SYSCALL_ARG_REG4 "x4"
#define SYSCALL_ARG_REG5 "x5"
#include "syscall_registers.h"

#endif
