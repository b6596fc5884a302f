import Drawing

/// A text and what of its style changes its shape (size, weight, slant, family); colour and anchor do
/// not. The key of the measurer's widths and of the layouts shaped on a surface.
///
/// ```swift
/// ShapedText("víctimas", TextStyle(size: 10)) == ShapedText("víctimas", TextStyle(size: 10, anchor: .end))  // true
/// ```
struct ShapedText: Hashable {
    var text: String
    var size: Double
    var bold: Bool
    var italic: Bool
    var serif: Bool

    init(_ text: String, _ style: TextStyle) {
        self.init(text: text, size: style.size, bold: style.bold, italic: style.italic, serif: style.serif)
    }

    init(text: String, size: Double, bold: Bool, italic: Bool, serif: Bool) {
        self.text = text
        self.size = size
        self.bold = bold
        self.italic = italic
        self.serif = serif
    }

    /// Bold, italic and serif as bits 0, 1 and 2: how the files of widths and glyphs keep the style.
    var flags: UInt8 { (bold ? 1 : 0) | (italic ? 2 : 0) | (serif ? 4 : 0) }
}

/// What of a text style picks its font: size, weight, slant, family (not colour or anchor). The key of a
/// surface's fonts and of the glyph outlines kept.
struct FontKey: Hashable {
    var size: Double
    var bold: Bool
    var italic: Bool
    var serif: Bool

    init(_ style: TextStyle) {
        size = style.size
        bold = style.bold
        italic = style.italic
        serif = style.serif
    }
}
