/* A 3x3 box blur of an 8-bit grayscale image, back and forth between two buffers: byte loads widened to sums. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int passes = argc > 1 ? atoi(argv[1]) : 300;
	enum { W = 2048, H = 1024 };
	uint8_t *src = malloc(W * H), *dst = malloc(W * H);
	if (!src || !dst)
		return 1;
	uint32_t seed = 12345;
	for (int i = 0; i < W * H; i++) {
		seed = seed * 1103515245u + 12345u;
		src[i] = dst[i] = (uint8_t)(seed >> 24);
	}
	for (int p = 0; p < passes; p++) {
		for (int y = 1; y < H - 1; y++) {
			const uint8_t *up = src + (y - 1) * W, *mid = src + y * W, *down = src + (y + 1) * W;
			uint8_t *out = dst + y * W;
			for (int x = 1; x < W - 1; x++) {
				unsigned s = up[x - 1] + up[x] + up[x + 1] + mid[x - 1] + mid[x] + mid[x + 1] +
					down[x - 1] + down[x] + down[x + 1];
				out[x] = (uint8_t)(s * 7282u >> 16); /* s / 9, exact for s <= 2295 */
			}
		}
		uint8_t *t = src;
		src = dst;
		dst = t;
	}
	uint64_t sum = 0;
	for (int i = 0; i < W * H; i++)
		sum = sum * 31 + src[i];
	printf("blur %d: %llu\n", passes, (unsigned long long)sum);
	return 0;
}
