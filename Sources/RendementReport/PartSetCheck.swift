/// Checks that a set of part files are exactly the shards of one computation: every part agrees
/// on what was computed (scenario, seed, samples, …), no shard appears twice and none is missing.
/// Shared by the part files of runs, sweeps and sensitivity analyses.
struct PartIdentity {
    /// One thing the parts must agree on: compared by `key`, shown as `shown` (named only when
    /// `shown` is empty).
    struct Field {
        var label: String
        var key: String
        var shown: String

        init(_ label: String, _ key: String, shown: String? = nil) {
            (self.label, self.key, self.shown) = (label, key, shown ?? key)
        }
    }

    var path: String
    var fields: [Field]
    var shardIndex: Int
    var shardCount: Int
}

enum PartSetCheck {
    /// The problems that keep `parts` from being one `kind` ("run", "sweep", …), in a form fit for
    /// the user; empty when there are none. `layout(i)` names the problem when part i's content is
    /// not where its shard number says it should be.
    static func problems(_ parts: [PartIdentity], kind: String, missingContext: String = "", layout: (Int) -> String? = { _ in nil }) -> [String] {
        guard let first = parts.first else { return ["no part files given"] }
        var problems: [String] = []
        for part in parts.dropFirst() {
            let differs = zip(part.fields, first.fields).filter { $0.key != $1.key }
                .map { $0.shown.isEmpty ? $0.label : "\($0.label) (\($0.shown) vs \($1.shown))" }
                + (part.shardCount != first.shardCount ? ["shard count (\(part.shardCount) vs \(first.shardCount))"] : [])
            if !differs.isEmpty { problems.append("\(part.path) is from another \(kind) than \(first.path): \(differs.joined(separator: ", "))") }
        }
        guard problems.isEmpty else { return problems }
        var seen: [Int: String] = [:]
        for (i, part) in parts.enumerated() {
            if let other = seen[part.shardIndex] { problems.append("\(part.path) and \(other) are both shard \(part.shardIndex)/\(part.shardCount)") }
            seen[part.shardIndex] = part.path
            if part.shardIndex < 0 || part.shardIndex >= part.shardCount {
                problems.append("\(part.path): shard \(part.shardIndex)/\(part.shardCount) is not a shard of \(part.shardCount)")
            } else if let problem = layout(i) {
                problems.append("\(part.path): \(problem)")
            }
        }
        let missing = (0..<first.shardCount).filter { seen[$0] == nil }
        if !missing.isEmpty {
            problems.append("missing shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(first.shardCount)" }.joined(separator: ", ")) of the \(kind)\(missingContext)")
        }
        return problems
    }

    /// The scenario as a field: compared by its SHA-256, shown by its first 12 hex digits.
    static func scenario(_ sha256: String) -> PartIdentity.Field {
        PartIdentity.Field("scenario", sha256, shown: "sha256 \(sha256.prefix(12))…")
    }
}
