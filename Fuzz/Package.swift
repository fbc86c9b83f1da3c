// swift-tools-version: 6.1
// Coverage-guided fuzz targets (libFuzzer) for Rendement, a package of their own so that the
// project's build never needs the sanitizer. Built and run by `Fuzz/run.sh` (CI: `make fuzz`):
//   swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer -Xcc -fsanitize=fuzzer-no-link
// which instruments every module (Yams and libyaml included) and links libFuzzer's main.
import PackageDescription

let package = Package(
    name: "RendementFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Rendement", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        // Scenario text → decode → compile (every variant) → a small run, the base case, the
        // one-way analyses and the renderers: nothing may trap, hang or allocate without bound.
        .executableTarget(
            name: "FuzzScenario",
            dependencies: [
                "FuzzSupport",
                .product(name: "RendementCore", package: "Rendement"),
                .product(name: "RendementReport", package: "Rendement"),
                .product(name: "RendementAnalysis", package: "Rendement"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // Part-file bytes → the validating reader → merge: damaged files are refused, never trusted.
        .executableTarget(
            name: "FuzzPartFile",
            dependencies: [
                "FuzzSupport",
                .product(name: "RendementCore", package: "Rendement"),
                .product(name: "RendementAnalysis", package: "Rendement"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
