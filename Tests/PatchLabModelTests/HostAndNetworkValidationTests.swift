import Foundation
import Testing
@testable import PatchLabModel

/// Problems in the `hosts:` and `networks:` sections.
@Suite struct HostAndNetworkValidationTests {
    /// Lines 1–8 are a valid machine; `section` starts at line 10.
    func lab(_ section: String) -> String { oneMachineLab(top: section) }

    @Test func uriWithoutSchemeIsRefused() {
        expectSingleError(
            lab("hosts:\n  local: localhost"), at: "11:10",
            mentions: [
                "invalid libvirt URI 'localhost' for host 'local'", "expected a URI such as qemu:///system",
            ])
    }

    @Test func uriWithSpacesIsRefused() {
        expectSingleError(lab("hosts:\n  local: qemu:///sys tem"), at: "11:10", mentions: ["invalid libvirt URI"])
    }

    @Test func badHostNameIsReportedAtTheKey() {
        expectSingleError(
            lab("hosts:\n  local: qemu:///system\n  Rack_2: qemu+tcp://127.0.0.1/system"),
            at: "12:3", mentions: ["invalid host name 'Rack_2'", "lowercase letters"])
    }

    @Test func emptyHostsMappingIsRefused() {
        expectSingleError(lab("hosts: {}"), at: "10:8", mentions: ["expected at least one host", "found an empty mapping"])
    }

    @Test func hostsThatAreAListAreRefused() {
        expectSingleError(
            lab("hosts: [qemu:///system]"), at: "10:8",
            mentions: [
                "expected a mapping for 'hosts'", "found a list",
            ])
    }

    @Test func addressWithoutPrefixIsAnInvalidCIDR() {
        expectSingleError(
            lab("networks:\n  lan:\n    address: 10.213.10.1"), at: "12:14",
            mentions: [
                "invalid address '10.213.10.1' for network 'lan'",
                "expected an IPv4 address with a prefix length, such as 10.213.10.1/24",
            ])
    }

    @Test(arguments: ["10.213.10.300/24", "10.213.10/24", "10.213.10.1/", "10.213.010.1/24", "lan/24", "10.213.10.1/2x"])
    func malformedAddressesAreInvalidCIDRs(address: String) {
        expectSingleError(
            lab("networks:\n  lan:\n    address: \(address)"), at: "12:14",
            mentions: [
                "invalid address '\(address)'", "expected an IPv4 address with a prefix length",
            ])
    }

    @Test(arguments: [8, 15, 30, 32])
    func prefixLengthOutOfRangeIsRefused(prefix: Int) {
        expectSingleError(
            lab("networks:\n  lan:\n    address: 10.213.10.1/\(prefix)"), at: "12:14",
            mentions: [
                "prefix length of network 'lan' out of range", "expected /16 to /29", "found /\(prefix)",
            ])
    }

    @Test func subnetAddressIsNotAHostAddress() {
        expectSingleError(
            lab("networks:\n  lan:\n    address: 10.213.10.0/24"), at: "12:14",
            mentions: [
                "is the subnet's own address", "expected the host side address, such as 10.213.10.1/24",
            ])
    }

    @Test func broadcastAddressIsNotAHostAddress() {
        expectSingleError(
            lab("networks:\n  lan:\n    address: 10.213.10.255/24"), at: "12:14",
            mentions: [
                "broadcast address"
            ])
    }

    @Test func overlappingSubnetsPointAtTheSecondAndNameTheFirst() {
        expectSingleError(
            lab(
                """
                networks:
                  lan:
                    address: 10.213.0.1/16
                  dmz:
                    address: 10.213.20.1/24
                """), at: "14:14",
            mentions: [
                "subnet 10.213.20.1/24 of network 'dmz' overlaps subnet 10.213.0.1/16 of network 'lan' (line 11)",
                "expected subnets that do not overlap",
            ])
    }

    @Test func adjacentSubnetsDoNotOverlap() throws {
        let parsed = try Lab.parse(
            yaml: lab(
                """
                networks:
                  lan:
                    address: 10.213.10.1/24
                  dmz:
                    address: 10.213.11.1/24
                """), file: testFile)
        #expect(parsed.networks.map(\.cidr) == ["10.213.10.1/24", "10.213.11.1/24"])
        #expect(parsed.network(named: "dmz")?.location.description == "t.yaml:13:3")
    }

    @Test func misspelledNetworkKeyIsReportedWithASuggestionBesideTheMissingAddress() {
        let diagnostics = labDiagnostics(lab("networks:\n  lan:\n    adress: 10.213.10.1/24"))
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:12:5: error: unknown key 'adress' in network 'lan'; expected one of: address; did you mean 'address'?",
                "t.yaml:12:5: error: missing required key 'address' in network 'lan'",
            ])
    }

    @Test func networkWithoutAddressAndWithAForwardReportsBoth() {
        let diagnostics = labDiagnostics(lab("networks:\n  lan: {forward: nat}"))
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:11:8: error: missing required key 'address' in network 'lan'",
                "t.yaml:11:9: error: unknown key 'forward' in network 'lan'; expected one of: address",
            ])
    }

    @Test func emptyNetworksSectionMeansNone() throws {
        let parsed = try Lab.parse(yaml: lab("networks:"), file: testFile)
        #expect(parsed.networks.isEmpty)
    }
}
