import ApoyoPruebas
import Foundation
import Testing

/// Every command that takes `--base` on a PostgreSQL URL (or `INFORME_BASE`), `informe migrar`, and the
/// Spanish messages of a wrong URL, a server that is not there and a database that does not exist.
@Suite("informe con PostgreSQL")
struct PostgresCommandTests {
    @Test func cargarEnviosIndicadoresYMigrarDesdeLaCLI() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("informe-pg-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ejemplo = dir.appendingPathComponent("2017")
        #expect(try runInforme(["ejemplo", "--salida", ejemplo.path, "--semilla", "4"]).status == 0)
        let envios = try FileManager.default.contentsOfDirectory(atPath: ejemplo.path)
            .filter { $0.hasSuffix("_2017") || $0.hasSuffix("_2017.xlsx") }.sorted().map {
                ejemplo.appendingPathComponent($0).path
            }
        let servidor = try ServidorPostgres.compartido()
        let url = try servidor.nuevaBase("cli")
        let carga = try runInforme(["cargar", "--base", url] + envios.prefix(10))
        #expect(carga.status == 0, "\(carga.stderr)")
        #expect(carga.stdout.hasSuffix("Total: 10 aceptados, 0 rechazados, 0 ilegibles.\n"))
        // INFORME_BASE stands for --base.
        let tablero = try runInforme(["envios", "--anio", "2017"], entorno: ["INFORME_BASE": url])
        #expect(tablero.status == 0, "\(tablero.stderr)")
        #expect(tablero.stdout.components(separatedBy: " v1 aceptado ").count - 1 == 10)
        #expect(try servidor.psql(url.components(separatedBy: "/").last ?? "", "SELECT COUNT(*) FROM envios") == "10\n")
        // The same figures from SQLite and from its migrated copy.
        let sqlite = dir.appendingPathComponent("a.sqlite").path
        #expect(try runInforme(["cargar", "--base", sqlite] + envios.prefix(10)).status == 0)
        let destino = try servidor.nuevaBase("cli_migrada")
        let migrar = try runInforme(["migrar", "--desde", sqlite, "--hacia", destino])
        #expect(migrar.status == 0, "\(migrar.stderr)")
        #expect(migrar.stdout.contains("10 envíos (todas las versiones)"))
        let a = try runInforme(["indicadores", "--anio", "2017", "--base", sqlite, "--formato", "json"])
        let b = try runInforme(["indicadores", "--anio", "2017", "--base", destino, "--formato", "json"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(a.stdout == b.stdout && a.stdout.count > 1000)
        // Migrating again into the copy, which is no longer empty: refused.
        let otra = try runInforme(["migrar", "--desde", sqlite, "--hacia", destino])
        #expect(otra.status == 1)
        #expect(otra.stderr.contains("ya tiene envíos, claves o bitácora; la migración solo copia a una base vacía"))
    }

    @Test func direccionesEquivocadasEnEspanol() throws {
        let servidor = try ServidorPostgres.compartido()
        let casos: [(String, String)] = [
            ("postgres://127.0.0.1/informe", "Falta el usuario en «postgres://127.0.0.1/informe»"),
            ("postgres://informe@127.0.0.1", "Falta el nombre de la base"),
            ("postgres://informe@127.0.0.1:99999/x", "El puerto de «postgres://informe@127.0.0.1:99999/x» debe estar"),
            (
                "postgres://informe@127.0.0.1:\(ServidorPostgres.puertoLibre())/informe",
                "No se pudo conectar con PostgreSQL en postgres://informe@127.0.0.1"
            ),
            (servidor.url("no_existe"), "la base no existe; créela con «createdb» o indique otra"),
        ]
        for (url, mensaje) in casos {
            let r = try runInforme(["envios", "--anio", "2017", "--base", url])
            #expect(r.status != 0)
            #expect(r.stderr.contains(mensaje), "\(url): \(r.stderr)")
            #expect(!r.stderr.contains("PSQLError") && !r.stderr.contains("Connection refused"), "\(r.stderr)")
        }
        // A password in the URL is never echoed.
        let r = try runInforme([
            "envios", "--anio", "2017", "--base",
            "postgres://informe:secreta@127.0.0.1:\(ServidorPostgres.puertoLibre())/x",
        ])
        #expect(r.status != 0 && !r.stderr.contains("secreta"), "\(r.stderr)")
        let mala = try runInforme(["envios", "--anio", "2017", "--base", "postgres://informe:secreta@127.0.0.1"])
        #expect(mala.stderr.contains("«postgres://informe:***@127.0.0.1»") && !mala.stderr.contains("secreta"))
    }
}
