import Foundation
import Indicadores
import Metodologia

/// The open data of a year (`datos/indicadores.csv`, `datos/diccionario.csv`) and the csv and json
/// renderings of indicators that the CLI and the web API share.
///
/// ```swift
/// try DatosAbiertos.escribir(resultados, metodologia: m, en: URL(fileURLWithPath: "Salidas/2017"))
/// ```
public enum DatosAbiertos {
    /// The value as open data writes it: integers plain, percentages with 4 decimals, `<5` when suppressed.
    public static func valorCSV(_ v: Double?, _ indicador: Indicador, suprimido: Bool, k: Int) -> String {
        if suprimido { return "<\(k)" }
        guard let v else { return "" }
        if indicador.esPorcentaje { return String(format: "%.4f", v) }
        if v == v.rounded(), let entero = Int64(exactly: v) { return String(entero) }
        return String(format: "%.4f", v)
    }

    public static func csv(_ resultados: [ResultadoIndicador], k: Int) -> String {
        var out = "indicador,anio,desagregacion,categoria,valor\n"
        for r in resultados {
            out += "\(r.indicador.clave),\(r.anio),total,,\(valorCSV(r.valor, r.indicador, suprimido: false, k: k))\n"
            for d in r.desgloses {
                for c in d.categorias {
                    out +=
                        "\(r.indicador.clave),\(r.anio),\(d.por),\(c.clave),\(valorCSV(c.valor, r.indicador, suprimido: c.supresion != nil, k: k))\n"
                }
            }
        }
        return out
    }

    public static func json(_ resultados: [ResultadoIndicador]) -> String {
        func n(_ v: Double?) -> String { v.map { JSONText.number($0) } ?? "null" }
        var out = "["
        for (i, r) in resultados.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out +=
                "  {\"indicador\": \(JSONText.string(r.indicador.clave)), \"nombre\": \(JSONText.string(r.indicador.nombre)), "
            out += "\"anio\": \(r.anio), \"unidad\": \(JSONText.string(r.indicador.unidad)), \"valor\": \(n(r.valor)), "
            out += "\"semaforo\": \(r.semaforo.map { JSONText.string($0.rawValue) } ?? "null"), "
            out +=
                "\"serie\": ["
                + r.serie.map { "{\"anio\": \($0.anio), \"valor\": \(n($0.valor))}" }.joined(separator: ", ") + "], "
            out += "\"desagregaciones\": {"
            out += r.desgloses.map { d in
                "\(JSONText.string(d.por)): ["
                    + d.categorias.map { c in
                        "{\"categoria\": \(JSONText.string(c.clave)), \"valor\": \(c.supresion == nil ? n(c.valor) : "null"), "
                            + "\"suprimido\": \(c.supresion != nil)"
                            + (c.supresion.map { ", \"motivo\": \(JSONText.string($0.texto))" } ?? "") + "}"
                    }.joined(separator: ", ") + "]"
            }.joined(separator: ", ")
            out += "}}"
        }
        return out + "\n]\n"
    }

    /// `datos/indicadores.csv` (with §7 applied by the caller) and `datos/diccionario.csv`, UTF-8,
    /// written to temporary files and renamed.
    public static func escribir(_ resultados: [ResultadoIndicador], metodologia m: Metodologia, en carpeta: URL)
        throws(ErrorServicio)
    {
        let datos = carpeta.appendingPathComponent("datos")
        try EscrituraAtomica.crearCarpeta(datos)
        try escribir(csv(resultados, k: m.umbralConfidencialidad), datos.appendingPathComponent("indicadores.csv"))
        var dic = "elemento,tipo,descripcion,formula,unidad,hojas_fuente\n"
        let c = campoCSV
        dic += "indicador,columna,Clave del indicador del Programa Nacional,,,\n"
        dic += "anio,columna,Año que se reporta,,,\n"
        dic += "desagregacion,columna,\"total para el valor nacional, o la variable por la que se desagrega\",,,\n"
        dic += "categoria,columna,Clave de catálogo de la categoría (vacía en el total),,,\n"
        dic +=
            c("valor") + ",columna,"
            + c("Valor del indicador; <\(m.umbralConfidencialidad) indica un conteo suprimido por confidencialidad")
            + ",,,\n"
        for r in resultados {
            let i = r.indicador
            var formula = describir(i.numerador)
            if let d = i.denominador { formula += " ÷ " + describir(d) + " × 100" }
            let hojas = Set(
                ([i.numerador] + (i.denominador.map { [$0] } ?? [])).flatMap { e in
                    e.llamadas.compactMap { _, args -> String? in
                        switch args.first {
                        case .campo(let h)? where m.hoja(h) != nil: return h
                        case .donde(.campo(let h), _)? where m.hoja(h) != nil: return h
                        default: return nil
                        }
                    }
                }
            ).sorted().joined(separator: " ")
            dic +=
                "\(c(i.clave)),indicador,\(c(i.nombre + ". " + i.definicion)),\(c(formula)),\(c(i.unidad)),\(c(hojas))\n"
        }
        try escribir(dic, datos.appendingPathComponent("diccionario.csv"))
    }

    public static func describir(_ e: Expresion) -> String {
        switch e {
        case .numero(let n): return formatoNumero(n)
        case .texto(let t): return "'\(t)'"
        case .campo(let c): return c
        case .llamada(let f, let args): return "\(f)(" + args.map(describir).joined(separator: ", ") + ")"
        case .binaria(let op, let a, let b): return "\(describir(a)) \(op.rawValue) \(describir(b))"
        case .negacion(let a): return "no \(describir(a))"
        case .opuesto(let a): return "-\(describir(a))"
        case .pertenece(let a, let l): return "\(describir(a)) en (" + l.map(describir).joined(separator: ", ") + ")"
        case .donde(let a, let b): return "\(describir(a)) donde \(describir(b))"
        }
    }

    static func escribir(_ texto: String, _ url: URL) throws(ErrorServicio) {
        try EscrituraAtomica.escribir(texto, en: url)
    }
}
