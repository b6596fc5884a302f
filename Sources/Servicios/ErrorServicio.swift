import Almacen
import Foundation

/// Why a use-case could not be carried out, as a value: the CLI turns it into Spanish text and an
/// exit code, the web server into Spanish text and an HTTP status.
///
/// ```swift
/// do { _ = try instrumentos.metodologia(anio: 2031) }
/// catch { print(error.mensaje, error.esDeUso) }  // "No hay metodología del año 2031 …", true
/// ```
public enum ErrorServicio: Error, Sendable, CustomStringConvertible {
    /// No `<raíz>/<año>/instrumento.yaml`; `disponibles` are the years that exist.
    case metodologiaNoEncontrada(anio: Int, raiz: String, disponibles: [Int])
    /// The methodology exists but does not load (every problem listed).
    case metodologiaInvalida(String)
    /// A store that must exist does not.
    case almacenInexistente(String)
    /// The store failed (open, query, write).
    case almacen(ErrorAlmacen)
    /// An input path (envío, folder) that does not exist.
    case entradaInexistente(String)
    /// An input could not be read (the reader's Spanish cause).
    case entradaIlegible(String)
    /// An output could not be written.
    case escritura(ruta: String, causa: String)
    /// An instancia that is not in the catalog.
    case instanciaDesconocida(String)
    /// A build with no usable input.
    case sinDatos(String)
    /// Something asked for that does not exist (an indicator, a breakdown, a version); the text says
    /// what exists.
    case consultaInvalida(String)
    /// A drawing library (Cairo, Pango…) is not installed: what is missing and the package to install.
    case bibliotecasDeDibujo(String)

    /// The Spanish message, naming the path or the year and what to do.
    public var mensaje: String {
        switch self {
        case .metodologiaNoEncontrada(let anio, let raiz, let disponibles):
            let lista =
                disponibles.isEmpty
                ? "no hay ningún año en «\(raiz)»"
                : "los años disponibles son " + disponibles.map(String.init).joined(separator: ", ")
            return "No hay metodología del año \(anio) en «\(raiz)» (falta \(anio)/instrumento.yaml); \(lista)."
        case .metodologiaInvalida(let texto):
            return texto
        case .almacenInexistente(let ruta):
            return "No existe el almacén «\(ruta)»; cargue envíos con «informe cargar»."
        case .almacen(let error):
            return error.mensaje
        case .entradaInexistente(let ruta):
            return "No existe «\(ruta)»."
        case .escritura(let ruta, let causa):
            return "No se pudo escribir «\(ruta)»: \(causa)."
        case .instanciaDesconocida(let clave):
            return "La instancia «\(clave)» no está en el catálogo de instancias."
        case .sinDatos(let texto), .consultaInvalida(let texto), .entradaIlegible(let texto),
            .bibliotecasDeDibujo(let texto):
            return texto
        }
    }

    public var description: String { mensaje }

    /// True when the caller asked for something impossible (a usage error: exit 2, HTTP 400/404);
    /// false when the data or the system failed (exit 1, HTTP 422/500).
    public var esDeUso: Bool {
        switch self {
        case .metodologiaNoEncontrada, .metodologiaInvalida, .almacenInexistente, .entradaInexistente,
            .instanciaDesconocida, .consultaInvalida:
            return true
        case .almacen, .escritura, .sinDatos, .entradaIlegible, .bibliotecasDeDibujo:
            return false
        }
    }

    /// True when the program is missing part of its installation (exit 70, HTTP 503): neither the
    /// caller nor the data can fix it.
    public var esDeInstalacion: Bool {
        if case .bibliotecasDeDibujo = self { return true }
        return false
    }
}

/// The cause of a Foundation or POSIX failure in Spanish (never the system's English text).
public func causaEnEspanol(_ error: any Error) -> String {
    let ns = error as NSError
    var codigo = ns.code
    if ns.domain == NSCocoaErrorDomain, let subyacente = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
        subyacente.domain == NSPOSIXErrorDomain
    {
        codigo = subyacente.code
    } else if ns.domain == NSCocoaErrorDomain {
        switch codigo {
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "no tiene permiso de escritura"
        case NSFileWriteOutOfSpaceError: return "no queda espacio en el disco"
        case NSFileWriteFileExistsError: return "ya existe un archivo con ese nombre"
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "la carpeta no existe"
        case NSFileWriteVolumeReadOnlyError: return "el disco es de solo lectura"
        default: return "error del sistema de archivos \(codigo)"
        }
    }
    switch Int32(codigo) {
    case EACCES, EPERM: return "no tiene permiso de escritura"
    case ENOSPC: return "no queda espacio en el disco"
    case EEXIST: return "ya existe un archivo con ese nombre"
    case ENOENT: return "la carpeta no existe"
    case ENOTDIR: return "una parte de la ruta no es una carpeta"
    case EROFS: return "el disco es de solo lectura"
    case EISDIR: return "es una carpeta"
    default: return "error del sistema \(codigo)"
    }
}
