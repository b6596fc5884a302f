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
        dias = LocalDateTime.daysFromCivil(anio, mes, dia)
    }

    /// Parses `aaaa-mm-dd` or `dd/mm/aaaa` (surrounding spaces allowed); nil when it is not a real day.
    public init?(texto: String) {
        var bytes = Array(texto.utf8)
        while bytes.last == 32 { bytes.removeLast() }
        while bytes.first == 32 { bytes.removeFirst() }
        guard bytes.count == 10 else {
            // `d/m/aaaa` with one-digit day or month.
            let partes = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            guard partes.count == 3, partes[2].count == 4, (1...2).contains(partes[0].count),
                (1...2).contains(partes[1].count),
                let d = Int(String(decoding: partes[0], as: UTF8.self)),
                let m = Int(String(decoding: partes[1], as: UTF8.self)),
                let a = Int(String(decoding: partes[2], as: UTF8.self)),
                LocalDateTime.isValidDate(year: a, month: m, day: d)
            else { return nil }
            self.init(anio: a, mes: m, dia: d)
            return
        }
        func numero(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                let b = bytes[i]
                guard b >= 48 && b <= 57 else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        let a: Int?
        let m: Int?
        let d: Int?
        if bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-") {
            (a, m, d) = (numero(0..<4), numero(5..<7), numero(8..<10))
        } else if bytes[2] == UInt8(ascii: "/") && bytes[5] == UInt8(ascii: "/") {
            (d, m, a) = (numero(0..<2), numero(3..<5), numero(6..<10))
        } else {
            return nil
        }
        guard let a, let m, let d, LocalDateTime.isValidDate(year: a, month: m, day: d) else { return nil }
        self.init(anio: a, mes: m, dia: d)
    }

    public var componentes: (anio: Int, mes: Int, dia: Int) {
        let (a, m, d) = LocalDateTime.civilFromDays(dias)
        return (a, m, d)
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
