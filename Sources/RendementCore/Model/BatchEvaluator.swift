/// Evaluates some outputs of a model on rows given column-major, one batch at a time, on the
/// calling thread: for analyses that make their own input matrices (Saltelli's design for
/// Sobol' indices). Computes only the outputs asked for (the same bits as a whole run gives them).
public final class BatchEvaluator {
    private let workspace: ProgramWorkspace
    private let outputs: Int

    /// An evaluator of `outputs` (indices into `model.outputs`), in that order.
    public init(model: CompiledModel, outputs: [Int]) {
        workspace = model.makeWorkspace(outputs: outputs, batchCapacity: RunOptions.batchSize)
        self.outputs = outputs.count
    }

    /// Output o of row i goes to `results[o * resultStride + i]` for rows 0 ..< `rows`; input j of
    /// row i is `inputs[j * inputStride + i]`.
    public func evaluate(inputs: UnsafePointer<Double>, inputStride: Int, rows: Int,
                         results: UnsafeMutablePointer<Double>, resultStride: Int) {
        var offset = 0
        while offset < rows {
            let count = min(RunOptions.batchSize, rows - offset)
            workspace.run(inputs: inputs + offset, inputStride: inputStride, outputs: results + offset, outputStride: resultStride,
                          offset: 0, count: count)
            offset += count
        }
    }
}
