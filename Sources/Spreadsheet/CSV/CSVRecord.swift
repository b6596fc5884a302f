/// One CSV record as bytes, valid only inside ``CSVReader/forEachRecord(_:)``'s closure.
@frozen public struct CSVRecord {
    /// Tags a field's end when its bytes need decoding (doubled quotes, text after the closing quote).
    @usableFromInline static let needsDecoding = 1 << 62

    @usableFromInline let base: UnsafePointer<UInt8>
    /// Start and end of each field in `base`.
    @usableFromInline let spans: UnsafeBufferPointer<Int>
    /// The line of the file where the record starts (1-based).
    public let line: Int
    /// Zero-based record index (as ``Row/index``).
    public let index: Int

    /// Every field, empty ones included.
    @inlinable public var count: Int { spans.count / 2 }

    /// Field `k`'s bytes (UTF-8, quotes removed).
    @inlinable public func withField<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = spans[2 * k]
        let end = spans[2 * k + 1]
        if end & Self.needsDecoding == 0 {
            return try body(UnsafeBufferPointer(start: base + start, count: end - start))
        }
        let decoded = Self.decode(base, start, end & ~Self.needsDecoding)
        return try decoded.withUnsafeBufferPointer { try body($0) }
    }

    /// A quoted field's text from just after its opening quote: `""` is one quote, the closing quote
    /// is dropped and anything after it kept as is.
    @usableFromInline static func decode(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
        let quote = UInt8(ascii: "\"")
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var inQuotes = true
        var justClosed = false
        for i in start..<end {
            let b = p[i]
            if inQuotes {
                if b == quote {
                    inQuotes = false
                    justClosed = true
                } else {
                    out.append(b)
                }
            } else if justClosed {
                justClosed = false
                out.append(b)
                if b == quote { inQuotes = true }
            } else {
                out.append(b)
            }
        }
        return out
    }
}
