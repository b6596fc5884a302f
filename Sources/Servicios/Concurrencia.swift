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

/// Results written by several threads, each into its own slot (`inicial` until written).
final class ResultadosEnOrden<T>: @unchecked Sendable {
    private var slots: [T]
    private let cerrojo = NSLock()

    init(_ cuantos: Int, inicial: T) { slots = Array(repeating: inicial, count: cuantos) }

    func poner(_ k: Int, _ valor: T) {
        cerrojo.lock()
        slots[k] = valor
        cerrojo.unlock()
    }

    var valores: [T] {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        return slots
    }
}

/// A value computed once, by whichever thread asks first; the others wait for it.
final class UnaVez<T>: @unchecked Sendable {
    private var calculado: T?
    private let calcular: () -> T
    private let cerrojo = NSLock()

    init(_ calcular: @escaping () -> T) { self.calcular = calcular }

    var valor: T {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        if let calculado { return calculado }
        let v = calcular()
        calculado = v
        return v
    }
}

/// A value computed once, from what the first thread that asks brings (whatever any of them brings
/// gives the same value, such as a text measurer of the same fonts); the others wait for it.
///
/// ```swift
/// let marco = UnaVezCon<PangoTextMeasurer, Frame> { medidor in ChartLayout(measurer: medidor).layout(spec, width: 480, height: 300) }
/// let frame = marco.valor(medidorDeEsteHilo)
/// ```
final class UnaVezCon<A, T>: @unchecked Sendable {
    private var calculado: T?
    private let calcular: (A) -> T
    private let cerrojo = NSLock()

    init(_ calcular: @escaping (A) -> T) { self.calcular = calcular }

    func valor(_ argumento: A) -> T {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        if let calculado { return calculado }
        let v = calcular(argumento)
        calculado = v
        return v
    }
}

/// Runs `cuerpo(k)` for every `k` in `0..<cuantos` on every core (`Paralelismo.hilos`; one runs them in
/// order on this thread).
func enParalelo(_ cuantos: Int, _ cuerpo: @Sendable (Int) -> Void) {
    if cuantos > 1 && Paralelismo.hilos > 1 {
        DispatchQueue.concurrentPerform(iterations: cuantos, execute: cuerpo)
    } else {
        for k in 0..<cuantos { cuerpo(k) }
    }
}

/// `cuerpo` of every element on every core (as ``enParalelo(_:_:)``), the results in the elements' order.
///
/// ```swift
/// let resultados = mapaEnParalelo(envios) { validador.validar($0) }
/// ```
func mapaEnParalelo<E: Sendable, T>(_ elementos: [E], _ cuerpo: @Sendable (E) -> T) -> [T] {
    let hechos = ResultadosEnOrden<T?>(elementos.count, inicial: nil)
    enParalelo(elementos.count) { k in hechos.poner(k, cuerpo(elementos[k])) }
    return hechos.valores.compactMap { $0 }
}

/// Values set by several threads, each into its own slot; reading a slot waits until it is set.
final class Promesas<T>: @unchecked Sendable {
    private var slots: [T?]
    private let condicion = NSCondition()

    init(_ cuantos: Int) { slots = Array(repeating: nil, count: cuantos) }

    func cumplir(_ k: Int, _ valor: T) {
        condicion.lock()
        slots[k] = valor
        condicion.broadcast()
        condicion.unlock()
    }

    /// Sets slot `k` unless a thread already did (a way out that never leaves a reader waiting).
    func cumplirSiFalta(_ k: Int, _ valor: T) {
        condicion.lock()
        if slots[k] == nil { slots[k] = valor }
        condicion.broadcast()
        condicion.unlock()
    }

    /// Slot `k`'s value, once a thread set it.
    func esperar(_ k: Int) -> T {
        condicion.lock()
        defer { condicion.unlock() }
        while true {
            if let v = slots[k] { return v }
            condicion.wait()
        }
    }
}

/// `cuerpo` run on a thread of its own, not one of Dispatch's pool (it may wait on the pool's work), and
/// its value, waited for when asked; run here at once when the program runs on one thread.
///
/// ```swift
/// let anterior = enHiloPropio { instrumentos.metodologiaOpcional(anio: 2016) }
/// let m16 = anterior.esperar(0)
/// ```
func enHiloPropio<T>(_ cuerpo: @escaping @Sendable () -> T) -> Promesas<T> {
    let promesa = Promesas<T>(1)
    guard Paralelismo.hilos > 1 else {
        promesa.cumplir(0, cuerpo())
        return promesa
    }
    let hilo = Thread { promesa.cumplir(0, cuerpo()) }
    hilo.stackSize = 1 << 20
    hilo.start()
    return promesa
}

/// Values kept until the process ends: a command that exits right after a build lets the system take
/// back its memory at once instead of freeing a build's many small objects one by one (as compilers
/// do on their way out). Never used by a server.
enum Retenidos {
    private static let cerrojo = NSLock()
    nonisolated(unsafe) private static var valores: [Any] = []

    static func retener(_ nuevos: [Any]) {
        cerrojo.lock()
        valores += nuevos
        cerrojo.unlock()
    }
}
