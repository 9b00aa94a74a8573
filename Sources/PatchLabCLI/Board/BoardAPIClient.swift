import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import ArgumentParser
import PatchLabEvidence

/// The board's JSON API as `patchlab approve --board` uses it: sign in, ask for the draft of a
/// decision, file the record signed here, sign out. The private key stays in this process; only the
/// signed record goes over the wire.
struct BoardAPIClient {
    struct Session {
        var token: String
        var csrf: String
    }

    struct Problem: Error, CustomStringConvertible {
        var status: Int
        var message: String
        var description: String { "the board answered \(status): \(message)" }
    }

    let base: URL
    private let transport: BoardTransport

    init(_ address: String, deadline: Duration = BoardTransport.defaultDeadline) throws {
        transport = BoardTransport(deadline: deadline)
        guard let url = URL(string: address.hasSuffix("/") ? String(address.dropLast()) : address),
            let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil
        else {
            throw ValidationError("--board \(address): expected the board's URL, e.g. http://127.0.0.1:8080")
        }
        base = url
    }

    func signIn(member: String, secret: String) async throws -> Session {
        struct Answer: Decodable { var token: String; var csrfToken: String }
        let answer: Answer = try await send("POST", "/api/sign-in", json: ["member": member, "secret": secret], session: nil)
        return Session(token: answer.token, csrf: answer.csrfToken)
    }

    func signOut(_ session: Session) async {
        _ = try? await raw("POST", "/api/sign-out", body: nil, session: session)
        transport.finish()
    }

    func draft(change: String, run: String, input: [String: Any], session: Session) async throws -> (
        payloadType: String, payload: Data, keyid: String
    ) {
        struct Answer: Decodable { var payloadType: String; var payload: String; var keyid: String }
        let answer: Answer = try await send("POST", "/api/packets/\(change)/\(run)/decision-drafts", json: input, session: session)
        guard let payload = Data(base64Encoded: answer.payload) else {
            throw Problem(status: 200, message: "the draft's payload is not base64")
        }
        return (answer.payloadType, payload, answer.keyid)
    }

    func file(change: String, run: String, envelope: DSSEEnvelope, session: Session) async throws -> (
        path: String, state: String, summary: String
    ) {
        struct Answer: Decodable {
            struct Decision: Decodable { var path: String }
            struct Packet: Decodable { var state: String; var summary: String }
            var decision: Decision
            var packet: Packet
        }
        let (status, data) = try await raw(
            "POST", "/api/packets/\(change)/\(run)/decisions", body: try envelope.encoded(), session: session)
        guard status == 201 else { throw Self.problem(status, data) }
        let answer = try JSONDecoder().decode(Answer.self, from: data)
        return (answer.decision.path, answer.packet.state, answer.packet.summary)
    }

    /// A file of the packet as the board serves it (`/packets/CHANGE/RUN/files/PATH`).
    func packetFile(change: String, run: String, path: String, session: Session) async throws -> Data {
        let (status, data) = try await raw("GET", "/packets/\(change)/\(run)/files/\(path)", body: nil, session: session)
        guard status == 200 else { throw Self.problem(status, data) }
        return data
    }

    private func send<T: Decodable>(_ method: String, _ path: String, json: [String: Any], session: Session?) async throws -> T {
        let (status, data) = try await raw(method, path, body: try JSONSerialization.data(withJSONObject: json), session: session)
        guard (200..<300).contains(status) else { throw Self.problem(status, data) }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw Problem(status: status, message: "not the answer expected from a PatchLab board")
        }
    }

    private func raw(_ method: String, _ path: String, body: Data?, session: Session?) async throws -> (Int, Data) {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = method
        if method != "GET" { request.httpBody = body }
        request.timeoutInterval = 60
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let session {
            request.setValue("Bearer \(session.token)", forHTTPHeaderField: "Authorization")
            request.setValue(session.csrf, forHTTPHeaderField: "X-CSRF-Token")
        }
        return try await transport.send(request)
    }

    private static func problem(_ status: Int, _ data: Data) -> Problem {
        struct Answer: Decodable { var error: String }
        let message = (try? JSONDecoder().decode(Answer.self, from: data))?.error ?? String(decoding: data.prefix(300), as: UTF8.self)
        return Problem(status: status, message: message)
    }
}
