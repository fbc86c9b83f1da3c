import Dispatch

/// One quantity the model computes per sample.
public struct ModelOutput: Sendable, Hashable {
    public enum Role: Sendable, Hashable {
        case pvBenefits, pvCosts, npv, bcr
        /// A stakeholder's net: PV received minus PV paid.
        case stakeholder(String)
        /// The present value of one cost line (index into `scenario.costs`).
        case costLine(Int)
        /// The present value of one benefit line (index into `scenario.benefits`).
        case benefitLine(Int)
        /// The present value of a transfer that comes with a benefit line (line, transfer).
        case transferLeg(Int, Int)
        /// Case-based evidence: one case's net (parameter uncertainty only).
        case caseNet(Int)
        /// Mean net per case and share of cases with a positive net: over all cases (parameter
        /// uncertainty only), and over a bootstrap resample of the cases (both kinds).
        case casesMeanNetParameter, casesMeanNet, casesShareParameter, casesShare
        /// The population total: population × mean net per case (parameter only; both kinds).
        case casesTotalParameter, casesTotal
        /// One cell of the per-year table (only in a model compiled for it: `yearTableModel()`).
        case yearFlow(YearFlow)
        /// Published figure i: the model's value of what it is a figure of, or (`test`) a value
        /// that is positive exactly when the figure holds (P(> 0) is the probability it holds).
        case published(Int, test: Bool)
    }

    public var role: Role
    /// The column name used in exports, e.g. `npv` or `stakeholder:gemeente`.
    public var name: String
}

/// One cell of the per-year table: a series (society's benefits, costs or net, or a
/// stakeholder's net) in one project year, undiscounted (real prices) or discounted to year 0.
public struct YearFlow: Sendable, Hashable {
    public enum Series: Sendable, Hashable {
        case benefits, costs, net
        case stakeholder(String)
    }

    public var series: Series
    public var year: Int
    public var discounted: Bool

    public init(series: Series, year: Int, discounted: Bool) {
        self.series = series
        self.year = year
        self.discounted = discounted
    }

    /// The column name: `year:3:net`, `year:3:pv:stakeholder:gemeente`.
    public var name: String {
        let what: String
        switch series {
        case .benefits: what = "benefits"
        case .costs: what = "costs"
        case .net: what = "net"
        case let .stakeholder(id): what = "stakeholder:\(id)"
        }
        return "year:\(year):\(discounted ? "pv:" : "")\(what)"
    }
}

/// An uncertain input as the sampler sees it.
public struct ModelInput: Sendable {
    public var name: String
    public var distribution: any Distribution
    public var base: Double
    /// Identifies the input's random streams (a hash of its name, for common random numbers).
    public var streamHash: UInt64
    /// A case's bootstrap weight (its count in a resample of the cases, divided by their
    /// number): filled by the case bootstrap, not by the design; base value 1/n.
    public var isBootstrapWeight = false
}

/// A scenario compiled into a batched program: uncertain inputs in, outputs (PVs, NPV, BCR,
/// stakeholder nets, line PVs) out. Immutable and `Sendable`: every worker shares one.
public struct CompiledModel: Sendable {
    public let scenario: Scenario
    /// The uncertain inputs, in sampling order (file order).
    public let inputs: [ModelInput]
    /// Every output, in a fixed order: pv_benefits, pv_costs, npv, bcr, stakeholders, cost lines, benefit lines.
    public let outputs: [ModelOutput]
    /// Warnings from decoding and compilation.
    public let warnings: [Diagnostic]
    /// Target rank correlations among the inputs, if the scenario gives any.
    public let correlation: CorrelationTarget?
    /// For each output, the first output computed by the same expression (itself if none):
    /// identical outputs are summarised once.
    let aliases: [Int]
    /// For each output, how it follows from two earlier outputs, if it is their difference or
    /// ratio (the program computes it exactly so from their columns).
    let derivations: [OutputDerivation?]
    let program: Program
    /// The graph the program was generated from, and the node of each output: a program for a
    /// few outputs only (NPV and BCR for Sobol' indices) computes the same bits with fewer steps.
    let graph: ModelGraph
    let outputNodes: [Int]

    init(scenario: Scenario, inputs: [ModelInput], outputs: [ModelOutput], warnings: [Diagnostic], graph: ModelGraph, outputNodes: [Int],
         correlation: CorrelationTarget?, aliases: [Int], derivations: [OutputDerivation?]) {
        self.graph = graph
        self.outputNodes = outputNodes
        let program = Program(graph: graph, inputCount: inputs.count, outputs: outputNodes)
        self.aliases = aliases
        self.derivations = derivations
        self.correlation = correlation
        self.scenario = scenario
        self.inputs = inputs
        self.outputs = outputs
        self.warnings = warnings
        self.program = program
    }

    /// The index of the first output with this role.
    public func outputIndex(_ role: ModelOutput.Role) -> Int? { outputs.firstIndex { $0.role == role } }

    /// The inputs a design samples (bootstrap weights, which come last, excluded).
    public var sampledInputs: ArraySlice<ModelInput> { inputs.prefix { !$0.isBootstrapWeight } }

    /// Inputs an analyst can vary one at a time (not the case bootstrap weights).
    public var analysableInputs: [(index: Int, input: ModelInput)] {
        inputs.enumerated().filter { !$0.element.isBootstrapWeight }.map { ($0.offset, $0.element) }
    }

    /// Whether output k is a line (a cost, a benefit or a transfer of one): kept for the
    /// kassabon's intervals only.
    public func isLineOutput(_ k: Int) -> Bool {
        switch outputs[k].role { case .costLine, .benefitLine, .transferLeg: return true; default: return false }
    }

    /// Whether output k keeps only its moments (never its samples): the per-year table's cells
    /// and the published figures' values.
    public func keepsMomentsOnly(_ k: Int) -> Bool {
        switch outputs[k].role { case .yearFlow, .published: return true; default: return false }
    }

    /// Stakeholder outputs in declaration order.
    public var stakeholderOutputs: [Int] {
        outputs.indices.filter { if case .stakeholder = outputs[$0].role { return true } else { return false } }
    }

    /// Evaluates the model at one point (one value per uncertain input) and returns every output.
    public func evaluate(at point: [Double]) -> [Double] {
        precondition(point.count == inputs.count, "one value per uncertain input")
        let workspace = ProgramWorkspace(program: program, batchCapacity: 1)
        var result = [Double](repeating: 0, count: outputs.count)
        point.withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { y in
                workspace.run(inputs: x.baseAddress ?? UnsafePointer(bitPattern: 8)!, inputStride: 1,
                              outputs: y.baseAddress!, outputStride: 1, offset: 0, count: 1)
            }
        }
        return result
    }

    /// Evaluates the model on `rows` points given column-major (input j of row i at
    /// `inputs[j * rows + i]`), in parallel, and returns every output column-major the same way.
    public func evaluate(columns inputs: [Double], rows: Int, threads: Int = RunOptions.defaultThreads, progress: RunProgress? = nil) -> [Double] {
        precondition(inputs.count == self.inputs.count * rows)
        let outputCount = outputs.count
        let result = SharedBuffer<Double>.allocate(outputCount * rows, initialValue: 0)
        defer { result.deallocate() }
        let block = RunOptions.chunkSize, blocks = (rows + block - 1) / block
        let queue = ChunkQueue(end: blocks)
        let k = self.inputs.count
        inputs.withUnsafeBufferPointer { x in
            let source = SharedBuffer(UnsafeMutableBufferPointer(mutating: x))
            DispatchQueue.concurrentPerform(iterations: max(1, min(threads, blocks))) { _ in
                let workspace = makeWorkspace(batchCapacity: RunOptions.batchSize)
                let xs = UnsafeMutablePointer<Double>.allocate(capacity: max(k, 1) * block)
                let ys = UnsafeMutablePointer<Double>.allocate(capacity: outputCount * block)
                defer { xs.deallocate(); ys.deallocate() }
                while let b = queue.take() {
                    let first = b * block, n = min(block, rows - first)
                    for j in 0..<k { for i in 0..<n { xs[j * block + i] = source[j * rows + first + i] } }
                    var offset = 0
                    while offset < n {
                        let count = min(RunOptions.batchSize, n - offset)
                        workspace.run(inputs: xs, inputStride: block, outputs: ys, outputStride: block, offset: offset, count: count)
                        offset += count
                    }
                    for o in 0..<outputCount { for i in 0..<n { result[o * rows + first + i] = ys[o * block + i] } }
                    progress?.add(n)
                }
            }
        }
        return Array(result.base)
    }

    /// The base case: every input at its base value, computed exactly once.
    public var baseValues: [Double] { inputs.map(\.base) }

    public func evaluateBase() -> [Double] { evaluate(at: baseValues) }

    /// A workspace for evaluating batches of up to `batchCapacity` samples on one thread.
    func makeWorkspace(batchCapacity: Int) -> ProgramWorkspace { ProgramWorkspace(program: program, batchCapacity: batchCapacity) }

    /// A workspace computing only `outputs` (indices into `outputs`), in that order: the same
    /// values, bit for bit, as the whole program gives them.
    func makeWorkspace(outputs subset: [Int], batchCapacity: Int) -> ProgramWorkspace {
        ProgramWorkspace(program: Program(graph: graph, inputCount: inputs.count, outputs: subset.map { outputNodes[$0] }), batchCapacity: batchCapacity)
    }
}

/// An output computed as left − right or left / right from two other outputs' values.
struct OutputDerivation: Sendable, Equatable {
    /// Whether the output is left / right (else left − right).
    var ratio: Bool
    var left: Int
    var right: Int
}

extension CompiledModel {
    /// The same model with input `index` drawn from `distribution` instead (an expert's own
    /// estimate in place of the pool), with base value `base`. The input keeps its random
    /// streams, so runs of the two models share their random numbers.
    public func replacingInput(_ index: Int, distribution: any Distribution, base: Double) -> CompiledModel {
        var changed = inputs
        changed[index].distribution = distribution
        changed[index].base = base
        return CompiledModel(scenario: scenario, inputs: changed, outputs: outputs, warnings: warnings, graph: graph, outputNodes: outputNodes,
                             correlation: correlation, aliases: aliases, derivations: derivations)
    }
}
