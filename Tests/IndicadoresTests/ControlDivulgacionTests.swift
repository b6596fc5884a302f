import Indicadores
import Testing

@Suite("Control de divulgación (§7)")
struct ControlDivulgacionTests {
    let control = ControlDivulgacion(k: 5)

    func marcas(_ t: [[ControlDivulgacion.Celda]]) -> [[String]] {
        t.map { fila in fila.map { $0.suprimida ? "x" : String($0.valor) } }
    }

    @Test func primariaEnUnaColumnaConTotal() {
        // A breakdown with its total: one small cell forces the next smallest.
        let t = control.suprimir([[40], [3], [12], [8]])
        #expect(marcas(t) == [["40"], ["x"], ["12"], ["x"]])
        #expect(t[1][0].motivo == .primaria)
        #expect(t[3][0].motivo == .secundariaColumna(0))
    }

    @Test func unaCeldaEnLaFilaObligaAOtra() {
        let t = control.suprimir([[20, 2, 30], [15, 25, 35]])
        // Row 1: 2 is primary; the next smallest of the row (20) is secondary; then column 1 has one
        // suppressed (2) → 25; column 0 has one (20) → 15; row 2 then has two. Stable.
        #expect(marcas(t) == [["x", "x", "30"], ["x", "x", "35"]])
        #expect(t[0][1].motivo == .primaria)
        #expect(t[0][0].motivo == .secundariaFila(0))
    }

    @Test func cadenasEntreFilasYColumnas() {
        let t = control.suprimir([[1, 10, 20], [30, 40, 50], [60, 70, 80]])
        let suprimidas = t.flatMap { $0 }.filter(\.suprimida).count
        #expect(suprimidas == 4)
        // Every row and column has zero or at least two suppressed cells.
        for fila in t { #expect(fila.filter(\.suprimida).count != 1) }
        for c in 0..<3 { #expect(t.map { $0[c] }.filter(\.suprimida).count != 1) }
    }

    @Test func cerosNoSeSuprimenSiHayOtraOpcion() {
        let t = control.suprimir([[0], [4], [0], [9], [22]])
        #expect(marcas(t) == [["0"], ["x"], ["0"], ["x"], ["22"]])
        // With only zeros left, a zero is suppressed so the small cell cannot be deduced.
        let solo = control.suprimir([[4], [0]])
        #expect(marcas(solo) == [["x"], ["x"]])
    }

    @Test func sinCeldasPequenas() {
        #expect(marcas(control.suprimir([[5, 6], [7, 8]])) == [["5", "6"], ["7", "8"]])
    }
}
