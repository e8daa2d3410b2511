/* SHA-256 (OpenSSL's), for the compile cache's keys and the OCI image's digests. */
#ifndef WASMC_SHA256_H
#define WASMC_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { SHA256_SIZE = 32, SHA256_HEX = 2 * SHA256_SIZE + 1 };

/* A digest in progress; a failure (out of memory) is remembered and reported by sha256_end. */
struct sha256 {
	void *ctx; /* EVP_MD_CTX */
	bool ok;
};

bool sha256_begin(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *bytes, size_t size);
/* Frees the state; false if any step failed. */
bool sha256_end(struct sha256 *h, uint8_t out[SHA256_SIZE]);

bool sha256(const void *bytes, size_t size, uint8_t out[SHA256_SIZE]);

/* The digest in lower-case hex, NUL-terminated. */
void sha256_hex(const uint8_t digest[SHA256_SIZE], char out[SHA256_HEX]);

#endif
