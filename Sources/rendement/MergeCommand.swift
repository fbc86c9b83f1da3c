import ArgumentParser
import Foundation
import RendementCore
import RendementAnalysis
import RendementReport

/// `rendement merge`: combine the part files of a sharded run into exactly the single run's result.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the part files of `run`, `sweep` or `sensitivity` with --shard K/N into the single result (identical JSON).",
        discussion: """
            All N shards must be present, distinct and from the same scenario, seed, sample count, design
            and engine version; otherwise merge names the problem and writes nothing.
            Example: rendement merge parts/part-*.rdm --format json --out result.json
            """
    )

    @Argument(help: "The part files.")
    var parts: [String]

    @Option(name: .shortAndLong, help: "Output format: text (a kassabon) or json.")
    var format: OutputFormat = .text

    @Option(help: "Write the result to this file instead of stdout.")
    var out: String?

    @Flag(help: "Replace --out if it exists.")
    var force = false

    @Option(name: .shortAndLong, help: "Threads for the quantiles, 1 to 1024 (results do not depend on it).",
            transform: { try ThreadCount(Int(text: $0, field: "--threads"), field: "--threads") })
    var threads: ThreadCount?

    func validate() throws {
        if parts.isEmpty { throw ValidationError("Give the part files to merge.") }
    }

    func run() throws {
        var files: [PartFile] = []
        for path in parts {
            do { files.append(try PartFile.read(path: path)) }
            catch { StandardError.write("error: \(error)\nnothing written\n"); throw ExitCode(1) }
        }
        if let out, FileManager.default.fileExists(atPath: out), !force {
            StandardError.write("error: \(out) already exists; pass --force to replace it\nnothing written\n"); throw ExitCode(1)
        }
        let threads = self.threads?.value ?? RunOptions.defaultThreads
        let text: String
        do {
            switch files[0].header.kind {
            case .run:
                let store = try ResultStore.merging(files, threads: threads)
                let result = store.result()
                // The base case by year, as `run` gives it without --by-year, and the published figures.
                let table = try? YearTable.compute(result.model, options: nil)
                var options = store.options
                options.threads = threads
                let reconciliation = try Reconciliation.compute(result, options: options)
                text = format == .json ? RunReport.json(result, yearTable: table, reconciliation: reconciliation).rendered()
                    : Kassabon.render(result, reconciliation: reconciliation)
            case .sweep:
                let sweep = try AnalysisParts.mergeSweep(files, threads: threads)
                text = format == .json ? SweepReport.json(sweep, file: files[0].header.scenarioFile).rendered() : SweepReport.text(sweep)
            case .sensitivity:
                let analysis = try AnalysisParts.mergeSensitivity(files, threads: threads)
                text = format == .json ? SensitivityReport.json(analysis).rendered() : SensitivityReport.text(analysis)
            }
        } catch {
            StandardError.write("error: \(error)\nnothing written\n"); throw ExitCode(1)
        }
        try emit(text)
    }

    /// Writes the merged result to --out (atomically) or stdout.
    func emit(_ text: String) throws {
        if let out {
            do { try text.write(toFile: out, atomically: true, encoding: .utf8) }
            catch { StandardError.write("error: cannot write \(out): \(error)\n"); throw ExitCode(1) }
        } else {
            print(text, terminator: "")
        }
    }
}
