import Foundation
import Testing
@testable import PatchLabEvidence

@Suite struct PAETests {
    @Test func matchesTheSpecExample() {
        let pae = DSSEEnvelope.pae(payloadType: "http://example.com/HelloWorld", payload: Data("hello world".utf8))
        #expect(pae == Data("DSSEv1 29 http://example.com/HelloWorld 11 hello world".utf8))
    }

    @Test func countsBytesNotCharacters() {
        // "tëst" is 4 characters but 5 bytes; "héllo wörld ✓" is 13 characters but 17 bytes.
        let pae = DSSEEnvelope.pae(payloadType: "application/vnd.tëst", payload: Data("héllo wörld ✓".utf8))
        #expect(pae == Data("DSSEv1 21 application/vnd.tëst 17 héllo wörld ✓".utf8))
    }

    @Test func keepsBinaryAndEmptyPayloadsExactly() {
        let binary = Data([0x00, 0x20, 0xff, 0x0a])
        #expect(DSSEEnvelope.pae(payloadType: "t", payload: binary) == Data("DSSEv1 1 t 4 ".utf8) + binary)
        #expect(DSSEEnvelope.pae(payloadType: "", payload: Data()) == Data("DSSEv1 0  0 ".utf8))
    }
}
