import Foundation
import Testing
@testable import Libvirt

/// The Libvirt layer against libvirt's embedded test driver: real libvirt code, no daemon.
@Suite struct TestDriverTests {
    static func domainXML(_ name: String) -> String {
        """
        <domain type='test'><name>\(name)</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>
        <os><type arch='i686'>hvm</type></os></domain>
        """
    }

    func unique(_ base: String) -> String { "\(base)-\(UUID().uuidString.prefix(8).lowercased())" }

    @Test func opensAndReportsVersions() async throws {
        let conn = try await Connection.open("test:///default")
        let version = try await conn.hypervisorVersion()
        #expect(version.split(separator: ".").count == 3)
        #expect(try await conn.libvirtVersion().hasPrefix("9."))
        #expect(try await conn.capabilities().contains("<capabilities>"))
        #expect(await conn.isAlive())
    }

    @Test func openingAnUnreachableURIThrowsALibvirtError() async throws {
        await #expect(throws: LibvirtError.self) {
            _ = try await Connection.open("qemu+tcp://127.0.0.1:1/system")
        }
    }

    @Test func defineStartStopUndefineDomain() async throws {
        let conn = try await Connection.open("test:///default")
        let name = unique("dom")
        let domain = try await conn.defineDomain(xml: Self.domainXML(name))
        #expect(domain.name == name)
        #expect(try await domain.state().state == .shutoff)
        try await domain.start()
        #expect(try await domain.isActive())
        #expect(try await conn.domain(uuid: domain.uuid).name == name)
        try await domain.destroy()
        try await domain.undefine()
        #expect(try await conn.domainIfPresent(named: name) == nil)
    }

    @Test func missingDomainIsMatchableByCode() async throws {
        let conn = try await Connection.open("test:///default")
        do {
            _ = try await conn.domain(named: "no-such-domain-here")
            Issue.record("lookup should fail")
        } catch let error as LibvirtError {
            #expect(error.code == .noDomain)
            #expect(error.isNotFound)
        }
    }

    @Test func lifecycleEventsArrive() async throws {
        let conn = try await Connection.open("test:///default")
        let name = unique("evt")
        let events = conn.domainEvents()
        let domain = try await conn.defineDomain(xml: Self.domainXML(name))
        try await domain.start()
        var seen: [DomainEvent.Lifecycle] = []
        for await event in events where event.domainName == name {
            if case let .lifecycle(kind, _) = event.kind { seen.append(kind) }
            if seen.contains(.started) { break }
        }
        #expect(seen.contains(.defined))
        #expect(seen.contains(.started))
        try await domain.destroy()
        try await domain.undefine()
    }

    @Test func snapshotsCreateListRevertDelete() async throws {
        let conn = try await Connection.open("test:///default")
        let domain = try await conn.defineDomain(xml: Self.domainXML(unique("snap")))
        try await domain.start()
        let snapshot = try await domain.createSnapshot(name: "pre", description: "before patch")
        #expect(try await domain.snapshots().map(\.name) == ["pre"])
        try await domain.destroy()
        try await snapshot.revert()
        #expect(try await domain.isActive(), "reverting a running snapshot brings the domain back running")
        try await snapshot.delete()
        await #expect(throws: LibvirtError.self) { _ = try await domain.snapshot(named: "pre") }
        try await domain.destroy()
        try await domain.undefine()
    }

    @Test func linkedCloneVolumeHasBackingStore() async throws {
        let conn = try await Connection.open("test:///default")
        let pool = try await conn.storagePool(named: "default-pool")
        let base = unique("base")
        let golden = try await pool.createVolume(
            xml: """
                <volume><name>\(base).qcow2</name><capacity unit='MiB'>64</capacity><target><format type='qcow2'/></target></volume>
                """)
        let clone = try await pool.createVolume(
            xml: """
                <volume><name>\(base)-clone.qcow2</name><capacity unit='MiB'>64</capacity>
                <target><format type='qcow2'/></target>
                <backingStore><path>\(golden.path)</path><format type='qcow2'/></backingStore></volume>
                """)
        #expect(try await clone.xml().contains(golden.path))
        #expect(try await pool.volumes().map(\.name).contains(clone.name))
        try await clone.delete()
        try await golden.delete()
        await #expect(throws: LibvirtError.self) { _ = try await pool.volume(named: clone.name) }
    }

    @Test func isolatedNetworksOnlyNeverForwarded() async throws {
        let conn = try await Connection.open("test:///default")
        let name = unique("net")
        await #expect(throws: LibvirtError.self) {
            _ = try await conn.defineIsolatedNetwork(xml: "<network><name>\(name)</name><forward mode='nat'/></network>")
        }
        let network = try await conn.defineIsolatedNetwork(
            xml: """
                <network><name>\(name)</name><ip address='10.213.99.1' prefix='24'/></network>
                """)
        try await network.start()
        #expect(try await network.isActive())
        try await network.destroy()
        try await network.undefine()
        await #expect(throws: LibvirtError.self) { _ = try await conn.network(named: name) }
    }

    @Test func agentCommandsFailCleanlyOnTheTestDriver() async throws {
        let conn = try await Connection.open("test:///default")
        let domain = try await conn.defineDomain(xml: Self.domainXML(unique("agent")))
        try await domain.start()
        await #expect(throws: (any Error).self) { try await GuestAgent(domain: domain).ping() }
        try await domain.destroy()
        try await domain.undefine()
    }

    @Test func xmlTextEscapes() {
        #expect(XMLText.escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;")
    }
}
