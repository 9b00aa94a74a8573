/// The packet summary's additions to the report style sheet: the rollback proof's own banner, the
/// table of contents and file lists. Inline like the rest, because the page must stand alone.
enum PacketSummaryStyle {
    static let css =
        HTMLStyle.css + "\n" + """
            .banner ul.reasons { margin: 0.5rem 0 0; padding-left: 1.25rem; }
            .banner ul.reasons li { margin: 0.15rem 0; }
            .proof { border-radius: 8px; padding: 0.6rem 1rem; border: 2px solid; font-weight: 700; font-size: 1.2rem; }
            .proof.proven { background: #dafbe1; border-color: #1a7f37; color: #0f5323; }
            .proof.not-proven, .proof.not-rehearsed { background: #ffebe9; border-color: #cf222e; color: #82071e; }
            nav.contents ol { columns: 2; margin: 0.5rem 0; }
            ul.files { margin: 0.25rem 0; padding-left: 1.25rem; }
            ul.diff { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            td code { overflow-wrap: anywhere; }
            td.patch-verdict { font-weight: 700; }
            td.patch-verdict.safe { color: #1a7f37; }
            td.patch-verdict.culprit { color: #cf222e; }
            td.patch-verdict.not-cleared, td.patch-verdict.not-applied { color: #9a6700; }
            li.start.differs { color: #82071e; font-weight: 700; }
            p.fidelity { font-weight: 700; }
            """
}
