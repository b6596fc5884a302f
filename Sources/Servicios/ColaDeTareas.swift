import CairoOutput
import Foundation

/// Tasks taken one at a time, in the order they were added, by whichever thread is free; each thread
/// brings its own text measurer. Tasks can be added while threads already work on it: a thread with
/// nothing to do waits for more until the queue is closed.
///
/// ```swift
/// let cola = ColaDeTareas()
/// let otro = cola.enOtroHilo { PangoTextMeasurer() }
/// cola.agregar([{ medidor in dibujar(medidor) }])
/// cola.cerrar()
/// cola.trabajar(PangoTextMeasurer())  // this thread joins in
/// otro.esperar()
/// ```
final class ColaDeTareas: @unchecked Sendable {
    typealias Tarea = @Sendable (PangoTextMeasurer) -> Void

    private var tareas: [Tarea] = []
    private var siguiente = 0
    private var cerrada = false
    private let condicion = NSCondition()

    func agregar(_ nuevas: [Tarea]) {
        condicion.lock()
        tareas += nuevas
        condicion.broadcast()
        condicion.unlock()
    }

    /// No more tasks will come: a thread with nothing left to do returns.
    func cerrar() {
        condicion.lock()
        cerrada = true
        condicion.broadcast()
        condicion.unlock()
    }

    /// Runs tasks until the queue is closed and none is left.
    func trabajar(_ medidor: PangoTextMeasurer) {
        while true {
            condicion.lock()
            while siguiente >= tareas.count && !cerrada { condicion.wait() }
            guard siguiente < tareas.count else {
                condicion.unlock()
                return
            }
            let tarea = tareas[siguiente]
            tareas[siguiente] = { _ in }  // what it holds is freed once it has run
            siguiente += 1
            condicion.unlock()
            tarea(medidor)
        }
    }

    /// Works on the queue from a thread of its own (not one of Dispatch's shared pool: it waits for
    /// tasks, and a pool thread kept waiting would leave other work without one), with the measurer
    /// `medidor` makes there; when it makes none (nothing can be drawn), the thread takes no task.
    func enOtroHilo(_ medidor: @escaping @Sendable () -> PangoTextMeasurer?) -> HiloDeTrabajo {
        let hilo = HiloDeTrabajo()
        let trabajo = Thread { [self] in
            if let m = medidor() { trabajar(m) }
            hilo.terminado.signal()
        }
        trabajo.stackSize = 8 << 20
        trabajo.start()
        return hilo
    }
}

/// A thread working on a ``ColaDeTareas``: `esperar` returns once it is done (and again at once).
final class HiloDeTrabajo: @unchecked Sendable {
    fileprivate let terminado = DispatchSemaphore(value: 0)
    private var esperado = false
    private let cerrojo = NSLock()

    func esperar() {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        guard !esperado else { return }
        terminado.wait()
        esperado = true
    }
}
