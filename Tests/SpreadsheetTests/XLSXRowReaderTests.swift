import Foundation
import Spreadsheet
import Testing

/// A small sheet part is read at once on the caller's thread; a large one on two background threads
/// in slices of 32 KiB. Both must give every row, in order, with the same values, and the same errors.
@Suite("Lectura de hojas chicas y grandes")
struct XLSXRowReaderTests {
    /// Row `i`: a number, an inline string whose length varies (so cells fall across slice boundaries),
    /// a shared string and a boolean; one row per line.
    static func sheetData(rows: Int, brokenAt: Int? = nil) -> String {
        (1...rows).map { i in
            let texto = "fila \(i) " + String(repeating: "x", count: i % 97)
            let cierre = i == brokenAt ? "</x>" : "</row>"
            return
                "<row r=\"\(i)\"><c r=\"A\(i)\"><v>\(i * 3)</v></c><c r=\"B\(i)\" t=\"inlineStr\"><is><t>\(texto)</t>"
                + "</is></c><c r=\"C\(i)\" t=\"s\"><v>\(i % 3)</v></c><c r=\"D\(i)\" t=\"b\"><v>\(i % 2)</v></c>\(cierre)\n"
        }.joined()
    }

    static func expected(_ i: Int) -> [CellValue?] {
        [
            .number(Double(i * 3)), .text("fila \(i) " + String(repeating: "x", count: i % 97)),
            .text(["a", "b", "c"][i % 3]),
            .bool(i % 2 == 1),
        ]
    }

    func write(rows: Int, brokenAt: Int? = nil) throws -> URL {
        let dir = Paths.temporaryDirectory()
        let url = dir.appendingPathComponent("hoja-\(rows).xlsx")
        try TestZip.workbook(sheetData: Self.sheetData(rows: rows, brokenAt: brokenAt), sharedStrings: ["a", "b", "c"])
            .write(to: url)
        return url
    }

    @Test func grandeEnRebanadasYChicaDeUnaVez() throws {
        // About 80 bytes a row: 20,000 rows are some 1.6 MB, well over the 256 KiB read at once.
        let grande = try write(rows: 20_000)
        let chica = try write(rows: 300)
        defer {
            try? FileManager.default.removeItem(at: grande.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: chica.deletingLastPathComponent())
        }
        #expect(try FileManager.default.attributesOfItem(atPath: grande.path)[.size] as? Int ?? 0 > 0)
        for (url, n) in [(grande, 20_000), (chica, 300)] {
            let filas = try readAll(url.path)[0].rows
            #expect(filas.count == n)
            var distintas = 0
            for (k, fila) in filas.enumerated() where fila != Self.expected(k + 1) { distintas += 1 }
            #expect(distintas == 0, "\(url.lastPathComponent): \(distintas) filas distintas")
        }
    }

    @Test func errorEnMedioDeUnaHojaGrandeConSuLinea() throws {
        let url = try write(rows: 20_000, brokenAt: 15_000)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let book = try Workbook.open(path: url.path)
        let reader = try book.rows(ofSheet: 0)
        var leidas = 0
        let error = spreadsheetError {
            while try reader.next() != nil { leidas += 1 }
        }
        // Every row before the broken one arrives first (the last batch may be the one that failed).
        #expect(leidas >= 14_000 && leidas < 15_000)
        #expect(error?.message.contains("no es válido en la línea 15000") == true, "\(String(describing: error))")
    }

    @Test func dejarUnaHojaGrandeAMedias() throws {
        let url = try write(rows: 20_000)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        for _ in 0..<20 {
            let book = try Workbook.open(path: url.path)
            let reader = try book.rows(ofSheet: 0)
            for _ in 0..<5 { _ = try reader.next() }
        }
        #expect(try readAll(url.path)[0].rows.count == 20_000)
    }
}
