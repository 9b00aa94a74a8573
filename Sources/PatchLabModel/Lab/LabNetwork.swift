/// An isolated libvirt network of a lab: no `<forward>`, so guests reach each other and the host side
/// address but nothing beyond the machine. The host side takes `address`; DHCP serves the rest of the
/// subnet.
public struct LabNetwork: Sendable, Hashable, Codable {
    /// Prefix lengths allowed: /16 is already 65 534 guests; past /29 too few are left for DHCP.
    public static let prefixLengths = 16...29

    /// The name machines use in `networks:`.
    public var name: String
    /// The host side address of the network's bridge.
    public var address: IPv4Address
    /// The subnet's prefix length, in ``prefixLengths``.
    public var prefixLength: Int
    /// Where the network's entry is written (its name).
    public var location: SourceLocation

    public init(name: String, address: IPv4Address, prefixLength: Int, location: SourceLocation) {
        precondition(Self.prefixLengths.contains(prefixLength), "prefix length out of range")
        self.name = name
        self.address = address
        self.prefixLength = prefixLength
        self.location = location
    }

    /// `10.213.10.1/24`, as written in the lab file.
    public var cidr: String { "\(address)/\(prefixLength)" }

    public var netmask: IPv4Address { .netmask(prefixLength: prefixLength) }

    /// The first address of the subnet.
    public var networkAddress: IPv4Address { IPv4Address(address.value & netmask.value) }

    /// The last address of the subnet.
    public var broadcastAddress: IPv4Address { IPv4Address(networkAddress.value | ~netmask.value) }

    public func contains(_ other: IPv4Address) -> Bool {
        other.value & netmask.value == networkAddress.value
    }

    /// Aligned subnets either nest or are disjoint, so overlap is "one contains the other's start".
    public func overlaps(_ other: LabNetwork) -> Bool {
        contains(other.networkAddress) || other.contains(networkAddress)
    }

    /// The addresses DHCP hands out: the longer run of usable addresses on either side of the host
    /// side address, because a libvirt DHCP range is one contiguous run that must not include it.
    public var dhcpRange: ClosedRange<IPv4Address> {
        let below = networkAddress.value + 1..<address.value
        let above = address.value + 1..<broadcastAddress.value
        let run = below.count > above.count ? below : above
        return IPv4Address(run.lowerBound)...IPv4Address(run.upperBound - 1)
    }
}
