#include "CEventInvokeConfigSHA256.h"

#include <string.h>

void eic_sha256_wipe(void *bytes, size_t count) {
    memset(bytes, 0, count);
    // An empty statement that may read any memory through `bytes`: the compiler must keep the stores before it
    // (the same barrier BoringSSL's OPENSSL_cleanse uses).
    __asm__ __volatile__("" : : "r"(bytes) : "memory");
}

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>
#include <immintrin.h>

// The 64 round constants of FIPS 180-4, section 4.2.2.
static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

int eic_sha256_x86_available(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned ssse3 = 1u << 9, sse41 = 1u << 19;
    if ((ecx & ssse3) == 0 || (ecx & sse41) == 0) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned sha = 1u << 29;
    return (ebx & sha) != 0;
}

// SHA256RNDS2 works on the state split as (A, B, E, F) and (C, D, G, H), each register's highest lane first; the
// message words enter four at a time, in lane order, already added to their round constants. Each group of four
// rounds takes one new vector of message words; from the fifth group on it is computed from the previous four
// (SHA256MSG1 adds σ0 of the next words, the aligned middle vector adds W[t-7], SHA256MSG2 adds σ1).
__attribute__((target("sha,sse4.1,ssse3")))
void eic_sha256_x86_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
    // Reverses the bytes of each 32-bit lane: message words are big-endian.
    const __m128i big_endian_words = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

    // (a, b, c, d), (e, f, g, h) -> (f, e, b, a) and (h, g, d, c) in lanes 0…3.
    __m128i low = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);   // b a d c
    __m128i high = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B);  // h g f e
    __m128i abef = _mm_alignr_epi8(low, high, 8);
    __m128i cdgh = _mm_blend_epi16(high, low, 0xF0);

    for (; blocks > 0; blocks--, data += 64) {
        const __m128i abef_before = abef, cdgh_before = cdgh;
        __m128i words[4];
        _Pragma("clang loop unroll(full)")
        for (int i = 0; i < 4; i++) {
            words[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), big_endian_words);
        }
        _Pragma("clang loop unroll(full)")
        for (int group = 0; group < 16; group++) {
            __m128i next = words[group & 3];
            if (group >= 4) {
                // words[group & 3] holds W[t-16…t-13]; the others W[t-12…t-9], W[t-8…t-5], W[t-4…t-1].
                const __m128i w16 = words[group & 3], w12 = words[(group + 1) & 3];
                const __m128i w8 = words[(group + 2) & 3], w4 = words[(group + 3) & 3];
                __m128i sum = _mm_add_epi32(_mm_sha256msg1_epu32(w16, w12), _mm_alignr_epi8(w4, w8, 4));
                next = _mm_sha256msg2_epu32(sum, w4);
                words[group & 3] = next;
            }
            const __m128i scheduled =
                _mm_add_epi32(next, _mm_loadu_si128((const __m128i *)&round_constants[4 * group]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, scheduled);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(scheduled, 0x0E));
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }

    // Back to (a, b, c, d), (e, f, g, h).
    low = _mm_shuffle_epi32(abef, 0x1B);    // a b e f
    high = _mm_shuffle_epi32(cdgh, 0xB1);   // g h c d
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(low, high, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(high, low, 8));
}

#else

int eic_sha256_x86_available(void) { return 0; }

void eic_sha256_x86_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
    (void)state;
    (void)data;
    (void)blocks;
}

#endif
