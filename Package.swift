// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// Vector instructions for the engine: AVX2 when the machine that builds has it (as `-march=native`
/// does for C), which lets the sampling, model and statistics loops work on four doubles at once;
/// and C's square root without `errno`, so that loops of square roots vectorise. Results are the
/// same bits either way (no fused multiply-adds, same operation order). RENDEMENT_PORTABLE=1
/// builds for any x86-64 without these flags (e.g. a binary for older cluster nodes).
let engineSettings: [SwiftSetting] = {
    #if arch(x86_64) && os(Linux)
    if ProcessInfo.processInfo.environment["RENDEMENT_PORTABLE"] == nil,
       let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       cpu.split(separator: "\n").first(where: { $0.hasPrefix("flags") })?.split(separator: " ").contains("avx2") == true {
        return [.unsafeFlags(["-Xcc", "-mavx2", "-Xcc", "-fno-math-errno"])]
    }
    #endif
    return []
}()

let package = Package(
    name: "Rendement",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rendement", targets: ["rendement"]),
        .library(name: "RendementCore", targets: ["RendementCore"]),
        .library(name: "RendementAnalysis", targets: ["RendementAnalysis"]),
        .library(name: "RendementReport", targets: ["RendementReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-numerics.git", from: "1.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // OpenBLAS + LAPACKE, wrapped once. Debian: libopenblas-dev liblapacke-dev.
        .systemLibrary(
            name: "CLinalg",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // SHA-256 from the system's libcrypto. Debian: libssl-dev.
        .systemLibrary(
            name: "CCrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The xlsx workbook of `rendement report`. Debian: libxlsxwriter-dev.
        .systemLibrary(
            name: "CXLSXWriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(
            name: "RendementCore",
            dependencies: [
                "CLinalg", "CCrypto",
                .product(name: "Yams", package: "Yams"),
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: engineSettings
        ),
        .target(
            name: "RendementAnalysis",
            dependencies: ["RendementCore"]
        ),
        .target(
            name: "RendementReport",
            dependencies: ["RendementCore", "RendementAnalysis", "CXLSXWriter"]
        ),
        // The HTTP server of `rendement serve`: jobs in SQLite, each run as a child `rendement` process.
        .target(
            name: "RendementServer",
            dependencies: [
                "RendementCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "rendement",
            dependencies: [
                "RendementCore", "RendementAnalysis", "RendementReport", "RendementServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(name: "RendementCoreTests", dependencies: ["RendementCore"]),
        .testTarget(name: "RendementAnalysisTests", dependencies: ["RendementCore", "RendementAnalysis"]),
        .testTarget(name: "RendementCLITests", dependencies: ["rendement", "RendementCore", "RendementAnalysis", "RendementReport"]),
        .testTarget(
            name: "RendementServerTests",
            dependencies: [
                "rendement", "RendementServer", "RendementCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
