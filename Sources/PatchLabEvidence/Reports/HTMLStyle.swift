/// The page report's style sheet, inline because the page must stand alone (no external resource,
/// and the Content-Security-Policy forbids loading one). Colours carry meaning twice: the verdict
/// and state are always also written in words, for print and for colour-blind readers.
enum HTMLStyle {
    /// The policy the page declares: nothing may load or run; only the inline style sheet applies.
    /// `base-uri` and `form-action` do not fall back to `default-src`, so they are named too.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    static let css = """
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; }
        h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
        h2 { font-size: 1.25rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.3rem; margin-top: 2.5rem; }
        h3 { font-size: 1.05rem; margin-top: 1.5rem; }
        .banner { border-radius: 8px; padding: 1rem 1.25rem; margin-bottom: 1.5rem; border: 2px solid; }
        .banner .verdict { font-size: 2rem; font-weight: 700; margin: 0; letter-spacing: 0.03em; }
        .banner p { margin: 0.25rem 0 0; }
        .go { background: #dafbe1; border-color: #1a7f37; color: #0f5323; }
        .go-with-warnings { background: #fff8c5; border-color: #bf8700; color: #6a4a00; }
        .no-go { background: #ffebe9; border-color: #cf222e; color: #82071e; }
        .counts { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; margin: 0.75rem 0 0; }
        .counts li { background: #ffffffb0; border-radius: 999px; padding: 0.1rem 0.7rem; color: #1f2328; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0.75rem 0; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
        th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #f6f8fa; }
        td.number { text-align: right; white-space: nowrap; }
        .state { font-weight: 700; white-space: nowrap; }
        .state-passed { color: #1a7f37; }
        .state-failed, .state-error, .state-timed-out { color: #cf222e; }
        .state-skipped { color: #57606a; }
        .state-waived { color: #9a6700; }
        .outcome-passed { background: #f0fff4; }
        .outcome-failed { background: #fff5f5; }
        article.case { border: 1px solid #d0d7de; border-left-width: 6px; border-radius: 6px; padding: 0.25rem 1rem 0.5rem; margin: 1rem 0; }
        article.case.failed, article.case.error, article.case.timed-out { border-left-color: #cf222e; }
        article.case.waived { border-left-color: #bf8700; }
        article.case.skipped { border-left-color: #8c959f; }
        code, pre { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.6rem 0.8rem; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 30rem; overflow: auto; }
        .muted { color: #57606a; }
        @media print { pre { max-height: none; } .banner { break-inside: avoid; } article.case { break-inside: avoid; } }
        """
}
