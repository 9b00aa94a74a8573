import Foundation

/// Reading back the verdict a summary page states, for `packet verify`.
extension PacketSummaryHTML {
    /// The verdict the page states, when its `<meta name="patchlab:verdict">` and its banner's
    /// `data-verdict` say the same, each exactly once; nil otherwise (a page edited by hand, or
    /// not a summary at all).
    ///
    /// Only real tags are read: guest text on the page has `<` and `"` escaped, so no output can
    /// forge either statement.
    public static func statedVerdict(in html: String) -> String? {
        let tags = html.matches(of: /<[A-Za-z][^<>]*>/).map { String($0.output) }
        var metas: [String] = []
        var banners: [String] = []
        for tag in tags {
            let attributes = Self.attributes(of: tag)
            if tag.lowercased().hasPrefix("<meta"), attributes["name"] == verdictMeta, let content = attributes["content"] {
                metas.append(content)
            }
            if let verdict = attributes["data-verdict"] { banners.append(verdict) }
        }
        guard metas.count == 1, banners.count == 1, metas[0] == banners[0] else { return nil }
        return metas[0]
    }

    /// The double-quoted attributes of one tag, values unescaped.
    private static func attributes(of tag: String) -> [String: String] {
        var attributes: [String: String] = [:]
        for match in tag.matches(of: /\s([A-Za-z][A-Za-z0-9:_.-]*)="([^"]*)"/) {
            let name = String(match.output.1).lowercased()
            // A repeated attribute makes the tag ambiguous; keep the first, as an XML parser refuses
            // and a browser keeps the first.
            if attributes[name] == nil { attributes[name] = unescape(String(match.output.2)) }
        }
        return attributes
    }

    private static func unescape(_ value: String) -> String {
        value.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
