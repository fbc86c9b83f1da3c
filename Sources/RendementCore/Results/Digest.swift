import CCrypto
import Foundation

/// SHA-256 through the system's libcrypto (FIPS 180-4), for provenance: the hash of a scenario's
/// text in every report file and part file, token digests and request hashes in the server.
public enum Digest {
    /// The 32-byte SHA-256 of `data`.
    public static func sha256(_ data: Data) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        data.withUnsafeBytes { bytes in
            digest.withUnsafeMutableBufferPointer { out in
                _ = SHA256(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, out.baseAddress)
            }
        }
        return digest
    }

    /// The SHA-256 of `text`'s UTF-8 bytes as 64 lowercase hex digits.
    public static func sha256Hex(_ text: String) -> String {
        sha256(Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
