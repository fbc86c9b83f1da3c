import ArgumentParser
import Foundation
import RendementCore
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
        if let first = parts.first, SweepShardFile.isSweepPart(first) { return try mergeSweep() }
        if let first = parts.first, SensitivityShardFile.isSensitivityPart(first) { return try mergeSensitivity() }
        var files: [PartFile] = []
        for path in parts {
            do { files.append(try PartFile.read(path: path)) }
            catch { StandardError.write("error: \(error)\nnothing written\n"); throw ExitCode(1) }
        }
        if let out, FileManager.default.fileExists(atPath: out), !force {
            StandardError.write("error: \(out) already exists; pass --force to replace it\nnothing written\n"); throw ExitCode(1)
        }
        let store: ResultStore
        do { store = try ResultStore.merging(files, threads: threads?.value ?? RunOptions.defaultThreads) }
        catch { StandardError.write("error: \(error)\nnothing written\n"); throw ExitCode(1) }
        let result = store.result()
        try emit(format == .json ? RunReport.json(result).rendered() : Kassabon.render(result))
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

    /// Reads every part with `read`, checks them with `problems`, and refuses an existing --out;
    /// prints the problems and exits 1 (nothing written) when the parts are not one computation.
    func readParts<Part>(_ read: (String) throws -> Part, problems: ([(path: String, file: Part)]) -> [String]) throws -> [Part] {
        var files: [(path: String, file: Part)] = []
        for path in parts {
            do { files.append((path, try read(path))) }
            catch { StandardError.write("error: \(error)\n"); throw ExitCode(1) }
        }
        let found = problems(files)
        guard found.isEmpty else {
            for p in found { StandardError.write("error: \(p)\n") }
            StandardError.write("nothing written\n")
            throw ExitCode(1)
        }
        if let out, FileManager.default.fileExists(atPath: out), !force {
            StandardError.write("error: \(out) already exists; pass --force to replace it\nnothing written\n"); throw ExitCode(1)
        }
        return files.map(\.file)
    }

    /// The parts of a sharded sensitivity analysis: the single analysis's JSON or text.
    func mergeSensitivity() throws {
        let files = try readParts(SensitivityShardFile.read, problems: SensitivityShardFile.problems)
        let analysis: SensitivityAnalysis
        do { analysis = try SensitivityShardFile.merge(files, threads: threads?.value ?? RunOptions.defaultThreads) }
        catch let error as ScenarioError { StandardError.write(error.description + "\nnothing written\n"); throw ExitCode(1) }
        catch { StandardError.write("error: \(error)\nnothing written\n"); throw ExitCode(1) }
        try emit(format == .json ? analysis.json().rendered() : analysis.text())
    }

    /// The parts of a sharded sweep: the single sweep's JSON or text.
    func mergeSweep() throws {
        let files = try readParts(SweepShardFile.read, problems: SweepShardFile.problems)
        let sweep: Sweep
        do { sweep = try SweepShardFile.merge(files, threads: threads?.value ?? RunOptions.defaultThreads) }
        catch let error as ScenarioError { StandardError.write(error.description + "\nnothing written\n"); throw ExitCode(1) }
        catch { StandardError.write("error: \(error)\nnothing written\n"); throw ExitCode(1) }
        try emit(format == .json ? sweep.json().rendered() : sweep.text())
    }
}
