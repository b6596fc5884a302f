import DatosEjemplo
import Foundation
import Metodologia
import Testing
import Validacion

/// `Envio`: its sheets, and the same envío opened ahead of its validation.
@Suite("Envío abierto por adelantado")
struct EnvioTests {
    /// An envío opened ahead (XLSX, one CSV, a folder of CSV, with and without errors) gives the same
    /// findings and rows as the same envío opened when it is validated, and again when validated twice.
    @Test func mismosHallazgosYFilas() throws {
        let m = try metodologia()
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rutas = try GeneradorEjemplo(metodologia: m, semilla: 5).escribir(en: dir)
        let elegidas =
            rutas.filter { $0.path.contains("con-errores") }
            + rutas.filter { !$0.path.contains("con-errores") }.prefix(6)
        #expect(elegidas.contains { $0.pathExtension == "xlsx" } && elegidas.contains { $0.pathExtension != "xlsx" })
        var v = Validador(metodologia: m)
        v.conservarDatos = true
        var conErrores = 0
        var filas = 0
        for ruta in elegidas {
            let normal = v.validar(Envio(ruta: ruta))
            let adelantado = Envio(ruta: ruta).adelantado()
            let primera = v.validar(adelantado)
            let segunda = v.validar(adelantado)
            #expect(primera.hallazgos == normal.hallazgos, "\(ruta.lastPathComponent)")
            #expect(segunda.hallazgos == normal.hallazgos, "\(ruta.lastPathComponent)")
            #expect(primera.datos == normal.datos && segunda.datos == normal.datos, "\(ruta.lastPathComponent)")
            #expect(primera.instancia == normal.instancia && normal.instancia != nil)
            if normal.errores > 0 { conErrores += 1 }
            filas += normal.datos.values.map(\.count).reduce(0, +)
        }
        #expect(conErrores >= 3)
        #expect(filas > 100)
    }

    /// A file that is not a workbook, and one that is gone by the time it is validated: the same
    /// «archivo ilegible» finding, opened ahead or not.
    @Test func archivoIlegibleIgual() throws {
        let m = try metodologia()
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let roto = dir.appendingPathComponent("ROTO_2017.xlsx")
        try Data("esto no es un libro de Excel".utf8).write(to: roto)
        let v = Validador(metodologia: m)
        let normal = v.validar(Envio(ruta: roto))
        let adelantado = v.validar(Envio(ruta: roto).adelantado())
        #expect(normal.hallazgos.map(\.codigo) == ["archivo-ilegible"])
        #expect(adelantado.hallazgos == normal.hallazgos)
        let ausente = dir.appendingPathComponent("AUSENTE_2017.xlsx")
        let antes = Envio(ruta: ausente).adelantado()
        #expect(v.validar(antes).hallazgos == v.validar(Envio(ruta: ausente)).hallazgos)
        #expect(v.validar(antes).hallazgos.first?.codigo == "archivo-ilegible")
    }
}
