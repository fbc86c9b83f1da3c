import Foundation
import Testing
@testable import RendementCore

/// The independent reference model (`Scenarios/reference-model.yaml`, a copy of
/// shared/reference/reference-model.yaml) at 10^6 samples against its pooled reference values,
/// with the tolerances its specification gives (reference-model.md, "Acceptance").
@Suite struct ReferenceModelTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios/reference-model.yaml").path

    @Test func landsOnTheReferenceValues() throws {
        let model = try ModelCompiler.load(path: Self.path)
        #expect(model.inputs.count == 20)
        let n = 1_000_000
        let result = MonteCarloRunner.run(model, options: RunOptions(samples: n, seed: 20261122, threads: 2))
        let npv = result.summary(.npv), bcr = result.summary(.bcr)
        // Mean NPV within 3 standard errors of the analytic mean.
        #expect(abs(npv.mean - 915_120.0387) <= 3 * npv.se)
        // P(NPV > 0) within 3 √(SE_P² + SE_ref²).
        let p = npv.probabilityPositive
        #expect(abs(p - 0.723443) <= 3 * (p * (1 - p) / Double(n) + 0.000026 * 0.000026).squareRoot())
        // Spread statistics: within 3 times the spread across seeds at 10^6.
        #expect(abs(npv.sd - 1_451_270) <= 3 * 1_400)
        #expect(abs(npv.quantile("p05")! - -1_213_883) <= 3 * 2_500)
        #expect(abs(npv.quantile("p50")! - 781_036) <= 3 * 1_700)
        #expect(abs(npv.quantile("p95")! - 3_499_206) <= 3 * 4_200)
        #expect(abs(bcr.mean - 1.262992) <= 3 * 0.00037)
        #expect(abs(bcr.quantile("p05")! - 0.72572) <= 3 * 0.0004)
        #expect(abs(bcr.quantile("p50")! - 1.20073) <= 3 * 0.00045)
        #expect(abs(bcr.quantile("p95")! - 2.01008) <= 3 * 0.0012)
        // BCR of means against the analytic 1.23100392 (its SE is about 0.0004 at 10^6).
        let ratio = result.summary(.pvBenefits).mean / result.summary(.pvCosts).mean
        #expect(abs(ratio - 1.23100392) < 0.0015)
        // The base case is exact: every input at its base (modes; medians for the others).
        #expect(result.base(.npv).isFinite)
    }
}
