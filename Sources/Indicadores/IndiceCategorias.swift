import Foundation
import Metodologia

/// Each category's rows of one breakdown, per sheet and envío, found in one pass over the rows: an
/// aggregate restricted to a category then visits only that category's rows, instead of asking every
/// row its category once per category (a breakdown by entidad has 33, by instancia some 90).
///
/// Built lazily per sheet; one index serves every category of the breakdown.
///
/// ```swift
/// let indice = IndiceCategorias(calculador: c, desagregacion: d, datos: datos)
/// indice.filas("Victimas", envio: 0, categoria: "09")  // [0, 3, 7]
/// ```
final class IndiceCategorias: @unchecked Sendable {
    let calculador: CalculadorIndicadores
    let desagregacion: Indicador.Desagregacion
    let datos: DatosAnio
    /// Sheet → per envío (index into `datos.envios`) → category → row indices, ascending.
    private var porHoja: [String: [[String: [Int]]]] = [:]
    /// Sheet → the categories its rows have, in the order first seen.
    private var vistas: [String: [String]] = [:]
    private let cerrojo = NSLock()

    init(calculador: CalculadorIndicadores, desagregacion: Indicador.Desagregacion, datos: DatosAnio) {
        self.calculador = calculador
        self.desagregacion = desagregacion
        self.datos = datos
    }

    /// The rows of envío `k` in sheet `hoja` whose category is `categoria`, ascending.
    func filas(_ hoja: String, envio k: Int, categoria: String) -> [Int] {
        indice(hoja).0[k][categoria] ?? []
    }

    /// Every category some row of `hoja` has (unordered).
    func categorias(_ hoja: String) -> [String] { indice(hoja).1 }

    private func indice(_ hoja: String) -> ([[String: [Int]]], [String]) {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        if let hecho = porHoja[hoja], let cats = vistas[hoja] { return (hecho, cats) }
        var todas: [String] = []
        var conocidas = Set<String>()
        let porEnvio = datos.envios.map { envio -> [String: [Int]] in
            var mapa: [String: [Int]] = [:]
            for (i, fila) in (envio.filas[hoja] ?? []).enumerated() {
                guard let c = calculador.categoria(desagregacion, fila: fila, envio: envio) else { continue }
                mapa[c, default: []].append(i)
                if conocidas.insert(c).inserted { todas.append(c) }
            }
            return mapa
        }
        porHoja[hoja] = porEnvio
        vistas[hoja] = todas
        return (porEnvio, todas)
    }
}
