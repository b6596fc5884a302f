import Foundation

/// A value set by another thread, read after it finished.
final class Resultado<T: Sendable>: @unchecked Sendable {
    private var guardado: T?
    private let cerrojo = NSLock()

    func poner(_ v: T) {
        cerrojo.lock()
        guardado = v
        cerrojo.unlock()
    }

    var valor: T? {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        return guardado
    }
}

/// Results written by several threads, each into its own slot.
final class ResultadosEnOrden<T>: @unchecked Sendable {
    private var slots: [T?]
    private let cerrojo = NSLock()

    init(_ cuantos: Int) { slots = Array(repeating: nil, count: cuantos) }

    func poner(_ k: Int, _ valor: T) {
        cerrojo.lock()
        slots[k] = valor
        cerrojo.unlock()
    }

    var valores: [T?] {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        return slots
    }
}

/// The next index to work on, shared by threads.
final class Contador: @unchecked Sendable {
    private var valor = 0
    private let cerrojo = NSLock()

    func tomar(menorQue limite: Int) -> Int? {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        guard valor < limite else { return nil }
        valor += 1
        return valor - 1
    }
}
