/// A value to write into a cell.
public enum XLSXCell: Sendable, Hashable {
    case empty
    case text(String)
    case number(Double)
    /// A calendar date, written as a serial number with a `dd/mm/yyyy` format.
    case date(year: Int, month: Int, day: Int)
    case bool(Bool)
}
