/// The first rows of a run in sample order: every model input and a few chosen outputs, for
/// analyses that need the joint sample (rank measures, value of information, a claim's drivers,
/// the report's figures). Bounded: at most the rows asked for and what fits its budget, so that
/// no command keeps every sample of a large run. Column-major doubles.
public final class RowSample: @unchecked Sendable {
    /// Rows room is kept for (the first `capacity` samples of the run).
    public let capacity: Int
    /// Model inputs per row (all of `model.inputs`, in order).
    public let inputCount: Int
    /// The model outputs kept per row (indices into `model.outputs`), in this order.
    public let outputs: [Int]
    private let storage: UnsafeMutableBufferPointer<Double>
    /// Rows filled (set once the run is done: min(capacity, samples run)).
    public internal(set) var count = 0

    /// Room for `rows` rows of `inputs` inputs and `outputs`.
    init(rows: Int, inputs: Int, outputs: [Int]) {
        capacity = rows
        inputCount = inputs
        self.outputs = outputs
        storage = LargeAllocation.allocate(Double.self, count: max(1, rows * (inputs + outputs.count)))
    }

    deinit { LargeAllocation.deallocate(storage) }

    /// The bytes one row takes.
    static func rowBytes(inputs: Int, outputs: Int) -> Int { 8 * max(1, inputs + outputs) }

    /// Column `c` (inputs first, then the outputs), writable while the run fills it.
    func column(_ c: Int) -> UnsafeMutablePointer<Double> { storage.baseAddress! + c * capacity }

    /// Input j's values in the first `count` rows.
    public func input(_ j: Int) -> UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: column(j), count: count) }

    /// The values of the o-th kept output (`outputs[o]`) in the first `count` rows.
    public func output(_ o: Int) -> UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: column(inputCount + o), count: count) }

    /// Copies the rows of one batch: `n` rows starting at sample `first` (below `capacity`), inputs
    /// from columns of `x` (`xStride` apart, starting at row `xRow`), outputs likewise from `y`.
    func fill(first: Int, n: Int, x: UnsafePointer<Double>, xStride: Int, xRow: Int, y: UnsafePointer<Double>, yStride: Int, yRow: Int) {
        let rows = min(n, capacity - first)
        guard rows > 0 else { return }
        for j in 0..<inputCount { (column(j) + first).update(from: x + j * xStride + xRow, count: rows) }
        for (o, k) in outputs.enumerated() { (column(inputCount + o) + first).update(from: y + k * yStride + yRow, count: rows) }
    }
}

/// What a run keeps for the analyses that read it, beyond every output's moments per chunk
/// (always kept).
public struct Keeping: Sendable {
    /// The main outputs' samples, for exact quantiles (within the memory budget).
    public var outputQuantiles: Bool
    /// The line outputs' first samples, for the kassabon's intervals (with `outputQuantiles`).
    public var lineQuantiles: Bool
    /// The first rows of every input and of these outputs (indices into `model.outputs`).
    public var rowOutputs: [Int]
    /// At most this many rows (0: none).
    public var rowLimit: Int

    public init(outputQuantiles: Bool = true, lineQuantiles: Bool = true, rowOutputs: [Int] = [], rowLimit: Int = 0) {
        self.outputQuantiles = outputQuantiles
        self.lineQuantiles = lineQuantiles
        self.rowOutputs = rowOutputs
        self.rowLimit = rowLimit
    }

    /// What `run` keeps: the outputs' samples for their quantiles, no rows.
    public static let outputs = Keeping()
}
