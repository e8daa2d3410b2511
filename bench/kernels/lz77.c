/*
 * LZ77 with a hash table of recent positions, then decompression and a check
 * that the round trip restores the input: byte loads, hashing, branchy matching.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { HASH_BITS = 14, MIN_MATCH = 4, MAX_MATCH = 255, WINDOW = 65535 };

static uint32_t hash4(const uint8_t *p)
{
	uint32_t v = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
	return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Tokens: 0, literal byte | 1, length, distance (2 bytes). */
static size_t compress(const uint8_t *in, size_t n, uint8_t *out, uint32_t *table)
{
	for (int i = 0; i < 1 << HASH_BITS; i++)
		table[i] = UINT32_MAX;
	size_t o = 0, i = 0;
	while (i < n) {
		size_t best = 0, dist = 0;
		if (i + MIN_MATCH <= n) {
			uint32_t h = hash4(in + i), cand = table[h];
			table[h] = (uint32_t)i;
			if (cand != UINT32_MAX && i - cand <= WINDOW) {
				size_t len = 0, max = n - i < MAX_MATCH ? n - i : MAX_MATCH;
				while (len < max && in[cand + len] == in[i + len])
					len++;
				if (len >= MIN_MATCH) {
					best = len;
					dist = i - cand;
				}
			}
		}
		if (best) {
			out[o++] = 1;
			out[o++] = (uint8_t)best;
			out[o++] = (uint8_t)dist;
			out[o++] = (uint8_t)(dist >> 8);
			i += best;
		} else {
			out[o++] = 0;
			out[o++] = in[i++];
		}
	}
	return o;
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		if (in[i] == 0) {
			out[o++] = in[i + 1];
			i += 2;
		} else {
			size_t len = in[i + 1], dist = in[i + 2] | (size_t)in[i + 3] << 8;
			for (size_t k = 0; k < len; k++, o++)
				out[o] = out[o - dist];
			i += 4;
		}
	}
	return o;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 60;
	enum { SIZE = 1 << 20 };
	static const char *words[] = { "the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog ",
				       "wasm ", "native ", "compiler ", "loop ", "\n", "0123 ", "zebra ", "x" };
	uint8_t *in = malloc(SIZE), *packed = malloc(2 * SIZE + 16), *back = malloc(SIZE);
	uint32_t *table = malloc(sizeof(uint32_t) << HASH_BITS);
	if (!in || !packed || !back || !table)
		return 1;
	uint64_t x = 0x9e3779b97f4a7c15ull;
	for (size_t i = 0; i < SIZE;) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		const char *w = words[x % 16];
		if ((x >> 20) % 8 == 0)
			in[i++] = (uint8_t)(x >> 32);
		for (; *w && i < SIZE; w++)
			in[i++] = (uint8_t)*w;
	}
	uint32_t check = 2166136261u;
	size_t packed_len = 0;
	for (int r = 0; r < rounds; r++) {
		in[r] ^= (uint8_t)r;
		packed_len = compress(in, SIZE, packed, table);
		if (decompress(packed, packed_len, back) != SIZE)
			return 2;
		for (size_t i = 0; i < SIZE; i += 61)
			check = (check ^ back[i]) * 16777619u;
		check ^= (uint32_t)packed_len;
	}
	for (size_t i = 0; i < SIZE; i++)
		if (back[i] != in[i])
			return 3;
	printf("lz77 %d: %zu %u\n", rounds, packed_len, check);
	return 0;
}
