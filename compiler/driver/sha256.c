#include "sha256.h"

#include <openssl/evp.h>

bool sha256_begin(struct sha256 *h)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	h->ctx = ctx;
	h->ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	return h->ok;
}

void sha256_update(struct sha256 *h, const void *bytes, size_t size)
{
	if (h->ok && size)
		h->ok = EVP_DigestUpdate(h->ctx, bytes, size);
}

bool sha256_end(struct sha256 *h, uint8_t out[SHA256_SIZE])
{
	unsigned size = 0;
	bool ok = h->ok && EVP_DigestFinal_ex(h->ctx, out, &size) && size == SHA256_SIZE;
	EVP_MD_CTX_free(h->ctx);
	return ok;
}

bool sha256(const void *bytes, size_t size, uint8_t out[SHA256_SIZE])
{
	struct sha256 h;
	sha256_begin(&h);
	sha256_update(&h, bytes, size);
	return sha256_end(&h, out);
}

void sha256_hex(const uint8_t digest[SHA256_SIZE], char out[SHA256_HEX])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < SHA256_SIZE; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[2 * SHA256_SIZE] = 0;
}
