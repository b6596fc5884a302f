extension Rastreo.Resultado {
    /// The provenance of a value as terminal text (`informe rastrear --formato texto`).
    ///
    /// ```swift
    /// print(resultado.texto(porcentaje: false))
    /// // R1 (2017): 1,234
    /// // numerador 1,234
    /// ```
    public func texto(porcentaje: Bool) -> String {
        let p = procedencia
        var out = "\(p.indicador) (\(p.anio))"
        if let d = p.desagregacion, let c = p.categoria { out += ", \(d) = \(c)" }
        out += ": \(cifraMX(p.valor))\(porcentaje && p.valor != nil ? " %" : "")\n"
        out += "numerador \(cifraMX(p.numerador))"
        if p.denominador != nil { out += " · denominador \(cifraMX(p.denominador))" }
        let k = p.contribuciones.count
        out += "\n\n\(k) \(k == 1 ? "envío contribuye" : "envíos contribuyen"):\n"
        for (c, reg) in zip(p.contribuciones, registros) {
            let hojas = c.filas.keys.sorted().map { h in
                "\(h) filas \(Self.rangos(c.filas[h] ?? []))"
            }.joined(separator: "; ")
            out += "  \(c.instancia) v\(c.version)  \(reg.archivo)  SHA-256 \(reg.sha256.prefix(16))…\n"
            out += "      numerador \(cifraMX(c.numerador))"
            if let d = c.denominador { out += " · denominador \(cifraMX(d))" }
            out += (hojas.isEmpty ? "" : " · " + hojas) + "\n"
        }
        return out
    }
}
