import Almacen
import Foundation
import Indicadores
import Metodologia

/// A year's indicators computed from the store's vigente versions, with the series of the four
/// earlier years (from the store when they have a methodology, and from `historico.csv`).
///
/// ```swift
/// let (resultados, datos) = try IndicadoresDelAlmacen(instrumentos: i, almacen: a).calcular(anio: 2017, publicable: true)
/// ```
public struct IndicadoresDelAlmacen: Sendable {
    public let instrumentos: Instrumentos
    public let almacen: any Almacen

    public init(instrumentos: Instrumentos, almacen: any Almacen) {
        self.instrumentos = instrumentos
        self.almacen = almacen
    }

    /// With `metodologia` the year's methodology is that one (`--metodologia`), else the root's.
    public func calcular(anio: Int, metodologia: Metodologia? = nil, publicable: Bool) throws(ErrorServicio)
        -> (resultados: [ResultadoIndicador], datos: DatosAnio)
    {
        let m: Metodologia
        if let metodologia { m = metodologia } else { m = try instrumentos.metodologia(anio: anio) }
        let actual = try datos(anio: anio, metodologia: m)
        return (calcular(actual, metodologia: m, publicable: publicable), actual)
    }

    /// The indicators of a year whose rows are already read (`construir` starts the lineage from
    /// them first), with the earlier years' rows (``otrosAnios(antesDe:)``, read here when not given).
    public func calcular(
        _ actual: DatosAnio, otrosAnios: [DatosAnio]? = nil, metodologia m: Metodologia, publicable: Bool
    ) -> [ResultadoIndicador] {
        var calculador = CalculadorIndicadores(metodologia: m)
        calculador.historico = CalculadorIndicadores.leerHistorico(
            instrumentos.raiz.appendingPathComponent("historico.csv"))
        return calculador.calcular(
            actual, otrosAnios: otrosAnios ?? self.otrosAnios(antesDe: actual.anio), publicable: publicable)
    }

    /// The rows of the four years before `anio` that have a methodology and envíos in the store.
    public func otrosAnios(antesDe anio: Int) -> [DatosAnio] {
        ((anio - 4)..<anio).compactMap { a in
            guard let ma = instrumentos.metodologiaOpcional(anio: a), let d = try? datos(anio: a, metodologia: ma),
                !d.envios.isEmpty
            else { return nil }
            return d
        }
    }

    /// The typed rows of one load, with their spreadsheet row numbers.
    public func envio(_ r: RegistroEnvio, metodologia m: Metodologia) throws(ErrorAlmacen) -> EnvioVigente {
        var filas: [String: [[String: Valor]]] = [:]
        var numeros: [String: [Int]] = [:]
        for hoja in m.hojas {
            let numeradas = try almacen.filasNumeradas(envio: r.id, hoja: hoja)
            filas[hoja.clave] = numeradas.map(\.valores)
            numeros[hoja.clave] = numeradas.map(\.fila)
        }
        var e = EnvioVigente(instancia: r.instancia ?? "", version: r.version ?? 0, filas: filas)
        e.numerosDeFila = numeros
        return e
    }

    /// The typed rows of the year's vigente versions.
    public func datos(anio: Int, metodologia m: Metodologia) throws(ErrorServicio) -> DatosAnio {
        do {
            let registros = try almacen.envios(anio: anio)
            let vigentes = try almacen.vigentes(anio: anio)
            // Each envío's rows on every core (the store hands each thread a connection of its own),
            // kept in the order of `vigentes`.
            let leidos = ResultadosEnOrden<Result<EnvioVigente, ErrorAlmacen>>(
                vigentes.count, inicial: .failure(ErrorAlmacen(mensaje: "envío sin leer")))
            enParalelo(vigentes.count) { k in
                leidos.poner(k, Result { () throws(ErrorAlmacen) in try envio(vigentes[k], metodologia: m) })
            }
            var envios: [EnvioVigente] = []
            for (r, leido) in zip(vigentes, leidos.valores) {
                var e = try leido.get()
                e.versionUnoAceptada = registros.contains {
                    $0.instancia == r.instancia && $0.version == 1 && $0.estado == .aceptado
                }
                envios.append(e)
            }
            return DatosAnio(
                anio: anio, envios: envios, instanciasCatalogo: m.catalogos["instancias"]?.entradas.count ?? 0,
                aceptadasEnVersion1: try almacen.aceptadasEnVersion1(anio: anio))
        } catch {
            throw .almacen(error)
        }
    }
}
