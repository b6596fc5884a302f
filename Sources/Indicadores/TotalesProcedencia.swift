import Foundation

/// The headline values a lineage needs (formulas may name other indicators): the national ones and
/// each envío's own, each computed the first time a lineage asks (a lineage given the published
/// figures, or that finds an envío's part kept, does not ask).
///
/// ```swift
/// let totales = TotalesProcedencia(calculador, datos)
/// let a1 = calculador.procedencias(de: "A1", datos, totales)
/// ```
public struct TotalesProcedencia: Sendable {
    private let perezosos: Perezosos

    public init(_ calculador: CalculadorIndicadores, _ datos: DatosAnio) {
        perezosos = Perezosos(calculador: calculador, datos: datos)
    }

    /// The national headline values.
    var nacionales: [String: Double] { perezosos.nacionales() }

    /// Envío `k`'s own headline values.
    func deEnvio(_ k: Int) -> [String: Double] { perezosos.valor(k) }

    private final class Perezosos: @unchecked Sendable {
        let calculador: CalculadorIndicadores
        let datos: DatosAnio
        private var hechos: [[String: Double]?]
        private var nacional: [String: Double]?
        private let cerrojo = NSLock()

        func nacionales() -> [String: Double] {
            cerrojo.lock()
            defer { cerrojo.unlock() }
            if let nacional { return nacional }
            let hecho = calculador.totalesDe(datos)
            nacional = hecho
            return hecho
        }

        init(calculador: CalculadorIndicadores, datos: DatosAnio) {
            self.calculador = calculador
            self.datos = datos
            hechos = Array(repeating: nil, count: datos.envios.count)
        }

        func valor(_ k: Int) -> [String: Double] {
            cerrojo.lock()
            defer { cerrojo.unlock() }
            if let hecho = hechos[k] { return hecho }
            var totales: [String: Double] = [:]
            for indicador in calculador.metodologia.indicadores {
                let c = ContextoAgregado(
                    calculador: calculador, datos: datos, totales: totales, filtro: nil, soloEnvio: k)
                if case .numero(let n) = indicador.numerador.evaluar(en: c) { totales[indicador.clave] = n }
            }
            hechos[k] = totales
            return totales
        }
    }
}
