import Foundation
import Metodologia

#if canImport(Glibc)
    import Glibc
#endif

extension Metodologia {
    /// The SHA-256 of the methodology's folder (every file's path and bytes, in path order): it changes
    /// with any edit to a sheet, field, catalog, rule or indicator, whether or not `version` was bumped.
    ///
    /// ```swift
    /// if registro.metodologia == m.firma { /* same envío, same methodology: no need to validate again */ }
    /// ```
    public var firma: String { FirmasDeCarpeta.compartidas.de(carpeta) }
}

/// Fingerprints of methodology folders, computed once per folder in a process.
final class FirmasDeCarpeta: @unchecked Sendable {
    static let compartidas = FirmasDeCarpeta()
    private var hechas: [String: String] = [:]
    private let cerrojo = NSLock()

    /// Computed again when any file's size or modification time changed (a folder edited in place).
    func de(_ carpeta: URL) -> String {
        let raiz = carpeta.standardizedFileURL.path
        var archivos: [(String, String)] = []
        for case let rel as String in FileManager.default.enumerator(atPath: raiz)?.allObjects ?? [] {
            // stat(2) itself: FileManager's attributes also look up the owner's user and group names,
            // which was a fifth of loading a batch of envíos.
            var info = stat()
            guard stat(raiz + "/" + rel, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            archivos.append((rel, "\(rel)|\(info.st_size)|\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"))
        }
        archivos.sort { $0.0 < $1.0 }
        let clave = raiz + "\n" + archivos.map(\.1).joined(separator: "\n")
        cerrojo.lock()
        defer { cerrojo.unlock() }
        if let f = hechas[clave] { return f }
        var h = SHA256()
        for (rel, _) in archivos {
            h.actualizar(Array(rel.utf8) + [0])
            if let datos = FileManager.default.contents(atPath: raiz + "/" + rel) { h.actualizar([UInt8](datos)) }
            h.actualizar([0])
        }
        let firma = h.resumenHex
        hechas[clave] = firma
        return firma
    }
}
