import Foundation
import Testing
import Validacion

@testable import Servicios

/// The preparers of a batch may run far ahead of the loader over envíos already loaded (little memory)
/// but validate only a few ahead of it (their rows are kept until loaded).
@Suite("Validación en paralelo: cuánto se adelanta")
struct ValidacionEnParaleloTests {
    func preparado() -> Cargador.Preparado {
        Cargador.Preparado(resultado: ResultadoValidacion(archivo: "x.xlsx", instancia: nil, hallazgos: []))
    }

    /// Runs `cuerpo` on a thread of its own; true when it ended within `segundos`.
    func terminaEn(_ segundos: Double, _ cuerpo: @escaping @Sendable () -> Void) -> (Bool, DispatchSemaphore) {
        let hecho = DispatchSemaphore(value: 0)
        Thread {
            cuerpo()
            hecho.signal()
        }.start()
        return (hecho.wait(timeout: .now() + segundos) == .success, hecho)
    }

    @Test func losYaCargadosSeAdelantanHasta64YLosQueSeValidanHasta4() {
        let total = 100
        let v = ValidacionEnParalelo(total: total)
        // Nothing loaded yet: the preparers get the first 64 at once.
        for i in 0..<ValidacionEnParalelo.adelantoLigero { #expect(v.siguiente() == i) }
        // The 65th waits for the loader.
        let siguiente = Resultado<Int>()
        let (sinEsperar, hecho) = terminaEn(0.2) { siguiente.poner(v.siguiente() ?? -1) }
        #expect(!sinEsperar)
        // The first 4 may be validated now; the 5th waits for the loader to take the first.
        for i in 0..<ValidacionEnParalelo.adelanto {
            #expect(terminaEn(5) { v.esperarTurno(i) }.0)
        }
        let (turnoSinEsperar, turno) = terminaEn(0.2) { v.esperarTurno(ValidacionEnParalelo.adelanto) }
        #expect(!turnoSinEsperar)
        v.entregar(0, preparado())
        _ = v.tomar(0)
        // One taken: the 5th may be validated and the 65th handed out.
        #expect(turno.wait(timeout: .now() + 5) == .success)
        #expect(hecho.wait(timeout: .now() + 5) == .success)
        #expect(siguiente.valor == ValidacionEnParalelo.adelantoLigero)
        // Up to the end, then nil.
        for i in 1..<total {
            v.entregar(i, preparado())
            _ = v.tomar(i)
        }
        for i in (ValidacionEnParalelo.adelantoLigero + 1)..<total { #expect(v.siguiente() == i) }
        #expect(v.siguiente() == nil)
    }
}
