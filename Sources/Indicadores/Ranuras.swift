import Foundation

/// One slot per index, each set by whichever thread computes it (under a lock) and read once all are.
///
/// ```swift
/// let r = Ranuras<Int>(3)
/// DispatchQueue.concurrentPerform(iterations: 3) { k in r.poner(k, k * k) }
/// r.valor(2)  // 4
/// ```
final class Ranuras<T>: @unchecked Sendable {
    private var valores: [T?]
    private let cerrojo = NSLock()

    init(_ cuantas: Int) { valores = Array(repeating: nil, count: cuantas) }

    func poner(_ k: Int, _ valor: T) {
        cerrojo.lock()
        valores[k] = valor
        cerrojo.unlock()
    }

    func valor(_ k: Int) -> T? {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        return valores[k]
    }
}
