import Spreadsheet
import Testing

@Suite("Cell references, dates and number formats")
struct CellValueTests {
    @Test(arguments: [
        ("A1", 0, 0), ("E12", 11, 4), ("$AA$3", 2, 26), ("XFD1048576", 1_048_575, 16_383), ("xfd1", 0, 16_383),
    ])
    func references(_ text: String, _ row: Int, _ column: Int) throws {
        let ref = try CellReference(parsing: text)
        #expect(ref.row == row)
        #expect(ref.column == column)
    }

    @Test(arguments: ["XFE1", "A1048577", "A0", "1A", "", "ABCD1", "A-1"])
    func badReferences(_ text: String) {
        #expect(throws: ReferenceError.self) { try CellReference(parsing: text) }
    }

    @Test func columnNames() {
        #expect(CellReference.columnName(0) == "A")
        #expect(CellReference.columnName(25) == "Z")
        #expect(CellReference.columnName(26) == "AA")
        #expect(CellReference.columnName(16_383) == "XFD")
        #expect(CellReference(row: 11, column: 4).a1 == "E12")
    }

    @Test func serialDates1900() {
        let system = DateSystem.date1900
        #expect(system.dateTime(fromSerial: 1)?.isoText == "1900-01-01")
        #expect(system.dateTime(fromSerial: 59)?.isoText == "1900-02-28")
        #expect(system.dateTime(fromSerial: 60)?.isoText == "1900-02-29")  // Lotus' phantom day
        #expect(system.dateTime(fromSerial: 61)?.isoText == "1900-03-01")
        #expect(system.dateTime(fromSerial: 42_736)?.isoText == "2017-01-01")
        #expect(system.dateTime(fromSerial: 42_736.5)?.isoText == "2017-01-01T12:00:00")
        #expect(system.dateTime(fromSerial: 0.75)?.isoText == "18:00:00")
        #expect(system.dateTime(fromSerial: 37_653.170_208_437_5)?.isoText == "2003-02-01T04:05:06.009")
        #expect(system.dateTime(fromSerial: -1) == nil)
    }

    @Test func serialDates1904() {
        #expect(DateSystem.date1904.dateTime(fromSerial: 1)?.isoText == "1904-01-02")
        #expect(DateSystem.date1904.dateTime(fromSerial: 41_274)?.isoText == "2017-01-01")
    }

    @Test func durations() {
        #expect(CellValue.duration(918_610).normalizedText == "PT918610S")
    }

    @Test(
        arguments: [
            (14, nil, NumberFormatKind.date), (22, nil, .date), (46, nil, .duration), (0, nil, .number),
            (10, nil, .number),
            (164, "yyyy\\-mm\\-dd", .date), (165, "[hh]:mm:ss", .duration), (166, "0.00;[Red]-0.00", .number),
            (167, "\"Día\" 0", .number), (168, "General", .number), (169, "d/m/yyyy h:mm AM/PM", .date),
            (170, "[$-80A]dddd, d \"de\" mmmm \"de\" yyyy", .date), (171, "#,##0.00 \"mm\"", .number),
            (172, "0.00E+00", .number),
        ] as [(Int, String?, NumberFormatKind)])
    func numberFormats(_ id: Int, _ code: String?, _ kind: NumberFormatKind) {
        #expect(NumberFormatKind.classify(id: id, code: code) == kind)
    }

    @Test func isoDates() {
        #expect(ISODate.parse("2017-03-05")?.isoText == "2017-03-05")
        #expect(ISODate.parse("2017-03-05T10:20:30.5Z")?.isoText == "2017-03-05T10:20:30.500")
        #expect(ISODate.parse("2017-02-30") == nil)
        #expect(ISODate.parse("10:20")?.isoText == "10:20:00")
        #expect(ISODate.parse("mañana") == nil)
    }

    @Test func textInference() {
        #expect(CellValue.text("12").inferredFromText == .number(12))
        #expect(CellValue.text("-3.5").inferredFromText == .number(-3.5))
        #expect(CellValue.text("09").inferredFromText == .text("09"))
        #expect(CellValue.text("1e5").inferredFromText == .text("1e5"))
        #expect(CellValue.text("2017-01-31").inferredFromText == .date(LocalDateTime(year: 2017, month: 1, day: 31)))
    }
}

/// A row's cell by column: in a row filled from column A, and in a sparse one.
@Suite("Celdas de una fila por columna")
struct RowSubscriptTests {
    @Test func densaYDispersa() {
        let densa = Row(index: 0, cells: (0..<5).map { Cell(column: $0, value: .number(Double($0))) })
        for c in 0..<5 { #expect(densa[c] == .number(Double(c))) }
        #expect(densa[5] == nil && densa[-1] == nil)
        // Columns B, C and F only: the cell at place 1 is column C, not B's.
        let dispersa = Row(
            index: 3, cells: [1, 2, 5].map { Cell(column: $0, value: .text("c\($0)")) })
        #expect(dispersa[0] == nil)
        #expect(dispersa[1] == .text("c1") && dispersa[2] == .text("c2") && dispersa[5] == .text("c5"))
        #expect(dispersa[3] == nil && dispersa[4] == nil && dispersa[6] == nil && dispersa[99] == nil)
        #expect(Row(index: 0, cells: [])[0] == nil)
    }
}
