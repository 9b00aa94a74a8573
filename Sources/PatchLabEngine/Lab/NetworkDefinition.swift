import Libvirt
import PatchLabModel

/// The XML of one lab network: isolated (no `<forward>`, so nothing is routed off the host), with DHCP.
struct NetworkDefinition {
    var name: String
    var network: LabNetwork

    var xml: String {
        let range = network.dhcpRange
        return """
            <network>
              <name>\(XMLText.escape(name))</name>
              <ip address='\(network.address)' netmask='\(network.netmask)'>
                <dhcp><range start='\(range.lowerBound)' end='\(range.upperBound)'/></dhcp>
              </ip>
            </network>
            """
    }
}
