import Hummingbird
import HummingbirdAuth

/// The request context of every board route: Hummingbird's core storage and the member the request
/// was authenticated as, if any.
public struct BoardContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: SignedInMember?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }

    /// A decision with its PEM key and comments is a few KiB; nothing the board takes is bigger.
    public var maxUploadSize: Int { 256 * 1024 }
}
