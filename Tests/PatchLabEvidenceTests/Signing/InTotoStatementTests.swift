import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence

@Suite struct InTotoStatementTests {
    let planFile = Data("name: kernel-update\n".utf8)

    var statement: InTotoStatement<TestResultPredicate> {
        InTotoStatement(
            subject: [ResourceDescriptor(name: "packet/results.json", digest: ["sha256": String(repeating: "ab", count: 32)])],
            predicate: TestResultPredicate(
                result: .warned,
                configuration: [.describing(planFile, name: "plans/kernel.yaml", mediaType: "application/yaml")],
                passedTests: ["web/http-200"], warnedTests: ["db/replication-lag"]))
    }

    func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func writesTheStatementAndPredicateFieldNames() throws {
        let json = try object(statement.encoded())
        #expect(Set(json.keys) == ["_type", "subject", "predicateType", "predicate"])
        #expect(json["_type"] as? String == "https://in-toto.io/Statement/v1")
        #expect(json["predicateType"] as? String == "https://in-toto.io/attestation/test-result/v0.1")

        let subject = try #require((json["subject"] as? [[String: Any]])?.first)
        #expect(Set(subject.keys) == ["name", "digest"])
        #expect(subject["digest"] as? [String: String] == ["sha256": String(repeating: "ab", count: 32)])

        let predicate = try #require(json["predicate"] as? [String: Any])
        #expect(Set(predicate.keys) == ["result", "configuration", "passedTests", "warnedTests", "failedTests"])
        #expect(predicate["result"] as? String == "WARNED")
        #expect(predicate["failedTests"] as? [String] == [])
        let configuration = try #require((predicate["configuration"] as? [[String: Any]])?.first)
        #expect(Set(configuration.keys) == ["name", "digest", "mediaType"])
        // sha256 of "name: kernel-update\n", computed with sha256sum.
        #expect(
            configuration["digest"] as? [String: String]
                == ["sha256": "963b0e38b3793e15dacfa6d90b25e4d7a15815034d63601138fb9c009541d7c0"])

        var withURL = statement
        withURL.predicate.url = "https://ci.example/runs/7"
        let text = String(decoding: try withURL.encoded(), as: UTF8.self)
        #expect(text.contains(#""url":"https://ci.example/runs/7""#))
        // Sorted keys, so the signed bytes are the same every time.
        #expect(text.hasPrefix(#"{"_type":"https://in-toto.io/Statement/v1","predicate":{"configuration":"#))
    }

    @Test func readsAStatementOfTheSpecsShape() throws {
        let json = """
            {
              "_type": "https://in-toto.io/Statement/v1",
              "subject": [{"digest": {"gitCommit": "0123456789abcdef0123456789abcdef01234567"}}],
              "predicateType": "https://in-toto.io/attestation/test-result/v0.1",
              "predicate": {
                "result": "FAILED",
                "configuration": [{"name": "ci.yml", "downloadLocation": "https://example.com/ci.yml",
                                   "digest": {"gitBlob": "89abcdef0123456789abcdef0123456789abcdef"},
                                   "annotations": {"reviewed": true, "runs": 3}}],
                "url": "https://example.com/runs/1",
                "failedTests": ["unit (linux)"]
              }
            }
            """
        let statement = try InTotoStatement<TestResultPredicate>.decode(
            Data(json.utf8),
            predicateType: TestResultPredicate.predicateType)
        #expect(statement.subject == [ResourceDescriptor(digest: ["gitCommit": "0123456789abcdef0123456789abcdef01234567"])])
        #expect(statement.predicate.result == .failed)
        #expect(statement.predicate.failedTests == ["unit (linux)"])
        #expect(statement.predicate.passedTests == [])
        #expect(statement.predicate.configuration[0].downloadLocation == "https://example.com/ci.yml")
        #expect(statement.predicate.configuration[0].annotations == ["reviewed": .bool(true), "runs": .number(3)])
        // And back: what was read is written again.
        let again = try InTotoStatement<TestResultPredicate>.decode(statement.encoded())
        #expect(again.predicate == statement.predicate)
    }

    @Test func refusesAnotherTypeOrPredicate() throws {
        var text = String(decoding: try statement.encoded(), as: UTF8.self)
        #expect(throws: DecodingError.self) {
            try InTotoStatement<TestResultPredicate>.decode(Data(text.utf8), predicateType: "https://slsa.dev/provenance/v1")
        }
        text = text.replacingOccurrences(of: "Statement/v1", with: "Statement/v0.1")
        #expect(throws: DecodingError.self) { try InTotoStatement<TestResultPredicate>.decode(Data(text.utf8)) }
    }

    @Test func leavesOutUnsetDescriptorFields() throws {
        let descriptor = ResourceDescriptor(uri: "https://example.com/image", digest: [:])
        #expect(String(decoding: try JSONEncoder().encode(descriptor), as: UTF8.self) == #"{"uri":"https:\/\/example.com\/image"}"#)
        let full = ResourceDescriptor(
            name: "n", uri: "u", digest: ["sha256": "00"], content: Data([1, 2]),
            downloadLocation: "d", mediaType: "m", annotations: ["k": .string("v")])
        let keys = try object(JSONEncoder().encode(full)).keys
        #expect(Set(keys) == ["name", "uri", "digest", "content", "downloadLocation", "mediaType", "annotations"])
        #expect(try JSONDecoder().decode(ResourceDescriptor.self, from: JSONEncoder().encode(full)) == full)
    }

    @Test func signsAsAnInTotoEnvelope() throws {
        let key = SigningKey.generate()
        let envelope = try statement.signed(with: key)
        #expect(envelope.payloadType == "application/vnd.in-toto+json")
        #expect(try envelope.verify(with: TrustedKeys([key.publicKey])) == key.publicKey)
        let read = try InTotoStatement<TestResultPredicate>.decode(envelope.payload)
        #expect(read.predicate == statement.predicate)
        #expect(read.subject == statement.subject)
    }
}
