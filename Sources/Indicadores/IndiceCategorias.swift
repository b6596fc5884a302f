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

/// The category indexes of one year's rows, one per way of finding a row's category (the field, or
/// the derivation, or the instancia), shared by every indicator and breakdown that categorizes rows
/// the same way, by the indicators' calculation and by their lineage, on any thread.
///
/// ```swift
/// let indices = IndicesDeCategorias(CalculadorIndicadores(metodologia: m), datos)
/// let r = calculador.calcular(datos, totalesOtros: [], publicable: true, indices: indices)
/// let p = calculador.procedencias(de: "A1", datos, totales, indices: indices)
/// ```
public final class IndicesDeCategorias: @unchecked Sendable {
    let calculador: CalculadorIndicadores
    let datos: DatosAnio
    private let envios: [String]
    private var porClave: [String: IndiceCategorias] = [:]
    private let cerrojo = NSLock()

    public init(_ calculador: CalculadorIndicadores, _ datos: DatosAnio) {
        self.calculador = calculador
        self.datos = datos
        envios = Self.envios(datos)
    }

    private static func envios(_ datos: DatosAnio) -> [String] {
        ["\(datos.anio)"]
            + datos.envios.map { "\($0.instancia) \($0.version) \($0.filas.values.map(\.count).reduce(0, +))" }
    }

    /// Whether these indexes are of `otros` (the same year, envíos, versions and row counts).
    func sirven(para otros: DatosAnio) -> Bool {
        otros.anio == datos.anio && otros.envios.count == datos.envios.count && Self.envios(otros) == envios
    }

    /// The index of `d`'s categories (built once, by whoever asks first).
    func indice(_ d: Indicador.Desagregacion) -> IndiceCategorias {
        let clave =
            d.por == "instancia" ? "instancia" : d.derivadoDe.map { "derivado \($0)" } ?? "campo \(d.campo ?? d.por)"
        cerrojo.lock()
        defer { cerrojo.unlock() }
        if let hecho = porClave[clave] { return hecho }
        let nuevo = IndiceCategorias(calculador: calculador, desagregacion: d, datos: datos)
        porClave[clave] = nuevo
        return nuevo
    }
}
