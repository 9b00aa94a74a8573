import ArgumentParser
import Foundation
import PatchLabBoard
import PatchLabModel

/// `patchlab board [serve] --evidence evidence/ --members board/members.yaml --listen 127.0.0.1:8080`.
struct BoardServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the change board's web page and JSON API over an evidence folder.",
        discussion: """
            Members sign in with their board secret (its bcrypt hash is in the members file; make one with \
            `patchlab board secret`) and decide on packets; each decision is signed with the member's own \
            private key, pasted into the form, used once and never stored. The API is described in \
            docs/board-openapi.yaml. Stop with Ctrl-C.
            """)

    @Option(help: "The evidence folder: packets are its CHANGE/RUN/ folders.")
    var evidence = "evidence"

    @Option(help: "The board's members file (YAML; default: $PATCHLAB_HOME/board/members.yaml).")
    var members: String?

    @Option(help: "Address and port to listen on (HOST:PORT; port 0 picks a free one).")
    var listen = "127.0.0.1:8080"

    @Option(help: "A folder of trusted packet-signer public keys (*.pub) or one PEM file (default: $PATCHLAB_HOME/trusted-keys).")
    var trustedKeys: String?

    @Option(help: "How long a sign-in lasts, in minutes.")
    var sessionMinutes = 30

    @Flag(help: "Mark the session cookie Secure (when the board is served behind HTTPS).")
    var secureCookies = false

    @Option(
        help:
            "A name the board is reached by (a proxy's), besides IP addresses and localhost; repeatable. Requests for any other name are refused."
    )
    var publicHost: [String] = []

    func validate() throws {
        guard Self.address(listen) != nil else {
            throw ValidationError("--listen '\(listen)': expected HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080")
        }
        for name in publicHost where name.isEmpty || name.contains(where: { !($0.isLetter || $0.isNumber || "-.".contains($0)) }) {
            throw ValidationError("--public-host '\(name)': expected a host name such as board.example.com")
        }
        guard (1...24 * 60).contains(sessionMinutes) else {
            throw ValidationError("--session-minutes \(sessionMinutes): expected 1 to 1440")
        }
    }

    /// `host:port` or `[v6]:port`.
    static func address(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else {
            return nil
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    func run() async throws {
        try await reportingErrors {
            let board = try BoardFiles.requiredBoard(members)
            let ring = KeyRing(environment: try CLIContext.environment())
            let trusted = try ring.trustedKeys(override: trustedKeys)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: evidence, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--evidence '\(evidence)': no such folder")
            }
            let (host, port) = Self.address(listen)!
            let withSecret = board.members.filter { $0.secretHash != nil }.count
            if withSecret == 0 {
                Console.err(
                    "patchlab: warning: no member of \(board.file) has a board secret, so nobody can sign in "
                        + "(add one with `patchlab board secret`)")
            }
            if !["127.0.0.1", "::1", "localhost"].contains(host) && !secureCookies {
                Console.err("patchlab: warning: listening on \(host) over plain HTTP: put it behind HTTPS and use --secure-cookies")
            }
            var settings = BoardSettings(
                evidence: evidence, board: board, trustedKeys: trusted, host: host, port: port,
                sessionLifetime: .seconds(sessionMinutes * 60), secureCookies: secureCookies)
            settings.publicHosts = publicHost
            let shown = host.contains(":") ? "[\(host)]" : host
            try await BoardServer(settings: settings).run(handleSignals: true) { port in
                Console.out(
                    "board: \(board.name), \(board.members.count) members (\(withSecret) can sign in), "
                        + "evidence \(evidence), on http://\(shown):\(port)/ (sessions last \(sessionMinutes) min)")
            }
        }
    }
}
