import Drawing

/// A chart as a value: its data, how it is drawn, and its title, subtitle and source note.
/// ``ChartLayout`` turns it into a ``Frame``; a backend draws the frame.
///
/// ```swift
/// var chart = ChartSpec(title: "Victims by sex", source: "Source: registry, 2017",
///                       categories: ["Women", "Men"], series: [Series(name: "2017", values: [838, 155])])
/// chart.kind = .bars(horizontal: false, stacking: .grouped)
/// let frame = ChartLayout(measurer: ApproximateTextMeasurer()).layout(chart, width: 480, height: 320)
/// ```
public struct ChartSpec: Sendable, Codable {
    public enum Stacking: Sendable, Hashable, Codable { case grouped, stacked, percent }

    public enum Kind: Sendable, Codable {
        case bars(horizontal: Bool, stacking: Stacking)
        /// Line series over the categories; `target` adds a dashed segment to a goal point.
        case lines(target: Target?)
        /// Two series back to back (left, right) over the categories, e.g. men and women by age.
        case pyramid
        /// One value per tile of a grid map (categories are tile ids).
        case tileMap(TileGrid, MapMode)
    }

    /// A goal shown after the last category (e.g. the 2018 target).
    public struct Target: Sendable, Hashable, Codable {
        public var label: String
        public var values: [Double?]
        public init(label: String, values: [Double?]) {
            self.label = label
            self.values = values
        }
    }

    public enum MapMode: Sendable, Hashable, Codable {
        /// Classed choropleth: upper bounds of each class (ascending), the last one open.
        case choropleth(breaks: [Double])
        /// Values are indices into these category names.
        case categorical([String])
    }

    public var title: String
    public var subtitle: String?
    /// The source note, printed under the chart (with the year).
    public var source: String
    public var categories: [String]
    public var series: [Series]
    public var kind: Kind = .bars(horizontal: false, stacking: .grouped)
    public var format: ValueFormat = .integer
    /// Text drawn instead of a suppressed value.
    public var suppressedLabel = "<5"
    public var showValues = true
    /// Draw the title and source note inside the chart (off when a document adds its own caption).
    public var showHeading = true

    public init(title: String, subtitle: String? = nil, source: String, categories: [String], series: [Series]) {
        self.title = title
        self.subtitle = subtitle
        self.source = source
        self.categories = categories
        self.series = series
    }
}

/// One data series; `suppressed` marks values that must not be drawn at their size.
public struct Series: Sendable, Hashable, Codable {
    public var name: String
    public var values: [Double?]
    public var suppressed: [Bool]

    public init(name: String, values: [Double?], suppressed: [Bool]? = nil) {
        self.name = name
        self.values = values
        self.suppressed = suppressed ?? Array(repeating: false, count: values.count)
    }

    public func isSuppressed(_ i: Int) -> Bool { i < suppressed.count && suppressed[i] }
}

/// How values are written: `12,345`, `3.5`, `45.1 %`.
public enum ValueFormat: Sendable, Hashable, Codable {
    case integer
    case decimal(Int)
    case percent(Int)

    public func text(_ v: Double) -> String {
        switch self {
        case .integer: return groupedNumber(v, decimals: 0)
        case .decimal(let d): return groupedNumber(v, decimals: d)
        case .percent(let d): return groupedNumber(v, decimals: d) + " %"
        }
    }
}
