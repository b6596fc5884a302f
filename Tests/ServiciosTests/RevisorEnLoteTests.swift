import DatosEjemplo
import Foundation
import Metodologia
import Servicios
import Testing
import Validacion

/// `Revisor.validar(_:)` of a list: every envío's findings, in the list's order, as one by one.
@Suite("Revisor: validar una lista")
struct RevisorEnLoteTests {
    /// The 53 sample envíos and the four with errors, in reverse order, then a file that is not a
    /// workbook and two copies of one of them (the first opened ahead, as `informe validar` does): the
    /// same results, in the same order, as validating each one by one.
    @Test func mismosResultadosEnElMismoOrden() throws {
        let m = try instrumentos.metodologia(anio: 2017)
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rutas = try GeneradorEjemplo(metodologia: m, semilla: 9).escribir(en: dir)
        let roto = dir.appendingPathComponent("ROTO_2017.xlsx")
        try Data("no es un libro".utf8).write(to: roto)
        rutas.reverse()
        let conErrores = try #require(rutas.first { $0.path.contains("con-errores") })
        rutas += [roto, conErrores, conErrores]
        let revisor = Revisor(metodologia: m)
        let envios = rutas.enumerated().map { i, ruta in i == 0 ? Envio(ruta: ruta).adelantado() : Envio(ruta: ruta) }
        let enLote = revisor.validar(envios)
        let unoAUno = rutas.map { revisor.validar(Envio(ruta: $0)) }
        #expect(enLote.count == rutas.count)
        #expect(enLote.map(\.archivo) == rutas.map(\.lastPathComponent))
        for (a, b) in zip(enLote, unoAUno) {
            #expect(a.hallazgos == b.hallazgos, "\(a.archivo)")
            #expect(a.instancia == b.instancia, "\(a.archivo)")
        }
        // The four with errors, the unreadable file and the two copies.
        #expect(enLote.filter { $0.errores > 0 }.count == 7)
        #expect(enLote.last(where: { $0.archivo == "ROTO_2017.xlsx" })?.hallazgos.map(\.codigo) == ["archivo-ilegible"])
        #expect(revisor.validar([]).isEmpty)
    }

    /// Writing the pages and copies of many envíos (more than are reviewed at once): every envío gets
    /// its page, copies of one get names of their own, and the findings are those of `validar`.
    @Test func revisarMuchosEscribeCadaUno() throws {
        let m = try instrumentos.metodologia(anio: 2017)
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rutas = try GeneradorEjemplo(metodologia: m, semilla: 4).escribir(en: dir.appendingPathComponent("envios"))
        rutas += [rutas[0], rutas[0]]
        let salida = dir.appendingPathComponent("revision")
        try FileManager.default.createDirectory(at: salida, withIntermediateDirectories: true)
        let revisor = Revisor(metodologia: m)
        let envios = rutas.map { Envio(ruta: $0) }
        let resultados = try revisor.revisar(envios, escribiendoEn: salida)
        #expect(resultados.map(\.hallazgos) == revisor.validar(envios).map(\.hallazgos))
        let paginas = try FileManager.default.contentsOfDirectory(atPath: salida.path).filter { $0.hasSuffix(".html") }
        #expect(paginas.count == rutas.count)
        let base = rutas[0].deletingPathExtension().lastPathComponent
        let ext = rutas[0].pathExtension.isEmpty ? "carpeta" : rutas[0].pathExtension
        #expect(Set(paginas).isSuperset(of: ["\(base).html", "\(base)-\(ext).html", "\(base)-\(ext)-2.html"]))
    }
}
