extension CSVReader {
    /// Picks the candidate that splits the first lines into the most consistent number (> 1) of fields.
    public static func detectDelimiter(_ sample: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]
        if sample.starts(with: Array("sep=".utf8)), sample.count > 4, candidates.contains(sample[4]) {
            return sample[4]
        }
        var counts = [[Int]](repeating: [], count: candidates.count)
        var current = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var lines = 0
        for b in sample {
            if b == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes && (b == 10 || b == 13) {
                for k in 0..<candidates.count { counts[k].append(current[k]) }
                current = [Int](repeating: 0, count: candidates.count)
                lines += 1
                if lines >= 30 { break }
            } else if !inQuotes, let k = candidates.firstIndex(of: b) {
                current[k] += 1
            }
        }
        if lines < 30 { for k in 0..<candidates.count { counts[k].append(current[k]) } }
        var best = candidates[0]
        var bestScore = 0
        for (k, perLine) in counts.enumerated() {
            let used = perLine.filter { $0 > 0 }
            guard !used.isEmpty else { continue }
            var frequency: [Int: Int] = [:]
            for c in used { frequency[c, default: 0] += 1 }
            guard
                let (mode, modeLines) = frequency.max(by: { a, b in
                    a.value < b.value || (a.value == b.value && a.key < b.key)
                })
            else { continue }
            // Lines agreeing on the mode count, weighted by how many fields that gives.
            let score = modeLines * 1000 + mode
            if score > bestScore {
                bestScore = score
                best = candidates[k]
            }
        }
        return best
    }
}
