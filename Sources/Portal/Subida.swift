import Foundation

/// An uploaded file: its name as the person's computer called it, and its bytes.
///
/// Taken from a `multipart/form-data` body (field `archivo`; other fields are kept for forms, such
/// as `csrf`) or from a raw body with `X-Nombre-Archivo`.
///
/// ```swift
/// let subida = try Subida.multipart(cuerpo, tipo: "multipart/form-data; boundary=xyz")
/// ```
struct Subida: Sendable {
    var nombre: String
    var bytes: [UInt8]
    /// The form's other text fields.
    var campos: [String: String] = [:]

    static let extensiones: Set<String> = ["xlsx", "xlsm", "ods", "csv", "zip"]

    /// The file name reduced to its last component and safe characters (never a path).
    static func nombreSeguro(_ nombre: String) -> String {
        let base = nombre.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let limpio = String(
            base.unicodeScalars.filter { c in
                c.value >= 0x20 && c != "\"" && c != "<" && c != ">" && c != ":" && c != "|" && c != "?" && c != "*"
            }
            .prefix(120))
        return limpio.trimmingCharacters(in: .whitespaces).isEmpty || limpio.hasPrefix(".") ? "envio" : limpio
    }

    /// Checks the extension; the error is the Spanish answer for the person.
    func comprobarExtension() throws(ErrorPortal) {
        let ext = (nombre as NSString).pathExtension.lowercased()
        guard Self.extensiones.contains(ext) else {
            throw ErrorPortal(
                .unsupportedMediaType,
                "«\(nombre)» no es un archivo que el portal acepte: envíe el instrumento como .xlsx, .ods, .csv o "
                    + "como un .zip con un CSV por hoja.")
        }
        guard !bytes.isEmpty else { throw ErrorPortal(.badRequest, "El archivo «\(nombre)» está vacío (0 bytes).") }
    }

    /// Parses a multipart body; the file part must be named `archivo`.
    static func multipart(_ cuerpo: [UInt8], tipo: String) throws(ErrorPortal) -> Subida {
        guard let rango = tipo.range(of: "boundary=") else {
            throw ErrorPortal(.badRequest, "El formulario no trae su separador (boundary); envíelo de nuevo.")
        }
        var limite = String(tipo[rango.upperBound...])
        if let punto = limite.firstIndex(of: ";") { limite = String(limite[..<punto]) }
        limite = limite.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !limite.isEmpty else {
            throw ErrorPortal(.badRequest, "El formulario no trae su separador (boundary); envíelo de nuevo.")
        }
        let separador = Array(("--" + limite).utf8)
        var subida = Subida(nombre: "", bytes: [])
        var encontrado = false
        var inicio = buscar(separador, en: cuerpo, desde: 0)
        while let i = inicio {
            var p = i + separador.count
            // "--" after the boundary ends the body.
            if p + 1 < cuerpo.count, cuerpo[p] == 45, cuerpo[p + 1] == 45 { break }
            if p + 1 < cuerpo.count, cuerpo[p] == 13, cuerpo[p + 1] == 10 { p += 2 }
            guard let finCabeceras = buscar([13, 10, 13, 10], en: cuerpo, desde: p) else { break }
            let cabeceras = String(decoding: cuerpo[p..<finCabeceras], as: UTF8.self)
            let datos = finCabeceras + 4
            guard let siguiente = buscar([13, 10] + separador, en: cuerpo, desde: datos) else { break }
            let contenido = Array(cuerpo[datos..<siguiente])
            let nombreCampo = parametro("name", en: cabeceras)
            if let archivo = parametro("filename", en: cabeceras), nombreCampo == "archivo" {
                subida.nombre = nombreSeguro(archivo)
                subida.bytes = contenido
                encontrado = true
            } else if let n = nombreCampo, contenido.count <= 4096 {
                subida.campos[n] = String(decoding: contenido, as: UTF8.self)
            }
            inicio = siguiente + 2
        }
        guard encontrado else {
            throw ErrorPortal(
                .badRequest, "No llegó ningún archivo: elija el archivo del instrumento y envíelo de nuevo.")
        }
        return subida
    }

    private static func parametro(_ nombre: String, en cabeceras: String) -> String? {
        for linea in cabeceras.split(separator: "\r\n") where linea.lowercased().hasPrefix("content-disposition") {
            for parte in linea.split(separator: ";") {
                let t = parte.trimmingCharacters(in: .whitespaces)
                if t.hasPrefix(nombre + "=") {
                    return String(t.dropFirst(nombre.count + 1)).trimmingCharacters(
                        in: CharacterSet(charactersIn: "\""))
                }
            }
        }
        return nil
    }

    /// Index of the first occurrence of `patron` at or after `desde`.
    static func buscar(_ patron: [UInt8], en datos: [UInt8], desde: Int) -> Int? {
        guard let primero = patron.first, patron.count <= datos.count else { return nil }
        var i = desde
        let ultimo = datos.count - patron.count
        while i <= ultimo {
            if datos[i] == primero {
                var k = 1
                while k < patron.count && datos[i + k] == patron[k] { k += 1 }
                if k == patron.count { return i }
            }
            i += 1
        }
        return nil
    }
}
