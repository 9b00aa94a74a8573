// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "PatchLab",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "patchlab", targets: ["patchlab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
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
        // Plain values (labs, machines, images) and their validated parsing.
        .target(name: "PatchLabModel", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Provisioning, the plan runner and the run store, over a small machine protocol.
        .target(name: "PatchLabEngine", dependencies: [
            "PatchLabModel", "Libvirt",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Reports (JUnit, JSON, Markdown, HTML), and later the signed evidence packet.
        .target(name: "PatchLabEvidence", dependencies: [
            "PatchLabModel",
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.copy("Schemas")]),
        // One AsyncParsableCommand per file.
        .target(name: "PatchLabCLI", dependencies: [
            "PatchLabModel", "PatchLabEngine", "PatchLabEvidence", "Libvirt",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "patchlab", dependencies: ["PatchLabCLI"]),

        .testTarget(name: "LibvirtTests", dependencies: ["Libvirt"]),
        .testTarget(name: "PatchLabModelTests", dependencies: ["PatchLabModel"]),
        .testTarget(name: "PatchLabEngineTests", dependencies: ["PatchLabEngine", "PatchLabModel", "Libvirt"]),
        .testTarget(name: "PatchLabEvidenceTests", dependencies: ["PatchLabEvidence", "PatchLabModel"]),
        .testTarget(name: "PatchLabCLITests", dependencies: ["PatchLabCLI"]),
        // Boots real guests under qemu:///system; needs libvirtd and the golden image (scripts/setup).
        .testTarget(name: "IntegrationTests", dependencies: ["PatchLabEngine", "PatchLabModel", "Libvirt"],
                    exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
