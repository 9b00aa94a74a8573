/// The networks of a lab read so far, indexed so that the first one (in file order) overlapping a new
/// subnet is found in a few lookups rather than by comparing with every earlier network: a lab file of
/// 30,000 networks took minutes that way.
///
/// Aligned subnets either nest or are disjoint, so an earlier subnet overlaps a new one when it
/// contains it (same start at the earlier one's shorter or equal prefix) or lies inside it (its start,
/// cut to the new one's prefix, is the new one's start). Both are one lookup per prefix length.
struct SubnetIndex {
    private struct Block: Hashable {
        var prefixLength: Int
        var start: UInt32
    }

    private(set) var networks: [LabNetwork] = []
    /// Each subnet exactly, to the first network that has it.
    private var exact: [Block: Int] = [:]
    /// Each block of each prefix length up to a network's own, to the first network inside it.
    private var inside: [Block: Int] = [:]

    /// The first network added that overlaps `network`, if any.
    func firstOverlap(with network: LabNetwork) -> LabNetwork? {
        var first: Int?
        func consider(_ index: Int?) {
            if let index, index < first ?? Int.max { first = index }
        }
        for prefixLength in LabNetwork.prefixLengths where prefixLength <= network.prefixLength {
            consider(exact[Self.block(network.address, prefixLength)])
        }
        consider(inside[Self.block(network.address, network.prefixLength)])
        return first.map { networks[$0] }
    }

    mutating func add(_ network: LabNetwork) {
        let index = networks.count
        networks.append(network)
        let own = Self.block(network.address, network.prefixLength)
        if exact[own] == nil { exact[own] = index }
        for prefixLength in LabNetwork.prefixLengths where prefixLength <= network.prefixLength {
            let block = Self.block(network.address, prefixLength)
            if inside[block] == nil { inside[block] = index }
        }
    }

    private static func block(_ address: IPv4Address, _ prefixLength: Int) -> Block {
        Block(prefixLength: prefixLength, start: address.value & IPv4Address.netmask(prefixLength: prefixLength).value)
    }
}
