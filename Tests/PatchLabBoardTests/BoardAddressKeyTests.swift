import Testing
@testable import PatchLabBoard

/// The throttle's key for a client address: IPv4 as it is, IPv6 by its /64.
@Suite struct BoardAddressKeyTests {
    @Test func ipv6CountsByItsSlash64AndMappedIPv4AsIPv4() {
        #expect(ClientAddress.key("10.0.0.1") == "10.0.0.1")
        #expect(
            ClientAddress.key("127.0.0.1") == ClientAddress.key("127.0.0.2") && ClientAddress.key("::1") == ClientAddress.key("127.1.2.3"),
            "every loopback address is the one host the board runs on")
        #expect(ClientAddress.key("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64")
        #expect(ClientAddress.key("2001:db8:1:2:bbbb:cccc:dddd:eeee") == ClientAddress.key("2001:db8:1:2::9"))
        #expect(ClientAddress.key("2001:db8:1:3::1") != ClientAddress.key("2001:db8:1:2::1"))
        #expect(ClientAddress.key("::ffff:10.1.2.3") == "10.1.2.3")
        #expect(ClientAddress.key(nil) == "unknown")
    }
}
