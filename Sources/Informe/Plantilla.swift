import Foundation
import PageLayout

/// A chapter template of `Plantillas/`: a small markup the Grupo Técnico edits without touching code.
///
///     # Heading 1 / ## Heading 2 / ### Heading 3
///     A paragraph; **bold**, *italic*; {{A1}} or {{A1.sexo.mujer}} or {{A1.porcentaje.sexo.mujer}} for figures.
///     - a bullet
///     [[figura:victimas-por-sexo]]   [[cuadro:indicadores]]
enum PlantillaTexto {
    enum Elemento {
        case titulo(Int, String)
        case parrafo(String)
        case vinetas([String])
        case figura(String)
        case cuadro(String)
    }

    static func analizar(_ texto: String) -> [Elemento] {
        var out: [Elemento] = []
        var parrafo: [String] = []
        var vinetas: [String] = []
        func cerrar() {
            if !parrafo.isEmpty { out.append(.parrafo(parrafo.joined(separator: " "))) }
            if !vinetas.isEmpty { out.append(.vinetas(vinetas)) }
            parrafo = []
            vinetas = []
        }
        for lineaCruda in texto.split(separator: "\n", omittingEmptySubsequences: false) {
            let linea = lineaCruda.trimmingCharacters(in: .whitespaces)
            if linea.isEmpty || linea.hasPrefix("%") {
                cerrar()
            } else if let n = ["### ", "## ", "# "].firstIndex(where: { linea.hasPrefix($0) }) {
                cerrar()
                let nivel = 3 - n
                out.append(.titulo(nivel, String(linea.dropFirst(nivel + 1))))
            } else if linea.hasPrefix("[[figura:") && linea.hasSuffix("]]") {
                cerrar()
                out.append(.figura(String(linea.dropFirst(9).dropLast(2))))
            } else if linea.hasPrefix("[[cuadro:") && linea.hasSuffix("]]") {
                cerrar()
                out.append(.cuadro(String(linea.dropFirst(9).dropLast(2))))
            } else if linea.hasPrefix("- ") {
                if !parrafo.isEmpty {
                    out.append(.parrafo(parrafo.joined(separator: " ")))
                    parrafo = []
                }
                vinetas.append(String(linea.dropFirst(2)))
            } else {
                parrafo.append(linea)
            }
        }
        cerrar()
        return out
    }

    /// `**bold**` and `*italic*` into runs.
    static func runs(_ texto: String) -> [Run] {
        var out: [Run] = []
        var resto = Substring(texto)
        while !resto.isEmpty {
            if resto.hasPrefix("**"), let fin = resto.dropFirst(2).range(of: "**") {
                out.append(Run(String(resto[resto.index(resto.startIndex, offsetBy: 2)..<fin.lowerBound]), bold: true))
                resto = resto[fin.upperBound...]
            } else if resto.hasPrefix("*"), let fin = resto.dropFirst().firstIndex(of: "*") {
                out.append(Run(String(resto[resto.index(after: resto.startIndex)..<fin]), italic: true))
                resto = resto[resto.index(after: fin)...]
            } else {
                let siguiente = resto.dropFirst().firstIndex(of: "*") ?? resto.endIndex
                out.append(Run(String(resto[..<siguiente])))
                resto = resto[siguiente...]
            }
        }
        return out
    }
}
