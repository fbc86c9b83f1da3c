// The system's OpenSSL libcrypto (Debian: libssl-dev), for SHA-256 only: provenance hashes of
// scenarios, token digests and request hashes. Wrapped once, like CLinalg, so that no build
// compiles a cryptography library of its own.
#include <openssl/sha.h>
