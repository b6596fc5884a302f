import Almacen
import DatosEjemplo
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Metodologia
import NIOCore
import Portal
import Servicios
import XLSXWriter

let raizProyecto = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let instrumentos = Instrumentos(raiz: raizProyecto.appendingPathComponent("Instrumento"))

/// The sample envíos of 2017, written once per test process.
enum Muestras {
    static let carpeta: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("portal-muestras-\(UUID().uuidString)")
        if let m = try? instrumentos.metodologia(anio: 2017) {
            _ = try? GeneradorEjemplo(metodologia: m, semilla: 11).escribir(en: dir)
        }
        return dir
    }()

    static func bytes(_ nombre: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: carpeta.appendingPathComponent(nombre)))
    }

    /// A CSV-folder envío zipped, one CSV per sheet.
    static func zip(_ carpetaEnvio: String) throws -> [UInt8] {
        let dir = carpeta.appendingPathComponent(carpetaEnvio)
        var z = ZipWriter()
        for n in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
            z.add(n, try [UInt8](Data(contentsOf: dir.appendingPathComponent(n))))
        }
        return z.finish()
    }
}

/// A fresh store with three keys and a portal over it.
struct Entorno {
    let dir: URL
    let almacen: any Almacen
    let portal: Portal
    let gt: String
    let est09: String
    let segob: String

    init(limiteSubida: Int = 20 << 20) async throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("portal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        almacen = try AlmacenSQL(ruta: dir.appendingPathComponent("a.sqlite").path)
        gt = try almacen.crearClave(instancia: nil, grupoTecnico: true).clave
        est09 = try almacen.crearClave(instancia: "EST09", grupoTecnico: false).clave
        segob = try almacen.crearClave(instancia: "SEGOB", grupoTecnico: false).clave
        var c = Configuracion(
            plantillas: raizProyecto.appendingPathComponent("Plantillas/portal"),
            salidas: dir.appendingPathComponent("portal"))
        c.limiteSubida = limiteSubida
        portal = try await Portal(instrumentos: instrumentos, almacen: almacen, configuracion: c)
    }

    func limpiar() { try? FileManager.default.removeItem(at: dir) }

    func probar(_ cuerpo: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await portal.aplicacion().test(.router, cuerpo)
    }
}

/// Request helpers.
enum Peticion {
    static func bearer(_ clave: String) -> HTTPFields { [.authorization: "Bearer \(clave)"] }

    static func crudo(_ clave: String, nombre: String) -> HTTPFields {
        [.authorization: "Bearer \(clave)", HTTPField.Name("X-Nombre-Archivo")!: nombre]
    }

    /// A multipart body with the file in `archivo` and other text fields.
    static func multipart(_ bytes: [UInt8], nombre: String, campos: [String: String] = [:]) -> (String, ByteBuffer) {
        let limite = "limite-\(UUID().uuidString)"
        var b = ByteBuffer()
        for (k, v) in campos.sorted(by: { $0.key < $1.key }) {
            b.writeString("--\(limite)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n")
        }
        b.writeString(
            "--\(limite)\r\nContent-Disposition: form-data; name=\"archivo\"; filename=\"\(nombre)\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
        b.writeBytes(bytes)
        b.writeString("\r\n--\(limite)--\r\n")
        return ("multipart/form-data; boundary=\(limite)", b)
    }

    static func json(_ r: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView))
    }

    static func texto(_ r: TestResponse) -> String { String(buffer: r.body) }
}

/// A zip of arbitrary files for the tests.
struct ZipWriterPrueba {
    private var z = ZipWriter()
    mutating func agregar(_ nombre: String, _ bytes: [UInt8]) { z.add(nombre, bytes) }
    func bytes() -> [UInt8] {
        var copia = z
        return copia.finish()
    }
}
