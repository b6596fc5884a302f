import ApoyoPruebas
import Foundation
import Testing

/// `informe validar` and `informe ejemplo` as a user runs them.
@Suite("informe validar y informe ejemplo", .serialized)
struct ValidarCommandTests {
    static let muestras: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("informe-cli-\(UUID().uuidString)")
        _ = try? runInforme(["ejemplo", "--salida", dir.path, "--semilla", "11"])
        return dir
    }()

    @Test func ejemploEscribeLos53Envios() throws {
        let nombres = try FileManager.default.contentsOfDirectory(atPath: Self.muestras.path)
        #expect(nombres.filter { $0.hasSuffix("_2017") || $0.hasSuffix("_2017.xlsx") }.count == 53)
        #expect(nombres.contains("con-errores"))
    }

    @Test func sinErroresSaleConCero() throws {
        let run = try runInforme(["validar", Self.muestras.appendingPathComponent("SEGOB_2017.xlsx").path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Sin hallazgos."))
        #expect(run.stdout.hasSuffix("Resumen: 1 envío, 0 con errores; 0 errores y 0 advertencias en total.\n"))
    }

    /// The newest year's methodology starts loading while the command line is parsed: the same output
    /// as naming the year; a methodology that does not load is said once, the same either way.
    @Test func metodologiaAdelantadaMismaSalida() throws {
        let archivo = Self.muestras.appendingPathComponent("con-errores/SCT_2017_anio-equivocado.xlsx").path
        let adelantada = try runInforme(["validar", "--formato", "json", archivo])
        let nombrada = try runInforme(["validar", "--anio", "2017", "--formato", "json", archivo])
        #expect(adelantada.status == 1 && nombrada.status == 1)
        #expect(adelantada.stdout == nombrada.stdout && !adelantada.stdout.isEmpty)
        // A copy of the Instrumento whose newest year has a broken rules file.
        let raiz = FileManager.default.temporaryDirectory.appendingPathComponent("instrumento-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: raiz) }
        let original = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Instrumento")
        try FileManager.default.copyItem(at: original, to: raiz)
        try "reglas: [esto no es: una regla\n".write(
            to: raiz.appendingPathComponent("2017/reglas.yaml"), atomically: true, encoding: .utf8)
        let entorno = ["INFORME_INSTRUMENTO": raiz.path]
        let rota = try runInforme(["validar", archivo], entorno: entorno)
        let rotaNombrada = try runInforme(["validar", "--anio", "2017", archivo], entorno: entorno)
        #expect(rota.status == 2 && rotaNombrada.status == 2)
        #expect(rota.stderr == rotaNombrada.stderr)
        #expect(rota.stderr.contains("reglas.yaml"), "\(rota.stderr)")
        #expect(
            rota.stderr.components(separatedBy: "reglas.yaml").count
                == rotaNombrada.stderr.components(separatedBy: "reglas.yaml").count)
        #expect(rota.stdout.isEmpty)
    }

    @Test func conErroresJSON() throws {
        let archivo = Self.muestras.appendingPathComponent("con-errores/SCT_2017_anio-equivocado.xlsx").path
        let run = try runInforme(["validar", "--formato", "json", archivo])
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["metodologia"] as? String == "2017.1")
        let envio = try #require((json["envios"] as? [[String: Any]])?.first)
        #expect(envio["archivo"] as? String == "SCT_2017_anio-equivocado.xlsx")
        #expect(envio["instancia"] as? String == "SCT")
        #expect(envio["errores"] as? Int == 2)
        #expect(envio["advertencias"] as? Int == 0)
        let h = try #require((envio["hallazgos"] as? [[String: Any]])?.first)
        #expect(
            Set(h.keys) == [
                "archivo", "hoja", "celda", "fila", "columna", "campo", "codigo", "severidad", "regla", "valor",
                "mensaje",
            ])
        #expect(h["celda"] as? String == "B3")
        #expect(h["fila"] as? Int == 3)
        #expect(h["columna"] as? String == "B")
        #expect(h["campo"] as? String == "anio_reportado")
        #expect(h["codigo"] as? String == "identificacion-invalida")
        #expect(h["severidad"] as? String == "error")
        #expect(h["regla"] is NSNull)
        #expect(h["valor"] as? String == "2016")
    }

    @Test func reporteHTML() throws {
        let salida = FileManager.default.temporaryDirectory.appendingPathComponent("reporte-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: salida) }
        let archivo = Self.muestras.appendingPathComponent("con-errores/EST09_2017_victimas-con-errores.xlsx").path
        let run = try runInforme(["validar", "--reporte", salida.path, archivo])
        #expect(run.status == 1)
        let html = try String(
            contentsOf: salida.appendingPathComponent("EST09_2017_victimas-con-errores.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"es-MX\">"))
        #expect(html.contains("¿Quiso decir «Mujer»?"))
        #expect(html.contains("<td>C3</td>"))
        #expect(html.contains("<b>4</b>errores"))
    }

    @Test func problemasDeUsoSalenConDos() throws {
        #expect(try runInforme(["validar"]).status == 2)
        #expect(try runInforme(["validar", "/no/existe.xlsx"]).status == 2)
        let sinMetodologia = try runInforme([
            "validar", "--anio", "1999", Self.muestras.appendingPathComponent("SEGOB_2017.xlsx").path,
        ])
        #expect(sinMetodologia.status == 2)
        #expect(sinMetodologia.stderr.contains("No hay metodología del año 1999"))
        #expect(sinMetodologia.stderr.contains("los años disponibles son 2016, 2017."))
    }

    @Test func ejemplo2016() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ej2016-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try runInforme(["ejemplo", "--anio", "2016", "--salida", dir.path]).status == 0)
        let run = try runInforme(["validar", "--anio", "2016", dir.appendingPathComponent("SNDIF_2016.xlsx").path])
        #expect(run.status == 0, "\(run.stdout)")
    }
}
