/*
 * rt_syscall0..6 for architectures whose system calls take the number and
 * up to six arguments in registers and return in the first argument
 * register (AArch64, RISC-V 64). The architecture's syscall.h names them
 * first: SYSCALL_INSN, SYSCALL_NR_REG, SYSCALL_ARG_REG0..5. Unused
 * arguments are passed as 0, which the kernel ignores.
 */
#ifndef WASMC_RT_SYSCALL_REGISTERS_H
#define WASMC_RT_SYSCALL_REGISTERS_H

static inline long rt_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long nr __asm__(SYSCALL_NR_REG) = n;
	register long r0 __asm__(SYSCALL_ARG_REG0) = a;
	register long r1 __asm__(SYSCALL_ARG_REG1) = b;
	register long r2 __asm__(SYSCALL_ARG_REG2) = c;
	register long r3 __asm__(SYSCALL_ARG_REG3) = d;
	register long r4 __asm__(SYSCALL_ARG_REG4) = e;
	register long r5 __asm__(SYSCALL_ARG_REG5) = f;
	__asm__ volatile(SYSCALL_INSN
			 : "+r"(r0)
			 : "r"(nr), "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5)
			 : "memory");
	return r0;
}

static inline long rt_syscall5(long n, long a, long b, long c, long d, long e)
{
	return rt_syscall6(n, a, b, c, d, e, 0);
}

static inline long rt_syscall4(long n, long a, long b, long c, long d)
{
	return rt_syscall6(n, a, b, c, d, 0, 0);
}

static inline long rt_syscall3(long n, long a, long b, long c)
{
	return rt_syscall6(n, a, b, c, 0, 0, 0);
}

static inline long rt_syscall2(long n, long a, long b)
{
	return rt_syscall6(n, a, b, 0, 0, 0, 0);
}

static inline long rt_syscall1(long n, long a)
{
	return rt_syscall6(n, a, 0, 0, 0, 0, 0);
}

static inline long rt_syscall0(long n)
{
	return rt_syscall6(n, 0, 0, 0, 0, 0, 0);
}

#endif
