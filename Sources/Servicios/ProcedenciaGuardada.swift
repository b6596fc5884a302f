import Almacen
import Foundation
import Indicadores

/// Each envío's part of the lineage, kept in `interno/` between builds (like the text widths and the
/// earlier years' totals) under a fingerprint of everything it comes from: this program's binary, the
/// year's methodology, the envío (its SHA-256, instancia, version and whether its version 1 was
/// accepted), the list of values it is a part of and, for an indicator counting `distintos`, the
/// envíos before it. A rebuild after one envío changed works out only that envío's part. A missing
/// or damaged file is just not used; the file keeps only what the last build used.
///
/// ```swift
/// let guardada = ProcedenciaGuardada(firma: f, vigentes: vigentes, datos: datos, texto: try? String(contentsOf: url))
/// let a1 = calculador.procedencias(de: "A1", datos, totales, guardadas: guardada)
/// if guardada.cambio { try EscrituraAtomica.escribir(guardada.bytes, en: url) }
/// ```
final class ProcedenciaGuardada: ContribucionesGuardadas, @unchecked Sendable {
    private let firma: String
    /// Per envío (as in `datos.envios`): what identifies it, and what identifies the envíos before it.
    private let envios: [String]
    private let anteriores: [String]
    private var previas: [String: [Int: Contribucion]]
    private var usadas: [String: [Int: Contribucion]] = [:]
    /// Each indicator's list of values and its fingerprint, worked out once.
    private var listas: [String: (String, String)] = [:]
    private let cerrojo = NSLock()

    /// `vigentes` in the order of `datos.envios`; `texto` what an earlier build wrote.
    convenience init(firma: String, vigentes: [RegistroEnvio], datos: DatosAnio, texto: String?) {
        self.init(
            firma: firma, vigentes: vigentes, datos: datos,
            previas: texto.map { Self.leer($0, firma: Self.primeraLinea(firma)) } ?? [:])
    }

    /// With the parts an earlier build wrote already read (``leer(_:firma:)`` with ``primeraLinea(_:)``
    /// of `firma`): a build reads the file while it still loads the envíos.
    init(firma: String, vigentes: [RegistroEnvio], datos: DatosAnio, previas: [String: [Int: Contribucion]]) {
        // The file's first line.
        self.firma = Self.primeraLinea(firma)
        envios = zip(vigentes, datos.envios).map { r, e in
            Self.resumen("\(r.sha256) \(e.instancia) \(e.version) \(e.versionUnoAceptada)")
        }
        var previo = ""
        anteriores = envios.map { e in
            defer { previo = Self.resumen(previo + " " + e) }
            return previo
        }
        self.previas = previas
    }

    /// The file's first line for a signature (its line breaks as spaces).
    static func primeraLinea(_ firma: String) -> String { firma.replacingOccurrences(of: "\n", with: " ") }

    func buscar(indicador: String, envio k: Int, valores: String, conAnteriores: Bool) -> [Int: Contribucion]? {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        let c = clave(indicador, k, valores, conAnteriores)
        guard let kept = previas[c] ?? usadas[c] else { return nil }
        usadas[c] = kept
        return kept
    }

    func guardar(
        indicador: String, envio k: Int, valores: String, conAnteriores: Bool, _ contribuciones: [Int: Contribucion]
    ) {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        usadas[clave(indicador, k, valores, conAnteriores)] = contribuciones
    }

    /// Whether this build worked out a part the file did not have (or used fewer than it has).
    var cambio: Bool {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        return usadas.count != previas.count || usadas.keys.contains { previas[$0] == nil }
    }

    /// The parts this build used, as the file keeps them (sorted: the same parts give the same bytes).
    /// A sheet name that could not be read back (with a tab, `;`, `:` or a line break) leaves its part out.
    var bytes: [UInt8] {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        var out = Array(firma.utf8) + [10]
        out.reserveCapacity(usadas.count * 200)
        func entero(_ n: Int, _ b: inout [UInt8]) {
            if n >= 10 { entero(n / 10, &b) }
            b.append(UInt8(48 + n % 10))
        }
        for (c, partes) in usadas.sorted(by: { $0.key < $1.key }) {
            var bloque = [UInt8(ascii: "=")] + Array(c.utf8) + [10]
            var legible = true
            for (i, p) in partes.sorted(by: { $0.key < $1.key }) {
                entero(i, &bloque)
                bloque += [9] + Array("\(p.numerador)".utf8) + [9]
                if let d = p.denominador { bloque += Array("\(d)".utf8) }
                bloque.append(9)
                for (j, (hoja, filas)) in p.filas.sorted(by: { $0.key < $1.key }).enumerated() {
                    if hoja.utf8.contains(where: { [9, 10, 58, 59].contains($0) }) { legible = false }
                    if j > 0 { bloque.append(UInt8(ascii: ";")) }
                    bloque += Array(hoja.utf8) + [UInt8(ascii: ":")]
                    bloque += Array(Rastreo.Resultado.rangos(filas, separador: " ", guion: "-").utf8)
                }
                bloque.append(10)
            }
            if legible { out += bloque }
        }
        return out
    }

    private func clave(_ indicador: String, _ k: Int, _ valores: String, _ conAnteriores: Bool) -> String {
        let lista: String
        if let hecha = listas[indicador], hecha.0 == valores {
            lista = hecha.1
        } else {
            lista = Self.resumen(valores)
            listas[indicador] = (valores, lista)
        }
        return Self.resumen("\(indicador)\n\(envios[k])\n\(lista)\n\(conAnteriores ? anteriores[k] : "-")")
    }

    private static func resumen(_ texto: String) -> String {
        var h = SHA256()
        h.actualizar(Array(texto.utf8))
        return h.resumenHex
    }

    /// The parts in `texto`, or none when it is another build's (another program, methodology or
    /// year) or damaged anywhere. Read byte by byte: the file has some 5,000 lines.
    static func leer(_ texto: String, firma: String) -> [String: [Int: Contribucion]] {
        var texto = texto
        return texto.withUTF8 { b in
            var lector = Lector(b: b)
            guard lector.linea() == Array(firma.utf8)[...] else { return [:] }
            var out: [String: [Int: Contribucion]] = [:]
            var actual: String?
            var hojas: [ArraySlice<UInt8>: String] = [:]
            while !lector.fin {
                if lector.b[lector.i] == UInt8(ascii: "=") {
                    lector.i += 1
                    let c = String(decoding: lector.linea(), as: UTF8.self)
                    out[c] = [:]
                    actual = c
                    continue
                }
                guard let c = actual, let i = lector.entero(), lector.salta(9), let n = lector.numero(),
                    lector.salta(9)
                else { return [:] }
                var d: Double?
                if !lector.salta(9) {
                    guard let valor = lector.numero(), lector.salta(9) else { return [:] }
                    d = valor
                }
                // sheet:rows;sheet:rows, rows as `2-40 45`
                var filas: [String: [Int]] = [:]
                while !lector.fin && lector.b[lector.i] != 10 {
                    let desde = lector.i
                    while !lector.fin && ![UInt8(ascii: ":"), UInt8(ascii: ";"), 10].contains(lector.b[lector.i]) {
                        lector.i += 1
                    }
                    guard lector.salta(UInt8(ascii: ":")) else { return [:] }
                    let nombre = lector.b[desde..<(lector.i - 1)]
                    let hoja = hojas[Array(nombre)[...]] ?? String(decoding: nombre, as: UTF8.self)
                    hojas[Array(nombre)[...]] = hoja
                    var lista: [Int] = []
                    while !lector.fin && lector.b[lector.i] != 10 && lector.b[lector.i] != UInt8(ascii: ";") {
                        guard let a = lector.entero() else { return [:] }
                        var z = a
                        if lector.salta(UInt8(ascii: "-")) {
                            guard let hasta = lector.entero(), hasta >= a else { return [:] }
                            z = hasta
                        }
                        lista += a...z
                        _ = lector.salta(UInt8(ascii: " "))
                    }
                    filas[hoja] = lista
                    _ = lector.salta(UInt8(ascii: ";"))
                }
                guard lector.salta(10) else { return [:] }
                out[c]?[i] = Contribucion(
                    envio: 0, instancia: "", version: 0, filas: filas, numerador: n, denominador: d)
            }
            return out
        }
    }

    /// A cursor over the file's bytes.
    private struct Lector {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        var fin: Bool { i >= b.count }

        /// The rest of this line (without its line break), moving past it.
        mutating func linea() -> ArraySlice<UInt8> {
            let desde = i
            while i < b.count && b[i] != 10 { i += 1 }
            let out = Array(b[desde..<i])[...]
            if i < b.count { i += 1 }
            return out
        }

        mutating func salta(_ byte: UInt8) -> Bool {
            guard i < b.count, b[i] == byte else { return false }
            i += 1
            return true
        }

        mutating func entero() -> Int? {
            var n = 0
            let desde = i
            while i < b.count, b[i] >= 48, b[i] <= 57, i - desde < 18 {
                n = n * 10 + Int(b[i] - 48)
                i += 1
            }
            return i > desde ? n : nil
        }

        /// A number as Swift writes a `Double` (`1647.0`, `-2.5`, `1e-05`).
        mutating func numero() -> Double? {
            let desde = i
            while i < b.count, b[i] != 9, b[i] != 10 { i += 1 }
            return Double(String(decoding: b[desde..<i], as: UTF8.self))
        }
    }
}
