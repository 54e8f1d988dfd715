// The SHA-256 block function on the x86-64 SHA extensions, for the SigV4 signer.
//
// The signer hashes short messages (a few hundred bytes), where a library hash object's set-up and teardown cost
// more than the blocks themselves; this kernel works on a caller-owned eight-word state with no allocation. It only
// compresses whole 64-byte blocks: padding and the digest's byte order are done by the Swift caller.

#ifndef C_EVENT_INVOKE_CONFIG_SHA256_H
#define C_EVENT_INVOKE_CONFIG_SHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this processor has the SHA, SSSE3 and SSE4.1 extensions the kernel uses; 0 otherwise (always 0 when not
/// compiled for x86-64).
int eic_sha256_x86_available(void);

/// Compresses `blocks` 64-byte blocks read from `data` (any alignment) into `state` (the eight working words, in
/// the standard order a…h). Call only when `eic_sha256_x86_available()` returned 1.
void eic_sha256_x86_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// Overwrites `count` bytes at `bytes` with zeros behind a compiler barrier, so that the stores are not dropped as dead
/// (used for hash states derived from a key once they are no longer needed).
void eic_sha256_wipe(void *bytes, size_t count);

#endif
