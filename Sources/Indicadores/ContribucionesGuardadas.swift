/// Each envío's part of an indicator's published values, kept from an earlier build: a lineage asks
/// for an envío's part before working it out, and leaves there what it worked out. A rebuild after one
/// envío changed then works out only that envío's part (and, for an indicator that counts
/// `distintos`, the parts of the envíos after it). What identifies a part (the envío's bytes, the
/// methodology, the program, the envíos before it) is the keeper's business.
///
/// ```swift
/// let a1 = calculador.procedencias(de: "A1", datos, totales, guardadas: guardadas)
/// ```
public protocol ContribucionesGuardadas: AnyObject, Sendable {
    /// Envío `k`'s contributions to the values `valores` lists (one line per value: its breakdown and
    /// category), keyed by the value's position in that list (a value missing has none); nil when not
    /// kept. With `conAnteriores` the part also depends on the envíos before `k`.
    func buscar(indicador: String, envio k: Int, valores: String, conAnteriores: Bool) -> [Int: Contribucion]?

    /// Keeps what ``buscar(indicador:envio:valores:conAnteriores:)`` would give for the same question.
    func guardar(
        indicador: String, envio k: Int, valores: String, conAnteriores: Bool, _ contribuciones: [Int: Contribucion])
}
