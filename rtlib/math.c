/*
 * Rounding functions that LLVM calls where the target has no instruction for
 * them (x86-64 without SSE4.1, RISC-V without Zfa): f32/f64 floor, ceil,
 * trunc and nearest. Wasm never changes the rounding mode, so adding and
 * subtracting 2^52 (2^23 for floats) rounds to nearest-even. NaNs come back
 * quiet, as the instructions would return them. Built with -fno-builtin so
 * that these are not compiled into calls to themselves.
 */
#include <stdint.h>

static double nearest_f64(double x)
{
	uint64_t bits;
	__builtin_memcpy(&bits, &x, sizeof bits);
	unsigned exponent = (bits >> 52) & 0x7ff;
	if (exponent == 0x7ff)
		return x + x; /* quiets a NaN, keeps an infinity */
	if (exponent >= 0x3ff + 52)
		return x; /* already an integer */
	double r = x >= 0 ? (x + 0x1p52) - 0x1p52 : (x - 0x1p52) + 0x1p52;
	return __builtin_copysign(r, x);
}

static float nearest_f32(float x)
{
	uint32_t bits;
	__builtin_memcpy(&bits, &x, sizeof bits);
	unsigned exponent = (bits >> 23) & 0xff;
	if (exponent == 0xff)
		return x + x;
	if (exponent >= 0x7f + 23)
		return x;
	float r = x >= 0 ? (x + 0x1p23f) - 0x1p23f : (x - 0x1p23f) + 0x1p23f;
	return __builtin_copysignf(r, x);
}

/* nearest keeps the sign of x; r - 1 is never a zero, but ceil(-0.7) = -1 + 1 must be -0. */
double floor(double x)
{
	double r = nearest_f64(x);
	return r > x ? r - 1 : r;
}

double ceil(double x)
{
	double r = nearest_f64(x);
	return __builtin_copysign(r < x ? r + 1 : r, x);
}

double trunc(double x)
{
	return x < 0 ? ceil(x) : floor(x);
}

double nearbyint(double x)
{
	return nearest_f64(x);
}

double rint(double x)
{
	return nearest_f64(x);
}

double roundeven(double x)
{
	return nearest_f64(x);
}

float floorf(float x)
{
	float r = nearest_f32(x);
	return r > x ? r - 1 : r;
}

float ceilf(float x)
{
	float r = nearest_f32(x);
	return __builtin_copysignf(r < x ? r + 1 : r, x);
}

float truncf(float x)
{
	return x < 0 ? ceilf(x) : floorf(x);
}

float nearbyintf(float x)
{
	return nearest_f32(x);
}

float rintf(float x)
{
	return nearest_f32(x);
}

float roundevenf(float x)
{
	return nearest_f32(x);
}
