/*
 * Indirect calls through function pointers: objects with a table of
 * operations ("virtual methods") chosen by data, so no call can be devirtualized.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct shape;
struct shape_ops {
	int64_t (*area)(const struct shape *);
	void (*grow)(struct shape *, int32_t);
};
struct shape {
	const struct shape_ops *ops;
	int32_t a, b;
};

__attribute__((noinline)) static int64_t square_area(const struct shape *s) { return (int64_t)s->a * s->a; }
__attribute__((noinline)) static int64_t rect_area(const struct shape *s) { return (int64_t)s->a * s->b; }
__attribute__((noinline)) static int64_t tri_area(const struct shape *s) { return (int64_t)s->a * s->b / 2; }
__attribute__((noinline)) static int64_t circle_area(const struct shape *s) { return (int64_t)s->a * s->a * 355 / 113; }
__attribute__((noinline)) static void grow_a(struct shape *s, int32_t d) { s->a = (s->a + d) & 1023; }
__attribute__((noinline)) static void grow_b(struct shape *s, int32_t d) { s->b = (s->b ^ d) & 1023; }
__attribute__((noinline)) static void grow_both(struct shape *s, int32_t d) { grow_a(s, d); grow_b(s, d >> 1); }

static const struct shape_ops kinds[4] = {
	{ square_area, grow_a },
	{ rect_area, grow_b },
	{ tri_area, grow_both },
	{ circle_area, grow_a },
};

typedef uint32_t (*step_fn)(uint32_t);
static uint32_t step_add(uint32_t x) { return x + 0x9e3779b9u; }
static uint32_t step_rot(uint32_t x) { return x << 5 | x >> 27; }
static uint32_t step_mul(uint32_t x) { return x * 2246822519u; }
static uint32_t step_xor(uint32_t x) { return x ^ x >> 15; }
static step_fn volatile steps[4] = { step_add, step_rot, step_mul, step_xor };

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 4500;
	enum { N = 4096 };
	struct shape *shapes = malloc(sizeof(struct shape) * N);
	if (!shapes)
		return 1;
	uint32_t x = 12345;
	for (int i = 0; i < N; i++) {
		x = x * 1103515245u + 12345u;
		shapes[i] = (struct shape){ &kinds[(x >> 16) % 4], (int32_t)(x % 1000), (int32_t)(x / 1000 % 1000) };
	}
	int64_t total = 0;
	uint32_t h = 1;
	step_fn table[4];
	for (int i = 0; i < 4; i++)
		table[i] = steps[i];
	for (int r = 0; r < rounds; r++)
		for (int i = 0; i < N; i++) {
			struct shape *s = &shapes[i];
			total += s->ops->area(s);
			s->ops->grow(s, r + i);
			h = table[(h ^ (uint32_t)i) & 3](h);
		}
	printf("dispatch %d: %lld %u\n", rounds, (long long)total, h);
	return 0;
}
