// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "PatchLab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "patchlab", targets: ["patchlab"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        // libvirt's C API; the only door to C in the program.
        .systemLibrary(
            name: "CLibvirt",
            pkgConfig: "libvirt",
            providers: [.apt(["libvirt-dev"])]
        ),
        // A safe Swift face of libvirt: no C pointer in any public signature.
        .target(name: "Libvirt", dependencies: ["CLibvirt"]),
        // The plain values (labs, plans, changes, fingerprints, results, the members file) and their
        // validated parsing with file:line:column errors.
        // Its YAML pre-check reads libyaml's events through `internal import CYaml` (Yams's C target,
        // reachable through the Yams product, which is not a product of its own).
        .target(name: "PatchLabModel", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Doing things to labs: provisioning, the plan runner, the rehearsal, fingerprints, the run store
        // and its journal, recovery; the guest side behind a small protocol so tests can swap it.
        .target(
            name: "PatchLabEngine",
            dependencies: [
                "PatchLabModel", "Libvirt",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // What a change board reads: reports, the signed evidence packet and its verifier, signing keys,
        // approval records and the judge of the board's rules.
        .target(
            name: "PatchLabEvidence",
            dependencies: [
                "PatchLabModel",
                .product(name: "Crypto", package: "swift-crypto"),
            ], resources: [.copy("Schemas")]),
        // The change board's web pages and JSON API: sign-in, sessions, CSRF, drafting and filing signed decisions.
        .target(
            name: "PatchLabBoard",
            dependencies: [
                "PatchLabModel", "PatchLabEvidence",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The benchmarks: each measures PatchLab against the raw floor in the same run.
        .target(name: "PatchLabBench", dependencies: ["PatchLabModel", "PatchLabEngine", "PatchLabEvidence", "Libvirt"]),
        // One AsyncParsableCommand per file, one folder per command group.
        .target(
            name: "PatchLabCLI",
            dependencies: [
                "PatchLabModel", "PatchLabEngine", "PatchLabEvidence", "PatchLabBoard", "PatchLabBench", "Libvirt",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "patchlab", dependencies: ["PatchLabCLI"]),

        .testTarget(name: "LibvirtTests", dependencies: ["Libvirt"]),
        .testTarget(name: "PatchLabModelTests", dependencies: ["PatchLabModel"]),
        .testTarget(name: "PatchLabEngineTests", dependencies: ["PatchLabEngine", "PatchLabModel", "Libvirt"]),
        // The scale benchmark at a small size: it runs, it cleans up, and its figures say what they claim.
        .testTarget(name: "PatchLabBenchTests", dependencies: ["PatchLabBench", "PatchLabEngine", "PatchLabModel", "Libvirt"]),
        // Fixtures and tool runners shared by the evidence, board and CLI tests (test targets cannot import each other).
        .target(name: "PatchLabTestSupport", dependencies: ["PatchLabEvidence", "PatchLabModel"], path: "Tests/PatchLabTestSupport"),
        .testTarget(name: "PatchLabEvidenceTests", dependencies: ["PatchLabEvidence", "PatchLabModel", "PatchLabTestSupport"]),
        // Runs the board on loopback; the browser test needs chromium and chromium-driver (scripts/setup).
        .testTarget(
            name: "PatchLabBoardTests",
            dependencies: [
                "PatchLabTestSupport",
                "PatchLabBoard", "PatchLabEvidence", "PatchLabModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        // Runs the built `patchlab` executable, as a user would.
        .testTarget(name: "PatchLabCLITests", dependencies: ["PatchLabTestSupport", "PatchLabEvidence", "PatchLabModel"]),
        // Boots real guests under qemu:///system; needs libvirtd and the golden image (scripts/setup).
        .testTarget(
            name: "IntegrationTests", dependencies: ["PatchLabEngine", "PatchLabModel", "Libvirt"],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
