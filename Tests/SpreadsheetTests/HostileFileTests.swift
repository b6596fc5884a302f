import ApoyoPruebas
import Foundation
import Spreadsheet
import Testing

/// Named hostile fixtures (Tests/Fixtures) and big ones generated here: each gives an exact outcome.
@Suite("Hostile XLSX files")
struct HostileFileTests {
    func fixture(_ name: String) -> String { Paths.fixtures.appendingPathComponent(name).path }

    func problem(_ name: String) -> SpreadsheetError.Problem? {
        spreadsheetError { _ = try readAll(fixture(name)) }?.problem
    }

    @Test func validBookReads() throws {
        let sheets = try readAll(fixture("valido.xlsx"))
        #expect(sheets.map(\.name) == ["Victimas"])
        #expect(sheets[0].rows == [[.text("Sexo"), .text("Edad")], [.text("Mujer"), .number(34)]])
    }

    @Test func truncatedZip() {
        #expect(problem("zip-truncado.xlsx") == .truncated)
        let error = spreadsheetError { _ = try readAll(fixture("zip-truncado.xlsx")) }
        #expect(error?.message.contains("incompleto (truncado)") == true)
        #expect(error?.message.contains("zip-truncado.xlsx") == true)
    }

    @Test func notAZip() {
        #expect(problem("no-es-zip.xlsx") == .notAZip)
    }

    @Test func billionLaughsIsRefusedAtTheDoctype() {
        #expect(problem("billion-laughs.xlsx") == .forbiddenDTD(part: "xl/sharedStrings.xml"))
    }

    @Test func externalEntityIsNeverResolved() throws {
        #expect(problem("entidad-externa-passwd.xlsx") == .forbiddenDTD(part: "xl/worksheets/sheet1.xml"))
        let run = try runInforme(["volcar", fixture("entidad-externa-passwd.xlsx")])
        #expect(run.status == 1)
        #expect(!run.stdout.contains("root:"))
        #expect(run.stderr.contains("DOCTYPE"))
    }

    @Test func declaredSharedStringsMissing() {
        #expect(problem("sin-sharedstrings.xlsx") == .missingPart("xl/sharedStrings.xml"))
    }

    @Test func sharedStringIndexOutOfRange() {
        #expect(problem("indice-cadena-fuera.xlsx") == .sharedStringOutOfRange(sheet: "Victimas", cell: "B1", index: 7))
    }

    @Test func cellPastTheLimits() {
        #expect(problem("celda-fuera-de-limites.xlsx") == .cellOutOfRange(sheet: "Victimas", reference: "XFE1"))
    }

    @Test func columnXFDCostsNothing() throws {
        let book = try Workbook.open(path: fixture("columna-xfd.xlsx"))
        let reader = try book.rows(ofSheet: 0)
        let first = try #require(try reader.next())
        #expect(first.cells == [Cell(column: 0, value: .number(1)), Cell(column: 16_383, value: .number(2))])
        let last = try #require(try reader.next())
        #expect(last.index == 1_048_575)
        #expect(last.cells == [Cell(column: 1, value: .number(3))])
        #expect(try reader.next() == nil)
        let run = try runInforme(["volcar", "--resumen", fixture("columna-xfd.xlsx")])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"rows\": 2, \"cells\": 3, \"numbers\": 3, \"sum\": 6.0"))
        #expect(run.peakMiB < 64)
    }

    @Test func deepNestingStops() {
        guard case .malformedXML(let part, _, let detail)? = problem("anidamiento-profundo.xlsx") else {
            Issue.record("debería rechazarse por anidamiento")
            return
        }
        #expect(part == "xl/worksheets/sheet1.xml")
        #expect(detail == "los elementos se anidan a más de 256 niveles")
    }

    @Test func invalidUTF8InXML() {
        #expect(
            problem("utf8-invalido.xlsx")
                == .malformedXML(
                    part: "xl/worksheets/sheet1.xml", line: 1,
                    detail: "contiene bytes que no son texto válido en su codificación (UTF-8 o UTF-16)"))
    }

    @Test func passwordProtectedAndLegacyXLS() throws {
        // A CFB container: magic, then an EncryptionInfo directory name in UTF-16LE.
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var cfb: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let encrypted = dir.appendingPathComponent("cifrado.xlsx")
        try Data(cfb + Array("EncryptionInfo".utf16.flatMap { [UInt8($0), 0] })).write(to: encrypted)
        #expect(spreadsheetError { _ = try readAll(encrypted.path) }?.problem == .passwordProtected)
        cfb += Array("Workbook".utf16.flatMap { [UInt8($0), 0] })
        let legacy = dir.appendingPathComponent("viejo.xls")
        try Data(cfb).write(to: legacy)
        #expect(spreadsheetError { _ = try readAll(legacy.path) }?.problem == .legacyXLS)
    }

    @Test func zipBombDeclaredIsRefusedBeforeInflating() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var zip = TestZip.workbook(sheetData: "")
        zip.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        zip.addZeros("xl/worksheets/sheet1.xml", count: 400 << 20)
        let path = dir.appendingPathComponent("bomba.xlsx")
        try zip.write(to: path)
        let error = spreadsheetError { _ = try readAll(path.path) }
        guard case .zipBomb(let part, _)? = error?.problem else {
            Issue.record("debería rechazarse como bomba: \(String(describing: error))")
            return
        }
        #expect(part == "xl/worksheets/sheet1.xml")
        let run = try runInforme(["volcar", "--resumen", path.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("posible bomba ZIP"))
        #expect(run.peakMiB < 64)
    }

    @Test func zipBombThatLiesAboutItsSizeIsStopped() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var zip = TestZip.workbook(sheetData: "")
        zip.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        zip.addZeros("xl/worksheets/sheet1.xml", count: 200 << 20, declaredSize: 4096)
        let path = dir.appendingPathComponent("bomba-mentirosa.xlsx")
        try zip.write(to: path)
        let error = spreadsheetError { _ = try readAll(path.path) }
        guard case .zipBomb(_, let detail)? = error?.problem else {
            Issue.record("debería detenerse al pasar el tamaño declarado: \(String(describing: error))")
            return
        }
        #expect(detail.contains("más allá de los 4 KB que declara"))
        let run = try runInforme(["volcar", "--resumen", path.path])
        #expect(run.status == 1)
        #expect(run.peakMiB < 64)
    }

    @Test func sheetWithoutContent() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var zip = TestZip.workbook(sheetData: "")
        zip.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        let path = dir.appendingPathComponent("sin-hoja.xlsx")
        try zip.write(to: path)
        #expect(spreadsheetError { _ = try readAll(path.path) }?.problem == .sheetNotFound("Hoja1"))
    }

    @Test func emptyAndMissingFiles() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("vacio.xlsx")
        try Data().write(to: empty)
        #expect(spreadsheetError { _ = try readAll(empty.path) }?.problem == .emptyFile)
        #expect(
            spreadsheetError { _ = try readAll(dir.appendingPathComponent("no-existe.xlsx").path) }?.problem
                == .fileNotFound)
    }
}
