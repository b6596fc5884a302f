import Foundation
import Spreadsheet
import Testing

/// Features of the XLSX format that real writers use, on workbooks built here.
@Suite("XLSX features")
struct XLSXFeatureTests {
    func read(_ zip: TestZip) throws -> [[CellValue?]] {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("libro.xlsx")
        try zip.write(to: path)
        return try readAll(path.path)[0].rows
    }

    @Test func cellTypesWithoutReferences() throws {
        let rows = try read(
            TestZip.workbook(
                sheetData: """
                    <row><c t="s"><v>0</v></c><c t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c>\
                    <c t="str"><f>A1&amp;"x"</f><v>Mujerx</v></c><c t="d"><v>2017-05-04T00:00:00</v></c>\
                    <c t="inlineStr"><is><r><t>a_x000D_</t></r><r><t xml:space="preserve"> b</t></r><rPh><t>ふ</t></rPh></is></c>\
                    <c><v>1.5E3</v></c></row><row><c r="C2"><v>-7</v></c></row>
                    """,
                sharedStrings: ["Mujer"]))
        #expect(
            rows == [
                [
                    .text("Mujer"), .bool(true), .error("#DIV/0!"), .text("Mujerx"),
                    .date(LocalDateTime(year: 2017, month: 5, day: 4)), .text("a\r b"), .number(1500),
                ],
                [nil, nil, .number(-7)],
            ])
    }

    @Test func utf16PartsBackslashNamesAndCase() throws {
        var zip = TestZip.workbook(sheetData: "")
        zip.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        let xml = """
            <?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>Niña</t></is></c></row></sheetData></worksheet>
            """
        // UTF-16LE with BOM, stored under a backslashed, upper-case name.
        zip.add("XL\\Worksheets\\Sheet1.xml", [0xFF, 0xFE] + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(try read(zip) == [[], [nil, .text("Niña")]])
    }

    @Test func strictNamespacesAndDateStyles() throws {
        var zip = TestZip()
        zip.add(
            "_rels/.rels",
            """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="r1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" \
            Target="/xl/workbook.xml"/></Relationships>
            """)
        zip.add(
            "xl/workbook.xml",
            """
            <x:workbook xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main" \
            xmlns:rel="http://purl.oclc.org/ooxml/officeDocument/relationships"><x:workbookPr date1904="1"/>\
            <x:sheets><x:sheet name="Oculta" sheetId="1" state="hidden" rel:id="a"/></x:sheets></x:workbook>
            """)
        zip.add(
            "xl/_rels/workbook.xml.rels",
            """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="a" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="hojas/h.xml"/>\
            <Relationship Id="b" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/styles" Target="estilos.xml"/>\
            </Relationships>
            """)
        zip.add(
            "xl/estilos.xml",
            """
            <x:styleSheet xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main"><x:numFmts>\
            <x:numFmt numFmtId="170" formatCode="dd/mm/yyyy"/></x:numFmts><x:cellXfs><x:xf numFmtId="0"/>\
            <x:xf numFmtId="170"/><x:xf numFmtId="46"/></x:cellXfs></x:styleSheet>
            """)
        zip.add(
            "xl/hojas/h.xml",
            """
            <x:worksheet xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main"><x:sheetData><x:row r="1">\
            <x:c r="A1" s="1"><x:v>41274</x:v></x:c><x:c r="B1" s="2"><x:v>1.5</x:v></x:c><x:c r="C1" s="0"><x:v>41274</x:v></x:c>\
            </x:row></x:sheetData></x:worksheet>
            """)
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("estricto.xlsx")
        try zip.write(to: path)
        let book = try Workbook.open(path: path.path)
        #expect(book.sheets == [SheetInfo(name: "Oculta", visibility: .hidden, kind: .worksheet)])
        let rows = try readAll(path.path)[0].rows
        #expect(rows == [[.date(LocalDateTime(year: 2017, month: 1, day: 1)), .duration(129_600), .number(41_274)]])
    }
}
