import Foundation
import PatchLabModel

/// One capture as `production list`, `show` and `capture` print it.
struct ProductionSummary: Encodable {
    var name: String
    var host: String
    var path: String
    var capturedAt: Date
    var capturedBy: String
    var method: String
    var hostKey: String?
    var os: String?
    var kernel: String?
    var architecture: String?
    var packages: Int
    var services: Int
    var ports: Int
    var files: Int
    var copiedFiles: [String]

    init(_ record: ProductionRecord, path: String) {
        let print = record.fingerprint
        name = record.name
        host = record.host
        self.path = path
        capturedAt = record.capturedAt
        capturedBy = record.capturedBy
        method = record.method.rawValue
        hostKey = record.hostKey
        os = print.system.osRelease
        kernel = print.system.kernel
        architecture = print.system.architecture
        packages = print.packages.count
        services = print.services.count
        ports = print.ports.count
        files = print.files.count
        copiedFiles = record.copiedFiles.map(\.path)
    }

    var counts: String {
        "\(os ?? "unknown OS"), kernel \(kernel ?? "unknown"), \(architecture ?? "unknown architecture"): "
            + "\(packages) packages, \(services) services, \(ports) ports, \(files) watched files"
    }
}
