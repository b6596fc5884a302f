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
    /// them first), with what the earlier years add to the series (``totalesOtrosAnios(antesDe:metodologia:guardados:)``,
    /// computed here when not given).
    public func calcular(
        _ actual: DatosAnio, totalesOtros: [(anio: Int, totales: [String: Double])]? = nil, metodologia m: Metodologia,
        publicable: Bool, indices: IndicesDeCategorias? = nil
    ) -> [ResultadoIndicador] {
        var calculador = CalculadorIndicadores(metodologia: m)
        calculador.historico = CalculadorIndicadores.leerHistorico(
            instrumentos.raiz.appendingPathComponent("historico.csv"))
        return calculador.calcular(
            actual, totalesOtros: totalesOtros ?? totalesOtrosAnios(antesDe: actual.anio, metodologia: m),
            publicable: publicable, indices: indices, enParalelo: { enParalelo($0, $1) })
    }

    /// What the four years before `anio` add to the series, computed with `m`'s formulas; with
    /// `guardados`, kept there between builds (``TotalesDeOtrosAnios``): a year whose envíos, methodology
    /// and program did not change is not read again.
    public func totalesOtrosAnios(antesDe anio: Int, metodologia m: Metodologia, guardados: URL? = nil)
        -> [(anio: Int, totales: [String: Double])]
    {
        let previos = guardados.map(TotalesDeOtrosAnios.leer) ?? [:]
        var entradas: [Int: TotalesDeOtrosAnios.Entrada] = [:]
        var out: [(anio: Int, totales: [String: Double])] = []
        let calculador = CalculadorIndicadores(metodologia: m)
        for a in (anio - 4)..<anio {
            guard let ma = instrumentos.metodologiaOpcional(anio: a), let envios = try? almacen.envios(anio: a) else {
                continue
            }
            let huella = TotalesDeOtrosAnios.huella(a, metodologia: m, delAnio: ma, envios: envios)
            let entrada: TotalesDeOtrosAnios.Entrada
            if let previa = previos[a], previa.huella == huella {
                entrada = previa
            } else if let d = try? datos(anio: a, metodologia: ma) {
                entrada = .init(huella: huella, totales: d.envios.isEmpty ? nil : calculador.totalesDeOtroAnio(d))
            } else {
                continue  // not read: neither counted nor kept
            }
            entradas[a] = entrada
            if let totales = entrada.totales { out.append((a, totales)) }
        }
        // Only a cache: not saving it only makes the next build read those years again.
        if let guardados, entradas != previos, let texto = TotalesDeOtrosAnios.texto(entradas) {
            try? EscrituraAtomica.crearCarpeta(guardados.deletingLastPathComponent())
            try? EscrituraAtomica.escribir(texto, en: guardados)
        }
        return out
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
            let leidos = mapaEnParalelo(vigentes) { r in
                Result { () throws(ErrorAlmacen) in try envio(r, metodologia: m) }
            }
            var envios: [EnvioVigente] = []
            for (r, leido) in zip(vigentes, leidos) {
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
