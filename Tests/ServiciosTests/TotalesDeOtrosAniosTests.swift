import Almacen
import DatosEjemplo
import Foundation
import Indicadores
import Metodologia
import Testing

@testable import Servicios

/// What the earlier years add to the series is kept between builds and used only while nothing it
/// comes from changed: the same values as computing them from the rows, and a new envío of that year
/// computes them again.
@Suite("Totales de los años anteriores guardados")
struct TotalesDeOtrosAniosTests {
    @Test func seGuardanSeUsanYSeRehacenSiCambiaElAnio() throws {
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try instrumentos.metodologia(anio: 2017)
        let m16 = try instrumentos.metodologia(anio: 2016)
        try GeneradorEjemplo(metodologia: m16, semilla: 3).escribir(en: dir.appendingPathComponent("2016"))
        let almacen = try Almacenes.abrir(dir.appendingPathComponent("i.sqlite").path, crear: true)
        let cargador = Cargador(instrumentos: instrumentos, almacen: almacen)
        let envios2016 = EnviosEnCarpeta.buscar(dir.appendingPathComponent("2016"))
        _ = cargador.cargar(Array(envios2016.dropLast()), metodologia: m16)
        let ind = IndicadoresDelAlmacen(instrumentos: instrumentos, almacen: almacen)
        let guardados = dir.appendingPathComponent("interno/totales-otros-anios.tsv")

        // Computed from the rows, as without the file, and saved.
        let directo = CalculadorIndicadores(metodologia: m).totalesDeOtroAnio(
            try ind.datos(anio: 2016, metodologia: m16))
        #expect(!directo.isEmpty)
        let primero = ind.totalesOtrosAnios(antesDe: 2017, metodologia: m, guardados: guardados)
        #expect(primero.map(\.anio) == [2016])
        #expect(primero.first?.totales == directo)
        let texto = try String(contentsOf: guardados, encoding: .utf8)
        #expect(texto.hasPrefix("=2016\t"))

        // The next build uses the file: a value changed in it (same fingerprint) is what comes back.
        let alterado = texto.replacingOccurrences(of: "\nA1\t", with: "\nA1\t9")
        try alterado.write(to: guardados, atomically: true, encoding: .utf8)
        let segundo = ind.totalesOtrosAnios(antesDe: 2017, metodologia: m, guardados: guardados)
        #expect(segundo.first?.totales["A1"] != directo["A1"], "se usó lo guardado")
        #expect(segundo.first?.totales.filter { $0.key != "A1" } == directo.filter { $0.key != "A1" })

        // A new envío of 2016: the fingerprint changes and the values are computed again.
        _ = cargador.cargar([try #require(envios2016.last)], metodologia: m16)
        let nuevo = CalculadorIndicadores(metodologia: m).totalesDeOtroAnio(try ind.datos(anio: 2016, metodologia: m16))
        let tercero = ind.totalesOtrosAnios(antesDe: 2017, metodologia: m, guardados: guardados)
        #expect(tercero.first?.totales == nuevo)
        #expect(try String(contentsOf: guardados, encoding: .utf8) != alterado)

        // A damaged file is not used (and is written again).
        try "=2016\tbasura\n".write(to: guardados, atomically: true, encoding: .utf8)
        #expect(ind.totalesOtrosAnios(antesDe: 2017, metodologia: m, guardados: guardados).first?.totales == nuevo)
        try "no es de este programa".write(to: guardados, atomically: true, encoding: .utf8)
        #expect(ind.totalesOtrosAnios(antesDe: 2017, metodologia: m, guardados: guardados).first?.totales == nuevo)
        #expect(TotalesDeOtrosAnios.leer(dir.appendingPathComponent("no-existe.tsv")).isEmpty)
    }

    /// The year's indicators with the kept totals are those computed from the earlier years' rows.
    @Test func losIndicadoresSonLosMismosConLosTotalesGuardados() throws {
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try instrumentos.metodologia(anio: 2017)
        let m16 = try instrumentos.metodologia(anio: 2016)
        try GeneradorEjemplo(metodologia: m16, semilla: 3).escribir(en: dir.appendingPathComponent("2016"))
        try GeneradorEjemplo(metodologia: m, semilla: 3).escribir(en: dir.appendingPathComponent("2017"))
        let almacen = try Almacenes.abrir(dir.appendingPathComponent("i.sqlite").path, crear: true)
        let cargador = Cargador(instrumentos: instrumentos, almacen: almacen)
        _ = cargador.cargar(EnviosEnCarpeta.buscar(dir.appendingPathComponent("2016")), metodologia: m16)
        _ = cargador.cargar(EnviosEnCarpeta.buscar(dir.appendingPathComponent("2017")), metodologia: m)
        let ind = IndicadoresDelAlmacen(instrumentos: instrumentos, almacen: almacen)
        let actual = try ind.datos(anio: 2017, metodologia: m)
        let desdeFilas = CalculadorIndicadores(metodologia: m).calcular(
            actual, otrosAnios: [try ind.datos(anio: 2016, metodologia: m16)])
        let guardados = dir.appendingPathComponent("totales.tsv")
        _ = ind.totalesOtrosAnios(antesDe: 2017, metodologia: m, guardados: guardados)
        let conGuardados = CalculadorIndicadores(metodologia: m).calcular(
            actual, totalesOtros: ind.totalesOtrosAnios(antesDe: 2017, metodologia: m, guardados: guardados),
            publicable: false)
        #expect(conGuardados.map(\.serie.count) == desdeFilas.map(\.serie.count))
        for (a, b) in zip(conGuardados, desdeFilas) {
            #expect(a.serie.map(\.anio) == b.serie.map(\.anio))
            #expect(a.serie.map(\.valor) == b.serie.map(\.valor), "\(a.indicador.clave)")
            #expect(a.valor == b.valor)
        }
        #expect(desdeFilas.contains { $0.serie.contains { $0.anio == 2016 } })
    }
}
