import Foundation
import Testing

/// Sharded runs: the parts merge into exactly the single run; bad sets of parts are refused.
@Suite struct ShardCommandTests {
    @Test(arguments: ["mc", "sobol"])
    func fourShardsMergeIntoTheSingleRun(design: String) throws {
        let dir = try CLI.temporaryDirectory()
        let common = ["Scenarios/ombudsman-cak-pilot.yaml", "--samples", "50000", "--seed", "3", "--design", design, "-q"]
        for k in 0..<4 {
            let out = try CLI.run(["run"] + common + ["--shard", "\(k)/4", "--out", dir.appendingPathComponent("part-\(k).rdm").path])
            #expect(out.status == 0, "\(out.stderr)")
        }
        let parts = (0..<4).map { dir.appendingPathComponent("part-\($0).rdm").path }
        let merged = try CLI.run(["merge"] + parts.reversed() + ["--format", "json"])
        let single = try CLI.run(["run"] + common + ["--format", "json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == single.stdout)
    }

    @Test func missingDuplicatedOrForeignShardsAreRefused() throws {
        let dir = try CLI.temporaryDirectory()
        func part(_ k: Int, seed: Int = 1) throws -> String {
            let path = dir.appendingPathComponent("part-\(k)-\(seed).rdm").path
            _ = try CLI.run(["run", "Scenarios/vonl-amsterdam.yaml", "--samples", "20000", "--seed", "\(seed)", "-q", "--shard", "\(k)/3", "--out", path])
            return path
        }
        let (p0, p1, p2, foreign) = (try part(0), try part(1), try part(2), try part(2, seed: 2))
        let result = dir.appendingPathComponent("merged.json").path
        for (parts, message) in [([p0, p1], "missing shard 2/3"), ([p0, p1, p1, p2], "are both shard 1/3"), ([p0, p1, foreign], "from another run")] {
            let out = try CLI.run(["merge"] + parts + ["--out", result])
            #expect(out.status == 1)
            #expect(out.stderr.contains(message), "\(out.stderr)")
            #expect(!FileManager.default.fileExists(atPath: result), "nothing written")
        }
        try Data("not a part".utf8).write(to: dir.appendingPathComponent("junk.rdm"))
        let junk = try CLI.run(["merge", p0, dir.appendingPathComponent("junk.rdm").path])
        #expect(junk.status == 1)
        #expect(junk.stderr.contains("not a Rendement part file"))
        #expect(try CLI.run(["run", "Scenarios/vonl-amsterdam.yaml", "--shard", "3/3", "--out", "x.rdm"]).status == 64)
    }

    /// A sweep sharded by points merges into exactly the single sweep.
    @Test func sweepShardsMergeIntoTheSingleSweep() throws {
        let dir = try CLI.temporaryDirectory()
        let common = ["Scenarios/reference-model.yaml", "--vary", "discount_rate=0:0.06:4", "--vary", "V=900:1100:2", "--samples", "5000", "-q"]
        for k in 0..<3 {
            let out = try CLI.run(["sweep"] + common + ["--shard", "\(k)/3", "--out", dir.appendingPathComponent("s\(k).rdm").path])
            #expect(out.status == 0, "\(out.stderr)")
        }
        let merged = try CLI.run(["merge"] + (0..<3).map { dir.appendingPathComponent("s\($0).rdm").path } + ["--format", "json"])
        let single = try CLI.run(["sweep"] + common + ["--format", "json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == single.stdout)
        let missing = try CLI.run(["merge", dir.appendingPathComponent("s0.rdm").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("missing shards 1/3, 2/3"))
    }

    /// A sensitivity analysis sharded by model runs merges into exactly the single analysis, for
    /// the sampled methods (rank, value of information, Sobol') and the one-way ones together.
    @Test(arguments: ["mc", "sobol"])
    func sensitivityShardsMergeIntoTheSingleAnalysis(design: String) throws {
        let dir = try CLI.temporaryDirectory()
        let common = ["Scenarios/ombudsman-cak-pilot.yaml", "--method", "tornado,rank,voi,sobol", "--samples", "3000", "--seed", "5",
                      "--design", design, "-q"]
        let parts = (0..<3).map { dir.appendingPathComponent("sens-\($0).rdm").path }
        for (k, path) in parts.enumerated() {
            let out = try CLI.run(["sensitivity"] + common + ["--shard", "\(k)/3", "--out", path])
            #expect(out.status == 0, "\(out.stderr)")
        }
        // The same shard gives the same bytes on every run.
        let again = dir.appendingPathComponent("sens-0-again.rdm").path
        _ = try CLI.run(["sensitivity"] + common + ["--shard", "0/3", "--out", again])
        #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: parts[0]))
        let merged = try CLI.run(["merge"] + parts.reversed() + ["--format", "json", "--threads", "1"])
        let single = try CLI.run(["sensitivity"] + common + ["--format", "json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(!merged.stdout.isEmpty && merged.stdout == single.stdout)

        let foreignPath = dir.appendingPathComponent("foreign.rdm").path
        _ = try CLI.run(["sensitivity"] + common.map { $0 == "5" ? "6" : $0 } + ["--shard", "2/3", "--out", foreignPath])
        let result = dir.appendingPathComponent("merged.json").path
        for (set, message) in [([parts[0], parts[1]], "missing shard 2/3"), ([parts[0], parts[1], foreignPath], "from another sensitivity than"),
                               ([parts[0], parts[1], parts[1], parts[2]], "are both shard 1/3")] {
            let out = try CLI.run(["merge"] + set + ["--out", result])
            #expect(out.status == 1)
            #expect(out.stderr.contains(message), "\(out.stderr)")
            #expect(!FileManager.default.fileExists(atPath: result), "nothing written")
        }
    }
}
