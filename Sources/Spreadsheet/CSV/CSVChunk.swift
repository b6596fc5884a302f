/// A chunk of a CSV file as UTF-8 and the records parsed from it: each field is a span of the
/// buffer (never copied). A record cut by the chunk's end stays after `parsePosition` and is moved
/// to the front of the next chunk.
final class CSVChunk: @unchecked Sendable {
    /// A parsed record: its fields are `spans[2 * firstField ..< 2 * (firstField + count)]`.
    struct Record {
        var firstField: Int
        var count: Int
        var line: Int
        var index: Int
    }

    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes of `buffer` holding text; the bytes from `parsePosition` belong to the next chunk.
    var filled = 0
    var parsePosition = 0
    /// Start and end of each field, the end tagged with ``CSVRecord/needsDecoding`` when the field
    /// has doubled quotes or text after its closing quote.
    var spans: [Int] = []
    var records: [Record] = []

    init(capacity: Int) {
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Empties the chunk, starting it with the unparsed tail of `previous` (possibly itself).
    func start(after previous: CSVChunk?) {
        var keep = 0
        if let previous {
            keep = previous.filled - previous.parsePosition
            if keep > capacity { grow(to: keep * 2) }
            if keep > 0 { buffer.update(from: previous.buffer + previous.parsePosition, count: keep) }
        }
        filled = keep
        parsePosition = 0
        spans.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
    }

    /// Makes room for at least `size` bytes, keeping the text.
    func grow(to size: Int) {
        guard size > capacity else { return }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        bigger.update(from: buffer, count: filled)
        buffer.deallocate()
        buffer = bigger
        capacity = size
    }

    func record(_ k: Int) -> CSVRecord {
        let r = records[k]
        return spans.withUnsafeBufferPointer { s in
            CSVRecord(
                base: UnsafePointer(buffer),
                spans: UnsafeBufferPointer(rebasing: s[(2 * r.firstField)..<(2 * (r.firstField + r.count))]),
                line: r.line, index: r.index)
        }
    }
}
