import Foundation
import Testing

@testable import PatchLabEvidence

/// The strict reading of signed JSON: one value per key, escapes exactly as JSON writes them.
@Suite struct StrictJSONTests {
    @Test(arguments: [#"{"a":1}"#, #"{"a":"\u0041\u00e9\ud83d\ude00"}"#, #"[{"a":1},{"a":2}]"#])
    func wellFormedJSONPasses(_ text: String) throws {
        try StrictJSON.check(Data(text.utf8))
    }

    @Test(arguments: [#"{"a":1,"a":2}"#, #"{"a":"\u+064"}"#, #"{"a":"\u-064"}"#, #"{"a":"\u00g1"}"#, #"{"a":"\u12"}"#])
    func anythingLooserIsRefused(_ text: String) {
        #expect(throws: StrictJSON.Problem.self) { try StrictJSON.check(Data(text.utf8)) }
    }
}
