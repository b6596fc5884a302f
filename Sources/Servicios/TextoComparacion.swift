extension Comparacion {
    /// The comparison as terminal text (`informe comparar --formato texto`).
    ///
    /// ```swift
    /// print(comparacion.texto)
    /// // CDMX 2017: versión 1 contra versión 2
    /// // Hoja Victimas
    /// //   1 fila agregada: V-0041
    /// ```
    public var texto: String {
        var out = "\(instancia) \(anio): versión \(de) contra versión \(a)\n"
        if hojas.isEmpty { out += "\nLas dos versiones tienen los mismos datos.\n" }
        for h in hojas {
            out += "\nHoja \(h.hoja)\n"
            if !h.agregadas.isEmpty {
                out +=
                    "  \(h.agregadas.count) \(h.agregadas.count == 1 ? "fila agregada" : "filas agregadas"): "
                    + h.agregadas.joined(separator: ", ") + "\n"
            }
            if !h.eliminadas.isEmpty {
                out +=
                    "  \(h.eliminadas.count) \(h.eliminadas.count == 1 ? "fila eliminada" : "filas eliminadas"): "
                    + h.eliminadas.joined(separator: ", ") + "\n"
            }
            for m in h.modificadas { out += "  \(m.clave): \(m.campo) «\(m.antes)» → «\(m.despues)»\n" }
        }
        if !indicadores.isEmpty {
            out += "\nCifras nacionales que cambian:\n"
            for i in indicadores {
                let d = i.desagregacion.map { " por \($0) = \(i.categoria ?? "")" } ?? ""
                out += "  \(i.indicador)\(d): \(cifraMX(i.antes)) → \(cifraMX(i.despues))\n"
            }
        }
        return out
    }
}
