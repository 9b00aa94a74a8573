import Foundation
import Testing

@testable import PatchLabBoard

/// The board refuses a request holding a private key, in every form a member could paste one, and
/// takes a comment that merely speaks of one.
@Suite struct PrivateKeySnifferTests {
    @Test func aKeyInAnyFormIsFound() throws {
        let pem =
            "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHx0aGlzIGlzIG5vdCBhIHJlYWwga2V5IGF0IGFsbA==\n-----END PRIVATE KEY-----\n"
        let bodies = [
            try JSONSerialization.data(withJSONObject: ["comment": pem]),
            Data(#"{"comment":"-----BEGIN PRIVATE\u0020KEY-----"}"#.utf8),
            try JSONSerialization.data(withJSONObject: ["comment": "MC4CAQAwBQYDK2VwBCIEIHx0aGlzIGlzIG5vdCBhIHJlYWwga2V5IGF0IGFsbA=="]),
            Data("-----BEGIN OPENSSH PRIVATE KEY-----".utf8),
        ]
        for body in bodies { #expect(PrivateKeySniffer.holdsPrivateKey(body), "\(String(decoding: body, as: UTF8.self))") }
    }

    @Test func aCommentAboutAPrivateKeyIsNotOne() throws {
        for comment in ["this rotates the private key on db1 without a rollback", "PRIVATE KEY handling is out of scope"] {
            let body = try JSONSerialization.data(withJSONObject: ["decision": "reject", "comment": comment])
            #expect(!PrivateKeySniffer.holdsPrivateKey(body), "\(comment)")
        }
    }
}
