import ApoyoPruebas
import Foundation
import Testing

/// `informe rastrear` and `informe comparar` from the command line.
@Suite("informe rastrear y comparar", .serialized)
struct RastrearCommandTests {
    static let carpeta: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("informe-rastrear-\(UUID().uuidString)")
        let ej = dir.appendingPathComponent("2017")
        _ = try? runInforme(["ejemplo", "--salida", ej.path, "--semilla", "4"])
        let envios = ((try? FileManager.default.contentsOfDirectory(atPath: ej.path)) ?? [])
            .filter { $0.hasSuffix("_2017") || $0.hasSuffix("_2017.xlsx") }.sorted().map {
                ej.appendingPathComponent($0).path
            }
        _ = try? runInforme(["cargar", "--base", dir.appendingPathComponent("a.sqlite").path] + envios)
        return dir
    }()

    var base: String { Self.carpeta.appendingPathComponent("a.sqlite").path }

    @Test func rastrearEnLosTresFormatos() throws {
        let json = try runInforme([
            "rastrear", "A1", "--desagregacion", "sexo", "--categoria", "mujer", "--formato", "json", "--base", base,
        ])
        #expect(json.status == 0, "\(json.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let contribuciones = try #require(o["contribuciones"] as? [[String: Any]])
        let suma = contribuciones.reduce(0.0) {
            $0 + (($1["numerador"] as? Double) ?? Double($1["numerador"] as? Int ?? 0))
        }
        #expect(suma == (o["numerador"] as? Double ?? Double(o["numerador"] as? Int ?? -1)))
        #expect(
            contribuciones.allSatisfy {
                ($0["hoja"] as? String) == "Victimas" && !(($0["filas"] as? [Int]) ?? []).isEmpty
            })
        let texto = try runInforme(["rastrear", "A1", "--base", base])
        #expect(texto.status == 0)
        #expect(texto.stdout.contains("envíos contribuyen:"))
        #expect(texto.stdout.contains("Victimas filas "))
        let csv = try runInforme(["rastrear", "P2", "--formato", "csv", "--base", base])
        #expect(csv.stdout.hasPrefix("indicador,anio,desagregacion,categoria,valor,numerador,denominador,instancia,"))
    }

    @Test func erroresDeUso() throws {
        let malo = try runInforme(["rastrear", "Z9", "--base", base])
        #expect(malo.status == 2)
        #expect(malo.stderr.contains("No existe el indicador «Z9»"))
        #expect(malo.stderr.contains("A1"))
        let sinCategoria = try runInforme(["rastrear", "A1", "--desagregacion", "sexo", "--base", base])
        #expect(sinCategoria.status == 2)
        #expect(sinCategoria.stderr.contains("--desagregacion y --categoria juntas"))
        let sinBase = try runInforme([
            "rastrear", "A1", "--base", Self.carpeta.appendingPathComponent("no.sqlite").path,
        ])
        #expect(sinBase.status == 2)
        #expect(sinBase.stderr.contains("No existe el almacén"))
        let unaVersion = try runInforme(["comparar", "--instancia", "EST09", "--base", base])
        #expect(unaVersion.status == 2)
        #expect(unaVersion.stderr.contains("EST09 tiene 1 versión aceptada en 2017"))
        let tres = try runInforme(["comparar", "--instancia", "EST09", "--versiones", "1", "2", "3", "--base", base])
        #expect(tres.status == 2)
        #expect(tres.stderr.contains("Indique exactamente dos versiones"))
    }
}
