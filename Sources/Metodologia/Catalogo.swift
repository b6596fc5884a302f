/// A catalog: its entries and how a cell value finds its clave.
///
/// ```swift
/// catalogo.clave(para: "femenino")  // "mujer" (a synonym)
/// catalogo.sugerencia(para: "Mujr")  // "Mujer"
/// ```
public struct Catalogo: Sendable {
    public struct Entrada: Sendable, Hashable {
        public var clave: String
        public var etiqueta: String
        public var sinonimos: [String]
        /// Every column of the catalog's row, by header.
        public var atributos: [String: String]
    }

    public var nombre: String
    public var entradas: [Entrada]
    /// Accept claves without leading zeros (INEGI keys: `9` = `09`).
    public var claveNumerica: Bool
    private var indice: [String: String] = [:]
    private var porClave: [String: Int] = [:]

    public init(nombre: String, entradas: [Entrada], claveNumerica: Bool) {
        self.nombre = nombre
        self.entradas = entradas
        self.claveNumerica = claveNumerica
        for (i, e) in entradas.enumerated() {
            porClave[e.clave] = i
            for forma in [e.clave, e.etiqueta] + e.sinonimos where !forma.isEmpty {
                let n = normalizar(forma)
                if indice[n] == nil { indice[n] = e.clave }
            }
        }
    }

    /// The clave a cell's text stands for, or nil when it is not in the catalog.
    public func clave(para texto: String) -> String? { clave(normalizada: normalizar(texto)) }

    /// The clave for a text already passed through `normalizar`.
    public func clave(normalizada n: String) -> String? {
        if let c = indice[n] { return c }
        if claveNumerica, let numero = Int(n), numero >= 0 {
            for e in entradas where Int(e.clave) == numero { return e.clave }
        }
        return nil
    }

    public func entrada(_ clave: String) -> Entrada? { porClave[clave].map { entradas[$0] } }

    public func contiene(_ clave: String) -> Bool { porClave[clave] != nil }

    /// The label of the entry closest to `texto` (edit distance on normalized forms), when close enough.
    public func sugerencia(para texto: String) -> String? {
        let n = normalizar(texto)
        guard !n.isEmpty else { return nil }
        var mejor: (distancia: Int, etiqueta: String)?
        for e in entradas {
            for forma in [e.clave, e.etiqueta] + e.sinonimos where !forma.isEmpty {
                let f = normalizar(forma)
                let d = distanciaEdicion(n, f)
                // Also a prefix match for long labels ("explotacion sexual" in a long etiqueta).
                let efectiva = f.hasPrefix(n) && n.count >= 4 ? min(d, 1) : d
                if efectiva < (mejor?.distancia ?? Int.max) { mejor = (efectiva, e.etiqueta) }
            }
        }
        guard let mejor else { return nil }
        let limite = max(2, n.count / 3)
        return mejor.distancia <= limite ? mejor.etiqueta : nil
    }
}

/// Levenshtein distance between two strings (by Unicode scalars).
public func distanciaEdicion(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var anterior = Array(0...y.count)
    var actual = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        actual[0] = i
        for j in 1...y.count {
            actual[j] = min(anterior[j] + 1, actual[j - 1] + 1, anterior[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        swap(&anterior, &actual)
    }
    return anterior[y.count]
}
