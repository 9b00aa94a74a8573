import Foundation
import Hummingbird
import Logging

/// The change board's web server: pages and JSON API over the packets of one evidence folder.
///
/// ```swift
/// try await BoardServer(settings: settings).run { port in print("listening on \(port)") }
/// ```
public struct BoardServer: Sendable {
    public let settings: BoardSettings

    public init(settings: BoardSettings) {
        self.settings = settings
    }

    /// Serves until the task is cancelled (or SIGINT/SIGTERM when `handleSignals`); `onListening` is
    /// told the port once the socket is bound, which is how a caller that asked for port 0 learns it.
    /// `logger` gets what answers withhold (server paths, system error text) under the reference the
    /// answer names.
    public func run(
        handleSignals: Bool = false, logger: Logger? = nil,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        var log = logger ?? Logger(label: "patchlab.board")
        if logger == nil { log.logLevel = .warning }
        let routes = BoardRoutes(service: BoardService(settings: settings, logger: log))
        let application = Application(
            router: routes.router(),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? settings.port) },
            logger: log)
        if handleSignals {
            try await application.runService()
        } else {
            try await application.run()
        }
    }
}
