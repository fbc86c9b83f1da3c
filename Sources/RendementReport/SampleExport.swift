import Foundation
import RendementCore
import Synchronization

/// Writes one CSV row per sample while a run is under way: every input by name, then
/// `pv_benefits`, `pv_costs`, `npv`, `bcr`, and one column per stakeholder.
///
/// Chunks are formatted in parallel by the workers and written in sample order. The file is
/// written under a temporary name and moved into place by `finish()`, so a failed run never
/// leaves a partial file behind under the requested name.
public final class SampleExport: ChunkObserver, @unchecked Sendable {
    private let columns: [(name: String, source: Source)]
    private let finalURL: URL
    private let temporaryURL: URL
    private let handle: FileHandle
    private let state = Mutex<(next: Int, pending: [Int: Data], error: String?)>((0, [:], nil))

    enum Source { case input(Int), fixed(Double), output(Int) }

    /// Opens the export for `model`. Refuses to replace an existing file unless `overwrite`.
    public init(model: CompiledModel, path: String, overwrite: Bool) throws {
        finalURL = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: path), !overwrite {
            throw ExportError("\(path) already exists; choose another name or pass --force to replace it")
        }
        let directory = finalURL.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw ExportError("cannot write \(path): the folder \(directory.path) does not exist")
        }
        temporaryURL = directory.appendingPathComponent(".\(finalURL.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial")
        guard FileManager.default.createFile(atPath: temporaryURL.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporaryURL) else {
            throw ExportError("cannot write \(path): permission denied or read-only folder")
        }
        self.handle = handle

        var columns: [(String, Source)] = []
        for input in model.scenario.inputs {
            if let j = model.inputs.firstIndex(where: { $0.name == input.name }) { columns.append((input.name, .input(j))) }
            else { columns.append((input.name, .fixed(input.base))) }
        }
        let taken = Set(columns.map(\.0))
        for role in [ModelOutput.Role.pvBenefits, .pvCosts, .npv, .bcr] {
            let k = model.outputIndex(role)!
            columns.append((model.outputs[k].name, .output(k)))
        }
        for k in model.stakeholderOutputs {
            let id = model.outputs[k].name
            columns.append((taken.contains(id) || ["pv_benefits", "pv_costs", "npv", "bcr"].contains(id) ? "stakeholder:\(id)" : id, .output(k)))
        }
        self.columns = columns
        handle.write((columns.map { Self.quote($0.0) }.joined(separator: ",") + "\n").data(using: .utf8)!)
    }

    public func observe(chunk: Int, firstSample: Int, rows: Int, inputs: UnsafePointer<Double>, outputs: UnsafePointer<Double>, stride: Int) {
        var text = ""
        text.reserveCapacity(rows * columns.count * 12)
        for i in 0..<rows {
            for (c, column) in columns.enumerated() {
                if c > 0 { text += "," }
                switch column.source {
                case let .input(j): text += Self.number(inputs[j * stride + i])
                case let .fixed(v): text += Self.number(v)
                case let .output(k): text += Self.number(outputs[k * stride + i])
                }
            }
            text += "\n"
        }
        let data = Data(text.utf8)
        state.withLock { s in
            s.pending[chunk] = data
            while let ready = s.pending.removeValue(forKey: s.next) {
                do { try handle.write(contentsOf: ready) } catch { s.error = "\(error)" }
                s.next += 1
            }
        }
    }

    /// Closes the file and moves it into place; call only after a successful run.
    public func finish() throws {
        try handle.close()
        if let error = state.withLock({ $0.error }) { discard(); throw ExportError("writing \(finalURL.path) failed: \(error)") }
        if FileManager.default.fileExists(atPath: finalURL.path) { try FileManager.default.removeItem(at: finalURL) }
        try FileManager.default.moveItem(at: temporaryURL, to: finalURL)
    }

    /// Removes the temporary file (after a failed run).
    public func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(at: temporaryURL)
    }

    /// Writes a companion file next to an export: `samples.csv` → `samples.<suffix>.csv`.
    public static func writeSidecar(_ text: String, next path: String, suffix: String, overwrite: Bool) throws {
        try checkSidecar(next: path, suffix: suffix, overwrite: overwrite)
        try text.write(to: sidecar(path, suffix), atomically: true, encoding: .utf8)
    }

    /// Refuses (before a run) a companion file that exists, unless `overwrite`.
    public static func checkSidecar(next path: String, suffix: String, overwrite: Bool) throws {
        let target = sidecar(path, suffix)
        if FileManager.default.fileExists(atPath: target.path), !overwrite {
            throw ExportError("\(target.path) already exists; choose another --export name or pass --force to replace it")
        }
    }

    static func sidecar(_ path: String, _ suffix: String) -> URL {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent("\(url.deletingPathExtension().lastPathComponent).\(suffix).csv")
    }

    static func number(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return JSONValue.format(x)
    }

    static func quote(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}

/// A problem writing an output file.
public struct ExportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
