import ApoyoPruebas
import Foundation
import Testing

/// A methodology year that is not in the repository (2018, made here from 2017 with a new sheet, a
/// new catalog, a new rule, another threshold and a new indicator): every command works on it with no
/// code change.
@Suite("Un año nuevo es solo datos", .serialized)
struct AnioNuevoTests {
    /// `Instrumento/` copied with a `2018/` built from `2017/`.
    static let raiz: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("informe-2018-\(UUID().uuidString)")
        let instrumento = dir.appendingPathComponent("Instrumento")
        try? FileManager.default.copyItem(at: projectRoot.appendingPathComponent("Instrumento"), to: instrumento)
        try? FileManager.default.copyItem(
            at: projectRoot.appendingPathComponent("Plantillas"), to: dir.appendingPathComponent("Plantillas"))
        let a2018 = instrumento.appendingPathComponent("2018")
        try? FileManager.default.copyItem(at: instrumento.appendingPathComponent("2017"), to: a2018)
        func editar(_ archivo: String, _ cambio: (String) -> String) {
            let url = a2018.appendingPathComponent(archivo)
            if let texto = try? String(contentsOf: url, encoding: .utf8) {
                try? cambio(texto).write(to: url, atomically: true, encoding: .utf8)
            }
        }
        editar("instrumento.yaml") {
            $0.replacingOccurrences(of: "anio: 2017", with: "anio: 2018")
                .replacingOccurrences(of: "version: \"2017.1\"", with: "version: \"2018.1\"")
                .replacingOccurrences(of: "\"2017-01-01\"", with: "\"2018-01-01\"")
                .replacingOccurrences(of: "\"2017-12-31\"", with: "\"2018-12-31\"")
                .replacingOccurrences(of: "  k: 5", with: "  k: 3")
        }
        // A new catalog and a new sheet that EST09 must send.
        try? "clave,etiqueta\ntemporal,Refugio temporal\npermanente,Refugio permanente\n".write(
            to: a2018.appendingPathComponent("catalogos/tipo_refugio.csv"), atomically: true, encoding: .utf8)
        editar("catalogos.yaml") {
            $0.replacingOccurrences(
                of: "catalogos:\n", with: "catalogos:\n  tipo_refugio: {archivo: catalogos/tipo_refugio.csv}\n")
        }
        editar("hojas.yaml") {
            $0 + """

                  - hoja: Refugios
                    descripcion: Una fila por refugio.
                    objetivo: 2
                    filas: varias
                    campos:
                      - {clave: clave_refugio, etiqueta: Clave del refugio, tipo: texto, requerido: "si", unico: "si", ejemplo: "REF-01"}
                      - {clave: tipo, etiqueta: Tipo de refugio, tipo: "catalogo:tipo_refugio", requerido: "si"}
                      - {clave: plazas, etiqueta: Plazas, tipo: entero, requerido: "si", minimo: "1", maximo: "200"}
                      - {clave: ocupadas, etiqueta: Plazas ocupadas, tipo: entero, requerido: "si", minimo: "0", maximo: "200"}

                """
        }
        editar("reglas.yaml") {
            $0 + """

                  - clave: R-REF-01
                    hoja: Refugios
                    tipo: condicion
                    descripcion: Las plazas ocupadas no pasan de las plazas.
                    condicion: ocupadas <= plazas
                    celda: ocupadas
                    severidad: error
                    mensaje: "Hay {ocupadas} plazas ocupadas y solo {plazas} plazas."
                    correccion: Corrija las plazas o las ocupadas.

                """
        }
        editar("indicadores.yaml") {
            $0.replacingOccurrences(
                of: "# Grupos de edad",
                with: """

                      - clave: R9
                        nombre: Refugios especializados
                        objetivo: 2
                        definicion: Refugios registrados por las instancias.
                        numerador: filas(Refugios)
                        unidad: refugios
                        sentido: ascendente
                        meta: {anio: 2018, valor: 40}
                        desagregaciones:
                          - por: tipo
                      - clave: R10
                        nombre: Refugios con ocupación de al menos la mitad
                        objetivo: 2
                        definicion: Por instancia, sus refugios con la mitad o más de sus plazas ocupadas entre sus refugios.
                        numerador: "filas(Refugios donde ocupadas * 2 >= plazas)"
                        denominador: filas(Refugios)
                        unidad: porcentaje
                        sentido: ascendente
                        desagregaciones:
                          - por: instancia
                            razon: si

                    # Grupos de edad
                    """)
        }
        editar("catalogos/instancias.csv") {
            $0.replacingOccurrences(of: "EST09,", with: "EST09,").split(separator: "\n").map { l in
                l.hasPrefix("EST09,") || l.hasPrefix("EST14,") ? l + "|Refugios" : String(l)
            }.joined(separator: "\n") + "\n"
        }
        return dir
    }()

    var entorno: [String: String] { ["INFORME_INSTRUMENTO": Self.raiz.appendingPathComponent("Instrumento").path] }

    @Test func cadaOrdenFuncionaConElAnioNuevo() throws {
        let dir = Self.raiz
        let ejemplo = dir.appendingPathComponent("ejemplo")
        let gen = try runInforme(["ejemplo", "--anio", "2018", "--salida", ejemplo.path], entorno: entorno)
        #expect(gen.status == 0, "\(gen.stderr)")
        // EST09's sample has the new sheet, with rows that satisfy the new rule.
        let est09 = try #require(
            try FileManager.default.contentsOfDirectory(atPath: ejemplo.path).first { $0.hasPrefix("EST09_2018") })
        let validacion = try runInforme(
            ["validar", "--anio", "2018", "--formato", "json", ejemplo.appendingPathComponent(est09).path],
            entorno: entorno)
        #expect(validacion.status == 0, "\(validacion.stdout)")
        let volcado = try runInforme(["volcar", ejemplo.appendingPathComponent(est09).path], entorno: entorno)
        let refugios = try #require(
            try (JSONSerialization.jsonObject(with: Data(volcado.stdout.utf8)) as? [[String: Any]])?.first {
                $0["name"] as? String == "Refugios"
            })
        let filasRefugios = ((refugios["rows"] as? [[Any]]) ?? []).count - 1
        #expect(filasRefugios >= 3)
        // The template has the new sheet and its catalog.
        let plantilla = dir.appendingPathComponent("plantilla-2018.xlsx")
        #expect(
            try runInforme(
                ["plantilla", "--anio", "2018", "--instancia", "EST09", "--salida", plantilla.path], entorno: entorno
            ).status == 0)
        let hojas = try runInforme(["volcar", "--resumen", plantilla.path], entorno: entorno)
        #expect(hojas.stdout.contains("\"name\": \"Refugios\""))
        // Load and compute: R9 counts the Refugios rows, by type.
        let base = dir.appendingPathComponent("a.sqlite").path
        let envios = try FileManager.default.contentsOfDirectory(atPath: ejemplo.path).filter { $0.contains("_2018") }
            .map { ejemplo.appendingPathComponent($0).path }
        let carga = try runInforme(["cargar", "--anio", "2018", "--base", base] + envios, entorno: entorno)
        #expect(carga.status == 0, "\(carga.stdout)")
        let csv = try runInforme(
            ["indicadores", "--anio", "2018", "--base", base, "--formato", "csv"], entorno: entorno)
        // R9 counts both instancias' Refugios rows.
        let est14 = try #require(
            try FileManager.default.contentsOfDirectory(atPath: ejemplo.path).first { $0.hasPrefix("EST14_2018") })
        func filasDeRefugios(_ envio: String) throws -> [[Any]] {
            let v = try runInforme(["volcar", ejemplo.appendingPathComponent(envio).path], entorno: entorno)
            let hoja = try #require(
                try (JSONSerialization.jsonObject(with: Data(v.stdout.utf8)) as? [[String: Any]])?.first {
                    $0["name"] as? String == "Refugios"
                })
            // The sample writes columns in any order, by clave or by label: keep plazas, ocupadas.
            let filas = (hoja["rows"] as? [[Any]]) ?? []
            let encabezado = (filas.first ?? []).map { "\($0)".lowercased() }
            guard let p = encabezado.firstIndex(of: "plazas"),
                let o = encabezado.firstIndex(where: { $0.contains("ocupadas") })
            else { return [] }
            return filas.dropFirst().map { [0, 0, $0[p], $0[o]] }
        }
        let r09 = try filasDeRefugios(est09)
        let r14 = try filasDeRefugios(est14)
        #expect(r09.count == filasRefugios)
        #expect(csv.stdout.contains("R9,2018,total,,\(r09.count + r14.count)\n"), "\(csv.stdout.suffix(300))")
        // R10 by instancia is each instancia's own ratio, computed here from its rows.
        func razon(_ filas: [[Any]]) -> String {
            let llenos = filas.filter { f in
                let plazas = Double("\(f[2])") ?? 0
                let ocupadas = Double("\(f[3])") ?? 0
                return ocupadas * 2 >= plazas
            }.count
            return String(format: "%.4f", Double(llenos) / Double(filas.count) * 100)
        }
        #expect(csv.stdout.contains("R10,2018,instancia,EST09,\(razon(r09))\n"), "\(csv.stdout.suffix(400))")
        #expect(csv.stdout.contains("R10,2018,instancia,EST14,\(razon(r14))\n"))
        #expect(csv.stdout.contains("R10,2018,total,,\(razon(r09 + r14))\n"))
        let rastreo = try runInforme(
            ["rastrear", "R9", "--anio", "2018", "--base", base, "--formato", "json"], entorno: entorno)
        #expect(rastreo.status == 0)
        #expect(rastreo.stdout.contains("\"hoja\": \"Refugios\""))
        // The whole report, with the threshold of the new year.
        let construir = try runInforme(
            [
                "construir", "--anio", "2018", "--base", dir.appendingPathComponent("b.sqlite").path, "--salida",
                dir.appendingPathComponent("2018").path,
            ], entorno: entorno)
        #expect(construir.status == 0, "\(construir.stderr)")
        let diccionario = try String(
            contentsOf: dir.appendingPathComponent("2018/datos/diccionario.csv"), encoding: .utf8)
        #expect(diccionario.contains("<3 indica un conteo suprimido"))
        #expect(diccionario.contains("R9,indicador,"))
    }

    @Test func laNuevaReglaSeAplica() throws {
        let dir = Self.raiz.appendingPathComponent("regla")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let csv = "Clave del refugio,Tipo de refugio,Plazas,Plazas ocupadas\nREF-1,Refugio temporal,10,12\n"
        let archivo = dir.appendingPathComponent("EST09_2018_Refugios.csv")
        try csv.write(to: archivo, atomically: true, encoding: .utf8)
        let r = try runInforme(["validar", "--anio", "2018", "--formato", "json", archivo.path], entorno: entorno)
        #expect(r.stdout.contains("\"regla\": \"R-REF-01\""))
        #expect(r.stdout.contains("\"celda\": \"D2\""))
        #expect(r.stdout.contains("Hay 12 plazas ocupadas y solo 10 plazas."))
    }
}
