import Foundation
import Testing

@testable import Metodologia

/// `esSinDato` skips normalizing texts that start like no mark: it must say exactly what comparing the
/// normalized text with the normalized marks says.
@Suite("Marcas de «sin dato»")
struct SinDatoTests {
    static let raiz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("Igual que comparar los textos normalizados, con marcas que empiezan con letra, dígito, signo o acento")
    func comoCompararNormalizados() throws {
        var m = try Metodologia.cargar(carpeta: Self.raiz.appendingPathComponent("Instrumento/2017"))
        #expect(m.esSinDato("ND") && m.esSinDato(" n/d ") && m.esSinDato("No  Disponible") && !m.esSinDato("NA"))
        let marcas = ["ND", "N/D", "S/D", "No disponible", "99", "-", "Ñ/D", "Ámbito no aplica", "_x"]
        m.sinDatoNormalizado = Set(marcas.map(normalizar))
        let piezas = [
            "N", "n", "D", "/", "9", "-", "Ñ", "ñ", "Á", "a", " ", "_", "\t", "\u{0B}", "x", "X", "S", "no",
            " disponible",
            "Ω", "e\u{0301}", "0", "\u{00A0}",
        ]
        var generador = SystemRandomNumberGenerator()
        var textos = marcas + marcas.map { $0.uppercased() } + marcas.map { " \($0)\t" }
        for _ in 0..<20_000 {
            let n = Int.random(in: 1...5, using: &generador)
            textos.append((0..<n).map { _ in piezas.randomElement(using: &generador) ?? "" }.joined())
        }
        let normalizadas = Set(marcas.map(normalizar))
        for texto in textos {
            let esperado = texto.utf8.count <= 24 && normalizadas.contains(normalizar(texto))
            #expect(m.esSinDato(texto) == esperado, "«\(texto.unicodeScalars.map { String($0.value, radix: 16) })»")
        }
        #expect(m.esSinDato("99") && m.esSinDato(" - ") && m.esSinDato("ñ/d") && m.esSinDato("X") && !m.esSinDato("9"))
        #expect(m.algunaMarcaEmpiezaCon(UInt8(ascii: "9")) && !m.algunaMarcaEmpiezaCon(UInt8(ascii: "1")))
    }
}

/// The catalogs' synonyms are trimmed as Foundation's `trimmingCharacters(in: .whitespaces)` trims them,
/// without Foundation: every combination of edges (ASCII, accented, tab, no-break and other Unicode
/// spaces, line breaks, which are not trimmed) gives the same text.
@Suite("Sinónimos sin espacios al borde")
struct SinEspaciosAlBordeTests {
    @Test func igualQueFoundation() {
        let bordes = ["", " ", "\t", "\u{A0}", "\u{2003}", "\u{3000}", "\n", "\u{200B}", "  \t", "\u{A0} "]
        let centros = ["", "a", "Á", "México", "a b", "ñ\u{A0}ñ", "9", "😀", "e\u{301}"]
        for izquierda in bordes {
            for centro in centros {
                for derecha in bordes {
                    let texto = izquierda + centro + derecha
                    #expect(
                        sinEspaciosAlBorde(Substring(texto))
                            == texto.trimmingCharacters(in: .whitespaces),
                        "«\(texto.unicodeScalars.map { String($0.value, radix: 16) })»")
                }
            }
        }
        // Every scalar Foundation trims, and no other, alone between two letters' edges.
        for v in 0..<0x3100 {
            guard let e = Unicode.Scalar(v) else { continue }
            let texto = String(e) + "x" + String(e)
            #expect(
                sinEspaciosAlBorde(Substring(texto))
                    == texto.trimmingCharacters(in: .whitespaces), "U+\(String(v, radix: 16))")
        }
    }
}

/// `{anio}` and `{version}` in a field's `igual_a`, replaced without Foundation.
@Suite("Marcas de igual_a")
struct SustituirTests {
    @Test func cadaAparicionSeReemplaza() {
        #expect(CargadorMetodologia.sustituir("{anio}", por: "2017", en: "{anio}") == "2017")
        #expect(CargadorMetodologia.sustituir("{anio}", por: "2017", en: "a{anio}b{anio}") == "a2017b2017")
        #expect(CargadorMetodologia.sustituir("{anio}", por: "2017", en: "{ani") == "{ani")
        #expect(CargadorMetodologia.sustituir("{anio}", por: "", en: "x{anio}") == "x")
        #expect(
            CargadorMetodologia.sustituir("{version}", por: "2017.1", en: "versión {version} ñ") == "versión 2017.1 ñ")
        #expect(CargadorMetodologia.sustituir("", por: "x", en: "abc") == "abc")
        #expect(CargadorMetodologia.sustituir("{anio}", por: "2017", en: "") == "")
    }
}
