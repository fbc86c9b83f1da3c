// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Rendement",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rendement", targets: ["rendement"]),
        .library(name: "RendementCore", targets: ["RendementCore"]),
        .library(name: "RendementSensitivity", targets: ["RendementSensitivity"]),
        .library(name: "RendementReport", targets: ["RendementReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-numerics.git", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        // OpenBLAS + LAPACKE, wrapped once. Debian: libopenblas-dev liblapacke-dev.
        .systemLibrary(
            name: "CLinalg",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(
            name: "RendementCore",
            dependencies: [
                "CLinalg",
                .product(name: "Yams", package: "Yams"),
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .target(
            name: "RendementSensitivity",
            dependencies: ["RendementCore"]
        ),
        .target(
            name: "RendementReport",
            dependencies: ["RendementCore", "RendementSensitivity", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "rendement",
            dependencies: [
                "RendementCore", "RendementSensitivity", "RendementReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RendementCoreTests", dependencies: ["RendementCore"]),
        .testTarget(name: "RendementSensitivityTests", dependencies: ["RendementCore", "RendementSensitivity"]),
        .testTarget(name: "RendementCLITests", dependencies: ["rendement", "RendementCore", "RendementReport"]),
    ],
    swiftLanguageModes: [.v6]
)
