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

    /// An elapsed time from a number of days as a duration format stores it; nil when the seconds
    /// would not fit a 64-bit integer (a value no clock shows, such as `1e300` days).
    public static func duration(days: Double) -> CellValue? {
        let seconds = days * 86_400
        guard seconds.isFinite, abs(seconds) < 9.0e15 else { return nil }
        return .duration(seconds)
    }

    /// The ISO-8601 or literal text of the value as the corpus normalizes it.
    public var normalizedText: String {
        switch self {
        case .number(let n): return n.description
        case .text(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return d.isoText
        case .duration(let s):
            let rounded = s.rounded()
            if rounded == s || abs(rounded - s) < 0.0005, let whole = Int(exactly: rounded) { return "PT\(whole)S" }
            return "PT\(s)S"
        case .error(let e): return e
        }
    }
}
