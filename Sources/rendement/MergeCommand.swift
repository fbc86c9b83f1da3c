import ArgumentParser
import Foundation
import RendementCore
import RendementReport

/// `rendement merge`: combine the part files of a sharded run into exactly the single run's result.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the part files of `rendement run --shard K/N` into the result of the single run (identical JSON).",
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

    @Option(name: .shortAndLong, help: "Threads for the quantiles (results do not depend on it).")
    var threads: Int?

    func validate() throws {
        if parts.isEmpty { throw ValidationError("Give the part files to merge.") }
    }

    func run() throws {
        if let first = parts.first, SweepShardFile.isSweepPart(first) { return try mergeSweep() }
        var files: [(path: String, file: ShardFile)] = []
        for path in parts {
            do { files.append((path, try ShardFile.read(path))) }
            catch { StandardError.write("error: \(error)\n"); throw ExitCode(1) }
        }
        let problems = ShardFile.problems(files)
        guard problems.isEmpty else {
            for p in problems { StandardError.write("error: \(p)\n") }
            StandardError.write("nothing written\n")
            throw ExitCode(1)
        }
        if let out, FileManager.default.fileExists(atPath: out), !force {
            StandardError.write("error: \(out) already exists; pass --force to replace it\nnothing written\n")
            throw ExitCode(1)
        }
        let h = files[0].file.header
        var model: CompiledModel
        do {
            model = try ModelCompiler.compile(yaml: h.scenarioText, file: h.scenarioFile)
            if let variant = h.variant { model = try ModelCompiler.compile(model.scenario, variant: variant) }
        } catch {
            StandardError.write(error.description + "\n"); throw ExitCode(1)
        }
        guard let design = Designs.named(h.design), files.allSatisfy({ $0.file.header.outputs == model.outputs.count }) else {
            StandardError.write("error: the part files do not match the scenario they carry\n"); throw ExitCode(1)
        }
        let options = RunOptions(samples: h.samples, seed: h.seed, threads: threads ?? RunOptions.defaultThreads, design: design)
        let result = MonteCarloRunner.merge(model, options: options, shards: files.map(\.file.shard))
        let text = format == .json ? RunReport.json(result).rendered() : Kassabon.render(result)
        if let out {
            do { try text.write(toFile: out, atomically: true, encoding: .utf8) }
            catch { StandardError.write("error: cannot write \(out): \(error)\n"); throw ExitCode(1) }
        } else {
            print(text, terminator: "")
        }
    }

    /// The parts of a sharded sweep: the single sweep's JSON (or CSV/text with --format).
    func mergeSweep() throws {
        var files: [(path: String, file: SweepShardFile)] = []
        for path in parts {
            do { files.append((path, try SweepShardFile.read(path))) }
            catch { StandardError.write("error: \(error)\n"); throw ExitCode(1) }
        }
        let problems = SweepShardFile.problems(files)
        guard problems.isEmpty else {
            for p in problems { StandardError.write("error: \(p)\n") }
            StandardError.write("nothing written\n")
            throw ExitCode(1)
        }
        if let out, FileManager.default.fileExists(atPath: out), !force {
            StandardError.write("error: \(out) already exists; pass --force to replace it\nnothing written\n"); throw ExitCode(1)
        }
        let sweep: Sweep
        do { sweep = try SweepShardFile.merge(files.map(\.file), threads: threads ?? RunOptions.defaultThreads) }
        catch let error as ScenarioError { StandardError.write(error.description + "\n"); throw ExitCode(1) }
        catch { StandardError.write("error: \(error)\n"); throw ExitCode(1) }
        let text = format == .json ? sweep.json().rendered() : sweep.text()
        if let out {
            do { try text.write(toFile: out, atomically: true, encoding: .utf8) }
            catch { StandardError.write("error: cannot write \(out): \(error)\n"); throw ExitCode(1) }
        } else {
            print(text, terminator: "")
        }
    }
}
