import Foundation
import Metodologia
import Spreadsheet

/// Whether a byte is ASCII and not whitespace (tab, line breaks, space).
@inline(__always)
private func esVisibleASCII(_ b: UInt8) -> Bool { b > 32 && b < 0x7F }

/// Whether the text has something besides whitespace.
func tieneTexto(_ t: String) -> Bool {
    if let primero = t.utf8.first, esVisibleASCII(primero) { return true }
    return !recortar(t).isEmpty
}

/// The text without leading and trailing whitespace (fast when there is none).
func recortar(_ t: String) -> String {
    // Most values start and end with a visible ASCII character: nothing to look up.
    if let primero = t.utf8.first, let ultimo = t.utf8.last, esVisibleASCII(primero), esVisibleASCII(ultimo) {
        return t
    }
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

    init(codigo: String, variante: String? = nil, datos: DatosProblema) {
        self.codigo = codigo
        self.variante = variante
        self.datos = datos.diccionario
    }
}

/// The names a finding's message fills in, kept as two fields until a problem needs them: a
/// dictionary per cell read was a tenth of a validation.
struct DatosProblema {
    var campo: String
    var valor: String?
    private var otros: [String: String] = [:]

    init(campo: String) { self.campo = campo }

    subscript(_ nombre: String) -> String? {
        get { nombre == "campo" ? campo : nombre == "valor" ? valor : otros[nombre] }
        set {
            switch nombre {
            case "campo": campo = newValue ?? ""
            case "valor": valor = newValue
            default: otros[nombre] = newValue
            }
        }
    }

    var diccionario: [String: String] {
        var d = otros
        d["campo"] = campo
        if let valor { d["valor"] = valor }
        return d
    }
}

/// Reads cells as the methodology's types (§2): numbers from numeric cells or `1,234` text, dates from
/// date cells or `dd/mm/aaaa` / `aaaa-mm-dd` text, catalog values by clave, label or synonym.
struct LectorValores {
    let metodologia: Metodologia
    /// The workbook's date system (1904 for some Excel for Mac files).
    var sistemaFechas = DateSystem.date1900
    private var patrones: [String: Patron] = [:]
    /// Each extra value's normalized forms (its clave and its label in `valores_extra`).
    private var formasExtra: [String: Set<String>] = [:]
    /// Whether a «sin dato» mark starts with a digit (then a date's text could be one).
    private let marcaEmpiezaConDigito: Bool
    /// Whether the text is `algo@dominio.ext`: one `@`, no spaces, a dot inside the domain (what
    /// `^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$` says, without starting the regular-expression engine).
    static func esCorreo(_ texto: String) -> Bool {
        let partes = texto.split(separator: "@", omittingEmptySubsequences: false)
        guard partes.count == 2, !partes[0].isEmpty, !texto.contains(where: \.isWhitespace) else { return false }
        return partes[1].unicodeScalars.dropFirst().dropLast().contains(".")
    }

    init(metodologia: Metodologia) {
        self.metodologia = metodologia
        marcaEmpiezaConDigito = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains {
            metodologia.algunaMarcaEmpiezaCon($0)
        }
        for hoja in metodologia.hojas {
            for campo in hoja.campos {
                if case .catalogo(_, let extras) = campo.tipo {
                    for extra in extras {
                        formasExtra[extra] = Set(
                            [extra, metodologia.valoresExtra[extra]].compactMap { $0 }.map(normalizar))
                    }
                }
                if let p = campo.patron { patrones[p] = Patron(p) }
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
        // A date cell in a date field is its date: its text (`dd/mm/aaaa`, for messages) is not needed
        // unless a «sin dato» mark could start with a digit.
        if case .date(let d)? = celda, campo.tipo == .fecha, !d.isTimeOnly, !marcaEmpiezaConDigito {
            return .success(.fecha(d.daysSinceEpoch))
        }
        var datos = DatosProblema(campo: campo.etiqueta)
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
        // A catalog value is normalized once, for the «sin dato» marks and for the lookup.
        var normal: String?
        if case .catalogo = campo.tipo { normal = normalizar(texto) }
        if metodologia.esSinDato(texto, normalizado: normal) {
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
            resultado =
                Self.esCorreo(texto)
                ? .success(.texto(texto))
                : .failure(ProblemaValor(codigo: "formato-invalido", variante: "correo", datos: datos))
        case .entero, .decimal:
            resultado = leerNumero(celda, texto, campo, datos)
        case .fecha:
            resultado = leerFecha(celda, texto, campo, datos)
        case .catalogo(let nombre, let extras):
            resultado = leerCatalogo(texto, normal ?? normalizar(texto), nombre, extras, campo, datos)
        }
        return resultado
    }

    private func leerTexto(_ texto: String, _ campo: Campo, _ datos: DatosProblema) -> Result<Valor, ProblemaValor> {
        var datos = datos
        if let igual = campo.igualA, texto != igual {
            datos["esperado"] = igual
            return .failure(ProblemaValor(codigo: campo.codigo ?? "formato-invalido", datos: datos))
        }
        // Never more characters than UTF-8 bytes: counting characters only for long texts.
        if let largo = campo.largoMaximo, texto.utf8.count > largo, texto.count > largo {
            datos["valor"] = String(texto.count)
            datos["esperado"] = String(largo)
            return .failure(ProblemaValor(codigo: "fuera-de-rango", variante: "largo", datos: datos))
        }
        // A pattern that does not compile was already reported with the methodology.
        if let p = campo.patron, let patron = patrones[p] {
            if !patron.acepta(texto) {
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

    private func leerNumero(_ celda: CellValue, _ texto: String, _ campo: Campo, _ datos: DatosProblema)
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
        if let igual = campo.igualA, let esperado = Double(igual), n != esperado {
            datos["valor"] = formatoNumero(n)
            datos["esperado"] = igual
            let codigo = campo.codigo ?? "fuera-de-rango"
            return .failure(
                ProblemaValor(
                    codigo: codigo, variante: codigo == "identificacion-invalida" ? "anio" : nil, datos: datos))
        }
        let fuera =
            campo.minimo.map { n < $0 } == true || campo.mayorQue.map { n <= $0 } == true
            || campo.maximo.map { n > $0 } == true
        if fuera {
            var limites: [String] = []
            if let m = campo.minimo { limites.append("mínimo \(formatoNumero(m))") }
            if let m = campo.mayorQue { limites.append("mayor que \(formatoNumero(m))") }
            if let m = campo.maximo { limites.append("máximo \(formatoNumero(m))") }
            datos["valor"] = formatoNumero(n)
            datos["esperado"] = limites.joined(separator: ", ")
            return .failure(ProblemaValor(codigo: "fuera-de-rango", datos: datos))
        }
        return .success(.numero(n))
    }

    private func leerFecha(_ celda: CellValue, _ texto: String, _ campo: Campo, _ datos: DatosProblema)
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
            if t.count > 10, let d = ISODate.parse(sinEspaciosAlBorde(Substring(t))), !d.isTimeOnly {
                return .success(.fecha(d.daysSinceEpoch))
            }
        default: break
        }
        return .failure(ProblemaValor(codigo: "tipo-invalido", variante: "fecha", datos: datos))
    }

    private func leerCatalogo(
        _ texto: String, _ n: String, _ nombre: String, _ extras: [String], _ campo: Campo, _ datos: DatosProblema
    ) -> Result<Valor, ProblemaValor> {
        var datos = datos
        for extra in extras where formasExtra[extra]?.contains(n) == true {
            return .success(.texto(extra))
        }
        // `0` or `00` for «Nacional» when the field accepts 00.
        if extras.contains("00"), Int(n) == 0 { return .success(.texto("00")) }
        guard let catalogo = metodologia.catalogos[nombre] else { return .success(.texto(texto)) }
        if let clave = catalogo.clave(normalizada: n) { return .success(.texto(clave)) }
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
