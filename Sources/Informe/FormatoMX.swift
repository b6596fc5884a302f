import Drawing

/// Numbers as Mexican publications write them: `12,345`, `3.5`, `45.1 %`.
///
/// ```swift
/// formatoMX(12345)                  // "12,345"
/// formatoMX(45.12345, decimales: 1)  // "45.1"
/// ```
public func formatoMX(_ n: Double, decimales: Int = 0) -> String {
    groupedNumber(n, decimals: decimales)
}
