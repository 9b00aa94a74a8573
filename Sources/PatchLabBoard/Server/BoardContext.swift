import Hummingbird
import HummingbirdAuth

/// The request context of every board route: Hummingbird's core storage, the member the request
/// was authenticated as, if any, and the address the connection comes from (for the sign-in throttle).
public struct BoardContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: SignedInMember?
    /// ``ClientAddress/key(_:)`` of the connection's peer, never of a forwarding header.
    public let clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        clientAddress = ClientAddress.key(source.channel.remoteAddress?.ipAddress)
    }

    /// A decision with its PEM key and comments is a few KiB; nothing the board takes is bigger.
    public var maxUploadSize: Int { 256 * 1024 }
}
