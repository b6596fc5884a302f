import Testing

@testable import Validacion

/// `MemoTextos`: what a column's texts gave, by text.
@Suite("Memoria de textos por columna")
struct MemoTextosTests {
    /// Texts that differ in one byte, in case, in accents (a composed and a decomposed «é» are two
    /// texts: their bytes differ), empty, long, and many more than the table starts with: each gives
    /// back what was stored for it, compared with a dictionary of their bytes filled alongside.
    @Test func comoUnDiccionario() {
        var memo = MemoTextos<Int>(limite: 10_000)
        var esperado: [[UInt8]: Int] = [:]
        var textos = ["", "a", "A", "b", "Mujer", "mujer", "México", "Me\u{301}xico", "explotacion_sexual"]
        textos += (0..<3_000).map { "EST09-V-\($0)" }
        textos.append(String(repeating: "x", count: 300))
        for (i, t) in textos.enumerated() {
            #expect(memo.buscar(t) == esperado[Array(t.utf8)], "\(t)")
            memo.guardar(t, i)
            esperado[Array(t.utf8)] = i
        }
        for t in textos { #expect(memo.buscar(t) == esperado[Array(t.utf8)], "\(t)") }
        #expect(memo.buscar("EST09-V-3000") == nil)
        #expect(memo.buscar("mujer ") == nil)
        // Stored again: the new value.
        memo.guardar("Mujer", -1)
        #expect(memo.buscar("Mujer") == -1)
        #expect(memo.cuenta == esperado.count && esperado.count == textos.count)
        #expect(memo.buscar("México") != memo.buscar("Me\u{301}xico"))
    }

    /// Past its limit it remembers nothing more, and forgets nothing it had.
    @Test func limite() {
        var memo = MemoTextos<String>(limite: 3)
        for t in ["uno", "dos", "tres", "cuatro", "cinco"] { memo.guardar(t, t.uppercased()) }
        #expect(memo.cuenta == 3)
        #expect(memo.buscar("uno") == "UNO" && memo.buscar("tres") == "TRES")
        #expect(memo.buscar("cuatro") == nil && memo.buscar("cinco") == nil)
    }
}
