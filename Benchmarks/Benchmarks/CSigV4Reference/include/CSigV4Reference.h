// A SigV4 signer in C on OpenSSL's SHA-256: the "C floor" the Swift signer is compared with in the benchmarks.
// Header-mode signing with a pre-derived (warm) signing key; it canonicalises the request the way the Swift signer
// does (lower-cased, trimmed, sorted headers; double-encoded, normalised path; re-encoded, sorted query).
#ifndef CSIGV4REFERENCE_H
#define CSIGV4REFERENCE_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *name;
    size_t name_length;
    const char *value;
    size_t value_length;
} eic_c_header;

/// The HMAC states after absorbing the signing key's inner and outer pad blocks (opaque; 2 x SHA256_CTX).
typedef struct {
    uint64_t storage[32];
} eic_c_signing_key;

/// Derives the signing key of `secret` for `date` (YYYYMMDD), region and service, and absorbs it.
void eic_c_derive_key(eic_c_signing_key *key, const char *secret, const char *date, const char *region,
                      const char *service);

/// Signs a request in header mode. `amz_date` is the 16-character X-Amz-Date (it is also signed as `x-amz-date`),
/// `scope` is `date/region/service/aws4_request`. Writes the Authorization value into `out` (not terminated) and
/// returns its length, or -1 when `out` is too small or the request too large.
long eic_c_sign(const eic_c_signing_key *key, const char *access_key, const char *method, const char *path,
                size_t path_length, const char *query, size_t query_length, const eic_c_header *headers,
                size_t header_count, const uint8_t *body, size_t body_length, const char *amz_date,
                const char *scope, char *out, size_t out_capacity);

#endif
