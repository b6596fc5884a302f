#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What each text already read in a column gave, looked up by the text's bytes (two texts are the
/// same when their UTF-8 bytes are: a composed and a decomposed «é» are kept apart) with a light hash
/// (FNV-1a) instead of the standard library's seeded one: a catalog column repeats a few short
/// texts over thousands of rows, and its lookup is one of the costs every row of an envío pays.
/// Open addressing, at most ``limite`` texts (a column of free text in a catalog field does not
/// grow memory without bound: later texts are simply not remembered).
///
/// ```swift
/// var memo = MemoTextos<Int>(limite: 100)
/// memo.guardar("Mujer", 2)
/// memo.buscar("Mujer")  // 2
/// ```
struct MemoTextos<Resultado> {
    let limite: Int
    private var claves: [String?] = []
    private var valores: [Resultado?] = []
    private var huellas: [UInt64] = []
    private(set) var cuenta = 0

    init(limite: Int) { self.limite = limite }

    /// FNV-1a over the text's UTF-8 bytes.
    @inline(__always)
    static func huella(_ texto: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var copia = texto
        copia.withUTF8 { bytes in
            for b in bytes {
                h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
            }
        }
        return h
    }

    /// Whether two texts have the same UTF-8 bytes (one `memcmp`, not a walk over two views).
    @inline(__always)
    static func mismosBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard let px = x.baseAddress, let py = y.baseAddress else { return true }
                return memcmp(px, py, x.count) == 0
            }
        }
    }

    func buscar(_ texto: String) -> Resultado? {
        guard cuenta > 0 else { return nil }
        let h = Self.huella(texto)
        let mascara = claves.count - 1
        var i = Int(truncatingIfNeeded: h) & mascara
        while let clave = claves[i] {
            if huellas[i] == h && Self.mismosBytes(clave, texto) { return valores[i] }
            i = (i + 1) & mascara
        }
        return nil
    }

    mutating func guardar(_ texto: String, _ valor: Resultado) {
        guard cuenta < limite else { return }
        if (cuenta + 1) * 2 > claves.count { crecer() }
        let h = Self.huella(texto)
        let mascara = claves.count - 1
        var i = Int(truncatingIfNeeded: h) & mascara
        while let clave = claves[i] {
            if huellas[i] == h && Self.mismosBytes(clave, texto) {
                valores[i] = valor
                return
            }
            i = (i + 1) & mascara
        }
        claves[i] = texto
        valores[i] = valor
        huellas[i] = h
        cuenta += 1
    }

    private mutating func crecer() {
        let anteriores = zip(claves, zip(valores, huellas))
        let capacidad = max(16, claves.count * 2)
        var nuevas = [String?](repeating: nil, count: capacidad)
        var nuevos = [Resultado?](repeating: nil, count: capacidad)
        var nuevasHuellas = [UInt64](repeating: 0, count: capacidad)
        let mascara = capacidad - 1
        for (clave, (valor, h)) in anteriores {
            guard let clave else { continue }
            var i = Int(truncatingIfNeeded: h) & mascara
            while nuevas[i] != nil { i = (i + 1) & mascara }
            nuevas[i] = clave
            nuevos[i] = valor
            nuevasHuellas[i] = h
        }
        claves = nuevas
        valores = nuevos
        huellas = nuevasHuellas
    }
}
