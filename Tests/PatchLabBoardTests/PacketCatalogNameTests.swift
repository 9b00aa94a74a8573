@testable import PatchLabBoard
import Testing

/// The names the board takes in a packet's URL: a change id or a run id as PatchLab makes them, and
/// nothing a regular expression's `$` would let through (a final newline).
@Suite struct PacketCatalogNameTests {
    @Test(arguments: ["CHG-0042", "run-20260101-100000-ab12", "a", "A.b_c-9", String(repeating: "x", count: 128)])
    func runAndChangeIdsAreTaken(_ name: String) {
        #expect(PacketCatalog.isSafeName(name))
    }

    @Test(arguments: [
        "", "CHG-0042\n", "\nCHG-0042", "-rf", ".hidden", "a..b", "a/b", "a b", "é", "ｃｈｇ",
        String(repeating: "x", count: 129), "CHG-0042\u{0}",
    ])
    func anythingElseIsRefused(_ name: String) {
        #expect(!PacketCatalog.isSafeName(name))
    }
}
