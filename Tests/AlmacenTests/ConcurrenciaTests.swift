import ApoyoPruebas
import Dispatch
import Foundation
import Metodologia
import Testing
import Validacion

@testable import Almacen

/// Many callers on one `Almacen` at once, as the portal's requests are: every load is one
/// transaction on a connection of its own.
@Suite("Almacén bajo concurrencia")
struct ConcurrenciaTests {
    @Test(arguments: Motor.allCases) func cargasSimultaneasNoPierdenNiDuplican(_ motor: Motor) throws {
        let m = try metodologia(2017)
        let muestras = try Muestras.compartidas.de(2017)
        let dir = temporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, almacen) = try motor.nuevo(en: dir)
        var v = Validador(metodologia: m)
        v.conservarDatos = true
        let instancias = ["SEP", "SEGOB", "EST09", "EST14", "PGR", "EST19"]
        // Validated once; every thread loads the same results (same SHA-256 for the same file).
        let resultados = instancias.map { i -> (ResultadoValidacion, String) in
            let url = envioDe(i, 2017, en: muestras)
            return (v.validar(Envio(ruta: url)), SHA256.deDirectorioOArchivo(url) ?? "")
        }
        // Distinct bytes for one instancia: its version history must stay 1...N with no gap.
        let versionesSEP = (1...12).map { k in (resultados[0].0, "sha-sep-\(k)") }
        let trabajos = (0..<3).flatMap { _ in resultados } + versionesSEP
        let fallos = Contador()
        DispatchQueue.concurrentPerform(iterations: trabajos.count) { k in
            let (r, sha) = trabajos[k]
            do {
                _ = try almacen.cargar(r, sha256: sha, metodologia: m)
            } catch {
                fallos.sumar()
            }
        }
        #expect(fallos.valor == 0)
        let registros = try almacen.envios(anio: 2017)
        // Each distinct file exactly once: 6 samples + 12 distinct SEP versions.
        #expect(registros.count == instancias.count + 12)
        #expect(Set(registros.map(\.sha256)).count == registros.count)
        let sep = registros.filter { $0.instancia == "SEP" }.compactMap(\.version).sorted()
        #expect(sep == Array(1...13))
        for i in instancias.dropFirst() {
            #expect(registros.filter { $0.instancia == i }.compactMap(\.version) == [1])
        }
        // No partial envío: every accepted load has all its rows.
        for r in registros where r.estado == .aceptado {
            #expect(try almacen.filasGuardadas(envio: r.id, metodologia: m) == r.filas)
        }
        #expect(try almacen.integro())
    }
}
