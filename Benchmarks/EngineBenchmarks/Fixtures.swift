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
        // Elicited forms: metalogs through three and five quantiles (unbounded, bounded,
        // semi-bounded), a least-squares PERT, and a pool of two experts.
        ("metalog 3 terms", try! MetalogDistribution.fit([(0.1, 800), (0.5, 1000), (0.9, 1250)])),
        ("metalog 3 terms bounded", try! MetalogDistribution.fit([(0.1, 0.08), (0.5, 0.15), (0.9, 0.3)], lower: 0, upper: 1)),
        ("metalog 5 terms semi-bounded", try! MetalogDistribution.fit([(0.05, 2), (0.25, 5), (0.5, 9), (0.75, 16), (0.95, 40)], lower: 0)),
        ("pool of 2 (pert, metalog)", PooledDistribution(experts: [
            ("GPs", PertDistribution(min: 800, mode: 1000, max: 1300)!, 1),
            ("nurses", try! MetalogDistribution.fit([(0.1, 800), (0.5, 1000), (0.9, 1250)]), 1)])!),
    ]
}
