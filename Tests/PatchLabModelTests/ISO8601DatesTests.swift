import Foundation
import PatchLabModel
import Testing

/// Times PatchLab writes read back as the same time, and write again as the same text: every
/// millisecond of a second, with sub-millisecond noise either side, before 1970 and after 2038.
@Suite struct ISO8601DatesTests {
    @Test(arguments: [817_747_943.0, 0, -978_307_195, 1_700_000_000, 4_000_000_000])
    func aWrittenTimeReadsBackAndWritesAgainAsTheSameText(_ base: TimeInterval) throws {
        for millisecond in 0..<1000 {
            for noise in [0, 0.000_000_4, -0.000_000_4, 0.000_123_4] {
                let text = ISO8601Dates.format(Date(timeIntervalSince1970: base + Double(millisecond) / 1000 + noise))
                #expect(text.hasSuffix(String(format: ".%03dZ", millisecond)), "\(text) for millisecond \(millisecond)")
                let read = try #require(ISO8601Dates.parse(text))
                #expect(ISO8601Dates.format(read) == text)
            }
        }
    }

    /// Foundation's own formatter fails exactly this (it truncates): the failure the function exists for.
    @Test func foundationsFormatterAloneWouldNotHold() throws {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let drifting = (0..<1000).filter { millisecond in
            let text = Date(timeIntervalSince1970: 1_764_519_143 + Double(millisecond) / 1000).formatted(style)
            return (try? Date(text, strategy: style))?.formatted(style) != text
        }
        #expect(!drifting.isEmpty, "if Foundation rounds one day, ISO8601Dates.format can go back to it")
    }
}
