/// Example values for the template, from the methodology alone.
///
/// ```swift
/// m.ejemplo(de: campo)  // "15/03/2017" for a date, the first catalog label for a list…
/// ```
extension Metodologia {
    /// The field's `ejemplo:` when the methodology gives one; otherwise a value that satisfies its
    /// type and limits (the fixed value, the catalog's first entry, a day of the period, the
    /// minimum); nil for free text without an example.
    public func ejemplo(de campo: Campo) -> String? {
        if let e = campo.ejemplo { return e }
        if let igual = campo.igualA { return igual }
        switch campo.tipo {
        case .texto, .correo:
            return nil
        case .fecha:
            return Fecha(dias: (periodo.inicio.dias + periodo.fin.dias) / 2).textoCorto
        case .entero, .decimal:
            var n = campo.minimo ?? 1
            if let mayor = campo.mayorQue, n <= mayor { n = mayor + 1 }
            if let maximo = campo.maximo, n > maximo { n = maximo }
            return formatoNumero(n)
        case .catalogo(let nombre, let extras):
            return catalogos[nombre]?.entradas.first?.etiqueta ?? extras.first.map { valoresExtra[$0] ?? $0 }
        }
    }
}
