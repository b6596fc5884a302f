import Metodologia
import Validacion

/// The `texto` rendering of validation results for the terminal (the JSON is ``ValidacionJSON``).
enum SalidaValidacion {
    static func texto(_ resultados: [ResultadoValidacion], color: Bool) -> String {
        let rojo = color ? "\u{1B}[31m" : ""
        let ambar = color ? "\u{1B}[33m" : ""
        let verde = color ? "\u{1B}[32m" : ""
        let negrita = color ? "\u{1B}[1m" : ""
        let fin = color ? "\u{1B}[0m" : ""
        var out = ""
        var totalErrores = 0
        var totalAdvertencias = 0
        for r in resultados {
            totalErrores += r.errores
            totalAdvertencias += r.advertencias
            out += "\(negrita)\(r.archivo)\(fin)"
            if let i = r.instancia { out += " (\(i))" }
            out += "\n"
            if r.hallazgos.isEmpty {
                out += "  \(verde)Sin hallazgos.\(fin)\n\n"
                continue
            }
            var hojaActual: String?? = .none
            for h in r.hallazgos {
                if hojaActual != .some(h.hoja) {
                    hojaActual = .some(h.hoja)
                    out += "  \(negrita)Hoja \(h.hoja ?? "(envío)")\(fin)\n"
                }
                let etiqueta = h.severidad == .error ? "\(rojo)error\(fin)" : "\(ambar)advertencia\(fin)"
                let lugar = h.celda.map { "\($0): " } ?? ""
                out += "    \(lugar)\(etiqueta) [\(h.codigo)\(h.regla.map { ", \($0)" } ?? "")] \(h.mensaje)\n"
            }
            out +=
                "  \(r.errores) \(r.errores == 1 ? "error" : "errores"), \(r.advertencias) \(r.advertencias == 1 ? "advertencia" : "advertencias")\n\n"
        }
        let conErrores = resultados.filter { $0.errores > 0 }.count
        out += "\(negrita)Resumen:\(fin) \(resultados.count) \(resultados.count == 1 ? "envío" : "envíos"), "
        out += "\(conErrores) con errores; \(totalErrores) \(totalErrores == 1 ? "error" : "errores") y "
        out += "\(totalAdvertencias) \(totalAdvertencias == 1 ? "advertencia" : "advertencias") en total.\n"
        return out
    }
}
