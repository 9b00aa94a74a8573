import Foundation
import Testing
@testable import PatchLabEvidence

@Suite struct DSSEEnvelopeJSONTests {
    /// Bytes whose standard base64 uses '+' and '/', where URL-safe base64 would use '-' and '_'.
    let payload = Data([0xfb, 0xef, 0xbf, 0xff])
    let sig = Data([0xff, 0xfe, 0xfd])
    var envelope: DSSEEnvelope {
        DSSEEnvelope(
            payloadType: "https://example.com/Type/v1", payload: payload,
            signatures: [.init(keyid: "abc123", sig: sig)])
    }

    @Test func writesTheSpecFieldNamesWithStandardBase64() throws {
        let text = String(decoding: try envelope.encoded(), as: UTF8.self)
        // Sorted keys, pretty printed, slashes as themselves.
        #expect(
            text == """
                {
                  "payload" : "+++//w==",
                  "payloadType" : "https://example.com/Type/v1",
                  "signatures" : [
                    {
                      "keyid" : "abc123",
                      "sig" : "//79"
                    }
                  ]
                }

                """)
        let object = try #require(try JSONSerialization.jsonObject(with: envelope.encoded()) as? [String: Any])
        #expect(Set(object.keys) == ["payload", "payloadType", "signatures"])
        #expect(object["payload"] as? String == "+++//w==")
        let signature = try #require((object["signatures"] as? [[String: Any]])?.first)
        #expect(Set(signature.keys) == ["keyid", "sig"])
        #expect(signature["sig"] as? String == "//79")
    }

    @Test func readsBackWhatItWrites() throws {
        #expect(try DSSEEnvelope.decode(envelope.encoded()) == envelope)
    }

    @Test func readsURLSafeUnpaddedBase64AndAMissingKeyID() throws {
        let json = #"{"payload": "---__w", "payloadType": "t", "signatures": [{"sig": "__79"}], "extra": 1}"#
        let decoded = try DSSEEnvelope.decode(Data(json.utf8))
        #expect(decoded.payload == payload)
        #expect(decoded.signatures == [.init(keyid: "", sig: sig)])
    }

    @Test func saysWhatIsWrongWithSomethingElse() throws {
        func message(_ json: String) -> String {
            do {
                _ = try DSSEEnvelope.decode(Data(json.utf8))
                return "decoded"
            } catch {
                return String(describing: error)
            }
        }
        #expect(message("not json") == "not a DSSE envelope: not JSON")
        #expect(message("[]") == "not a DSSE envelope: expected a JSON object with payloadType, payload and signatures")
        #expect(
            message(#"{"_type": "https://in-toto.io/Statement/v1", "subject": []}"#)
                == "not a DSSE envelope: missing field 'payloadType'")
        #expect(
            message(#"{"payloadType": "t", "payload": "", "signatures": [{"sig": "AA=="}, {"sig": "*"}]}"#)
                == "not a DSSE envelope: 'signatures[1].sig' is not base64")
        #expect(
            message(#"{"payloadType": "t", "payload": "%%", "signatures": []}"#)
                == "not a DSSE envelope: 'payload' is not base64")
        #expect(message(#"{"payloadType": "t", "payload": ""}"#) == "not a DSSE envelope: missing field 'signatures'")
    }
}
