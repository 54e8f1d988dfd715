// OpenSSL's libcrypto (Debian: libssl-dev), which the SigV4 signer hashes and authenticates with on Linux:
// SHA-256 through EVP digests and HMAC-SHA256 through EVP_MAC.
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
