/// An A1-style cell reference such as `E12`, bounded by Excel's `XFD1048576`.
///
/// ```swift
/// let ref = try CellReference(parsing: "E12")
/// print(ref.row, ref.column, ref.a1)  // 11 4 E12
/// ```
public struct CellReference: Sendable, Hashable, CustomStringConvertible {
    /// Excel's last column (XFD) as a count.
    public static let maxColumns = 16_384
    /// Excel's last row as a count.
    public static let maxRows = 1_048_576

    /// Zero-based row index.
    public var row: Int
    /// Zero-based column index.
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `E12`, `$E$12`, `e12`. Throws ``ReferenceError`` when malformed or past `XFD1048576`.
    public init(parsing text: String) throws(ReferenceError) {
        var bytes = Array(text.utf8)
        bytes.removeAll { $0 == UInt8(ascii: "$") }
        guard let parsed = bytes.withUnsafeBufferPointer({ Self.parse($0) }) else { throw ReferenceError(text: text) }
        self = parsed
    }

    /// The reference as Excel writes it, e.g. `E12`.
    public var a1: String { Self.columnName(column) + String(row + 1) }
    public var description: String { a1 }

    /// `0 → A`, `25 → Z`, `26 → AA`.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var chars: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            chars.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(chars.reversed())
    }

    /// Parses letters then digits from raw bytes; nil if malformed or out of Excel's grid.
    /// A reference with letters only (no row) yields row -1.
    @inline(__always)
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CellReference? {
        var column = 0
        var i = bytes.startIndex
        var letters = 0
        while i < bytes.endIndex {
            var b = bytes[i]
            if b >= 97 && b <= 122 { b -= 32 }
            guard b >= 65 && b <= 90 else { break }
            column = column * 26 + Int(b - 64)
            letters += 1
            if letters > 3 { return nil }
            i += 1
        }
        guard letters > 0, column <= maxColumns else { return nil }
        var row = 0
        var digits = 0
        while i < bytes.endIndex {
            let b = bytes[i]
            guard b >= 48 && b <= 57 else { return nil }
            row = row * 10 + Int(b - 48)
            digits += 1
            if digits > 7 { return nil }
            i += 1
        }
        if digits == 0 { return CellReference(row: -1, column: column - 1) }
        guard row >= 1, row <= maxRows else { return nil }
        return CellReference(row: row - 1, column: column - 1)
    }
}

/// A cell reference that is malformed or lies past `XFD1048576`.
public struct ReferenceError: Error, Sendable, Equatable {
    public var text: String
}
