import Foundation
import Metodologia

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
            guard let atributos = try? FileManager.default.attributesOfItem(atPath: raiz + "/" + rel),
                atributos[.type] as? FileAttributeType == .typeRegular
            else { continue }
            let fecha = (atributos[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            archivos.append((rel, "\(rel)|\(atributos[.size] as? Int ?? 0)|\(fecha)"))
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
