/// A sheet of a workbook as its directory lists it.
///
/// ```swift
/// for sheet in workbook.sheets where sheet.visibility == .visible { print(sheet.name) }
/// ```
public struct SheetInfo: Sendable, Hashable {
    public enum Visibility: String, Sendable { case visible, hidden, veryHidden }
    public enum Kind: String, Sendable { case worksheet, chartsheet, other }

    public var name: String
    public var visibility: Visibility
    public var kind: Kind

    public init(name: String, visibility: Visibility = .visible, kind: Kind = .worksheet) {
        self.name = name
        self.visibility = visibility
        self.kind = kind
    }
}
