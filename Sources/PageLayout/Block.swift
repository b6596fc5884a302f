import Drawing

/// A piece of running text with its emphasis.
public struct Run: Sendable, Hashable {
    public var text: String
    public var bold: Bool
    public var italic: Bool

    public init(_ text: String, bold: Bool = false, italic: Bool = false) {
        self.text = text
        self.bold = bold
        self.italic = italic
    }
}

/// A table: column titles and relative widths, rows of cell texts, a caption and a source.
public struct Table: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var columns: [(title: String, width: Double, alignment: Alignment)]
    public var rows: [[String]]
    /// Rows drawn bold (totals).
    public var boldRows: Set<Int> = []
    public var caption: String
    public var source: String
    /// A destination name, for a list of tables.
    public var id: String?

    public init(
        columns: [(title: String, width: Double, alignment: Alignment)], rows: [[String]], caption: String,
        source: String
    ) {
        self.columns = columns
        self.rows = rows
        self.caption = caption
        self.source = source
    }
}

/// What a document is made of, in reading order.
public enum Block: Sendable {
    /// A heading; `id` names its destination for links and bookmarks.
    case heading(level: Int, text: String, id: String)
    case paragraph([Run])
    case bullets([[Run]])
    case table(Table)
    /// A picture (a laid-out chart) with its numbered caption and source; `id` names it for a list of figures.
    case figure(Frame, caption: String, source: String, id: String? = nil)
    /// A line of the table of contents: text, page, destination (dotted leader).
    case tocEntry(level: Int, text: String, page: String, destination: String)
    case pageBreak
    case spacer(Double)
    /// A page drawn as given (a cover), without running header or footer.
    case fullPage([FrameItem])
}
