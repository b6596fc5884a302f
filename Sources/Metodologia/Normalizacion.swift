import Foundation

/// Text as the methodology compares it: no case, no accents, `_` as a space, spaces collapsed.
///
/// ```swift
/// normalizar("  Fecha_de   Identificación ")  // "fecha de identificacion"
/// ```
public func normalizar(_ texto: String) -> String {
    var s = texto.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    s = s.replacingOccurrences(of: "_", with: " ")
    return s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
