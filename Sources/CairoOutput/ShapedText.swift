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
}
