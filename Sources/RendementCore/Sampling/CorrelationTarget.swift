import Foundation

/// The target Spearman rank-correlation matrix of the correlated inputs of a model.
public struct CorrelationTarget: Sendable {
    /// Indices (into `CompiledModel.inputs`) of the inputs that take part, in model order.
    public let inputs: [Int]
    /// Row-major k × k target matrix, k = inputs.count.
    public let matrix: [Double]
    /// Its lower Cholesky factor (a tiny ridge is added when it is singular but semi-definite).
    let factor: [Double]

    /// Builds and checks the matrix. Returns nil when there are no correlations; throws the
    /// diagnostics when the matrix is not positive semi-definite, with the nearest valid one.
    static func make(_ specs: [CorrelationSpec], inputs: [ModelInput], file: String) -> Result<CorrelationTarget?, ScenarioError> {
        guard !specs.isEmpty else { return .success(nil) }
        var involved: [Int] = []
        for s in specs {
            for name in [s.first, s.second] {
                if let j = inputs.firstIndex(where: { $0.name == name }), !involved.contains(j) { involved.append(j) }
            }
        }
        involved.sort()
        let k = involved.count
        var m = [Double](repeating: 0, count: k * k)
        for i in 0..<k { m[i * k + i] = 1 }
        for s in specs {
            guard let a = inputs.firstIndex(where: { $0.name == s.first }).flatMap({ involved.firstIndex(of: $0) }),
                  let b = inputs.firstIndex(where: { $0.name == s.second }).flatMap({ involved.firstIndex(of: $0) }) else { continue }
            m[a * k + b] = s.rho
            m[b * k + a] = s.rho
        }
        let smallest = LinearAlgebra.symmetricEigen(m, n: k)?.values.first ?? -1
        if smallest < -1e-10 {
            let nearest = LinearAlgebra.nearestCorrelation(m, n: k)
            var suggestion: [String] = []
            for s in specs {
                guard let a = inputs.firstIndex(where: { $0.name == s.first }).flatMap({ involved.firstIndex(of: $0) }),
                      let b = inputs.firstIndex(where: { $0.name == s.second }).flatMap({ involved.firstIndex(of: $0) }) else { continue }
                suggestion.append("[\(s.first), \(s.second), \(String(format: "%.3f", nearest[a * k + b]))]")
            }
            let lines = specs.map { String($0.location.line) }.joined(separator: ", ")
            let names = involved.map { inputs[$0].name }.joined(separator: ", ")
            let diagnostic = Diagnostic(.error, at: specs[0].location, field: "correlations",
                                        "the correlations (lines \(lines)) among \(names) are not positive semi-definite: no set of inputs can have them all at once (smallest eigenvalue \(String(format: "%.3f", smallest)))",
                                        hint: "the nearest valid matrix (Higham 2002) is \(suggestion.joined(separator: ", "))")
            return .failure(ScenarioError([diagnostic]))
        }
        // Iman–Conover correlates normal scores: aim their Pearson correlation at the value whose
        // Spearman correlation is the target, ρ = 2 sin(πρₛ/6); keep the target if that breaks PSD.
        var pearson = m.map { 2 * sin(Double.pi * $0 / 6) }
        for i in 0..<k { pearson[i * k + i] = 1 }
        var factor = LinearAlgebra.cholesky(pearson, n: k) ?? LinearAlgebra.cholesky(m, n: k)
        if factor == nil {   // semi-definite but singular (e.g. rho = 1): add a tiny ridge
            var ridged = m
            for i in 0..<k { ridged[i * k + i] += 1e-9 }
            factor = LinearAlgebra.cholesky(ridged, n: k).map { f in f.map { $0 / (1 + 1e-9).squareRoot() } }
        }
        return .success(CorrelationTarget(inputs: involved, matrix: m, factor: factor ?? m))
    }
}
