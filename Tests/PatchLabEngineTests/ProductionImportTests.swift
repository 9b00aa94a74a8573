import Foundation
import PatchLabModel
import Testing

@testable import PatchLabEngine

/// `production capture --from FILE` reads a file the operator was handed: a FIFO or a device is
/// refused without waiting on it, and more than the output limit is refused without reading it all.
@Suite struct ProductionImportTests {
    @Test func aFIFOOrADeviceIsRefusedWithoutWaiting() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pl-import-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/probe.out", 0o600) == 0)
        for path in [folder + "/probe.out", "/dev/zero"] {
            #expect(throws: ProductionRecordError.self, "\(path)") {
                try ProductionCapture().importOutput(from: path, name: "prod-web-01")
            }
        }
    }

    @Test func moreThanTheLimitIsRefused() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pl-import-\(UUID().uuidString.prefix(8)).out").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(repeating: UInt8(ascii: "x"), count: 4097).write(to: URL(fileURLWithPath: file))
        #expect(throws: CaptureError.self) {
            try ProductionCapture(outputLimit: 4096).importOutput(from: file, name: "prod-web-01")
        }
    }
}
