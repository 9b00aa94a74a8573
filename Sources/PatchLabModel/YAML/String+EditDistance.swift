extension String {
    /// Levenshtein distance, for "did you mean" hints on near-miss keys and values.
    func editDistance(to other: String) -> Int {
        let a = Array(self), b = Array(other)
        return Self.editDistance(a, b, atMost: Swift.max(a.count, b.count))!
    }

    /// The Levenshtein distance when it is at most `limit`, else nil. Only the diagonal band of
    /// 2·limit+1 cells per row can hold such a distance, so two names of a megabyte each cost a few
    /// million steps rather than the product of their lengths (which hung the loader).
    static func editDistance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return Swift.max(a.count, b.count) }
        let outside = limit + 1
        var previous = (0...b.count).map { $0 <= limit ? $0 : outside }
        var current = [Int](repeating: outside, count: b.count + 1)
        for i in 1...a.count {
            let low = Swift.max(1, i - limit), high = Swift.min(b.count, i + limit)
            current[0] = i <= limit ? i : outside
            if low > 1 { current[low - 1] = outside }
            var best = current[0]
            if low <= high {
                for j in low...high {
                    let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                    current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, substitution, outside)
                    best = Swift.min(best, current[j])
                }
            }
            if high < b.count { current[high + 1] = outside }
            if best > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// The closest candidate within two edits, if any; ties go to the earlier candidate so the hint is
    /// stable. A candidate must also be closer than the word is long, or `ab` would "mean" `os`.
    func closest(among candidates: [String]) -> String? {
        let word = Array(self)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate)
            guard let distance = Self.editDistance(word, other, atMost: 2),
                distance < word.count, distance < other.count
            else { continue }
            if best == nil || distance < best!.distance {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// `; did you mean 'x'?` or nothing, ready to append to a message.
    func didYouMeanSuffix(among candidates: [String]) -> String {
        closest(among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
