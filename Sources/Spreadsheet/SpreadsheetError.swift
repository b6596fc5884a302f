/// Why a spreadsheet could not be read, with the file it concerns.
///
/// The message is Spanish and names the file, the problem and, where possible, what to do.
///
/// ```swift
/// do { _ = try Workbook.open(path: "envio.xlsx") }
/// catch let error as SpreadsheetError { print(error.message) }
/// ```
public struct SpreadsheetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's name as given by the caller.
    public var file: String
    public var problem: Problem

    public init(file: String, problem: Problem) {
        self.file = file
        self.problem = problem
    }

    /// What went wrong, independent of which file (positions are attached by the caller).
    public enum Problem: Sendable, Equatable {
        case fileNotFound
        case unreadable(String)
        case emptyFile
        /// Neither a ZIP (XLSX) nor a CSV/text file.
        case unknownFormat
        /// A ZIP whose end-of-central-directory record is missing or inconsistent.
        case notAZip
        case truncated
        /// An OLE2/CFB container with `EncryptionInfo`: an XLSX protected with a password.
        case passwordProtected
        /// An OLE2/CFB container without encryption: an Excel 97–2003 `.xls` workbook.
        case legacyXLS
        case missingPart(String)
        case unsupportedCompression(part: String, method: Int)
        case encryptedEntry(String)
        /// An entry whose uncompressed size or compression ratio is beyond the limits.
        case zipBomb(part: String, detail: String)
        case corruptEntry(part: String, detail: String)
        case forbiddenDTD(part: String)
        case malformedXML(part: String, line: Int, detail: String)
        case cellOutOfRange(sheet: String, reference: String)
        case sharedStringOutOfRange(sheet: String, cell: String, index: Int)
        case sheetNotFound(String)
        case nulByte(line: Int)
        case fieldTooLarge(line: Int, limit: Int)
        case unterminatedQuote(line: Int)
        case invalidEncoding(encoding: String, line: Int)
        case tooManyColumns(line: Int)
        /// The whole file asks for more work than ``ZipLimits`` allows (bytes inflated, XML events).
        case workLimit(detail: String)
    }

    /// The full Spanish message: `No se pudo leer «x.xlsx»: …`.
    public var message: String { "No se pudo leer «\(file)»: \(problemText)" }
    public var description: String { message }

    /// The Spanish text of the problem alone.
    public var problemText: String {
        switch problem {
        case .fileNotFound:
            return "el archivo no existe."
        case .unreadable(let why):
            return "el sistema no permitió abrirlo (\(why))."
        case .emptyFile:
            return "el archivo está vacío (0 bytes)."
        case .unknownFormat:
            return "no es un libro XLSX u ODS ni un archivo CSV. Guárdelo como «Libro de Excel (.xlsx)» o como CSV."
        case .notAZip:
            return
                "no es un libro XLSX válido: no tiene la estructura ZIP de un archivo de Excel. "
                + "Ábralo en Excel o LibreOffice y guárdelo de nuevo como «Libro de Excel (.xlsx)»."
        case .truncated:
            return
                "el archivo está incompleto (truncado); probablemente la copia o la descarga se interrumpió. "
                + "Envíe de nuevo el archivo original."
        case .passwordProtected:
            return
                "el libro está protegido con contraseña y su contenido está cifrado. "
                + "Quite la contraseña (Archivo › Información › Proteger libro) y envíelo de nuevo."
        case .legacyXLS:
            return
                "es un libro de Excel 97-2003 (.xls), formato que no se acepta. "
                + "Guárdelo como «Libro de Excel (.xlsx)»."
        case .missingPart(let part):
            return "al libro le falta la parte «\(part)»; el archivo está dañado o no lo escribió una hoja de cálculo."
        case .unsupportedCompression(let part, let method):
            return
                "la parte «\(part)» usa un método de compresión no admitido (\(method)); guarde el libro de nuevo desde Excel."
        case .encryptedEntry(let part):
            return "la parte «\(part)» está cifrada dentro del ZIP; guarde el libro sin cifrar."
        case .zipBomb(let part, let detail):
            return "la parte «\(part)» se rechaza por seguridad: \(detail) (posible bomba ZIP)."
        case .corruptEntry(let part, let detail):
            return "la parte «\(part)» está dañada (\(detail)). Envíe de nuevo el archivo original."
        case .forbiddenDTD(let part):
            return
                "la parte «\(part)» contiene una declaración DOCTYPE (entidades XML), que no se admite por seguridad. "
                + "Los libros de Excel nunca la usan: guarde el archivo de nuevo desde una hoja de cálculo."
        case .malformedXML(let part, let line, let detail):
            return "el XML de la parte «\(part)» no es válido en la línea \(line): \(detail)."
        case .cellOutOfRange(let sheet, let reference):
            return "la hoja «\(sheet)» nombra la celda «\(reference)», fuera de los límites de Excel (XFD1048576)."
        case .sharedStringOutOfRange(let sheet, let cell, let index):
            return "la celda \(sheet)!\(cell) apunta a la cadena compartida \(index), que no existe."
        case .sheetNotFound(let name):
            return "el libro declara la hoja «\(name)», pero su contenido no está en el archivo."
        case .nulByte(let line):
            return
                "la línea \(line) contiene un byte nulo (NUL); el archivo no es texto CSV. Expórtelo de nuevo como CSV."
        case .fieldTooLarge(let line, let limit):
            return
                "un campo que empieza en la línea \(line) supera el máximo de \(formatBytes(limit)); "
                + "probablemente falta cerrar unas comillas."
        case .unterminatedQuote(let line):
            return "unas comillas abiertas en la línea \(line) nunca se cierran; revise ese campo."
        case .invalidEncoding(let encoding, let line):
            return "el texto de la línea \(line) no es \(encoding) válido; guárdelo como CSV UTF-8."
        case .tooManyColumns(let line):
            return "la línea \(line) tiene más de 16,384 columnas, el máximo de una hoja de cálculo."
        case .workLimit(let detail):
            return
                "se rechaza por seguridad: \(detail), mucho más que cualquier instrumento. "
                + "Probablemente el archivo está dañado o fue alterado; guárdelo de nuevo desde Excel o LibreOffice."
        }
    }
}

func formatBytes(_ n: Int) -> String {
    if n >= 1 << 30 && n % (1 << 30) == 0 { return "\(n >> 30) GB" }
    if n >= 1 << 20 { return "\(n >> 20) MB" }
    if n >= 1 << 10 { return "\(n >> 10) KB" }
    return "\(n) bytes"
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The cause of a system error in Spanish (the C library's own text is English).
func causaDelSistema(_ code: Int32) -> String {
    switch code {
    case EACCES, EPERM: return "no tiene permiso de lectura"
    case ENOENT: return "el archivo no existe"
    case EISDIR: return "es una carpeta"
    case ENOTDIR: return "una parte de la ruta no es una carpeta"
    case EMFILE, ENFILE: return "hay demasiados archivos abiertos"
    case EIO: return "error de lectura del disco"
    case ELOOP: return "la ruta tiene demasiados vínculos simbólicos"
    case ENAMETOOLONG: return "la ruta es demasiado larga"
    default: return "error del sistema \(code)"
    }
}
