/// The typed value of one spreadsheet cell.
///
/// Values come out the way a user sees them in the spreadsheet program: numbers formatted as dates
/// become ``LocalDateTime`` values, elapsed-time formats become durations, CSV fields are text.
///
/// ```swift
/// let value = CellValue.number(12)
/// print(value.jsonText)  // 12.0
/// ```
public enum CellValue: Sendable, Hashable {
    /// A numeric cell.
    case number(Double)
    /// A text cell (shared, inline or formula string, or any CSV field).
    case text(String)
    /// A boolean cell.
    case bool(Bool)
    /// A date, a date and time, or a time of day.
    case date(LocalDateTime)
    /// An elapsed time (`[h]:mm:ss` formats), in seconds.
    case duration(Double)
    /// An Excel error literal such as `#DIV/0!`.
    case error(String)

    /// The ISO-8601 or literal text of the value as the corpus normalizes it.
    public var normalizedText: String {
        switch self {
        case .number(let n): return n.description
        case .text(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return d.isoText
        case .duration(let s):
            let rounded = s.rounded()
            return rounded == s || abs(rounded - s) < 0.0005
                ? "PT\(Int(rounded))S" : "PT\(s)S"
        case .error(let e): return e
        }
    }
}
