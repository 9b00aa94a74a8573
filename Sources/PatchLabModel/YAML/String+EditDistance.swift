extension String {
    /// Levenshtein distance, for "did you mean" hints on near-miss keys and values.
    func editDistance(to other: String) -> Int {
        let a = Array(self), b = Array(other)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The closest candidate within two edits, if any; ties go to the earlier candidate so the hint is
    /// stable. A candidate must also be closer than the word is long, or `ab` would "mean" `os`.
    func closest(among candidates: [String]) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(to: candidate)
            guard distance <= 2, distance < count, distance < candidate.count else { continue }
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
