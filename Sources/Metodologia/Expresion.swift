/// An expression of the methodology's small language (rule conditions and indicator formulas).
///
/// ```swift
/// let e = try Expresion(analizando: "total_personas = mujeres + hombres")
/// e.campos  // ["total_personas", "mujeres", "hombres"]
/// ```
public indirect enum Expresion: Sendable, Hashable {
    case numero(Double)
    case texto(String)
    /// A field or a context value (`periodo.fin`, `instancia.tipo`, `victima.fecha_identificacion`).
    case campo(String)
    case llamada(String, [Expresion])
    case binaria(Operador, Expresion, Expresion)
    case negacion(Expresion)
    case opuesto(Expresion)
    case pertenece(Expresion, [Expresion])
    /// `expresión donde condición` (inside aggregate calls of indicator formulas).
    case donde(Expresion, Expresion)

    public enum Operador: String, Sendable, Hashable {
        case suma = "+"
        case resta = "-"
        case producto = "*"
        case cociente = "/"
        case igual = "="
        case distinto = "!="
        case menor = "<"
        case menorIgual = "<="
        case mayor = ">"
        case mayorIgual = ">="
        case y
        case o
        case implica = "=>"
        case equivale = "<=>"
    }

    /// Parses the text; throws ``ErrorExpresion`` with the position of the problem.
    public init(analizando texto: String) throws(ErrorExpresion) {
        var analizador = AnalizadorExpresion(texto)
        self = try analizador.todo()
    }

    /// Every identifier the expression reads (fields and context values), in order of appearance.
    public var campos: [String] {
        var out: [String] = []
        recorrer { e in
            if case .campo(let c) = e, !out.contains(c) { out.append(c) }
        }
        return out
    }

    /// Every function called, with its arguments.
    public var llamadas: [(String, [Expresion])] {
        var out: [(String, [Expresion])] = []
        recorrer { e in
            if case .llamada(let n, let args) = e { out.append((n, args)) }
        }
        return out
    }

    /// Visits this node and every sub-expression, depth first.
    public func recorrer(_ visitar: (Expresion) -> Void) {
        visitar(self)
        switch self {
        case .numero, .texto, .campo: break
        case .llamada(_, let args): for a in args { a.recorrer(visitar) }
        case .binaria(_, let a, let b), .donde(let a, let b):
            a.recorrer(visitar)
            b.recorrer(visitar)
        case .negacion(let a), .opuesto(let a): a.recorrer(visitar)
        case .pertenece(let a, let lista):
            a.recorrer(visitar)
            for e in lista { e.recorrer(visitar) }
        }
    }
}

/// A syntax error in an expression, with the character where it was found.
public struct ErrorExpresion: Error, Sendable, Equatable {
    public var mensaje: String
    public var posicion: Int
}

struct AnalizadorExpresion {
    enum Simbolo: Equatable {
        case numero(Double)
        case texto(String)
        case nombre(String)
        case operador(String)
        case abre, cierra, coma, fin
    }

    private var simbolos: [(Simbolo, Int)] = []
    private var i = 0
    private var errorLexico: ErrorExpresion?

    init(_ texto: String) {
        let c = Array(texto.unicodeScalars)
        var k = 0
        // ASCII answered without looking up Unicode properties (the methodology's formulas are ASCII).
        func esLetra(_ u: Unicode.Scalar) -> Bool {
            u.isASCII ? (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || u == "_" : u.properties.isAlphabetic
        }
        func esCifra(_ u: Unicode.Scalar) -> Bool {
            u.isASCII ? u >= "0" && u <= "9" : u.properties.numericType != nil
        }
        func esEspacio(_ u: Unicode.Scalar) -> Bool {
            u.isASCII ? u == " " || (u.value >= 9 && u.value <= 13) : u.properties.isWhitespace
        }
        while k < c.count {
            let u = c[k]
            if esEspacio(u) {
                k += 1
            } else if u.isASCII && esCifra(u) {
                let inicio = k
                while k < c.count, c[k].isASCII, esCifra(c[k]) || c[k] == "." { k += 1 }
                let s = String(String.UnicodeScalarView(c[inicio..<k]))
                if let n = Double(s) {
                    simbolos.append((.numero(n), inicio))
                } else {
                    errorLexico = ErrorExpresion(mensaje: "número mal escrito «\(s)»", posicion: inicio)
                    return
                }
            } else if esLetra(u) {
                let inicio = k
                while k < c.count, esLetra(c[k]) || esCifra(c[k]) || c[k] == "." { k += 1 }
                simbolos.append((.nombre(String(String.UnicodeScalarView(c[inicio..<k]))), inicio))
            } else if u == "'" {
                let inicio = k
                k += 1
                var s = ""
                while k < c.count, c[k] != "'" {
                    s.unicodeScalars.append(c[k])
                    k += 1
                }
                guard k < c.count else {
                    errorLexico = ErrorExpresion(mensaje: "falta cerrar la comilla", posicion: inicio)
                    return
                }
                k += 1
                simbolos.append((.texto(s), inicio))
            } else if u == "(" {
                simbolos.append((.abre, k))
                k += 1
            } else if u == ")" {
                simbolos.append((.cierra, k))
                k += 1
            } else if u == "," {
                simbolos.append((.coma, k))
                k += 1
            } else {
                let resto = String(String.UnicodeScalarView(c[k..<min(k + 3, c.count)]))
                let ops = ["<=>", "<=", ">=", "!=", "=>", "<>", "=", "<", ">", "+", "-", "*", "/"]
                guard let op = ops.first(where: { resto.hasPrefix($0) }) else {
                    errorLexico = ErrorExpresion(mensaje: "carácter inesperado «\(u)»", posicion: k)
                    return
                }
                simbolos.append((.operador(op == "<>" ? "!=" : op), k))
                k += op.count
            }
        }
        simbolos.append((.fin, c.count))
    }

    private var actual: Simbolo { simbolos[i].0 }
    private var posicion: Int { simbolos[i].1 }

    private mutating func fallar(_ mensaje: String) -> ErrorExpresion {
        ErrorExpresion(mensaje: mensaje, posicion: posicion)
    }

    private mutating func consumir(_ s: Simbolo) -> Bool {
        if actual == s {
            i += 1
            return true
        }
        return false
    }

    private mutating func palabra(_ p: String) -> Bool { consumir(.nombre(p)) }
    private mutating func operador(_ o: String) -> Bool { consumir(.operador(o)) }

    mutating func todo() throws(ErrorExpresion) -> Expresion {
        if let errorLexico { throw errorLexico }
        let e = try equivalencia()
        guard actual == .fin else { throw fallar("sobra texto después de la expresión") }
        return e
    }

    private mutating func equivalencia() throws(ErrorExpresion) -> Expresion {
        var e = try implicacion()
        while operador("<=>") { e = .binaria(.equivale, e, try implicacion()) }
        return e
    }

    private mutating func implicacion() throws(ErrorExpresion) -> Expresion {
        let e = try disyuncion()
        if operador("=>") { return .binaria(.implica, e, try implicacion()) }
        return e
    }

    private mutating func disyuncion() throws(ErrorExpresion) -> Expresion {
        var e = try conjuncion()
        while palabra("o") { e = .binaria(.o, e, try conjuncion()) }
        return e
    }

    private mutating func conjuncion() throws(ErrorExpresion) -> Expresion {
        var e = try negacion()
        while palabra("y") { e = .binaria(.y, e, try negacion()) }
        return e
    }

    private mutating func negacion() throws(ErrorExpresion) -> Expresion {
        if palabra("no") { return .negacion(try negacion()) }
        return try comparacion()
    }

    private mutating func comparacion() throws(ErrorExpresion) -> Expresion {
        let e = try aditiva()
        for (texto, op) in [
            ("=", Expresion.Operador.igual), ("!=", .distinto), ("<=", .menorIgual), (">=", .mayorIgual), ("<", .menor),
            (">", .mayor),
        ] where operador(texto) {
            return .binaria(op, e, try aditiva())
        }
        if palabra("en") {
            guard consumir(.abre) else { throw fallar("después de «en» va una lista entre paréntesis") }
            var lista: [Expresion] = []
            repeat { lista.append(try aditiva()) } while consumir(.coma)
            guard consumir(.cierra) else { throw fallar("falta cerrar el paréntesis de la lista") }
            return .pertenece(e, lista)
        }
        return e
    }

    private mutating func aditiva() throws(ErrorExpresion) -> Expresion {
        var e = try multiplicativa()
        while true {
            if operador("+") {
                e = .binaria(.suma, e, try multiplicativa())
            } else if operador("-") {
                e = .binaria(.resta, e, try multiplicativa())
            } else {
                return e
            }
        }
    }

    private mutating func multiplicativa() throws(ErrorExpresion) -> Expresion {
        var e = try unaria()
        while true {
            if operador("*") {
                e = .binaria(.producto, e, try unaria())
            } else if operador("/") {
                e = .binaria(.cociente, e, try unaria())
            } else {
                return e
            }
        }
    }

    private mutating func unaria() throws(ErrorExpresion) -> Expresion {
        if operador("-") { return .opuesto(try unaria()) }
        return try primaria()
    }

    private mutating func primaria() throws(ErrorExpresion) -> Expresion {
        switch actual {
        case .numero(let n):
            i += 1
            return .numero(n)
        case .texto(let t):
            i += 1
            return .texto(t)
        case .nombre(let n):
            guard !["y", "o", "no", "en", "donde"].contains(n) else { throw fallar("falta un valor antes de «\(n)»") }
            i += 1
            if consumir(.abre) {
                var args: [Expresion] = []
                if !consumir(.cierra) {
                    repeat {
                        var arg = try equivalencia()
                        if palabra("donde") { arg = .donde(arg, try equivalencia()) }
                        args.append(arg)
                    } while consumir(.coma)
                    guard consumir(.cierra) else { throw fallar("falta cerrar el paréntesis de «\(n)(…)»") }
                }
                return .llamada(n, args)
            }
            return .campo(n)
        case .abre:
            i += 1
            let e = try equivalencia()
            guard consumir(.cierra) else { throw fallar("falta cerrar un paréntesis") }
            return e
        case .fin:
            throw fallar("la expresión termina antes de tiempo")
        default:
            throw fallar("se esperaba un valor")
        }
    }
}
