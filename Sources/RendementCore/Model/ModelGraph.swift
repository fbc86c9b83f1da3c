/// The model as a DAG of element-wise operations over uncertain inputs.
///
/// Nodes are hash-consed (a repeated sub-expression such as `att * (1 − dw)` shared by eight lines
/// is computed once), constants are folded with the same scalar code the evaluator runs, and
/// multiplications by one and additions of zero are dropped. Node ids are a topological order.
struct ModelGraph {
    enum Node: Hashable {
        case constant(UInt64)              // bit pattern, so that -0.0 and NaN hash consistently
        case input(Int)
        case unary(UnaryOp, Int)
        case binary(BinaryOp, Int, Int)
        case ternary(TernaryOp, Int, Int, Int)
        case presentValue(rate: Int, decay: Int, start: Int, count: Int)
    }

    private(set) var nodes: [Node] = []
    private var index: [Node: Int] = [:]

    func constantValue(_ id: Int) -> Double? {
        if case let .constant(bits) = nodes[id] { return Double(bitPattern: bits) }
        return nil
    }

    private mutating func intern(_ node: Node) -> Int {
        if let id = index[node] { return id }
        nodes.append(node)
        index[node] = nodes.count - 1
        return nodes.count - 1
    }

    mutating func constant(_ value: Double) -> Int { intern(.constant(value.bitPattern)) }

    mutating func input(_ i: Int) -> Int { intern(.input(i)) }

    mutating func unary(_ op: UnaryOp, _ a: Int) -> Int {
        if let x = constantValue(a) { return constant(op.apply(x)) }
        return intern(.unary(op, a))
    }

    mutating func binary(_ op: BinaryOp, _ a: Int, _ b: Int) -> Int {
        let (x, y) = (constantValue(a), constantValue(b))
        if let x, let y { return constant(op.apply(x, y)) }
        switch op {
        case .multiply where y == 1: return a
        case .multiply where x == 1: return b
        case .divide where y == 1: return a
        case .add where y == 0: return a
        case .add where x == 0: return b
        case .subtract where y == 0: return a
        default: break
        }
        return intern(.binary(op, a, b))
    }

    mutating func ternary(_ op: TernaryOp, _ a: Int, _ b: Int, _ c: Int) -> Int {
        if let x = constantValue(a), let y = constantValue(b), let z = constantValue(c) { return constant(op.apply(x, y, z)) }
        if op == .select, let x = constantValue(a) { return x != 0 ? b : c }
        return intern(.ternary(op, a, b, c))
    }

    mutating func presentValue(rate: Int, decay: Int, start: Int, count: Int) -> Int {
        if count <= 0 { return constant(0) }
        // One year from year 0: the factor is 1 whatever the rate (nothing is divided).
        if start == 0, count == 1 { return constant(1) }
        if let r = constantValue(rate), let d = constantValue(decay) {
            return constant(presentValueFactor(rate: r, decay: d, start: start, count: count))
        }
        return intern(.presentValue(rate: rate, decay: decay, start: start, count: count))
    }

    /// The uncertain inputs (by index) that node `id` depends on.
    func inputs(of id: Int) -> Set<Int> {
        var seen = Set<Int>(), result = Set<Int>(), stack = [id]
        while let n = stack.popLast() {
            guard seen.insert(n).inserted else { continue }
            switch nodes[n] {
            case .constant: break
            case let .input(i): result.insert(i)
            case let .unary(_, a): stack.append(a)
            case let .binary(_, a, b): stack += [a, b]
            case let .ternary(_, a, b, c): stack += [a, b, c]
            case let .presentValue(r, d, _, _): stack += [r, d]
            }
        }
        return result
    }

    /// Evaluates every node at one point (inputs by index); used for intervals and checks.
    func evaluate(inputs: [Double]) -> [Double] {
        var values = [Double](repeating: 0, count: nodes.count)
        for (id, node) in nodes.enumerated() {
            switch node {
            case let .constant(bits): values[id] = Double(bitPattern: bits)
            case let .input(i): values[id] = inputs[i]
            case let .unary(op, a): values[id] = op.apply(values[a])
            case let .binary(op, a, b): values[id] = op.apply(values[a], values[b])
            case let .ternary(op, a, b, c): values[id] = op.apply(values[a], values[b], values[c])
            case let .presentValue(r, d, s, n): values[id] = presentValueFactor(rate: values[r], decay: values[d], start: s, count: n)
            }
        }
        return values
    }
}
