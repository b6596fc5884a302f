import Foundation
import Metodologia
import Spreadsheet

/// The text without leading and trailing whitespace (fast when there is none).
func recortar(_ t: String) -> String {
    guard let primero = t.unicodeScalars.first, let ultimo = t.unicodeScalars.last else { return t }
    if !primero.properties.isWhitespace && !ultimo.properties.isWhitespace { return t }
    var s = Substring(t)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
}

/// Why a cell's value is not valid for its field: a finding code (with its message variant) and
/// the names the message fills in.
struct ProblemaValor: Error {
    var codigo: String
    var variante: String?
    var datos: [String: String] = [:]
}

/// Reads cells as the methodology's types (§2): numbers from numeric cells or `1,234` text, dates from
/// date cells or `dd/mm/aaaa` / `aaaa-mm-dd` text, catalog values by clave, label or synonym.
struct LectorValores {
    let metodologia: Metodologia
    /// The workbook's date system (1904 for some Excel for Mac files).
    var sistemaFechas = DateSystem.date1900
    private var patrones: [String: NSRegularExpression] = [:]
    private var simples: [String: PatronSimple] = [:]
    /// A constant pattern (it compiles; nil only if it did not).
    private static let correo = try? NSRegularExpression(pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")

    init(metodologia: Metodologia) {
        self.metodologia = metodologia
        for hoja in metodologia.hojas {
            for campo in hoja.campos {
                guard let p = campo.patron else { continue }
                if let simple = PatronSimple(p) {
                    simples[p] = simple
                } else {
                    patrones[p] = try? NSRegularExpression(pattern: "^(?:\(p))$")
                }
            }
        }
    }

    /// The cell's text as a person sees it (for messages and text fields).
    static func textoVisible(_ valor: CellValue) -> String {
        switch valor {
        case .number(let n): return formatoNumero(n)
        case .date(let d): return d.isTimeOnly ? d.isoText : Fecha(dias: d.daysSinceEpoch).textoCorto
        default: return valor.normalizedText
        }
    }

    /// Converts one cell; `.nulo` for empty or «sin dato» in optional fields.
    func leer(_ celda: CellValue?, _ campo: Campo) -> Result<Valor, ProblemaValor> {
        var datos = ["campo": campo.etiqueta]
        var texto: String?
        if let celda {
            if case .text(let t) = celda {
                let limpio = recortar(t)
                texto = limpio.isEmpty ? nil : limpio
            } else {
                texto = Self.textoVisible(celda)
            }
        }
        guard let texto, let celda else {
            if let v = campo.vacioEs { return .success(.numero(v)) }
            return campo.requerido ? .failure(ProblemaValor(codigo: "valor-requerido", datos: datos)) : .success(.nulo)
        }
        datos["valor"] = texto
        if metodologia.esSinDato(texto) {
            return campo.requerido
                ? .failure(ProblemaValor(codigo: "valor-requerido", variante: "sin-dato", datos: datos))
                : .success(.nulo)
        }
        if case .error(let e) = celda {
            datos["valor"] = e
            return .failure(ProblemaValor(codigo: "tipo-invalido", variante: "error-formula", datos: datos))
        }
        let resultado: Result<Valor, ProblemaValor>
        switch campo.tipo {
        case .texto:
            resultado = leerTexto(texto, campo, datos)
        case .correo:
            let rango = NSRange(texto.startIndex..., in: texto)
            resultado =
                Self.correo?.firstMatch(in: texto, range: rango) != nil
                ? .success(.texto(texto))
                : .failure(ProblemaValor(codigo: "formato-invalido", variante: "correo", datos: datos))
        case .entero, .decimal:
            resultado = leerNumero(celda, texto, campo, datos)
        case .fecha:
            resultado = leerFecha(celda, texto, campo, datos)
        case .catalogo(let nombre, let extras):
            resultado = leerCatalogo(texto, nombre, extras, campo, datos)
        }
        return resultado
    }

    private func leerTexto(_ texto: String, _ campo: Campo, _ datos: [String: String]) -> Result<Valor, ProblemaValor> {
        var datos = datos
        if let igual = campo.igualA, texto != igual {
            datos["esperado"] = igual
            return .failure(ProblemaValor(codigo: campo.codigo ?? "formato-invalido", datos: datos))
        }
        if let largo = campo.largoMaximo, texto.count > largo {
            datos["valor"] = String(texto.count)
            datos["esperado"] = String(largo)
            return .failure(ProblemaValor(codigo: "fuera-de-rango", variante: "largo", datos: datos))
        }
        if let p = campo.patron {
            let cumple =
                simples[p]?.acepta(texto) ?? patrones[p].map {
                    $0.firstMatch(in: texto, range: NSRange(texto.startIndex..., in: texto)) != nil
                } ?? true
            if !cumple {
                datos["esperado"] = "letras, dígitos y - . _ /, sin espacios"
                return .failure(ProblemaValor(codigo: "formato-invalido", datos: datos))
            }
        }
        return .success(.texto(texto))
    }

    /// `1,234`, `1234.0`, ` 12 `; nil otherwise.
    static func numeroDeTexto(_ texto: String) -> Double? {
        var t = texto.replacingOccurrences(of: " ", with: "")
        let partes = t.split(separator: ".", omittingEmptySubsequences: false)
        if t.contains(",") {
            // Thousands separators only: groups of three digits after the first.
            let grupos = partes[0].split(separator: ",", omittingEmptySubsequences: false)
            guard grupos.count > 1, grupos.dropFirst().allSatisfy({ $0.count == 3 }), (1...3).contains(grupos[0].count)
            else { return nil }
            t = t.replacingOccurrences(of: ",", with: "")
        }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) else { return nil }
        return Double(t)
    }

    private func leerNumero(_ celda: CellValue, _ texto: String, _ campo: Campo, _ datos: [String: String])
        -> Result<Valor, ProblemaValor>
    {
        var datos = datos
        let entero = campo.tipo == .entero
        let numero: Double?
        switch celda {
        case .number(let n): numero = n
        case .bool(let b): numero = b ? 1 : 0
        default: numero = Self.numeroDeTexto(texto)
        }
        guard let n = numero else {
            return .failure(
                ProblemaValor(codigo: "tipo-invalido", variante: entero ? "entero" : "decimal", datos: datos))
        }
        if entero && n != n.rounded() {
            return .failure(ProblemaValor(codigo: "tipo-invalido", variante: "entero-decimales", datos: datos))
        }
        datos["valor"] = formatoNumero(n)
        if let igual = campo.igualA, let esperado = Double(igual), n != esperado {
            datos["esperado"] = igual
            let codigo = campo.codigo ?? "fuera-de-rango"
            return .failure(
                ProblemaValor(
                    codigo: codigo, variante: codigo == "identificacion-invalida" ? "anio" : nil, datos: datos))
        }
        var limites: [String] = []
        var fuera = false
        if let m = campo.minimo {
            limites.append("mínimo \(formatoNumero(m))")
            if n < m { fuera = true }
        }
        if let m = campo.mayorQue {
            limites.append("mayor que \(formatoNumero(m))")
            if n <= m { fuera = true }
        }
        if let m = campo.maximo {
            limites.append("máximo \(formatoNumero(m))")
            if n > m { fuera = true }
        }
        if fuera {
            datos["esperado"] = limites.joined(separator: ", ")
            return .failure(ProblemaValor(codigo: "fuera-de-rango", datos: datos))
        }
        return .success(.numero(n))
    }

    private func leerFecha(_ celda: CellValue, _ texto: String, _ campo: Campo, _ datos: [String: String])
        -> Result<Valor, ProblemaValor>
    {
        switch celda {
        case .date(let d) where !d.isTimeOnly:
            return .success(.fecha(d.daysSinceEpoch))
        case .number(let n) where n >= 1 && n < 2_958_466 && n == n.rounded():
            // A date typed into a cell without date format shows its serial number.
            if let d = sistemaFechas.dateTime(fromSerial: n) { return .success(.fecha(d.daysSinceEpoch)) }
        case .text(let t):
            if let f = Fecha(texto: t) { return .success(.fecha(f.dias)) }
            // `aaaa-mm-ddThh:mm` text, as some programs export dates.
            if t.count > 10, let d = ISODate.parse(t.trimmingCharacters(in: .whitespaces)), !d.isTimeOnly {
                return .success(.fecha(d.daysSinceEpoch))
            }
        default: break
        }
        return .failure(ProblemaValor(codigo: "tipo-invalido", variante: "fecha", datos: datos))
    }

    private func leerCatalogo(
        _ texto: String, _ nombre: String, _ extras: [String], _ campo: Campo, _ datos: [String: String]
    ) -> Result<Valor, ProblemaValor> {
        var datos = datos
        let n = normalizar(texto)
        for extra in extras {
            if normalizar(extra) == n || normalizar(metodologia.valoresExtra[extra] ?? "\u{0}") == n {
                return .success(.texto(extra))
            }
        }
        // `0` or `00` for «Nacional» when the field accepts 00.
        if extras.contains("00"), Int(n) == 0 { return .success(.texto("00")) }
        guard let catalogo = metodologia.catalogos[nombre] else { return .success(.texto(texto)) }
        if let clave = catalogo.clave(para: texto) { return .success(.texto(clave)) }
        datos["catalogo"] = "«\(nombre)»"
        if campo.codigo == "identificacion-invalida" {
            return .failure(ProblemaValor(codigo: "identificacion-invalida", variante: "instancia", datos: datos))
        }
        if let s = catalogo.sugerencia(para: texto) {
            datos["sugerencia"] = s
            return .failure(ProblemaValor(codigo: "fuera-de-catalogo", datos: datos))
        }
        return .failure(ProblemaValor(codigo: "fuera-de-catalogo", variante: "sin-sugerencia", datos: datos))
    }
}
