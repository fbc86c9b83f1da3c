import Foundation
import RendementCore

/// The entry of the part-file fuzz target (`Fuzz/Sources/FuzzPartFile`): bytes → the validating
/// reader (checksum not verified, so that mutations reach the checks behind it) → the merge of
/// that part as a set of one → the result. Whatever the bytes, this must return: a damaged part
/// is refused with a message, never trusted.
public enum PartFileFuzzing {
    public static func exercise(_ data: Data) {
        guard let part = try? PartFile.read(data, name: "fuzz.rdm", verifyingChecksum: false) else { return }
        // A real merge would need every shard; a set of one is checked the same way (and refused
        // unless it is shard 0/1).
        switch part.header.kind {
        case .run: _ = (try? ResultStore.merging([part], threads: 1))?.result()
        case .sweep: _ = try? AnalysisParts.mergeSweep([part], threads: 1)
        case .sensitivity: _ = try? AnalysisParts.mergeSensitivity([part], threads: 1)
        }
    }
}
