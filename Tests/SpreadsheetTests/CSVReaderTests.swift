import ApoyoPruebas
import Foundation
import Spreadsheet
import Testing

@Suite("CSV reader")
struct CSVReaderTests {
    func fixture(_ name: String) -> String { Paths.fixtures.appendingPathComponent(name).path }

    func texts(_ rows: [[CellValue?]]) -> [[String?]] {
        rows.map { $0.map { $0.map(\.normalizedText) } }
    }

    @Test func windows1252WithEnye() throws {
        let reader = try CSVReader(path: fixture("cp1252.csv"))
        #expect(reader.encoding == .windows1252)
        let rows = try readAll(fixture("cp1252.csv"))[0].rows
        #expect(texts(rows) == [["Nombre", "Entidad"], ["Niño", "Nuevo León"], ["María José", "Yucatán"]])
    }

    @Test func bomIsNotPartOfTheFirstHeader() throws {
        let reader = try CSVReader(path: fixture("bom.csv"))
        #expect(reader.encoding == .utf8)
        #expect(texts(try readAll(fixture("bom.csv"))[0].rows) == [["Sexo", "Edad"], ["Mujer", "34"]])
    }

    @Test func utf16WithBOMAndTabs() throws {
        let reader = try CSVReader(path: fixture("utf16.csv"))
        #expect(reader.encoding == .utf16LE)
        #expect(reader.delimiter == 9)
        #expect(texts(try readAll(fixture("utf16.csv"))[0].rows) == [["Sexo", "Edad"], ["Mujer", "34"]])
    }

    @Test func semicolonIsDetected() throws {
        let reader = try CSVReader(path: fixture("punto-y-coma.csv"))
        #expect(reader.delimiter == UInt8(ascii: ";"))
        #expect(
            texts(try readAll(fixture("punto-y-coma.csv"))[0].rows) == [
                ["Sexo", "Edad", "Entidad"], ["Mujer", "34", "Ciudad de México; CDMX"], ["Hombre", "17", "Jalisco"],
            ])
    }

    @Test func quotedNewlinesKeepLineNumbers() throws {
        let reader = try CSVReader(path: fixture("saltos-entre-comillas.csv"))
        var rows: [Row] = []
        while let row = try reader.next() { rows.append(row) }
        #expect(rows.map(\.sourceLine) == [1, 2, 4])
        #expect(rows[1][1] == .text("Primera línea\nsegunda \"citada\" línea"))
        #expect(rows[2][0] == .text("V-2"))
    }

    @Test func raggedRowsAreKeptAndReported() throws {
        let reader = try CSVReader(path: fixture("filas-irregulares.csv"))
        var rows: [[CellValue?]] = []
        while let row = try reader.next() { rows.append(row.denseValues) }
        #expect(
            texts(rows) == [
                ["A", "B", "C"], ["1", "2", "3"], ["4", "5"], ["6", "7", "8", "9"], ["10", "11", "12"],
            ])
        #expect(reader.raggedRecords == 2)
        #expect(
            reader.warnings == [
                "La línea 3 tiene 2 campos; se esperaban 3 como en las filas anteriores.",
                "La línea 4 tiene 4 campos; se esperaban 3 como en las filas anteriores.",
            ])
    }

    @Test func nulByteNamesItsLine() {
        let error = spreadsheetError { _ = try readAll(fixture("byte-nulo.csv")) }
        #expect(error?.problem == .nulByte(line: 3))
        #expect(error?.message.contains("la línea 3 contiene un byte nulo") == true)
    }

    @Test func invalidUTF8FallsBackToWindows1252() throws {
        let reader = try CSVReader(path: fixture("utf8-invalido.csv"))
        #expect(reader.encoding == .windows1252)
        #expect(texts(try readAll(fixture("utf8-invalido.csv"))[0].rows) == [["Nombre"], ["Niñoÿþ"]])
    }

    @Test func unterminatedQuote() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("comillas.csv")
        try Data("A,B\n1,\"abierto\n2,3\n".utf8).write(to: path)
        #expect(spreadsheetError { _ = try readAll(path.path) }?.problem == .unterminatedQuote(line: 2))
    }

    @Test func excelSepHintAndCRLF() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sep.csv")
        try Data("sep=|\r\nA|B\r\n1|\r\n".utf8).write(to: path)
        let reader = try CSVReader(path: path.path)
        #expect(reader.delimiter == UInt8(ascii: "|"))
        var rows: [Row] = []
        while let row = try reader.next() { rows.append(row) }
        #expect(rows.map(\.index) == [0, 1])
        #expect(rows.map(\.sourceLine) == [2, 3])
        #expect(texts(rows.map(\.denseValues)) == [["A", "B"], ["1"]])
    }

    @Test func fiftyMegabyteFieldIsRefusedWithBoundedMemory() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("campo-enorme.csv")
        _ = FileManager.default.createFile(atPath: path.path, contents: nil)
        let handle = try FileHandle(forWritingTo: path)
        try handle.write(contentsOf: Data("Folio,Nota\nV-1,\"".utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<50 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data("\"\n".utf8))
        try handle.close()
        #expect(spreadsheetError { _ = try readAll(path.path) }?.problem == .fieldTooLarge(line: 2, limit: 1 << 20))
        let run = try runInforme(["volcar", "--resumen", path.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("supera el máximo de 1 MB"))
        #expect(run.peakMiB < 48)
    }

    @Test func manyRowsStreamWithBoundedMemory() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("muchas.csv")
        var text = "folio;edad;entidad\n"
        var sum = 0
        for i in 0..<200_000 {
            text += "V-\(i);\(i % 90);\(i % 32 + 1)\n"
            sum += i % 90 + i % 32 + 1
        }
        try Data(text.utf8).write(to: path)
        let run = try runInforme(["volcar", "--resumen", path.path])
        #expect(run.status == 0)
        #expect(
            run.stdout.contains("\"rows\": 200001, \"cells\": 600003, \"numbers\": 400000, \"sum\": \(Double(sum))"))
        // Streamed: the 4 MB file adds little to what the program needs for a two-line file.
        let minimo = dir.appendingPathComponent("minimo.csv")
        try Data("folio;edad\nV-1;3\n".utf8).write(to: minimo)
        let base = try runInforme(["volcar", "--resumen", minimo.path])
        #expect(run.peakMiB - base.peakMiB < 8, "pico \(run.peakMiB) MiB frente a \(base.peakMiB) MiB")
    }

    /// A file of 4 MB or more is checked for UTF-8 in two halves at once, the second starting at the
    /// first byte from the middle that begins a character: the encoding must be what one pass decides,
    /// whatever sits at the middle or in either half.
    @Test(arguments: [
        ("€ across the middle", [0xE2, 0x82, 0xAC], -1, TextEncoding.utf8),
        ("emoji across the middle", [0xF0, 0x9F, 0x98, 0x80], -2, .utf8),
        ("character starting at the middle", [0xC3, 0xB1], 0, .utf8),
        ("character ending at the middle", [0xC3, 0xB1], -2, .utf8),
        ("cut character before the middle", [0xE2, 0x82], -2, .windows1252),
        ("four continuation bytes at the middle", [0x82, 0x82, 0x82, 0x82], 0, .windows1252),
        ("lone continuation byte at the middle", [0x82], 0, .windows1252),
        ("Ñ in Windows-1252 in the second half", [0xD1], 1_000_000, .windows1252),
        ("Ñ in Windows-1252 in the first half", [0xD1], -1_000_000, .windows1252),
        ("Ñ in UTF-8 in the first half", [0xC3, 0x91], -2_000_000, .utf8),
    ])
    func largeFileEncodingIsDecidedAsInOnePass(caso: String, bytes: [Int], at offset: Int, expected: TextEncoding)
        throws
    {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("grande.csv")
        let line = Array("V-1,Yucatan,34\n".utf8)
        var data = [UInt8]()
        while data.count < 5 << 20 { data += line }
        let middle = data.count / 2
        data.replaceSubrange((middle + offset)..<(middle + offset + bytes.count), with: bytes.map { UInt8($0) })
        try Data(data).write(to: path)
        #expect(try CSVReader(path: path.path).encoding == expected, "\(caso)")
        // The same bytes in a small file (one pass) decide the same.
        let small = dir.appendingPathComponent("chica.csv")
        try Data(data[(middle + offset - 64)..<(middle + offset + 64)]).write(to: small)
        #expect(try CSVReader(path: small.path).encoding == expected, "\(caso), archivo chico")
    }

    @Test func delimiterDetectionPrefersConsistentSplits() {
        #expect(CSVReader.detectDelimiter(Array("a,b;c\n1,2;3\n4,5;6\n".utf8)) == UInt8(ascii: ","))
        #expect(CSVReader.detectDelimiter(Array("Título del informe\na;b;c\n1;2,5;3\n".utf8)) == UInt8(ascii: ";"))
        #expect(CSVReader.detectDelimiter(Array("a\tb\n1\t2\n".utf8)) == 9)
        #expect(CSVReader.detectDelimiter(Array("solo\n".utf8)) == UInt8(ascii: ","))
    }
}
