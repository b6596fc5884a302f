import Almacen
import DatosEjemplo
import Foundation
import Indicadores
import Metodologia
import Testing

@testable import Servicios

/// Each envío's part of the lineage kept between builds: read back it gives the same lineage as
/// working it out, and it is used only for the same envío (and, for `distintos`, the same envíos
/// before it), program and methodology.
@Suite("Procedencia guardada por envío")
struct ProcedenciaGuardadaTests {
    /// The shared 2017 sample: its methodology, rows and vigente records.
    func muestra() throws -> (Metodologia, DatosAnio, [RegistroEnvio]) {
        let almacen = try AlmacenDeEjemplo.compartido.obtener()
        let m = try instrumentos.metodologia(anio: 2017)
        let datos = try IndicadoresDelAlmacen(instrumentos: instrumentos, almacen: almacen).datos(
            anio: 2017, metodologia: m)
        return (m, datos, try almacen.vigentes(anio: 2017))
    }

    /// Every indicator's lineage, with `guardada` when given.
    func lineas(_ m: Metodologia, _ datos: DatosAnio, _ guardada: ProcedenciaGuardada?) -> [Procedencia] {
        let c = CalculadorIndicadores(metodologia: m)
        let totales = TotalesProcedencia(c, datos)
        return m.indicadores.flatMap { c.procedencias(de: $0.clave, datos, totales, guardadas: guardada) }
    }

    /// What a lineage shows, as comparable text.
    func texto(_ ps: [Procedencia]) -> [String] {
        ps.map { p in
            "\(p.indicador) \(p.desagregacion ?? "-") \(p.categoria ?? "-") \(p.valor ?? -1) \(p.numerador ?? -1) "
                + "\(p.denominador ?? -1) "
                + p.contribuciones.map {
                    "\($0.envio):\($0.instancia):\($0.version):\($0.numerador):\($0.denominador ?? -1):"
                        + $0.filas.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
                }.joined(separator: ",")
        }
    }

    @Test func loLeidoDaLaMismaProcedenciaQueCalcularla() throws {
        let (m, datos, vigentes) = try muestra()
        let directa = lineas(m, datos, nil)
        #expect(directa.contains { !$0.contribuciones.isEmpty })

        let primera = ProcedenciaGuardada(firma: "prueba\nuno", vigentes: vigentes, datos: datos, texto: nil)
        #expect(texto(lineas(m, datos, primera)) == texto(directa))
        #expect(primera.cambio)
        let bytes = primera.bytes
        // One line of fingerprint (the line break in it does not split it).
        #expect(String(decoding: bytes.prefix(while: { $0 != 10 }), as: UTF8.self) == "prueba uno")

        // Read back: every envío's part is found, none is worked out again, the lineage is the same.
        let segunda = ProcedenciaGuardada(
            firma: "prueba\nuno", vigentes: vigentes, datos: datos, texto: String(decoding: bytes, as: UTF8.self))
        let contador = Contador(segunda)
        let c = CalculadorIndicadores(metodologia: m)
        let totales = TotalesProcedencia(c, datos)
        let leida = m.indicadores.flatMap { c.procedencias(de: $0.clave, datos, totales, guardadas: contador) }
        #expect(texto(leida) == texto(directa))
        #expect(contador.faltas == 0)
        #expect(contador.aciertos == m.indicadores.count * datos.envios.count)
        #expect(!segunda.cambio)
        #expect(segunda.bytes == bytes)

        // Another program or methodology (another fingerprint), or a damaged file: nothing is used.
        let otra = ProcedenciaGuardada(
            firma: "prueba dos", vigentes: vigentes, datos: datos, texto: String(decoding: bytes, as: UTF8.self))
        #expect(otra.buscar(indicador: "A1", envio: 0, valores: "\t", conAnteriores: false) == nil)
        #expect(texto(lineas(m, datos, otra)) == texto(directa))
        var danado = String(decoding: bytes, as: UTF8.self)
        danado.removeLast(40)
        danado += "x\n"
        let rota = ProcedenciaGuardada(firma: "prueba\nuno", vigentes: vigentes, datos: datos, texto: danado)
        let contadorRota = Contador(rota)
        _ = m.indicadores.flatMap { c.procedencias(de: $0.clave, datos, totales, guardadas: contadorRota) }
        #expect(contadorRota.aciertos == 0)
    }

    @Test func unEnvioDistintoSeCalculaDeNuevoYConDistintosLosQueLeSiguen() throws {
        let (m, datos, vigentes) = try muestra()
        let c = CalculadorIndicadores(metodologia: m)
        // `distintos` counts a value for the first envío that has it: P4E depends on the envíos before.
        let p4e = try #require(m.indicadores.first { $0.clave == "P4E" })
        let p1 = try #require(m.indicadores.first { $0.clave == "P1" })
        #expect(c.dependeDeAnteriores(p4e))
        #expect(!c.dependeDeAnteriores(p1))

        let primera = ProcedenciaGuardada(firma: "f", vigentes: vigentes, datos: datos, texto: nil)
        _ = lineas(m, datos, primera)
        // The same envíos, but the tenth came with other bytes.
        var otros = vigentes
        let j = 10
        otros[j].sha256 = String(repeating: "0", count: 64)
        let segunda = ProcedenciaGuardada(
            firma: "f", vigentes: otros, datos: datos, texto: String(decoding: primera.bytes, as: UTF8.self))
        let contador = Contador(segunda)
        let totales = TotalesProcedencia(c, datos)
        for clave in ["P1", "P4E"] {
            _ = c.procedencias(de: clave, datos, totales, guardadas: contador)
        }
        let n = datos.envios.count
        // P1: only envío j again; P4E: j and every envío after it.
        #expect(contador.faltasPor["P1"] == [j])
        #expect(contador.faltasPor["P4E"] == Array(j..<n))
        #expect(segunda.cambio)
    }

    @Test func filasYNumerosVuelvenComoSeEscribieron() throws {
        // Rows as ranges, several sheets; a range backwards or a sheet without rows' colon: not used.
        let archivo = "f\n=k\n0\t3.0\t\tVictimas:2-4 7;Atenciones:3\n1\t2.5\t10.0\t\n"
        let leidas = ProcedenciaGuardada.leer(archivo, firma: "f")
        #expect(leidas["k"]?[0]?.filas == ["Victimas": [2, 3, 4, 7], "Atenciones": [3]])
        #expect(leidas["k"]?[0]?.denominador == nil)
        #expect(leidas["k"]?[1]?.filas == [:])
        #expect(leidas["k"]?[1]?.denominador == 10)
        #expect(ProcedenciaGuardada.leer(archivo.replacingOccurrences(of: "2-4", with: "4-2"), firma: "f").isEmpty)
        #expect(
            ProcedenciaGuardada.leer(archivo.replacingOccurrences(of: "Victimas:", with: "Victimas"), firma: "f")
                .isEmpty)
        #expect(ProcedenciaGuardada.leer(archivo.replacingOccurrences(of: "3.0", with: "tres"), firma: "f").isEmpty)
        #expect(ProcedenciaGuardada.leer(archivo, firma: "g").isEmpty)
        let parte = Contribucion(
            envio: 3, instancia: "EST09", version: 2, filas: ["Capacitacion": [3, 4, 5, 9]], numerador: 0.1 + 0.2,
            denominador: 1e-7)
        let (_, datos, vigentes) = try muestra()
        let g = ProcedenciaGuardada(firma: "f", vigentes: vigentes, datos: datos, texto: nil)
        var sinDenominador = parte
        sinDenominador.denominador = nil
        g.guardar(indicador: "X", envio: 0, valores: "v", conAnteriores: false, [0: parte, 5: sinDenominador])
        // A sheet name that could not be read back leaves its part out of the file.
        var rara = parte
        rara.filas = ["Hoja:rara": [2]]
        g.guardar(indicador: "Y", envio: 0, valores: "v", conAnteriores: false, [0: rara])
        let leida = ProcedenciaGuardada(
            firma: "f", vigentes: vigentes, datos: datos, texto: String(decoding: g.bytes, as: UTF8.self))
        let vuelta = try #require(leida.buscar(indicador: "X", envio: 0, valores: "v", conAnteriores: false))
        #expect(vuelta.count == 2)
        #expect(vuelta[0]?.numerador == 0.1 + 0.2)
        #expect(vuelta[0]?.denominador == 1e-7)
        #expect(vuelta[0]?.filas == parte.filas)
        #expect(vuelta[5]?.denominador == nil)
        #expect(leida.buscar(indicador: "Y", envio: 0, valores: "v", conAnteriores: false) == nil)
        #expect(leida.buscar(indicador: "X", envio: 0, valores: "otra lista", conAnteriores: false) == nil)
        #expect(leida.buscar(indicador: "X", envio: 1, valores: "v", conAnteriores: false) == nil)
    }
}

/// Counts what a lineage found kept and what it worked out, per indicator.
final class Contador: ContribucionesGuardadas, @unchecked Sendable {
    let base: ProcedenciaGuardada
    var aciertos = 0
    var faltas = 0
    var faltasPor: [String: [Int]] = [:]
    private let cerrojo = NSLock()

    init(_ base: ProcedenciaGuardada) { self.base = base }

    func buscar(indicador: String, envio k: Int, valores: String, conAnteriores: Bool) -> [Int: Contribucion]? {
        let r = base.buscar(indicador: indicador, envio: k, valores: valores, conAnteriores: conAnteriores)
        cerrojo.lock()
        if r == nil {
            faltas += 1
            faltasPor[indicador, default: []].append(k)
        } else {
            aciertos += 1
        }
        cerrojo.unlock()
        return r
    }

    func guardar(
        indicador: String, envio k: Int, valores: String, conAnteriores: Bool, _ contribuciones: [Int: Contribucion]
    ) {
        base.guardar(indicador: indicador, envio: k, valores: valores, conAnteriores: conAnteriores, contribuciones)
    }
}
