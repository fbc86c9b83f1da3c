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
        /// A left-to-right chain of one operation, ((x₀ op x₁) op x₂) op …, over the slots
        /// `chainOperands[first ..< first + count]`: the same roundings as the binary steps, but
        /// the first pass reads up to `chainPassWidth` columns and writes one, instead of two and
        /// one per step.
        case chain(ChainOp, dest: Int, first: Int, count: Int)
    }

    /// The operations that chains fold.
    enum ChainOp: Sendable { case add, multiply }
    /// Operands a chain's first pass reads (a line's amount × attribution × … × PV factor fits).
    static let chainPassWidth = 8

    var inputCount: Int
    var constants: [Double]
    var registerCount: Int
    var outputCount: Int
    var instructions: [Instruction]
    /// Operand slots of `chain` instructions.
    var chainOperands: [Int]

    var constantBase: Int { inputCount }
    var registerBase: Int { inputCount + constants.count }
    var outputBase: Int { registerBase + registerCount }
    var slotCount: Int { outputBase + outputCount }

    /// Generates the program computing `outputs` (graph node ids) from the graph.
    ///
    /// A node that is an output is computed straight into its output column (later readers read
    /// it there); further outputs of the same node get copies. A sum or product whose left operand
    /// is a sum or product of the same kind read nowhere else becomes one chain instruction.
    init(graph: ModelGraph, inputCount: Int, outputs: [Int]) {
        self.inputCount = inputCount
        let nodes = graph.nodes
        // Which nodes are needed, how often each is read, and the last node that reads it.
        var needed = [Bool](repeating: false, count: nodes.count)
        for o in outputs { needed[o] = true }
        for id in stride(from: nodes.count - 1, through: 0, by: -1) where needed[id] {
            for operand in Self.operands(nodes[id]) { needed[operand] = true }
        }
        var outputsOf: [Int: [Int]] = [:]
        for (k, o) in outputs.enumerated() { outputsOf[o, default: []].append(k) }
        var readers = [Int](repeating: 0, count: nodes.count)
        for id in 0..<nodes.count where needed[id] { for operand in Self.operands(nodes[id]) { readers[operand] += 1 } }
        // Nodes folded into the chain of their only reader (never computed on their own).
        var folded = [Bool](repeating: false, count: nodes.count)
        for id in 0..<nodes.count where needed[id] {
            if let op = Self.chainOp(nodes[id]), case let .binary(_, left, _) = nodes[id],
               Self.chainOp(nodes[left]) == op, readers[left] == 1, outputsOf[left] == nil {
                folded[left] = true
            }
        }
        // The operands of the chain ending at `id`, first to last.
        // (A loop, not recursion: a sum of many thousand lines is one chain.)
        func chain(_ id: Int) -> [Int] {
            var reversed: [Int] = [], current = id
            while case let .binary(_, left, right) = nodes[current] {
                reversed.append(right)
                guard folded[left] else { reversed.append(left); break }
                current = left
            }
            return reversed.reversed()
        }
        // What the instruction of node `id` reads: a chain's operands, or the node's own.
        func reads(_ id: Int) -> [Int] { Self.chainOp(nodes[id]) != nil ? chain(id) : Self.operands(nodes[id]) }
        var lastUse = [Int](repeating: -1, count: nodes.count)
        for id in 0..<nodes.count where needed[id] && !folded[id] {
            for operand in reads(id) { lastUse[operand] = max(lastUse[operand], id) }
        }

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

        // Output k's column is written as slot −1 − k until the register count is known.
        var free: [Int] = [], registers = 0, program: [Instruction] = [], chainOperands: [Int] = []
        var pendingCopies: [(dest: Int, node: Int)] = []
        for id in 0..<nodes.count where needed[id] && !folded[id] {
            let node = nodes[id]
            if case .constant = node { pendingCopies += (outputsOf[id] ?? []).map { ($0, id) }; continue }
            if case .input = node { pendingCopies += (outputsOf[id] ?? []).map { ($0, id) }; continue }
            let operands = reads(id)
            // Free operand registers whose last reader is this node, then reuse one for the result;
            // except in chains longer than one pass, whose later passes read operands after writing dest.
            let dying = Set(operands).filter { lastUse[$0] == id && slot[$0] >= registerBase }.map { slot[$0] }.sorted()
            if operands.count <= Self.chainPassWidth { free += dying }
            let dest: Int
            if let k = outputsOf[id]?.first { dest = -1 - k }
            else if let reused = free.popLast() { dest = reused }
            else { dest = registerBase + registers; registers += 1 }
            if operands.count > Self.chainPassWidth { free += dying }
            slot[id] = dest
            switch node {
            case let .unary(op, a): program.append(.unary(op, dest: dest, a: slot[a]))
            case let .binary(op, a, b):
                if let chainOp = Self.chainOp(node), operands.count > 2 {
                    program.append(.chain(chainOp, dest: dest, first: chainOperands.count, count: operands.count))
                    chainOperands += operands.map { slot[$0] }
                } else {
                    program.append(.binary(op, dest: dest, a: slot[a], b: slot[b]))
                }
            case let .ternary(op, a, b, c): program.append(.ternary(op, dest: dest, a: slot[a], b: slot[b], c: slot[c]))
            case let .presentValue(r, d, s, n): program.append(.presentValue(dest: dest, rate: slot[r], decay: slot[d], start: s, count: n))
            case .constant, .input: break
            }
            for k in (outputsOf[id] ?? []).dropFirst() { program.append(.copy(dest: -1 - k, source: dest)) }
            if lastUse[id] < 0 && dest >= 0 { free.append(dest) }   // a register nobody reads
        }
        registerCount = registers
        outputCount = outputs.count
        let outputBase = registerBase + registers
        func resolve(_ s: Int) -> Int { s < 0 ? outputBase + (-1 - s) : s }
        instructions = program.map {
            switch $0 {
            case let .unary(op, d, a): return .unary(op, dest: resolve(d), a: resolve(a))
            case let .binary(op, d, a, b): return .binary(op, dest: resolve(d), a: resolve(a), b: resolve(b))
            case let .ternary(op, d, a, b, c): return .ternary(op, dest: resolve(d), a: resolve(a), b: resolve(b), c: resolve(c))
            case let .presentValue(d, r, q, s, n): return .presentValue(dest: resolve(d), rate: resolve(r), decay: resolve(q), start: s, count: n)
            case let .copy(d, s): return .copy(dest: resolve(d), source: resolve(s))
            case let .chain(op, d, first, count): return .chain(op, dest: resolve(d), first: first, count: count)
            }
        }
        self.chainOperands = chainOperands.map(resolve)
        for (k, node) in pendingCopies { instructions.insert(.copy(dest: outputBase + k, source: slot[node]), at: 0) }
    }

    /// The chain operation of a sum or product node (nil for anything else).
    private static func chainOp(_ node: ModelGraph.Node) -> ChainOp? {
        guard case let .binary(op, _, _) = node else { return nil }
        switch op {
        case .add: return .add
        case .multiply: return .multiply
        default: return nil
        }
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
    /// The columns of every chain's operands, refreshed per batch: `chainColumns[i]` is the column of `chainOperands[i]`.
    private let chainColumns: UnsafeMutablePointer<UnsafePointer<Double>>

    init(program: Program, batchCapacity: Int) {
        self.program = program
        self.batchCapacity = batchCapacity
        slots = .allocate(capacity: max(program.slotCount, 1))
        chainColumns = .allocate(capacity: max(program.chainOperands.count, 1))
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
        chainColumns.deallocate()
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
        for (i, operand) in program.chainOperands.enumerated() { chainColumns[i] = UnsafePointer(slots[operand]) }
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
            case let .chain(op, dest, first, operands):
                switch op {
                case .add: Self.chain(Add.self, into: slots[dest], columns: chainColumns + first, operands: operands, n: n)
                case .multiply: Self.chain(Multiply.self, into: slots[dest], columns: chainColumns + first, operands: operands, n: n)
                }
            }
        }
    }
}

/// An associative-looking operation that chains apply strictly left to right (floating-point
/// sums and products are not associative, so the order is that of the written expression).
private protocol ChainStep { static func apply(_ a: Double, _ b: Double) -> Double }
private enum Add: ChainStep { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { a + b } }
private enum Multiply: ChainStep { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { a * b } }

extension ProgramWorkspace {
    /// d = ((x₀ op x₁) op x₂) op … over `operands` ≥ 2 columns: the first `Program.chainPassWidth`
    /// in one pass, then up to three more per pass. The destination may be one of the operands
    /// only if it is the first, or if the chain fits one pass.
    @inline(__always)
    private static func chain<Op: ChainStep>(_: Op.Type, into d: UnsafeMutablePointer<Double>,
                                             columns x: UnsafePointer<UnsafePointer<Double>>, operands: Int, n: Int) {
        @inline(__always) func f(_ a: Double, _ b: Double) -> Double { Op.apply(a, b) }
        switch operands {
        case 2: let (a, b) = (x[0], x[1]); for i in 0..<n { d[i] = f(a[i], b[i]) }
        case 3: let (a, b, c) = (x[0], x[1], x[2]); for i in 0..<n { d[i] = f(f(a[i], b[i]), c[i]) }
        case 4:
            let (a, b, c, e) = (x[0], x[1], x[2], x[3])
            for i in 0..<n { d[i] = f(f(f(a[i], b[i]), c[i]), e[i]) }
        case 5:
            let (a, b, c, e, g) = (x[0], x[1], x[2], x[3], x[4])
            for i in 0..<n { d[i] = f(f(f(f(a[i], b[i]), c[i]), e[i]), g[i]) }
        case 6:
            let (a, b, c, e, g, h) = (x[0], x[1], x[2], x[3], x[4], x[5])
            for i in 0..<n { d[i] = f(f(f(f(f(a[i], b[i]), c[i]), e[i]), g[i]), h[i]) }
        case 7:
            let (a, b, c, e, g, h, j) = (x[0], x[1], x[2], x[3], x[4], x[5], x[6])
            for i in 0..<n { d[i] = f(f(f(f(f(f(a[i], b[i]), c[i]), e[i]), g[i]), h[i]), j[i]) }
        default:
            let (a, b, c, e, g, h, j, l) = (x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7])
            for i in 0..<n { d[i] = f(f(f(f(f(f(f(a[i], b[i]), c[i]), e[i]), g[i]), h[i]), j[i]), l[i]) }
        }
        var k = min(operands, Program.chainPassWidth)
        while k < operands {
            switch operands - k {
            case 1: let a = x[k]; for i in 0..<n { d[i] = Op.apply(d[i], a[i]) }; k += 1
            case 2: let (a, b) = (x[k], x[k + 1]); for i in 0..<n { d[i] = Op.apply(Op.apply(d[i], a[i]), b[i]) }; k += 2
            default:
                let (a, b, c) = (x[k], x[k + 1], x[k + 2])
                for i in 0..<n { d[i] = Op.apply(Op.apply(Op.apply(d[i], a[i]), b[i]), c[i]) }
                k += 3
            }
        }
    }
}
