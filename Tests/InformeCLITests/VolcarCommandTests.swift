import ApoyoPruebas
import Foundation
import Testing

/// `informe volcar` as a user runs it: JSON on stdout, Spanish errors on stderr, exit codes 0/1/2.
@Suite("informe volcar")
struct VolcarCommandTests {
    func fixture(_ name: String) -> String { projectRoot.appendingPathComponent("Tests/Fixtures/\(name)").path }

    @Test func dumpsJSON() throws {
        let run = try runInforme(["volcar", fixture("valido.xlsx")])
        #expect(run.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
        #expect(json?.count == 1)
        #expect(json?[0]["name"] as? String == "Victimas")
        let rows = json?[0]["rows"] as? [[Any]]
        #expect(rows?[0] as? [String] == ["Sexo", "Edad"])
        #expect(rows?[1][0] as? String == "Mujer")
        #expect((rows?[1][1] as? NSNumber)?.doubleValue == 34)
    }

    @Test func limitsRows() throws {
        let run = try runInforme(["volcar", "--filas", "1", fixture("valido.xlsx")])
        #expect(run.status == 0)
        #expect(run.stdout == "[\n{\"name\": \"Victimas\", \"rows\": [\n[\"Sexo\", \"Edad\"]]}]\n")
    }

    @Test func summary() throws {
        let run = try runInforme(["volcar", "--resumen", fixture("valido.xlsx")])
        #expect(run.status == 0)
        #expect(
            run.stdout
                == "[\n{\"name\": \"Victimas\", \"rows\": 2, \"cells\": 4, \"numbers\": 1, \"sum\": 34.0, \"texts\": 3, \"dates\": 0}]\n"
        )
    }

    @Test func unreadableFileExitsOne() throws {
        let run = try runInforme(["volcar", fixture("zip-truncado.xlsx")])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("No se pudo leer «"))
        #expect(run.stderr.contains("truncado"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try runInforme(["volcar"]).status == 2)
        #expect(try runInforme(["volcar", fixture("valido.xlsx"), "--filas", "-3"]).status == 2)
        let unknown = try runInforme(["volcar", fixture("valido.xlsx"), "--desconocida"])
        #expect(unknown.status == 2)
    }

    @Test func helpIsSpanish() throws {
        let run = try runInforme(["volcar", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Muestra el contenido de un libro XLSX o de un CSV como JSON."))
        #expect(run.stdout.contains("Muestra solo las primeras N filas de cada hoja."))
    }

    @Test func csvWarningsGoToStderr() throws {
        let run = try runInforme(["volcar", fixture("filas-irregulares.csv")])
        #expect(run.status == 0)
        #expect(run.stderr.contains("La línea 3 tiene 2 campos"))
    }
}
