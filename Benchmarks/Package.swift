// swift-tools-version: 6.1
// The engine's micro- and macro-benchmarks (ordo-one/benchmark), in a package of their own so
// that building and testing Rendement does not build the benchmark tooling.
// Run from this folder: `swift package benchmark` (or `make bench-swift` from the top).
import PackageDescription

let package = Package(
    name: "RendementBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Rendement", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "RendementCore", package: "Rendement"),
                .product(name: "RendementAnalysis", package: "Rendement"),
                .product(name: "RendementReport", package: "Rendement"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
