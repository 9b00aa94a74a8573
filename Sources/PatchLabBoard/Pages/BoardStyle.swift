/// The board's style sheet, served from `/board.css` so the pages' policy can forbid inline style
/// as well as script. Verdicts and states are always written in words too; colour only repeats them.
enum BoardStyle {
    static let css = """
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 0; background: #f6f8fa; }
        header.top { background: #24292f; color: #fff; padding: 0.6rem 1.5rem; display: flex; align-items: center; gap: 1rem; }
        header.top a { color: #fff; text-decoration: none; font-weight: 600; }
        header.top .who { margin-left: auto; }
        header.top form { display: inline; }
        main { max-width: 76rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        h1 { font-size: 1.5rem; margin: 0.75rem 0 1rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.2rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.3rem; margin-top: 2rem; }
        table { border-collapse: collapse; width: 100%; background: #fff; margin: 0.5rem 0 1rem; }
        th, td { border: 1px solid #d0d7de; padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #eaeef2; white-space: nowrap; }
        td a, td.type-normal, td.type-standard, td.type-emergency { white-space: nowrap; }
        td.number { text-align: right; white-space: nowrap; }
        .verdict { font-weight: 700; white-space: nowrap; }
        .verdict.go { color: #1a7f37; } .verdict.go-with-warnings { color: #9a6700; } .verdict.no-go { color: #cf222e; }
        .type-emergency { font-weight: 700; color: #cf222e; }
        .banner { border-radius: 8px; padding: 0.8rem 1.2rem; border: 2px solid #d0d7de; background: #fff; }
        .banner.no-go { border-color: #cf222e; background: #ffebe9; }
        .banner.go { border-color: #1a7f37; background: #dafbe1; }
        .banner.go-with-warnings { border-color: #bf8700; background: #fff8c5; }
        .banner .big { font-size: 1.8rem; font-weight: 700; margin: 0; }
        .state { font-weight: 700; }
        .state.approved, .state.pre-approved { color: #1a7f37; } .state.rejected { color: #cf222e; } .state.deferred { color: #9a6700; }
        .state.safe { color: #1a7f37; } .state.culprit { color: #cf222e; } .state.not-cleared, .state.not-applied { color: #9a6700; }
        .notice { border-left: 4px solid #0969da; background: #ddf4ff; padding: 0.6rem 1rem; margin: 1rem 0; }
        .problem { border-left: 4px solid #cf222e; background: #ffebe9; padding: 0.6rem 1rem; margin: 1rem 0; }
        .muted { color: #57606a; }
        form.decide, form.signin { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 1rem 1.2rem; max-width: 48rem; }
        form label { display: block; font-weight: 600; margin-top: 0.8rem; }
        form input[type=text], form input[type=password], form select, form textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 0.35rem; }
        form textarea.key { font-family: ui-monospace, monospace; font-size: 0.85rem; }
        fieldset { border: 1px solid #d0d7de; margin-top: 1rem; }
        button { font: inherit; padding: 0.4rem 1rem; margin-top: 1rem; cursor: pointer; }
        header.top button { margin: 0; padding: 0.2rem 0.7rem; }
        iframe.summary { width: 100%; height: 60rem; border: 1px solid #d0d7de; background: #fff; }
        ul.files { columns: 2; font-family: ui-monospace, monospace; font-size: 0.85rem; }
        """
}
