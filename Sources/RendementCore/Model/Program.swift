/// The compiled model: a straight-line program over columns of samples.
///
/// Each instruction processes a whole batch (a few hundred samples) in a tight loop, so the
/// per-instruction dispatch is paid once per batch, not once per sample, and the loops vectorise.
/// Slots are columns: inputs, then constants (filled once), then scratch registers, then outputs.
struct Program: Sendable {
    enum Instruction: Sendable {
        case unary(UnaryOp, dest: Int, a: Int)
        case binary(BinaryOp, dest: Int, a: Int, b: Int)
        case ternary(TernaryOp, dest: Int, a: Int, b: Int, c: Int)
        case presentValue(dest: Int, rate: Int, decay: Int, start: Int, count: Int)
        case copy(dest: Int, source: Int)
    }

    var inputCount: Int
    var constants: [Double]
    var registerCount: Int
    var outputCount: Int
    var instructions: [Instruction]

    var constantBase: Int { inputCount }
    var registerBase: Int { inputCount + constants.count }
    var outputBase: Int { registerBase + registerCount }
    var slotCount: Int { outputBase + outputCount }

    /// Generates the program computing `outputs` (graph node ids) from the graph.
    init(graph: ModelGraph, inputCount: Int, outputs: [Int]) {
        self.inputCount = inputCount
        let nodes = graph.nodes
        // Which nodes are needed, and the last instruction (node id) that reads each.
        var needed = [Bool](repeating: false, count: nodes.count)
        for o in outputs { needed[o] = true }
        for id in stride(from: nodes.count - 1, through: 0, by: -1) where needed[id] {
            for operand in Self.operands(nodes[id]) { needed[operand] = true }
        }
        var lastUse = [Int](repeating: -1, count: nodes.count)
        for id in 0..<nodes.count where needed[id] {
            for operand in Self.operands(nodes[id]) { lastUse[operand] = max(lastUse[operand], id) }
        }
        var outputsOf: [Int: [Int]] = [:]
        for (k, o) in outputs.enumerated() { outputsOf[o, default: []].append(k) }

        var constants: [Double] = []
        var slot = [Int](repeating: -1, count: nodes.count)
        for id in 0..<nodes.count where needed[id] {
            switch nodes[id] {
            case let .constant(bits): slot[id] = inputCount + constants.count; constants.append(Double(bitPattern: bits))
            case let .input(i): slot[id] = i
            default: break
            }
        }
        self.constants = constants
        let registerBase = inputCount + constants.count

        var free: [Int] = [], registers = 0, program: [Instruction] = []
        var pendingCopies: [(dest: Int, node: Int)] = []
        for id in 0..<nodes.count where needed[id] {
            let node = nodes[id]
            if case .constant = node { pendingCopies += (outputsOf[id] ?? []).map { ($0, id) }; continue }
            if case .input = node { pendingCopies += (outputsOf[id] ?? []).map { ($0, id) }; continue }
            // Free operand registers whose last reader is this node, then reuse one for the result.
            for operand in Set(Self.operands(node)) where lastUse[operand] == id && slot[operand] >= registerBase {
                free.append(slot[operand])
            }
            let dest: Int
            if let reused = free.popLast() { dest = reused } else { dest = registerBase + registers; registers += 1 }
            slot[id] = dest
            switch node {
            case let .unary(op, a): program.append(.unary(op, dest: dest, a: slot[a]))
            case let .binary(op, a, b): program.append(.binary(op, dest: dest, a: slot[a], b: slot[b]))
            case let .ternary(op, a, b, c): program.append(.ternary(op, dest: dest, a: slot[a], b: slot[b], c: slot[c]))
            case let .presentValue(r, d, s, n): program.append(.presentValue(dest: dest, rate: slot[r], decay: slot[d], start: s, count: n))
            case .constant, .input: break
            }
            for k in outputsOf[id] ?? [] { program.append(.copy(dest: -1 - k, source: dest)) }
            if lastUse[id] < 0 { free.append(dest) }   // an output nobody else reads
        }
        registerCount = registers
        outputCount = outputs.count
        let outputBase = registerBase + registers
        // Output destinations were written as -1 - k; resolve them now that the register count is known.
        instructions = program.map {
            if case let .copy(dest, source) = $0, dest < 0 { return .copy(dest: outputBase + (-1 - dest), source: source) }
            return $0
        }
        for (k, node) in pendingCopies { instructions.insert(.copy(dest: outputBase + k, source: slot[node]), at: 0) }
    }

    private static func operands(_ node: ModelGraph.Node) -> [Int] {
        switch node {
        case .constant, .input: return []
        case let .unary(_, a): return [a]
        case let .binary(_, a, b): return [a, b]
        case let .ternary(_, a, b, c): return [a, b, c]
        case let .presentValue(r, d, _, _): return [r, d]
        }
    }
}

/// Scratch space to run a `Program` on batches: one per worker thread, reused for every batch.
final class ProgramWorkspace {
    let program: Program
    let batchCapacity: Int
    private let slots: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    private let scratch: UnsafeMutablePointer<Double>

    init(program: Program, batchCapacity: Int) {
        self.program = program
        self.batchCapacity = batchCapacity
        slots = .allocate(capacity: max(program.slotCount, 1))
        let owned = program.constants.count + program.registerCount
        scratch = .allocate(capacity: max(owned * batchCapacity, 1))
        for (k, value) in program.constants.enumerated() {
            let column = scratch + k * batchCapacity
            column.initialize(repeating: value, count: batchCapacity)
            slots[program.constantBase + k] = column
        }
        for r in 0..<program.registerCount {
            let column = scratch + (program.constants.count + r) * batchCapacity
            column.initialize(repeating: 0, count: batchCapacity)
            slots[program.registerBase + r] = column
        }
    }

    deinit {
        slots.deallocate()
        scratch.deallocate()
    }

    /// Runs the program on `count` samples starting at row `offset` of column-major matrices:
    /// input j of sample i is `inputs[j * inputStride + offset + i]`, output k goes to
    /// `outputs[k * outputStride + offset + i]`. `count` must not exceed the batch capacity.
    func run(inputs: UnsafePointer<Double>, inputStride: Int, outputs: UnsafeMutablePointer<Double>, outputStride: Int,
             offset: Int, count: Int) {
        precondition(count <= batchCapacity)
        for j in 0..<program.inputCount { slots[j] = UnsafeMutablePointer(mutating: inputs + j * inputStride + offset) }
        for k in 0..<program.outputCount { slots[program.outputBase + k] = outputs + k * outputStride + offset }
        let n = count
        for instruction in program.instructions {
            switch instruction {
            case let .unary(op, dest, a):
                let (d, x) = (slots[dest], slots[a])
                switch op {
                case .negate: for i in 0..<n { d[i] = -x[i] }
                default: for i in 0..<n { d[i] = op.apply(x[i]) }
                }
            case let .binary(op, dest, a, b):
                let (d, x, y) = (slots[dest], slots[a], slots[b])
                switch op {
                case .add: for i in 0..<n { d[i] = x[i] + y[i] }
                case .subtract: for i in 0..<n { d[i] = x[i] - y[i] }
                case .multiply: for i in 0..<n { d[i] = x[i] * y[i] }
                case .divide: for i in 0..<n { d[i] = x[i] / y[i] }
                default: for i in 0..<n { d[i] = op.apply(x[i], y[i]) }
                }
            case let .ternary(op, dest, a, b, c):
                let (d, x, y, z) = (slots[dest], slots[a], slots[b], slots[c])
                for i in 0..<n { d[i] = op.apply(x[i], y[i], z[i]) }
            case let .presentValue(dest, rate, decay, start, count):
                let (d, r, q) = (slots[dest], slots[rate], slots[decay])
                for i in 0..<n { d[i] = presentValueFactor(rate: r[i], decay: q[i], start: start, count: count) }
            case let .copy(dest, source):
                let (d, s) = (slots[dest], slots[source])
                for i in 0..<n { d[i] = s[i] }
            }
        }
    }
}
