import Metodologia
import Validacion

/// The JSON of validation results: `validar --formato json` and the web API's findings have exactly
/// these fields.
///
/// ```swift
/// print(ValidacionJSON.documento([resultado], version: m.version))
/// ```
public enum ValidacionJSON {
    /// One finding: archivo, hoja, celda, fila, columna, campo, codigo, severidad, regla, valor, mensaje.
    public static func hallazgo(_ h: Hallazgo) -> String {
        func s(_ v: String?) -> String { v.map(JSONText.string) ?? "null" }
        func n(_ v: Int?) -> String { v.map(String.init) ?? "null" }
        var out = "{\"archivo\": \(JSONText.string(h.archivo)), \"hoja\": \(s(h.hoja)), \"celda\": \(s(h.celda)), "
        out += "\"fila\": \(n(h.fila)), \"columna\": \(s(h.letraColumna)), \"campo\": \(s(h.campo)), "
        out += "\"codigo\": \(JSONText.string(h.codigo)), \"severidad\": \(JSONText.string(h.severidad.rawValue)), "
        out += "\"regla\": \(s(h.regla)), \"valor\": \(s(h.valor)), \"mensaje\": \(JSONText.string(h.mensaje))}"
        return out
    }

    /// The whole document of `validar --formato json`.
    public static func documento(_ resultados: [ResultadoValidacion], version: String) -> String {
        func s(_ v: String?) -> String { v.map(JSONText.string) ?? "null" }
        var out = "{\"metodologia\": \(JSONText.string(version)), \"envios\": ["
        for (i, r) in resultados.enumerated() {
            if i > 0 { out += "," }
            out += "\n  {\"archivo\": \(JSONText.string(r.archivo)), \"instancia\": \(s(r.instancia)), "
            out += "\"errores\": \(r.errores), \"advertencias\": \(r.advertencias), \"hallazgos\": ["
            for (k, h) in r.hallazgos.enumerated() {
                if k > 0 { out += "," }
                out += "\n    " + hallazgo(h)
            }
            out += r.hallazgos.isEmpty ? "]}" : "\n  ]}"
        }
        return out + "\n]}\n"
    }
}
