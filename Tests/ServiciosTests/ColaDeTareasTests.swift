import CairoOutput
import Foundation
import Testing

@testable import Servicios

/// The build's task queue: a thread started before there is any work waits for tasks, takes them in
/// order as they are added, and leaves once the queue is closed and empty; a slot read before it is
/// set waits for it.
@Suite("Cola de tareas de construir")
struct ColaDeTareasTests {
    final class Registro: @unchecked Sendable {
        private var hechas: [Int] = []
        private let cerrojo = NSLock()
        func anotar(_ k: Int) {
            cerrojo.lock()
            hechas.append(k)
            cerrojo.unlock()
        }
        var valores: [Int] {
            cerrojo.lock()
            defer { cerrojo.unlock() }
            return hechas
        }
    }

    @Test func elOtroHiloEsperaTareasYTodasSeHacenUnaVez() {
        let cola = ColaDeTareas()
        let registro = Registro()
        let otro = cola.enOtroHilo { PangoTextMeasurer() }
        // Added in three batches, the first while the other thread is still starting.
        for lote in 0..<3 {
            cola.agregar((0..<20).map { k in { _ in registro.anotar(lote * 20 + k) } })
            Thread.sleep(forTimeInterval: 0.01)
        }
        cola.cerrar()
        cola.trabajar(PangoTextMeasurer())
        otro.esperar()
        otro.esperar()  // a second wait returns at once
        #expect(registro.valores.sorted() == Array(0..<60))
        // Nothing runs after closing and joining.
        cola.agregar([{ _ in registro.anotar(99) }])
        #expect(registro.valores.count == 60)
    }

    @Test func sinOtroHiloLasTareasCorrenAlUnirseEnOrden() {
        let cola = ColaDeTareas()
        let registro = Registro()
        cola.agregar((0..<5).map { k in { _ in registro.anotar(k) } })
        #expect(registro.valores.isEmpty)
        cola.agregar((5..<8).map { k in { _ in registro.anotar(k) } })
        cola.cerrar()
        cola.trabajar(PangoTextMeasurer())
        #expect(registro.valores == Array(0..<8))
    }

    @Test func unaPromesaLeidaAntesDeCumplirseEspera() {
        let promesas = Promesas<String>(3)
        let hilo = Thread {
            Thread.sleep(forTimeInterval: 0.05)
            promesas.cumplir(2, "dos")
            promesas.cumplir(0, "cero")
        }
        hilo.start()
        #expect(promesas.esperar(2) == "dos")
        #expect(promesas.esperar(0) == "cero")
        promesas.cumplir(1, "uno")
        #expect((0..<3).map(promesas.esperar) == ["cero", "uno", "dos"])
    }
}
