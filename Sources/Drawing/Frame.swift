/// How text is drawn: size, weight, colour, and which point of the text the position names.
public struct TextStyle: Sendable, Hashable {
    public enum Anchor: String, Sendable, Hashable { case start, middle, end }

    public var size: Double
    public var bold: Bool
    public var italic = false
    /// Serif body type instead of the sans-serif used for headings and charts.
    public var serif = false
    public var color: Color
    public var anchor: Anchor

    public init(
        size: Double, bold: Bool = false, italic: Bool = false, serif: Bool = false, color: Color = .black,
        anchor: Anchor = .start
    ) {
        self.size = size
        self.bold = bold
        self.italic = italic
        self.serif = serif
        self.color = color
        self.anchor = anchor
    }

    /// Where a text `width` wide starts when its anchor point is at `x`.
    ///
    /// ```swift
    /// TextStyle(size: 10, anchor: .middle).start(at: 100, width: 40)  // 80
    /// ```
    public func start(at x: Double, width: Double) -> Double {
        switch anchor {
        case .start: return x
        case .middle: return x - width / 2
        case .end: return x - width
        }
    }
}

/// One thing to draw.
public enum FrameItem: Sendable, Hashable {
    /// A filled rectangle, optionally outlined; `tag` names it for tests and accessibility.
    case rect(Rect, fill: Color, stroke: Color?, tag: String?)
    /// A polyline, optionally dashed.
    case line([Point], stroke: Color, width: Double, dashed: Bool)
    case circle(center: Point, radius: Double, fill: Color)
    /// A single line of text whose baseline starts (or centres, or ends) at `position`.
    case text(String, position: Point, style: TextStyle)
    /// A named place others can link to (a heading).
    case destination(String, position: Point)
    /// A clickable area that jumps to a named destination.
    case link(Rect, destination: String)
}

/// A page or a picture as a display list: positioned items in drawing order. Layout produces
/// frames; a separate backend turns them into PNG, SVG or PDF.
///
/// ```swift
/// var frame = Frame(width: 400, height: 300)
/// frame.items.append(.rect(Rect(x: 0, y: 0, width: 400, height: 300), fill: .white, stroke: nil, tag: nil))
/// ```
public struct Frame: Sendable, Hashable {
    public var width: Double
    public var height: Double
    public var items: [FrameItem]

    public init(width: Double, height: Double, items: [FrameItem] = []) {
        self.width = width
        self.height = height
        self.items = items
    }

    /// The same items moved by (dx, dy) and scaled by `scale` (to place a chart on a page).
    public func placed(at origin: Point, scale: Double) -> [FrameItem] {
        func p(_ q: Point) -> Point { Point(origin.x + q.x * scale, origin.y + q.y * scale) }
        func r(_ x: Rect) -> Rect {
            Rect(x: origin.x + x.x * scale, y: origin.y + x.y * scale, width: x.width * scale, height: x.height * scale)
        }
        return items.map { item in
            switch item {
            case .rect(let x, let fill, let stroke, let tag): return .rect(r(x), fill: fill, stroke: stroke, tag: tag)
            case .line(let pts, let stroke, let width, let dashed):
                return .line(pts.map(p), stroke: stroke, width: width * scale, dashed: dashed)
            case .circle(let c, let radius, let fill): return .circle(center: p(c), radius: radius * scale, fill: fill)
            case .text(let s, let pos, var style):
                style.size *= scale
                return .text(s, position: p(pos), style: style)
            case .destination(let n, let pos): return .destination(n, position: p(pos))
            case .link(let x, let d): return .link(r(x), destination: d)
            }
        }
    }

    /// The bounding boxes of the text items, measured with `measurer`.
    public func textBoxes(_ measurer: any TextMeasuring) -> [(text: String, box: Rect)] {
        items.compactMap { item in
            guard case .text(let s, let p, let style) = item else { return nil }
            let w = measurer.width(of: s, style: style)
            let x = style.start(at: p.x, width: w)
            return (s, Rect(x: x, y: p.y - style.size * 0.8, width: w, height: style.size))
        }
    }
}

/// Measures text, so layout can wrap and place labels without overlaps. The drawing backend
/// provides the real one; ``ApproximateTextMeasurer`` serves tests.
public protocol TextMeasuring: Sendable {
    func width(of text: String, size: Double, bold: Bool) -> Double
    func width(of text: String, style: TextStyle) -> Double
}

extension TextMeasuring {
    public func width(of text: String, style: TextStyle) -> Double {
        width(of: text, size: style.size, bold: style.bold)
    }
}

/// A font-independent estimate (0.55 em per character, 0.6 for bold).
public struct ApproximateTextMeasurer: TextMeasuring {
    public init() {}
    public func width(of text: String, size: Double, bold: Bool) -> Double {
        Double(text.count) * size * (bold ? 0.6 : 0.55)
    }
}
