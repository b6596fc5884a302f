import ApoyoPruebas
import Foundation
import Spreadsheet
import Testing

/// The defects found around a fuzzing campaign (two crashes, two amplifications, an unbounded row
/// count), each with its own fixtures and the exact outcome.
@Suite("Reader hardening")
struct HardeningTests {
    func fixture(_ name: String) -> String { Paths.fixtures.appendingPathComponent(name).path }

    /// Every value's `normalizedText`, as the validator reads them (the crash was there).
    func texts(_ path: String, limits: ZipLimits = ZipLimits()) throws -> [[String]] {
        let book = try Workbook.open(path: path, limits: limits)
        var out: [[String]] = []
        for i in book.sheets.indices {
            let reader = try book.rows(ofSheet: i)
            while let row = try reader.next() { out.append(row.cells.map(\.value.normalizedText)) }
        }
        return out
    }

    @Test func negativeAndOversizedStyleIndexesAreTheDefaultStyle() throws {
        let sheets = try readAll(fixture("estilo-negativo.xlsx"))
        // s="-1", "-2147483648", "99999999999", "+1": plain numbers; s="1" is numFmt 14, a date.
        #expect(
            sheets[0].rows == [
                [
                    .number(1), .number(2), .number(3), .number(4),
                    .date(LocalDateTime(year: 1900, month: 1, day: 5)),
                ]
            ])
    }

    @Test func hugeNumbersInDateTimeAndDurationFormatsStayNumbers() throws {
        let sheets = try readAll(fixture("duracion-enorme.xlsx"))
        let rows = sheets[0].rows
        #expect(rows.count == 6)
        // Columns: numFmt 46 ([h]:mm:ss), 21 (hh:mm:ss), 14, 22, 45, 47, custom [h]:mm:ss, custom date.
        for column in 0..<8 {
            #expect(rows[0][column] == .number(1e300), "1e300, columna \(column)")
            #expect(rows[1][column] == .number(-1e300), "-1e300, columna \(column)")
            #expect(rows[2][column] == .number(.greatestFiniteMagnitude), "máximo, columna \(column)")
        }
        // -1 day: a negative duration is still a duration; before 1900 there are no dates.
        #expect(rows[3][0] == .duration(-86_400))
        #expect(rows[3][6] == .duration(-86_400))
        #expect(rows[3][2] == .number(-1))
        // 4e15 days is 3.5e20 s: past any integer clock, so the number as stored.
        #expect(rows[4][0] == .number(4e15))
        // 2958466 is one day past 9999-12-31.
        #expect(rows[5][2] == .number(2_958_466))
        // normalizedText of every value is total (no trap), and durations print whole seconds.
        let all = try texts(fixture("duracion-enorme.xlsx"))
        #expect(all[3][0] == "PT-86400S")
        #expect(all[0][0] == "1e+300")
    }

    @Test func durationTextIsTotal() {
        for seconds in [1e300, -1e300, 9.3e18, -9.3e18, .infinity, -.infinity, .nan, 0.5, 12] {
            let text = CellValue.duration(seconds).normalizedText
            #expect(text.hasPrefix("PT") && text.hasSuffix("S"))
        }
        #expect(CellValue.duration(12).normalizedText == "PT12S")
        #expect(CellValue.duration(days: 1e300) == nil)
        #expect(CellValue.duration(days: 1) == .duration(86_400))
    }

    @Test func hugeDurationDumpsWithoutASignal() throws {
        let run = try runInforme(["volcar", fixture("duracion-enorme.xlsx")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1e+300"))
    }

    @Test func unnumberedRowsCannotPassTheLastRow() {
        let error = spreadsheetError { _ = try texts(fixture("filas-sin-numero.xlsx")) }
        #expect(error?.problem == .cellOutOfRange(sheet: "Victimas", reference: "fila 1048577"))
    }

    @Test func unnumberedRowsAfterANumberedOneCountFromIt() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("ultima-fila.xlsx")
        try TestZip.workbook(sheetData: #"<row r="1048575"><c><v>1</v></c></row><row><c><v>2</v></c></row><row/>"#)
            .write(to: path)
        let error = spreadsheetError { _ = try readAll(path.path) }
        #expect(error?.problem == .cellOutOfRange(sheet: "Hoja1", reference: "fila 1048577"))
    }

    /// A workbook with `count` sheets; `target(i)` is the part sheet i points at.
    func manySheets(_ count: Int, part: String, target: (Int) -> String = { _ in "worksheets/sheet1.xml" }) -> TestZip {
        var zip = TestZip.workbook(sheetData: "")
        zip.entries.removeAll { $0.name != "_rels/.rels" }
        var sheets = ""
        var rels = ""
        for i in 0..<count {
            sheets += #"<sheet name="H\#(i)" sheetId="\#(i + 1)" r:id="rId\#(i)"/>"#
            rels +=
                #"<Relationship Id="rId\#(i)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="\#(target(i))"/>"#
        }
        zip.add(
            "xl/workbook.xml",
            #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
                + sheets + "</sheets></workbook>")
        zip.add(
            "xl/_rels/workbook.xml.rels",
            #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
                + rels + "</Relationships>")
        zip.add(
            "xl/worksheets/sheet1.xml",
            #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
                + part + "</sheetData></worksheet>")
        return zip
    }

    @Test func eightyThousandSheetsOpenInLinearTime() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("muchas-hojas.xlsx")
        try manySheets(80_000, part: "").write(to: path)
        let size = try FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int ?? 0
        #expect(size < 1 << 20)
        let start = Date()
        let book = try Workbook.open(path: path.path)
        // Quadratic lookups took about a minute here; linear ones take well under a second. The bound
        // is loose on purpose (a shared machine, a debug build): it only catches the quadratic case.
        #expect(Date().timeIntervalSince(start) < 15)
        #expect(book.sheets.count == 80_000)
        #expect(book.sheets.last?.name == "H79999")
    }

    @Test func manySheetsOnOneLargePartSpendTheFilesBudget() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("hojas-misma-parte.xlsx")
        // About 2 MB of cells, named by 1,000 sheets: 2 GB of work from a file of a few KB.
        let cells = String(repeating: "<c><v>7</v></c>", count: 100)
        try manySheets(1_000, part: String(repeating: "<row>\(cells)</row>", count: 1_300)).write(to: path)
        var limits = ZipLimits()
        limits.maxTotalSize = 16 << 20
        let error = spreadsheetError { _ = try texts(path.path, limits: limits) }
        #expect(
            error?.problem
                == .workLimit(detail: "entre todas sus partes habría que descomprimir más de 16 MB"))
        #expect(error?.message.contains("se rechaza por seguridad") == true)

        // XML events are budgeted the same way.
        limits = ZipLimits()
        limits.maxTotalXMLEvents = 1_000_000
        let events = spreadsheetError { _ = try texts(path.path, limits: limits) }
        #expect(
            events?.problem
                == .workLimit(detail: "entre todas sus partes tiene más de 1,000,000 elementos y textos XML"))
    }

    @Test func thousandsOfTinyRereadsSpendTheDefaultBudget() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("miles-de-hojas.xlsx")
        try manySheets(6_000, part: "<row><c><v>1</v></c></row>").write(to: path)
        let run = try runInforme(["volcar", "--resumen", path.path])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("se rechaza por seguridad: entre todas sus partes habría que descomprimir más de 1 GB"))
        #expect(run.peakMiB < 128)
    }

    @Test func aSheetIndexOutsideTheBookIsAnError() throws {
        let book = try Workbook.open(path: fixture("valido.xlsx"))
        let error = spreadsheetError { _ = try book.rows(ofSheet: 5) }
        #expect(error?.problem == .sheetNotFound("#6"))
        #expect(spreadsheetError { _ = try book.rows(ofSheet: -1) }?.problem == .sheetNotFound("#0"))
    }
}

/// Workbooks in the 1904 date system as Excel for Mac 16 writes them.
@Suite("Sistema de fechas 1904")
struct Fechas1904Tests {
    @Test(arguments: ["mac-1904.xlsx", "mac-1904-fallback.xlsx"])
    func fechasEnElSistema1904(_ nombre: String) throws {
        let path = Paths.fixtures.appendingPathComponent(nombre).path
        let book = try Workbook.open(path: path)
        #expect(book.dateSystem == .date1904)
        let sheets = try readAll(path)
        // 42,000 days after 1904-01-01 (in the 1900 system it would be 2014-12-27).
        #expect(sheets[0].rows == [[.date(LocalDateTime(year: 2018, month: 12, day: 28)), .number(42_000)]])
    }
}

/// A failed open must close its file once: closing it again from deinit could close a file that
/// another thread has just opened with the same number (seen as a rare "Bad file descriptor").
@Suite("Descriptores de archivo")
struct DescriptoresTests {
    @Test func abrirArchivosRotosNoCierraLosDeOtros() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let roto = dir.appendingPathComponent("roto.xlsx")
        // A ZIP end record that points nowhere: the central directory read fails after open().
        try Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0xFF, count: 18)).write(to: roto)
        let bueno = dir.appendingPathComponent("bueno.txt")
        try Data(repeating: 65, count: 4096).write(to: bueno)
        let fallos = Contador()
        let grupo = DispatchGroup()
        for _ in 0..<3 {
            DispatchQueue.global().async(group: grupo) {
                for _ in 0..<3000 { _ = try? ZipArchive(path: roto.path) }
            }
        }
        DispatchQueue.global().async(group: grupo) {
            for _ in 0..<6000 {
                let fd = open(bueno.path, O_RDONLY)
                var buffer = [UInt8](repeating: 0, count: 4096)
                usleep(10)
                let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 4096, 0) }
                if n != 4096 { fallos.sumar() }
                close(fd)
            }
        }
        grupo.wait()
        #expect(fallos.valor == 0)
    }
}
