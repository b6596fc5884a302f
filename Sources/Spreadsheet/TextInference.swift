extension CellValue {
    /// For text cells: a plain decimal number (`-12`, `3.5`, no leading zeros such as `09`, which are
    /// codes) becomes a number, an ISO-8601 date a date; any other value is returned unchanged.
    public var inferredFromText: CellValue {
        guard case .text(var text) = self else { return self }
        return text.withUTF8 { Self.inferred(fromUTF8: $0) } ?? self
    }

    /// What a text field's UTF-8 bytes stand for: a plain decimal number or an ISO-8601 date, or nil
    /// when the field stays text. No `String` is made for a number (nor for most texts).
    ///
    /// ```swift
    /// Array("3.5".utf8).withUnsafeBufferPointer { CellValue.inferred(fromUTF8: $0) }  // .number(3.5)
    /// ```
    public static func inferred(fromUTF8 bytes: UnsafeBufferPointer<UInt8>) -> CellValue? {
        guard let first = bytes.first, (first >= 48 && first <= 57) || first == UInt8(ascii: "-") else {
            return nil
        }
        if isPlainDecimal(bytes), let n = parseDouble(bytes) { return .number(n) }
        guard first >= 48 && first <= 57,
            let d = ISODate.parse(utf8: bytes), !d.isTimeOnly
        else { return nil }
        return .date(d)
    }

    private static func isPlainDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = b.first == UInt8(ascii: "-") ? 1 : 0
        let intStart = i
        while i < b.count, b[i] >= 48 && b[i] <= 57 { i += 1 }
        let intDigits = i - intStart
        guard intDigits > 0 else { return false }
        if intDigits > 1 && b[intStart] == 48 { return false }
        if i == b.count { return true }
        guard b[i] == UInt8(ascii: "."), i + 1 < b.count else { return false }
        i += 1
        while i < b.count, b[i] >= 48 && b[i] <= 57 { i += 1 }
        return i == b.count
    }
}
