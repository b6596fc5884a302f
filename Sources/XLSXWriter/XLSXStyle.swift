/// How a cell looks: font weight and colour, fill, borders, wrapping, locking.
///
/// ```swift
/// let header = XLSXStyle(bold: true, fill: "1F4E79", fontColor: "FFFFFF", border: true, wrap: true)
/// ```
public struct XLSXStyle: Sendable, Hashable {
    public var bold: Bool
    /// Fill colour as RRGGBB.
    public var fill: String?
    /// Font colour as RRGGBB.
    public var fontColor: String?
    public var border: Bool
    public var wrap: Bool
    /// False leaves the cell editable on a protected sheet.
    public var locked: Bool

    public init(
        bold: Bool = false, fill: String? = nil, fontColor: String? = nil, border: Bool = false, wrap: Bool = false,
        locked: Bool = true
    ) {
        self.bold = bold
        self.fill = fill
        self.fontColor = fontColor
        self.border = border
        self.wrap = wrap
        self.locked = locked
    }
}

/// A data validation rule on a range of cells, with the prompt and the error alert Excel shows.
public struct XLSXDataValidation: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A drop-down from a range or a defined name (`=Catalogos!$A$2:$A$9`, `lista_sexo`).
        case list(String)
        case whole(min: Int, max: Int)
        case decimal(min: Double, max: Double)
        case date(min: XLSXCell, max: XLSXCell)
        case textLength(max: Int)
        /// No restriction: only the input prompt.
        case any
    }

    public var kind: Kind
    /// Cells it applies to, as `C2:C1001`.
    public var range: String
    public var promptTitle: String?
    public var prompt: String?
    public var errorTitle: String?
    public var error: String?

    public init(
        kind: Kind, range: String, promptTitle: String? = nil, prompt: String? = nil, errorTitle: String? = nil,
        error: String? = nil
    ) {
        self.kind = kind
        self.range = range
        self.promptTitle = promptTitle
        self.prompt = prompt
        self.errorTitle = errorTitle
        self.error = error
    }
}

/// A note attached to a cell.
public struct XLSXComment: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public var text: String
    public var author: String

    public init(row: Int, column: Int, text: String, author: String) {
        self.row = row
        self.column = column
        self.text = text
        self.author = author
    }
}

/// A link from a cell to a place in the workbook (`'Victimas'!C3`).
public struct XLSXHyperlink: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public var location: String
    public var tooltip: String?

    public init(row: Int, column: Int, location: String, tooltip: String? = nil) {
        self.row = row
        self.column = column
        self.location = location
        self.tooltip = tooltip
    }
}

/// The workbook's document properties (docProps/core.xml).
public struct XLSXProperties: Sendable, Hashable {
    public var title: String?
    public var subject: String?
    public var creator: String?
    public var keywords: String?
    public var description: String?
    /// W3C date-time, e.g. `2017-01-01T00:00:00Z` (taken from the data, never from the clock).
    public var created: String?

    public init(
        title: String? = nil, subject: String? = nil, creator: String? = nil, keywords: String? = nil,
        description: String? = nil, created: String? = nil
    ) {
        self.title = title
        self.subject = subject
        self.creator = creator
        self.keywords = keywords
        self.description = description
        self.created = created
    }
}
