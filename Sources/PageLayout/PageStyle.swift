import Drawing

/// The page: size, margins, type sizes, and what every page carries (running header, footer,
/// watermark).
public struct PageStyle: Sendable {
    /// US Letter (carta), the Mexican government standard.
    public var width = 612.0
    public var height = 792.0
    public var marginLeft = 72.0
    public var marginRight = 72.0
    public var marginTop = 72.0
    public var marginBottom = 66.0
    public var bodySize = 10.5
    public var lineHeight = 1.45
    public var headingSizes: [Double] = [18, 13.5, 11.5]
    public var accent = Color(hex: 0x6B1B2C)
    public var muted = Color(hex: 0x666666)
    public var tableHeaderFill = Color(hex: 0xEDE7E3)
    public var ruleColor = Color(hex: 0xBBBBBB)
    /// Printed at the top of every page (e.g. "DATOS SINTÉTICOS DE EJEMPLO — NO OFICIAL").
    public var watermark: String?
    /// The footer text for page N of M (the report sets "Página N de M").
    public var footerFormat: @Sendable (Int, Int) -> String = { n, m in "Page \(n) of \(m)" }

    public init() {}

    public var contentWidth: Double { width - marginLeft - marginRight }
}
