import Foundation
import Metodologia
import Testing

/// `normalizar`'s byte-by-byte path for Latin letters gives what Unicode folding gives.
@Suite("Normalización")
struct NormalizacionTests {
    /// The reference: Foundation's folding with the same spacing rules.
    func plegado(_ texto: String) -> String {
        texto.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "_", with: " ").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test("Cada letra de U+00C0 a U+00FF, sola y entre otras")
    func letrasLatinas() {
        for valor in 0xC0...0xFF {
            guard let escalar = Unicode.Scalar(valor) else { continue }
            let letra = String(Character(escalar))
            for texto in [letra, "x\(letra)Y", " \(letra)_b ", "\(letra)\(letra)"] {
                #expect(normalizar(texto) == plegado(texto), "«\(texto)» (U+\(String(valor, radix: 16)))")
            }
        }
    }

    @Test("Textos al azar con acentos, espacios y guiones bajos")
    func alAzar() {
        let piezas = [
            "a", "Á", "ñ", "Ü", "ç", " ", "_", "  ", "Z", "9", "é", "ÿ", "ß", "Ø", "\t", "México", "e\u{301}",
        ]
        var generador = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let texto = (0..<Int.random(in: 0...8, using: &generador)).map { _ in
                piezas.randomElement(using: &generador) ?? ""
            }.joined()
            #expect(normalizar(texto) == plegado(texto), "«\(texto)»")
        }
        #expect(normalizar("  Fecha_de   Identificación ") == "fecha de identificacion")
        #expect(normalizar("NUEVO LEÓN") == "nuevo leon")
    }
}
