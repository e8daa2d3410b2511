/* Integer and floating-point arithmetic, printed through printf: exercises codegen's numeric lowering. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static volatile int32_t vi = -7;
static volatile uint32_t vu = 0xfffffff0u;
static volatile int64_t vl = -1234567890123LL;
static volatile double vd = 2.5;
static volatile float vf = -0.75f;

int main(void)
{
	printf("div %d %d %u %u\n", vi / 2, vi % 2, vu / 3, vu % 7);
	printf("shift %d %u %lld\n", vi >> 1, vu >> 4, (long long)(vl << 3));
	printf("mul64 %lld\n", (long long)(vl * 977));
	printf("rot %u\n", (vu << 5) | (vu >> 27));
	printf("clz %d ctz %d pop %d\n", __builtin_clz(0x00f0u + (uint32_t)vi * 0), __builtin_ctz(0x0f00u), __builtin_popcount(vu));
	printf("double %.6f %.6f %.6f\n", vd * 3.1, sqrt(vd), floor(-vd));
	printf("float %.4f %.4f\n", (double)(vf * 2.0f), (double)fabsf(vf));
	printf("round %.1f %.1f %.1f\n", nearbyint(2.5), nearbyint(3.5), trunc(-2.7));
	printf("conv %d %u %lld\n", (int)(vd * -3.3), (unsigned)(vd * 1000.0), (long long)(vd * 1e12));
	printf("minmax %.1f %.1f\n", fmin(vd, -1.0), fmax((double)vf, 0.0));
	return 0;
}
