import Almacen
import DatosEjemplo
import Foundation
import Metodologia
import Servicios
import Spreadsheet
import Testing
import Validacion

let raizProyecto = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let instrumentos = Instrumentos(raiz: raizProyecto.appendingPathComponent("Instrumento"))

func carpetaTemporal() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("servicios-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The use-cases called as a library: values in, values out, typed errors.
@Suite("Servicios")
struct ServiciosTests {
    @Test func instrumentosDeUnaRaizExplicita() throws {
        #expect(instrumentos.anios == [2016, 2017])
        #expect(try instrumentos.metodologia(anio: 2017).version == "2017.1")
        do {
            _ = try instrumentos.metodologia(anio: 2031)
            Issue.record("2031 no tiene metodología")
        } catch {
            #expect(error.esDeUso)
            #expect(error.mensaje.contains("No hay metodología del año 2031"))
            #expect(error.mensaje.hasSuffix("los años disponibles son 2016, 2017."))
        }
        // Another root: nothing is looked up through the working folder.
        let vacia = Instrumentos(raiz: carpetaTemporal())
        #expect(vacia.anios.isEmpty)
        #expect(throws: ErrorServicio.self) { try vacia.metodologia(anio: 2017) }
    }

    /// Reports written to a folder: a page and a copy per envío, names that never collide, no copy of a
    /// file that cannot be read; a folder that cannot be written is said in Spanish.
    @Test func revisionesEscritasEnUnaCarpeta() throws {
        let m = try instrumentos.metodologia(anio: 2017)
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GeneradorEjemplo(metodologia: m, semilla: 3).escribir(en: dir.appendingPathComponent("e"))
        let sep = dir.appendingPathComponent("e/con-errores/SEP_2017_capacitacion-con-errores.xlsx")
        let entrada = dir.appendingPathComponent("entrada")
        try FileManager.default.createDirectory(at: entrada, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: sep, to: entrada.appendingPathComponent("a.xlsx"))
        try "esto no es un envío\n".write(
            to: entrada.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        try "no es un libro".write(to: entrada.appendingPathComponent("b.xlsx"), atomically: true, encoding: .utf8)
        let envios = ["a.xlsx", "a.csv", "b.xlsx"].map { Envio(ruta: entrada.appendingPathComponent($0)) }
        let salida = dir.appendingPathComponent("revision")
        try FileManager.default.createDirectory(at: salida, withIntermediateDirectories: true)
        let resultados = try Revisor(metodologia: m).revisar(envios, escribiendoEn: salida)
        #expect(resultados.map(\.archivo) == ["a.xlsx", "a.csv", "b.xlsx"])
        #expect(resultados[0].errores == 2)
        #expect(resultados[2].hallazgos.map(\.codigo) == ["archivo-ilegible"])
        let escritos = try FileManager.default.contentsOfDirectory(atPath: salida.path).sorted()
        #expect(escritos == ["a-csv-revisado.xlsx", "a-csv.html", "a-revisado.xlsx", "a.html", "b.html"])
        // A file that is not a regular folder cannot hold the reports.
        let archivo = dir.appendingPathComponent("no-carpeta")
        try "x".write(to: archivo, atomically: true, encoding: .utf8)
        do {
            _ = try Revisor(metodologia: m).revisar(envios, escribiendoEn: archivo)
            Issue.record("no se puede escribir dentro de un archivo")
        } catch {
            #expect(error.mensaje.contains("no-carpeta"), "\(error.mensaje)")
            #expect(!error.mensaje.contains("The operation"), "\(error.mensaje)")
        }
    }

    @Test func revisionDaHallazgosPaginaYCopia() throws {
        let m = try instrumentos.metodologia(anio: 2017)
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GeneradorEjemplo(metodologia: m, semilla: 3).escribir(en: dir)
        let url = dir.appendingPathComponent("con-errores/SEP_2017_capacitacion-con-errores.xlsx")
        let revision = Revisor(metodologia: m).revisar(Envio(ruta: url))
        #expect(revision.resultado.errores == 2)
        #expect(revision.nombreBase == "SEP_2017_capacitacion-con-errores")
        #expect(revision.html.contains("<b>2</b>errores"))
        let copia = try #require(revision.copiaRevisada)
        // The annotated copy is a workbook the reader opens, with the same sheets.
        let ruta = dir.appendingPathComponent("copia.xlsx")
        try Data(copia).write(to: ruta)
        let libro = try Workbook.open(path: ruta.path)
        #expect(libro.sheets.map(\.name).contains("Capacitacion"))
        // The JSON of one finding has exactly the fields of `validar --formato json`.
        let h = try #require(revision.resultado.hallazgos.first)
        let objeto = try #require(
            try JSONSerialization.jsonObject(with: Data(ValidacionJSON.hallazgo(h).utf8)) as? [String: Any])
        #expect(
            Set(objeto.keys) == [
                "archivo", "hoja", "celda", "fila", "columna", "campo", "codigo", "severidad", "regla", "valor",
                "mensaje",
            ])
    }

    @Test func paginaEscapaLosValores() throws {
        let m = try instrumentos.metodologia(anio: 2017)
        var r = ResultadoValidacion(archivo: "<script>.xlsx", instancia: nil, hallazgos: [])
        r.hallazgos = [
            Hallazgo(
                archivo: "<script>.xlsx", hoja: "Victimas", fila: 2, columna: 1, campo: "sexo", codigo: "tipo-invalido",
                severidad: .error, regla: nil, valor: "<img src=x onerror='1'>", mensaje: "a & b")
        ]
        let html = PaginaRevision.pagina(r, metodologia: m)
        #expect(!html.contains("<img"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;img src=x onerror=&#39;1&#39;&gt;"))
        #expect(html.contains("a &amp; b"))
    }

    @Test func cargaPorLotesSigueTrasUnArchivoMaloYTableroCuenta() throws {
        let m = try instrumentos.metodologia(anio: 2017)
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GeneradorEjemplo(metodologia: m, semilla: 3).escribir(en: dir.appendingPathComponent("e"))
        let malo = dir.appendingPathComponent("e/roto.xlsx")
        try Data("no es un libro".utf8).write(to: malo)
        let almacen = try Almacenes.abrir(dir.appendingPathComponent("a/b.sqlite").path, crear: true)
        let rutas = EnviosEnCarpeta.buscar(dir.appendingPathComponent("e"))
        #expect(rutas.contains(malo))
        var avances: [Int] = []
        let hechos = Cargador(instrumentos: instrumentos, almacen: almacen).cargar(rutas, metodologia: m) {
            n, total, _ in
            avances.append(n)
            #expect(total == rutas.count)
        }
        #expect(avances == Array(1...rutas.count))
        #expect(hechos.count == rutas.count)
        let roto = try #require(hechos.first { $0.ruta == malo })
        #expect(!roto.aceptado)
        guard case .ilegible(let motivo) = roto.desenlace else {
            Issue.record("roto.xlsx debería ser ilegible: \(roto.desenlace)")
            return
        }
        #expect(motivo.contains("roto.xlsx"))
        for h in hechos where h.ruta != malo {
            guard case .aceptado(let version, _) = h.desenlace else {
                Issue.record("\(h.ruta.lastPathComponent): \(h.desenlace)")
                continue
            }
            #expect(version == 1)
        }
        // The same files again: every one already loaded, nothing changes.
        let otraVez = Cargador(instrumentos: instrumentos, almacen: almacen).cargar(
            rutas.filter { $0 != malo }, metodologia: m)
        #expect(
            otraVez.allSatisfy {
                if case .yaCargado(let previo) = $0.desenlace { return previo.estado == .aceptado }
                return false
            })
        // The board, against the store's records counted here.
        let tablero = try TableroEntregas(anio: 2017, metodologia: m, almacen: almacen)
        let aceptadas = Set(hechos.filter(\.aceptado).compactMap(\.resultado.instancia))
        #expect(tablero.entregaron == aceptadas.count)
        #expect(tablero.instancias.count == m.catalogos["instancias"]?.entradas.count)
        #expect(tablero.sinInstancia.map(\.archivo) == ["roto.xlsx"])
        // A store that must exist and does not: a usage error naming it.
        do {
            _ = try Almacenes.abrir(dir.appendingPathComponent("no-existe.sqlite").path, crear: false)
            Issue.record("debería fallar")
        } catch {
            #expect(error.esDeUso)
            #expect(error.mensaje.contains("no-existe.sqlite"))
        }
    }

    @Test func escrituraAtomicaFallaEnEspanol() throws {
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archivo = dir.appendingPathComponent("archivo")
        try Data("x".utf8).write(to: archivo)
        do {
            try EscrituraAtomica.escribir("hola", en: archivo.appendingPathComponent("dentro.txt"))
            Issue.record("no se puede escribir dentro de un archivo")
        } catch {
            #expect(error.mensaje.hasPrefix("No se pudo escribir «\(archivo.path)/dentro.txt»:"))
            #expect(!error.mensaje.contains("couldn"))
            #expect(!error.mensaje.contains("The "))
        }
        // The bytes themselves cannot be written (the temporary name is taken by a folder): the cause in
        // Spanish, nothing left at the target.
        let destino = dir.appendingPathComponent("bloqueado.txt")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent(".bloqueado.txt.\(getpid()).tmp"), withIntermediateDirectories: true)
        do {
            try EscrituraAtomica.escribir("hola", en: destino)
            Issue.record("el nombre temporal es una carpeta")
        } catch {
            #expect(error.mensaje == "No se pudo escribir «\(destino.path)»: es una carpeta.", "\(error.mensaje)")
        }
        #expect(!FileManager.default.fileExists(atPath: destino.path))
        try EscrituraAtomica.escribir("hola", en: dir.appendingPathComponent("sub/ok.txt"))
        #expect(try String(contentsOf: dir.appendingPathComponent("sub/ok.txt"), encoding: .utf8) == "hola")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("sub").path) == ["ok.txt"])
    }
}
