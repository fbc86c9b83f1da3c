import Testing
@testable import RendementCore

/// Sums and products compile into chain instructions that read up to four columns per pass,
/// and outputs are computed in place. The batch evaluation must give exactly the roundings of
/// the written expression, evaluated left to right, for chains of every length.
@Suite struct ProgramChainTests {
    @Test func longSumsAndProductsRoundAsWritten() throws {
        let model = try compile("""
            scenario: Chains
            horizon: 1
            discount_rate: 0
            stakeholders: [{id: s}]
            inputs:
              x1: {dist: uniform, min: 0.1, max: 3}
              x2: {dist: uniform, min: 0.1, max: 3}
              x3: {dist: uniform, min: 0.1, max: 3}
              x4: {dist: uniform, min: 0.1, max: 3}
              x5: {dist: uniform, min: 0.1, max: 3}
              x6: {dist: uniform, min: 0.1, max: 3}
              x7: {dist: uniform, min: 0.1, max: 3}
              x8: {dist: uniform, min: -3, max: 3}
              x9: {dist: uniform, min: -3, max: 3}
            derived:
              p: x1 * x2 * x3 * x4 * x5 * x6 * x7
              s: x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9
              q: p * s * x8
            benefits:
              - {name: Long, beneficiary: s, amount: p + s + q}
              - {name: Three, beneficiary: s, amount: x9 * x8 * x7}
              - {name: Five, beneficiary: s, amount: x1 + x9 + x2 + x8 + x3}
              - {name: Products, beneficiary: s, amount: 2 * (x1 * x2 + x3 * x4 + x5 * x6 + x7 * x8 + x9 * x1 + x2 * x3)}
            costs: [{name: C, payer: s, amount: 1}]
            """)
        let rows = 1000
        var rng = Xoshiro256PlusPlus(seed: 5)
        let columns = (0..<(9 * rows)).map { i in (i / rows >= 7 ? -3 : 0.1) + rng.nextUnit() * (i / rows >= 7 ? 6 : 2.9) }
        let outputs = model.evaluate(columns: columns, rows: rows, threads: 2)
        let long = model.outputIndex(.benefitLine(0))!, three = model.outputIndex(.benefitLine(1))!
        let five = model.outputIndex(.benefitLine(2))!, products = model.outputIndex(.benefitLine(3))!
        for r in 0..<rows {
            let x = (0..<9).map { columns[$0 * rows + r] }
            let p = x[0] * x[1] * x[2] * x[3] * x[4] * x[5] * x[6]
            let s = x[0] + x[1] + x[2] + x[3] + x[4] + x[5] + x[6] + x[7] + x[8]
            let q = p * s * x[7]
            #expect(outputs[long * rows + r].bitPattern == (p + s + q).bitPattern, "row \(r)")
            #expect(outputs[three * rows + r].bitPattern == (x[8] * x[7] * x[6]).bitPattern, "row \(r)")
            #expect(outputs[five * rows + r].bitPattern == (x[0] + x[8] + x[1] + x[7] + x[2]).bitPattern, "row \(r)")
            // Six terms, each a register that dies in the sum (itself a register, read by the
            // doubling): the chain's later passes must not read a register the first pass overwrote.
            let sum = x[0] * x[1] + x[2] * x[3] + x[4] * x[5] + x[6] * x[7] + x[8] * x[0] + x[1] * x[2]
            #expect(outputs[products * rows + r].bitPattern == (2 * sum).bitPattern, "row \(r)")
        }
    }
}
