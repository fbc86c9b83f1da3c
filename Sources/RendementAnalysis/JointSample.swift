import Dispatch
import RendementCore

/// The joint sample behind rank measures and the value of information: the first rows of a run
/// (every analysable input and one output, in sample order), with each column's order and ranks
/// computed once (in parallel over the columns) and shared by the analyses.
///
/// These analyses are estimates from `rows` samples: a rank correlation's standard error is
/// about 1/√(rows − 3) on Fisher's z scale, a partial EVPI's is stated with it.
public struct JointSample: Sendable {
    public let inputNames: [String]
    /// Per input: its values, their order (row indices ascending by value) and ranks (ties averaged).
    public let inputs: [[Double]]
    public let orders: [[UInt32]]
    public let ranks: [[Double]]
    /// The output's values and ranks.
    public let output: [Double]
    public let outputRanks: [Double]

    public var rows: Int { output.count }

    /// From columns given directly (tests, small analyses).
    public init(names: [String], inputs: [[Double]], output: [Double], threads: Int = 1) {
        inputNames = names
        self.inputs = inputs
        self.output = output
        let columns = inputs + [output]
        let done = SharedBuffer<([UInt32], [Double])>.allocate(columns.count, initialValue: ([], []))
        defer { done.deallocate() }
        Parallel.forEach(columns.count, threads: threads) { c in
            columns[c].withUnsafeBufferPointer { values in
                let order = Ranking.order(values)
                done[c] = (order, Ranking.ranks(values, order: order))
            }
        }
        orders = (0..<inputs.count).map { done[$0].0 }
        ranks = (0..<inputs.count).map { done[$0].1 }
        outputRanks = done[inputs.count].1
    }

    /// From a store's kept rows: the analysable inputs and kept output `o` (an index into
    /// `rows.outputs`).
    public init(store: ResultStore, output o: Int, threads: Int) {
        let model = store.model
        guard let rows = store.rows else {
            self.init(names: [], inputs: [], output: [], threads: threads)
            return
        }
        let analysable = model.analysableInputs
        self.init(names: analysable.map(\.input.name), inputs: analysable.map { Array(rows.input($0.index)) },
                  output: Array(rows.output(o)), threads: threads)
    }
}
