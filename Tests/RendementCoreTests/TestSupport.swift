import Testing
@testable import RendementCore

/// Compiles scenario text (fails the test with the diagnostics if it is invalid).
func compile(_ yaml: String, file: String = "test.yaml") throws -> CompiledModel {
    do {
        return try ModelCompiler.compile(ScenarioLoader.decode(yaml: yaml, file: file))
    } catch {
        Issue.record("scenario did not compile:\n\(error)")
        throw error
    }
}

/// The diagnostics a scenario produces (empty when it compiles without errors).
func diagnostics(_ yaml: String, file: String = "bad.yaml") -> [Diagnostic] {
    do {
        _ = try ModelCompiler.compile(yaml: yaml, file: file)
        return []
    } catch {
        return error.errors
    }
}

func run(_ model: CompiledModel, samples: Int, seed: UInt64 = 42, threads: Int = 2) -> RunResult {
    MonteCarloRunner.run(model, options: RunOptions(samples: samples, seed: seed, threads: threads))
}

/// Standard normal CDF (for closed forms in tests).
func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

import Foundation
