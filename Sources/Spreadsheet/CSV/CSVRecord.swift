/// One CSV record as bytes, valid only inside ``CSVReader/forEachRecord(_:)``'s closure.
public struct CSVRecord {
    let bytes: UnsafeBufferPointer<UInt8>
    let ends: UnsafeBufferPointer<Int>
    let start: Int
    /// The line of the file where the record starts (1-based).
    public let line: Int
    /// Zero-based record index (as ``Row/index``).
    public let index: Int

    /// Every field, empty ones included.
    public var count: Int { ends.count }

    /// Field `k`'s bytes (UTF-8, quotes removed).
    public func withField<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let from = k == 0 ? start : ends[k - 1]
        return try body(UnsafeBufferPointer(rebasing: bytes[from..<ends[k]]))
    }
}
