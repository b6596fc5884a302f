import Drawing

/// The one look of every chart: a colour-blind-safe palette (Okabe–Ito), a sequential scale for
/// maps, and type sizes.
public struct Theme: Sendable {
    public var palette: [Color] = [0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00, 0xF0E442, 0x999999].map {
        Color(hex: $0)
    }
    public var sequential: [Color] = [0xDEEBF7, 0x9ECAE1, 0x6BAED6, 0x3182BD, 0x08519C].map { Color(hex: $0) }
    public var text = Color(hex: 0x222222)
    public var muted = Color(hex: 0x666666)
    public var grid = Color(hex: 0xDDDDDD)
    public var axis = Color(hex: 0x888888)
    public var titleSize = 13.0
    public var subtitleSize = 10.0
    public var labelSize = 8.5
    public var sourceSize = 7.5

    public init() {}

    /// The styles chart text is set in (titles, subtitles, labels, value labels, source notes).
    public var textStyles: [TextStyle] {
        [
            TextStyle(size: titleSize, bold: true), TextStyle(size: subtitleSize), TextStyle(size: labelSize),
            TextStyle(size: labelSize, bold: true), TextStyle(size: sourceSize),
        ]
    }
}
