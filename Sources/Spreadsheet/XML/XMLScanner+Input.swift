#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Input: pulling chunks into the buffer and checking that their bytes are XML text (UTF-8 of XML
/// characters) before they are scanned.
extension XMLScanner {
    /// Pulls the next chunk (after handing over finished rows); false at the end of the input.
    func fill() throws -> Bool {
        if eof { return false }
        if events > 0, let budget {
            let spent = events
            events = 0
            if let problem = budget.charge(bytes: 0, events: spent) {
                throw SpreadsheetError(file: file, problem: problem)
            }
        }
        // The scan reached a byte that is not text.
        if stoppedAtNonText { throw fail(Self.notText, at: end) }
        if let beforeRead, !beforeRead() { throw Stop() }
        // Keep only what is not scanned yet.
        if pos > 0 {
            let keep = filled - pos
            if keep > 0 { memmove(buffer, buffer + pos, keep) }
            end -= pos
            filled -= pos
            pos = 0
        }
        var chunk: [UInt8]?
        repeat { chunk = try source?() } while chunk?.isEmpty == true
        guard let chunk else {
            eof = true
            if filled > end { throw fail(Self.notText, at: end) }
            return false
        }
        input.reserve(filled + chunk.count, keeping: filled)
        chunk.withUnsafeBufferPointer { c in
            if let base = c.baseAddress { (buffer + filled).update(from: base, count: c.count) }
        }
        filled += chunk.count
        check()
        return true
    }

    /// Checks [end, filled): UTF-8 made of XML characters (tab, line feed, carriage return, U+0020
    /// up, no surrogates, no U+FFFE or U+FFFF), leaving a sequence the chunk cut for the next one.
    /// The first byte that is not text stops the check there (`notText`): the scan reports it when it
    /// gets that far, so that an earlier problem (a `<!DOCTYPE`, a wrong tag) is the one reported, as
    /// libxml2 does.
    func check() {
        let b = buffer
        var i = end
        let n = filled
        while i < n {
            if i + 8 <= n {
                let w = UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0 {
                    // Eight ASCII bytes: any below 0x20?
                    if (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080 != 0 {
                        for k in i..<(i + 8) where b[k] < 0x20 {
                            if b[k] == 0x0A {
                                newlines += 1
                            } else if b[k] != 0x09 && b[k] != 0x0D {
                                return stop(at: k)
                            }
                        }
                    }
                    i += 8
                    continue
                }
            }
            let c = b[i]
            if c < 0x80 {
                if c < 0x20 {
                    if c == 0x0A {
                        newlines += 1
                    } else if c != 0x09 && c != 0x0D {
                        return stop(at: i)
                    }
                }
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xED:
                length = 3
                high = 0x9F
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return stop(at: i)
            }
            if i + length > n {
                // Cut by the chunk: checked with the next one (or refused at the end).
                if eof { return stop(at: i) }
                break
            }
            guard b[i + 1] >= low && b[i + 1] <= high else { return stop(at: i) }
            for k in 2..<length where b[i + k] & 0xC0 != 0x80 { return stop(at: i) }
            // U+FFFE and U+FFFF are not XML characters.
            if c == 0xEF && b[i + 1] == 0xBF && b[i + 2] >= 0xBE { return stop(at: i) }
            i += length
        }
        end = i
    }

    func stop(at k: Int) {
        end = k
        stoppedAtNonText = true
    }
}
