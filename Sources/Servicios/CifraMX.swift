import Informe

/// A computed figure as people read it: es-MX grouping, two decimals only when it has a fraction,
/// `—` when there is none. The CLI's text and the portal's pages share it.
///
/// ```swift
/// cifraMX(12345)  // "12,345"
/// cifraMX(37.5)   // "37.50"
/// cifraMX(nil)    // "—"
/// ```
public func cifraMX(_ v: Double?) -> String {
    guard let v else { return "—" }
    return formatoMX(v, decimales: v == v.rounded() ? 0 : 2)
}
