import Foundation
import Metodologia
import Testing

/// The byte-by-byte check of `[clase]{m,n}` patterns says exactly what the regular-expression engine says.
@Suite("Patrones simples")
struct PatronSimpleTests {
    @Test func coincideConNSRegularExpression() throws {
        let patrones = [
            "[A-Za-z0-9._/-]{1,30}", "[A-Za-z0-9-]{3,30}", "[0-9]+", "[a-z]*", "[A-Z]{2}", "[-a]{1,}", "[a-]{0,3}",
            "[0-9]",
        ]
        let textos = [
            "", "a", "V-2017-001", "ab cd", "ñ", "Ñandú", "A/B.C_D", String(repeating: "x", count: 31), "--", "AB",
            "ABC", "-a-", "7", "77", "CAP-001", "a\n", "a\r\n", "a\n\n", "\n", "a\u{2028}", "a\tb", "é1",
            "a\r", "a\u{85}", "a\u{2029}", "\r\n", "a\n\r", "a\r\r", "a\u{301}", "\u{2028}", "ab\r\n\n",
            "abc\u{85}\n", "a\u{2029}\u{2029}", "0\r\n",
        ]
        for p in patrones {
            let simple = try #require(PatronSimple(p), "\(p) es simple")
            let regex = try NSRegularExpression(pattern: "^(?:\(p))$")
            for t in textos {
                let esperado = regex.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)) != nil
                #expect(simple.acepta(t) == esperado, "\(p) con «\(t)»")
            }
        }
        for otro in ["[^a]+", "(a|b)", "[a-z]{2}x", "\\d+", "[\\w]+", "[a-z]{3,1}", "[z-a]", "[]", "[a-z]{,2}"] {
            #expect(PatronSimple(otro) == nil, "\(otro) queda para el motor de expresiones regulares")
        }
    }

    @Test("Patron: la forma simple sin ICU, cualquier otra con la expresión regular, nil si no compila")
    func patron() {
        guard case .simple? = Patron("[A-Za-z0-9-]{3,30}") else {
            Issue.record("[clase]{m,n} debería ser simple")
            return
        }
        #expect(Patron("[A-Za-z0-9-]{3,30}")?.acepta("V-2017-001") == true)
        #expect(Patron("[A-Za-z0-9-]{3,30}")?.acepta("V 2017") == false)
        #expect(Patron("(ab)+|X")?.acepta("abab") == true)
        #expect(Patron("(ab)+|X")?.acepta("aba") == false)
        #expect(Patron("(ab)+|X")?.acepta("xX") == false)
        #expect(Patron("[a-") == nil)
        #expect(Patron("(ab") == nil)
    }
}
