import Almacen
import DatosEjemplo
import Foundation
import Metodologia
import Servicios
import Testing
import Validacion

/// Loading a batch validates on every core but numbers versions as a serial run would, and an envío
/// already loaded under the same methodology is not validated again.
@Suite("Carga de un lote en paralelo")
struct CargaEnParaleloTests {
    /// The 2017 methodology and two sample batches of it (seeds 3 and 4), in `dir`'s `a` and `b`.
    func dosMuestras(en dir: URL) throws -> (Metodologia, [URL], [URL]) {
        let m = try instrumentos.metodologia(anio: 2017)
        try GeneradorEjemplo(metodologia: m, semilla: 3).escribir(en: dir.appendingPathComponent("a"))
        try GeneradorEjemplo(metodologia: m, semilla: 4).escribir(en: dir.appendingPathComponent("b"))
        return (
            m, EnviosEnCarpeta.buscar(dir.appendingPathComponent("a")),
            EnviosEnCarpeta.buscar(dir.appendingPathComponent("b"))
        )
    }

    /// A batch where most envíos are already loaded and the new ones come between them (a rebuild after
    /// some institutions resubmitted): the loaded ones are found ahead of the loader, the new ones
    /// validated, and versions numbered as one file at a time.
    @Test func nuevosEntreYaCargadosComoEnSerie() throws {
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (m, a, b) = try dosMuestras(en: dir)
        // Every fifth instancia resubmits, in the middle of the batch.
        let mezcla = a.enumerated().flatMap { k, ruta in k % 5 == 2 ? [ruta, b[k]] : [ruta] }
        let nuevos = Set(b.enumerated().filter { $0.offset % 5 == 2 }.map(\.element))
        let almacen = try Almacenes.abrir(dir.appendingPathComponent("p.sqlite").path, crear: true)
        let serial = try Almacenes.abrir(dir.appendingPathComponent("s.sqlite").path, crear: true)
        _ = Cargador(instrumentos: instrumentos, almacen: almacen).cargar(a, metodologia: m)
        for ruta in a { _ = Cargador(instrumentos: instrumentos, almacen: serial).cargar([ruta], metodologia: m) }
        let hechos = Cargador(instrumentos: instrumentos, almacen: almacen).cargar(mezcla, metodologia: m)
        for ruta in mezcla { _ = Cargador(instrumentos: instrumentos, almacen: serial).cargar([ruta], metodologia: m) }
        #expect(hechos.map(\.ruta) == mezcla)
        #expect(hechos.allSatisfy { $0.sinRevalidar == !nuevos.contains($0.ruta) })
        let enParalelo = try almacen.envios(anio: 2017).map { [$0.archivo, $0.instancia, $0.version.map(String.init)] }
        let enSerie = try serial.envios(anio: 2017).map { [$0.archivo, $0.instancia, $0.version.map(String.init)] }
        #expect(enParalelo == enSerie)
        #expect(try almacen.envios(anio: 2017).filter { $0.version == 2 }.count == nuevos.count)
        #expect(try almacen.vigentes(anio: 2017).map(\.sha256) == serial.vigentes(anio: 2017).map(\.sha256))
    }

    @Test func versionesEnElOrdenDadoYSinRevalidar() throws {
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (m, a, b) = try dosMuestras(en: dir)
        // Each instancia twice in one batch: seed 3's file, then seed 4's.
        let lote = zip(a, b).flatMap { [$0, $1] }
        let almacen = try Almacenes.abrir(dir.appendingPathComponent("p.sqlite").path, crear: true)
        let hechos = Cargador(instrumentos: instrumentos, almacen: almacen).cargar(lote, metodologia: m)
        #expect(hechos.map(\.ruta) == lote)
        #expect(hechos.allSatisfy { $0.carga != nil && !$0.sinRevalidar })
        // The same numbering as one file at a time, in order, on a store of its own.
        let serial = try Almacenes.abrir(dir.appendingPathComponent("s.sqlite").path, crear: true)
        let cargador = Cargador(instrumentos: instrumentos, almacen: serial)
        for ruta in lote { _ = cargador.cargar([ruta], metodologia: m) }
        let enParalelo = try almacen.envios(anio: 2017).map { [$0.archivo, $0.instancia, $0.version.map(String.init)] }
        let enSerie = try serial.envios(anio: 2017).map { [$0.archivo, $0.instancia, $0.version.map(String.init)] }
        #expect(enParalelo == enSerie)
        #expect(try almacen.envios(anio: 2017).filter { $0.version == 2 }.count == a.count)
        for (r, s) in zip(try almacen.envios(anio: 2017), try serial.envios(anio: 2017)) {
            #expect(r.sha256 == s.sha256 && r.estado == s.estado && r.errores == s.errores && r.filas == s.filas)
            #expect(try almacen.hallazgosCompletos(envio: r.id) == serial.hallazgosCompletos(envio: s.id))
        }

        // Again: nothing is validated, nothing changes, the stored findings are given back.
        let otra = Cargador(instrumentos: instrumentos, almacen: almacen).cargar(lote, metodologia: m)
        #expect(otra.allSatisfy { $0.sinRevalidar })
        #expect(otra.map(\.resultado.hallazgos) == hechos.map(\.resultado.hallazgos))
        #expect(try almacen.envios(anio: 2017).count == lote.count)

        // A methodology edited in one byte (a copy with a changed catalog): validated again.
        let copia = dir.appendingPathComponent("Instrumento/2017")
        try FileManager.default.createDirectory(
            at: copia.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: m.carpeta, to: copia)
        let sinCambio = try Metodologia.cargar(carpeta: copia)
        #expect(sinCambio.firma == m.firma)
        let catalogo = try #require(
            FileManager.default.enumerator(atPath: copia.appendingPathComponent("catalogos").path)?.allObjects.first
                as? String)
        let ruta = copia.appendingPathComponent("catalogos/\(catalogo)")
        try (String(contentsOf: ruta, encoding: .utf8) + "\n").write(to: ruta, atomically: true, encoding: .utf8)
        let editada = try Metodologia.cargar(carpeta: copia)
        #expect(editada.firma != m.firma)
        let revalidados = Cargador(instrumentos: instrumentos, almacen: almacen).cargar(
            Array(lote.prefix(3)), metodologia: editada)
        #expect(revalidados.allSatisfy { !$0.sinRevalidar })
        #expect(revalidados.allSatisfy { if case .yaCargado? = $0.carga { true } else { false } })
    }
}
