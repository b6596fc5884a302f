import Foundation
import Indicadores
import Informe
import Metodologia

/// The `texto` rendering of indicators for the terminal (csv and json are ``DatosAbiertos``').
enum SalidaIndicadores {
    static func texto(_ resultados: [ResultadoIndicador], metodologia m: Metodologia, publicable: Bool) -> String {
        func mostrar(_ v: Double?, _ i: Indicador) -> String {
            guard let v else { return "—" }
            return i.esPorcentaje
                ? formatoMX(v, decimales: 1) + " %" : formatoMX(v, decimales: v == v.rounded() ? 0 : 1)
        }
        var out =
            "Indicadores del Programa Nacional — año \(resultados.first?.anio ?? m.anio)\(publicable ? " (publicable)" : " (uso interno)")\n\n"
        for r in resultados {
            let semaforo = r.semaforo.map { " [\($0.rawValue)]" } ?? ""
            out +=
                "\(r.indicador.clave.padding(toLength: 5, withPad: " ", startingAt: 0)) \(r.indicador.nombre): \(mostrar(r.valor, r.indicador))\(semaforo)\n"
            for d in r.desgloses {
                let partes = d.categorias.map { c in
                    "\(etiqueta(c.clave, por: d.por, m)) \(c.supresion != nil ? "<\(m.umbralConfidencialidad)" : mostrar(c.valor, r.indicador))"
                }
                out += "      por \(d.por): " + partes.joined(separator: "; ") + "\n"
            }
        }
        return out
    }

    static func etiqueta(_ clave: String, por: String, _ m: Metodologia) -> String {
        for nombre in [por, "entidades", "instancias"] {
            if let e = m.catalogos[nombre == "entidad" ? "entidades" : nombre]?.entrada(clave) { return e.etiqueta }
        }
        return m.valoresExtra[clave] ?? clave
    }

}
