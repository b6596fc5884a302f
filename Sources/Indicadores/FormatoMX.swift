/// Numbers as Mexican publications write them: `12,345`, `3.5`, `45.1 %`.
///
/// ```swift
/// formatoMX(12345)                  // "12,345"
/// formatoMX(45.12345, decimales: 1)  // "45.1"
/// ```
public func formatoMX(_ n: Double, decimales: Int = 0) -> String {
    let factor = (0..<decimales).reduce(1.0) { v, _ in v * 10 }
    let redondeado = (n * factor).rounded() / factor
    let negativo = redondeado < 0
    let entero = Int64(abs(redondeado).rounded(.down))
    var digitos = String(entero)
    var grupos: [String] = []
    while digitos.count > 3 {
        grupos.insert(String(digitos.suffix(3)), at: 0)
        digitos.removeLast(3)
    }
    grupos.insert(digitos, at: 0)
    var texto = (negativo ? "-" : "") + grupos.joined(separator: ",")
    if decimales > 0 {
        let fraccion = Int64(((abs(redondeado) - Double(entero)) * factor).rounded())
        let f = String(fraccion)
        texto += "." + String(repeating: "0", count: max(0, decimales - f.count)) + f
    }
    return texto
}
