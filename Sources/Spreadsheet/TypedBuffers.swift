extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for bodies with typed throws (the standard one is untyped `rethrows`).
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(SpreadsheetError) -> R) throws(SpreadsheetError) -> R {
        try withUnsafeBytes { buf in Result { () throws(SpreadsheetError) in try body(buf) } }.get()
    }

    /// `withUnsafeMutableBytes` for bodies with typed throws.
    mutating func withMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws(SpreadsheetError) -> R)
        throws(SpreadsheetError) -> R
    {
        try withUnsafeMutableBytes { buf in Result { () throws(SpreadsheetError) in try body(buf) } }.get()
    }

    /// `withUnsafeBufferPointer` for bodies with typed throws.
    func withBuffer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws(SpreadsheetError) -> R) throws(SpreadsheetError) -> R
    {
        try withUnsafeBufferPointer { buf in Result { () throws(SpreadsheetError) in try body(buf) } }.get()
    }
}
