import Testing
@testable import PatchLabEvidence

@Suite struct ReportTextTests {
    @Test func controlsBecomeVisible() {
        #expect(ReportText.visible("\u{1B}[31mred\u{1B}[0m") == "␛[31mred␛[0m")
        #expect(ReportText.visible("a\u{0}b\u{7}c\u{7F}") == "a␀b␇c␡")
        #expect(ReportText.visible("one\r\ntwo\rthree\nfour\tfive") == "one\ntwo\nthree\nfour\tfive")
        #expect(ReportText.visible("csi\u{9B}31m") == "csi\\u{9B}31m")
        #expect(ReportText.visible("abc\u{202E}fed") == "abc\\u{202E}fed")
        #expect(ReportText.visible("x\u{FFFE}") == "x\u{FFFD}")
        #expect(ReportText.visible("plain ünïcødé ✓") == "plain ünïcødé ✓")
    }

    @Test func xmlEscapesMarkupAndKeepsAttributesExact() {
        #expect(ReportText.xml("<a href='x'>&\"]]></a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;]]&gt;&lt;/a&gt;")
        #expect(ReportText.xml("a\nb\tc") == "a\nb\tc")
        #expect(ReportText.xmlAttribute("a\nb\tc") == "a&#10;b&#9;c")
        #expect(ReportText.xml("\u{0}\u{1B}") == "␀␛")
    }

    @Test func markdownEscapesSyntaxAndBlocks() {
        #expect(
            ReportText.markdown("a|b *c* _d_ <e> [f](g) `h` \\ & # ~")
                == "a\\|b \\*c\\* \\_d\\_ \\<e\\> \\[f\\](g) \\`h\\` \\\\ \\& \\# \\~")
        #expect(ReportText.markdown("one\ntwo") == "one<br>two")
        #expect(ReportText.markdown("- item") == "\\- item")
        #expect(ReportText.markdown("+ item") == "\\+ item")
        #expect(ReportText.markdown("12. item") == "12\\. item")
        #expect(ReportText.markdown("---") == "\\---")
        #expect(ReportText.markdown("    indented") == "indented")
        // Not a block marker: left readable.
        #expect(ReportText.markdown("1.0") == "1.0")
        #expect(ReportText.markdown("-t is clean") == "-t is clean")
        #expect(ReportText.markdownCell("") == "–")
    }

    @Test func codeSpansOutgrowTheirContent() {
        #expect(ReportText.markdownCode("plain") == "`plain`")
        #expect(ReportText.markdownCode("a ``b`` c") == "```a ``b`` c```")
        #expect(ReportText.markdownCode("`edge`") == "`` `edge` ``")
        #expect(ReportText.markdownCode("a|b") == "`a|b`")
        #expect(ReportText.markdownCode("a|b", inTable: true) == "`a\\|b`")
        #expect(ReportText.markdownCode("one\ntwo") == "`one␤two`")
        #expect(ReportText.markdownCode("") == "*(empty)*")
    }

    @Test func fencesCannotBeClosedByTheirContent() {
        #expect(ReportText.markdownFence("plain\n") == "```text\nplain\n```\n")
        #expect(ReportText.markdownFence("```\nrm -rf /\n```") == "````text\n```\nrm -rf /\n```\n````\n")
        #expect(ReportText.markdownFence("\u{1B}[1m", info: "") == "```\n␛[1m\n```\n")
    }
}
