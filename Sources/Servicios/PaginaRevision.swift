import Foundation
import Metodologia
import Validacion

/// One self-contained HTML page per envío that a non-technical person can read: a summary, then
/// each finding with its sheet, cell, value and message.
///
/// ```swift
/// let html = PaginaRevision.pagina(resultado, metodologia: m)
/// ```
public enum PaginaRevision {
    public static func escapar(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    public static func pagina(_ r: ResultadoValidacion, metodologia: Metodologia) -> String {
        let estado =
            r.errores == 0
            ? "<p class=\"ok\">El envío no tiene errores y puede cargarse.</p>"
            : "<p class=\"mal\">El envío tiene errores: corríjalos y envíelo de nuevo.</p>"
        var filas = ""
        for h in r.hallazgos {
            filas += "<tr class=\"\(h.severidad.rawValue)\"><td>\(h.severidad == .error ? "Error" : "Advertencia")</td>"
            filas += "<td>\(escapar(h.hoja ?? "—"))</td><td>\(escapar(h.celda ?? "—"))</td>"
            filas +=
                "<td>\(escapar(h.valor ?? ""))</td><td>\(escapar(h.mensaje))</td><td><code>\(escapar(h.codigo))</code></td></tr>\n"
        }
        let tabla =
            r.hallazgos.isEmpty
            ? "<p>No se encontró ningún hallazgo.</p>"
            : """
            <table><thead><tr><th>Tipo</th><th>Hoja</th><th>Celda</th><th>Valor encontrado</th><th>Qué corregir</th><th>Código</th></tr></thead>
            <tbody>
            \(filas)</tbody></table>
            """
        return """
            <!DOCTYPE html>
            <html lang="es-MX"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Revisión de \(escapar(r.archivo))</title>
            <style>
            body{font-family:"Noto Sans","Open Sans",Arial,sans-serif;margin:2rem auto;max-width:70rem;color:#1a1a1a;line-height:1.45}
            h1{font-size:1.5rem;margin-bottom:.2rem} .sub{color:#555;margin-top:0}
            .resumen{display:flex;gap:1rem;margin:1rem 0} .caja{border:1px solid #ccc;border-radius:6px;padding:.6rem 1rem}
            .caja b{font-size:1.4rem;display:block} .ok{color:#1b6e2a;font-weight:bold} .mal{color:#a4161a;font-weight:bold}
            table{border-collapse:collapse;width:100%;font-size:.92rem} th,td{border-bottom:1px solid #ddd;padding:.45rem;text-align:left;vertical-align:top}
            th{background:#f2f2f2} tr.error td:first-child{color:#a4161a;font-weight:bold} tr.advertencia td:first-child{color:#9a6700;font-weight:bold}
            code{font-size:.8rem;color:#555}
            </style></head><body>
            <h1>Revisión del envío «\(escapar(r.archivo))»</h1>
            <p class="sub">Instancia: \(escapar(r.instancia ?? "no identificada")) · Instrumento \(escapar(metodologia.version)) · Periodo \(metodologia.periodo.inicio.textoCorto) a \(metodologia.periodo.fin.textoCorto)</p>
            <div class="resumen"><div class="caja"><b>\(r.errores)</b>errores</div><div class="caja"><b>\(r.advertencias)</b>advertencias</div></div>
            \(estado)
            \(tabla)
            </body></html>

            """
    }
}
