import Foundation
@testable import PatchLabEvidence
import Testing

/// A decision made the way the board's clients make one: ask the API for the draft, sign it here
/// with the member's own key, file only the signed envelope. The two requests are returned so a
/// test can assert on either; the key is never in them.
extension RunningBoard {
    struct Decision {
        var draft: BoardClient.Answer
        var filed: BoardClient.Answer?
    }

    /// `fields`: the draft's JSON (`decision`, `conditions`, `comment`, `emergency`). `credentials`:
    /// a browser session (cookie) or an API token, each with its CSRF token.
    func decide(
        _ packet: BoardFixture.Packet, _ fields: [String: Any], key: SigningKey, cookie: String? = nil,
        token: String? = nil, csrf: String
    ) async throws -> Decision {
        var headers = BoardClient.credentials(cookie: cookie, token: token)
        headers["Content-Type"] = "application/json"
        headers["X-CSRF-Token"] = csrf
        let draft = try await client.send(
            "POST", "\(packet.api)/decision-drafts", headers: headers,
            body: try JSONSerialization.data(withJSONObject: fields))
        guard draft.status == 200 else { return Decision(draft: draft, filed: nil) }
        let json = try draft.json()
        let encoded = try #require(json["payload"] as? String)
        let payload = try #require(Data(base64Encoded: encoded))
        let envelope = try DSSEEnvelope.sign(payload: payload, payloadType: try #require(json["payloadType"] as? String), with: key)
        let filed = try await client.send("POST", "\(packet.api)/decisions", headers: headers, body: try envelope.encoded())
        return Decision(draft: draft, filed: filed)
    }
}
