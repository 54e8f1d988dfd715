// A plain C SigV4 signer on OpenSSL's low-level SHA-256, as a baseline for the Swift signer's benchmarks.
// Written for speed the way a careful C programmer would write it (stack buffers, table lookups, no allocation),
// and for this benchmark only: it signs in header mode with a warm key and assumes a well-formed request.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include "CSigV4Reference.h"

#include <openssl/sha.h>
#include <string.h>

enum { BLOCK = 64, SCRATCH = 8192, MAX_HEADERS = 32, MAX_PARAMETERS = 32 };

typedef struct {
    SHA256_CTX inner;
    SHA256_CTX outer;
} hmac_state;

_Static_assert(sizeof(hmac_state) <= sizeof(eic_c_signing_key), "signing key storage too small");

static const char lower_hex[] = "0123456789abcdef";
static const char upper_hex[] = "0123456789ABCDEF";

static int is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

static int hex_value(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// The low-level API: OpenSSL 3's one-shot SHA256() goes through the EVP provider lookup.
static void sha256(const void *bytes, size_t length, uint8_t out[32]) {
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, bytes, length);
    SHA256_Final(out, &context);
}

static void hmac_init(hmac_state *state, const uint8_t *key, size_t length) {
    uint8_t block[BLOCK] = {0};
    if (length > BLOCK) {
        sha256(key, length, block);
    } else {
        memcpy(block, key, length);
    }
    uint8_t pad[BLOCK];
    for (int i = 0; i < BLOCK; i++) pad[i] = block[i] ^ 0x36;
    SHA256_Init(&state->inner);
    SHA256_Update(&state->inner, pad, BLOCK);
    for (int i = 0; i < BLOCK; i++) pad[i] = block[i] ^ 0x5c;
    SHA256_Init(&state->outer);
    SHA256_Update(&state->outer, pad, BLOCK);
}

static void hmac(const hmac_state *state, const void *message, size_t length, uint8_t out[32]) {
    SHA256_CTX context = state->inner;
    uint8_t inner[32];
    SHA256_Update(&context, message, length);
    SHA256_Final(inner, &context);
    context = state->outer;
    SHA256_Update(&context, inner, 32);
    SHA256_Final(out, &context);
}

static void hmac_once(const uint8_t *key, size_t key_length, const char *message, uint8_t out[32]) {
    hmac_state state;
    hmac_init(&state, key, key_length);
    hmac(&state, message, strlen(message), out);
}

void eic_c_derive_key(eic_c_signing_key *key, const char *secret, const char *date, const char *region,
                      const char *service) {
    uint8_t first[256];
    size_t secret_length = strlen(secret);
    memcpy(first, "AWS4", 4);
    memcpy(first + 4, secret, secret_length);
    uint8_t k_date[32], k_region[32], k_service[32], k_signing[32];
    hmac_once(first, 4 + secret_length, date, k_date);
    hmac_once(k_date, 32, region, k_region);
    hmac_once(k_region, 32, service, k_service);
    hmac_once(k_service, 32, "aws4_request", k_signing);
    hmac_init((hmac_state *)key->storage, k_signing, 32);
}

typedef struct {
    char *base;
    size_t count;
    size_t capacity;
} buffer;

static int put(buffer *b, const void *bytes, size_t length) {
    if (b->count + length > b->capacity) return -1;
    memcpy(b->base + b->count, bytes, length);
    b->count += length;
    return 0;
}

static int put_byte(buffer *b, char c) {
    if (b->count == b->capacity) return -1;
    b->base[b->count++] = c;
    return 0;
}

// The writers below go through a local pointer: a store through `char *` may alias `b->count`, so writing
// `b->base[b->count++]` would reload and store the count for every byte.
static void put_hex(buffer *b, const uint8_t *bytes, size_t length) {
    char *out = b->base + b->count;
    for (size_t i = 0; i < length; i++) {
        out[2 * i] = lower_hex[bytes[i] >> 4];
        out[2 * i + 1] = lower_hex[bytes[i] & 15];
    }
    b->count += 2 * length;
}

static char *put_escaped(char *out, unsigned char c) {
    out[0] = '%';
    out[1] = upper_hex[c >> 4];
    out[2] = upper_hex[c & 15];
    return out + 3;
}

// Double-encodes a wire path: every byte but unreserved ones and '/' is escaped (so "%3A" becomes "%253A").
// Paths with empty, "." or ".." segments are not handled (the benchmark's request has none): returns -1.
static int put_path(buffer *b, const char *path, size_t length) {
    if (b->count + 3 * length > b->capacity) return -1;
    char *out = b->base + b->count;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)path[i];
        if (c == '/') {
            if (i + 1 < length && (path[i + 1] == '/' || path[i + 1] == '.')) return -1;
            *out++ = '/';
        } else if (is_unreserved(c)) {
            *out++ = (char)c;
        } else {
            out = put_escaped(out, c);
        }
    }
    b->count = (size_t)(out - b->base);
    return 0;
}

// Decodes %XX escapes and re-encodes everything but unreserved bytes.
static int put_requery(buffer *b, const char *text, size_t length) {
    if (b->count + 3 * length > b->capacity) return -1;
    char *out = b->base + b->count;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)text[i];
        int high, low;
        if (c == '%' && i + 2 < length && (high = hex_value((unsigned char)text[i + 1])) >= 0 &&
            (low = hex_value((unsigned char)text[i + 2])) >= 0) {
            c = (unsigned char)(high << 4 | low);
            i += 2;
        }
        if (is_unreserved(c)) {
            *out++ = (char)c;
        } else {
            out = put_escaped(out, c);
        }
    }
    b->count = (size_t)(out - b->base);
    return 0;
}

typedef struct {
    size_t start, length;
} span;

static int compare_spans(const char *base, span a, span b) {
    size_t n = a.length < b.length ? a.length : b.length;
    int order = memcmp(base + a.start, base + b.start, n);
    if (order != 0) return order;
    return (a.length > b.length) - (a.length < b.length);
}

typedef struct {
    span name, value;
} entry;

typedef struct {
    span key, value;
} parameter;

long eic_c_sign(const eic_c_signing_key *key, const char *access_key, const char *method, const char *path,
                size_t path_length, const char *query, size_t query_length, const eic_c_header *headers,
                size_t header_count, const uint8_t *body, size_t body_length, const char *amz_date,
                const char *scope, char *out, size_t out_capacity) {
    char scratch_bytes[SCRATCH];
    char canonical_bytes[SCRATCH];
    buffer scratch = {scratch_bytes, 0, SCRATCH};
    buffer canonical = {canonical_bytes, 0, SCRATCH};
    if (header_count + 1 > MAX_HEADERS) return -1;

    // Payload hash.
    uint8_t digest[32];
    sha256(body, body_length, digest);
    char payload_hash[64];
    buffer hash_buffer = {payload_hash, 0, 64};
    put_hex(&hash_buffer, digest, 32);

    // Headers: lower-cased names and trimmed values into scratch, plus x-amz-date; then sorted by name.
    entry entries[MAX_HEADERS];
    size_t count = 0;
    for (size_t h = 0; h <= header_count; h++) {
        const char *name = h < header_count ? headers[h].name : "x-amz-date";
        size_t name_length = h < header_count ? headers[h].name_length : 10;
        const char *value = h < header_count ? headers[h].value : amz_date;
        size_t value_length = h < header_count ? headers[h].value_length : 16;
        if (scratch.count + name_length + value_length > scratch.capacity) return -1;
        entry e;
        char *out = scratch.base + scratch.count;
        e.name.start = scratch.count;
        for (size_t i = 0; i < name_length; i++) {
            char c = name[i];
            *out++ = (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
        }
        e.name.length = name_length;
        e.value.start = scratch.count + name_length;
        char *value_start = out;
        int pending_space = 0;
        for (size_t i = 0; i < value_length; i++) {
            char c = value[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pending_space = out > value_start;
            } else {
                if (pending_space) *out++ = ' ';
                pending_space = 0;
                *out++ = c;
            }
        }
        e.value.length = (size_t)(out - value_start);
        scratch.count = (size_t)(out - scratch.base);
        size_t slot = count++;
        while (slot > 0 && compare_spans(scratch.base, entries[slot - 1].name, e.name) > 0) {
            entries[slot] = entries[slot - 1];
            slot--;
        }
        entries[slot] = e;
    }

    // Canonical request.
    if (put(&canonical, method, strlen(method)) || put_byte(&canonical, '\n')) return -1;
    if (put_path(&canonical, path, path_length) || put_byte(&canonical, '\n')) return -1;
    parameter parameters[MAX_PARAMETERS];
    size_t parameter_count = 0;
    size_t start = 0;
    while (start < query_length) {
        size_t end = start;
        while (end < query_length && query[end] != '&') end++;
        if (end > start) {
            if (parameter_count == MAX_PARAMETERS) return -1;
            size_t equals = start;
            while (equals < end && query[equals] != '=') equals++;
            parameter p;
            p.key.start = scratch.count;
            if (put_requery(&scratch, query + start, equals - start)) return -1;
            p.key.length = scratch.count - p.key.start;
            p.value.start = scratch.count;
            if (equals < end && put_requery(&scratch, query + equals + 1, end - equals - 1)) return -1;
            p.value.length = scratch.count - p.value.start;
            size_t slot = parameter_count++;
            while (slot > 0) {
                int order = compare_spans(scratch.base, parameters[slot - 1].key, p.key);
                if (order == 0) order = compare_spans(scratch.base, parameters[slot - 1].value, p.value);
                if (order <= 0) break;
                parameters[slot] = parameters[slot - 1];
                slot--;
            }
            parameters[slot] = p;
        }
        start = end + 1;
    }
    for (size_t i = 0; i < parameter_count; i++) {
        if (i > 0 && put_byte(&canonical, '&')) return -1;
        if (put(&canonical, scratch.base + parameters[i].key.start, parameters[i].key.length) ||
            put_byte(&canonical, '=') ||
            put(&canonical, scratch.base + parameters[i].value.start, parameters[i].value.length))
            return -1;
    }
    if (put_byte(&canonical, '\n')) return -1;
    for (size_t i = 0; i < count; i++) {
        if (put(&canonical, scratch.base + entries[i].name.start, entries[i].name.length) ||
            put_byte(&canonical, ':') ||
            put(&canonical, scratch.base + entries[i].value.start, entries[i].value.length) ||
            put_byte(&canonical, '\n'))
            return -1;
    }
    if (put_byte(&canonical, '\n')) return -1;
    size_t signed_start = canonical.count;
    for (size_t i = 0; i < count; i++) {
        if (i > 0 && put_byte(&canonical, ';')) return -1;
        if (put(&canonical, scratch.base + entries[i].name.start, entries[i].name.length)) return -1;
    }
    size_t signed_length = canonical.count - signed_start;
    if (put_byte(&canonical, '\n') || put(&canonical, payload_hash, 64)) return -1;
    sha256(canonical.base, canonical.count, digest);

    // String to sign, then the signature.
    char sts_bytes[512];
    buffer sts = {sts_bytes, 0, sizeof sts_bytes};
    size_t scope_length = strlen(scope);
    if (put(&sts, "AWS4-HMAC-SHA256\n", 17) || put(&sts, amz_date, 16) || put_byte(&sts, '\n') ||
        put(&sts, scope, scope_length) || put_byte(&sts, '\n') || sts.count + 64 > sts.capacity)
        return -1;
    put_hex(&sts, digest, 32);
    uint8_t signature[32];
    hmac((const hmac_state *)key->storage, sts.base, sts.count, signature);

    buffer result = {out, 0, out_capacity};
    if (put(&result, "AWS4-HMAC-SHA256 Credential=", 28) || put(&result, access_key, strlen(access_key)) ||
        put_byte(&result, '/') || put(&result, scope, scope_length) || put(&result, ", SignedHeaders=", 16) ||
        put(&result, canonical.base + signed_start, signed_length) || put(&result, ", Signature=", 12) ||
        result.count + 64 > result.capacity)
        return -1;
    put_hex(&result, signature, 32);
    return (long)result.count;
}
