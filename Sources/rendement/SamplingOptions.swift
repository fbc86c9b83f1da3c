import ArgumentParser
import Foundation
import RendementCore

/// Options shared by every command that samples.
struct SamplingOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Number of samples (e.g. 100000 or 1e6), at most 10^10. Default: the scenario's `samples`, else 100000.",
            transform: { try SampleCount(parsing: $0, field: "--samples") })
    var samples: SampleCount?

    @Option(help: "Random seed (a whole number). Default: the scenario's `seed`, else 1.")
    var seed: UInt64?

    @Option(name: .shortAndLong, help: "Worker threads, 1 to 1024 (results do not depend on it). Default: all cores.",
            transform: { try ThreadCount(Int(text: $0, field: "--threads"), field: "--threads") })
    var threads: ThreadCount?

    @Option(help: "Sampling design: mc (plain Monte Carlo, the default: exact samplers and exact standard errors), lhs (Latin hypercube) or sobol (scrambled Sobol' points).")
    var design: String = "mc"

    @Option(name: .customLong("target-se"), help: "Sample in rounds until the standard error of mean NPV is at most this (in currency units).")
    var targetSE: Double?

    @Option(name: .customLong("max-samples"), help: "The most samples --target-se may use (default 10,000,000).",
            transform: { try SampleCount(parsing: $0, field: "--max-samples") })
    var maxSamples: SampleCount?

    @Flag(name: .shortAndLong, help: "No progress messages on stderr.")
    var quiet = false

    func validate() throws {
        if Designs.named(design) == nil { throw ValidationError("Unknown design '\(design)'; choose one of \(Designs.names.joined(separator: ", ")).") }
        if let targetSE, !(targetSE > 0 && targetSE.isFinite) { throw ValidationError("Please specify a positive, finite --target-se (found \(targetSE)).") }
        if maxSamples != nil, targetSE == nil { throw ValidationError("--max-samples only applies with --target-se.") }
    }

    /// The run options for `model`, checked against it (design dimensions, memory); prints the
    /// problem and exits 1 when they do not fit.
    func options(for model: CompiledModel) throws -> RunOptions {
        let options = options(for: model.scenario)
        do { try options.check(for: model) } catch {
            StandardError.write("\(model.scenario.file): \(error.description)\n")
            throw ExitCode(1)
        }
        return options
    }

    func options(for scenario: Scenario) -> RunOptions {
        // With a target standard error, the first round is --samples if given, else 2^14.
        let first = samples?.value ?? (targetSE == nil ? scenario.samples ?? 100_000 : 16_384)
        return RunOptions(samples: first, seed: seed ?? scenario.seed ?? 1, threads: threads?.value ?? RunOptions.defaultThreads,
                          design: Designs.named(design) ?? MonteCarloDesign(),
                          targetSE: targetSE, maxSamples: maxSamples?.value ?? 10_000_000)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

extension Int {
    /// A whole number from a flag, or a usage error naming the flag.
    init(text: String, field: String) throws(LimitError) {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw LimitError(field: field, "expected a whole number, found '\(text.prefix(40))'")
        }
        self = value
    }
}

/// Parses `--shard K/N` (0 ≤ K < N ≤ 100,000) into the core's validated type.
func parseShard(_ text: String) throws -> ShardSpec {
    do { return try ShardSpec(parsing: text) } catch { throw ValidationError(error.description) }
}

extension ShardSpec {
    var pair: (index: Int, count: Int) { (index, count) }
}
