import ApoyoPruebas
import Foundation
import Spreadsheet
import Testing

/// OpenDocument spreadsheets: the same reading rules, dates and limits as XLSX.
@Suite("OpenDocument (.ods)")
struct ODSTests {
    func fixture(_ name: String) -> String { Paths.fixtures.appendingPathComponent(name).path }

    @Test func valoresTiposYRepeticiones() throws {
        let book = try Workbook.open(path: fixture("valido.ods"))
        #expect(book.format == .ods)
        #expect(book.sheets.map(\.name) == ["Victimas", "Otra"])
        let sheets = try readAll(fixture("valido.ods"))
        #expect(
            sheets[0].rows == [
                [.text("Sexo"), .text("Edad"), .text("Fecha"), .text("Hora"), .text("Rescatada")],
                [
                    .text("Mujer"), .number(34), .date(LocalDateTime(year: 2017, month: 3, day: 5)),
                    .date(
                        LocalDateTime(
                            year: 0, month: 0, day: 0, hour: 10, minute: 20, second: 30, millisecond: 0,
                            isTimeOnly: true)),
                    .bool(true),
                ],
                // Repeated empty cells only move the column; the comment is not part of the value.
                [nil, nil, nil, nil, .text("Ni  ño\nsegunda")],
            ])
        // The empty rows repeated to the end of the sheet cost nothing and yield no row.
        #expect(sheets[1].rows == [[.number(1.5), .number(1.5)], [.number(1.5), .number(1.5)]])
    }

    @Test func limitesComoEnXLSX() {
        func problema(_ nombre: String) -> SpreadsheetError.Problem? {
            spreadsheetError { _ = try readAll(fixture(nombre)) }?.problem
        }
        #expect(problema("ods-columna-fuera.ods") == .cellOutOfRange(sheet: "Hoja1", reference: "columna 16385"))
        #expect(problema("ods-fila-fuera.ods") == .cellOutOfRange(sheet: "Hoja1", reference: "fila 1048577"))
        #expect(problema("ods-doctype.ods") == .forbiddenDTD(part: "content.xml"))
        #expect(problema("ods-mimetype-ajeno.ods") == .unknownFormat)
        #expect(problema("ods-sin-contenido.ods") == .missingPart("content.xml"))
        guard case .workLimit? = problema("ods-bomba-repeticion.ods") else {
            Issue.record("una repetición de 17 mil millones de celdas debe agotar el presupuesto")
            return
        }
    }

    @Test func bombaDeRepeticionNoConsumeMemoria() throws {
        let run = try runInforme(["volcar", "--resumen", fixture("ods-bomba-repeticion.ods")])
        #expect(run.status == 1)
        #expect(run.stderr.contains("se rechaza por seguridad"))
        #expect(run.peakMiB < 128)
    }

    @Test func elLegadoXLSSigueConSuMensaje() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let xls = dir.appendingPathComponent("viejo.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: xls)
        #expect(spreadsheetError { _ = try readAll(xls.path) }?.problem == .legacyXLS)
    }
}

/// Files the ODS fuzz harness found slow (before the cap on repeated cells), kept as named fixtures.
@Suite("Hallazgos del fuzzing de ODS")
struct HallazgosFuzzODSTests {
    func fixture(_ name: String) -> String { Paths.fixtures.appendingPathComponent(name).path }

    @Test func unMillonDeFilasRepetidasSeRechazaDePrisa() throws {
        let error = spreadsheetError { _ = try readAll(fixture("fuzz-ods-filas-repetidas.ods")) }
        #expect(error?.problem == .workLimit(detail: "repite celdas con valor más de 1,000,000 veces"))
        let run = try runInforme(["volcar", "--resumen", fixture("fuzz-ods-filas-repetidas.ods")])
        #expect(run.status == 1)
        #expect(run.peakMiB < 128)
    }

    @Test func unZipRotoEsUnErrorClaro() {
        let error = spreadsheetError { _ = try readAll(fixture("fuzz-ods-zip-roto.ods")) }
        #expect(error?.message.hasPrefix("No se pudo leer «") == true)
    }
}
