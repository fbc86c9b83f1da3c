import Foundation

extension OutputStore {
    /// The values of samples `range` kept here (0 for a derived output, rebuilt from its sources).
    func keptCount(_ range: Range<Int>) -> Int {
        isDerived ? 0 : max(0, min(range.upperBound, kept) - min(range.lowerBound, kept))
    }

    var element: PartFile.Element { precision == .double ? .f64 : .f32 }
}

extension Moments {
    /// Moments read from a part file's seven numbers (count, mean, m2, min, max, positive,
    /// non-finite), checked: the counts are whole numbers that add up to the chunk's `rows`.
    public init(part x: ArraySlice<Double>, rows: Int) throws(LimitError) {
        let i = x.startIndex
        let count = try Limits.whole(x[i], in: 0...rows, field: "moments", what: "a count")
        let positive = try Limits.whole(x[i + 5], in: 0...rows, field: "moments", what: "a count of positive values")
        let nonFinite = try Limits.whole(x[i + 6], in: 0...rows, field: "moments", what: "a count of non-finite values")
        guard count + nonFinite == rows else {
            throw LimitError(field: "moments", "a chunk of \(rows) samples holds \(count + nonFinite) values")
        }
        self.init(count: count, mean: x[i + 1], m2: x[i + 2], min: x[i + 3], max: x[i + 4], positive: positive, nonFinite: nonFinite)
    }

    /// The seven numbers of a part file.
    public var partValues: [Double] { [Double(count), mean, m2, min, max, Double(positive), Double(nonFinite)] }
}

extension ResultStore {
    /// Runs shard `shard` of a run and returns its part file: the moments of its chunks and the
    /// kept values of its samples, enough for `merging` to give exactly the single run.
    public static func runPart(_ model: CompiledModel, options: RunOptions, shard: ShardSpec, name: String, scenarioFile: String,
                               scenarioText: String, variant: String?, progress: RunProgress? = nil) -> PartFile {
        let result = MonteCarloRunner.runShard(model, options: options, index: shard.index, count: shard.count, progress: progress)
        let store = ResultStore(model: model, options: options, capacity: options.samples)
        var sections: [(name: String, element: PartFile.Element, data: Data)] = [("moments", .f64, PartFile.bytes(result.moments.flatMap(\.partValues)))]
        for (k, data) in result.values.enumerated() where !store.stores[k].isDerived {
            sections.append(("values.\(k)", store.stores[k].element, data))
        }
        return PartFile(kind: .run, name: name, scenarioFile: scenarioFile, scenarioText: scenarioText, variant: variant, seed: options.seed,
                        samples: options.samples, design: options.design.name, shard: shard, sections: sections)
    }

    /// The single run's store from all its run parts: every part checked against the others and
    /// against the scenario it carries (which is compiled again), every section's count against
    /// what its shard must hold. Throws naming the file and the problem.
    public static func merging(_ parts: [PartFile], threads: Int) throws(PartFileError) -> ResultStore {
        let problems = PartFile.setProblems(parts, kind: .run)
        guard problems.isEmpty, let first = parts.first else { throw PartFileError("", problems.joined(separator: "\n")) }
        let h = first.header
        let model = try first.compiledModel()
        guard let design = Designs.named(h.design) else { throw PartFileError(first.name, "unknown design '\(h.design)'") }
        let options = RunOptions(samples: h.samples, seed: h.seed, threads: threads, design: design)
        do { try options.check(for: model) } catch { throw PartFileError(first.name, error.description) }
        let store = ResultStore(model: model, options: options, capacity: h.samples, trustsExtremes: false)
        let outputs = model.outputs.count, chunk = RunOptions.chunkSize
        for part in parts {
            let chunks = MonteCarloRunner.shardChunks(samples: h.samples, index: part.header.shardIndex, count: part.header.shardCount)
            let x = try part.doubles("moments", count: chunks.count * outputs * 7)
            var moments: [Moments] = []
            moments.reserveCapacity(chunks.count * outputs)
            for (i, c) in chunks.enumerated() {
                let rows = min(chunk, h.samples - c * chunk)
                for k in 0..<outputs {
                    // An output computed by the same node as an earlier one keeps no moments of its own.
                    guard model.aliases[k] == k else { moments.append(Moments()); continue }
                    let at = (i * outputs + k) * 7
                    do { moments.append(try Moments(part: x[at..<at + 7], rows: rows)) }
                    catch { throw PartFileError(part.name, "chunk \(c), output \(model.outputs[k].name): \(error.message)") }
                }
            }
            let range = MonteCarloRunner.shardSamples(samples: h.samples, index: part.header.shardIndex, count: part.header.shardCount)
            var values: [Data] = []
            for (k, kept) in store.stores.enumerated() {
                values.append(kept.isDerived ? Data() : try part.section("values.\(k)", element: kept.element, count: kept.keptCount(range)))
            }
            store.absorb(ShardResult(index: part.header.shardIndex, count: part.header.shardCount, chunks: chunks, moments: moments, values: values))
        }
        store.samples = h.samples
        return store
    }
}

extension PartFile {
    /// The scenario the part carries, compiled again (with its variant).
    public func compiledModel() throws(PartFileError) -> CompiledModel {
        do {
            var model = try ModelCompiler.compile(yaml: header.scenarioText, file: header.scenarioFile)
            if let variant = header.variant { model = try ModelCompiler.compile(model.scenario, variant: variant) }
            return model
        } catch {
            throw PartFileError(name, "the scenario it carries does not compile:\n\(error.description)")
        }
    }

    /// What keeps `parts` from being every shard of one computation of `kind`: each part must be of
    /// that kind and agree on scenario, variant, seed, samples, design, settings, engine and shard
    /// count; no shard may appear twice or be missing. Empty when they are.
    public static func setProblems(_ parts: [PartFile], kind: Kind) -> [String] {
        guard let first = parts.first else { return ["no part files given"] }
        var problems: [String] = []
        for part in parts where part.header.kind != kind {
            problems.append("\(part.name) is a \(part.header.kind.rawValue) part, not a \(kind.rawValue) part")
        }
        guard problems.isEmpty else { return problems }
        func identity(_ h: Header) -> [(String, String)] {
            [("scenario", "sha256 \(h.scenarioSHA256.prefix(12))…"), ("variant", h.variant ?? "none"), ("seed", "\(h.seed)"),
             ("samples", "\(h.samples)"), ("design", h.design), ("engine version", h.engine), ("shard count", "\(h.shardCount)"),
             ("settings", h.settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))]
        }
        let reference = identity(first.header)
        for part in parts.dropFirst() {
            let differs = zip(identity(part.header), reference).filter { $0.1 != $1.1 }
                .map { $0.0 == "settings" ? "settings" : "\($0.0) (\($0.1) vs \($1.1))" }
            if !differs.isEmpty { problems.append("\(part.name) is from another \(kind.rawValue) than \(first.name): \(differs.joined(separator: ", "))") }
        }
        guard problems.isEmpty else { return problems }
        var seen: [Int: String] = [:]
        for part in parts {
            if let other = seen[part.header.shardIndex] {
                problems.append("\(part.name) and \(other) are both shard \(part.header.shardIndex)/\(part.header.shardCount)")
            }
            seen[part.header.shardIndex] = part.name
        }
        let count = first.header.shardCount
        let missing = (0..<count).filter { seen[$0] == nil }
        if !missing.isEmpty {
            let listed = missing.prefix(10).map { "\($0)/\(count)" }.joined(separator: ", ") + (missing.count > 10 ? " and \(missing.count - 10) more" : "")
            problems.append("missing shard\(missing.count == 1 ? "" : "s") \(listed) of the \(kind.rawValue) (seed \(first.header.seed), \(first.header.samples) samples)")
        }
        return problems
    }
}
