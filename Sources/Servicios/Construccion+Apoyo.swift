import Almacen
import Charts
import Foundation
import Indicadores
import Metodologia

/// What a build reads and checks besides the envíos: the charts' fingerprints, the sample envíos already
/// generated, the templates, the acronyms and the date the data are of.
extension Construccion {
    /// A chart's fingerprint: the program and its whole description as JSON with sorted keys (the same
    /// bytes in every process; about twice as fast as its reflected text, which it falls back to).
    static func huella(de spec: ChartSpec) -> String {
        var h = SHA256()
        h.actualizar(Array("\(programa)\n".utf8))
        let json = JSONEncoder()
        json.outputFormatting = [.sortedKeys]
        json.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        if let bytes = try? json.encode(spec) {
            h.actualizar(Array(bytes))
        } else {
            h.actualizar(Array(String(reflecting: spec).utf8))
        }
        return h.resumenHex
    }

    static func leerHuellas(_ url: URL) -> [String: String] {
        guard let texto = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var r: [String: String] = [:]
        for linea in texto.split(separator: "\n") {
            let partes = linea.split(separator: " ")
            if partes.count == 2 { r[String(partes[0])] = String(partes[1]) }
        }
        return r
    }

    /// The sample envíos in `dir` were generated from this methodology and seed, and are all there.
    static func ejemploVigente(en dir: URL, marca: URL, firma: String) -> Bool {
        guard let texto = try? String(contentsOf: marca, encoding: .utf8) else { return false }
        let lineas = texto.components(separatedBy: "\n")
        guard lineas.first == firma, lineas.count > 1 else { return false }
        return lineas.dropFirst().allSatisfy {
            FileManager.default.fileExists(atPath: dir.appendingPathComponent($0).path)
        }
    }

    static func cargarPlantillas(_ dir: URL) throws(ErrorServicio) -> [String] {
        do {
            let nombres = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }
                .sorted()
            return try nombres.map { try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }
        } catch {
            throw .entradaInexistente(dir.path)
        }
    }

    static func leerSiglas(_ url: URL) -> [(String, String)] {
        guard let texto = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return texto.split(whereSeparator: \.isNewline).dropFirst().compactMap { l in
            guard let coma = l.firstIndex(of: ",") else { return nil }
            return (
                String(l[..<coma]),
                String(l[l.index(after: coma)...]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            )
        }
    }

    /// The latest `fecha_llenado` of the vigente envíos (never the clock), as PDF dates want it.
    static func fechaDeLosDatos(_ datos: DatosAnio, _ m: Metodologia) -> String {
        let fechas = datos.envios.compactMap { e -> Int? in
            if case .fecha(let d)? = e.filas["Identificacion"]?.first?["fecha_llenado"] { return d }
            return nil
        }
        return Fecha(dias: fechas.max() ?? m.periodo.fin.dias).iso + "T00:00:00Z"
    }
}
