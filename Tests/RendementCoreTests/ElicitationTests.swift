import Foundation
import Testing
@testable import RendementCore

/// Metalog fits against the reference implementation (pymetalog 0.2.2, the Python port of
/// Faber's rmetalog, fitted offline by OLS with as many terms as pairs), pooled experts against
/// closed forms, and the quantile fits against scipy's least squares.
@Suite struct ElicitationTests {
    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-6) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }

    @Test(arguments: [
        // (pairs, lower, upper, pymetalog's coefficients, its quantiles at 0.01, 0.25, 0.5, 0.75, 0.99)
        ([(0.1, 10.0), (0.5, 15.0), (0.9, 30.0)], nil, nil, [15.000000, 4.551196, 5.688995],
         [6.89609947, 11.5625, 15.0, 21.5625, 48.72268286]),
        ([(0.05, 2.0), (0.25, 5.0), (0.5, 9.0), (0.75, 16.0), (0.95, 40.0)], 0.0, nil,
         [2.197224577336174, 0.4664528024666813, 0.03197548184326432, 0.27649849611708044, -0.23989478914490964],
         [0.9349439645555622, 5.0, 9.0, 16.0, 89.16716864180742]),
        ([(0.1, 0.08), (0.5, 0.15), (0.9, 0.3)], 0.0, 1.0, [-1.734601, 0.362969, 0.102150],
         [0.04021437, 0.10858203, 0.15, 0.21285807, 0.54073135]),
    ] as [([(Double, Double)], Double?, Double?, [Double], [Double])])
    func metalogMatchesTheReferenceImplementation(pairs: [(Double, Double)], lower: Double?, upper: Double?, coefficients: [Double], quantiles: [Double]) throws {
        let d = try MetalogDistribution.fit(pairs.map { (p: $0.0, x: $0.1) }, lower: lower, upper: upper)
        for (a, b) in zip(d.coefficients, coefficients) { #expect(abs(a - b) < 1e-6, "coefficient \(a) against \(b)") }
        for (y, q) in zip([0.01, 0.25, 0.5, 0.75, 0.99], quantiles) { #expect(Self.close(d.quantile(y), q), "Q(\(y)) = \(d.quantile(y)) against \(q)") }
        // The elicited quantiles are reproduced exactly (to rounding), and the CDF inverts the quantile.
        #expect(d.isFeasible)
        for (p, x) in pairs {
            #expect(Self.close(d.quantile(p), x, 1e-12))
            #expect(abs(d.cdf(x) - p) < 1e-12)
        }
    }
}

extension ElicitationTests {
    /// pymetalog fits these five quantiles too, but its upper-tail slope Q(½) = a2 + a3/2 is
    /// negative (−0.012): the quantile function falls again near 1, so no distribution has them.
    @Test func anInfeasibleFitIsRefused() {
        let pairs = [(0.05, 2.0), (0.25, 5.0), (0.5, 9.0), (0.75, 20.0), (0.95, 45.0)].map { (p: $0.0, x: $0.1) }
        #expect(throws: MetalogDistribution.FitError.infeasible) { try MetalogDistribution.fit(pairs, lower: 0) }
        // Three terms of the same five quantiles (least squares) are feasible.
        #expect((try? MetalogDistribution.fit(pairs, lower: 0, terms: 3)) != nil)
    }

    @Test func metalogMomentsAndSamplesAgree() throws {
        let d = try MetalogDistribution.fit([(0.1, 10), (0.5, 15), (0.9, 30)].map { (p: $0.0, x: $0.1) })
        var rng = Xoshiro256PlusPlus(seed: 5)
        let n = 200_000
        let xs = d.samples(n, using: &rng)
        let mean = xs.reduce(0, +) / Double(n)
        // Monte Carlo error of the mean: sd / √n; 4 of them.
        #expect(abs(mean - d.mean) < 4 * d.standardDeviation / Double(n).squareRoot(), "sample mean \(mean), integral \(d.mean)")
        // The fraction below each elicited value is its probability.
        for (p, x) in [(0.1, 10.0), (0.5, 15.0), (0.9, 30.0)] {
            let below = Double(xs.filter { $0 <= x }.count) / Double(n)
            #expect(abs(below - p) < 4 * (p * (1 - p) / Double(n)).squareRoot())
        }
    }
}

extension ElicitationTests {
    /// Least-squares fits to five quantiles against scipy.optimize.least_squares (Levenberg–
    /// Marquardt on the same residuals, with scipy.stats' beta and lognormal quantile functions),
    /// computed offline: parameters within 1e-4 relative, and the same residual.
    @Test func quantileFitsMatchScipyLeastSquares() throws {
        let pairs = [(0.05, 12.0), (0.25, 17.0), (0.5, 20.0), (0.75, 24.0), (0.95, 30.0)].map { (p: $0.0, x: $0.1) }
        let pert = try #require(QuantileFit.fit(.pert, pairs, lower: nil, upper: nil))
        let p = try #require(pert.distribution as? PertDistribution)
        #expect(Self.close(p.min, 8.701751096742964, 1e-4) && Self.close(p.mode, 19.20699709294217, 1e-4) && Self.close(p.max, 37.52481203574545, 1e-4),
                "PERT \(p.min) \(p.mode) \(p.max)")
        #expect(Self.close(pert.rmse, 0.34799438246600617, 1e-6))
        let lognormal = try #require(QuantileFit.fit(.lognormal, pairs, lower: nil, upper: nil))
        let l = try #require(lognormal.distribution as? LognormalDistribution)
        #expect(Self.close(l.mu, 2.983148540583314, 1e-6) && Self.close(l.sigma, 0.2620063643801096, 1e-5), "lognormal \(l.mu) \(l.sigma)")
        #expect(Self.close(lognormal.rmse, 0.5100891672300891, 1e-6))
        let beta = try #require(QuantileFit.fit(.beta, pairs, lower: 0, upper: 50))
        let b = try #require(beta.distribution as? BetaDistribution)
        #expect(Self.close(b.alpha, 8.107273849105098, 1e-4) && Self.close(b.beta, 11.61806533851508, 1e-4), "beta \(b.alpha) \(b.beta)")
        #expect(Self.close(beta.rmse, 0.27542471675039465, 1e-6))
        // The metalog goes through every point.
        let metalog = try #require(QuantileFit.fit(.metalog, pairs, lower: nil, upper: nil))
        #expect(metalog.maxError < 1e-9)
        #expect(QuantileFit.candidates(pairs, lower: 0, upper: 50).first?.family == .metalog)
    }

    /// The pool's CDF is the weighted CDFs; the moments of pooled normals are the mixture's.
    @Test func poolIsTheWeightedMixture() throws {
        let a = try #require(NormalDistribution(mean: 10, sd: 2)), b = try #require(NormalDistribution(mean: 16, sd: 3))
        let pool = try #require(PooledDistribution(experts: [("A", a, 1), ("B", b, 3)]))
        for x in [4.0, 9.0, 12.5, 15.0, 22.0] {
            #expect(abs(pool.cdf(x) - (0.25 * a.cdf(x) + 0.75 * b.cdf(x))) < 1e-15)
        }
        // Mean Σ wμ = 14.5; variance Σ w(σ² + μ²) − mean² = 0.25·104 + 0.75·265 − 210.25 = 14.5.
        #expect(abs(pool.mean - 14.5) < 1e-12)
        #expect(abs(pool.variance - 14.5) < 1e-10)
        // The quantile function inverts the CDF, and samples follow it.
        for p in [0.01, 0.3, 0.5, 0.8, 0.99] { #expect(abs(pool.cdf(pool.quantile(p)) - p) < 1e-12) }
        var rng = Xoshiro256PlusPlus(seed: 9)
        let n = 200_000
        let xs = pool.samples(n, using: &rng)
        let mean = xs.reduce(0, +) / Double(n)
        #expect(abs(mean - 14.5) < 4 * pool.standardDeviation / Double(n).squareRoot())
        for x in [9.0, 14.0, 18.0] {
            let below = Double(xs.filter { $0 <= x }.count) / Double(n), p = pool.cdf(x)
            #expect(abs(below - p) < 4 * (p * (1 - p) / Double(n)).squareRoot())
        }
    }
}
