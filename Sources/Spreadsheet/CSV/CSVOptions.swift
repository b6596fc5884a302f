/// How to read a CSV file; by default everything is detected.
///
/// ```swift
/// var options = CSVOptions()
/// options.delimiter = UInt8(ascii: ";")
/// ```
public struct CSVOptions: Sendable {
    /// The field separator; nil detects one of `,` `;` tab `|` from the first lines.
    public var delimiter: UInt8?
    /// Largest field accepted, in bytes (UTF-8).
    public var maxFieldSize: Int = 1 << 20
    /// Forces an encoding instead of detecting it.
    public var encoding: TextEncoding?
    /// Bytes read from the file at a time (tests use tiny ones to cut records everywhere).
    public var chunkSize: Int = 256 << 10

    public init(delimiter: UInt8? = nil, maxFieldSize: Int = 1 << 20, encoding: TextEncoding? = nil) {
        self.delimiter = delimiter
        self.maxFieldSize = maxFieldSize
        self.encoding = encoding
    }
}
