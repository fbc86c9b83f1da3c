import ArgumentParser
import Foundation
import RendementCore
import RendementReport

/// `rendement elicit`: from an expert's quantiles to a distribution for a scenario.
struct ElicitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "elicit",
        abstract: "Fit distributions to an expert's quantiles: each candidate's quantiles and errors, an SVG of the fits, the YAML to paste.",
        discussion: """
        Quantiles are written PROBABILITY=VALUE, e.g. `rendement elicit 0.1=10 0.5=15 0.9=30 --lower 0`
        (p10=10 works too), or read from a file with one `probability value` pair per line
        (`0.1: 10`, `0.1,10` and `# comments` are accepted). The metalog goes exactly through the
        quantiles when it is feasible; PERT, lognormal and beta are least-squares fits.
        """
    )

    @Argument(help: "Elicited quantiles as PROBABILITY=VALUE (0.1=10 or p10=10).")
    var quantiles: [String] = []

    @Option(help: "A file of quantiles, one 'probability value' pair per line.")
    var file: String?

    @Option(help: "A lower bound of the quantity (e.g. 0 for a count or a cost).")
    var lower: Double?

    @Option(help: "An upper bound of the quantity (e.g. 1 for a share).")
    var upper: Double?

    @Option(help: "The input's name in the YAML snippet.")
    var name: String = "my_input"

    @Option(help: "Write an SVG of the fits' CDFs against the quantiles to this file.")
    var svg: String?

    @Flag(help: "Replace an existing --svg file.")
    var force = false

    func run() throws {
        let validName = name.first.map { $0.isLetter || $0 == "_" } == true && name.count <= 100
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        if !validName { fail("--name must be an input name: a letter or '_' first, then letters, digits and '_' (e.g. p_work)") }
        let pairs: [(p: Double, x: Double)]
        switch QuantileFit.checked(try readPairs(), lower: lower, upper: upper) {
        case let .success(sorted): pairs = sorted
        case let .failure(error):
            // The scenario's field names are flags here.
            var message = error.message
            for bound in ["lower", "upper"] {
                message = message.replacingOccurrences(of: "\(bound) (", with: "--\(bound) (").replacingOccurrences(of: "\(bound) must", with: "--\(bound) must")
            }
            fail(message)
        }
        if let svg, FileManager.default.fileExists(atPath: svg), !force {
            fail("\(svg) already exists; choose another name or pass --force to replace it")
        }
        let candidates = QuantileFit.candidates(pairs, lower: lower, upper: upper)
        print("Elicited: " + pairs.map { "P(X ≤ \(NumberFormat.general($0.x))) = \(NumberFormat.general($0.p))" }.joined(separator: ", ")
              + (lower.map { ", lower \(NumberFormat.general($0))" } ?? "") + (upper.map { ", upper \(NumberFormat.general($0))" } ?? ""))
        if !candidates.contains(where: { $0.family == .metalog }) {
            print("metalog: not feasible through these quantiles (its density would turn negative); try bounds, or quantiles more evenly spread")
        }
        guard !candidates.isEmpty else { fail("no distribution could be fitted to these quantiles") }
        print(table(candidates, pairs))
        print("\nYAML for the scenario's inputs (best fit first):")
        for c in candidates { print("  " + snippet(c, pairs)) }
        if let svg {
            let text = ElicitationFigure.svg(candidates, pairs: pairs, provenance: "rendement elicit")
            do { try text.write(toFile: svg, atomically: true, encoding: .utf8) }
            catch { fail("cannot write \(svg): \(error.localizedDescription)") }
            StandardError.write("figure written to \(svg)\n")
        }
    }

    func fail(_ message: String) -> Never {
        StandardError.write("error: \(message)\n")
        Foundation.exit(1)
    }

    /// The pairs from the arguments and the file, as written.
    func readPairs() throws -> [(p: Double, x: Double)] {
        var pairs: [(p: Double, x: Double)] = []
        for argument in quantiles {
            let parts = argument.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, let p = QuantileFit.probability(parsing: String(parts[0])), let x = QuantileFit.value(parsing: String(parts[1])) else {
                fail("'\(argument)' is not a quantile; write PROBABILITY=VALUE, e.g. 0.1=10 or p10=10")
            }
            pairs.append((p, x))
        }
        if let file {
            guard let data = FileManager.default.contents(atPath: file), data.count <= 1 << 20,
                  let text = String(data: data, encoding: .utf8) else { fail("cannot read \(file) (a text file of at most 1 MiB)") }
            for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                let fields = line.split(whereSeparator: { " \t,:=;".contains($0) }).map(String.init)
                if fields.isEmpty { continue }
                guard fields.count == 2, let p = QuantileFit.probability(parsing: fields[0]), let x = QuantileFit.value(parsing: fields[1]) else {
                    fail("\(file):\(i + 1): expected 'probability value', found '\(line.prefix(60))'")
                }
                pairs.append((p, x))
            }
        }
        return pairs
    }

    func table(_ candidates: [QuantileFit.Candidate], _ pairs: [(p: Double, x: Double)]) -> String {
        var rows = [["fit", "RMSE", "largest error"] + pairs.map { "q(\(NumberFormat.general($0.p)))" } + ["mean", "90% interval", "parameters"]]
        rows.append(["elicited", "", ""] + pairs.map { NumberFormat.general($0.x) } + ["", "", ""])
        for c in candidates {
            let d = c.distribution
            // Rounding noise of an exact fit shows as 0.
            let scale = pairs.map { abs($0.x) }.max() ?? 1
            let shown = { (e: Double) in e <= 1e-12 * max(scale, 1e-300) ? "0" : NumberFormat.general(e) }
            rows.append([c.family.rawValue, shown(c.rmse), shown(c.maxError)]
                        + pairs.map { NumberFormat.general(d.quantile($0.p)) }
                        + [NumberFormat.general(d.mean), "\(NumberFormat.general(d.quantile(0.05))) – \(NumberFormat.general(d.quantile(0.95)))", d.description])
        }
        let widths = rows[0].indices.map { col in rows.map { $0[col].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// The YAML that reproduces a candidate in a scenario.
    func snippet(_ c: QuantileFit.Candidate, _ pairs: [(p: Double, x: Double)]) -> String {
        let q = "{" + pairs.map { "\(Self.plain($0.p)): \(Self.plain($0.x))" }.joined(separator: ", ") + "}"
        let bounds = (lower.map { ", lower: \(Self.plain($0))" } ?? "") + (upper.map { ", upper: \(Self.plain($0))" } ?? "")
        let comment = c.family == .metalog ? "# exact through the quantiles" : "# least squares, RMSE \(NumberFormat.general(c.rmse))"
        let form = c.family == .metalog ? "dist: metalog" : "dist: elicited, fit: \(c.family.rawValue)"
        return "\(name): {\(form), quantiles: \(q)\(bounds), evidence: expert, source: \"…\"}  \(comment)"
    }

    /// A number in the shortest form that reads back the same.
    static func plain(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
