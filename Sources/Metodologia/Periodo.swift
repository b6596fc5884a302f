/// The reported period of an instrument (inclusive).
public struct Periodo: Sendable, Hashable {
    public var inicio: Fecha
    public var fin: Fecha

    public init(inicio: Fecha, fin: Fecha) {
        self.inicio = inicio
        self.fin = fin
    }

    public func contiene(_ fecha: Fecha) -> Bool { fecha >= inicio && fecha <= fin }
}
