import Foundation
import RendementCore

/// What the benchmarks run on.
enum Fixtures {
    /// The repository's top folder, found from this file's place.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func referenceModel() throws -> CompiledModel {
        try ModelCompiler.load(path: repository.appendingPathComponent("Scenarios/reference-model.yaml").path)
    }

    /// One of each distribution family, with the reference model's kind of parameters.
    static let distributions: [(String, any Distribution)] = [
        ("uniform", UniformDistribution(min: 0.05, max: 0.20)!),
        ("triangular", TriangularDistribution(min: 0.05, mode: 0.15, max: 0.30)!),
        ("pert", PertDistribution(min: 800, mode: 1000, max: 1300)!),
        ("beta", BetaDistribution(alpha: 2.5, beta: 4)!),
        ("normal", NormalDistribution(mean: 2500, sd: 800)!),
        ("normal truncated at 0", NormalDistribution(mean: 3000, sd: 1500, lower: 0)!),
        ("lognormal", LognormalDistribution(mu: 9.4, sigma: 0.28)!),
        ("gamma", GammaDistribution(shape: 3, scale: 2)!),
    ]
}
