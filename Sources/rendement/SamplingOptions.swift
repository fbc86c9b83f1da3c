import ArgumentParser
import RendementCore

/// A sample count that also accepts `1e6`, `1_000_000` and `1,000,000`.
struct SampleCount: ExpressibleByArgument, Sendable {
    var value: Int

    init?(argument: String) {
        let cleaned = argument.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
        if let int = Int(cleaned) { value = int; return }
        guard let double = Double(cleaned), double.isFinite, double == double.rounded(), let int = Int(exactly: double) else { return nil }
        value = int
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// Options shared by every command that samples.
struct SamplingOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Number of samples (e.g. 100000 or 1e6). Default: the scenario's `samples`, else 100000.")
    var samples: SampleCount?

    @Option(help: "Random seed (a whole number). Default: the scenario's `seed`, else 1.")
    var seed: UInt64?

    @Option(name: .shortAndLong, help: "Worker threads (results do not depend on it). Default: all cores.")
    var threads: Int?

    @Option(help: "Sampling design: mc (plain Monte Carlo, the default: exact samplers and exact standard errors), lhs (Latin hypercube) or sobol (scrambled Sobol' points).")
    var design: String = "mc"

    @Option(name: .customLong("target-se"), help: "Sample in rounds until the standard error of mean NPV is at most this (in currency units).")
    var targetSE: Double?

    @Option(name: .customLong("max-samples"), help: "The most samples --target-se may use (default 10,000,000).")
    var maxSamples: SampleCount?

    @Flag(name: .shortAndLong, help: "No progress messages on stderr.")
    var quiet = false

    func validate() throws {
        if let samples, samples.value < 1 { throw ValidationError("Please specify a sample count of at least 1 (found \(samples.value)).") }
        if let samples, samples.value > 10_000_000_000 { throw ValidationError("--samples \(samples.value) is more than 10^10; split the run into shards.") }
        if let threads, threads < 1 { throw ValidationError("Please specify at least 1 thread (found \(threads)).") }
        if Designs.named(design) == nil { throw ValidationError("Unknown design '\(design)'; choose one of \(Designs.names.joined(separator: ", ")).") }
        if let targetSE, !(targetSE > 0) { throw ValidationError("Please specify a positive --target-se (found \(targetSE)).") }
        if let maxSamples, maxSamples.value < 1 { throw ValidationError("Please specify --max-samples of at least 1.") }
        if maxSamples != nil, targetSE == nil { throw ValidationError("--max-samples only applies with --target-se.") }
    }

    func options(for scenario: Scenario) -> RunOptions {
        // With a target standard error, the first round is --samples if given, else 2^14.
        let first = samples?.value ?? (targetSE == nil ? scenario.samples ?? 100_000 : 16_384)
        return RunOptions(samples: first, seed: seed ?? scenario.seed ?? 1, threads: threads ?? RunOptions.defaultThreads,
                          design: Designs.named(design) ?? MonteCarloDesign(),
                          targetSE: targetSE, maxSamples: maxSamples?.value ?? 10_000_000)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

/// Parses `--shard K/N` (0 ≤ K < N).
func parseShard(_ text: String) throws -> (index: Int, count: Int) {
    let parts = text.split(separator: "/").compactMap { Int($0) }
    guard parts.count == 2, parts[1] >= 1, parts[0] >= 0, parts[0] < parts[1] else {
        throw ValidationError("--shard takes K/N with 0 ≤ K < N, e.g. 0/4 (found '\(text)').")
    }
    return (parts[0], parts[1])
}
