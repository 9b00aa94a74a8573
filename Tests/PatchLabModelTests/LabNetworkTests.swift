import Foundation
import Testing
@testable import PatchLabModel

@Suite struct LabNetworkTests {
    func network(_ address: String, _ prefix: Int) -> LabNetwork {
        LabNetwork(name: "n", address: IPv4Address(address)!, prefixLength: prefix, location: .start(of: "t.yaml"))
    }

    @Test func ipv4AddressesParseStrictly() {
        #expect(IPv4Address("10.213.10.1")?.value == 0x0AD5_0A01)
        #expect(IPv4Address("255.255.255.255")?.value == UInt32.max)
        #expect(IPv4Address("0.0.0.0")?.value == 0)
        for bad in ["10.213.10", "10.213.10.1.1", "256.0.0.1", "01.2.3.4", "1..2.3", "a.b.c.d", "1.2.3.4 ", "-1.2.3.4"] {
            #expect(IPv4Address(bad) == nil, "\(bad)")
        }
        #expect(IPv4Address(0x0AD5_0A01).description == "10.213.10.1")
    }

    @Test func subnetArithmetic() {
        let lan = network("10.213.10.1", 24)
        #expect(lan.netmask.description == "255.255.255.0")
        #expect(lan.networkAddress.description == "10.213.10.0")
        #expect(lan.broadcastAddress.description == "10.213.10.255")
        #expect(lan.contains(IPv4Address("10.213.10.200")!))
        #expect(!lan.contains(IPv4Address("10.213.11.1")!))
    }

    @Test func dhcpServesTheLongerRunBesideTheHostAddress() {
        let first = network("10.213.10.1", 24).dhcpRange
        #expect(first.lowerBound.description == "10.213.10.2")
        #expect(first.upperBound.description == "10.213.10.254")
        let last = network("10.213.10.254", 24).dhcpRange
        #expect(last.lowerBound.description == "10.213.10.1")
        #expect(last.upperBound.description == "10.213.10.253")
        let small = network("192.168.7.9", 29).dhcpRange
        #expect(small.lowerBound.description == "192.168.7.10")
        #expect(small.upperBound.description == "192.168.7.14")
    }

    @Test func overlapIsSymmetricAndAdjacencyIsNotOverlap() {
        let wide = network("10.213.0.1", 16), inner = network("10.213.20.1", 24), next = network("10.214.0.1", 16)
        #expect(wide.overlaps(inner) && inner.overlaps(wide))
        #expect(!wide.overlaps(next) && !next.overlaps(wide))
    }

    @Test func addressesEncodeAsText() throws {
        let data = try JSONEncoder().encode([IPv4Address("10.0.0.1")!])
        #expect(String(decoding: data, as: UTF8.self) == #"["10.0.0.1"]"#)
    }
}
