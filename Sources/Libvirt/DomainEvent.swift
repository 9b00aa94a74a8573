/// A domain event delivered by libvirt's event loop: a lifecycle change or a guest-agent channel change.
public struct DomainEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `VIR_DOMAIN_EVENT_*` with its detail code.
        case lifecycle(Lifecycle, detail: Int32)
        /// `VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE`: the agent's channel connected or disconnected.
        case agent(connected: Bool)
    }

    /// `virDomainEventType`.
    public enum Lifecycle: Int32, Sendable {
        case defined = 0, undefined, started, suspended, resumed, stopped, shutdown, pmSuspended, crashed
    }

    public let domainName: String
    public let domainUUID: String
    public let kind: Kind

    public init(domainName: String, domainUUID: String, kind: Kind) {
        self.domainName = domainName
        self.domainUUID = domainUUID
        self.kind = kind
    }

    /// Whether this event means the domain is no longer running.
    public var meansDomainStopped: Bool {
        switch kind {
        case .lifecycle(.stopped, _), .lifecycle(.crashed, _), .lifecycle(.undefined, _): return true
        default: return false
        }
    }
}
