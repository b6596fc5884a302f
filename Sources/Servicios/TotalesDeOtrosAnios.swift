import Almacen
import Foundation
import Metodologia

/// The earlier years' part of the series (each indicator's headline value in each year), kept in
/// `interno/` between builds under a fingerprint of everything it comes from: this program's binary,
/// the year's methodology (whose formulas compute it), that year's methodology (which read its rows)
/// and every envío of that year in the store. A rebuild after an envío of this year changed does not
/// read the earlier years' rows again; a new envío of an earlier year, another methodology or another
/// build of the program computes them again.
///
/// ```swift
/// let previos = TotalesDeOtrosAnios.leer(url)
/// if previos[2016]?.huella == huella { … }
/// ```
enum TotalesDeOtrosAnios {
    /// One year: its fingerprint and, when it counts in the series, its totals.
    struct Entrada: Equatable {
        var huella: String
        var totales: [String: Double]?
    }

    static func huella(_ anio: Int, metodologia m: Metodologia, delAnio ma: Metodologia, envios: [RegistroEnvio])
        -> String
    {
        var h = SHA256()
        var texto = "\(Construccion.programa)\n\(binario)\n\(m.firma)\n\(anio) \(ma.firma)\n"
        // Not the store's numbers (ids): the years' batches load at once, so they differ from run to
        // run; what the envíos are and in which order their year loaded them is the same.
        for e in envios {
            texto += "\(e.instancia ?? "") \(e.version ?? 0) \(e.estado.rawValue) \(e.sha256) \(e.filas)\n"
        }
        h.actualizar(Array(texto.utf8))
        return h.resumenHex
    }

    /// This executable's size and modification time: a program built again computes them again.
    static let binario: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "?" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()

    /// The entries saved in `url`; none when it is missing or damaged (it is only a cache).
    static func leer(_ url: URL) -> [Int: Entrada] {
        guard let texto = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var out: [Int: Entrada] = [:]
        var actual: Int?
        for linea in texto.split(separator: "\n", omittingEmptySubsequences: true) {
            let partes = linea.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if partes.count == 3, partes[0].hasPrefix("="), let anio = Int(partes[0].dropFirst()) {
                out[anio] = Entrada(huella: partes[1], totales: partes[2] == "1" ? [:] : nil)
                actual = anio
            } else if partes.count == 2, let anio = actual, let valor = Double(partes[1]), valor.isFinite,
                out[anio]?.totales != nil
            {
                out[anio]?.totales?[partes[0]] = valor
            } else {
                return [:]
            }
        }
        return out
    }

    /// The entries as text (years in order, keys sorted); nil when a key could not be written back
    /// as it is (a tab or a line break in it).
    static func texto(_ entradas: [Int: Entrada]) -> String? {
        var out = ""
        for (anio, e) in entradas.sorted(by: { $0.key < $1.key }) {
            out += "=\(anio)\t\(e.huella)\t\(e.totales == nil ? "0" : "1")\n"
            for (clave, valor) in (e.totales ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard !clave.contains(where: { $0 == "\t" || $0.isNewline }) else { return nil }
                out += "\(clave)\t\(valor)\n"
            }
        }
        return out
    }
}
