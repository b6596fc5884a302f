import Foundation
import Spreadsheet
import Testing

/// Records cut by chunk boundaries anywhere (inside quotes, between `\r` and `\n`, after a doubled
/// quote) read back exactly, the same way on this thread (`next()`) and on a second one
/// (`forEachRecord` on a large file), in UTF-8 and in Windows-1252.
@Suite("CSV por bloques")
struct CSVChunkTests {
    /// Random fields with the characters that matter to the parser, written with RFC 4180 quoting.
    func generate(rows: Int, seed: UInt64, crlf: Bool, ascii: Bool = false) -> (text: String, fields: [[String]]) {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let pieces =
            ascii
            ? ["a", "B", "7", " ", ",", "\"", "\n", "x y", "12.5"]
            : ["a", "ñ", "7", " ", ",", "\"", "\n", "é", "12.5", "México"]
        var text = "folio,texto,numero,nota\r\n"
        var fields: [[String]] = [["folio", "texto", "numero", "nota"]]
        for r in 0..<rows {
            var row = ["F-\(r)"]
            for _ in 0..<3 {
                var f = ""
                for _ in 0..<next(12) { f += pieces[next(pieces.count)] }
                row.append(f)
            }
            // A record whose fields are all empty is not a record: keep the folio.
            fields.append(row)
            text +=
                row.map { f in
                    f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || next(5) == 0
                        ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
                }.joined(separator: ",") + (crlf ? "\r\n" : "\n")
        }
        return (text, fields)
    }

    /// Each record starts one line after the previous one's line breaks.
    func expectedLines(_ fields: [[String]]) -> [Int] {
        var expected: [Int] = []
        var line = 1
        for row in fields {
            expected.append(line)
            line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
        }
        return expected
    }

    func readSerial(_ path: String, options: CSVOptions = CSVOptions()) throws -> [[String]] {
        let csv = try CSVReader(path: path, options: options)
        var out: [[String]] = []
        while let row = try csv.next() {
            var dense = [String](repeating: "", count: row.cells.map { $0.column + 1 }.max() ?? 0)
            for cell in row.cells { dense[cell.column] = cell.value.normalizedText }
            while dense.count < 4 { dense.append("") }
            out.append(dense)
        }
        return out
    }

    func readRecords(_ path: String, options: CSVOptions = CSVOptions()) throws -> (
        fields: [[String]], lines: [Int], indices: [Int]
    ) {
        let csv = try CSVReader(path: path, options: options)
        var out: [[String]] = []
        var lines: [Int] = []
        var indices: [Int] = []
        try csv.forEachRecord { record in
            indices.append(record.index)
            var row: [String] = []
            for k in 0..<record.count { record.withField(k) { row.append(String(decoding: $0, as: UTF8.self)) } }
            out.append(row)
            lines.append(record.line)
        }
        return (out, lines, indices)
    }

    @Test("Más de 4 MB, con y sin CRLF: los valores escritos, por los dos caminos", arguments: [false, true])
    func grandeIgualPorLosDosCaminos(crlf: Bool) throws {
        let (text, fields) = generate(rows: 90_000, seed: crlf ? 7 : 11, crlf: crlf)
        #expect(text.utf8.count > 4 << 20)
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("grande.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let records = try readRecords(path)
        #expect(records.fields == fields)
        #expect(try readSerial(path) == fields)
        #expect(records.lines == expectedLines(fields))
    }

    @Test("Windows-1252 grande: convertido por bloques sin perder caracteres")
    func windows1252Grande() throws {
        let (text, fields) = generate(rows: 60_000, seed: 3, crlf: true)
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("latin.csv").path
        try #require(text.data(using: .windowsCP1252)).write(to: URL(fileURLWithPath: path))
        #expect(try CSVReader(path: path).encoding == .windows1252)
        #expect(try readRecords(path).fields == fields)
        #expect(try readSerial(path) == fields)
    }

    @Test("Leído de 1 a 64 bytes a la vez: cortes en cada posición, mismo resultado", arguments: [false, true])
    func cadaCorte(latin: Bool) throws {
        let (text, fields) = generate(rows: 60, seed: 5, crlf: true, ascii: false)
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("chico.csv").path
        if latin {
            try #require(text.data(using: .windowsCP1252)).write(to: URL(fileURLWithPath: path))
        } else {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        for size in 1...64 {
            var options = CSVOptions()
            options.chunkSize = size
            #expect(try readSerial(path, options: options) == fields, "de \(size) en \(size) bytes")
            let records = try readRecords(path, options: options)
            #expect(records.fields == fields, "de \(size) en \(size) bytes")
            #expect(records.lines == expectedLines(fields), "de \(size) en \(size) bytes")
            #expect(records.indices == Array(0..<fields.count), "de \(size) en \(size) bytes")
        }
    }

    /// Found by the fuzzer (`A,C\n1,pti\0 8`): the records before a problem come out however the
    /// file is cut, then the problem with its line.
    @Test("Los registros antes de un byte NUL o un carácter UTF-16 inválido se entregan, luego el error")
    func registrosAntesDelProblema() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nul = dir.appendingPathComponent("nul.csv")
        try Data("A,C\n1,pti\u{0}8\n".utf8).write(to: nul)
        // UTF-16LE with a BOM and a lone low surrogate on line 3.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in Array("a\tb\n1\t2\n".utf16) + [0xDC00] + Array("\n".utf16) {
            utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let bad16 = dir.appendingPathComponent("utf16.csv")
        try Data(utf16).write(to: bad16)
        for (file, esperado, problema) in [
            (nul, [["A", "C"]], "línea 2"), (bad16, [["a", "b"], ["1", "2"]], "línea 3"),
        ] {
            for size in [1, 2, 3, 5, 7, 11, 1 << 20] {
                var options = CSVOptions()
                options.chunkSize = size
                let csv = try CSVReader(path: file.path, options: options)
                var leidos: [[String]] = []
                do {
                    try csv.forEachRecord { record in
                        var row: [String] = []
                        for k in 0..<record.count {
                            record.withField(k) { row.append(String(decoding: $0, as: UTF8.self)) }
                        }
                        leidos.append(row)
                    }
                    Issue.record("\(file.lastPathComponent) se leyó sin error")
                } catch {
                    #expect(error.message.contains(problema), "\(error.message)")
                }
                #expect(leidos == esperado, "\(file.lastPathComponent) de \(size) en \(size) bytes")
            }
        }
    }
}
