/// How text is drawn: size, weight, colour, and which point of the text the position names.
public struct TextStyle: Sendable, Hashable {
    public enum Anchor: String, Sendable, Hashable { case start, middle, end }

    public var size: Double
    public var bold: Bool
    public var color: Color
    public var anchor: Anchor

    public init(size: Double, bold: Bool = false, color: Color = .black, anchor: Anchor = .start) {
        self.size = size
        self.bold = bold
        self.color = color
        self.anchor = anchor
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

    /// The bounding boxes of the text items, measured with `measurer`.
    public func textBoxes(_ measurer: any TextMeasuring) -> [(text: String, box: Rect)] {
        items.compactMap { item in
            guard case .text(let s, let p, let style) = item else { return nil }
            let w = measurer.width(of: s, size: style.size, bold: style.bold)
            let x: Double
            switch style.anchor {
            case .start: x = p.x
            case .middle: x = p.x - w / 2
            case .end: x = p.x - w
            }
            return (s, Rect(x: x, y: p.y - style.size * 0.8, width: w, height: style.size))
        }
    }
}

/// Measures text, so layout can wrap and place labels without overlaps. The drawing backend
/// provides the real one; ``ApproximateTextMeasurer`` serves tests.
public protocol TextMeasuring: Sendable {
    func width(of text: String, size: Double, bold: Bool) -> Double
}

/// A font-independent estimate (0.55 em per character, 0.6 for bold).
public struct ApproximateTextMeasurer: TextMeasuring {
    public init() {}
    public func width(of text: String, size: Double, bold: Bool) -> Double {
        Double(text.count) * size * (bold ? 0.6 : 0.55)
    }
}
