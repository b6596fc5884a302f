import ApoyoPruebas
import Foundation
import Testing

/// Usage and data problems of the commands: a Spanish message and the documented exit code.
@Suite("Errores de uso de las órdenes")
struct ErroresDeUsoTests {
    @Test func sinAlmacen() throws {
        for orden in ["indicadores", "graficas", "envios"] {
            let r = try runInforme([orden, "--base", "/no/existe/informe.sqlite"])
            #expect(r.status == 2, "\(orden)")
            #expect(r.stderr.contains("No existe el almacén «/no/existe/informe.sqlite»"), "\(orden)")
        }
    }

    @Test func almacenQueNoEsSQLite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mala-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("informe.sqlite")
        try Data(String(repeating: "esto no es una base de datos\n", count: 200).utf8).write(to: base)
        let r = try runInforme(["indicadores", "--base", base.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no es una base de datos del Informe Anual"))
    }

    @Test func instanciaDesconocidaYCarpetaInexistente() throws {
        let p = try runInforme(["plantilla", "--instancia", "XYZ", "--salida", "/tmp/x.xlsx"])
        #expect(p.status == 2)
        #expect(p.stderr.contains("La instancia «XYZ» no está en el catálogo de instancias."))
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("claves-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: base) }
        let k = try runInforme(["claves", "crear", "--instancia", "XYZ", "--base", base.path])
        #expect(k.status == 2)
        #expect(k.stderr.contains("La instancia «XYZ» no está en el catálogo de instancias."))
        #expect(k.stdout.isEmpty)
        let c = try runInforme(["construir", "--entrada", "/no/existe"])
        #expect(c.status == 2)
        #expect(c.stderr.contains("No existe la carpeta de envíos «/no/existe»."))
    }
}
