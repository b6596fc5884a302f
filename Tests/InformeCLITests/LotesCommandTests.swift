import ApoyoPruebas
import Foundation
import Testing

/// Batches with bad files: every file reported with its cause, the exit code says something failed.
@Suite("Lotes con archivos malos", .serialized)
struct LotesCommandTests {
    static let muestras: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("informe-lotes-\(UUID().uuidString)")
        _ = try? runInforme(["ejemplo", "--salida", dir.path, "--semilla", "4"])
        return dir
    }()

    /// A folder with two good envíos, one rejected, one unreadable and a note.
    func carpetaMezclada() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("informe-mezcla-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for n in ["EST09_2017.xlsx", "SEGOB_2017.xlsx", "con-errores/SCT_2017_anio-equivocado.xlsx"] {
            let origen = Self.muestras.appendingPathComponent(n)
            try FileManager.default.copyItem(at: origen, to: dir.appendingPathComponent(origen.lastPathComponent))
        }
        try Data("no soy un libro".utf8).write(to: dir.appendingPathComponent("roto.xlsx"))
        try Data("hola".utf8).write(to: dir.appendingPathComponent("notas.txt"))
        return dir
    }

    @Test func cargarUnaCarpetaDeEnviosConTotales() throws {
        let dir = try carpetaMezclada()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runInforme(["cargar", "--base", dir.appendingPathComponent("a.sqlite").path, dir.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("EST09_2017.xlsx: aceptado como versión 1"))
        #expect(
            r.stdout.contains(
                "SCT_2017_anio-equivocado.xlsx: rechazado con 2 errores; véalos con «informe validar --anio 2017 "))
        #expect(r.stdout.contains("roto.xlsx: ilegible; No se pudo leer «roto.xlsx»: no es un libro XLSX válido"))
        #expect(r.stdout.contains("Total: 2 aceptados, 1 rechazado, 1 ilegible."))
    }

    @Test func carpetaVaciaYCarpetaDeUnEnvioCSV() throws {
        let vacia = FileManager.default.temporaryDirectory.appendingPathComponent("informe-vacia-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: vacia, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: vacia) }
        let r = try runInforme(["validar", vacia.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no contiene ninguna hoja de cálculo"))
        // A folder of one CSV per sheet stays one envío.
        let csv = try #require(
            try FileManager.default.contentsOfDirectory(atPath: Self.muestras.path).sorted().first {
                !$0.contains(".") && $0 != "con-errores"
            })
        let uno = try runInforme(["validar", "--formato", "json", Self.muestras.appendingPathComponent(csv).path])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(uno.stdout.utf8)) as? [String: Any])
        #expect((o["envios"] as? [Any])?.count == 1)
    }

    @Test func reportesDeNombresIgualesNoSeEncimasn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("informe-tallos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("a"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("b"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(
            at: Self.muestras.appendingPathComponent("EST09_2017.xlsx"),
            to: dir.appendingPathComponent("a/EST09_2017.xlsx"))
        try FileManager.default.copyItem(
            at: Self.muestras.appendingPathComponent("con-errores/EST09_2017_victimas-con-errores.xlsx"),
            to: dir.appendingPathComponent("b/EST09_2017.xlsx"))
        let r = try runInforme([
            "validar", "--reporte", dir.appendingPathComponent("rep").path,
            dir.appendingPathComponent("a/EST09_2017.xlsx").path,
            dir.appendingPathComponent("b/EST09_2017.xlsx").path,
        ])
        #expect(r.status == 1)
        let nombres = Set(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("rep").path))
        #expect(
            nombres == [
                "EST09_2017.html", "EST09_2017-revisado.xlsx", "EST09_2017-xlsx.html", "EST09_2017-xlsx-revisado.xlsx",
            ])
    }

    @Test func construirConArchivosMalosSaleConUno() throws {
        let dir = try carpetaMezclada()
        let fuera = dir.appendingPathExtension("salida")
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: fuera)
        }
        let r = try runInforme([
            "construir", "--entrada", dir.path, "--base", fuera.appendingPathComponent("b.sqlite").path, "--salida",
            fuera.appendingPathComponent("2017").path,
        ])
        #expect(r.status == 1)
        #expect(r.stdout.contains("notas.txt: omitido, no es un libro .xlsx, un .csv ni una carpeta de CSV"))
        #expect(r.stdout.contains("roto.xlsx: ilegible;"))
        #expect(r.stdout.contains("2 instancias con versión vigente en 2017; 2 archivos rechazados, 1 omitido."))
        #expect(r.stderr.contains("3 archivos no entraron al informe"))
    }

    @Test func construirSinNingunEnvioAceptadoNoEscribePDF() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("informe-nada-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("no soy un libro".utf8).write(to: dir.appendingPathComponent("roto.xlsx"))
        let salida = dir.appendingPathComponent("salida")
        let r = try runInforme([
            "construir", "--entrada", dir.path, "--base", dir.appendingPathComponent("b.sqlite").path, "--salida",
            salida.path,
        ])
        #expect(r.status == 1)
        #expect(
            r.stderr.contains("Ninguna instancia tiene una versión aceptada del año 2017: no se construye el informe."))
        #expect(!FileManager.default.fileExists(atPath: salida.appendingPathComponent("informe-anual-2017.pdf").path))
        #expect(!r.stdout.contains("listo"))
    }
}

@Suite("Informe sin datos de un tema", .serialized)
struct InformeSinDatosTests {
    @Test func unCapituloSinDatosLoDiceEnVezDeEscribirCeros() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("informe-sct-\(UUID().uuidString)")
        let entrada = dir.appendingPathComponent("entrada")
        try FileManager.default.createDirectory(at: entrada, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // SCT sends only Capacitacion: no victims, no prosecution.
        let sct = try #require(
            try FileManager.default.contentsOfDirectory(atPath: LotesCommandTests.muestras.path).first {
                $0.hasPrefix("SCT_2017")
            })
        try FileManager.default.copyItem(
            at: LotesCommandTests.muestras.appendingPathComponent(sct), to: entrada.appendingPathComponent(sct))
        let r = try runInforme([
            "construir", "--entrada", entrada.path, "--base", dir.appendingPathComponent("a.sqlite").path, "--salida",
            dir.appendingPathComponent("2017").path,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let pdf = dir.appendingPathComponent("2017/informe-anual-2017.pdf")
        let plano = textoCorrido(try textoDelPDF(pdf))
        #expect(plano.contains("No se recibieron datos para este apartado en 2017"))
        #expect(!plano.contains("De ellas, 0 fueron mujeres"))
        #expect(!plano.contains("0 fueron mujeres y 0 hombres"))
    }
}

@Suite("Archivos que no se pueden leer")
struct IlegiblesTests {
    @Test func unFIFOConNombreDeLibroNoDetieneNiCuelgaElLote() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("informe-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("EST09_2017.xlsx")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let bueno = dir.appendingPathComponent("SEGOB_2017.xlsx")
        try FileManager.default.copyItem(
            at: LotesCommandTests.muestras.appendingPathComponent("SEGOB_2017.xlsx"), to: bueno)
        let r = try runInforme(["cargar", "--base", dir.appendingPathComponent("a.sqlite").path, fifo.path, bueno.path])
        #expect(r.status == 1)
        // The real cause, not a message about the SHA-256; and the other file is loaded.
        #expect(
            r.stdout.contains(
                "EST09_2017.xlsx: No se pudo leer «EST09_2017.xlsx»: el sistema no permitió abrirlo (no es un archivo común)."
            ))
        #expect(!r.stdout.contains("SHA-256"))
        #expect(r.stdout.contains("SEGOB_2017.xlsx: aceptado como versión 1"))
        #expect(r.stdout.contains("Total: 1 aceptado, 0 rechazados, 1 ilegible."))
    }
}
