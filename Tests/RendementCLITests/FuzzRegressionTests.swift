import Foundation
import RendementReport
import RendementAnalysis
import Testing

/// The inputs the fuzz targets once found failing (Fuzz/regressions), run through the same entry
/// points as the fuzz targets: each must now return.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func files(_ kind: String) -> [URL] {
        let folder = root.appendingPathComponent("Fuzz/regressions/\(kind)")
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
    }

    @Test func scenarioInputsReturn() throws {
        let files = Self.files("scenario")
        #expect(!files.isEmpty)
        // Decoded as the fuzz target decodes its bytes: invalid UTF-8 becomes U+FFFD.
        for file in files { ScenarioFuzzing.exercise(String(decoding: try Data(contentsOf: file), as: UTF8.self)) }
    }

    @Test func partFileInputsReturn() throws {
        let files = Self.files("part")
        #expect(!files.isEmpty)
        for file in files { PartFileFuzzing.exercise(try Data(contentsOf: file)) }
    }
}
