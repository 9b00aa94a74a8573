internal import CLibvirt
import Foundation

/// Fans libvirt's domain events for one connection out to any number of async subscribers.
///
/// Registered once per connection; the C callbacks run on the event-loop thread and only copy
/// plain values out before handing them on.
final class EventHub: @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<DomainEvent>.Continuation] = [:]
    private var callbackIDs: [Int32] = []

    func register(on connection: OpaquePointer) throws(LibvirtError) {
        let lifecycleOpaque = Unmanaged.passRetained(self).toOpaque()
        let lifecycleID = patchlab_register_lifecycle_events(
            connection,
            { _, dom, event, detail, opaque in
                guard let dom, let opaque, let lifecycle = DomainEvent.Lifecycle(rawValue: event) else { return 0 }
                let hub = Unmanaged<EventHub>.fromOpaque(opaque).takeUnretainedValue()
                hub.deliver(dom, .lifecycle(lifecycle, detail: detail))
                return 0
            }, lifecycleOpaque,
            { opaque in
                if let opaque { Unmanaged<EventHub>.fromOpaque(opaque).release() }
            })
        if lifecycleID < 0 {
            Unmanaged<EventHub>.fromOpaque(lifecycleOpaque).release()
            throw LibvirtError.last(or: "register lifecycle events")
        }
        let agentOpaque = Unmanaged.passRetained(self).toOpaque()
        let agentID = patchlab_register_agent_events(
            connection,
            { _, dom, state, _, opaque in
                guard let dom, let opaque else { return }
                let hub = Unmanaged<EventHub>.fromOpaque(opaque).takeUnretainedValue()
                hub.deliver(dom, .agent(connected: state == Int32(VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED.rawValue)))
            }, agentOpaque,
            { opaque in
                if let opaque { Unmanaged<EventHub>.fromOpaque(opaque).release() }
            })
        if agentID < 0 {
            Unmanaged<EventHub>.fromOpaque(agentOpaque).release()
            // Drivers without agent events (the test driver) still give lifecycle events.
            virResetLastError()
        }
        lock.withLock { callbackIDs = [lifecycleID] + (agentID >= 0 ? [agentID] : []) }
    }

    func unregister(from connection: OpaquePointer) {
        let ids = lock.withLock { () -> [Int32] in
            defer { callbackIDs = [] }
            return callbackIDs
        }
        for id in ids { _ = virConnectDomainEventDeregisterAny(connection, id) }
        lock.withLock {
            for continuation in subscribers.values { continuation.finish() }
            subscribers = [:]
        }
    }

    /// A stream of every domain event from now on; it ends when the consumer stops iterating.
    func subscribe() -> AsyncStream<DomainEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<DomainEvent>.makeStream(bufferingPolicy: .bufferingNewest(256))
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.lock.withLock { self.subscribers.removeValue(forKey: id) }
        }
        lock.withLock { subscribers[id] = continuation }
        return stream
    }

    private func deliver(_ dom: OpaquePointer, _ kind: DomainEvent.Kind) {
        let name = virDomainGetName(dom).map { String(cString: $0) } ?? ""
        let event = DomainEvent(domainName: name, domainUUID: Domain.uuidString(of: dom), kind: kind)
        let targets = lock.withLock { Array(subscribers.values) }
        for continuation in targets { continuation.yield(event) }
    }
}

extension Connection {
    /// Every domain event on this connection from now on (lifecycle and guest-agent channel).
    public func domainEvents() -> AsyncStream<DomainEvent> { events.subscribe() }
}
