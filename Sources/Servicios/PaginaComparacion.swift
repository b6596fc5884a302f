/// The comparison of two versions as a self-contained HTML page (every value escaped).
///
/// ```swift
/// let html = PaginaComparacion.pagina(comparacion)
/// ```
public enum PaginaComparacion {
    public static func pagina(_ c: Comparacion) -> String {
        let e = PaginaRevision.escapar
        var cuerpo = ""
        if c.hojas.isEmpty { cuerpo += "<p>Las dos versiones tienen los mismos datos.</p>" }
        for h in c.hojas {
            cuerpo += "<h2>Hoja \(e(h.hoja))</h2><ul>"
            if !h.agregadas.isEmpty {
                cuerpo +=
                    "<li>Filas agregadas (\(h.agregadas.count)): \(h.agregadas.map(e).joined(separator: ", "))</li>"
            }
            if !h.eliminadas.isEmpty {
                cuerpo +=
                    "<li>Filas eliminadas (\(h.eliminadas.count)): \(h.eliminadas.map(e).joined(separator: ", "))</li>"
            }
            cuerpo += "</ul>"
            if !h.modificadas.isEmpty {
                cuerpo +=
                    "<table><thead><tr><th>Clave</th><th>Campo</th><th>Antes</th><th>Después</th></tr></thead><tbody>"
                for m in h.modificadas {
                    cuerpo +=
                        "<tr><td>\(e(m.clave))</td><td>\(e(m.campo))</td><td>\(e(m.antes))</td><td>\(e(m.despues))</td></tr>"
                }
                cuerpo += "</tbody></table>"
            }
        }
        if !c.indicadores.isEmpty {
            cuerpo +=
                "<h2>Efecto en las cifras nacionales</h2><table><thead><tr><th>Indicador</th><th>Desagregación</th>"
            cuerpo += "<th>Antes</th><th>Después</th></tr></thead><tbody>"
            for i in c.indicadores {
                let d = i.desagregacion.map { "\($0) = \(i.categoria ?? "")" } ?? "total"
                cuerpo +=
                    "<tr><td>\(e(i.indicador))</td><td>\(e(d))</td><td>\(e(cifraMX(i.antes)))</td><td>\(e(cifraMX(i.despues)))</td></tr>"
            }
            cuerpo += "</tbody></table>"
        }
        return """
            <!DOCTYPE html><html lang="es-MX"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(c.instancia)): versión \(c.de) contra \(c.a)</title>
            <style>body{font-family:"Noto Sans",Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
            table{border-collapse:collapse;width:100%} th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}</style>
            </head><body><h1>\(e(c.instancia)) \(c.anio): versión \(c.de) contra versión \(c.a)</h1>
            \(cuerpo)
            </body></html>

            """
    }
}
