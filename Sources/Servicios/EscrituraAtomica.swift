import CairoOutput
import Foundation

/// Writes files the way every output of the program is written: to a temporary file in the same
/// folder, then renamed over the target, so that a reader never sees half a file.
///
/// ```swift
/// try EscrituraAtomica.escribir(Array("hola".utf8), en: URL(fileURLWithPath: "Salidas/x.txt"))
/// ```
public enum EscrituraAtomica {
    public static func escribir(_ bytes: [UInt8], en url: URL) throws(ErrorServicio) {
        let carpeta = url.deletingLastPathComponent()
        let temporal = carpeta.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try FileManager.default.createDirectory(at: carpeta, withIntermediateDirectories: true)
            try PlainFile.write(bytes, to: temporal)
        } catch {
            throw .escritura(ruta: url.path, causa: causaEnEspanol(error))
        }
        guard rename(temporal.path, url.path) == 0 else {
            let codigo = errno
            unlink(temporal.path)
            throw .escritura(
                ruta: url.path, causa: causaEnEspanol(NSError(domain: NSPOSIXErrorDomain, code: Int(codigo))))
        }
    }

    public static func escribir(_ texto: String, en url: URL) throws(ErrorServicio) {
        try escribir(Array(texto.utf8), en: url)
    }

    /// Creates a folder (and its parents), or fails naming it.
    public static func crearCarpeta(_ url: URL) throws(ErrorServicio) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .escritura(ruta: url.path, causa: causaEnEspanol(error))
        }
    }
}
