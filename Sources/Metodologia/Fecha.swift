import Foundation
import Spreadsheet

/// A calendar day (days since 1970-01-01), as dates are compared in the methodology.
///
/// ```swift
/// let f = Fecha(anio: 2017, mes: 3, dia: 15)
/// print(f.textoCorto, f.iso)  // 15/03/2017 2017-03-15
/// ```
public struct Fecha: Sendable, Hashable, Comparable {
    public var dias: Int

    public init(dias: Int) { self.dias = dias }

    public init(anio: Int, mes: Int, dia: Int) {
        dias = LocalDateTime(year: anio, month: mes, day: dia).daysSinceEpoch
    }

    /// Parses `aaaa-mm-dd` or `dd/mm/aaaa`; nil when it is not a real day.
    public init?(texto: String) {
        let t = texto.trimmingCharacters(in: .whitespaces)
        let partes = t.split(separator: "/", omittingEmptySubsequences: false)
        if partes.count == 3, let d = Int(partes[0]), let m = Int(partes[1]), let a = Int(partes[2]),
            partes[2].count == 4,
            LocalDateTime.isValidDate(year: a, month: m, day: d)
        {
            self.init(anio: a, mes: m, dia: d)
            return
        }
        let guiones = t.split(separator: "-", omittingEmptySubsequences: false)
        if guiones.count == 3, guiones[0].count == 4, let a = Int(guiones[0]), let m = Int(guiones[1]),
            let d = Int(guiones[2].prefix(2)), guiones[2].count == 2,
            LocalDateTime.isValidDate(year: a, month: m, day: d)
        {
            self.init(anio: a, mes: m, dia: d)
            return
        }
        return nil
    }

    public var componentes: (anio: Int, mes: Int, dia: Int) {
        // Civil from days (Howard Hinnant).
        let z = dias + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `15/03/2017`, as people in Mexico write dates.
    public var textoCorto: String {
        let c = componentes
        return Self.dos(c.dia) + "/" + Self.dos(c.mes) + "/" + String(c.anio)
    }

    private static func dos(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    /// `2017-03-15`.
    public var iso: String {
        let c = componentes
        return String(c.anio) + "-" + Self.dos(c.mes) + "-" + Self.dos(c.dia)
    }

    public static func < (a: Fecha, b: Fecha) -> Bool { a.dias < b.dias }
}
