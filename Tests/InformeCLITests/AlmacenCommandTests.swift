import ApoyoPruebas
import Foundation
import Testing

/// `informe cargar`, `informe envios` and `informe indicadores` on the sample envíos.
@Suite("informe cargar, envios e indicadores", .serialized)
struct AlmacenCommandTests {
    static let carpeta: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("informe-almacen-\(UUID().uuidString)")
        _ = try? runInforme(["ejemplo", "--salida", dir.appendingPathComponent("2017").path, "--semilla", "4"])
        return dir
    }()

    static func envios() throws -> [String] {
        let dir = carpeta.appendingPathComponent("2017")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix("_2017") || $0.hasSuffix("_2017.xlsx") }.sorted().map {
                dir.appendingPathComponent($0).path
            }
    }

    @Test func cargarEnviosEIndicadores() throws {
        let base = Self.carpeta.appendingPathComponent("informe.sqlite").path
        let envios = try Self.envios()
        let carga = try runInforme(["cargar", "--base", base] + envios)
        #expect(carga.status == 0, "\(carga.stderr)")
        #expect(carga.stdout.split(separator: "\n").count == 54)
        #expect(carga.stdout.hasSuffix("Total: 53 aceptados, 0 rechazados, 0 ilegibles.\n"))
        #expect(carga.stdout.contains("SEGOB_2017.xlsx: aceptado como versión 1 con 0 advertencias."))
        // A second load of the same files changes nothing.
        let otra = try runInforme(["cargar", "--base", base, envios[0]])
        #expect(otra.status == 0)
        #expect(otra.stdout.contains("ya estaba cargado (aceptado, versión 1); sin cambios."))
        // A file with errors: rejected, exit 1.
        let mala = try runInforme([
            "cargar", "--base", base,
            Self.carpeta.appendingPathComponent("2017/con-errores/SCT_2017_anio-equivocado.xlsx").path,
        ])
        #expect(mala.status == 1)
        #expect(mala.stdout.contains("rechazado con 2 errores"))

        let tabla = try runInforme(["envios", "--base", base])
        #expect(tabla.status == 0)
        #expect(tabla.stdout.contains("53 de 53 instancias tienen versión vigente."))
        #expect(tabla.stdout.contains("SCT         sí       v1       v1 aceptado 0/0"))
        #expect(tabla.stdout.contains("v2 rechazado 2/0"))

        let csv = try runInforme(["indicadores", "--base", base, "--formato", "csv"])
        #expect(csv.status == 0)
        let lineas = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lineas.first == "indicador,anio,desagregacion,categoria,valor")
        #expect(lineas.contains { $0.hasPrefix("P1,2017,total,,") })
        #expect(lineas.contains { $0.hasPrefix("A1,2017,sexo,mujer,") })
        let a2 = try #require(lineas.first { $0.hasPrefix("A2,2017,total,,") })
        #expect(a2.split(separator: ",").last?.split(separator: ".").last?.count == 4)
        #expect(lineas.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 5 })

        let salida = Self.carpeta.appendingPathComponent("abiertos")
        let publicable = try runInforme([
            "indicadores", "--base", base, "--formato", "json", "--publicable", "--salida", salida.path,
        ])
        #expect(publicable.status == 0)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(publicable.stdout.utf8)) as? [[String: Any]])
        #expect(json.count == 21)
        let datos = try String(contentsOf: salida.appendingPathComponent("datos/indicadores.csv"), encoding: .utf8)
        #expect(datos.hasPrefix("indicador,anio,desagregacion,categoria,valor\n"))
        let diccionario = try String(
            contentsOf: salida.appendingPathComponent("datos/diccionario.csv"), encoding: .utf8)
        #expect(diccionario.contains("P1,indicador,"))
        #expect(diccionario.contains("suma(Capacitacion, total_personas)"))
        #expect(!datos.contains("EST09-V-"))

        // The report's charts, PNG and SVG, the same bytes on every run.
        let g1 = Self.carpeta.appendingPathComponent("graficas1")
        let g2 = Self.carpeta.appendingPathComponent("graficas2")
        #expect(try runInforme(["graficas", "--base", base, "--salida", g1.path]).status == 0)
        #expect(try runInforme(["graficas", "--base", base, "--salida", g2.path]).status == 0)
        let archivos = try FileManager.default.contentsOfDirectory(atPath: g1.path).sorted()
        #expect(archivos.contains("piramide-victimas.png"))
        #expect(archivos.contains("mapa-victimas-por-entidad.svg"))
        #expect(archivos.filter { $0.hasSuffix(".png") }.count >= 10)
        for a in archivos {
            #expect(
                try Data(contentsOf: g1.appendingPathComponent(a)) == Data(contentsOf: g2.appendingPathComponent(a)),
                "\(a)")
        }
        // A folder that cannot be made (a file is in the way): which one and why, in Spanish.
        let estorbo = Self.carpeta.appendingPathComponent("estorbo")
        try Data("x".utf8).write(to: estorbo)
        let fallida = try runInforme([
            "graficas", "--base", base, "--salida", estorbo.appendingPathComponent("graficas").path,
        ])
        #expect(fallida.status != 0)
        #expect(fallida.stderr.contains("No se pudo escribir «\(estorbo.path)/graficas»"), "\(fallida.stderr)")
        #expect(!fallida.stderr.contains("The ") && !fallida.stderr.contains("couldn"))
    }
}
