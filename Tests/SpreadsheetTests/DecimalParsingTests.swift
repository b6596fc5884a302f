import Foundation
import Testing

@testable import Spreadsheet

/// The decimal fast paths give exactly the double `strtod` gives (correct rounding, ties to even).
@Suite("Números decimales")
struct DecimalParsingTests {
    private func strtodValue(_ text: String) -> Double {
        text.withCString { strtod($0, nil) }
    }

    private func fast(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { parsePlainDecimal($0) }
    }

    @Test("16 a 19 cifras con hasta 22 decimales: los mismos bits que strtod")
    func exactoComoStrtod() {
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for _ in 0..<200_000 {
            let digits = Int.random(in: 1...19, using: &generator)
            var text = String(Int.random(in: 1...9, using: &generator))
            for _ in 1..<digits { text.append(Character(String(Int.random(in: 0...9, using: &generator)))) }
            let scale = Int.random(in: 0...min(22, digits + 3), using: &generator)
            let padded = String(repeating: "0", count: max(0, scale - text.count + 1)) + text
            let cut = padded.index(padded.endIndex, offsetBy: -scale)
            let decimal = scale == 0 ? padded : padded[..<cut] + "." + padded[cut...]
            guard let value = fast(decimal) else {
                Issue.record("«\(decimal)» no tomó el camino rápido")
                continue
            }
            #expect(value.bitPattern == strtodValue(decimal).bitPattern, "«\(decimal)»")
            checked += 1
        }
        #expect(checked == 200_000)
    }

    @Test("Casos límite: empates, el máximo de 64 bits, muchos ceros")
    func casosLimite() {
        let casos = [
            "9007199254740993", "9007199254740995", "18446744073709551615", "9999999999999999999",
            "0.0000000000000000000001", "1234567890123456.789", "0.30000000000000004", "0.1", "-0.8444218515250481",
            "4503599627370497.5", "1.0000000000000002220446049250313", "123456789012345678.9",
        ]
        for caso in casos {
            let esperado = strtodValue(caso)
            if let valor = fast(caso) {
                #expect(valor.bitPattern == esperado.bitPattern, "«\(caso)»")
            }
            let completo = Array(caso.utf8).withUnsafeBufferPointer { parseDouble($0) }
            #expect(completo?.bitPattern == esperado.bitPattern, "«\(caso)»")
        }
        // More than 19 significant digits or 22 decimals is left to strtod.
        #expect(fast("12345678901234567890") == nil)
        #expect(fast("0.00000000000000000000001") == nil)
        #expect(fast("1e5") == nil)
        #expect(fast("-") == nil)
        #expect(fast(".") == nil)
    }
}
