/*
 * Pointer chasing through one random cycle (Sattolo's shuffle) of 16-byte
 * nodes: every load depends on the previous one, so memory latency dominates.
 * Nodes are 16 bytes on both wasm32 and x86-64, so the footprint is the same.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct node {
	struct node *next;
	uint32_t value;
} __attribute__((aligned(16)));

int main(int argc, char **argv)
{
	long steps = argc > 1 ? atol(argv[1]) : 3000000;
	enum { N = 1 << 20 };
	struct node *nodes = malloc(sizeof(struct node) * N);
	uint32_t *order = malloc(sizeof(uint32_t) * N);
	if (!nodes || !order)
		return 1;
	uint64_t x = 0x2545f4914f6cdd1dull;
	for (uint32_t i = 0; i < N; i++)
		order[i] = i;
	for (uint32_t i = N - 1; i > 0; i--) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		uint32_t j = (uint32_t)(x % i), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (uint32_t i = 0; i < N; i++) {
		nodes[order[i]].next = &nodes[order[(i + 1) % N]];
		nodes[i].value = i * 7919u;
	}
	struct node *p = &nodes[0];
	uint64_t sum = 0;
	for (long s = 0; s < steps; s++) {
		sum += p->value;
		p = p->next;
	}
	printf("chase %ld: %llu %u\n", steps, (unsigned long long)sum, p->value);
	return 0;
}
