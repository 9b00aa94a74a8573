import Foundation
import Testing
@testable import Libvirt

/// Node memory figures and volume streams on the test driver: a host described by a file has the
/// memory the file says and no free-memory figure; the test driver has no upload, and says so in a
/// matchable error rather than pretending.
@Suite struct NodeAndTransferTests {
    static func hostFile(memoryKiB: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pl-node-\(UUID().uuidString).xml").path
        try """
        <node>
          <cpu><nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>1</threads><active>4</active><mhz>2000</mhz><model>x86_64</model></cpu>
          <memory>\(memoryKiB)</memory>
          <pool type='dir'><name>p</name><target><path>/pl-node-test</path></target></pool>
        </node>
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aHostFromAFileReportsItsMemoryAndNoFreeFigure() async throws {
        let path = try Self.hostFile(memoryKiB: 8 << 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let conn = try await Connection.open("test://\(path)")
        let info = try await conn.nodeInfo()
        #expect(info.memoryBytes == 8 << 30)
        #expect(info.cpus == 4)
        #expect(info.model == "x86_64")
        #expect(try await conn.nodeFreeMemory() == nil, "the file-based test driver keeps no free-memory figure")
        let shared = try await Connection.open("test:///default")
        #expect(try await shared.nodeFreeMemory() != nil, "test:///default has NUMA cells with free memory")
    }

    @Test func twoHostFilesAreTwoSeparateHosts() async throws {
        let (a, b) = (try Self.hostFile(memoryKiB: 1 << 20), try Self.hostFile(memoryKiB: 2 << 20))
        defer { for path in [a, b] { try? FileManager.default.removeItem(atPath: path) } }
        let (first, second) = (try await Connection.open("test://\(a)"), try await Connection.open("test://\(b)"))
        _ = try await first.defineDomain(xml: TestDriverTests.domainXML("only-on-a"))
        #expect(try await first.domainIfPresent(named: "only-on-a") != nil)
        #expect(try await second.domainIfPresent(named: "only-on-a") == nil)
        #expect(try await second.nodeInfo().memoryBytes == 2 << 30)
    }

    @Test func uploadToATestDriverVolumeIsRefusedAsUnsupported() async throws {
        let path = try Self.hostFile(memoryKiB: 1 << 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let conn = try await Connection.open("test://\(path)")
        let volume = try await conn.storagePool(named: "p").createVolume(
            xml: """
                <volume><name>v.raw</name><capacity unit='bytes'>1024</capacity><target><format type='raw'/></target></volume>
                """)
        do {
            try await volume.upload(fromFile: path)
            Issue.record("the test driver has no volume upload")
        } catch let error as LibvirtError {
            #expect(error.code == .noSupport, "\(error)")
        }
        await #expect(throws: LibvirtError.self) { try await volume.upload(fromFile: "/nonexistent/pl-file") }
        #expect(conn.closeReason == nil && !conn.isLost)
    }
}
