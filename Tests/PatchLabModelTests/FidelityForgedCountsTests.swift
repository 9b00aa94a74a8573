import Foundation
import PatchLabModel
import Testing

/// Counts in a fidelity record come from a packet's JSON: forged ones give a score of 0, never a
/// crash — counts that add up past Int.max included.
@Suite struct FidelityForgedCountsTests {
    @Test(arguments: [(Int.max, 1), (-1, 0), (1, Int.max)])
    func forgedCountsScoreZero(_ same: Int, _ different: Int) throws {
        let json =
            #"{"kind":"packages","same":\#(same),"different":\#(different),"missingInLab":0,"onlyInLab":0,"differences":[],"score":1}"#
        let dimension = try JSONDecoder().decode(FidelityDimension.self, from: Data(json.utf8))
        #expect(dimension.computedScore == 0)
    }
}
